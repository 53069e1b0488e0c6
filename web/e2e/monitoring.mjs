// Browser test of 运行监测 (run.mjs calls it with its helpers): the enterprise (enterprise-demo) has
// 报警处置 open and the county (county-361102) is logged in elsewhere; a reading above a point's
// high-high limit is reported for the enterprise through the API; both pages pop up the live alarm
// notification within seconds; the enterprise opens the alarm from it, acknowledges it, starts the
// handling and disposes of it with a report (refused first without one); the county sees it
// handled. Then the point's curve, the statistics, the map's monitoring layer and a manual reading
// (已保存, then 重复) — with screenshots of each. Then 视频监控 (videoFlows): the county's wall of
// cameras, a demo camera whose stream is missing (the player says so, 重新检测 finds it 离线), and a
// camera of the enterprise pointed at a tiny HLS gateway of this test (检测: 在线; the player loads
// its playlist), also from the drawer of a monitoring point at its station.

import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { join } from 'node:path'

const COUNTY_USER = 'county-361102'
const ENTERPRISE_USER = 'enterprise-demo'

/**
 * @param {object} h helpers of run.mjs: chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir,
 *   flow, shot, sel, inputOf, login, logout, listLoaded, apiGet
 */
export async function monitoringFlows(h) {
  const { chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, inputOf, login, logout, listLoaded, apiGet } = h

  /** Wait for the answer of a request of `method` to a path matching `path` (a RegExp on the pathname). */
  function answer(page, method, path) {
    const r = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: TIMEOUT })
    r.catch(() => {})
    return r
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

  /** POST JSON with the page's session and its CSRF token (as the SPA does). */
  async function apiPost(page, path, body) {
    const out = await page.evaluate(
      async ([url, data]) => {
        const r = await fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': sessionStorage.getItem('ranjian.csrf') ?? '' },
          body: JSON.stringify(data),
        })
        return { status: r.status, text: await r.text() }
      },
      [`/api/v1${path}`, body],
    )
    assert.equal(out.status, 200, `POST ${path} answered ${out.status}: ${out.text}`)
    return JSON.parse(out.text)
  }

  /** Log in as `user`; resolves once the live alarm feed of the page is open. */
  async function loginWithFeed(page, user) {
    const feed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/monitoring/alarms/stream', { timeout: TIMEOUT })
    feed.catch(() => {})
    await listLoaded(page, '/industry/enterprises', () => login(page, user, PASSWORD))
    const r = await feed
    assert.equal(r.status(), 200, `the alarm stream answered ${r.status()}`)
    assert.match(r.headers()['content-type'] ?? '', /text\/event-stream/)
  }

  /** A value in the normal band of a point: between its inner limits. */
  function normalValue(p) {
    const lows = [p.low, p.low_low].filter((v) => v !== null && v !== undefined)
    const highs = [p.high, p.high_high].filter((v) => v !== null && v !== undefined)
    const lower = lows.length ? Math.max(...lows) : null
    const upper = Math.min(...highs)
    if (lower !== null) return Number(((lower + upper) / 2).toFixed(4))
    return Number((upper - Math.max(Math.abs(upper) * 0.5, 1)).toFixed(4))
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // The map: WebGL through SwiftShader, in software.
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
    const options = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
    const entCtx = await browser.newContext(options)
    const countyCtx = await browser.newContext(options)
    entCtx.setDefaultTimeout(TIMEOUT)
    countyCtx.setDefaultTimeout(TIMEOUT)
    const ent = await entCtx.newPage()
    const county = await countyCtx.newPage()
    const pageErrors = []
    ent.on('pageerror', (e) => pageErrors.push(e))
    county.on('pageerror', (e) => pageErrors.push(e))

    /** The point the readings go to, and the alarm they raise. */
    let point = null
    let alarm = null
    const stamp = Date.now().toString(36).toUpperCase()
    const disposal = `现场核查：调压器指挥器膜片老化导致出口压力升高，已更换膜片并复核压力恢复正常（浏览器测试 ${stamp}）`

    await flow(`运行监测：${ENTERPRISE_USER} 与 ${COUNTY_USER} 同时在线`, ent, [
      [
        'both log in and their live alarm feeds open',
        async () => {
          await loginWithFeed(ent, ENTERPRISE_USER)
          await loginWithFeed(county, COUNTY_USER)
        },
      ],
      [
        `${ENTERPRISE_USER} opens 报警处置 from the menu`,
        async () => {
          await listLoaded(ent, '/monitoring/alarms', () => ent.locator(sel('menu-monitoring-alarms')).click())
          await ent.waitForURL(/\/monitoring\/alarms/)
          await ent.locator(sel('alarms-table')).waitFor()
          await listLoaded(county, '/monitoring/alarms', () => county.locator(sel('menu-monitoring-alarms')).click())
        },
      ],
      [
        'the enterprise has a point with alarm limits',
        async () => {
          const page = await apiGet(ent, '/monitoring/points?page_size=50')
          assert.ok(page.total > 0, 'the demo enterprise has no monitoring points')
          const usable = page.items.filter((p) => p.status === 'in_service' && p.kind !== 'valve_state')
          point =
            usable.find((p) => p.high_high !== null && p.kind !== 'methane') ??
            usable.find((p) => p.high_high !== null) ??
            usable.find((p) => p.high !== null)
          assert.ok(point, 'no point of the enterprise has a high limit')
          assert.equal(typeof point.live?.state_name, 'string')
        },
      ],
      [
        'a reading above the high-high limit pops up the live notification within 5 s',
        async () => {
          assert.ok(point, 'no point')
          const limit = point.high_high ?? point.high
          const now = Date.now()
          // Back to normal first (a point already in alarm raises nothing new), then far above the limit.
          await apiPost(ent, '/monitoring/readings', { readings: [{ point: point.code, ts: new Date(now - 2000).toISOString(), value: normalValue(point), unit: point.unit }] })
          const high = Number((limit + Math.max(Math.abs(limit) * 0.2, 0.01)).toFixed(4))
          const t0 = Date.now()
          const res = await apiPost(ent, '/monitoring/readings', { readings: [{ point: point.code, ts: new Date(now).toISOString(), value: high, unit: point.unit }] })
          assert.equal(res.stored, 1, `the reading was not stored: ${JSON.stringify(res)}`)
          assert.ok(res.alarms.length >= 1, `no alarm raised: ${JSON.stringify(res)}`)
          alarm = res.alarms[0]
          assert.ok(['critical', 'major'].includes(alarm.severity), `severity ${alarm.severity} is not notified`)
          const toast = ent.locator(`${sel('alarm-live-toast')}[data-alarm-id="${alarm.id}"]`)
          await toast.waitFor({ timeout: 5000 })
          console.log(`      (the notification came after ${Date.now() - t0} ms)`)
          const box = ent.locator('.el-notification').filter({ has: toast })
          const title = (await box.locator('.el-notification__title').innerText()).trim()
          assert.match(title, /^【(紧急|重大)】/)
          assert.match(await toast.innerText(), new RegExp(point.name))
        },
      ],
      [
        'the county is told too, and the lists show the new alarm',
        async () => {
          assert.ok(alarm, 'no alarm')
          await county.locator(`${sel('alarm-live-toast')}[data-alarm-id="${alarm.id}"]`).waitFor({ timeout: 5000 })
          await ent.locator(sel('alarm-row'), { hasText: alarm.code }).waitFor()
          await county.locator(sel('alarm-row'), { hasText: alarm.code }).waitFor()
          await shot(ent, 'mo-01-alarm-list-toast')
          await shot(county, 'mo-02-county-alarm-list-toast')
        },
      ],
      [
        'the notification opens the alarm: 待确认',
        async () => {
          const detail = answer(ent, 'GET', new RegExp(`^/api/v1/monitoring/alarms/${alarm.id}$`))
          await ent.locator(`${sel('alarm-live-toast')}[data-alarm-id="${alarm.id}"]`).click()
          await ent.waitForURL(new RegExp(`/monitoring/alarms\\?(.*&)?id=${alarm.id}(&|$)`))
          assert.equal((await detail).status(), 200)
          await ent.locator(sel('alarm-drawer')).waitFor()
          await textIs(ent, sel('alarm-title'), alarm.code)
          await textIs(ent, sel('alarm-state'), '待确认')
          await ent.locator(sel('alarm-action-acknowledge')).waitFor()
        },
      ],
      [
        'acknowledges it (确认报警): 已确认',
        async () => {
          const acted = answer(ent, 'POST', new RegExp(`^/api/v1/monitoring/alarms/${alarm.id}/actions$`))
          await ent.locator(sel('alarm-action-acknowledge')).click()
          const r = await acted
          assert.equal(r.status(), 200, `acknowledge answered ${r.status()}: ${await r.text()}`)
          await textIs(ent, sel('alarm-state'), '已确认')
        },
      ],
      [
        'starts the handling (开始处置): 处置中',
        async () => {
          const acted = answer(ent, 'POST', new RegExp(`^/api/v1/monitoring/alarms/${alarm.id}/actions$`))
          await ent.locator(sel('alarm-action-handle')).click()
          assert.equal((await acted).status(), 200)
          await textIs(ent, sel('alarm-state'), '处置中')
        },
      ],
      [
        '处置完成 needs the disposal report; with it: 已处置, three steps in the history',
        async () => {
          await ent.locator(sel('alarm-action-dispose')).click()
          await ent.locator(sel('alarm-note-error')).waitFor()
          await textIs(ent, sel('alarm-state'), '处置中')
          await ent.locator(`textarea${sel('alarm-disposal-note')}, ${sel('alarm-disposal-note')} textarea`).first().fill(disposal)
          const acted = answer(ent, 'POST', new RegExp(`^/api/v1/monitoring/alarms/${alarm.id}/actions$`))
          await ent.locator(sel('alarm-action-dispose')).click()
          const r = await acted
          assert.equal(r.status(), 200, `dispose answered ${r.status()}: ${await r.text()}`)
          const body = await r.json()
          assert.equal(body.alarm.state, 'handled')
          assert.deepEqual(body.allowed, [])
          await textIs(ent, sel('alarm-state'), '已处置')
          await textIs(ent, sel('alarm-disposal'), disposal)
          const actions = await ent.locator(sel('alarm-history-item')).evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
          for (const a of ['acknowledge', 'handle', 'dispose']) assert.ok(actions.includes(a), `the history lacks ${a}: ${actions}`)
          const text = await ent.locator(sel('alarm-history')).innerText()
          for (const name of ['确认报警', '开始处置', '处置完成']) assert.match(text, new RegExp(name))
          assert.equal(await ent.locator(sel('alarm-actions')).count(), 0)
          await ent.locator(sel('alarm-history')).scrollIntoViewIfNeeded()
          await shot(ent, 'mo-03-alarm-drawer-handled')
        },
      ],
      [
        'the county sees it handled, without steps of its own',
        async () => {
          await county.goto(`${BASE_URL}/monitoring/alarms?tab=all&id=${alarm.id}`)
          await county.locator(sel('alarm-drawer')).waitFor()
          await textIs(county, sel('alarm-title'), alarm.code)
          await textIs(county, sel('alarm-state'), '已处置')
          await county.locator(sel('alarm-history-item')).first().waitFor()
          assert.equal(await county.locator(sel('alarm-actions')).count(), 0)
          await shot(county, 'mo-04-county-alarm-drawer')
          await county.keyboard.press('Escape')
        },
      ],
      [
        'the enterprise alarm list fits a phone-sized screen',
        async () => {
          await ent.keyboard.press('Escape')
          await ent.locator(sel('alarm-drawer')).waitFor({ state: 'hidden' })
          await ent.setViewportSize({ width: 390, height: 844 })
          try {
            await listLoaded(ent, '/monitoring/alarms', () => ent.goto(`${BASE_URL}/monitoring/alarms?tab=all`))
            await ent.waitForTimeout(300)
            await ent.screenshot({ path: join(shotsDir, 'mo-05-alarm-list-phone.png') })
          } finally {
            await ent.setViewportSize({ width: 1440, height: 900 })
          }
        },
      ],
    ])

    await flow(`运行监测 ${ENTERPRISE_USER}：监测点、曲线、统计与人工抄报`, ent, [
      [
        "the point's row shows its live value; its drawer draws the curve",
        async () => {
          assert.ok(point, 'no point')
          await listLoaded(ent, '/monitoring/points', () => ent.locator(sel('menu-monitoring-points')).click())
          await inputOf(ent, 'filter-q').fill(point.code)
          const data = await listLoaded(ent, '/monitoring/points', () => inputOf(ent, 'filter-q').press('Enter'))
          assert.ok(data.items.some((p) => p.id === point.id), `searching ${point.code} did not find it`)
          await inputOf(ent, 'filter-q').fill('')
          await listLoaded(ent, '/monitoring/points', () => inputOf(ent, 'filter-q').press('Enter'))
          await shot(ent, 'mo-06-points')
          await inputOf(ent, 'filter-q').fill(point.code)
          await listLoaded(ent, '/monitoring/points', () => inputOf(ent, 'filter-q').press('Enter'))
          const series = answer(ent, 'GET', new RegExp(`^/api/v1/monitoring/points/${point.id}/series$`))
          await ent.locator(sel('point-row'), { hasText: point.code }).first().click()
          await ent.locator(sel('monitoring-point-drawer')).waitFor()
          const r = await series
          assert.equal(r.status(), 200)
          const s = await r.json()
          assert.ok(s.items.length > 0, 'no readings in the last 24 hours')
          await ent.locator(`${sel('monitoring-series-chart')} canvas`).first().waitFor()
          await ent.locator(sel('monitoring-series-chart')).first().scrollIntoViewIfNeeded()
          await ent.waitForTimeout(500) // the chart draws
          await shot(ent, 'mo-07-point-drawer-chart')
        },
      ],
      [
        'a range of 30 days rolls the readings up',
        async () => {
          const series = answer(ent, 'GET', new RegExp(`^/api/v1/monitoring/points/${point.id}/series$`))
          await ent.locator(sel('series-range-30d')).click()
          const s = await (await series).json()
          assert.ok(['raw', 'minute', 'hour', 'day'].includes(s.grain), `grain ${s.grain}`)
          await ent.locator(sel('monitoring-series-chart')).first().waitFor()
          await ent.locator(sel('monitoring-series-chart')).first().scrollIntoViewIfNeeded()
          await ent.waitForTimeout(500)
          await shot(ent, 'mo-08-point-drawer-30d')
          await ent.keyboard.press('Escape')
          await ent.locator(sel('monitoring-point-drawer')).waitFor({ state: 'hidden' })
        },
      ],
      [
        '统计 shows the points by county with a chart',
        async () => {
          await listLoaded(ent, '/monitoring/points/summary', () => ent.locator(sel('points-tab-stats')).click())
          await ent.locator(sel('point-stats-table')).waitFor()
          await ent.waitForTimeout(500)
          await shot(ent, 'mo-09-point-stats')
        },
      ],
      [
        '人工抄报: a reading is saved, the same again is a duplicate',
        async () => {
          await ent.locator(sel('menu-monitoring-manual')).click()
          await ent.locator(sel('manual-report-form')).waitFor()
          await ent.locator(`${sel('manual-report-point')}`).click()
          await ent.keyboard.type(point.code)
          const option = ent.locator('.manual-point-popper .el-select-dropdown__item', { hasText: point.code }).first()
          await option.waitFor()
          await option.click()
          await ent.locator(sel('manual-report-point-info')).waitFor()
          await inputOf(ent, 'manual-report-value').fill(String(normalValue(point)))
          const sent = answer(ent, 'POST', /^\/api\/v1\/monitoring\/readings$/)
          await ent.locator(sel('manual-report-submit')).click()
          const r = await sent
          assert.equal(r.status(), 200, `the reading answered ${r.status()}: ${await r.text()}`)
          await ent.locator(`${sel('manual-report-result')} .el-alert__title`).waitFor()
          assert.match(await ent.locator(sel('manual-report-result')).innerText(), /已保存/)
          await shot(ent, 'mo-10-manual-saved')
          const again = answer(ent, 'POST', /^\/api\/v1\/monitoring\/readings$/)
          await ent.locator(sel('manual-report-submit')).click()
          assert.equal((await again).status(), 200)
          await ent.waitForFunction((s) => /重复/.test(document.querySelector(s)?.textContent ?? ''), sel('manual-report-result'))
          await shot(ent, 'mo-11-manual-duplicate')
        },
      ],
    ])

    await flow(`运行监测 ${COUNTY_USER}：一张图监测点图层`, county, [
      [
        'the map opens the point with the monitoring layer on',
        async () => {
          assert.ok(point, 'no point')
          const features = answer(county, 'GET', /^\/api\/v1\/monitoring\/points\/geojson$/)
          await county.goto(`${BASE_URL}/map?monitoring_point=${point.id}`)
          const fc = await (await features).json()
          assert.equal(fc.type, 'FeatureCollection')
          assert.ok(fc.features.some((f) => f.properties.id === point.id), 'the point is not on the map')
          await county.locator(`${sel('map')}[data-map-state="idle"], ${sel('map-webgl-error')}`).first().waitFor({ timeout: 30_000 })
          assert.ok(await county.locator(`${sel('layer-monitoring')} input`).isChecked(), 'the layer is off')
          await county.locator(sel('legend-monitoring')).waitFor()
          await textIs(county, `${sel('map-detail-title')} > span`, point.name)
          const value = (await county.locator(sel('map-detail-value')).innerText()).trim()
          assert.ok(value && value !== '—', `no value in the panel: ${value}`)
          await county.locator(sel('map-detail-point-state')).waitFor()
          await county.waitForTimeout(800)
          await shot(county, 'mo-12-map-monitoring')
          // The county's points around it, coloured by state.
          await county.locator(sel('map-detail-close')).click()
          for (let i = 0; i < 3; i++) await county.locator('.maplibregl-ctrl-zoom-out').click()
          await county.waitForTimeout(600) // the zoom animates
          await county.locator(`${sel('map')}[data-map-state="idle"], ${sel('map-webgl-error')}`).first().waitFor({ timeout: 30_000 })
          await county.waitForTimeout(800)
          await shot(county, 'mo-13-map-monitoring-overview')
          await logout(county)
        },
      ],
    ])

    await flow('运行监测：退出', ent, [
      [
        'the enterprise logs out; no page errors',
        async () => {
          await logout(ent)
          assert.deepEqual(pageErrors.map(String), [])
        },
      ],
    ])
    await entCtx.close()
    await countyCtx.close()
  } finally {
    await browser.close()
  }
  await videoFlows(h)
}

