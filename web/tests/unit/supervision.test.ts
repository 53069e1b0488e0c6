import { describe, expect, it } from 'vitest'
import type { CheckItem, GeoFix } from '@/api/supervision'
import { auditActionLabel, auditTargetTypeLabel } from '@/utils/labels'
import {
  answerRows,
  checkMapData,
  answeredText,
  deadlineText,
  discrepancyChartItems,
  discrepancyLabel,
  distanceText,
  fillRemaining,
  fixText,
  formatDistance,
  haversineMetres,
  issueBody,
  locationFlagTag,
  locationText,
  newUuid,
  periodEnd,
  progressColor,
  progressPercent,
  progressText,
  resultSummary,
  shouldSample,
  unanswered,
  validateIssue,
  type IssueForm,
} from '@/utils/supervision'

const done = (extra: Partial<CheckItem> = {}) =>
  ({
    state: 'done',
    answers: {},
    failed_points: [],
    discrepancy: null,
    target_kind: 'gas_user',
    lng: 117.9,
    lat: 28.4,
    distance_m: 22.4,
    location_flag: null,
    location_flag_name: null,
    ...extra,
  }) as CheckItem

describe('progress', () => {
  it('prints done of total with the share', () => {
    expect(progressText(3, 12)).toBe('3 / 12（25.0%）')
    expect(progressText(0, 10)).toBe('0 / 10（0.0%）')
    expect(progressText(10, 10)).toBe('10 / 10（100.0%）')
    expect(progressText(0, 0)).toBe('无检查项')
  })

  it('gives the bar a percentage with one decimal, never outside 0–100', () => {
    expect(progressPercent(1, 3)).toBe(33.3)
    expect(progressPercent(0, 0)).toBe(0)
    expect(progressPercent(5, 4)).toBe(100)
  })

  it('colours the bar by state', () => {
    expect(progressColor('done')).toBe('#67c23a')
    expect(progressColor('overdue')).toBe('#f56c6c')
    expect(progressColor('in_progress')).toBe('#1d6fd8')
  })

  it('prints the period of a recurring task beside its deadline', () => {
    expect(deadlineText({ deadline: '2026-12-31', recurrence_name: null, period_label: null })).toBe('2026-12-31')
    expect(deadlineText({ deadline: '2026-11-30', recurrence_name: '每月', period_label: '2026年11月' })).toBe(
      '2026-11-30（每月 · 2026年11月）',
    )
  })
})

describe('results', () => {
  it('summarises a result', () => {
    expect(resultSummary({ ...done(), state: 'assigned' })).toEqual({ text: '—', type: '' })
    expect(resultSummary(done({ answers: { a: 'ok', b: 'na' } }))).toEqual({ text: '合格', type: 'success' })
    expect(resultSummary(done({ answers: { a: 'fail', b: 'fail', c: 'ok' } }))).toEqual({ text: '不符合 2 项', type: 'danger' })
  })

  it('names the comparison with the enterprise records', () => {
    expect(discrepancyLabel(done({ discrepancy: true }))).toEqual({ text: '不符', type: 'danger' })
    expect(discrepancyLabel(done({ discrepancy: false }))).toEqual({ text: '一致', type: 'success' })
    expect(discrepancyLabel(done({ discrepancy: null }))).toEqual({ text: '无记录', type: 'info' })
    expect(discrepancyLabel(done({ discrepancy: null, target_kind: 'enterprise' }))).toEqual({ text: '不对比', type: 'info' })
    expect(discrepancyLabel({ ...done(), state: 'assigned' }).text).toBe('—')
  })
})

