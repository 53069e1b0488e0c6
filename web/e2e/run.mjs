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
import { crc32, deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { supervisionFlows } from './supervision.mjs'
import { complaintFlows } from './complaints.mjs'
import { monitoringFlows } from './monitoring.mjs'

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const PASSWORD = process.env.E2E_PASSWORD || 'Ranjian@2026'
const COUNTY_USER = 'county-361102'
const COUNTY_NAME = '信州区'
const COUNTY_CODE = '361102'
const CITY_USER = 'city-admin'
/** Reads the ledgers of its county; keeps no records (no upload). */
const INSPECTOR_USER = 'inspector-361102'
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

/** The community the map steps found (the filter step uses it). */
let mapCommunity = null

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
        'the community layer shows communities sized by their users',
        async () => {
          // A community of the county and its users (the community's row of its enterprise's statistics).
          const list = (await apiGet(page, `/industry/communities?region_code=${COUNTY_CODE}&page_size=200`)).items
          const community = list.find((c) => c.lng !== null && c.lat !== null)
          assert.ok(community, `no community in ${COUNTY_NAME}`)
          mapCommunity = community
          const stats = await apiGet(page, `/industry/gas-users/stats?group=community&enterprise_id=${community.enterprise_id}`)
          const users = stats.items.find((s) => s.key === String(community.id))?.users ?? 0
          assert.ok(users > 0, `community ${community.name} has no users`)
          // Opened from the address: the panel reads the community and its users.
          await page.goto(`${BASE_URL}/map?community=${community.id}`)
          const panel = page.locator(sel('map-detail'))
          await panel.locator(sel('map-detail-users')).waitFor()
          assert.ok((await panel.locator(sel('map-detail-title')).innerText()).includes(community.name))
          assert.equal(numberOf(await panel.locator(sel('map-detail-users')).innerText()), users)
          assert.equal((await panel.locator(sel('map-detail-code')).innerText()).trim(), community.code)
          assert.match(await panel.locator(sel('map-detail-rate-leak_alarm')).innerText(), /^\d+\.\d%$/)
          if (!(await mapSettled(page))) return // no WebGL: nothing to switch or click
          // A community opened from a link turns its layer on; the legend shows how discs are sized.
          const layerSwitch = page.locator(`${sel('layer-communities')}`)
          assert.match(await layerSwitch.getAttribute('class'), /is-checked/)
          await page.locator(sel('legend-community-size')).waitFor()
          await page.waitForTimeout(700) // the fly-to animation
          await mapSettled(page)
          // Close the panel and click the community: it sits in the middle of the map less the panels.
          const box = await page.locator(sel('map')).boundingBox()
          const x = box.x + 300 + (box.width - 700) / 2
          const y = box.y + box.height / 2
          await page.locator(sel('map-detail-close')).click()
          await page.locator(sel('map-detail')).waitFor({ state: 'detached' })
          await page.waitForURL((u) => !u.searchParams.has('community'))
          // Switched off, the community is not there to click; switched on again, it is.
          await layerSwitch.click()
          assert.doesNotMatch(await layerSwitch.getAttribute('class'), /is-checked/)
          await mapSettled(page)
          await page.mouse.click(x, y)
          await page.waitForTimeout(400)
          assert.equal(await page.locator(sel('map-detail')).count(), 0, 'a hidden community opened')
          // (The click may have opened the county's name: close it.)
          const popupClose = page.locator('.rj-map-popup .maplibregl-popup-close-button')
          if (await popupClose.count()) await popupClose.click()
          await layerSwitch.click()
          await mapSettled(page)
          await page.mouse.click(x, y)
          await page.locator(sel('map-detail-users')).waitFor()
          assert.equal((await page.locator(sel('map-detail-code')).innerText()).trim(), community.code)
          assert.equal(numberOf(await page.locator(sel('map-detail-users')).innerText()), users)
          await page.waitForURL(new RegExp(`[?&]community=${community.id}(&|$)`))
          assert.match(await page.locator(sel('map-detail')).getAttribute('data-kind'), /^community$/)
          // Step back to the neighbourhood (zoom 13) for the picture.
          for (let i = 0; i < 3; i++) {
            await page.locator('.maplibregl-ctrl-zoom-out').click()
            await page.waitForTimeout(350)
          }
          await mapSettled(page)
          await shot(page, '22-map-communities')
        },
      ],
      [
        'the enterprise filter narrows the map to one enterprise',
        async () => {
          const community = mapCommunity
          const ent = (await apiGet(page, `/industry/enterprises/${community.enterprise_id}`))
          const county = (await apiGet(page, `/industry/gas-users/stats?group=region`)).summary.users
          const own = (await apiGet(page, `/industry/gas-users/stats?group=enterprise`)).items.find((s) => s.key === String(ent.id))
          assert.ok(own && own.users < county, 'the enterprise should hold only part of the county\'s users')
          // A county account is fixed to its county; it picks the enterprise by name.
          assert.equal((await page.locator(sel('map-region-fixed')).innerText()).trim(), COUNTY_NAME)
          const tiles = []
          const onResponse = (r) => {
            if (r.url().includes('/api/v1/map/tiles/')) tiles.push(r.url())
          }
          page.on('response', onResponse)
          try {
            await page.locator(sel('map-enterprise')).click()
            await page.keyboard.type(ent.name)
            const option = page.locator('.enterprise-select-popper .el-select-dropdown__item', { hasText: ent.name }).first()
            await option.click()
            await page.waitForFunction(
              ([s, n]) => document.querySelector(s)?.textContent?.includes(n),
              [sel('map-scope'), ent.name],
            )
            await page.waitForFunction(
              ([s, n]) => Number((document.querySelector(s)?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
              [sel('map-stat-users'), own.users],
            )
            if (await mapSettled(page)) await page.waitForTimeout(300)
            await shot(page, '23-map-enterprise-filter')
          } finally {
            page.off('response', onResponse)
          }
          // The map asked for the enterprise's tiles (when the browser reports its workers' requests).
          const filtered = tiles.filter((u) => u.includes(`enterprise_id=${ent.id}`))
          if (tiles.length) assert.ok(filtered.length > 0, `no tile asked with the enterprise: ${tiles.slice(0, 3).join(' ')}`)
          // The community tile with the filter holds the enterprise's communities and no other's.
          const z = 10
          const n = 2 ** z
          const r = (community.lat * Math.PI) / 180
          const tx = Math.floor(((community.lng + 180) / 360) * n)
          const ty = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
          const tileText = async (query) => {
            const res = await page.request.get(`${BASE_URL}/api/v1/map/tiles/communities/${z}/${tx}/${ty}.mvt${query}`)
            assert.equal(res.status(), 200)
            return (await res.body()).toString('latin1')
          }
          const code = (c) => Buffer.from(c.code, 'utf8').toString('latin1')
          const all = await tileText('')
          const only = await tileText(`?enterprise_id=${ent.id}`)
          const list = (await apiGet(page, `/industry/communities?region_code=${COUNTY_CODE}&page_size=200`)).items
          const others = list.filter((c) => c.enterprise_id !== ent.id && all.includes(code(c)))
          assert.ok(others.length > 0, 'no other enterprise\'s community in the tile')
          assert.ok(only.includes(code(community)), 'the filtered tile lacks the enterprise\'s community')
          for (const c of others) assert.ok(!only.includes(code(c)), `${c.code} of another enterprise in the filtered tile`)
          assert.ok(only.length < all.length)
          // Clearing the filter brings the county back.
          await page.locator(sel('map-enterprise')).hover()
          await page.locator(`${sel('map-enterprise')} .el-select__clear`).click()
          await page.waitForFunction(
            ([s, n]) => Number((document.querySelector(s)?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
            [sel('map-stat-users'), county],
          )
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
        'the layers, filters and a community fit a phone-sized screen',
        async () => {
          await page.setViewportSize({ width: 390, height: 844 })
          try {
            await page.goto(`${BASE_URL}/map?community=${mapCommunity.id}`)
            await page.locator(sel('map-detail-users')).waitFor()
            if (await mapSettled(page)) await page.waitForTimeout(700)
            await mapSettled(page)
            await shot(page, '24-map-phone-community')
            await page.locator(sel('map-detail-close')).click()
            await page.locator(sel('map-panel-toggle')).click()
            assert.match(await page.locator(sel('layer-communities')).getAttribute('class'), /is-checked/)
            await page.locator(sel('legend-community-size')).waitFor()
            const panel = await page.locator(sel('map-layer-panel')).boundingBox()
            assert.ok(panel.x >= 0 && panel.x + panel.width <= 390, `the layer panel leaves the screen: ${JSON.stringify(panel)}`)
            await mapSettled(page)
            await shot(page, '25-map-phone-layers')
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
        'the city narrows the map to one county',
        async () => {
          const byRegion = await apiGet(page, '/industry/gas-users/stats?group=region')
          const guangfeng = byRegion.items.find((s) => s.key === '361103')
          assert.ok(guangfeng && guangfeng.users < byRegion.summary.users)
          await page.locator(sel('map-region')).click()
          await page.locator('.el-select-dropdown__item:visible', { hasText: '广丰区' }).first().click()
          await page.waitForFunction(
            ([s, n]) => Number((document.querySelector(s)?.textContent ?? '').replace(/[^0-9]/g, '')) === n,
            [sel('map-stat-users'), guangfeng.users],
          )
          assert.match(await page.locator(sel('map-scope')).innerText(), /广丰区/)
          await page.locator(sel('layer-communities')).click()
          if (await mapSettled(page)) await page.waitForTimeout(700) // the fit to the county
          await mapSettled(page)
          await shot(page, '26-map-city-county')
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
    await thirdPartyConstructionFlow(page)
    await flow('页面错误', page, [['no uncaught errors in 第三方施工', async () => assert.deepEqual(pageErrors.map(String), [])]])
    await majorHazardFlow(page)
    await patrolFlow(page)
    await flow('页面错误', page, [['no uncaught errors in 重大危险源 and 巡查巡检', async () => assert.deepEqual(pageErrors.map(String), [])]])
    await context.close()
  } finally {
    await browser.close()
  }
  await withoutWebgl()
  await ledgerPages()
  await recordForms()
  await supervisionFlows({ chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet })
  await complaintFlows({ chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet })
  await monitoringFlows({ chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet })
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
      [
        'a third-party construction site still lists the pipelines near it',
        async () => {
          await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
          const site = (await apiGet(page, '/safety/third-party-constructions?flagged=true&page_size=1')).items[0]
          assert.ok(site, 'no site with a warning')
          await listLoaded(page, '/safety/third-party-constructions', () => page.goto(`${BASE_URL}/safety/third-party-construction?q=${encodeURIComponent(site.code)}`))
          const row = page.locator(`${sel('third-party-construction-table')} .el-table__row`, { hasText: site.name }).first()
          await row.locator(sel('cell-region')).click()
          const drawer = page.locator(sel('third-party-construction-drawer'))
          await drawer.locator(sel('third-party-construction-map-webgl')).waitFor()
          await drawer.locator(sel('nearby-distance')).first().waitFor()
          assert.equal(await drawer.locator(sel('nearby-distance')).count(), site.nearby_count)
          await drawer.locator(sel('nearby-table')).scrollIntoViewIfNeeded()
          await shot(page, '76-third-party-construction-no-webgl')
          await page.keyboard.press('Escape')
          await drawer.waitFor({ state: 'hidden' })
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

/**
 * 第三方施工 as the county authority (in the browser with WebGL: the drawer's map and the one map's
 * layer are drawn): the register of its county only, the warnings (near a medium-pressure or higher
 * pipeline, no protection agreement), a site with the pipelines near it, the statistics, the layer on
 * the one map and a site clicked there.
 */
async function thirdPartyConstructionFlow(page) {
  const ledger = page.locator(sel('third-party-construction-ledger'))
  const drawer = page.locator(sel('third-party-construction-drawer'))
  const rowsOf = () => ledger.locator(`${sel('third-party-construction-table')} .el-table__body .el-table__row`)
  /** The sites of the county (the API, with the account's session). */
  let all = null
  let flagged = null
  let radius = 0

  await flow(`第三方施工 ${COUNTY_USER}`, page, [
    [
      `工地台账 lists the sites of ${COUNTY_NAME} only`,
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const list = await listLoaded(page, '/safety/third-party-constructions', () => page.locator(sel('menu-third-party-construction')).click())
        await page.waitForURL(/\/safety\/third-party-construction(\?|$)/)
        all = await apiGet(page, '/safety/third-party-constructions?page_size=100')
        radius = all.distance_m
        assert.ok(all.total > 0, 'no third-party construction sites')
        assert.ok(radius > 0, `search distance ${radius}`)
        assert.equal(list.total, all.total)
        assert.equal(numberOf(await ledger.locator(sel('third-party-construction-total')).innerText()), all.total)
        for (const s of all.items) assert.equal(s.region_code, COUNTY_CODE, `${s.code} of ${s.region_name}`)
        // Another county's sites are out of the account's scope.
        assert.equal((await apiGet(page, '/safety/third-party-constructions?region_code=361103')).total, 0, 'sites of 广丰区 seen')
        // A county account has no county to choose.
        assert.equal(await ledger.locator(sel('filter-region')).count(), 0, 'a county filter for a county account')
        const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
        assert.ok(regions.length > 0, 'no rows shown')
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        for (const p of await ledger.locator(sel('cell-period')).allInnerTexts()) assert.match(p.trim(), /^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/)
        for (const s of await ledger.locator(sel('cell-status')).allInnerTexts()) assert.match(s.trim(), /^(未开工|施工中|已完工)$/)
        for (const n of await ledger.locator(sel('cell-nearby')).allInnerTexts()) {
          assert.match(n.trim(), /^(无|\d+ 条，最近 [\d.]+ 米，最高\S+)$/)
        }
        assert.match(await ledger.locator(sel('third-party-construction-distance')).innerText(), new RegExp(`检索半径 ${radius} 米`))
        await ledger.locator(sel('third-party-construction-import')).waitFor()
        await shot(page, '70-third-party-construction')
      },
    ],
    [
      '仅看临近中压及以上管线且未签保护协议 shows the warnings only',
      async () => {
        flagged = await apiGet(page, '/safety/third-party-constructions?flagged=true&page_size=100')
        assert.ok(flagged.total > 0, 'no site with a warning in the demo data')
        assert.ok(flagged.total < all.total, 'every site has a warning')
        await listLoaded(page, '/safety/third-party-constructions', () => ledger.locator(sel('filter-flagged')).click())
        await page.waitForURL(/flagged=true/)
        assert.equal(numberOf(await ledger.locator(sel('third-party-construction-total')).innerText()), flagged.total)
        const n = await rowsOf().count()
        assert.equal(n, Math.min(flagged.total, 20))
        assert.equal(await ledger.locator(sel('cell-flagged')).count(), n, 'a row without 预警')
        for (const t of await ledger.locator(sel('cell-flagged')).allInnerTexts()) assert.equal(t.trim(), '预警')
        const agreements = await ledger.locator(sel('cell-agreement')).allInnerTexts()
        assert.equal(agreements.length, n)
        for (const a of agreements) assert.equal(a.trim(), '未签')
        for (const t of await ledger.locator(sel('cell-nearby')).allInnerTexts()) {
          assert.match(t.trim(), /^\d+ 条，最近 [\d.]+ 米，最高(中压|次高压|高压)[AB]$/)
        }
        await shot(page, '71-third-party-construction-flagged')
      },
    ],
    [
      'a site with a warning opens with the pipelines near it, on a map and in a table',
      async () => {
        const code = (await rowsOf().first().locator(sel('cell-code')).innerText()).trim()
        const site = flagged.items.find((s) => s.code === code && s.flagged)
        assert.ok(site, `${code} is not among the warnings`)
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/third-party-constructions\/\d+$/)
        await rowsOf().first().locator(sel('cell-region')).click()
        const body = await (await detail).json()
        assert.equal(body.code, code)
        await drawer.locator(sel('detail-flagged')).waitFor()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), code)
        assert.equal((await drawer.locator(sel('detail-agreement')).innerText()).trim(), '未签')
        assert.match(await drawer.locator(sel('detail-flag-reason')).innerText(), /中压及以上燃气管道，尚未签订管道保护协议/)
        const table = drawer.locator(sel('nearby-table'))
        await table.locator(sel('nearby-distance')).first().waitFor()
        const distances = (await table.locator(sel('nearby-distance')).allInnerTexts()).map((t) => numberOf(t))
        assert.equal(distances.length, body.nearby.length)
        assert.equal(distances.length, site.nearby_count)
        for (const d of distances) assert.ok(d >= 0 && d <= radius, `a pipeline ${d} m away, beyond ${radius} m`)
        assert.deepEqual([...distances].sort((a, b) => a - b), distances, 'not nearest first')
        const classes = (await table.locator(sel('nearby-pressure')).allInnerTexts()).map((t) => t.trim())
        for (const c of classes) assert.ok(PRESSURE_CLASS_NAMES.includes(c), `pressure class ${c}`)
        assert.ok(classes.some((c) => c !== '低压'), 'a warning without a medium-pressure or higher pipeline')
        assert.deepEqual(
          (await table.locator(sel('nearby-code')).allInnerTexts()).map((t) => t.trim()),
          body.nearby.map((n) => n.code),
        )
        // The map of the site (drawn in software here), or the one line that says it cannot be.
        await page.locator(`${sel('third-party-construction-map')}[data-map-state="idle"], ${sel('third-party-construction-map-webgl')}`).first().waitFor({ timeout: 30_000 })
        await page.waitForTimeout(700) // the drawer's map fits to the pipelines
        await page.locator(`${sel('third-party-construction-map')}[data-map-state="idle"], ${sel('third-party-construction-map-webgl')}`).first().waitFor({ timeout: 30_000 })
        await shot(page, '72-third-party-construction-drawer')
        await drawer.locator(sel('nearby-table')).scrollIntoViewIfNeeded()
        await shot(page, '72-third-party-construction-drawer-nearby')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '导出Excel of 工地台账 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await ledger.locator(sel('third-party-construction-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /\.xlsx$/, `file name ${d.suggestedFilename()}`)
        assert.equal(readFileSync(await d.path()).subarray(0, 2).toString('latin1'), 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      `施工统计 counts the sites of ${COUNTY_NAME}`,
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/safety\/third-party-constructions\/stats$/)
        await page.getByRole('tab', { name: '施工统计' }).click()
        assert.equal((await stats).status(), 200)
        const pane = page.locator(sel('third-party-construction-stats'))
        await pane.locator(sel('stats-name')).first().waitFor()
        assert.deepEqual((await pane.locator(sel('stats-name')).allInnerTexts()).map((t) => t.trim()), [COUNTY_NAME])
        assert.equal(numberOf(await pane.locator(sel('summary-total')).innerText()), all.total)
        assert.equal(numberOf(await pane.locator(sel('summary-flagged')).innerText()), flagged.total)
        const near = all.items.filter((s) => s.nearby_count > 0)
        assert.equal(numberOf(await pane.locator(sel('summary-near')).innerText()), near.length)
        const rate = near.filter((s) => s.agreement_signed).length / near.length
        assert.equal((await pane.locator(sel('summary-rate')).innerText()).trim(), `${(Math.round(rate * 1000) / 10).toFixed(1)}%`)
        assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        await pane.locator(`${sel('third-party-construction-chart')} canvas`).first().waitFor()
        await shot(page, '73-third-party-construction-stats')
        // By enterprise: the enterprises' sites add up to the county's.
        const byEnterprise = answer(page, 'GET', /^\/api\/v1\/safety\/third-party-constructions\/stats$/)
        await pane.locator(sel('stats-group-enterprise')).click()
        assert.equal((await byEnterprise).status(), 200)
        await page.waitForURL(/group=enterprise/)
        await page.waitForFunction(() => !document.querySelector('[data-test="third-party-construction-stats-table"] .el-loading-mask'))
        const totals = (await pane.locator(sel('cell-total')).allInnerTexts()).map(numberOf)
        assert.ok(totals.length > 1, 'one enterprise only')
        assert.equal(totals.reduce((a, b) => a + b, 0), all.total)
        // A warning count opens those sites on the register.
        await listLoaded(page, '/safety/third-party-constructions', () => pane.locator(`a${sel('cell-flagged')}`).first().click())
        await page.waitForURL((u) => u.searchParams.get('flagged') === 'true' && u.searchParams.has('enterprise_id'))
        for (const t of await ledger.locator(sel('cell-flagged')).allInnerTexts()) assert.equal(t.trim(), '预警')
      },
    ],
    [
      '一张图 draws the third-party construction layer and highlights the pipelines near a site',
      async () => {
        await page.locator(sel('menu-map')).click()
        await page.waitForURL(/\/map$/)
        const drawn = await mapSettled(page)
        const features = answer(page, 'GET', /^\/api\/v1\/safety\/third-party-constructions\/features$/)
        await page.locator(sel('layer-third-party-construction')).click()
        const fc = await (await features).json()
        assert.equal(fc.type, 'FeatureCollection')
        assert.equal(fc.features.length, all.total, 'the layer holds other sites than the register')
        assert.equal(fc.features.filter((f) => f.properties.flagged).length, flagged.total)
        await page.locator(`${sel('third-party-construction-count')}[data-state="loaded"]`).waitFor()
        assert.match(await page.locator(sel('third-party-construction-count')).innerText(), new RegExp(`共 ${all.total} 处，其中预警\\s*${flagged.total}\\s*处`))
        await page.locator(sel('legend-third-party-construction')).waitFor()
        if (drawn) await mapSettled(page)
        await shot(page, '74-map-third-party-construction')
        // A site with a warning opened from the address: its pipelines are listed (and highlighted).
        const site = flagged.items[0]
        const detail = await apiGet(page, `/safety/third-party-constructions/${site.id}`)
        await page.goto(`${BASE_URL}/map?third_party_construction=${site.id}`)
        const panel = page.locator(sel('map-detail'))
        await panel.locator(sel('map-detail-nearby-list')).waitFor()
        assert.equal(await panel.getAttribute('data-kind'), 'third_party_construction')
        assert.ok((await panel.locator(sel('map-detail-title')).innerText()).includes(site.name))
        assert.equal((await panel.locator(sel('map-detail-code')).innerText()).trim(), site.code)
        assert.equal((await panel.locator(sel('map-detail-agreement')).innerText()).trim(), '未签')
        await panel.locator(sel('map-detail-flag')).waitFor()
        assert.equal(await panel.locator(sel('map-detail-nearby-item')).count(), detail.nearby.length)
        assert.match(await page.locator(sel('layer-third-party-construction')).getAttribute('class'), /is-checked/)
        if (await mapSettled(page)) await page.waitForTimeout(700) // the fit to the site
        await mapSettled(page)
        await shot(page, '75-map-third-party-construction-site')
      },
    ],
    [
      'clicking a third-party construction site on the map opens it',
      async () => {
        if ((await page.locator(sel('map-webgl-error')).count()) > 0) return // no WebGL: nothing to click
        // A point without pipelines near it: the map centres on it (less the panels).
        const lone = all.items.find((s) => s.geometry.type === 'Point' && s.nearby_count === 0)
        if (!lone) return console.log('      (every point site has pipelines near it: not clicked)')
        await page.goto(`${BASE_URL}/map?third_party_construction=${lone.id}`)
        await page.locator(sel('map-detail-code')).waitFor()
        if (await mapSettled(page)) await page.waitForTimeout(700)
        await mapSettled(page)
        const box = await page.locator(sel('map')).boundingBox()
        const x = box.x + 300 + (box.width - 700) / 2
        const y = box.y + box.height / 2
        await page.locator(sel('map-detail-close')).click()
        await page.locator(sel('map-detail')).waitFor({ state: 'detached' })
        await page.waitForURL((u) => !u.searchParams.has('third_party_construction'))
        await page.mouse.click(x, y)
        await page.locator(sel('map-detail-code')).waitFor()
        assert.equal((await page.locator(sel('map-detail-code')).innerText()).trim(), lone.code)
        assert.equal(await page.locator(sel('map-detail')).getAttribute('data-kind'), 'third_party_construction')
        await page.waitForURL(new RegExp(`[?&]third_party_construction=${lone.id}(&|$)`))
        assert.equal((await page.locator(sel('map-detail-nearby')).innerText()).trim(), '无')
      },
    ],
    [
      'the addresses from before the rename (bookmarks) open the same page and the same site',
      async () => {
        await listLoaded(page, '/safety/third-party-constructions', () => page.goto(`${BASE_URL}/safety/construction?flagged=true`))
        await page.waitForURL((u) => /\/safety\/third-party-construction$/.test(u.pathname) && u.searchParams.get('flagged') === 'true')
        assert.equal(numberOf(await ledger.locator(sel('third-party-construction-total')).innerText()), flagged.total)
        const site = flagged.items[0]
        await page.goto(`${BASE_URL}/map?construction=${site.id}`)
        await page.waitForURL((u) => u.searchParams.get('third_party_construction') === String(site.id) && !u.searchParams.has('construction'))
        await page.locator(sel('map-detail-code')).waitFor()
        assert.equal((await page.locator(sel('map-detail-code')).innerText()).trim(), site.code)
        assert.equal(await page.locator(sel('map-detail')).getAttribute('data-kind'), 'third_party_construction')
      },
    ],
    [
      '导入Excel adds a site on a medium-pressure pipeline without an agreement: it has a warning',
      async () => {
        const segments = (await apiGet(page, `/industry/pipeline-segments?region_code=${COUNTY_CODE}&pressure_class=medium_a&page_size=20`)).items
        const seg = segments.find((s) => s.status === 'in_service')
        assert.ok(seg, `no medium-pressure A pipeline in ${COUNTY_NAME}`)
        const [lng, lat] = seg.geometry.coordinates[0]
        await listLoaded(page, '/safety/third-party-constructions', () => page.goto(`${BASE_URL}/safety/third-party-construction`))
        await ledger.locator(sel('third-party-construction-import')).click()
        const dialog = page.locator(sel('third-party-construction-import-dialog'))
        await dialog.waitFor()
        const template = page.waitForEvent('download', { timeout: 30_000 })
        template.catch(() => {})
        await dialog.locator(sel('import-template')).click()
        assert.match((await template).suggestedFilename(), /\.xlsx$/)
        const csv = [
          '燃气企业统一社会信用代码,工地编号,工程名称,施工单位,施工许可证号,施工地点,开工日期,完工日期,经度,纬度,施工范围（GeoJSON）,是否签订管道保护协议,现场监护人,所属区划',
          `${seg.enterprise_code},E2E-SG-001,测试路燃气管道旁开挖工程,江西测试建设工程有限公司,,测试路,2026-01-01,2030-12-31,${lng},${lat},,否,,`,
        ].join('\n')
        await dialog.locator('input[type=file]').first().setInputFiles({ name: '第三方施工.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
        const imported = answer(page, 'POST', /^\/api\/v1\/safety\/third-party-constructions\/import$/)
        const reloaded = answer(page, 'GET', /^\/api\/v1\/safety\/third-party-constructions$/)
        await dialog.locator(sel('import-submit')).click()
        assert.equal((await imported).status(), 200)
        assert.equal((await dialog.locator(sel('import-inserted')).innerText()).trim(), '1')
        assert.equal((await reloaded).status(), 200)
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        await inputOf(page, 'filter-q').fill('E2E-SG-001')
        await listLoaded(page, '/safety/third-party-constructions', () => ledger.locator(sel('filter-search')).click())
        assert.equal(await rowsOf().count(), 1)
        assert.equal((await ledger.locator(sel('cell-region')).innerText()).trim(), COUNTY_NAME)
        assert.equal((await ledger.locator(sel('cell-agreement')).innerText()).trim(), '未签')
        assert.equal((await ledger.locator(sel('cell-flagged')).innerText()).trim(), '预警')
        assert.match(await ledger.locator(sel('cell-nearby')).innerText(), /^\d+ 条，最近 0 米，最高(中压A|次高压|高压)/)
        await logout(page)
      },
    ],
  ])
}

/** A rate as the UI prints it: "71.4%" (one decimal, as utils/rate.ts). */
const percent = (rate) => `${(Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10).toFixed(1)}%`

/** Today in Shanghai, YYYY-MM-DD. */
const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())

/**
 * 重大危险源 as the county authority: the register of its county only (levels, safeguards, the last
 * assessment and maintenance), the sources past their assessment period, a source with its
 * assessments and maintenance, a PDF report uploaded to an assessment and downloaded again, the
 * statistics and a link from them back to the register.
 */
async function majorHazardFlow(page) {
  const ledger = page.locator(sel('major-hazard-ledger'))
  const drawer = page.locator(sel('major-hazard-drawer'))
  const rowsOf = () => ledger.locator(`${sel('major-hazard-table')} .el-table__body .el-table__row`)
  const LEVELS = ['一级', '二级', '三级', '四级']
  /** The sources of the county (the API, with the account's session). */
  let all = null
  let overdue = null
  /** A source with assessments (none with a report yet) and maintenance, and its detail. */
  let source = null

  await flow(`重大危险源 ${COUNTY_USER}`, page, [
    [
      `危险源台账 lists the sources of ${COUNTY_NAME} only, the most severe first`,
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const list = await listLoaded(page, '/safety/major-hazard-sources', () => page.locator(sel('menu-major-hazards')).click())
        await page.waitForURL(/\/safety\/major-hazards/)
        all = await apiGet(page, '/safety/major-hazard-sources?page_size=100')
        assert.ok(all.total > 0, 'no major hazard sources')
        assert.equal(list.total, all.total)
        assert.equal(numberOf(await ledger.locator(sel('major-hazard-total')).innerText()), all.total)
        for (const s of all.items) assert.equal(s.region_code, COUNTY_CODE, `${s.code} of ${s.region_name}`)
        assert.equal((await apiGet(page, '/safety/major-hazard-sources?region_code=361103')).total, 0, 'sources of 广丰区 seen')
        assert.equal(await ledger.locator(sel('filter-region')).count(), 0, 'a county filter for a county account')
        assert.equal(
          (await ledger.locator(sel('major-hazard-periods')).innerText()).trim(),
          `安全评估每 ${all.assessment_years} 年一次，设备设施维护保养每 ${all.maintenance_months} 个月一次`,
        )
        const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
        assert.equal(regions.length, Math.min(20, all.total))
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        const levels = (await ledger.locator(sel('cell-level')).allInnerTexts()).map((t) => LEVELS.indexOf(t.trim()))
        for (const l of levels) assert.ok(l >= 0, 'a level not 一级…四级')
        assert.deepEqual([...levels].sort((a, b) => a - b), levels, 'not the most severe first')
        // The safeguards of each row as the API has them (missing ones red).
        const codes = (await ledger.locator(sel('cell-code')).allInnerTexts()).map((t) => t.trim())
        const missing = await ledger.locator(sel('cell-safeguards')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-missing'))))
        codes.forEach((code, i) => {
          const s = all.items.find((x) => x.code === code)
          assert.ok(s, `${code} is not in the API's list`)
          assert.equal(missing[i], s.missing_safeguards.length, `the safeguards of ${code}`)
        })
        assert.equal(await ledger.locator(`${sel('cell-safeguards')} .missing`).count(), missing.reduce((a, b) => a + b, 0))
        // 导入: the three record types.
        await ledger.locator(sel('major-hazard-import')).click()
        for (const k of ['sources', 'assessments', 'maintenance']) await page.locator(sel(`import-${k}`)).waitFor()
        await page.locator(sel('import-assessments')).click()
        const dialog = page.locator(sel('major-hazard-import-assessments'))
        await dialog.waitFor()
        assert.match(await dialog.innerText(), /导入重大危险源安全评估记录/)
        const template = page.waitForEvent('download', { timeout: 30_000 })
        template.catch(() => {})
        await dialog.locator(sel('import-template')).click()
        assert.match((await template).suggestedFilename(), /\.xlsx$/)
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        await shot(page, '80-major-hazards')
      },
    ],
    [
      '超期 安全评估超期 lists the sources past their assessment period only',
      async () => {
        overdue = await apiGet(page, '/safety/major-hazard-sources?overdue=assessment&page_size=100')
        assert.ok(overdue.total > 0, 'no overdue assessment in the demo data')
        assert.ok(overdue.total < all.total, 'every assessment is overdue')
        for (const s of overdue.items) assert.ok(s.assessment_overdue, `${s.code} is not overdue`)
        await chooseOption(page, 'filter-overdue', '安全评估超期')
        await listLoaded(page, '/safety/major-hazard-sources', () => ledger.locator(sel('filter-search')).click())
        await page.waitForURL(/overdue=assessment/)
        assert.equal(numberOf(await ledger.locator(sel('major-hazard-total')).innerText()), overdue.total)
        const n = await rowsOf().count()
        assert.equal(n, Math.min(20, overdue.total))
        const tags = (await ledger.locator(sel('cell-assessment-tag')).allInnerTexts()).map((t) => t.trim())
        assert.equal(tags.length, n, 'a row without 超期')
        for (const t of tags) assert.match(t, /^(超期|从未评估)$/)
        assert.ok(tags.includes('超期'), 'no row shows 超期')
        await shot(page, '81-major-hazards-overdue')
      },
    ],
    [
      'a source opens with its assessments and maintenance, newest first',
      async () => {
        for (const s of all.items) {
          const d = await apiGet(page, `/safety/major-hazard-sources/${s.id}`)
          if (d.assessments.length > 0 && d.maintenance.length > 0 && d.assessments.every((a) => !a.report_name)) {
            source = d
            break
          }
        }
        assert.ok(source, 'no source with assessments and maintenance')
        await listLoaded(page, '/safety/major-hazard-sources', () => page.goto(`${BASE_URL}/safety/major-hazards?q=${encodeURIComponent(source.code)}`))
        assert.equal(await rowsOf().count(), 1)
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/major-hazard-sources\/\d+$/)
        await rowsOf().first().locator(sel('cell-region')).click()
        assert.equal((await detail).status(), 200)
        await drawer.locator(sel('assessment-date')).first().waitFor()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), source.code)
        assert.equal((await drawer.locator(sel('detail-level')).innerText()).trim(), source.level_name)
        assert.equal((await drawer.locator(sel('detail-station')).innerText()).trim(), source.station_name)
        assert.deepEqual(
          (await drawer.locator(sel('assessment-date')).allInnerTexts()).map((t) => t.trim()),
          source.assessments.map((a) => a.assessed_on),
        )
        assert.deepEqual(
          (await drawer.locator(sel('assessment-conclusion')).allInnerTexts()).map((t) => t.trim()),
          source.assessments.map((a) => a.conclusion_name),
        )
        const maintained = (await drawer.locator(sel('maintenance-date')).allInnerTexts()).map((t) => t.trim())
        assert.deepEqual(maintained, source.maintenance.map((m) => m.maintained_on))
        assert.deepEqual([...maintained].sort().reverse(), maintained, 'maintenance not newest first')
        for (const r of await drawer.locator(sel('maintenance-result')).allInnerTexts()) assert.match(r.trim(), /^(正常|维修后正常|异常待处理)$/)
        assert.equal((await drawer.locator(sel('detail-last-assessed')).innerText()).trim(), source.last_assessed_on ?? '从未评估')
        // A county administrator may upload the reports: one button per assessment, no report yet.
        assert.equal(await drawer.locator(sel('report-upload')).count(), source.assessments.length)
        assert.equal(await drawer.locator(sel('report-download')).count(), 0)
        await page.waitForFunction(() => !document.querySelector('[data-test="major-hazard-drawer"] .el-loading-mask'))
        await shot(page, '82-major-hazard-drawer')
        await drawer.locator(sel('maintenance-table')).scrollIntoViewIfNeeded()
        await shot(page, '82-major-hazard-drawer-maintenance')
      },
    ],
    [
      'a PDF report uploaded to an assessment is listed by name and downloads again',
      async () => {
        const input = drawer.locator(`${sel('report-upload')} input[type=file]`).first()
        // A Word file is refused before it is sent.
        await input.setInputFiles({ name: '评估报告.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004') })
        await page.locator('.el-message--error', { hasText: '不是PDF文件或JPEG、PNG图片' }).waitFor()
        const pdf = Buffer.from('%PDF-1.4\n% 燃监 e2e\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'utf8')
        const uploaded = answer(page, 'POST', /^\/api\/v1\/safety\/major-hazard-sources\/\d+\/assessments\/\d+\/report$/)
        await input.setInputFiles({ name: '安全评估报告-e2e.pdf', mimeType: 'application/pdf', buffer: pdf })
        assert.equal((await uploaded).status(), 200)
        const link = drawer.locator(sel('report-download')).first()
        await link.waitFor()
        assert.equal((await link.innerText()).trim(), '安全评估报告-e2e.pdf')
        const fresh = await apiGet(page, `/safety/major-hazard-sources/${source.id}`)
        assert.equal(fresh.assessments[0].report_name, '安全评估报告-e2e.pdf')
        assert.equal(fresh.assessments[0].report_size, pdf.length)
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await link.click()
        const d = await download
        assert.equal(d.suggestedFilename(), '安全评估报告-e2e.pdf')
        assert.equal(readFileSync(await d.path()).subarray(0, 5).toString('latin1'), '%PDF-')
        await drawer.locator(sel('assessment-table')).scrollIntoViewIfNeeded()
        await shot(page, '83-major-hazard-report')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '导出Excel of 危险源台账 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await ledger.locator(sel('major-hazard-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /\.xlsx$/, `file name ${d.suggestedFilename()}`)
        assert.equal(readFileSync(await d.path()).subarray(0, 2).toString('latin1'), 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      `统计 counts the sources of ${COUNTY_NAME} and links an overdue count to the register`,
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/safety\/major-hazard-sources\/stats$/)
        await page.getByRole('tab', { name: '统计' }).click()
        assert.equal((await stats).status(), 200)
        const pane = page.locator(sel('major-hazard-stats'))
        await pane.locator(sel('stats-name')).first().waitFor()
        assert.deepEqual((await pane.locator(sel('stats-name')).allInnerTexts()).map((t) => t.trim()), [COUNTY_NAME])
        assert.equal(numberOf(await pane.locator(sel('summary-total')).innerText()), all.total)
        assert.equal(numberOf(await pane.locator(sel('summary-assessment-overdue')).innerText()), overdue.total)
        const maintenanceOverdue = all.items.filter((s) => s.maintenance_overdue).length
        assert.equal(numberOf(await pane.locator(sel('summary-maintenance-overdue')).innerText()), maintenanceOverdue)
        const complete = all.items.filter((s) => s.missing_safeguards.length === 0).length
        assert.equal((await pane.locator(sel('summary-safeguards')).innerText()).trim(), percent(complete / all.total))
        const byLevel = [1, 2, 3, 4].map((l) => all.items.filter((s) => s.level === l).length)
        for (const l of [1, 2, 3, 4]) assert.equal(numberOf(await pane.locator(sel(`summary-level-${l}`)).innerText()), byLevel[l - 1], `${LEVELS[l - 1]}`)
        assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        await pane.locator(`${sel('major-hazard-chart')} canvas`).first().waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-test="major-hazard-stats-table"] .el-loading-mask'))
        await shot(page, '84-major-hazards-stats')
        // By level: the levels add up to the county's; an overdue count opens those sources.
        const byGroup = answer(page, 'GET', /^\/api\/v1\/safety\/major-hazard-sources\/stats$/)
        await pane.locator(sel('stats-group-level')).click()
        assert.equal((await byGroup).status(), 200)
        await page.waitForURL(/group=level/)
        await page.waitForFunction(() => !document.querySelector('[data-test="major-hazard-stats-table"] .el-loading-mask'))
        const totals = (await pane.locator(sel('cell-total')).allInnerTexts()).map(numberOf)
        assert.equal(totals.reduce((a, b) => a + b, 0), all.total)
        const row = pane.locator('.el-table__body .el-table__row', { has: page.locator(`a${sel('cell-assessment-overdue')}`) }).first()
        const link = row.locator(`a${sel('cell-assessment-overdue')}`)
        const level = (await row.locator(sel('stats-name')).innerText()).trim()
        await listLoaded(page, '/safety/major-hazard-sources', () => link.click())
        await page.waitForURL((u) => u.searchParams.get('overdue') === 'assessment' && u.searchParams.has('level'))
        const n = await rowsOf().count()
        assert.ok(n > 0, 'no row')
        for (const t of await ledger.locator(sel('cell-level')).allInnerTexts()) assert.equal(t.trim(), level)
        assert.equal(await ledger.locator(sel('cell-assessment-tag')).count(), n)
        await logout(page)
      },
    ],
  ])
}

/**
 * 巡查巡检 as the county authority: the completion against the plan (the figures of the API, the
 * plan itself, another period), the targets behind plan, the records found abnormal and one opened,
 * and a record with a track imported and shown on a map beside its segment.
 */
async function patrolFlow(page) {
  const completion = page.locator(sel('patrol-completion'))
  const behind = page.locator(sel('patrol-behind'))
  const records = page.locator(sel('patrol-records'))
  const drawer = page.locator(sel('patrol-drawer'))
  const recordRows = () => records.locator(`${sel('patrol-table')} .el-table__body .el-table__row`)
  let summary = null

  await flow(`巡查巡检 ${COUNTY_USER}`, page, [
    [
      '完成率 shows the rates of the API, lowest first, and the plan',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const loaded = answer(page, 'GET', /^\/api\/v1\/safety\/patrols\/completion$/)
        await page.locator(sel('menu-patrols')).click()
        await page.waitForURL(/\/safety\/patrols/)
        assert.equal((await loaded).status(), 200)
        const api = await apiGet(page, '/safety/patrols/completion')
        summary = api.summary
        assert.ok(summary.targets > 0 && summary.required > 0, 'nothing planned')
        await completion.locator(sel('cell-rate')).first().waitFor()
        assert.equal((await completion.locator(sel('summary-rate')).innerText()).trim(), percent(summary.rate))
        assert.equal(numberOf(await completion.locator(sel('summary-targets')).innerText()), summary.targets)
        assert.equal(numberOf(await completion.locator(sel('summary-required')).innerText()), summary.required)
        assert.equal(numberOf(await completion.locator(sel('summary-done')).innerText()), summary.done)
        assert.equal(numberOf(await completion.locator(sel('summary-behind')).innerText()), summary.behind)
        assert.equal((await completion.locator(sel('summary-period')).innerText()).trim(), `${api.from} 至 ${api.to}（30 天）`)
        assert.equal((await completion.locator(sel('summary-days')).innerText()).trim(), '统计期共 30 天')
        assert.equal(api.to, todayShanghai())
        assert.deepEqual((await completion.locator(sel('stats-name')).allInnerTexts()).map((t) => t.trim()), api.items.map((i) => i.name))
        const rates = (await completion.locator(sel('cell-rate')).allInnerTexts()).map((t) => t.trim())
        assert.deepEqual(rates, api.items.map((i) => (i.rate === null ? '—' : percent(i.rate))))
        const values = rates.filter((r) => r !== '—').map(numberOf)
        assert.deepEqual([...values].sort((a, b) => a - b), values, 'not the lowest rate first')
        // The date picker shows the period counted (its data-test does not reach the range editor).
        const [from, to] = await completion.locator('.range-filter input.el-range-input').evaluateAll((els) => els.map((e) => e.value))
        assert.deepEqual([from, to], [api.from, api.to])
        await completion.locator(`${sel('patrol-chart')} canvas`).first().waitFor()
        // The plan, folded until asked for.
        const plan = await apiGet(page, '/safety/patrols/plan')
        await completion.locator(`${sel('patrol-plan')} .el-collapse-item__header`).click()
        await completion.locator(sel('plan-segments')).waitFor({ state: 'visible' })
        const texts = (await completion.locator(sel('plan-text')).allInnerTexts()).map((t) => t.trim())
        for (const e of plan) {
          const want = e.interval_days === 1 ? '每天一次' : `每${e.interval_days}天一次`
          assert.ok(texts.includes(want), `${e.class_name}: ${want} not shown`)
        }
        const segmentsText = await completion.locator(sel('plan-segments')).innerText()
        for (const e of plan.filter((x) => x.target_kind === 'segment')) assert.ok(segmentsText.includes(e.class_name), `${e.class_name} not in the plan`)
        await page.waitForTimeout(300) // the fold's animation
        await shot(page, '85-patrols-completion')
      },
    ],
    [
      '完成率 by class and over another period matches the API',
      async () => {
        const byClass = answer(page, 'GET', /^\/api\/v1\/safety\/patrols\/completion$/)
        await completion.locator(sel('stats-group-class')).click()
        assert.equal((await byClass).status(), 200)
        await page.waitForURL(/group=class/)
        await page.waitForFunction(() => !document.querySelector('[data-test="patrol-completion-table"] .el-loading-mask'))
        const api = await apiGet(page, '/safety/patrols/completion?group=class')
        assert.deepEqual((await completion.locator(sel('stats-name')).allInnerTexts()).map((t) => t.trim()), api.items.map((i) => i.name))
        assert.equal((await completion.locator(sel('summary-rate')).innerText()).trim(), percent(summary.rate))
        // The last 7 days (from the address, as a shared link).
        const to = todayShanghai()
        const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 6 * 86_400_000))
        const week = answer(page, 'GET', /^\/api\/v1\/safety\/patrols\/completion$/)
        await page.goto(`${BASE_URL}/safety/patrols?from=${from}&to=${to}`)
        const r = await week
        assert.equal(new URL(r.url()).searchParams.get('from'), from)
        const w = await r.json()
        await completion.locator(sel('summary-period')).waitFor()
        assert.equal((await completion.locator(sel('summary-period')).innerText()).trim(), `${from} 至 ${to}（7 天）`)
        assert.equal((await completion.locator(sel('summary-rate')).innerText()).trim(), percent(w.summary.rate))
        assert.ok(w.summary.required < summary.required, 'a week asks as many patrol days as a month')
      },
    ],
    [
      '未达标对象 lists the targets behind plan, the largest shortfall first',
      async () => {
        const month = answer(page, 'GET', /^\/api\/v1\/safety\/patrols\/completion$/)
        await page.goto(`${BASE_URL}/safety/patrols`)
        assert.equal((await month).status(), 200)
        await completion.locator(`${sel('summary-behind')} a`).waitFor()
        const list = await listLoaded(page, '/safety/patrols/behind', () => completion.locator(`${sel('summary-behind')} a`).click())
        await page.waitForURL(/tab=behind/)
        assert.equal(list.total, summary.behind)
        assert.equal(numberOf(await behind.locator(sel('behind-total')).innerText()), summary.behind)
        const n = await behind.locator(`${sel('behind-table')} .el-table__body .el-table__row`).count()
        assert.equal(n, Math.min(20, summary.behind))
        assert.deepEqual((await behind.locator(sel('cell-code')).allInnerTexts()).map((t) => t.trim()), list.items.map((i) => i.target_code))
        for (const r of await behind.locator(sel('cell-region')).allInnerTexts()) assert.equal(r.trim(), COUNTY_NAME)
        for (const k of await behind.locator(sel('cell-kind')).allInnerTexts()) assert.match(k.trim(), /^(管段|厂站设施)$/)
        for (const f of await behind.locator(sel('cell-interval')).allInnerTexts()) assert.match(f.trim(), /^每(\d+)?天一次$/)
        const days = (await behind.locator(sel('cell-days')).allInnerTexts()).map((t) => t.trim().split(' / ').map(Number))
        for (const [required, done] of days) assert.ok(done < required, `${done} of ${required} days is not behind`)
        const short = (await behind.locator(sel('cell-shortfall')).allInnerTexts()).map(Number)
        assert.deepEqual([...short].sort((a, b) => b - a), short, 'not the largest shortfall first')
        assert.match(await behind.locator(sel('behind-period')).innerText(), /（30 天）$/)
        await shot(page, '86-patrols-behind')
      },
    ],
    [
      '巡查记录 filtered by 发现异常 shows abnormal patrols only; one opens',
      async () => {
        const list = await listLoaded(page, '/safety/patrols', () => page.getByRole('tab', { name: '巡查记录' }).click())
        await page.waitForURL(/tab=records/)
        const api = await apiGet(page, '/safety/patrols?page_size=1')
        assert.equal(list.total, api.total)
        assert.equal(numberOf(await records.locator(sel('patrol-total')).innerText()), api.total)
        for (const w of await records.locator(sel('cell-when')).allInnerTexts()) assert.match(w.trim(), /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/)
        for (const r of await records.locator(sel('cell-region')).allInnerTexts()) assert.equal(r.trim(), COUNTY_NAME)
        const abnormal = await apiGet(page, '/safety/patrols?result=abnormal&page_size=1')
        assert.ok(abnormal.total > 0 && abnormal.total < api.total, `${abnormal.total} abnormal of ${api.total}`)
        await chooseOption(page, 'filter-result', '发现异常')
        await listLoaded(page, '/safety/patrols', () => records.locator(sel('filter-search')).click())
        await page.waitForURL(/result=abnormal/)
        assert.equal(numberOf(await records.locator(sel('patrol-total')).innerText()), abnormal.total)
        const results = (await records.locator(sel('cell-result')).allInnerTexts()).map((t) => t.trim())
        assert.equal(results.length, Math.min(20, abnormal.total))
        for (const r of results) assert.equal(r, '发现异常')
        await shot(page, '87-patrols-records')
        const code = (await recordRows().first().locator(sel('cell-code')).innerText()).trim()
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/patrols\/\d+$/)
        await recordRows().first().locator(sel('cell-region')).click()
        const body = await (await detail).json()
        assert.equal(body.code, code)
        await drawer.locator(sel('detail-finding')).waitFor()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), code)
        assert.equal((await drawer.locator(sel('detail-result')).innerText()).trim(), '发现异常')
        assert.equal((await drawer.locator(sel('detail-patroller')).innerText()).trim(), body.patroller)
        assert.match(await drawer.locator(sel('detail-target')).innerText(), new RegExp(body.target_code))
        if (body.track) await page.locator(`${sel('patrol-map')}[data-map-state="idle"], ${sel('patrol-map-webgl')}`).first().waitFor({ timeout: 30_000 })
        else await drawer.locator(sel('detail-no-track')).waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-test="patrol-drawer"] .el-loading-mask'))
        await shot(page, '88-patrol-drawer')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '导出Excel of 巡查记录 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await records.locator(sel('patrol-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /\.xlsx$/, `file name ${d.suggestedFilename()}`)
        assert.equal(readFileSync(await d.path()).subarray(0, 2).toString('latin1'), 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      '导入Excel adds a patrol with a track; its drawer draws the track beside the segment',
      async () => {
        const segments = (await apiGet(page, `/industry/pipeline-segments?region_code=${COUNTY_CODE}&pressure_class=medium_a&page_size=20`)).items
        const seg = segments.find((s) => s.status === 'in_service')
        assert.ok(seg, `no medium-pressure A pipeline in ${COUNTY_NAME}`)
        // A walk along the segment, a few metres off it.
        const c = seg.geometry.coordinates
        const track = []
        for (let i = 0; i < c.length - 1; i++) {
          for (let k = 0; k < 6; k++) {
            const t = k / 6
            const wobble = (k % 2 ? 1 : -1) * 0.00003
            track.push([+(c[i][0] + (c[i + 1][0] - c[i][0]) * t + wobble).toFixed(6), +(c[i][1] + (c[i + 1][1] - c[i][1]) * t - wobble).toFixed(6)])
          }
        }
        track.push(c[c.length - 1])
        const geojson = JSON.stringify({ type: 'LineString', coordinates: track })
        const csv = [
          '企业统一社会信用代码,巡查记录编号,巡查对象类型,管段或设施编号,巡查时间,巡查人,巡查轨迹（GeoJSON）,巡查结果,发现情况',
          `${seg.enterprise_code},E2E-XC-001,管段,${seg.code},${todayShanghai()} 09:30,测试巡线员,"${geojson.replace(/"/g, '""')}",发现异常,管道标志桩缺失一处`,
        ].join('\n')
        await records.locator(sel('patrol-import')).click()
        const dialog = page.locator(sel('patrol-import-dialog'))
        await dialog.waitFor()
        await dialog.locator('input[type=file]').first().setInputFiles({ name: '巡查记录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
        const imported = answer(page, 'POST', /^\/api\/v1\/safety\/patrols\/import$/)
        await dialog.locator(sel('import-submit')).click()
        assert.equal((await imported).status(), 200)
        assert.equal((await dialog.locator(sel('import-inserted')).innerText()).trim(), '1')
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        await inputOf(page, 'filter-q').fill('E2E-XC-001')
        await listLoaded(page, '/safety/patrols', () => records.locator(sel('filter-search')).click())
        assert.equal(await recordRows().count(), 1)
        const body = (await apiGet(page, '/safety/patrols?q=E2E-XC-001')).items[0]
        assert.equal(body.track.type, 'LineString')
        assert.ok(body.track_length_m > 0)
        const m = body.track_length_m
        const length = m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(2)} 公里`
        assert.equal((await records.locator(sel('cell-track')).innerText()).trim(), `轨迹 ${length}`)
        assert.match(await records.locator(sel('cell-target')).innerText(), new RegExp(`${seg.code}\\s*中压A`))
        await recordRows().first().locator(sel('cell-region')).click()
        await drawer.locator(sel('detail-track-length')).waitFor()
        assert.equal((await drawer.locator(sel('detail-track-length')).innerText()).trim(), `轨迹长度 ${length}`)
        await page.locator(`${sel('patrol-map')}[data-map-state="idle"], ${sel('patrol-map-webgl')}`).first().waitFor({ timeout: 30_000 })
        await page.waitForTimeout(700) // the fit to the track and its segment
        await page.locator(`${sel('patrol-map')}[data-map-state="idle"], ${sel('patrol-map-webgl')}`).first().waitFor({ timeout: 30_000 })
        // The segment patrolled is drawn beside the track (read from the network ledger).
        await drawer.locator(sel('patrol-map-legend'), { hasText: seg.code }).waitFor()
        await shot(page, '89-patrol-track')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
  ])
}

/** The text of an Element Plus select option in the open dropdown. */
async function chooseOption(page, selectTest, label) {
  await page.locator(sel(selectTest)).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

/** Wait for the answer of a request of `method` to a path matching `path` (a RegExp on the pathname). */
function answer(page, method, path) {
  const r = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: TIMEOUT })
  r.catch(() => {})
  return r
}

/** 瓶装燃气, 燃气用户, 入户安检, 隐患整改 and 接入备案: the ledgers that came with the bottled LPG and community records. */
async function ledgerPages() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    context.setDefaultTimeout(TIMEOUT)
    const page = await context.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(e))
    await lpgFlow(page)
    await gasUserFlow(page)
    await homeInspectionFlow(page)
    await hazardFlow(page)
    await filingFlow(page)
    await flow('页面错误', page, [['no uncaught errors in the ledger pages', async () => assert.deepEqual(pageErrors.map(String), [])]])
    await context.close()
  } finally {
    await browser.close()
  }
}

async function lpgFlow(page) {
  let code = ''
  await flow(`瓶装燃气 ${COUNTY_USER}`, page, [
    [
      'logs in and opens 钢瓶台账 of its county',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        await listLoaded(page, '/industry/cylinders', () => page.locator(sel('menu-lpg')).click())
        await page.waitForURL(/\/industry\/lpg/)
        const ledger = page.locator(sel('cylinder-ledger'))
        assert.ok(Number(await ledger.locator(sel('cylinder-total')).innerText()) > 0, 'no cylinders')
        for (const r of await ledger.locator(sel('cell-region')).allInnerTexts()) assert.equal(r.trim(), COUNTY_NAME)
      },
    ],
    [
      'filters the cylinders in use',
      async () => {
        const ledger = page.locator(sel('cylinder-ledger'))
        await chooseOption(page, 'filter-status', '在用')
        await listLoaded(page, '/industry/cylinders', () => ledger.locator(sel('filter-search')).click())
        await page.waitForURL(/status=in_use/)
        const statuses = await ledger.locator(sel('cell-status')).allInnerTexts()
        assert.ok(statuses.length > 0, 'no cylinder in use')
        for (const s of statuses) assert.equal(s.trim(), '在用')
        code = (await ledger.locator(sel('cell-code')).first().innerText()).trim()
        assert.match(code, /^[A-Z0-9]+$/, `code ${code}`)
        await shot(page, '30-lpg-cylinders')
      },
    ],
    [
      '钢瓶追溯: a code typed with Enter shows the cylinder and its trace',
      async () => {
        await page.getByRole('tab', { name: '钢瓶追溯' }).click()
        await page.waitForURL(/tab=trace/)
        const input = inputOf(page, 'trace-input')
        await input.waitFor()
        const trace = answer(page, 'GET', /^\/api\/v1\/industry\/cylinders\/trace$/)
        // As a barcode scanner does: the code, then Enter.
        await input.fill(code)
        await input.press('Enter')
        assert.equal((await trace).status(), 200)
        const card = page.locator(sel('trace-card'))
        await card.locator(sel('trace-code')).waitFor()
        assert.equal((await card.locator(sel('trace-code')).innerText()).trim(), code)
        await page.locator(sel('trace-event')).first().waitFor()
        assert.ok((await page.locator(sel('trace-event')).count()) >= 1, 'no trace entry')
        const kinds = await page.locator(sel('trace-event-kind')).allInnerTexts()
        for (const k of kinds) assert.ok(['充装', '拒绝充装', '配送出站', '入户使用', '回收', '报废'].includes(k.trim()), `step ${k}`)
        await page.waitForURL((u) => u.searchParams.get('code') === code)
        await shot(page, '31-lpg-trace')
      },
    ],
    [
      'the trace opens from a link and says when a code is unknown',
      async () => {
        await page.goto(`${BASE_URL}/industry/lpg?tab=trace&code=${encodeURIComponent(code)}`)
        await page.locator(`${sel('trace-code')}`).waitFor()
        assert.equal((await page.locator(sel('trace-code')).innerText()).trim(), code)
        const input = inputOf(page, 'trace-input')
        await input.fill('E2E-NO-SUCH-CYLINDER')
        await input.press('Enter')
        const missing = page.locator(sel('trace-not-found'))
        await missing.waitFor()
        assert.match(await missing.innerText(), /未找到该钢瓶，或不在您的管辖范围内/)
      },
    ],
    [
      'the trace fits a phone-sized screen',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 })
        try {
          await page.goto(`${BASE_URL}/industry/lpg?tab=trace&code=${encodeURIComponent(code)}`)
          await page.locator(sel('trace-event')).first().waitFor()
          const card = await page.locator(sel('trace-card')).boundingBox()
          assert.ok(card && card.x >= 0 && card.x + card.width <= 390, `the card is off the screen: ${JSON.stringify(card)}`)
          await shot(page, '32-lpg-trace-phone')
        } finally {
          await page.setViewportSize({ width: 1440, height: 900 })
        }
      },
    ],
    [
      '违规充装 lists refused fillings with their reasons',
      async () => {
        await page.goto(`${BASE_URL}/industry/lpg`)
        await listLoaded(page, '/industry/cylinders/violations', () => page.getByRole('tab', { name: '违规充装' }).click())
        const reasons = await page.locator(`${sel('cylinder-violations')} ${sel('cell-reason')}`).allInnerTexts()
        for (const r of reasons) assert.match(r, /不得充装/)
        await shot(page, '33-lpg-violations')
        await logout(page)
      },
    ],
  ])
}

async function gasUserFlow(page) {
  let community = ''
  await flow(`燃气用户 ${COUNTY_USER}`, page, [
    [
      `燃气用户台账 lists users of ${COUNTY_NAME} only, masked`,
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        await listLoaded(page, '/industry/gas-users', () => page.locator(sel('menu-gas-users')).click())
        await page.waitForURL(/\/industry\/gas-users/)
        const ledger = page.locator(sel('gas-user-ledger'))
        assert.ok(Number(await ledger.locator(sel('gas-user-total')).innerText()) > 0, 'no users')
        const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
        assert.ok(regions.length > 0, 'no rows shown')
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        await shot(page, '34-gas-users')
      },
    ],
    [
      'a community opens the list of its users',
      async () => {
        await listLoaded(page, '/industry/communities', () => page.getByRole('tab', { name: '居民小区' }).click())
        const communities = page.locator(sel('community-ledger'))
        for (const r of await communities.locator(sel('cell-region')).allInnerTexts()) assert.equal(r.trim(), COUNTY_NAME)
        await shot(page, '35-communities')
        community = (await communities.locator(sel('cell-name')).first().innerText()).trim()
        await listLoaded(page, '/industry/gas-users', () => communities.locator(sel('cell-name')).first().click())
        await page.waitForURL(/community_id=\d+/)
        const ledger = page.locator(sel('gas-user-ledger'))
        await page.waitForFunction(
          ([s, name]) => document.querySelector(s)?.textContent?.includes(name),
          [sel('community-filter-tag'), community],
        )
        const names = await ledger.locator(sel('cell-community')).allInnerTexts()
        assert.ok(names.length > 0, `no users in ${community}`)
        for (const n of names) assert.equal(n.trim(), community)
      },
    ],
    [
      'a user opens in the drawer with the phone masked',
      async () => {
        const ledger = page.locator(sel('gas-user-ledger'))
        const account = (await ledger.locator(sel('cell-account')).first().innerText()).trim()
        const detail = answer(page, 'GET', /^\/api\/v1\/industry\/gas-users\/\d+$/)
        await ledger.locator(sel('row-view')).first().click()
        assert.equal((await detail).status(), 200)
        const drawer = page.locator(sel('gas-user-drawer'))
        await drawer.locator(sel('detail-devices')).waitFor()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), account)
        const phone = (await drawer.locator(sel('detail-phone')).innerText()).trim()
        assert.ok(phone === '—' || phone.includes('*'), `phone ${phone} is not masked`)
        assert.equal((await drawer.locator(sel('detail-community')).innerText()).trim(), community)
        await page.waitForTimeout(400) // the drawer slides in
        await shot(page, '36-gas-user-drawer')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '技防设施安装率 shows the rates and a chart',
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/industry\/gas-users\/stats$/)
        await page.getByRole('tab', { name: '技防设施安装率' }).click()
        assert.equal((await stats).status(), 200)
        await page.waitForURL(/tab=stats/)
        const pane = page.locator(sel('device-stats'))
        await pane.locator(sel('cell-users')).first().waitFor()
        assert.ok(numberOf(await pane.locator(sel('summary-users')).innerText()) > 0)
        assert.match(await pane.locator(sel('summary-leak_alarm')).innerText(), /^\d{1,3}\.\d%$/)
        assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        await listLoaded(page, '/industry/gas-users/stats', () => pane.locator(sel('stats-group-community')).click())
        await pane.locator(`${sel('stats-chart')} canvas`).first().waitFor()
        await shot(page, '37-gas-user-stats')
      },
    ],
    [
      '从业人员 drawer has the 培训考核记录 section',
      async () => {
        await listLoaded(page, '/industry/practitioners', () => page.locator(sel('menu-practitioners')).click())
        await pane(page, 'ledger').locator(sel('row-view')).first().click()
        const drawer = page.locator(sel('practitioner-drawer'))
        await drawer.locator(sel('detail-trainings')).waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-test="practitioner-drawer"] .el-loading-mask'))
        const hasTable = (await drawer.locator(sel('training-table')).count()) > 0
        if (!hasTable) assert.equal((await drawer.locator(sel('training-empty')).innerText()).trim(), '暂无记录')
        await page.waitForTimeout(400) // the drawer slides in
        await shot(page, '38-practitioner-trainings')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
  ])
}

async function homeInspectionFlow(page) {
  const records = page.locator(sel('home-inspection-records'))
  /** The record a photo was uploaded to. */
  let photoRecordNo = ''
  await flow(`入户安检 ${COUNTY_USER}`, page, [
    [
      `安检记录 lists inspections of ${COUNTY_NAME} only`,
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const menu = page.locator(sel('main-menu'))
        assert.match(await menu.innerText(), /安全管理/)
        await listLoaded(page, '/safety/home-inspections', () => page.locator(sel('menu-home-inspections')).click())
        await page.waitForURL(/\/safety\/home-inspections/)
        assert.ok(Number(await records.locator(sel('inspection-total')).innerText()) > 0, 'no inspections')
        const regions = await records.locator(sel('cell-region')).allInnerTexts()
        assert.ok(regions.length > 0, 'no rows shown')
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        for (const d of await records.locator(sel('cell-date')).allInnerTexts()) assert.match(d.trim(), /^\d{4}-\d{2}-\d{2}$/)
        await shot(page, '50-home-inspections')
      },
    ],
    [
      'filters the inspections that found hazards',
      async () => {
        await chooseOption(page, 'filter-outcome', '发现隐患')
        await listLoaded(page, '/safety/home-inspections', () => records.locator(sel('filter-search')).click())
        await page.waitForURL(/outcome=hazard_found/)
        const outcomes = await records.locator(sel('cell-outcome')).allInnerTexts()
        assert.ok(outcomes.length > 0, 'no inspection found hazards')
        for (const o of outcomes) assert.equal(o.trim(), '发现隐患')
        for (const h of await records.locator(sel('cell-hazards')).allInnerTexts()) assert.notEqual(h.trim(), '—')
      },
    ],
    [
      '导出Excel of 安检记录 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await records.locator(sel('inspection-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /入户安检记录.*\.xlsx$/, `file name ${d.suggestedFilename()}`)
        assert.equal(readFileSync(await d.path()).subarray(0, 2).toString('latin1'), 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      'a row opens the record in the drawer with its hazards as tags',
      async () => {
        const recordNo = (await records.locator(sel('cell-record')).first().innerText()).trim()
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/home-inspections\/\d+$/)
        await records.locator(`${sel('inspection-table')} .el-table__row`).first().locator(sel('cell-region')).click()
        assert.equal((await detail).status(), 200)
        const drawer = page.locator(sel('inspection-drawer'))
        await drawer.locator(sel('detail-inspection')).waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-test="inspection-drawer"] .el-loading-mask'))
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), recordNo)
        assert.equal((await drawer.locator(sel('detail-outcome')).innerText()).trim(), '发现隐患')
        const hazards = await drawer.locator(sel('detail-hazard')).allInnerTexts()
        assert.ok(hazards.length > 0, 'no hazard tags')
        for (const h of hazards) assert.ok(h.trim().length > 0, 'an empty hazard tag')
        await page.waitForTimeout(400) // the drawer slides in
        await shot(page, '51-home-inspection-drawer')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '现场照片: a photo uploaded in the drawer shows as a thumbnail; a file that is no image is refused',
      async () => {
        const drawer = page.locator(sel('inspection-drawer'))
        const section = drawer.locator(sel('inspection-photos'))
        const thumbs = section.locator(sel('inspection-photo'))
        photoRecordNo = (await records.locator(sel('cell-record')).first().innerText()).trim()
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/home-inspections\/\d+$/)
        await records.locator(`${sel('inspection-table')} .el-table__row`).first().locator(sel('cell-region')).click()
        const before = await (await detail).json()
        assert.ok(Array.isArray(before.photos), 'the detail has no photos')
        await section.waitFor()
        await page.waitForFunction(() => !document.querySelector('[data-test="inspection-drawer"] .el-loading-mask'))
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), photoRecordNo)
        assert.equal(await thumbs.count(), before.photos.length)
        assert.match(await section.innerText(), new RegExp(`现场照片（${before.photos.length}）`))
        if (before.photos.length === 0) assert.match(await section.locator(sel('inspection-photos-empty')).innerText(), /暂无照片/)
        const input = section.locator(`${sel('inspection-photo-upload')} input[type=file]`)
        assert.equal(await input.getAttribute('accept'), '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp')

        // Bytes that are not an image under a .png name: the server's reason (415).
        const refused = answer(page, 'POST', /^\/api\/v1\/safety\/home-inspections\/\d+\/photos$/)
        await input.setInputFiles({ name: '不是图片.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') })
        assert.equal((await refused).status(), 415)
        await page.locator('.el-message--error', { hasText: '上传失败：照片须为JPEG、PNG或WebP格式' }).waitFor()
        assert.equal(await thumbs.count(), before.photos.length)

        const name = `现场照片-${Date.now()}.png`
        const uploaded = answer(page, 'POST', /^\/api\/v1\/safety\/home-inspections\/\d+\/photos$/)
        await input.setInputFiles({ name, mimeType: 'image/png', buffer: stripedPng(Date.now()) })
        const r = await uploaded
        assert.equal(r.status(), 200)
        const after = await r.json()
        assert.equal(after.id, before.id)
        assert.equal(after.photos.length, before.photos.length + 1)
        const photo = after.photos.at(-1)
        assert.equal(photo.file_name, name)
        await page.locator('.el-message--success', { hasText: '照片已上传' }).waitFor()
        await section.locator(sel('inspection-photos-empty')).waitFor({ state: 'detached' })
        assert.match(await section.innerText(), new RegExp(`现场照片（${after.photos.length}）`))
        // The thumbnail is the photo read with the session (a blob: URL), drawn.
        const img = thumbs.nth(after.photos.length - 1).locator('img')
        await img.waitFor()
        assert.match(await img.getAttribute('src'), /^blob:/)
        await page.waitForFunction((el) => el.complete && el.naturalWidth === 96, await img.elementHandle())
        assert.match(await img.getAttribute('title'), new RegExp(`^${name}（[\\d.]+ (B|KB)，${COUNTY_NAME}管理员，`))
        await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {})
        await shot(page, '51-home-inspection-photos')
        // The preview opens on the photo clicked.
        await img.click()
        await page.locator('.el-image-viewer__wrapper').waitFor()
        await page.keyboard.press('Escape')
        await page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' })
        if (await drawer.isVisible()) await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '安检完成率 shows the summary, the cycle and a chart',
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/safety\/home-inspections\/completion$/)
        await page.getByRole('tab', { name: '安检完成率' }).click()
        assert.equal((await stats).status(), 200)
        await page.waitForURL(/tab=completion/)
        const pane = page.locator(sel('inspection-completion'))
        await pane.locator(sel('cell-users')).first().waitFor()
        assert.ok(numberOf(await pane.locator(sel('summary-users')).innerText()) > 0, 'no users to inspect')
        assert.match(await pane.locator(sel('summary-rate')).innerText(), /^\d{1,3}\.\d%$/)
        assert.match(
          await pane.locator(sel('completion-note')).innerText(),
          /^居民用户 \d{4}-\d{2}-\d{2} 以来、非居民用户 \d{4}-\d{2}-\d{2} 以来安检过的计为已完成/,
        )
        assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        await pane.locator(`${sel('stats-chart')} canvas`).first().waitFor()
        await listLoaded(page, '/safety/home-inspections/completion', () => pane.locator(sel('stats-group-community')).click())
        await page.waitForURL(/group=community/)
        await pane.locator(`${sel('stats-chart')} canvas`).first().waitFor()
        const rates = await pane.locator(sel('cell-rate')).allInnerTexts()
        assert.ok(rates.length > 1, 'one community only')
        for (const r of rates) assert.match(r.trim(), /^\d{1,3}\.\d%$/)
        await shot(page, '52-inspection-completion')
      },
    ],
    [
      '未按期安检用户 lists users never inspected or past their cycle',
      async () => {
        await listLoaded(page, '/safety/home-inspections/due-users', () => page.getByRole('tab', { name: '未按期安检用户' }).click())
        await page.waitForURL(/tab=due/)
        const due = page.locator(sel('due-users'))
        assert.ok(Number(await due.locator(sel('due-total')).innerText()) > 0, 'no user due')
        const regions = await due.locator(sel('cell-region')).allInnerTexts()
        assert.ok(regions.length > 0, 'no rows shown')
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        for (const l of await due.locator(sel('cell-last')).allInnerTexts()) assert.match(l.trim(), /^(从未安检|\d{4}-\d{2}-\d{2})$/)
        await chooseOption(page, 'filter-state', '从未安检')
        await listLoaded(page, '/safety/home-inspections/due-users', () => due.locator(sel('filter-search')).click())
        await page.waitForURL(/state=never/)
        const never = await due.locator(sel('cell-last')).allInnerTexts()
        assert.ok(never.length > 0, 'no user never inspected')
        for (const l of never) assert.equal(l.trim(), '从未安检')
        await shot(page, '53-inspection-due-users')
      },
    ],
    [
      "a community's users never inspected open from 安检完成率",
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/safety\/home-inspections\/completion$/)
        await page.getByRole('tab', { name: '安检完成率' }).click()
        assert.equal((await stats).status(), 200)
        await page.waitForURL(/group=community/)
        const pane = page.locator(sel('inspection-completion'))
        const row = pane.locator('.el-table__body .el-table__row', { has: page.locator(`.el-link${sel('cell-never')}`) }).first()
        const link = row.locator(`.el-link${sel('cell-never')}`)
        await link.waitFor()
        const community = (await row.locator(sel('stats-name')).innerText()).trim()
        const never = numberOf(await link.innerText())
        await listLoaded(page, '/safety/home-inspections/due-users', () => link.click())
        await page.waitForURL((u) => u.searchParams.get('tab') === 'due' && u.searchParams.get('state') === 'never' && u.searchParams.has('community_id'))
        const due = page.locator(sel('due-users'))
        assert.match(await due.locator(sel('community-filter-tag')).innerText(), new RegExp(community))
        assert.equal(Number(await due.locator(sel('due-total')).innerText()), never)
        for (const c of await due.locator(sel('cell-community')).allInnerTexts()) assert.equal(c.trim(), community)
        for (const l of await due.locator(sel('cell-last')).allInnerTexts()) assert.equal(l.trim(), '从未安检')
      },
    ],
    [
      'the records fit a phone-sized screen',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 })
        try {
          await listLoaded(page, '/safety/home-inspections', () => page.goto(`${BASE_URL}/safety/home-inspections`))
          await records.locator(sel('cell-region')).first().waitFor()
          const table = await records.locator(sel('inspection-table')).boundingBox()
          assert.ok(table && table.x >= 0 && table.x + table.width <= 390, `the table is off the screen: ${JSON.stringify(table)}`)
          const width = await page.evaluate(() => document.documentElement.scrollWidth)
          assert.ok(width <= 390, `the page is ${width} px wide`)
          await shot(page, '54-home-inspections-phone')
        } finally {
          await page.setViewportSize({ width: 1440, height: 900 })
        }
        await logout(page)
      },
    ],
    [
      `${INSPECTOR_USER} sees the photos of the record but no upload`,
      async () => {
        assert.ok(photoRecordNo, 'no photo was uploaded')
        const target = `/safety/home-inspections?q=${encodeURIComponent(photoRecordNo)}`
        await page.goto(`${BASE_URL}/login?redirect=${encodeURIComponent(target)}`, { waitUntil: 'networkidle' })
        await inputOf(page, 'login-username').fill(INSPECTOR_USER)
        await inputOf(page, 'login-password').fill(PASSWORD)
        await listLoaded(page, '/safety/home-inspections', () => page.locator(sel('login-submit')).click())
        const detail = answer(page, 'GET', /^\/api\/v1\/safety\/home-inspections\/\d+$/)
        await records.locator(`${sel('inspection-table')} .el-table__row`).first().locator(sel('cell-region')).click()
        const body = await (await detail).json()
        assert.equal(body.record_no, photoRecordNo)
        assert.ok(body.photos.length > 0, 'the photo is gone')
        const section = page.locator(`${sel('inspection-drawer')} ${sel('inspection-photos')}`)
        await section.locator(`${sel('inspection-photo')} img`).last().waitFor()
        assert.equal(await section.locator(sel('inspection-photo')).count(), body.photos.length)
        assert.equal(await section.locator(sel('inspection-photo-upload')).count(), 0)
        await page.keyboard.press('Escape')
        await page.locator(sel('inspection-drawer')).waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
  ])
}

/** A 1×1 PNG (an evidence photo). */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * A small RGB PNG made here: stripes in two colours with a band whose shade comes from `seed`, so
 * that each run uploads a file the server has not seen (it keeps the same file once).
 */
function stripedPng(seed, size = 96) {
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
    const row = y * (1 + size * 3) // filter byte 0, then the pixels
    for (let x = 0; x < size; x++) {
      const band = Math.abs(y - size / 2) < size / 8
      const stripe = Math.floor((x + y) / 12) % 2 === 0
      const rgb = band ? [seed % 256, 80, 160] : stripe ? [64, 158, 255] : [245, 108, 108]
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

async function hazardFlow(page) {
  const ENTERPRISE_USER = 'enterprise-demo'
  const ledger = page.locator(sel('hazard-ledger'))
  const drawer = page.locator(sel('hazard-drawer'))
  const rowsOf = () => ledger.locator(`${sel('hazard-table')} .el-table__body .el-table__row`)
  const stateOf = async () => (await drawer.locator(sel('detail-state')).innerText()).trim()
  const drawerSettled = () => page.waitForFunction(() => !document.querySelector('[data-test="hazard-drawer"] .el-loading-mask'))
  /** Open the first row of the ledger in the drawer. */
  const openFirst = async () => {
    const detail = answer(page, 'GET', /^\/api\/v1\/safety\/hazards\/\d+$/)
    await rowsOf().first().locator(sel('cell-region')).click()
    assert.equal((await detail).status(), 200)
    await drawer.locator(sel('detail-state')).waitFor()
    await drawerSettled()
  }
  const waitState = (name) =>
    page.waitForFunction(([s, n]) => document.querySelector(s)?.textContent?.trim() === n, [sel('detail-state'), name])
  const filterState = async (label, value) => {
    await chooseOption(page, 'filter-state', label)
    await listLoaded(page, '/safety/hazards', () => ledger.locator(sel('filter-search')).click())
    await page.waitForURL((u) => u.searchParams.get('state') === value)
  }
  let enterpriseHasFound = true

  await flow(`隐患整改 ${COUNTY_USER} ⇄ ${ENTERPRISE_USER}`, page, [
    [
      `隐患台账 lists hazards of ${COUNTY_NAME} only`,
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        await listLoaded(page, '/safety/hazards', () => page.locator(sel('menu-hazards')).click())
        await page.waitForURL(/\/safety\/hazards/)
        assert.ok(Number(await ledger.locator(sel('hazard-total')).innerText()) > 0, 'no hazards')
        const regions = await ledger.locator(sel('cell-region')).allInnerTexts()
        assert.ok(regions.length > 0, 'no rows shown')
        for (const r of regions) assert.equal(r.trim(), COUNTY_NAME)
        for (const d of await ledger.locator(sel('cell-date')).allInnerTexts()) assert.match(d.trim(), /^\d{4}-\d{2}-\d{2}$/)
        for (const l of await ledger.locator(sel('cell-level')).allInnerTexts()) assert.match(l.trim(), /^(一般|较大|重大)隐患$/)
        await ledger.locator(sel('hazard-import')).waitFor()
        await shot(page, '60-hazards')
      },
    ],
    [
      '只看超期 shows overdue hazards only',
      async () => {
        await listLoaded(page, '/safety/hazards', () => ledger.locator(sel('filter-overdue')).click())
        await page.waitForURL(/overdue=true/)
        const n = await rowsOf().count()
        assert.ok(n > 0, 'no overdue hazard')
        assert.equal(await ledger.locator(sel('cell-overdue')).count(), n, 'a row without 超期')
        for (const t of await ledger.locator(sel('cell-overdue')).allInnerTexts()) assert.equal(t.trim(), '超期')
        for (const s of await ledger.locator(sel('cell-state')).allInnerTexts()) assert.notEqual(s.trim(), '已销号')
        await shot(page, '61-hazards-overdue')
        await listLoaded(page, '/safety/hazards', () => ledger.locator(sel('filter-overdue')).click())
        await page.waitForURL((u) => !u.searchParams.has('overdue'))
      },
    ],
    [
      '导出Excel of 隐患台账 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await ledger.locator(sel('hazard-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /\.xlsx$/, `file name ${d.suggestedFilename()}`)
        assert.equal(readFileSync(await d.path()).subarray(0, 2).toString('latin1'), 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      'the county authority closes a hazard awaiting review (复核销号)',
      async () => {
        await filterState('待复核', 'awaiting_review')
        for (const s of await ledger.locator(sel('cell-state')).allInnerTexts()) assert.equal(s.trim(), '待复核')
        const code = (await rowsOf().first().locator(sel('cell-code')).innerText()).trim()
        await openFirst()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), code)
        assert.equal(await stateOf(), '待复核')
        assert.equal(await drawer.locator(sel('hazard-start')).count(), 0, 'the authority may not start a rectification')
        await drawer.locator(sel('hazard-reject')).waitFor()
        await drawer.locator(sel('hazard-close')).click()
        const dialog = page.locator(sel('hazard-step-dialog'))
        await dialog.waitFor()
        await page.locator(`${sel('step-note')} textarea, textarea${sel('step-note')}`).first().fill('经现场复核，整改到位，同意销号')
        const closed = answer(page, 'POST', /^\/api\/v1\/safety\/hazards\/\d+\/transitions$/)
        await page.locator(sel('step-confirm')).click()
        assert.equal((await closed).status(), 200)
        await waitState('已销号')
        await dialog.waitFor({ state: 'hidden' })
        const actions = (await drawer.locator(sel('history-action')).allInnerTexts()).map((s) => s.trim())
        assert.equal(actions[0], '复核销号', `history: ${actions.join('、')}`)
        assert.ok(actions.includes('上报'), `history: ${actions.join('、')}`)
        assert.match(await drawer.locator(sel('history-note')).first().innerText(), /同意销号/)
        for (const t of await drawer.locator('.el-timeline-item__timestamp').allInnerTexts()) {
          assert.match(t.trim(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
        }
        assert.equal(await drawer.locator(sel('hazard-actions')).count(), 0, 'a closed hazard has no steps left')
        await page.waitForTimeout(400) // the drawer slides in
        await drawer.locator(sel('hazard-history')).scrollIntoViewIfNeeded()
        await shot(page, '62-hazard-closed')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
    [
      'the enterprise starts rectifying a hazard of its own and submits it with a note and a photo',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, ENTERPRISE_USER, PASSWORD))
        await listLoaded(page, '/safety/hazards', () => page.locator(sel('menu-hazards')).click())
        assert.equal(await ledger.locator(sel('filter-enterprise')).count(), 0, 'an enterprise has no enterprise filter')
        await filterState('待整改', 'found')
        if ((await rowsOf().count()) === 0) {
          enterpriseHasFound = false
          console.log(`      (${ENTERPRISE_USER} has no hazard 待整改: the rectification steps are not tried)`)
          return
        }
        await openFirst()
        assert.equal(await stateOf(), '待整改')
        const started = answer(page, 'POST', /^\/api\/v1\/safety\/hazards\/\d+\/transitions$/)
        await drawer.locator(sel('hazard-start')).click()
        assert.equal((await started).status(), 200)
        await waitState('整改中')
        await drawer.locator(sel('hazard-submit')).click()
        const dialog = page.locator(sel('hazard-step-dialog'))
        await dialog.waitFor()
        // No note: refused before it is sent.
        await page.locator(sel('step-confirm')).click()
        await page.locator(sel('step-error')).waitFor()
        await page.locator(`${sel('step-note')} textarea, textarea${sel('step-note')}`).first().fill('已更换老化胶管为金属波纹管，并加装自闭阀')
        const uploaded = answer(page, 'POST', /^\/api\/v1\/safety\/hazards\/\d+\/photos$/)
        await dialog.locator('input[type=file]').first().setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: PNG_1X1 })
        assert.equal((await uploaded).status(), 200)
        await dialog.locator(`${sel('step-photo')} img`).first().waitFor()
        await drawer.locator(sel('pending-photo')).first().waitFor()
        await shot(page, '63-hazard-submit-dialog')
        const submitted = answer(page, 'POST', /^\/api\/v1\/safety\/hazards\/\d+\/transitions$/)
        await page.locator(sel('step-confirm')).click()
        assert.equal((await submitted).status(), 200)
        await waitState('待复核')
        await dialog.waitFor({ state: 'hidden' })
        const last = drawer.locator(sel('history-item')).first()
        assert.equal((await last.locator(sel('history-action')).innerText()).trim(), '提交复核')
        assert.match(await last.locator(sel('history-note')).innerText(), /金属波纹管/)
        await last.locator(`${sel('history-photo')} img`).first().waitFor()
        const loaded = await last.locator(`${sel('history-photo')} img`).first().evaluate((img) => img.complete && img.naturalWidth > 0)
        assert.ok(loaded, 'the photo did not load')
        assert.equal(await drawer.locator(sel('pending-photos')).count(), 0, 'the photo is still pending')
        await page.waitForTimeout(400)
        await drawer.locator(sel('hazard-history')).scrollIntoViewIfNeeded()
        await shot(page, '64-hazard-submitted')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
      },
    ],
    [
      '整改统计 shows the rectification rate of the enterprise',
      async () => {
        const stats = answer(page, 'GET', /^\/api\/v1\/safety\/hazards\/rectification$/)
        await page.getByRole('tab', { name: '整改统计' }).click()
        assert.equal((await stats).status(), 200)
        await page.waitForURL(/tab=rectification/)
        const pane = page.locator(sel('hazard-rectification'))
        await pane.locator(sel('cell-found')).first().waitFor()
        assert.match(await pane.locator(sel('summary-rate')).innerText(), /^\d{1,3}\.\d%$/)
        assert.ok(numberOf(await pane.locator(sel('summary-found')).innerText()) > 0, 'no hazards found')
        await logout(page)
      },
    ],
    [
      '整改统计 by enterprise links the overdue hazards of an enterprise',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        await page.goto(`${BASE_URL}/safety/hazards?tab=rectification&group=enterprise`)
        const pane = page.locator(sel('hazard-rectification'))
        await pane.locator(sel('cell-found')).first().waitFor()
        await pane.locator(`${sel('rectification-chart')} canvas`).first().waitFor()
        assert.match(await pane.locator(sel('summary-rate')).innerText(), /^\d{1,3}\.\d%$/)
        assert.match(await pane.locator('.el-table__footer-wrapper').innerText(), /合计/)
        for (const r of await pane.locator(sel('cell-rate')).allInnerTexts()) assert.match(r.trim(), /^(\d{1,3}\.\d%|—)$/)
        await shot(page, '65-hazard-rectification')
        const row = pane.locator('.el-table__body .el-table__row', { has: page.locator(`.el-link${sel('cell-overdue')}`) }).first()
        const link = row.locator(`.el-link${sel('cell-overdue')}`)
        await link.waitFor()
        const overdue = numberOf(await link.innerText())
        const name = (await row.locator(sel('stats-name')).innerText()).trim()
        await listLoaded(page, '/safety/hazards', () => link.click())
        await page.waitForURL((u) => !u.searchParams.has('tab') && u.searchParams.get('overdue') === 'true' && u.searchParams.has('enterprise_id'))
        assert.equal(Number(await ledger.locator(sel('hazard-total')).innerText()), overdue)
        for (const e of await ledger.locator(sel('cell-enterprise')).allInnerTexts()) assert.equal(e.trim(), name)
        assert.equal(await ledger.locator(sel('cell-overdue')).count(), await rowsOf().count())
      },
    ],
    [
      'the ledger and the drawer fit a phone-sized screen',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 })
        try {
          await listLoaded(page, '/safety/hazards', () => page.goto(`${BASE_URL}/safety/hazards`))
          await ledger.locator(sel('cell-region')).first().waitFor()
          const table = await ledger.locator(sel('hazard-table')).boundingBox()
          assert.ok(table && table.x >= 0 && table.x + table.width <= 390, `the table is off the screen: ${JSON.stringify(table)}`)
          const width = await page.evaluate(() => document.documentElement.scrollWidth)
          assert.ok(width <= 390, `the page is ${width} px wide`)
          await shot(page, '66-hazards-phone')
          await openFirst()
          await page.waitForTimeout(400)
          const panel = await drawer.boundingBox()
          assert.ok(panel && panel.x >= 0 && panel.x + panel.width <= 391, `the drawer is off the screen: ${JSON.stringify(panel)}`)
          await shot(page, '67-hazard-drawer-phone')
          await page.keyboard.press('Escape')
          await drawer.waitFor({ state: 'hidden' })
        } finally {
          await page.setViewportSize({ width: 1440, height: 900 })
        }
        await logout(page)
        if (!enterpriseHasFound) console.log('      note: the enterprise steps were skipped (no hazard 待整改)')
      },
    ],
  ])
}

async function filingFlow(page) {
  const name = `E2E测试小区${Date.now().toString(36).toUpperCase()}`
  const ENTERPRISE_USER = 'enterprise-demo'
  /** Open the filing of this run from the list. */
  const openFiling = async () => {
    await listLoaded(page, '/industry/access-filings', () => page.locator(sel('menu-access-filings')).click())
    const row = page.locator(`${sel('filing-table')} .el-table__row`, { hasText: name }).first()
    const detail = answer(page, 'GET', /^\/api\/v1\/industry\/access-filings\/\d+$/)
    await row.locator(sel('cell-community')).click()
    assert.equal((await detail).status(), 200)
    const drawer = page.locator(sel('filing-drawer'))
    await drawer.locator(sel('detail-state')).waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-test="filing-drawer"] .el-loading-mask'))
    return drawer
  }
  const stateOf = async (drawer) => (await drawer.locator(sel('detail-state')).innerText()).trim()

  await flow(`接入备案 ${ENTERPRISE_USER} ⇄ ${COUNTY_USER}`, page, [
    [
      'the enterprise files a new community',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, ENTERPRISE_USER, PASSWORD))
        await listLoaded(page, '/industry/access-filings', () => page.locator(sel('menu-access-filings')).click())
        await page.locator(sel('filing-create')).click()
        const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('filing-form')) })
        await dialog.waitFor()
        await inputOf(page, 'form-community-name').fill(name)
        await inputOf(page, 'form-developer').fill('上饶市城投置业有限公司')
        await inputOf(page, 'form-households').fill('480')
        await inputOf(page, 'form-address').fill('上饶市信州区凤凰大道88号')
        // The enterprise's county is chosen already.
        assert.match(await dialog.locator(sel('form-region')).innerText(), new RegExp(COUNTY_NAME))
        await shot(page, '40-filing-form')
        const created = answer(page, 'POST', /^\/api\/v1\/industry\/access-filings$/)
        await dialog.locator(sel('form-submit')).click()
        assert.equal((await created).status(), 201)
        const drawer = page.locator(sel('filing-drawer'))
        await drawer.locator(sel('detail-state')).waitFor()
        assert.equal((await drawer.locator(sel('detail-title')).innerText()).trim(), name)
        assert.equal(await stateOf(drawer), '待审核')
        await drawer.locator(sel('attachment-upload')).waitFor()
        assert.equal(await drawer.locator(sel('filing-approve')).count(), 0, 'the enterprise may not approve')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
    [
      'the county authority returns it with a reason',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const drawer = await openFiling()
        assert.equal(await stateOf(drawer), '待审核')
        await drawer.locator(sel('filing-return')).click()
        const dialog = page.locator(sel('filing-return-dialog'))
        await dialog.waitFor()
        // No reason: refused before it is sent.
        await page.locator(sel('return-confirm')).click()
        await page.locator(sel('return-error')).waitFor()
        await page.locator(`${sel('return-reason')} textarea, textarea${sel('return-reason')}`).first().fill('缺少竣工验收资料，请补充上传')
        const returned = answer(page, 'POST', /^\/api\/v1\/industry\/access-filings\/\d+\/return$/)
        await page.locator(sel('return-confirm')).click()
        assert.equal((await returned).status(), 200)
        await page.waitForFunction((s) => document.querySelector(s)?.textContent?.trim() === '已退回', sel('detail-state'))
        assert.match(await drawer.locator(sel('detail-return-reason')).innerText(), /缺少竣工验收资料/)
        await page.locator(sel('filing-return-dialog')).waitFor({ state: 'hidden' })
        await shot(page, '41-filing-returned')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
    [
      'the enterprise corrects and resubmits it',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, ENTERPRISE_USER, PASSWORD))
        const drawer = await openFiling()
        assert.equal(await stateOf(drawer), '已退回')
        await drawer.locator(sel('filing-resubmit')).click()
        const dialog = page.locator('.el-dialog').filter({ has: page.locator(sel('filing-form')) })
        await dialog.waitFor()
        assert.equal(await inputOf(page, 'form-community-name').inputValue(), name)
        await inputOf(page, 'form-households').fill('520')
        const resubmitted = answer(page, 'POST', /^\/api\/v1\/industry\/access-filings\/\d+\/resubmit$/)
        await dialog.locator(sel('form-submit')).click()
        assert.equal((await resubmitted).status(), 200)
        await page.waitForFunction((s) => document.querySelector(s)?.textContent?.trim() === '待审核', sel('detail-state'))
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
    [
      'the county authority approves it and sees the whole history',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, COUNTY_USER, PASSWORD))
        const drawer = await openFiling()
        assert.equal(await stateOf(drawer), '待审核')
        await drawer.locator(sel('filing-approve')).click()
        const box = page.locator('.el-message-box')
        await box.waitFor()
        const approved = answer(page, 'POST', /^\/api\/v1\/industry\/access-filings\/\d+\/approve$/)
        await box.getByRole('button', { name: '审核通过' }).click()
        assert.equal((await approved).status(), 200)
        await page.waitForFunction((s) => document.querySelector(s)?.textContent?.trim() === '已备案', sel('detail-state'))
        await box.waitFor({ state: 'hidden' })
        const actions = (await drawer.locator(sel('history-action')).allInnerTexts()).map((s) => s.trim())
        assert.deepEqual(actions, ['审核通过', '重新提交', '退回', '提交备案'])
        assert.match(await drawer.locator(sel('history-reason')).innerText(), /缺少竣工验收资料/)
        assert.equal(await drawer.locator(sel('filing-return')).count(), 0, 'an approved filing cannot be returned')
        await shot(page, '42-filing-approved')
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })
        await logout(page)
      },
    ],
  ])
}

/** 新增/编辑 through the record forms (one record to the type's JSON batch) and 导出Excel of a ledger. */
async function recordForms() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
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
    await communityFormFlow(page)
    await flow('页面错误', page, [['no uncaught errors in the record forms', async () => assert.deepEqual(pageErrors.map(String), [])]])
    await context.close()
  } finally {
    await browser.close()
  }
}

async function communityFormFlow(page) {
  const ENTERPRISE_USER = 'enterprise-demo'
  const stamp = Date.now().toString(36).toUpperCase()
  const code = `E2E-C-${stamp}`
  const name = `E2E表单小区${stamp}`
  const renamed = `${name}（已更名）`
  const dialog = page.locator(sel('community-form-dialog'))
  const field = (key) => dialog.locator(sel(`field-${key}`))
  const input = (key) => dialog.locator(`${sel(`form-${key}`)} input, input${sel(`form-${key}`)}`).first()
  const rowOf = (text) => page.locator(`${sel('community-table')} .el-table__row`, { hasText: text }).first()
  const batch = () => answer(page, 'POST', /^\/api\/v1\/industry\/communities\/batch$/)

  await flow(`居民小区表单 ${ENTERPRISE_USER}`, page, [
    [
      'the enterprise opens 新增小区 with its own enterprise fixed',
      async () => {
        await listLoaded(page, '/industry/enterprises', () => login(page, ENTERPRISE_USER, PASSWORD))
        await listLoaded(page, '/industry/gas-users', () => page.locator(sel('menu-gas-users')).click())
        await listLoaded(page, '/industry/communities', () => page.getByRole('tab', { name: '居民小区' }).click())
        await page.locator(sel('community-create')).click()
        await dialog.waitFor()
        const fixed = dialog.locator(sel('form-enterprise_code-fixed'))
        await page.waitForFunction((s) => !document.querySelector(s)?.textContent?.includes('加载中'), sel('form-enterprise_code-fixed'))
        assert.match(await fixed.innerText(), /燃气/)
        assert.equal(await dialog.locator('.el-dialog__title').innerText(), '新增居民小区')
      },
    ],
    [
      'a longitude of 200 comes back from the server under its field, and the dialog stays open',
      async () => {
        await input('code').fill(code)
        await input('name').fill(name)
        await input('township').fill('北门街道')
        await input('lng').fill('200')
        await input('lat').fill('28.4531')
        const sent = batch()
        await dialog.locator(sel('form-submit')).click()
        const r = await sent
        assert.equal(r.status(), 200)
        const report = await r.json()
        assert.equal(report.inserted + report.updated, 0)
        assert.ok(report.errors.some((e) => e.field === 'lng'), JSON.stringify(report.errors))
        const error = field('lng').locator('.el-form-item__error')
        await error.waitFor()
        assert.match(await error.innerText(), /经度应在-180至180之间/)
        assert.ok(await dialog.isVisible(), 'the dialog closed on an error')
        await shot(page, '43-community-form-error')
      },
    ],
    [
      'fixed and saved, the community is in the list',
      async () => {
        await input('lng').fill('117.9602')
        // The server's reason belongs to the value it was given for.
        await field('lng').locator('.el-form-item__error').waitFor({ state: 'detached' })
        const sent = batch()
        const reloaded = listLoaded(page, '/industry/communities', () => dialog.locator(sel('form-submit')).click())
        const report = await (await sent).json()
        assert.equal(report.inserted, 1, JSON.stringify(report))
        await reloaded
        await dialog.waitFor({ state: 'hidden' })
        await page.locator('.el-message--success', { hasText: '保存成功' }).first().waitFor()
        const row = rowOf(code)
        await row.waitFor()
        assert.equal((await row.locator(sel('cell-name')).innerText()).trim(), name)
        assert.equal((await row.locator(sel('cell-region')).innerText()).trim(), COUNTY_NAME)
        await shot(page, '44-community-form-saved')
      },
    ],
    [
      '编辑 opens the same form prefilled, the code read-only; a new name is saved',
      async () => {
        const detail = answer(page, 'GET', /^\/api\/v1\/industry\/communities\/\d+$/)
        await rowOf(code).locator(sel('row-edit')).click()
        assert.equal((await detail).status(), 200)
        await dialog.waitFor()
        await page.waitForFunction((s) => !document.querySelector(`${s} .el-loading-mask`), sel('community-form-dialog'))
        assert.equal(await dialog.locator('.el-dialog__title').innerText(), '编辑居民小区')
        assert.equal(await input('code').inputValue(), code)
        assert.ok(await input('code').isDisabled(), 'the code can be changed when editing')
        assert.equal(await input('name').inputValue(), name)
        assert.equal(Number(await input('lng').inputValue()), 117.9602)
        await input('name').fill(renamed)
        await shot(page, '45-community-form-edit')
        const sent = batch()
        const reloaded = listLoaded(page, '/industry/communities', () => dialog.locator(sel('form-submit')).click())
        const report = await (await sent).json()
        assert.deepEqual([report.inserted, report.updated, report.errors.length], [0, 1, 0], JSON.stringify(report))
        await reloaded
        await dialog.waitFor({ state: 'hidden' })
        await page.waitForFunction(
          ([s, c, n]) =>
            [...document.querySelectorAll(`${s} .el-table__row`)].some((r) => r.textContent.includes(c) && r.textContent.includes(n)),
          [sel('community-table'), code, renamed],
        )
      },
    ],
    [
      'saving it again unchanged says 内容未变化',
      async () => {
        await rowOf(code).locator(sel('row-edit')).click()
        await dialog.waitFor()
        await page.waitForFunction((s) => !document.querySelector(`${s} .el-loading-mask`), sel('community-form-dialog'))
        const sent = batch()
        await dialog.locator(sel('form-submit')).click()
        const report = await (await sent).json()
        assert.equal(report.unchanged, 1, JSON.stringify(report))
        await page.locator('.el-message', { hasText: '内容未变化' }).first().waitFor()
        await dialog.waitFor({ state: 'hidden' })
      },
    ],
    [
      '导出Excel of 居民小区 downloads an .xlsx file',
      async () => {
        const download = page.waitForEvent('download', { timeout: 30_000 })
        download.catch(() => {})
        await page.locator(sel('community-export')).click()
        const d = await download
        assert.match(d.suggestedFilename(), /居民小区.*\.xlsx$/, `file name ${d.suggestedFilename()}`)
        const head = readFileSync(await d.path()).subarray(0, 2).toString('latin1')
        assert.equal(head, 'PK', 'the file is not a zip (xlsx) file')
      },
    ],
    [
      'the pipeline form shows the stored geometry pretty-printed',
      async () => {
        await listLoaded(page, '/industry/pipeline-segments', () => page.locator(sel('menu-pipelines')).click())
        const segment = page.locator(sel('segment-form-dialog'))
        await page.locator(`${sel('pipeline-table')} ${sel('row-edit')}`).first().click()
        await segment.waitFor()
        await page.waitForFunction((s) => !document.querySelector(`${s} .el-loading-mask`), sel('segment-form-dialog'))
        const geometry = await segment.locator(`${sel('form-geometry')} textarea, textarea${sel('form-geometry')}`).first().inputValue()
        assert.match(geometry, /^\{\n {2}"type": "LineString",\n {2}"coordinates": \[\n {4}\[\d+\.\d+, \d+\.\d+\],\n/)
        assert.equal(JSON.parse(geometry).type, 'LineString')
        assert.match(await segment.locator(sel('field-geometry')).innerText(), /例：\{"type":"LineString"/)
        await shot(page, '46-segment-form-edit')
        await segment.getByRole('button', { name: '取消' }).click()
        await segment.waitFor({ state: 'hidden' })
      },
    ],
    [
      'the form fits a phone-sized screen',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 })
        try {
          await page.goto(`${BASE_URL}/industry/gas-users?tab=communities`)
          await page.locator(sel('community-create')).click()
          await dialog.waitFor()
          await page.waitForTimeout(400) // the dialog opens
          const box = await dialog.boundingBox()
          assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the dialog is off the screen: ${JSON.stringify(box)}`)
          const lng = await field('lng').boundingBox()
          assert.ok(lng && lng.x + lng.width <= 390, `the longitude is off the screen: ${JSON.stringify(lng)}`)
          await shot(page, '47-community-form-phone')
          await dialog.getByRole('button', { name: '取消' }).click()
          await dialog.waitFor({ state: 'hidden' })
        } finally {
          await page.setViewportSize({ width: 1440, height: 900 })
        }
        await logout(page)
      },
    ],
  ])
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