/** The code of the camera the test registers for the demo enterprise (imported again on every run). */
const E2E_CAMERA_CODE = 'E2E-CAM-01'
/** A playlist without segments: enough for the server's check, no picture in the player. */
const PLAYLIST = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n'

/**
 * A tiny HLS gateway on a free port of this machine: /live/index.m3u8 answers the playlist (to the
 * server's check and, across origins, to hls.js); /hang/index.m3u8 never answers (a player stays
 * connecting, until it gives up); everything else 404. Counts the playlist's GETs, and the hanging
 * requests and those the browser dropped.
 */
async function startStreamServer() {
  const hits = { playlist: 0, hanging: 0, dropped: 0 }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors)
      res.end()
      return
    }
    if (path === '/hang/index.m3u8') {
      hits.hanging++
      res.on('close', () => {
        if (!res.writableEnded) hits.dropped++
      })
      return
    }
    if (path === '/live/index.m3u8' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (req.method === 'GET') hits.playlist++
      res.writeHead(200, { ...cors, 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(PLAYLIST) })
      res.end(req.method === 'GET' ? PLAYLIST : undefined)
      return
    }
    res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' })
    res.end('not found')
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}/live/index.m3u8`,
    hangingUrl: `http://127.0.0.1:${port}/hang/index.m3u8`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

