// Browser test of 监督检查 / 抽查 (run.mjs calls it with its helpers): the city issues a spot check of
// 信州区's gas users through the dialog; the county assigns one item to its inspector; the
// enterprise's own inspection of that user says 合格; the inspector, on a phone-sized screen with a
// position near the user, answers the checklist with one 不符合 while offline, sees 待上传, comes back
// online, loses the server's first answer on the way (the result is stored, the phone does not
// know) and sends again: the server keeps the result once, with one hazard. The city then sees the
// county's progress, the result with its map, and the discrepancy with the enterprise's record.

import assert from 'node:assert/strict'
import { join } from 'node:path'

const CITY_USER = 'city-admin'
const COUNTY_USER = 'county-361102'
const COUNTY_CODE = '361102'
const COUNTY_NAME = '信州区'
const INSPECTOR = 'inspector-361102'
const INSPECTOR_NAME = '信州区检查员'
/** The checklist point answered 不符合 (燃气用户入户安全抽查, the third). */
const FAILED_POINT = 'aged_rubber_hose'
const FAILED_TEXT = '连接软管无老化、龟裂'

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
/** A day `days` after today in Shanghai, YYYY-MM-DD. */
const dayAfter = (days) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))

/**
 * @param {object} h helpers of run.mjs: chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir,
 *   flow, shot, sel, inputOf, login, logout, listLoaded, apiGet
 */
