// Browser test of the desktop UI against a running server with the demo data
// (`ranjian demo --scale small && ranjian serve`). Drives Debian's chromium through playwright-core.
//
//   BASE_URL=http://127.0.0.1:8080 npm run test:e2e
//
// Environment: BASE_URL (default http://127.0.0.1:8080), CHROMIUM (default /usr/bin/chromium),
// E2E_PASSWORD (default Ranjian@2026). Screenshots go to e2e/screenshots/.

import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const PASSWORD = process.env.E2E_PASSWORD || 'Ranjian@2026'
const COUNTY_USER = 'county-361102'
const COUNTY_NAME = '信州区'
const COUNTY_CODE = '361102'
const CITY_USER = 'city-admin'
const TIMEOUT = 15_000

const shotsDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots')
mkdirSync(shotsDir, { recursive: true })

let passed = 0
let failed = 0
let skipped = 0

const sel = (name) => `[data-test="${name}"]`
/** The <input> of an Element Plus input (the data-test may sit on the input or on its wrapper). */
const inputOf = (page, name) => page.locator(`input${sel(name)}, ${sel(name)} input`).first()

async function shot(page, name) {
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true })
}

/** Run the steps of one flow in order; after a failure the rest of the flow is skipped. */
async function flow(title, page, steps) {
  console.log(`\n${title}`)
  let broken = false
  for (const [name, fn] of steps) {
    if (broken) {
      skipped++
      console.log(`  - ${name} (skipped)`)
      continue
    }
    const t0 = Date.now()
    try {
      await fn()
      passed++
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
    } catch (e) {
      failed++
      broken = true
      console.log(`  ✗ ${name}\n      ${String(e?.stack || e).split('\n').slice(0, 6).join('\n      ')}`)
      const safe = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
      await shot(page, `FAILED-${safe}`).catch(() => {})
    }
  }
}