/**
 * 视频监控 (运行监测): the county's cameras as cards, a missing stream told in the player, 重新检测,
 * a camera of the enterprise on a local gateway found 在线, and the player from a point's drawer.
 * @param {object} h the helpers of run.mjs (as monitoringFlows)
 */
export async function videoFlows(h) {
  const { chromium, CHROMIUM, BASE_URL, PASSWORD, TIMEOUT, shotsDir, flow, shot, sel, login, logout, listLoaded, apiGet } = h

  /** Wait for the answer of a request of `method` to a path matching `path` (a RegExp on the pathname). */
  function answer(page, method, path) {
    const r = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout: TIMEOUT })
    r.catch(() => {})
    return r
  }

  /** POST JSON with the page's session and its CSRF token (as the SPA does). */
  async function apiPost(page, path, body) {
    const out = await page.evaluate(
      async ([url, data]) => {
        const r = await fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': sessionStorage.getItem('ranjian.csrf') ?? '' },
          body: data === undefined ? undefined : JSON.stringify(data),
        })
        return { status: r.status, text: await r.text() }
      },
      [`/api/v1${path}`, body],
    )
    assert.equal(out.status, 200, `POST ${path} answered ${out.status}: ${out.text}`)
    return out.text ? JSON.parse(out.text) : null
  }

  /** The card of a camera (by its code). */
  const card = (page, code) => page.locator(`${sel('video-camera-card')}[data-camera-code="${code}"]`)

  const stream = await startStreamServer()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const options = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
    const countyCtx = await browser.newContext(options)
    const entCtx = await browser.newContext(options)
    countyCtx.setDefaultTimeout(TIMEOUT)
    entCtx.setDefaultTimeout(TIMEOUT)
    const county = await countyCtx.newPage()
    const ent = await entCtx.newPage()
    const pageErrors = []
    county.on('pageerror', (e) => pageErrors.push(e))
    ent.on('pageerror', (e) => pageErrors.push(e))

    /** A demo camera of the county (its stream does not exist). */
    let missing = null
    /** The camera on this test's gateway. */
    let camera = null
    /** The station it is at. */
    let station = null
    /** Register (or move) the test camera to a stream address. */
    let register = async () => assert.fail('no enterprise')

    await flow(`视频监控 ${COUNTY_USER}：视频墙与无法连接的视频流`, county, [
      [
        'opens 视频监控 from the menu: the cards of the county\'s cameras',
        async () => {
          await listLoaded(county, '/industry/enterprises', () => login(county, COUNTY_USER, PASSWORD))
          const data = await listLoaded(county, '/monitoring/cameras', () => county.locator(sel('menu-monitoring-video')).click())
          await county.waitForURL(/\/monitoring\/video/)
          assert.ok(data.total > 0, 'the county has no cameras')
          for (const c of data.items) assert.ok(c.region_code.startsWith('361102'), `a camera of ${c.region_code} in the county's list`)
          await county.locator(sel('video-camera-grid')).waitFor()
          const cards = county.locator(sel('video-camera-card'))
          assert.equal(await cards.count(), data.items.length)
          const first = data.items[0]
          const text = await card(county, first.code).innerText()
          assert.match(text, new RegExp(first.name))
          assert.match(text, /在线|离线|未检测/)
          if (first.station_name) assert.match(text, new RegExp(first.station_name))
          missing = data.items.find((c) => c.code !== E2E_CAMERA_CODE && c.online !== true)
          assert.ok(missing, 'no demo camera')
          await county.waitForTimeout(300)
          await shot(county, 'mo-14-video-grid')
        },
      ],
      [
        '导入 opens the import of 视频监控点 with its template',
        async () => {
          await county.locator(sel('camera-import')).click()
          const dialog = county.locator(sel('camera-import-dialog'))
          await dialog.waitFor()
          assert.match(await dialog.innerText(), /导入视频监控点/)
          const template = answer(county, 'GET', /^\/api\/v1\/monitoring\/cameras\/import-template$/)
          await dialog.locator(sel('import-template')).click()
          const r = await template
          assert.equal(r.status(), 200)
          assert.match(r.headers()['content-type'] ?? '', /spreadsheetml/)
          await county.keyboard.press('Escape')
          await dialog.waitFor({ state: 'hidden' })
        },
      ],
      [
        'a camera whose stream is missing: the player says 视频流无法连接',
        async () => {
          const detail = answer(county, 'GET', new RegExp(`^/api/v1/monitoring/cameras/${missing.id}$`))
          await card(county, missing.code).click()
          const dialog = county.locator(sel('video-player-dialog'))
          await dialog.waitFor()
          assert.equal((await detail).status(), 200)
          await dialog.locator(sel('video-player')).waitFor({ state: 'attached' })
          const error = dialog.locator(sel('video-error'))
          await error.waitFor({ timeout: 25_000 })
          assert.match(await error.innerText(), /视频流无法连接，请检查视频网关/)
          assert.match(await dialog.locator(sel('video-title')).innerText(), new RegExp(missing.name))
          await county.waitForTimeout(300)
          await county.screenshot({ path: join(shotsDir, 'mo-15-video-player-error.png') })
        },
      ],
      [
        '重新检测 checks the stream: 离线, on the card too',
        async () => {
          const checked = answer(county, 'POST', new RegExp(`^/api/v1/monitoring/cameras/${missing.id}/check$`))
          await county.locator(sel('video-recheck')).click()
          const r = await checked
          assert.equal(r.status(), 200, `the check answered ${r.status()}: ${await r.text()}`)
          const body = await r.json()
          assert.equal(body.online, false, `the missing stream was found ${body.online_name}`)
          assert.equal(body.online_name, '离线')
          assert.ok(body.checked_at, 'no check time')
          const dialog = county.locator(sel('video-player-dialog'))
          await county.waitForFunction((s) => document.querySelector(s)?.textContent?.trim() === '离线', sel('video-online'))
          await dialog.locator(sel('video-error')).waitFor({ timeout: 25_000 })
          await county.locator(sel('video-close')).click()
          await dialog.waitFor({ state: 'hidden' })
          assert.equal((await card(county, missing.code).locator(sel('camera-online')).innerText()).trim(), '离线')
          assert.match(await card(county, missing.code).locator(sel('camera-checked')).innerText(), /^检测于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
        },
      ],
      [
        'the 离线 filter keeps the offline cameras only',
        async () => {
          const data = await listLoaded(county, '/monitoring/cameras', () => county.goto(`${BASE_URL}/monitoring/video?online=false`))
          assert.ok(data.items.some((c) => c.id === missing.id), 'the camera just found 离线 is not in the 离线 list')
          for (const c of data.items) assert.equal(c.online, false, `${c.code} is ${c.online_name} in the 离线 list`)
        },
      ],
      [
        'the wall and the player fit a phone-sized screen',
        async () => {
          await county.setViewportSize({ width: 390, height: 844 })
          try {
            await listLoaded(county, '/monitoring/cameras', () => county.goto(`${BASE_URL}/monitoring/video`))
            await county.locator(sel('video-camera-card')).first().waitFor()
            await county.waitForTimeout(300)
            await county.screenshot({ path: join(shotsDir, 'mo-16-video-grid-phone.png') })
            await county.locator(sel('video-camera-card')).first().click()
            await county.locator(`${sel('video-player-dialog')} ${sel('video-error')}, ${sel('video-player-dialog')} ${sel('video-loading')}`).first().waitFor()
            await county.waitForTimeout(300)
            await county.screenshot({ path: join(shotsDir, 'mo-17-video-player-phone.png') })
            await county.keyboard.press('Escape')
            await county.locator(sel('video-player-dialog')).waitFor({ state: 'hidden' })
          } finally {
            await county.setViewportSize({ width: 1440, height: 900 })
          }
          await logout(county)
        },
      ],
    ])

    await flow(`视频监控 ${ENTERPRISE_USER}：本机视频网关上的视频监控点`, ent, [
      [
        'registers a camera of the enterprise on the test gateway (POST /cameras/batch)',
        async () => {
          await listLoaded(ent, '/industry/enterprises', () => login(ent, ENTERPRISE_USER, PASSWORD))
          const me = await apiGet(ent, '/auth/me')
          assert.ok(me.user.enterprise_id, `${ENTERPRISE_USER} has no enterprise`)
          const enterprise = await apiGet(ent, `/industry/enterprises/${me.user.enterprise_id}`)
          const stations = await apiGet(ent, '/industry/stations?kind=gate_station&page_size=1')
          station = stations.items[0] ?? (await apiGet(ent, '/industry/stations?page_size=1')).items[0]
          assert.ok(station, 'the enterprise has no station')
          register = (url) =>
            apiPost(ent, '/monitoring/cameras/batch', [
              { enterprise_code: enterprise.code, code: E2E_CAMERA_CODE, name: `${station.name}测试摄像机`, station_code: station.code, stream_url: url },
            ])
          // First on the gateway's address that never answers (the next step), then on its playlist.
          await register(stream.hangingUrl)
          const found = await apiGet(ent, `/monitoring/cameras?q=${encodeURIComponent(E2E_CAMERA_CODE)}`)
          camera = found.items.find((c) => c.code === E2E_CAMERA_CODE)
          assert.ok(camera, `${E2E_CAMERA_CODE} is not listed after the batch`)
          assert.equal(camera.stream_url, stream.hangingUrl)
          assert.equal(camera.station_code, station.code)
        },
      ],
      [
        'closing the player while it connects drops the request (hls.js destroyed)',
        async () => {
          await listLoaded(ent, '/monitoring/cameras', () => ent.goto(`${BASE_URL}/monitoring/video?q=${encodeURIComponent(E2E_CAMERA_CODE)}`))
          const before = stream.hits.hanging
          await card(ent, E2E_CAMERA_CODE).click()
          const dialog = ent.locator(sel('video-player-dialog'))
          await dialog.locator(sel('video-loading')).waitFor()
          const t0 = Date.now()
          while (stream.hits.hanging === before && Date.now() - t0 < TIMEOUT) await ent.waitForTimeout(100)
          assert.ok(stream.hits.hanging > before, 'the player did not ask the gateway')
          assert.match(await dialog.locator(sel('video-player')).evaluate((v) => v.getAttribute('src') ?? ''), /^blob:/, 'hls.js is not attached')
          const dropped = stream.hits.dropped
          await ent.locator(sel('video-close')).click()
          await dialog.waitFor({ state: 'hidden' })
          const t1 = Date.now()
          while (stream.hits.dropped === dropped && Date.now() - t1 < 5000) await ent.waitForTimeout(100)
          assert.ok(stream.hits.dropped > dropped, 'the request for the playlist goes on after the player closed')
          const src = await dialog.locator(sel('video-player')).evaluate((v) => v.getAttribute('src'))
          assert.ok(!src, `the closed player still has the source ${src}`)
          await register(stream.url)
        },
      ],
      [
        '检测 finds it 在线; its card says so',
        async () => {
          const checked = await apiPost(ent, `/monitoring/cameras/${camera.id}/check`)
          assert.equal(checked.online, true, `the camera on the test gateway was found ${checked.online_name}`)
          assert.equal(checked.online_name, '在线')
          await listLoaded(ent, '/monitoring/cameras', () => ent.reload())
          await card(ent, E2E_CAMERA_CODE).waitFor()
          assert.equal((await card(ent, E2E_CAMERA_CODE).locator(sel('camera-online')).innerText()).trim(), '在线')
          await shot(ent, 'mo-18-video-grid-online')
        },
      ],
      [
        'the player asks the gateway for the playlist (which has no picture yet)',
        async () => {
          const before = stream.hits.playlist
          await card(ent, E2E_CAMERA_CODE).click()
          const dialog = ent.locator(sel('video-player-dialog'))
          await dialog.waitFor()
          await ent.waitForFunction((s) => document.querySelector(s)?.textContent?.trim() === '在线', sel('video-online'))
          // The playlist has no segments: hls.js loads it and says there is no picture.
          await dialog.locator(`${sel('video-error')}, ${sel('video-player')}[data-state="playing"]`).first().waitFor({ timeout: 25_000 })
          assert.ok(stream.hits.playlist > before, 'the player did not ask the gateway for the playlist')
          const error = dialog.locator(sel('video-error'))
          if (await error.count()) assert.match(await error.innerText(), /暂无画面/)
          await ent.waitForTimeout(300)
          await ent.screenshot({ path: join(shotsDir, 'mo-19-video-player-online.png') })
          await ent.locator(sel('video-close')).click()
          await dialog.waitFor({ state: 'hidden' })
        },
      ],
      [
        "a monitoring point at the station lists its cameras; 查看视频 opens the player",
        async () => {
          const points = (await apiGet(ent, '/monitoring/points?page_size=100')).items.filter((p) => p.target_type === 'station' && p.target_code)
          const cameras = (await apiGet(ent, '/monitoring/cameras?page_size=100')).items
          const withCameras = new Set(cameras.map((c) => c.station_code))
          // A point at the test camera's station, else at any station with cameras.
          const point = points.find((p) => p.target_code === station.code) ?? points.find((p) => withCameras.has(p.target_code))
          assert.ok(point, 'no monitoring point of the enterprise is at a station with cameras')
          const expected = cameras.filter((c) => c.station_code === point.target_code)
          await ent.goto(`${BASE_URL}/monitoring/points?id=${point.id}`)
          const drawer = ent.locator(sel('monitoring-point-drawer'))
          await drawer.waitFor()
          const rows = drawer.locator(sel('point-camera'))
          await rows.first().waitFor()
          assert.equal(await rows.count(), expected.length, `the drawer lists ${await rows.count()} cameras of ${point.target_code}, the API ${expected.length}`)
          await drawer.locator(sel('point-cameras')).scrollIntoViewIfNeeded()
          await ent.waitForTimeout(300)
          await shot(ent, 'mo-20-point-drawer-cameras')
          const target = expected.find((c) => c.code === E2E_CAMERA_CODE) ?? expected[0]
          await rows.filter({ hasText: target.code }).locator(sel('point-camera-view')).click()
          const dialog = ent.locator(sel('video-player-dialog'))
          await dialog.waitFor()
          assert.match(await dialog.locator(sel('video-title')).innerText(), new RegExp(target.name))
          await dialog.locator(`${sel('video-error')}, ${sel('video-player')}[data-state="playing"]`).first().waitFor({ timeout: 25_000 })
          await ent.waitForTimeout(400) // the dialog fades in
          await ent.screenshot({ path: join(shotsDir, 'mo-21-point-drawer-player.png') })
          await ent.locator(sel('video-close')).click()
          await dialog.waitFor({ state: 'hidden' })
          await ent.keyboard.press('Escape')
          await drawer.waitFor({ state: 'hidden' })
        },
      ],
      [
        'logs out; no page errors',
        async () => {
          await logout(ent)
          assert.deepEqual(pageErrors.map(String), [])
        },
      ],
    ])
    await countyCtx.close()
    await entCtx.close()
  } finally {
    await browser.close()
    await stream.close()
  }
}
