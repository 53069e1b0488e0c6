// Browser test of 服务监督 / 投诉举报 (run.mjs calls it with its helpers): a person files a complaint
// on the phone form (no login; a missing description is refused first, nothing sent), with a
// photo; the city accepts it and transfers it to 信州区; the county, told by its bell, transfers it
// to the enterprise; the enterprise signs for it and answers with a photo; the city tells the
// person (回访反馈); the person tracks it on the phone (a wrong phone finds nothing), reads the
// answer and rates it 满意; the city closes it and sees it counted in the statistics.
//
// The public form allows a few filings per hour per address: the phone pages send a fresh
// X-Forwarded-For (10.x.y.z) so that runs against one server do not use up the loopback's share
// (the server believes the header from a proxy on its own machine). One filing is sent per run.

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

const CITY_USER = 'city-admin'
const COUNTY_USER = 'county-361102'
const COUNTY_CODE = '361102'
const COUNTY_NAME = '信州区'
const CITY_ORG = '上饶市城市管理局'
const COUNTY_ORG = '信州区城市管理局'
const ENTERPRISE_USER = 'enterprise-demo'
/** The enterprise of enterprise-demo in the demo data (checked against /auth/me). */
const ENTERPRISE_ORG = '上饶市信州广源燃气有限公司'

/**
 * A small RGB PNG made here (stripes, a band shaded by `seed`), so that each run uploads a file
 * the server has not seen.
 */