/** Do `action` and wait for the GET of `apiPath` it triggers, then for the table to settle. */
async function listLoaded(page, apiPath, action) {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/v1${apiPath}`,
    { timeout: TIMEOUT },
  )
  response.catch(() => {}) // awaited below; this only keeps a failed action from leaving it unhandled
  await action()
  const r = await response
  assert.equal(r.status(), 200, `GET ${apiPath} answered ${r.status()}`)
  await page.waitForFunction(() => !document.querySelector('.el-table .el-loading-mask'), null, { timeout: TIMEOUT })
  return r.json()
}

async function login(page, username, password) {
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'networkidle' })
  await inputOf(page, 'login-username').fill(username)
  await inputOf(page, 'login-password').fill(password)
  await page.locator(sel('login-submit')).click()
}

async function logout(page) {
  await page.locator(sel('logout')).click()
  await page.waitForURL(/\/login(\?|$)/, { timeout: TIMEOUT })
  await page.locator(sel('login-submit')).waitFor({ timeout: TIMEOUT })
}

async function regionNames(page) {
  return page.locator(sel('cell-region')).allInnerTexts()
}

/** The practitioner page's tab pane (the tabs are lazy and stay rendered once shown). */
const pane = (page, name) => page.locator(sel(`practitioner-${name}`))

/** A number as the UI prints it ("1,234.56"); NaN for "—". */
const numberOf = (text) => Number(String(text).replace(/[,\s]/g, '').replace(/[^0-9.-].*$/, ''))

const PRESSURE_CLASS_NAMES = ['低压', '中压B', '中压A', '次高压B', '次高压A', '高压B', '高压A']

/** GET an API path with the page's session (cookie). */
async function apiGet(page, path) {
  const r = await page.request.get(`${BASE_URL}/api/v1${path}`)
  assert.equal(r.status(), 200, `GET ${path} answered ${r.status()}`)
  return r.json()
}

/** The map page is ready: its canvas has drawn the tiles, or it says that WebGL is missing. */
async function mapSettled(page) {
  await page.locator(`${sel('map')}[data-map-state="idle"], ${sel('map-webgl-error')}`).first().waitFor({ timeout: 30_000 })
  return (await page.locator(sel('map-webgl-error')).count()) === 0
}

/** An 18-character ID number in the clear (17 digits and a digit or X). */
const FULL_ID = /^[0-9]{17}[0-9X]$/i

/** The server must answer before a browser is worth starting. */
async function serverReachable() {
  try {
    const r = await fetch(`${BASE_URL}/api/v1/auth/me`, { signal: AbortSignal.timeout(5000) })
    if (r.status !== 401 && r.status !== 200) throw new Error(`GET /api/v1/auth/me answered ${r.status}`)
    return true
  } catch (e) {
    console.log(`the server is not reachable at ${BASE_URL}: ${e?.cause?.code || e?.message || e}`)
    console.log('start it first, e.g. `ranjian demo --scale small && ranjian serve`, or set BASE_URL')
    return false
  }
}

async function main() {
  if (!(await serverReachable())) {
    failed++
    return
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // No GPU here: WebGL (the map) through SwiftShader, in software.
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
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    context.setDefaultTimeout(TIMEOUT)
    const page = await context.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(e))

    await flow(`县级账号 ${COUNTY_USER}`, page, [
      [
        'the login page shows the platform name',
        async () => {
          await page.goto(`${BASE_URL}/industry/enterprises`, { waitUntil: 'networkidle' })
          await page.waitForURL(/\/login(\?|$)/)
          const title = await page.locator(sel('login-title')).innerText()
          assert.match(title, /燃监/)
          assert.match(title, /上饶市燃气安全监管平台/)
          await shot(page, '01-login')
        },
      ],
      [
        'a wrong login shows the server detail',
        async () => {
          await login(page, 'e2e-no-such-user', 'Wrong@Password1')
          const err = page.locator(sel('login-error'))
          await err.waitFor()
          assert.ok((await err.innerText()).trim().length > 0, 'error detail is empty')
          assert.match(page.url(), /\/login/)
          await shot(page, '02-login-error')
        },
      ],
      [
        'logs in and lands on the enterprise ledger',
        async () => {
          await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
          await page.waitForURL(/\/industry\/enterprises/)
          const who = await page.locator(sel('current-user')).innerText()
          assert.ok(who.trim().length > 0, 'top bar shows no user')
        },
      ],
      [
        `every row belongs to ${COUNTY_NAME} and the total is positive`,
        async () => {
          const total = Number((await page.locator(sel('enterprise-total')).innerText()).trim())
          assert.ok(total > 0, `total is ${total}`)
          const regions = await regionNames(page)
          assert.ok(regions.length > 0, 'no rows shown')
          for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
          await shot(page, '03-enterprises-county')
        },
      ],
      [
        '导出Excel downloads an .xlsx file',
        async () => {
          const download = page.waitForEvent('download', { timeout: 30_000 })
          download.catch(() => {})
          await page.locator(sel('export-xlsx')).click()
          const d = await download
          assert.match(d.suggestedFilename(), /\.xlsx$/i, `file name ${d.suggestedFilename()}`)
          const path = await d.path()
          const head = readFileSync(path).subarray(0, 2).toString('latin1')
          assert.equal(head, 'PK', 'the file is not a zip (xlsx) file')
        },
      ],
      [
        'the create form checks the credit code as the server does',
        async () => {
          await page.locator(sel('enterprise-create')).click()
          const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('enterprise-form')) })
          await dialog.waitFor()
          await inputOf(page, 'form-code').fill('91361100MA35XXXXXX')
          await inputOf(page, 'form-name').click()
          await dialog.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
          await shot(page, '04-enterprise-form')
          await dialog.getByRole('button', { name: '取消' }).click()
          await dialog.waitFor({ state: 'hidden' })
        },
      ],
      [
        'opens an enterprise',
        async () => {
          const name = (await page.locator(sel('cell-name')).first().innerText()).trim()
          const code = (await page.locator(sel('cell-code')).first().innerText()).trim()
          await page.locator(sel('cell-name')).first().click()
          await page.waitForURL(/\/industry\/enterprises\/\d+/)
          await page.locator(sel('detail-code')).waitFor()
          assert.equal((await page.locator(sel('detail-code')).innerText()).trim(), code)
          assert.equal((await page.locator(sel('detail-title')).innerText()).trim(), name)
          await shot(page, '05-enterprise-detail')
        },
      ],
      [
        `从业人员 lists practitioners of ${COUNTY_NAME} with masked ID numbers`,
        async () => {
          await listLoaded(page, '/industry/practitioners', () => page.locator(sel('menu-practitioners')).click())
          await page.waitForURL(/\/industry\/practitioners/)
          const ledger = pane(page, 'ledger')
          const total = Number((await ledger.locator(sel('practitioner-total')).innerText()).trim())
          assert.ok(total > 0, `total is ${total}`)
          const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
          assert.ok(regions.length > 0, 'no rows shown')
          for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
          const ids = (await ledger.locator(sel('cell-id-number')).allInnerTexts()).map((s) => s.trim())
          assert.equal(ids.length, regions.length)
          for (const id of ids) {
            assert.ok(id.includes('*'), `ID number ${id} is not masked`)
            assert.ok(!FULL_ID.test(id), `ID number ${id} is shown in full`)
          }
          await shot(page, '10-practitioners')
        },
      ],
      [
        'a practitioner opens in the drawer, still masked',
        async () => {
          const name = (await pane(page, 'ledger').locator(sel('cell-name')).first().innerText()).trim()
          const detail = page.waitForResponse((r) => /\/api\/v1\/industry\/practitioners\/\d+$/.test(new URL(r.url()).pathname))
          detail.catch(() => {})
          await pane(page, 'ledger').locator(sel('row-view')).first().click()
          assert.equal((await detail).status(), 200)
          const drawer = page.locator(sel('practitioner-drawer'))
          await drawer.locator(sel('detail-id-number')).waitFor()
          assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), name)
          const id = (await drawer.locator(sel('detail-id-number')).innerText()).trim()
          assert.ok(id.includes('*') && !FULL_ID.test(id), `ID number ${id} is not masked`)
          await page.keyboard.press('Escape')
          await drawer.waitFor({ state: 'hidden' })
        },
      ],
      [
        'the create form checks the ID number as the server does',
        async () => {
          await pane(page, 'ledger').locator(sel('practitioner-create')).click()
          const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('practitioner-form')) })
          await dialog.waitFor()
          await inputOf(page, 'form-id-number').fill('110105194912310021')
          await inputOf(page, 'form-name').click()
          await dialog.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
          await shot(page, '12-practitioner-form')
          await dialog.getByRole('button', { name: '取消' }).click()
          await dialog.waitFor({ state: 'hidden' })
        },
      ],
      [
        '持证统计 shows certified rates',
        async () => {
          const stats = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/industry/practitioners/stats')
          stats.catch(() => {})
          await page.getByRole('tab', { name: '持证统计' }).click()
          const r = await stats
          assert.equal(r.status(), 200, `GET /industry/practitioners/stats answered ${r.status()}`)
          await page.waitForURL(/tab=stats/)
          const statsPane = pane(page, 'stats')
          await statsPane.locator(sel('cell-rate')).first().waitFor()
          await page.waitForFunction(() => !document.querySelector('.el-table .el-loading-mask'), null, { timeout: TIMEOUT })
          const rates = await statsPane.locator(sel('cell-rate')).allInnerTexts()
          assert.ok(rates.some((t) => /^\d{1,3}(\.\d)?%$/.test(t.trim())), `no percentage among ${rates.slice(0, 5).join(', ')}`)
          assert.match(await statsPane.locator(sel('summary-rate')).innerText(), /%|—/)
          await shot(page, '11-practitioner-stats')
        },
      ],
      [
        '证书预警 lists only expiring certificates',
        async () => {
          await listLoaded(page, '/industry/practitioners', () => page.getByRole('tab', { name: '证书预警' }).click())
          const alerts = pane(page, 'alerts')
          const statuses = await alerts.locator(sel('cell-certificate-status')).allInnerTexts()
          for (const s of statuses) assert.equal(s.trim(), '即将到期')
          for (const r of await alerts.locator(sel('cell-region')).allInnerTexts()) assert.equal(r.trim(), COUNTY_NAME)
          await shot(page, '13-practitioner-alerts')
        },
      ],
      [
        `燃气管网 lists segments of ${COUNTY_NAME} only`,
        async () => {
          await listLoaded(page, '/industry/pipeline-segments', () => page.locator(sel('menu-pipelines')).click())
          await page.waitForURL(/\/industry\/pipelines/)
          const ledger = page.locator(sel('pipeline-ledger'))
          const total = Number((await ledger.locator(sel('pipeline-total')).innerText()).trim())
          assert.ok(total > 0, `total is ${total}`)
          const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
          assert.ok(regions.length > 0, 'no rows shown')
          for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
          for (const p of await ledger.locator(sel('cell-pressure-class')).allInnerTexts()) {
            assert.ok(PRESSURE_CLASS_NAMES.includes(p.trim()), `pressure class ${p}`)
          }
          for (const l of await ledger.locator(sel('cell-length')).allInnerTexts()) {
            assert.match(l.trim(), /^\d{1,3}(,\d{3})*\.\d$/, `length ${l}`)
          }
          await ledger.locator(sel('pipeline-import')).waitFor()
          await shot(page, '14-pipelines')
        },
      ],
      [
        'a segment opens in the drawer with a link to the map',
        async () => {
          const ledger = page.locator(sel('pipeline-ledger'))
          const code = (await ledger.locator(sel('cell-code')).first().innerText()).trim()
          const detail = page.waitForResponse((r) => /\/api\/v1\/industry\/pipeline-segments\/\d+$/.test(new URL(r.url()).pathname))
          detail.catch(() => {})
          await ledger.locator(sel('row-view')).first().click()
          assert.equal((await detail).status(), 200)
          const drawer = page.locator(sel('pipeline-drawer'))
          await drawer.locator(sel('detail-map-link')).waitFor()
          assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), code)
          assert.match(await drawer.locator(sel('detail-map-link')).getAttribute('href'), /\/map\?segment=\d+$/)
          await shot(page, '14-pipeline-drawer')
          await page.keyboard.press('Escape')
          await drawer.waitFor({ state: 'hidden' })
        },
      ],
      [
        '管网统计 shows 合计 with a length in km',
        async () => {
          const stats = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/industry/pipeline-segments/stats')
          stats.catch(() => {})
          await page.getByRole('tab', { name: '管网统计' }).click()
          const r = await stats
          assert.equal(r.status(), 200, `GET /industry/pipeline-segments/stats answered ${r.status()}`)
          await page.waitForURL(/tab=stats/)
          const pane = page.locator(sel('network-stats'))
          await pane.locator(sel('cell-km')).first().waitFor()
          await page.waitForFunction(() => !document.querySelector('.el-table .el-loading-mask'), null, { timeout: TIMEOUT })
          const km = numberOf(await pane.locator(sel('summary-km')).innerText())
          assert.ok(km > 0, `network length ${km} km`)
          const footer = await pane.locator('.el-table__footer-wrapper').innerText()
          assert.match(footer, /合计/)
          assert.ok(footer.includes((await pane.locator(sel('summary-km')).innerText()).trim()), `footer ${footer}`)
          await pane.locator(`${sel('stats-chart')} canvas`).first().waitFor()
          await shot(page, '15-network-stats')
        },
      ],
      [
        `厂站设施 lists facilities of ${COUNTY_NAME} only`,
        async () => {
          await listLoaded(page, '/industry/stations', () => page.locator(sel('menu-stations')).click())
          await page.waitForURL(/\/industry\/stations/)
          const ledger = page.locator(sel('station-ledger'))
          const total = Number((await ledger.locator(sel('station-total')).innerText()).trim())
          assert.ok(total > 0, `total is ${total}`)
          const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
          assert.ok(regions.length > 0, 'no rows shown')
          for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
          for (const h of await ledger.locator(sel('cell-major-hazard')).allInnerTexts()) assert.match(h.trim(), /^[是否]$/)
          await shot(page, '16-stations')
        },
      ],
      [
        '设施统计 counts facilities and major hazard sources',
        async () => {
          const stats = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/industry/stations/stats')
          stats.catch(() => {})
          await page.getByRole('tab', { name: '设施统计' }).click()
          assert.equal((await stats).status(), 200)
          const pane = page.locator(sel('station-stats'))
          await pane.locator(sel('cell-count')).first().waitFor()
          assert.ok(numberOf(await pane.locator(sel('summary-count')).innerText()) > 0)
          assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        },
      ],
      [
        '一张图 draws the county, pipelines and stations',
        async () => {
          await page.locator(sel('menu-map')).click()
          await page.waitForURL(/\/map$/)
          const drawn = await mapSettled(page)
          if (drawn) await page.locator(`${sel('map')} canvas.maplibregl-canvas`).waitFor()
          await page.waitForFunction(
            (s) => /\d/.test(document.querySelector(s)?.textContent ?? ''),
            sel('map-stat-km'),
            { timeout: TIMEOUT },
          )
          assert.ok(numberOf(await page.locator(sel('map-stat-km')).innerText()) > 0, 'no network length on the map page')
          assert.ok(numberOf(await page.locator(sel('map-stat-stations')).innerText()) > 0, 'no stations on the map page')
          await shot(page, '17-map')
        },
      ],
      [
        'the map opens a segment given in the address',
        async () => {
          const first = (await apiGet(page, `/industry/pipeline-segments?region_code=${COUNTY_CODE}&page_size=1`)).items[0]
          assert.ok(first, `no segment in ${COUNTY_NAME}`)
          assert.equal(first.geometry.type, 'LineString')
          await page.goto(`${BASE_URL}/map?segment=${first.id}`)
          const panel = page.locator(sel('map-detail'))
          await panel.locator(sel('map-detail-code')).waitFor()
          assert.equal((await panel.locator(sel('map-detail-code')).innerText()).trim(), first.code)
          assert.equal((await panel.locator(sel('map-detail-pressure-class')).innerText()).trim(), first.pressure_class_name)
          if (await mapSettled(page)) await page.waitForTimeout(700) // the fly-to animation
          await mapSettled(page)
          await shot(page, '18-map-segment')
        },
      ],
      [
        'clicking a pipeline on the map opens it',
        async () => {
          if ((await page.locator(sel('map-webgl-error')).count()) > 0) return // no WebGL: nothing to click
          const code = (await page.locator(sel('map-detail-code')).innerText()).trim()
          const vertices = Number(await page.locator(sel('map-detail-vertices')).innerText())
          if (vertices !== 2) return console.log(`      (segment ${code} is not straight: not clicked)`)
          // The segment was fitted into the map less the panels (layer panel 300 px on the left,
          // details 400 px on the right, 48 px above and below): a straight one crosses the centre.
          const box = await page.locator(sel('map')).boundingBox()
          const x = box.x + 300 + (box.width - 700) / 2
          const y = box.y + box.height / 2
          await page.locator(sel('map-detail-close')).click()
          await page.locator(sel('map-detail')).waitFor({ state: 'detached' })
          await page.waitForURL((u) => !u.searchParams.has('segment'))
          await page.mouse.click(x, y)
          await page.locator(sel('map-detail-code')).waitFor()
          assert.equal((await page.locator(sel('map-detail-code')).innerText()).trim(), code)
          await page.waitForURL(/[?&]segment=\d+/)
        },
      ],
      [
        'the map fits a phone-sized screen',
        async () => {
          const first = (await apiGet(page, `/industry/stations?region_code=${COUNTY_CODE}&major_hazard=true&page_size=1`)).items[0]
          assert.ok(first, `no major hazard source in ${COUNTY_NAME}`)
          await page.setViewportSize({ width: 390, height: 844 })
          try {
            await page.goto(`${BASE_URL}/map?station=${first.id}`)
            const panel = page.locator(sel('map-detail'))
            await panel.locator(sel('map-detail-code')).waitFor()
            assert.equal((await panel.locator(sel('map-detail-code')).innerText()).trim(), first.code)
            assert.equal((await panel.locator(sel('map-detail-major-hazard')).innerText()).trim(), '是')
            // The side panel is folded to a button; the menu is behind the top bar's button.
            await page.locator(`${sel('map-layer-panel')}.collapsed`).waitFor()
            const menu = await page.locator('.el-aside').boundingBox()
            assert.ok(!menu || menu.x + menu.width <= 0, `the menu covers the map: ${JSON.stringify(menu)}`)
            if (await mapSettled(page)) await page.waitForTimeout(700)
            await mapSettled(page)
            await shot(page, '19-map-phone')
          } finally {
            await page.setViewportSize({ width: 1440, height: 900 })
          }
        },
      ],
      [
        'logs out',
        async () => {
          await logout(page)
          await page.goto(`${BASE_URL}/system/users`, { waitUntil: 'networkidle' })
          await page.waitForURL(/\/login\?redirect=/)
        },
      ],
    ])

    await flow(`市级管理员 ${CITY_USER}`, page, [
      [
        'logs in',
        async () => {
          await listLoaded(page, '/industry/enterprises', () => login(page, CITY_USER, PASSWORD))
          await page.waitForURL(/\/industry\/enterprises/)
        },
      ],
      [
        'sees enterprises of more than one county',
        async () => {
          const seen = new Set((await regionNames(page)).map((s) => s.trim()))
          if (seen.size < 2) {
            // The default order is by region: the other end of the list holds another county.
            await listLoaded(page, '/industry/enterprises', () =>
              page.goto(`${BASE_URL}/industry/enterprises?sort=-region_code`),
            )
            for (const r of await regionNames(page)) seen.add(r.trim())
          }
          assert.ok(seen.size > 1, `only ${[...seen].join('、')}`)
          await page.goto(`${BASE_URL}/industry/enterprises`, { waitUntil: 'networkidle' })
          await shot(page, '06-enterprises-city')
        },
      ],
      [
        'sees practitioners of more than one county',
        async () => {
          await listLoaded(page, '/industry/practitioners', () => page.locator(sel('menu-practitioners')).click())
          const ledger = pane(page, 'ledger')
          const seen = new Set((await ledger.locator(sel('cell-region')).allInnerTexts()).map((s) => s.trim()))
          if (seen.size < 2) {
            // The default order is by region: the last page holds another county.
            const total = Number((await ledger.locator(sel('practitioner-total')).innerText()).trim())
            const last = Math.max(1, Math.ceil(total / 20))
            await listLoaded(page, '/industry/practitioners', () => page.goto(`${BASE_URL}/industry/practitioners?page=${last}`))
            for (const r of await ledger.locator(sel('cell-region')).allInnerTexts()) seen.add(r.trim())
          }
          assert.ok(seen.size > 1, `only ${[...seen].join('、')}`)
          for (const id of await ledger.locator(sel('cell-id-number')).allInnerTexts()) {
            assert.ok(id.includes('*') && !FULL_ID.test(id.trim()), `ID number ${id} is not masked`)
          }
        },
      ],
      [
        '账号管理 lists accounts',
        async () => {
          await listLoaded(page, '/system/users', () => page.locator(sel('menu-users')).click())
          await page.waitForURL(/\/system\/users/)
          assert.ok((await page.locator(sel('cell-username')).count()) > 0, 'no accounts shown')
          await shot(page, '07-users')
        },
      ],
      [
        '操作日志 lists entries and verifies the chain',
        async () => {
          await listLoaded(page, '/system/audit', () => page.locator(sel('menu-audit')).click())
          await page.waitForURL(/\/system\/audit/)
          assert.ok((await page.locator(sel('cell-seq')).count()) > 0, 'no audit entries shown')
          await page.locator(sel('audit-verify')).click()
          const result = page.locator(sel('audit-verify-result'))
          await result.waitFor()
          assert.match(await result.innerText(), /完整/)
          await shot(page, '08-audit')
        },
      ],
      [
        '一张图 shows the whole city',
        async () => {
          await page.locator(sel('menu-map')).click()
          await page.waitForURL(/\/map$/)
          await mapSettled(page)
          await page.waitForFunction((s) => /\d/.test(document.querySelector(s)?.textContent ?? ''), sel('map-stat-km'))
          assert.match(await page.locator(sel('map-stats')).innerText(), /统计范围：\s*全市/)
          await shot(page, '20-map-city')
        },
      ],
      [
        'an unknown address shows the 404 page',
        async () => {
          await page.goto(`${BASE_URL}/no/such/page`, { waitUntil: 'networkidle' })
          await page.locator(sel('not-found')).waitFor()
          await shot(page, '09-not-found')
        },
      ],
      [
        'logs out',
        async () => {
          await page.goto(`${BASE_URL}/industry/enterprises`, { waitUntil: 'networkidle' })
          await logout(page)
        },
      ],
      [
        'no uncaught errors in the page',
        async () => {
          assert.deepEqual(pageErrors.map(String), [])
        },
      ],
    ])
    await context.close()
  } finally {
    await browser.close()
  }
  await withoutWebgl()
}

/** A browser without WebGL gets a clear message on the map page, and the rest still works. */
async function withoutWebgl() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-3d-apis', '--disable-quic', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    context.setDefaultTimeout(TIMEOUT)
    const page = await context.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(e))
    await flow('没有WebGL的浏览器', page, [
      [
        'the map page says that it needs WebGL and still opens a station',
        async () => {
          await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
          const first = (await apiGet(page, `/industry/stations?region_code=${COUNTY_CODE}&page_size=1`)).items[0]
          await page.goto(`${BASE_URL}/map?station=${first.id}`)
          const message = page.locator(sel('map-webgl-error'))
          await message.waitFor()
          assert.match(await message.innerText(), /地图需要WebGL支持/)
          await page.locator(sel('map-detail-code')).waitFor({ state: 'visible' })
          assert.equal((await page.locator(sel('map-detail-code')).innerText()).trim(), first.code)
          await shot(page, '21-map-no-webgl')
          await logout(page)
          assert.deepEqual(pageErrors.map(String), [])
        },
      ],
    ])
    await context.close()
  } finally {
    await browser.close()
  }
}

try {
  await main()
} catch (e) {
  failed++
  console.log(`\nthe run could not proceed: ${e?.stack || e}`)
}
console.log(`\nscreenshots: ${shotsDir}`)
console.log(skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