export async function supervisionFlows(h) {
  const { chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet } = h

  /** Wait for the answer of a request of `method` to a path matching `path` (a RegExp on the pathname). */
  function answer(page, method, path) {
    const r = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: TIMEOUT })
    r.catch(() => {})
    return r
  }

  async function chooseOption(page, selectTest, label) {
    await page.locator(sel(selectTest)).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  }

  /** A phone screenshot of what is on the screen (the bars stay where they are). */
  async function phoneShot(page, name) {
    await page.screenshot({ path: join(shotsDir, `${name}.png`) })
  }

  /** POST with the page's session and its CSRF token. */
  async function apiPost(page, path, body) {
    const token = await page.evaluate(() => sessionStorage.getItem('ranjian.csrf'))
    const r = await page.request.post(`${BASE_URL}/api/v1${path}`, { data: body, headers: { 'X-CSRF-Token': token ?? '' } })
    return { status: r.status(), body: await r.json().catch(() => null) }
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    desk.setDefaultTimeout(TIMEOUT)
    const page = await desk.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(e))

    const title = `监督抽查（浏览器测试）${Date.now().toString(36)}`
    const deadline = dayAfter(30)
    /** The city task, its 信州区 part and the item given to the inspector. */
    let task = null
    let part = null
    let item = null

    await flow(`监督检查 ${CITY_USER}：下达任务`, page, [
      [
        'the task list shows the tasks with their progress',
        async () => {
          await listLoaded(page, '/industry/enterprises', () => login(page, CITY_USER, PASSWORD))
          const data = await listLoaded(page, '/safety/supervision/tasks', () => page.locator(sel('menu-supervision')).click())
          await page.waitForURL(/\/safety\/supervision$/)
          assert.ok(data.total > 0, 'no tasks in the demo')
          const rows = page.locator(`${sel('task-table')} .el-table__body .el-table__row`)
          assert.equal(await rows.count(), Math.min(20, data.items.length))
          const first = data.items[0]
          assert.equal((await rows.first().locator(sel('cell-code')).innerText()).trim(), first.code)
          assert.equal((await rows.first().locator(sel('cell-progress')).innerText()).trim().startsWith(`${first.done} / ${first.total}`), true)
          await shot(page, 'sv-01-task-list')
        },
      ],
      [
        'the issue dialog shows the checklist and says what is missing',
        async () => {
          await page.locator(sel('task-issue')).click()
          const dialog = page.locator(sel('issue-dialog'))
          await dialog.waitFor()
          await chooseOption(page, 'issue-template', '燃气用户入户安全抽查')
          await dialog.locator(sel('issue-points')).locator('.el-collapse-item__header').click()
          await dialog.locator(sel('issue-points')).getByText(FAILED_TEXT).waitFor()
          await inputOf(page, 'issue-title').fill(title)
          // Only 信州区: all off, then the one.
          await dialog.locator(sel('issue-counties-all')).click()
          await dialog.locator(sel(`issue-county-${COUNTY_CODE}`)).click()
          await inputOf(page, 'issue-sample-size').fill('2')
          await inputOf(page, 'issue-sample-size').press('Tab')
          await dialog.locator(sel('issue-submit')).click()
          await dialog.locator('.el-form-item__error', { hasText: '请选择完成期限' }).waitFor()
          await shot(page, 'sv-02-issue-missing-deadline')
        },
      ],
      [
        'issues the task to 信州区 and opens it with the county part',
        async () => {
          const dialog = page.locator(sel('issue-dialog'))
          // The date picker's data-test does not reach its input.
          const date = dialog.getByPlaceholder('选择完成期限')
          await date.fill(deadline)
          await date.press('Enter')
          await dialog.locator('.el-dialog__header').click()
          await shot(page, 'sv-03-issue-dialog')
          const created = answer(page, 'POST', /\/api\/v1\/safety\/supervision\/tasks$/)
          await dialog.locator(sel('issue-submit')).click()
          const r = await created
          assert.equal(r.status(), 201, `POST tasks answered ${r.status()}`)
          task = await r.json()
          assert.equal(task.title, title)
          assert.equal(task.subtasks.length, 1)
          assert.equal(task.subtasks[0].region_code, COUNTY_CODE)
          assert.equal(task.total, 2)
          part = task.subtasks[0]
          await page.waitForURL(new RegExp(`/safety/supervision/tasks/${task.id}$`))
          const rows = page.locator(`${sel('subtask-table')} .el-table__body .el-table__row`)
          await rows.first().waitFor()
          assert.equal(await rows.count(), 1)
          assert.equal((await rows.first().locator(sel('cell-region')).innerText()).trim(), COUNTY_NAME)
          assert.equal((await rows.first().locator(sel('cell-progress')).innerText()).trim(), '0 / 2（0.0%）')
          assert.equal((await page.locator(sel('summary-pending')).innerText()).trim(), '2')
          await shot(page, 'sv-04-city-task')
          await logout(page)
        },
      ],
    ])

    await flow(`监督检查 ${COUNTY_USER}：分派检查项`, page, [
      [
        'the county sees its part of the city task',
        async () => {
          assert.ok(part, 'no task issued')
          await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
          await listLoaded(page, '/safety/supervision/tasks', () => page.goto(`${BASE_URL}/safety/supervision?q=${encodeURIComponent(part.code)}`))
          const row = page.locator(`${sel('task-table')} .el-table__row`, { hasText: part.code }).first()
          await row.waitFor()
          assert.equal((await row.locator(sel('cell-pending')).innerText()).trim(), '2')
          await shot(page, 'sv-05-county-list')
          await row.locator(sel('cell-title')).click()
          await page.waitForURL(new RegExp(`/safety/supervision/tasks/${part.id}$`))
          await page.locator(`${sel('item-table')} .el-table__body .el-table__row`).first().waitFor()
          assert.equal(await page.locator(`${sel('item-table')} .el-table__body .el-table__row`).count(), 2)
        },
      ],
      [
        'assigns one item to the inspector',
        async () => {
          const first = page.locator(`${sel('item-table')} .el-table__body .el-table__row`).first()
          const label = (await first.locator(sel('cell-target')).innerText()).trim()
          await first.locator('.el-checkbox').click()
          await chooseOption(page, 'assignee-select', INSPECTOR_NAME)
          const assigned = answer(page, 'POST', new RegExp(`/api/v1/safety/supervision/tasks/${part.id}/assign$`))
          await page.locator(sel('assign-submit')).click()
          const r = await assigned
          assert.equal(r.status(), 200, `assign answered ${r.status()}`)
          const detail = await r.json()
          item = detail.items.find((i) => i.state === 'assigned')
          assert.ok(item, 'nothing assigned')
          assert.equal(item.target_label, label)
          assert.equal(item.assignee_name, INSPECTOR_NAME)
          const row = page.locator(`${sel('item-table')} .el-table__row`, { hasText: label }).first()
          await row.locator(sel('cell-state'), { hasText: '已分派' }).waitFor()
          assert.equal((await row.locator(sel('cell-assignee')).innerText()).trim(), INSPECTOR_NAME)
          assert.equal((await page.locator(sel('summary-assigned')).innerText()).trim(), '1')
          // The selection is cleared once assigned.
          await page.waitForFunction((s) => !document.querySelector(`${s} .el-table__body .el-checkbox.is-checked`), sel('item-table'))
          await page.waitForTimeout(300)
          await shot(page, 'sv-06-county-assigned')
        },
      ],
      [
        "the enterprise's own inspection of the user says 合格",
        async () => {
          const user = await apiGet(page, `/industry/gas-users/${item.target_id}`)
          const ent = await apiGet(page, `/industry/enterprises/${item.enterprise_id}`)
          const r = await apiPost(page, '/safety/home-inspections/batch', [
            {
              enterprise_code: ent.code,
              record_no: `E2E-SV-${Date.now()}`,
              account_no: user.account_no,
              inspected_on: todayShanghai(),
              inspector: '王安检',
              outcome: '合格',
            },
          ])
          assert.equal(r.status, 200, `batch answered ${r.status}: ${JSON.stringify(r.body)}`)
          assert.deepEqual(r.body.errors, [])
          assert.equal(r.body.inserted, 1)
        },
      ],
    ])

    // The inspector's phone: a small touch screen, its position near the checked user.
    const near = item && item.target_lat !== null ? { latitude: item.target_lat + 0.0002, longitude: item.target_lng, accuracy: 12 } : { latitude: 28.45, longitude: 117.94, accuracy: 12 }
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      permissions: ['geolocation'],
      geolocation: near,
    })
    phone.setDefaultTimeout(TIMEOUT)
    const m = await phone.newPage()
    const phoneErrors = []
    m.on('pageerror', (e) => phoneErrors.push(e))
    /** The client_uuid of every result request the phone made. */
    const uploads = []
    m.on('request', (r) => {
      if (r.method() === 'POST' && /\/items\/\d+\/result$/.test(new URL(r.url()).pathname)) uploads.push(r.postDataJSON()?.client_uuid)
    })
    let lost = 0

    await flow(`监督检查 ${INSPECTOR}：手机端离线检查`, m, [
      [
        'the phone UI asks to log in and comes back to 我的检查',
        async () => {
          assert.ok(item, 'no item assigned')
          await m.goto(`${BASE_URL}/m`)
          await m.waitForURL(/\/login\?redirect=(%2F|\/)m$/)
          await m.locator(sel('login-submit')).waitFor()
          await phoneShot(m, 'sv-09-phone-login')
          await inputOf(m, 'login-username').fill(INSPECTOR)
          await inputOf(m, 'login-password').fill(PASSWORD)
          await m.locator(sel('login-submit')).click()
          await m.waitForURL(/\/m$/)
          const cell = m.locator(`${sel('m-item')}[data-item-id="${item.id}"]`)
          await cell.waitFor()
          assert.match(await cell.innerText(), new RegExp(item.target_label.split(' ').pop()))
          assert.match(await cell.innerText(), /待检查/)
          await phoneShot(m, 'sv-10-phone-list')
        },
      ],
      [
        'the item shows the place, the distance from it and the checklist',
        async () => {
          await m.locator(`${sel('m-item')}[data-item-id="${item.id}"]`).click()
          await m.waitForURL(new RegExp(`/m/items/${item.id}$`))
          assert.equal((await m.locator(sel('m-target-label')).innerText()).trim(), item.target_label)
          const distance = m.locator(sel('m-distance-value'))
          await distance.waitFor()
          const metres = Number((await distance.innerText()).replace(/[^0-9]/g, ''))
          assert.match(await distance.innerText(), /^\d+ 米$/)
          assert.ok(metres > 5 && metres < 60, `distance ${metres} m`)
          assert.equal(await m.locator(sel('m-point')).count(), 8)
          await phoneShot(m, 'sv-11-phone-item')
        },
      ],
      [
        'answers the checklist with one 不符合, a note and a photo',
        async () => {
          await m.locator(`${sel('m-point')}[data-point="${FAILED_POINT}"] ${sel('m-answer-fail')}`).click()
          await m.locator(sel('m-fill-ok')).click()
          await m.locator(`${sel('m-note')} textarea`).fill('连接软管老化龟裂，已告知用户立即更换')
          await m.locator(`${sel('m-photo-input')} input[type=file]`).setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG_1X1 })
          await m.locator(sel('m-photo-thumb')).waitFor()
          assert.equal(await m.locator(`${sel('m-point')} ${sel('m-answer-ok')}.active`).count(), 7)
          await m.locator(`${sel('m-point')}[data-point="${FAILED_POINT}"]`).scrollIntoViewIfNeeded()
          await phoneShot(m, 'sv-12-phone-checklist')
        },
      ],
      [
        'offline, the result waits on the phone (待上传)',
        async () => {
          await phone.setOffline(true)
          await m.locator(sel('m-offline')).waitFor()
          await m.locator(sel('m-submit')).click()
          await m.locator(sel('m-upload-state'), { hasText: '待上传' }).waitFor()
          assert.equal(uploads.length, 0, 'a request went out while offline')
          await phoneShot(m, 'sv-13-phone-queued')
          await m.locator('.van-nav-bar__left').click()
          await m.locator(`${sel('m-waiting-item')}`).first().waitFor()
          await m.locator(sel('m-badge-queued')).first().waitFor()
          assert.match(await m.locator(sel('m-waiting')).innerText(), new RegExp(item.target_label.split(' ').pop()))
          await phoneShot(m, 'sv-14-phone-list-queued')
          // Nothing reached the server.
          const onServer = await apiGet(page, `/safety/supervision/items/${item.id}`)
          assert.equal(onServer.state, 'assigned')
        },
      ],
      [
        "back online the result is sent; the server's first answer is lost on the way",
        async () => {
          await m.locator(sel('m-waiting-item')).first().click()
          await m.locator(sel('m-upload-state'), { hasText: '待上传' }).waitFor()
          // The server stores the result, the phone sees the connection drop.
          await phone.route(
            '**/api/v1/safety/supervision/items/*/result',
            async (route) => {
              const res = await route.fetch()
              assert.equal(res.status(), 200)
              lost++
              await route.abort('connectionreset')
            },
            { times: 1 },
          )
          await phone.setOffline(false)
          for (let i = 0; i < 100 && lost === 0; i++) await m.waitForTimeout(100)
          assert.equal(lost, 1, 'the result was not sent when the network came back')
          await m.locator(sel('m-upload-card'), { hasText: '上次未成功' }).waitFor()
          assert.equal((await m.locator(sel('m-upload-state')).innerText()).trim(), '待上传')
          const onServer = await apiGet(page, `/safety/supervision/items/${item.id}`)
          assert.equal(onServer.state, 'done', 'the first upload did not reach the server')
          await phoneShot(m, 'sv-15-phone-answer-lost')
        },
      ],
      [
        'sent again with the same client_uuid, it is uploaded (once)',
        async () => {
          // (The phone also tries again by itself every 30 s: the button may be gone already.)
          await m.locator(sel('m-send-now')).click({ timeout: 3000 }).catch(() => {})
          await m.locator(sel('m-upload-state'), { hasText: '已上传' }).waitFor()
          assert.equal(uploads.length, 2)
          assert.ok(uploads[0] && uploads[0] === uploads[1], `client_uuid differs: ${uploads.join(' / ')}`)
          await m.locator(sel('m-result-summary'), { hasText: '不符合 1 项' }).waitFor()
          await phoneShot(m, 'sv-16-phone-uploaded')
          await m.locator('.van-nav-bar__left').click()
          await m.locator(`${sel('m-done-item')}[data-item-id="${item.id}"]`).waitFor()
          assert.equal(await m.locator(sel('m-waiting-item')).count(), 0)
          await phoneShot(m, 'sv-17-phone-list-done')
        },
      ],
      [
        'the server has the item done with one result, one photo and one hazard',
        async () => {
          const done = await apiGet(page, `/safety/supervision/items/${item.id}`)
          assert.equal(done.state, 'done')
          assert.equal(done.answers[FAILED_POINT], 'fail')
          assert.equal(Object.values(done.answers).filter((a) => a === 'fail').length, 1)
          assert.deepEqual(done.failed_points, [FAILED_TEXT])
          assert.equal(done.photos.length, 1)
          assert.equal(done.hazards.length, 1)
          assert.equal(done.discrepancy, true)
          assert.match(done.enterprise_record, /合格/)
          assert.ok(done.distance_m > 5 && done.distance_m < 60, `distance ${done.distance_m}`)
          assert.equal(done.location_flag, null)
          const hazards = await apiGet(page, `/safety/hazards?source=spot_check&q=${encodeURIComponent(done.hazards[0])}`)
          assert.equal(hazards.total, 1)
          const detail = await apiGet(page, `/safety/supervision/tasks/${part.id}`)
          assert.equal(detail.done, 1)
          assert.equal(detail.with_hazards, 1)
          assert.equal(detail.discrepancies, 1)
          assert.deepEqual(phoneErrors.map(String), [])
          await logout(page)
        },
      ],
    ])
    await phone.close()

    await flow(`监督检查 ${CITY_USER}：进度与差异对比`, page, [
      [
        'the city sees the county part 1 of 2 done with a discrepancy',
        async () => {
          assert.ok(task && item, 'nothing to see')
          await listLoaded(page, '/industry/enterprises', () => login(page, CITY_USER, PASSWORD))
          // One result recorded, however often it was sent.
          const audit = await apiGet(page, `/system/audit?action=supervision.record&page_size=200`)
          assert.equal(audit.items.filter((a) => a.target_id === String(item.id)).length, 1)
          await page.goto(`${BASE_URL}/safety/supervision/tasks/${task.id}`)
          const row = page.locator(`${sel('subtask-table')} .el-table__body .el-table__row`).first()
          await row.waitFor()
          assert.equal((await row.locator(sel('cell-progress')).innerText()).trim(), '1 / 2（50.0%）')
          assert.equal((await row.locator(sel('cell-done')).innerText()).trim(), '1')
          assert.equal((await row.locator(sel('cell-discrepancies')).innerText()).trim(), '1')
          assert.equal((await page.locator(sel('summary-done')).innerText()).trim(), '1')
          assert.equal((await page.locator(sel('summary-hazards')).innerText()).trim(), '1')
          await shot(page, 'sv-20-city-progress')
        },
      ],
      [
        "the item shows the result, the enterprise's record, the map and the hazard",
        async () => {
          await page.locator(`${sel('subtask-table')} .el-table__body .el-table__row`).first().click()
          await page.waitForURL(new RegExp(`/safety/supervision/tasks/${part.id}$`))
          const row = page.locator(`${sel('item-table')} .el-table__row`, { hasText: item.target_label }).first()
          await row.waitFor()
          assert.equal((await row.locator(sel('cell-result')).innerText()).trim(), '不符合 1 项')
          assert.equal((await row.locator(sel('cell-discrepancy')).innerText()).trim(), '不符')
          assert.match(await row.locator(sel('cell-location')).innerText(), /^距检查对象 \d+ 米$/)
          await shot(page, 'sv-21-part-items')
          await row.locator(sel('cell-target')).click()
          const drawer = page.locator(sel('item-drawer'))
          await drawer.locator(sel('drawer-discrepancy'), { hasText: '不符' }).waitFor()
          assert.match(await drawer.locator(sel('drawer-enterprise-record')).innerText(), /企业入户安检 .*：合格/)
          assert.equal(await drawer.locator(`${sel('drawer-answer')}`, { hasText: '不符合' }).count(), 1)
          await drawer.locator(`${sel('drawer-photos')} img`).first().waitFor()
          await drawer.locator(`${sel('check-map')}[data-map-state="idle"], ${sel('check-map-webgl')}`).first().waitFor({ timeout: 30_000 })
          await page.waitForTimeout(300)
          await shot(page, 'sv-22-item-drawer')
          await drawer.locator(sel('drawer-hazards')).scrollIntoViewIfNeeded()
          await shot(page, 'sv-23-item-drawer-hazards')
          const code = (await drawer.locator(sel('drawer-hazard')).first().innerText()).trim()
          await listLoaded(page, '/safety/hazards', () => drawer.locator(sel('drawer-hazard')).first().click())
          await page.waitForURL(/\/safety\/hazards\?/)
          const rows = page.locator(`${sel('hazard-table')} .el-table__body .el-table__row`)
          assert.equal(await rows.count(), 1)
          assert.equal((await rows.first().locator(sel('cell-code')).innerText()).trim(), code)
          assert.equal((await rows.first().locator(sel('cell-source')).innerText()).trim(), '监督抽查')
          await shot(page, 'sv-24-hazard')
        },
      ],
      [
        '差异对比 lists the discrepancy by enterprise and county',
        async () => {
          await page.goto(`${BASE_URL}/safety/supervision?tab=discrepancies`)
          const checks = page.locator(`${sel('discrepancy-checks')} .el-table__row`, { hasText: item.target_label })
          await checks.first().waitFor()
          assert.match(await checks.first().locator(sel('check-record')).innerText(), /合格/)
          assert.match(await checks.first().locator(sel('check-result')).innerText(), /不符合 1 项/)
          const ent = page.locator(`${sel('discrepancy-table')} .el-table__row`, { hasText: item.enterprise_name }).first()
          assert.ok(Number(await ent.locator(sel('cell-discrepancies')).innerText()) >= 1)
          await page.locator(sel('discrepancy-chart')).waitFor()
          await shot(page, 'sv-25-discrepancies')
          await page.locator(sel('discrepancy-group-region')).click()
          const county = page.locator(`${sel('discrepancy-table')} .el-table__row`, { hasText: COUNTY_NAME }).first()
          await county.waitFor()
          assert.ok(Number(await county.locator(sel('cell-discrepancies')).innerText()) >= 1)
          await shot(page, 'sv-26-discrepancies-county')
          await logout(page)
          assert.deepEqual(pageErrors.map(String), [])
        },
      ],
    ])
    await desk.close()
  } finally {
    await browser.close()
  }
}