describe('distances and flags', () => {
  it('formats distances in metres and kilometres', () => {
    expect(formatDistance(22.4)).toBe('22 米')
    expect(formatDistance(999.4)).toBe('999 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(formatDistance(null)).toBe('')
    expect(formatDistance(Number.NaN)).toBe('')
    expect(distanceText(22.4)).toBe('距检查对象 22 米')
    expect(distanceText(undefined)).toBe('')
  })

  it('tags a doubtful location', () => {
    expect(locationFlagTag(done({ location_flag: 'outside', location_flag_name: '位置不在上饶市范围内' }))).toEqual({
      text: '位置不在上饶市范围内',
      type: 'danger',
    })
    expect(locationFlagTag(done({ location_flag: 'inaccurate', location_flag_name: null }))).toEqual({
      text: '定位精度异常',
      type: 'warning',
    })
    expect(locationFlagTag(done())).toBeNull()
  })

  it('prints the location column', () => {
    expect(locationText(done())).toBe('距检查对象 22 米')
    expect(locationText(done({ lng: null, lat: null, distance_m: null }))).toBe('未定位')
    expect(locationText(done({ distance_m: null }))).toBe('已定位（检查对象无坐标）')
    expect(locationText({ ...done(), state: 'pending' })).toBe('—')
  })

  it('measures great-circle distances', () => {
    // 0.001° of latitude is about 111 m.
    expect(Math.round(haversineMetres([117.9, 28.4], [117.9, 28.401]))).toBe(111)
    expect(haversineMetres([117.9, 28.4], [117.9, 28.4])).toBe(0)
  })

  it('prints a fix', () => {
    expect(fixText({ lng: 117.9432111, lat: 28.45412, accuracy_m: 12.4 })).toBe('117.943211, 28.454120（精度 ±12 米）')
    expect(fixText({ lng: 117, lat: 28, accuracy_m: null })).toBe('117.000000, 28.000000（精度未知）')
  })

  it('samples the trail at most every ten seconds', () => {
    const fix = (s: number): GeoFix => ({ lng: 117.9, lat: 28.4, accuracy_m: 10, at: new Date(Date.UTC(2026, 10, 29, 3, 0, s)).toISOString() })
    expect(shouldSample([], fix(0))).toBe(true)
    expect(shouldSample([fix(0)], fix(5))).toBe(false)
    expect(shouldSample([fix(0)], fix(10))).toBe(true)
  })
})

describe('checklist', () => {
  const points = [
    { code: 'a', text: '已安装燃气泄漏报警器' },
    { code: 'b', text: '已安装自动切断阀' },
    { code: 'c', text: '连接软管无老化、龟裂' },
  ]

  it('counts what is answered and fills the rest', () => {
    expect(unanswered(points, { a: 'fail' }).map((p) => p.code)).toEqual(['b', 'c'])
    expect(answeredText(points, { a: 'fail' })).toBe('已填 1/3')
    expect(fillRemaining(points, { a: 'fail' })).toEqual({ a: 'fail', b: 'ok', c: 'ok' })
  })

  it('lists each point with its answer', () => {
    const rows = answerRows(points, { a: 'fail', b: 'na' })
    expect(rows.map((r) => r.label)).toEqual(['不符合', '不适用', '未填写'])
    expect(rows[0]).toMatchObject({ no: 1, code: 'a', answer: 'fail' })
  })

  it('makes a v4 UUID also without randomUUID (plain HTTP)', () => {
    const id = newUuid({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => globalThis.crypto.getRandomValues(a as Uint8Array) as unknown as T })
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(newUuid()).not.toBe(newUuid())
  })
})

describe('issuing a task', () => {
  const form = (extra: Partial<IssueForm> = {}): IssueForm => ({
    title: '2026年第4季度入户安全抽查',
    template: 'home_spot_check',
    counties: ['361102'],
    sample_size: 2,
    deadline_mode: 'date',
    deadline: '2026-12-31',
    recurrence: '',
    ...extra,
  })
  const opts = { targetKind: 'gas_user' as const, city: true, today: '2026-11-29' }

  it('accepts a complete form', () => {
    expect(validateIssue(form(), opts)).toEqual({})
  })

  it('says what is missing, as the server would', () => {
    const e = validateIssue(form({ title: ' ', counties: [], sample_size: null, deadline: '' }), opts)
    expect(e).toEqual({
      title: '请填写任务名称',
      counties: '请选择至少一个县（市、区）',
      sample_size: '请填写每个县的抽查数量',
      deadline: '请选择完成期限',
    })
    expect(validateIssue(form({ sample_size: 501 }), opts).sample_size).toBe('抽查数量应在1至500之间')
    expect(validateIssue(form({ deadline: '2026-11-28' }), opts).deadline).toBe('完成期限不能早于今天')
    expect(validateIssue(form({ deadline_mode: 'recurrence' }), opts).recurrence).toBe('请选择检查周期')
    expect(validateIssue(form({ template: '' }), { ...opts, targetKind: null }).template).toBe('请选择检查表')
  })

  it('needs no sample size and no counties where they do not apply', () => {
    expect(validateIssue(form({ sample_size: null, counties: [] }), { ...opts, targetKind: 'enterprise', city: false })).toEqual({})
  })

  it('builds the request', () => {
    expect(issueBody(form(), opts)).toEqual({
      title: '2026年第4季度入户安全抽查',
      template: 'home_spot_check',
      counties: ['361102'],
      sample_size: 2,
      deadline: '2026-12-31',
    })
    expect(issueBody(form({ deadline_mode: 'recurrence', recurrence: 'quarterly' }), { targetKind: 'enterprise', city: false })).toEqual({
      title: '2026年第4季度入户安全抽查',
      template: 'home_spot_check',
      recurrence: 'quarterly',
    })
  })

  it('computes the end of the period a recurring task is due by', () => {
    expect(periodEnd('monthly', '2026-11-29')).toBe('2026-11-30')
    expect(periodEnd('monthly', '2028-02-03')).toBe('2028-02-29')
    expect(periodEnd('quarterly', '2026-11-29')).toBe('2026-12-31')
    expect(periodEnd('quarterly', '2026-04-01')).toBe('2026-06-30')
    expect(periodEnd('yearly', '2026-01-15')).toBe('2026-12-31')
  })
})

describe('差异对比', () => {
  it('charts the groups compared, highest rate first', () => {
    const items = [
      { key: '1', name: 'A', compared: 4, discrepancies: 1, rate: 0.25 },
      { key: '2', name: 'B', compared: 0, discrepancies: 0, rate: null },
      { key: '3', name: 'C', compared: 2, discrepancies: 2, rate: 1 },
    ]
    expect(discrepancyChartItems(items).map((i) => i.name)).toEqual(['C', 'A'])
    expect(discrepancyChartItems(items, 1).map((i) => i.name)).toEqual(['C'])
  })
})

describe('the map of a check', () => {
  const circle = (c: [number, number], m: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[c[0] - m / 1e5, c[1]], [c[0], c[1] + m / 1e5], [c[0] + m / 1e5, c[1]], [c[0] - m / 1e5, c[1]]]] as [number, number][][],
  })
  const base = { target_label: '阳光新村 TU8H00030020', target_lng: 117.9, target_lat: 28.4, lng: 117.901, lat: 28.4, accuracy_m: 15, trail: [] }

  it('draws the place, the fix with its accuracy and the line between', () => {
    const d = checkMapData(base, circle)
    expect(d.target.features).toHaveLength(1)
    expect(d.fix.features).toHaveLength(1)
    expect(d.accuracy.features).toHaveLength(1)
    expect(d.link.features).toHaveLength(1)
    expect(d.trail.features).toHaveLength(0)
    expect(d.bbox?.[0]).toBeLessThanOrEqual(117.9)
    expect(d.bbox?.[2]).toBeGreaterThanOrEqual(117.901)
  })

  it('draws the trail and leaves out what has no position', () => {
    const d = checkMapData(
      {
        ...base,
        target_lng: null,
        target_lat: null,
        trail: [
          { lng: 117.9, lat: 28.4, accuracy_m: 10, at: null },
          { lng: 117.902, lat: 28.401, accuracy_m: 10, at: null },
        ],
      },
      circle,
    )
    expect(d.target.features).toHaveLength(0)
    expect(d.link.features).toHaveLength(0)
    expect(d.trail.features).toHaveLength(1)
    expect(d.trailPoints.features).toHaveLength(2)
  })

  it('has nothing to fit without positions, and a box of some size around one point', () => {
    expect(checkMapData({ ...base, target_lng: null, target_lat: null, lng: null, lat: null }, circle).bbox).toBeNull()
    const d = checkMapData({ ...base, lng: null, lat: null }, circle)
    expect(d.bbox).not.toBeNull()
    const [x0, y0, x1, y1] = d.bbox as number[]
    expect(x1 - x0).toBeGreaterThan(0.001)
    expect(y1 - y0).toBeGreaterThan(0.001)
  })
})

describe('the audit log names', () => {
  it('names the supervision actions and records', () => {
    expect(auditActionLabel('supervision.issue')).toBe('下达监督检查任务')
    expect(auditActionLabel('supervision.assign')).toBe('分派检查项')
    expect(auditActionLabel('supervision.record')).toBe('提交检查结果')
    expect(auditActionLabel('supervision.photo')).toBe('上传现场照片')
    expect(auditTargetTypeLabel('check_task')).toBe('监督检查任务')
    expect(auditTargetTypeLabel('check_item')).toBe('检查项')
  })
})