function stripedPng(seed, size = 64) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bits per sample
  header[9] = 2 // RGB
  const rows = Buffer.alloc(size * (1 + size * 3))
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3)
    for (let x = 0; x < size; x++) {
      const band = Math.abs(y - size / 2) < size / 8
      const stripe = Math.floor((x + y) / 8) % 2 === 0
      const rgb = band ? [seed % 256, 90, 60] : stripe ? [255, 196, 64] : [96, 96, 96]
      rows.set(rgb, row + 1 + x * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The sum asked by the anti-bot question ("3 加 5 等于几？"). */
function solve(question) {
  const m = /(\d+)\s*加\s*(\d+)/.exec(question)
  assert.ok(m, `unexpected question: ${question}`)
  return String(Number(m[1]) + Number(m[2]))
}

/**
 * @param {object} h helpers of run.mjs: chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir,
 *   flow, shot, sel, inputOf, login, logout, listLoaded, apiGet
 */
export async function complaintFlows(h) {
  const { chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet } = h

  /** Wait for the answer of a request of `method` to a path matching `path` (a RegExp on the pathname). */
  function answer(page, method, path) {
    const r = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: TIMEOUT })
    r.catch(() => {})
    return r
  }

  /** A Vant field's input (the data-test sits on the field's root). */
  const vantInput = (page, name) => page.locator(`input${sel(name)}, ${sel(name)} input`).first()
  const vantTextarea = (page, name) => page.locator(`textarea${sel(name)}, ${sel(name)} textarea`).first()

  /** A phone screenshot of what is on the screen. */
  async function phoneShot(page, name) {
    await page.screenshot({ path: join(shotsDir, `${name}.png`) })
  }

  /** Until the element's text (trimmed) is `text`. */
  async function textIs(page, selector, text) {
    await page
      .waitForFunction(([s, t]) => document.querySelector(s)?.textContent?.trim() === t, [selector, text], { timeout: TIMEOUT })
      .catch(async () => {
        const now = await page.locator(selector).first().innerText().catch(() => '(none)')
        throw new Error(`${selector} says "${now.trim()}", not "${text}"`)
      })
  }

  /** Until no Vant toast is on the screen (they fade out). */
  async function noToast(page) {
    await page.waitForFunction(() => ![...document.querySelectorAll('.van-toast')].some((t) => t.checkVisibility?.() ?? t.offsetParent !== null))
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
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

    // The person's phone: no login, its own address for the rate limit.
    const address = `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    phone.setDefaultTimeout(TIMEOUT)
    await phone.setExtraHTTPHeaders({ 'X-Forwarded-For': address })
    const m = await phone.newPage()
    const phoneErrors = []
    m.on('pageerror', (e) => phoneErrors.push(e))
    /** Every case filing the phone sent. */
    const filings = []
    m.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/cases') filings.push(r)
    })

    const stamp = Date.now().toString(36).toUpperCase()
    const description = `小区燃气表箱漏气，燃气公司报修三天无人上门处理（浏览器测试 ${stamp}）`
    const place = `信州区凤凰大道88号燃监小区3栋（${stamp}）`
    const contactPhone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const answerText = `经现场核查，表箱内接头松动漏气，已更换密封圈并检漏合格，恢复正常供气（${stamp}）`
    const followUpNote = '已电话告知诉求人办理结果，诉求人表示认可'
    const ratingComment = '上门及时，处理得好'

    /** Cases counted in the city's statistics before the filing. */
    let totalBefore = null
    /** The enterprise the county hands the case to. */
    let enterpriseOrg = ENTERPRISE_ORG
    let trackingNo = null
    let caseId = null

    /** Open our case from the current list tab: search its number, click its row; the drawer shows it. */
    async function openCase() {
      await inputOf(page, 'case-search').fill(trackingNo)
      const data = await listLoaded(page, '/complaints/cases', () => inputOf(page, 'case-search').press('Enter'))
      assert.equal(data.total, 1, `searching ${trackingNo} found ${data.total}`)
      caseId = data.items[0].id
      const row = page.locator(sel('case-row'), { hasText: trackingNo })
      await row.waitFor()
      const detail = answer(page, 'GET', new RegExp(`^/api/v1/complaints/cases/${caseId}$`))
      await row.click()
      assert.equal((await detail).status(), 200)
      const drawer = page.locator(sel('case-drawer'))
      await textIs(page, sel('case-title'), trackingNo)
      return drawer
    }

    /** Take a step through its dialog: the note (if any), then 确定; the state becomes `state`. */
    async function takeStep(action, { note, org, state, before }) {
      await page.locator(sel(`case-action-${action}`)).click()
      const dialog = page.locator(sel('case-step-dialog'))
      await dialog.waitFor()
      if (org) {
        await page.locator(sel('case-step-org')).click()
        const options = page.locator('.el-select-dropdown__item:visible')
        await options.first().waitFor()
        const wanted = options.filter({ hasText: org })
        await ((await wanted.count()) ? wanted.first() : options.first()).click()
      }
      if (note) await page.locator(`textarea${sel('case-step-note')}, ${sel('case-step-note')} textarea`).first().fill(note)
      if (before) await before(dialog)
      const stepped = answer(page, 'POST', new RegExp(`^/api/v1/complaints/cases/${caseId}/transitions$`))
      await page.locator(sel('case-step-submit')).click()
      const r = await stepped
      assert.equal(r.status(), 200, `${action} answered ${r.status()}: ${await r.text()}`)
      await dialog.waitFor({ state: 'hidden' })
      await textIs(page, sel('case-state'), state)
      return r.json()
    }

    /**
     * Log in as `user` from the login page. (Each flow logs out at its end; after a failure the
     * session may still be there, and the next flow starts from a clean one.)
     */
    async function loginAs(user) {
      await desk.clearCookies()
      await listLoaded(page, '/industry/enterprises', () => login(page, user, PASSWORD))
    }

    async function closeDrawer() {
      await page.keyboard.press('Escape')
      await page.locator(sel('case-drawer')).waitFor({ state: 'hidden' })
    }

    await flow(`服务监督：提交前 ${CITY_USER}`, page, [
      [
        'the city reads its case total in 统计分析 before the filing',
        async () => {
          await loginAs(CITY_USER)
          await listLoaded(page, '/complaints/cases/stats', () => page.locator(sel('menu-complaint-stats')).click())
          await page.waitForURL(/\/complaints\/stats/)
          const api = await apiGet(page, '/complaints/cases/stats')
          totalBefore = api.summary.total
          assert.ok(totalBefore > 0, 'no cases in the demo')
          const shown = Number((await page.locator(sel('cases-stat-total')).innerText()).replace(/[,\s]/g, ''))
          assert.equal(shown, totalBefore)
        },
      ],
      [
        `${ENTERPRISE_USER} belongs to the enterprise the county will hand the case to`,
        async () => {
          const probe = await browser.newContext()
          try {
            const r = await probe.request.post(`${BASE_URL}/api/v1/auth/login`, { data: { username: ENTERPRISE_USER, password: PASSWORD } })
            assert.equal(r.status(), 200, `login as ${ENTERPRISE_USER} answered ${r.status()}`)
            const me = await probe.request.get(`${BASE_URL}/api/v1/auth/me`)
            assert.equal(me.status(), 200)
            const { user } = await me.json()
            assert.equal(user.org_kind, 'enterprise')
            assert.equal(user.region_code, COUNTY_CODE)
            enterpriseOrg = user.org_name
            if (enterpriseOrg !== ENTERPRISE_ORG) console.log(`      (the demo enterprise is ${enterpriseOrg}, not ${ENTERPRISE_ORG})`)
            const { csrf_token: csrf } = await r.json()
            await probe.request.post(`${BASE_URL}/api/v1/auth/logout`, { headers: { 'X-CSRF-Token': csrf ?? '' } }).catch(() => {})
          } finally {
            await probe.close()
          }
        },
      ],
    ])

    await flow('服务监督：手机端提交投诉（免登录）', m, [
      [
        'the phone form warns first: emergencies go to 119',
        async () => {
          await m.goto(`${BASE_URL}/m/complaint`)
          const notice = m.locator(sel('pc-emergency-notice'))
          await notice.waitFor()
          const text = await notice.innerText()
          assert.match(text, /119/)
          assert.match(text, /紧急情况/)
          await m.waitForFunction((s) => /\d+\s*加\s*\d+/.test(document.querySelector(s)?.textContent ?? ''), sel('pc-challenge-question'))
          await phoneShot(m, 'cp-01-phone-form')
        },
      ],
      [
        'without a description the form says 请填写具体内容 and sends nothing',
        async () => {
          await m.locator(sel('pc-type-complaint')).click()
          await m.locator(sel('pc-category-pipeline_gas')).click()
          await m.locator(sel('pc-region')).click()
          const option = m.locator(`${sel('pc-region-option')}[data-code="${COUNTY_CODE}"]`)
          await option.waitFor()
          assert.equal((await option.innerText()).trim(), COUNTY_NAME)
          await option.click()
          await option.waitFor({ state: 'hidden' })
          assert.equal(await vantInput(m, 'pc-region').inputValue(), COUNTY_NAME)
          await vantInput(m, 'pc-place').fill(place)
          await vantInput(m, 'pc-name').fill('张女士')
          await vantInput(m, 'pc-phone').fill(contactPhone)
          const question = (await m.locator(sel('pc-challenge-question')).innerText()).trim()
          await vantInput(m, 'pc-challenge-answer').fill(solve(question))
          await m.locator(sel('pc-submit')).click()
          const error = m.locator(sel('pc-error-description'))
          await error.waitFor()
          assert.equal((await error.innerText()).trim(), '请填写具体内容')
          await m.waitForTimeout(300) // nothing goes out late either
          assert.equal(filings.length, 0, 'the form was sent without a description')
          assert.equal(await m.locator(sel('pc-tracking-no')).count(), 0)
          await phoneShot(m, 'cp-02-phone-missing-description')
        },
      ],
      [
        'with the description and a photo it is filed: the tracking number TS + 14 digits',
        async () => {
          await vantTextarea(m, 'pc-description').fill(description)
          await m.locator(sel('pc-error-description')).waitFor({ state: 'detached' })
          await m.locator(`${sel('pc-photos')} input[type=file]`).setInputFiles({ name: '表箱漏气.png', mimeType: 'image/png', buffer: stripedPng(Date.now()) })
          await m.locator(`${sel('pc-photos')} .van-uploader__preview`).first().waitFor()
          // The question may have been asked anew meanwhile: answer the one shown.
          const question = (await m.locator(sel('pc-challenge-question')).innerText()).trim()
          await vantInput(m, 'pc-challenge-answer').fill(solve(question))
          const filed = answer(m, 'POST', /^\/api\/v1\/public\/cases$/)
          await m.locator(sel('pc-submit')).click()
          const r = await filed
          assert.ok(r.ok(), `filing answered ${r.status()}: ${await r.text()}`)
          const no = m.locator(sel('pc-tracking-no'))
          await no.waitFor()
          trackingNo = (await no.innerText()).trim()
          assert.match(trackingNo, /^TS\d{14}$/)
          assert.equal((await r.json()).tracking_no, trackingNo)
          assert.equal(filings.length, 1)
          await noToast(m)
          await phoneShot(m, 'cp-03-phone-filed')
        },
      ],
    ])

    await flow(`服务监督 ${CITY_USER}：受理并转办至县级`, page, [
      [
        'the new case is in the city to-do, 待受理, with its photo',
        async () => {
          assert.ok(trackingNo, 'no case filed')
          await listLoaded(page, '/complaints/cases', () => page.locator(sel('menu-complaints')).click())
          await page.locator(sel('cases-tab-todo')).waitFor()
          assert.match(page.url(), /\/complaints\/cases(\?|$)/)
          const drawer = await openCase()
          await textIs(page, sel('case-state'), '待受理')
          assert.equal((await drawer.locator(sel('case-description')).innerText()).trim(), description)
          await drawer.locator(sel('case-photo')).first().waitFor()
          assert.match(await drawer.locator(sel('case-contact')).innerText(), /张女士/)
          await shot(page, 'cp-04-city-received')
        },
      ],
      [
        'accepts it (受理)',
        async () => {
          const c = await takeStep('accept', { state: '已受理' })
          assert.equal(c.state, 'accepted')
        },
      ],
      [
        `transfers it to ${COUNTY_ORG}`,
        async () => {
          const c = await takeStep('transfer', { org: COUNTY_ORG, note: '请于时限内核实处理并答复', state: '已转办' })
          assert.equal(c.holder_org_name, COUNTY_ORG)
          await textIs(page, sel('case-holder'), COUNTY_ORG)
          await shot(page, 'cp-05-city-transferred')
          await closeDrawer()
          await logout(page)
        },
      ],
    ])

    await flow(`服务监督 ${COUNTY_USER}：转办至企业`, page, [
      [
        "the case is in the county's to-do",
        async () => {
          assert.ok(caseId, 'no case transferred')
          await loginAs(COUNTY_USER)
          await listLoaded(page, '/complaints/cases', () => page.locator(sel('menu-complaints')).click())
          await openCase()
          await textIs(page, sel('case-state'), '已转办')
          await closeDrawer()
        },
      ],
      [
        'the bell tells of the transfer and opens the case',
        async () => {
          const bell = page.locator(sel('notification-bell'))
          const listed = answer(page, 'GET', /^\/api\/v1\/system\/notifications$/)
          await bell.click()
          assert.equal((await listed).status(), 200)
          const item = page.locator(sel('notification-item')).filter({ hasText: trackingNo }).filter({ hasText: '新转办投诉' }).first()
          await item.waitFor()
          assert.match(await item.innerText(), new RegExp(`${CITY_ORG}转办`))
          await shot(page, 'cp-06-county-notification')
          const detail = answer(page, 'GET', new RegExp(`^/api/v1/complaints/cases/${caseId}$`))
          await item.click()
          await page.waitForURL(new RegExp(`/complaints/cases\\?(.*&)?id=${caseId}(&|$)`))
          assert.equal((await detail).status(), 200)
          await textIs(page, sel('case-title'), trackingNo)
          await textIs(page, sel('case-state'), '已转办')
        },
      ],
      [
        `transfers it to the enterprise (${ENTERPRISE_ORG})`,
        async () => {
          const c = await takeStep('transfer', { org: enterpriseOrg, note: '请核实处理', state: '已转办' })
          assert.equal(c.holder_org_name, enterpriseOrg, 'not handed to the demo enterprise')
          await textIs(page, sel('case-holder'), enterpriseOrg)
          await closeDrawer()
          await logout(page)
        },
      ],
    ])

    await flow(`服务监督 ${ENTERPRISE_USER}：签收办理并答复`, page, [
      [
        'signs for the case (签收办理): 办理中',
        async () => {
          assert.ok(caseId, 'no case handed to the enterprise')
          await loginAs(ENTERPRISE_USER)
          await listLoaded(page, '/complaints/cases', () => page.locator(sel('menu-complaints')).click())
          await openCase()
          await textIs(page, sel('case-state'), '已转办')
          const c = await takeStep('handle', { state: '办理中' })
          assert.equal(c.state, 'handling')
        },
      ],
      [
        'answers with the result and a photo: 已答复',
        async () => {
          const c = await takeStep('answer', {
            note: answerText,
            state: '已答复',
            before: async (dialog) => {
              const upload = dialog.locator(sel('case-step-photo-upload'))
              if ((await upload.count()) === 0) return
              const uploaded = answer(page, 'POST', new RegExp(`^/api/v1/complaints/cases/${caseId}/photos$`))
              await upload.locator('input[type=file]').setInputFiles({ name: '更换密封圈.png', mimeType: 'image/png', buffer: stripedPng(Date.now() + 77) })
              assert.equal((await uploaded).status(), 200)
              // The photo waits in the dialog, shown (read with the session).
              await page.waitForFunction(
                (s) => [...document.querySelectorAll(`${s} .photo-list .el-image img`)].some((i) => i.complete && i.naturalWidth > 0),
                sel('case-step-dialog'),
              )
              await shot(page, 'cp-07-enterprise-answer')
            },
          })
          assert.equal(c.answer, answerText)
          assert.equal(c.history.at(-1).photos.length, 1, 'the photo did not go with the answer')
          assert.equal((await page.locator(sel('case-answer')).innerText()).trim(), answerText)
          await closeDrawer()
          await logout(page)
        },
      ],
    ])

    await flow(`服务监督 ${CITY_USER}：回访反馈`, page, [
      [
        'the city tells the person (回访反馈): 已反馈',
        async () => {
          assert.ok(caseId, 'no case answered')
          await loginAs(CITY_USER)
          await listLoaded(page, '/complaints/cases', () => page.locator(sel('menu-complaints')).click())
          await openCase()
          await textIs(page, sel('case-state'), '已答复')
          await takeStep('follow_up', { note: followUpNote, state: '已反馈' })
          await closeDrawer()
          await logout(page)
        },
      ],
    ])

    await flow('服务监督：手机端查询进度并评价（免登录）', m, [
      [
        'a wrong phone finds nothing',
        async () => {
          assert.ok(trackingNo, 'no case filed')
          await m.goto(`${BASE_URL}/m/track`)
          await vantInput(m, 'pt-number').fill(trackingNo)
          const wrong = contactPhone.slice(0, -1) + String((Number(contactPhone.at(-1)) + 1) % 10)
          await vantInput(m, 'pt-phone').fill(wrong)
          const tracked = answer(m, 'POST', /^\/api\/v1\/public\/cases\/track$/)
          await m.locator(sel('pt-submit')).click()
          assert.equal((await tracked).status(), 404)
          await m.locator(sel('pt-not-found')).waitFor()
          assert.equal(await m.locator(sel('pt-result')).count(), 0)
          await phoneShot(m, 'cp-08-phone-track-not-found')
        },
      ],
      [
        'the right phone shows 已反馈 and the answer',
        async () => {
          await vantInput(m, 'pt-phone').fill(contactPhone)
          const tracked = answer(m, 'POST', /^\/api\/v1\/public\/cases\/track$/)
          await m.locator(sel('pt-submit')).click()
          assert.equal((await tracked).status(), 200)
          await textIs(m, sel('pt-state'), '已反馈')
          assert.equal(await m.locator(sel('pt-not-found')).count(), 0)
          assert.equal((await m.locator(sel('pt-tracking-no')).innerText()).trim(), trackingNo)
          assert.equal((await m.locator(sel('pt-answer')).innerText()).trim(), answerText)
          await m.locator(sel('pt-rate')).waitFor()
          await phoneShot(m, 'cp-09-phone-track')
        },
      ],
      [
        'rates it 满意 with a comment: 已评价',
        async () => {
          await m.locator(sel('pt-rate-satisfied')).click()
          await vantTextarea(m, 'pt-comment').fill(ratingComment)
          const rated = answer(m, 'POST', /^\/api\/v1\/public\/cases\/rate$/)
          await m.locator(sel('pt-rate-submit')).click()
          assert.equal((await rated).status(), 200)
          await m.locator(sel('pt-rated')).waitFor()
          await textIs(m, sel('pt-state'), '已评价')
          assert.equal((await m.locator(sel('pt-satisfaction')).innerText()).trim(), '满意')
          assert.equal(await m.locator(sel('pt-rate')).count(), 0)
          await phoneShot(m, 'cp-10-phone-rated')
          assert.deepEqual(phoneErrors.map(String), [])
        },
      ],
    ])
    await phone.close()

    await flow(`服务监督 ${CITY_USER}：办结与统计`, page, [
      [
        'the city sees the rating and closes the case (办结): 已办结',
        async () => {
          assert.ok(caseId, 'no case to close')
          await loginAs(CITY_USER)
          await listLoaded(page, '/complaints/cases', () => page.locator(sel('menu-complaints')).click())
          const drawer = await openCase()
          await textIs(page, sel('case-state'), '已评价')
          assert.equal((await drawer.locator(sel('case-satisfaction')).innerText()).trim(), '满意')
          const c = await takeStep('close', { note: '诉求已解决，予以办结', state: '已办结' })
          assert.ok(c.closed_at, 'no closing time')
          assert.deepEqual(c.allowed, [])
          // (The scheduler's warnings and supervision, if any came meanwhile, are steps too.)
          const actions = c.history.map((e) => e.action).filter((a) => !['warning', 'overdue', 'supervise'].includes(a))
          assert.deepEqual(actions, ['receive', 'accept', 'transfer', 'transfer', 'handle', 'answer', 'follow_up', 'rate', 'close'])
          await drawer.locator(sel('case-history')).scrollIntoViewIfNeeded()
          await shot(page, 'cp-11-city-closed')
          await closeDrawer()
        },
      ],
      [
        '统计分析 counts one more case and shows the satisfaction rate',
        async () => {
          const data = await listLoaded(page, '/complaints/cases/stats', () => page.locator(sel('cases-tab-stats')).click())
          await page.waitForURL(/\/complaints\/stats/)
          assert.equal(data.summary.total, totalBefore + 1)
          await textIs(page, sel('cases-stat-total'), (totalBefore + 1).toLocaleString('en-US'))
          const rate = (await page.locator(sel('cases-stat-satisfaction-rate')).innerText()).trim()
          assert.match(rate, /^\d{1,3}\.\d%$/)
          assert.equal(rate, `${(Math.round(data.satisfaction.rate * 1000) / 10).toFixed(1)}%`)
          await page.waitForTimeout(500) // the charts draw
          await shot(page, 'cp-12-city-stats')
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
