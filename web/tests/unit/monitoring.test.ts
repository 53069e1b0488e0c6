import { describe, expect, it } from 'vitest'
import type { Alarm, MonitoringPoint, ReadingsResult, Series } from '@/api/monitoring'
import {
  ALARM_ACTION_NAMES,
  ALARM_CONDITIONS,
  ALARM_SEVERITIES,
  ALARM_STATES,
  DEFAULT_SERIES_RANGE,
  POINT_KINDS,
  POINT_STATES,
  POINT_STATE_COLORS,
  SERIES_RANGES,
  SHANGHAI_OFFSET_MS,
  alarmEventTag,
  alarmStateTag,
  alarmToast,
  alarmValueText,
  escalationLabel,
  formatMinutes,
  formatReading,
  formatValue,
  orderedAlarmActions,
  parseReading,
  pointStateTag,
  presetRange,
  readingValueProblem,
  reconnectDelay,
  reportOutcome,
  seriesChartOption,
  seriesExtent,
  severityTag,
  shanghaiWallDate,
  shortTime,
  thresholdLines,
} from '@/utils/monitoring'
import { mayImportMonitoringPoints, mayReportReadings } from '@/utils/permissions'
import { MONITORING_LEGEND, MONITORING_SORT_KEY, monitoringPointFields } from '@/views/map/mapLayers'

const alarm = (over: Partial<Alarm> = {}): Alarm => ({
  id: 7,
  code: 'BJ20261129000007',
  point_id: 3,
  point_code: 'P-001',
  point_name: '凤凰大道调压站出口压力',
  kind: 'pressure',
  kind_name: '压力',
  unit: 'MPa',
  enterprise_id: 1,
  enterprise_name: '上饶市信州广源燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  condition: 'high_high',
  condition_name: '超高高限',
  severity: 'major',
  severity_name: '重大',
  state: 'raised',
  state_name: '待确认',
  value: 0.52,
  threshold: 0.45,
  raised_at: '2026-11-29T10:05:00Z',
  cleared_at: null,
  acknowledged_at: null,
  handling_at: null,
  handled_at: null,
  disposal: null,
  reminders: 0,
  escalation: 0,
  supervised: false,
  minutes_to_ack: null,
  minutes_to_handle: null,
  lng: 117.97,
  lat: 28.45,
  ...over,
})

describe('labels', () => {
  it('name every code as the server does', () => {
    expect(POINT_KINDS.map((k) => k.label)).toEqual(['压力', '流量', '可燃气体浓度', '温度', '液位', '阀门状态', '其他'])
    expect(POINT_STATES.map((s) => s.label)).toEqual(['正常', '报警', '离线', '未上报'])
    expect(ALARM_SEVERITIES.map((s) => s.label)).toEqual(['紧急', '重大', '一般', '提示'])
    expect(ALARM_STATES.map((s) => s.label)).toEqual(['待确认', '已确认', '处置中', '已处置'])
    expect(ALARM_CONDITIONS.find((c) => c.value === 'high_high')?.label).toBe('超高高限')
    expect(ALARM_ACTION_NAMES).toEqual({ acknowledge: '确认报警', handle: '开始处置', dispose: '处置完成' })
  })

  it('colour point states green, red, grey and light grey', () => {
    expect(pointStateTag('normal')).toEqual({ type: 'success', effect: 'light' })
    expect(pointStateTag('alarm').type).toBe('danger')
    expect(pointStateTag('offline')).toEqual({ type: 'info', effect: 'dark' })
    expect(pointStateTag('never')).toEqual({ type: 'info', effect: 'plain' })
    expect(pointStateTag(undefined).type).toBe('info')
    expect(POINT_STATE_COLORS.alarm).not.toBe(POINT_STATE_COLORS.normal)
  })

  it('colour severities: 紧急 dark red, 重大 red, 一般 orange, 提示 grey', () => {
    expect(severityTag('critical')).toEqual({ type: 'danger', effect: 'dark' })
    expect(severityTag('major')).toEqual({ type: 'danger', effect: 'light' })
    expect(severityTag('minor').type).toBe('warning')
    expect(severityTag('warning').type).toBe('info')
  })

  it('colour alarm states and history steps', () => {
    expect(alarmStateTag('raised')).toBe('danger')
    expect(alarmStateTag('acknowledged')).toBe('warning')
    expect(alarmStateTag('handling')).toBe('primary')
    expect(alarmStateTag('handled')).toBe('success')
    expect(alarmStateTag('x')).toBe('info')
    expect(alarmEventTag('raise')).toBe('danger')
    expect(alarmEventTag('dispose')).toBe('success')
    expect(alarmEventTag('escalate')).toBe('warning')
    expect(alarmEventTag('acknowledge')).toBe('primary')
  })

  it('order the allowed steps as the handling goes, unknown ones left out', () => {
    expect(orderedAlarmActions([{ action: 'dispose' }, { action: 'acknowledge' }, { action: 'fly' }])).toEqual(['acknowledge', 'dispose'])
    expect(orderedAlarmActions(undefined)).toEqual([])
  })

  it('escalation levels', () => {
    expect(escalationLabel(0)).toBe('企业处置')
    expect(escalationLabel(1)).toBe('已报企业负责人')
    expect(escalationLabel(2)).toBe('已报区县主管部门')
  })
})

describe('readings as written', () => {
  it('values up to three decimals, no grouping, "—" for none', () => {
    expect(formatValue(0.42)).toBe('0.42')
    expect(formatValue(1200)).toBe('1200')
    expect(formatValue(0.123456)).toBe('0.123')
    expect(formatValue(-0.0001)).toBe('0')
    expect(formatValue(null)).toBe('—')
    expect(formatValue(Number.NaN)).toBe('—')
  })

  it('with the unit; a valve as 开/关', () => {
    expect(formatReading(0.42, 'MPa')).toBe('0.42 MPa')
    expect(formatReading(25, '%LEL')).toBe('25 %LEL')
    expect(formatReading(3, '')).toBe('3')
    expect(formatReading(1, '开关量')).toBe('开')
    expect(formatReading(0, '开关量')).toBe('关')
    expect(formatReading(null, 'MPa')).toBe('—')
  })

  it('an alarm as 报警值 / 限值 with the unit', () => {
    expect(alarmValueText(alarm())).toBe('0.52 / 0.45 MPa')
    expect(alarmValueText(alarm({ value: null, threshold: null }))).toBe('—')
  })

  it('durations in minutes, hours and days', () => {
    expect(formatMinutes(null)).toBe('—')
    expect(formatMinutes(2.46)).toBe('2.5 分钟')
    expect(formatMinutes(35.4)).toBe('35 分钟')
    expect(formatMinutes(60)).toBe('1 小时')
    expect(formatMinutes(65)).toBe('1 小时 5 分钟')
    expect(formatMinutes(1440)).toBe('1 天')
    expect(formatMinutes(1440 * 2 + 180)).toBe('2 天 3 小时')
    expect(formatMinutes(-1)).toBe('—')
  })

  it('short times in Shanghai', () => {
    expect(shortTime('2026-11-29T10:05:00Z')).toBe('11-29 18:05')
    expect(shortTime(null)).toBe('—')
  })

  it('a typed value must be a number', () => {
    expect(parseReading('0.42')).toBe(0.42)
    expect(parseReading(' -3 ')).toBe(-3)
    expect(parseReading('.5')).toBe(0.5)
    expect(parseReading('1e3')).toBe(1000)
    expect(parseReading('０．４２')).toBe(0.42)
    expect(parseReading('0.4.2')).toBeNull()
    expect(parseReading('abc')).toBeNull()
    expect(parseReading('')).toBeNull()
    expect(parseReading('1e999')).toBeNull()
    expect(readingValueProblem(undefined)).toBe('请填写读数')
    expect(readingValueProblem('  ')).toBe('请填写读数')
    expect(readingValueProblem('x1')).toBe('读数应为数字，如 0.42')
    expect(readingValueProblem('0')).toBeNull()
  })
})

describe('thresholds and the curve', () => {
  const th = { high_high: 0.45, high: 0.4, low: null, low_low: 0.05 }

  it('lists the limits that are set, most severe first', () => {
    expect(thresholdLines(th).map((t) => [t.name, t.value])).toEqual([
      ['高高限', 0.45],
      ['高限', 0.4],
      ['低低限', 0.05],
    ])
    expect(thresholdLines(null)).toEqual([])
  })

  const rolled: Series = {
    grain: 'hour',
    grain_name: '小时',
    unit: 'MPa',
    items: [
      { t: Date.UTC(2026, 10, 29, 0), avg: 0.3, min: 0.28, max: 0.33, n: 60 },
      { t: Date.UTC(2026, 10, 29, 1), avg: 0.31, min: 0.29, max: 0.36, n: 60 },
    ],
    thresholds: th,
  }

  it('keeps the limits in view', () => {
    const e = seriesExtent(rolled, true)
    expect(e).not.toBeNull()
    expect(e!.min).toBeLessThan(0.05)
    expect(e!.max).toBeGreaterThan(0.45)
    expect(seriesExtent({ items: [], thresholds: { high_high: null, high: null, low: null, low_low: null } }, false)).toBeNull()
    // Round ends: 0 … 0.5 for readings of 0.28–0.36 with limits from 0.05 to 0.45.
    expect(e).toEqual({ min: 0, max: 0.5 })
    const flat = seriesExtent({ items: [{ t: 0, avg: 5, min: 5, max: 5, n: 1 }], thresholds: { high_high: null, high: null, low: null, low_low: null } }, false)
    expect(flat).toEqual({ min: 4.4, max: 5.6 })
    const cold = seriesExtent({ items: [{ t: 0, avg: -3, min: -3, max: -3, n: 1 }, { t: 1, avg: 12, min: 12, max: 12, n: 1 }], thresholds: { high_high: null, high: null, low: null, low_low: null } }, false)
    expect(cold!.min).toBeLessThan(-3)
  })

  it('draws a min–max band for rolled-up readings, the limits as lines, times shifted to Shanghai', () => {
    const o = seriesChartOption(rolled, '压力') as { useUTC: boolean; series: { name: string; data: number[][]; stack?: string; markLine?: { data: { yAxis: number }[] } }[] }
    expect(o.useUTC).toBe(true)
    expect(o.series.map((s) => s.name)).toEqual(['最小值', '最小–最大', '压力'])
    expect(o.series[0].stack).toBe('band')
    expect(o.series[1].data[1][1]).toBeCloseTo(0.07)
    const line = o.series[2]
    expect(line.data[0][0]).toBe(rolled.items[0].t + SHANGHAI_OFFSET_MS)
    expect(line.markLine?.data.map((d) => d.yAxis)).toEqual([0.45, 0.4, 0.05])
  })

  it('draws raw readings as one line; its tooltip says the time in Shanghai', () => {
    const raw: Series = { ...rolled, grain: 'raw', grain_name: '原始', thresholds: { high_high: null, high: null, low: null, low_low: null } }
    const o = seriesChartOption(raw, '压力') as {
      series: { name: string; markLine?: unknown }[]
      tooltip: { formatter: (p: unknown) => string }
    }
    expect(o.series.map((s) => s.name)).toEqual(['压力'])
    expect(o.series[0].markLine).toBeUndefined()
    const text = o.tooltip.formatter([{ seriesName: '压力', value: [rolled.items[0].t + SHANGHAI_OFFSET_MS, 0.3] }])
    expect(text).toBe('2026-11-29 08:00\n压力：0.3 MPa')
  })

  it('preset ranges end now', () => {
    const now = new Date('2026-11-29T10:00:00Z')
    expect(SERIES_RANGES.map((r) => r.label)).toEqual(['最近1小时', '最近24小时', '最近7天', '最近30天', '最近1年'])
    expect(presetRange('1h', now)).toEqual({ from: '2026-11-29T09:00:00.000Z', to: '2026-11-29T10:00:00.000Z' })
    expect(presetRange('nonsense', now)).toEqual(presetRange(DEFAULT_SERIES_RANGE, now))
  })

  it('a picker Date shows the Shanghai wall clock whatever the browser zone', () => {
    const d = shanghaiWallDate(new Date('2026-11-29T17:30:15Z'))
    // Its local fields are Shanghai's: 2026-11-30 01:30:15.
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([2026, 11, 30, 1, 30, 15])
  })
})

describe('reporting readings', () => {
  const result = (over: Partial<ReadingsResult>): ReadingsResult => ({ received: 1, stored: 0, duplicates: 0, rejected: [], alarms: [], ...over })

  it('one reading: 已保存, 重复, or the reason it was refused', () => {
    expect(reportOutcome(result({ stored: 1 }), 'single')).toEqual({ type: 'success', title: '已保存', lines: [] })
    expect(reportOutcome(result({ duplicates: 1 }), 'single').title).toMatch(/^重复/)
    expect(reportOutcome(result({ rejected: [{ index: 0, point: 'P-1', field: 'ts', reason: '时间晚于当前时间' }] }), 'single')).toEqual({
      type: 'error',
      title: '未保存：时间晚于当前时间',
      lines: [],
    })
  })

  it('a sheet: the counts, and a line per refused reading', () => {
    const o = reportOutcome(result({ received: 5, stored: 3, duplicates: 1, rejected: [{ index: 4, point: 'P-9', field: 'point', reason: '监测点不存在' }] }))
    expect(o.type).toBe('warning')
    expect(o.title).toBe('共 5 条，已保存 3 条，重复 1 条，被拒绝 1 条')
    expect(o.lines).toEqual(['第 5 条（P-9）：监测点不存在'])
    // A sheet's `index` is its row number.
    const sheet = reportOutcome(result({ received: 2, stored: 1, rejected: [{ index: 3, point: 'NO', field: 'point', reason: '监测点不存在' }] }), 'sheet')
    expect(sheet.lines).toEqual(['第 3 行（NO）：监测点不存在'])
    expect(reportOutcome(result({ received: 2, stored: 2 })).type).toBe('success')
    expect(reportOutcome(result({ received: 2, duplicates: 2 })).type).toBe('warning')
    expect(reportOutcome(result({ received: 1, rejected: [{ index: 0, point: null, field: null, reason: 'x' }] })).type).toBe('error')
  })
})

describe('the live feed', () => {
  it('pops up newly raised 紧急 and 重大 alarms only', () => {
    expect(alarmToast('raised', alarm())).toEqual({
      title: '【重大】超高高限',
      message: '凤凰大道调压站出口压力 · 上饶市信州广源燃气有限公司 · 0.52 MPa',
    })
    expect(alarmToast('raised', alarm({ severity: 'critical', severity_name: '紧急' }))?.title).toBe('【紧急】超高高限')
    expect(alarmToast('raised', alarm({ severity: 'minor', severity_name: '一般' }))).toBeNull()
    expect(alarmToast('cleared', alarm())).toBeNull()
    expect(alarmToast('updated', alarm())).toBeNull()
    expect(alarmToast('raised', alarm({ value: null, condition_name: '离线' }))?.message).toBe('凤凰大道调压站出口压力 · 上饶市信州广源燃气有限公司')
  })

  it('reconnects after 1 s, 2 s, 4 s … at most a minute', () => {
    expect([0, 1, 2, 3, 5, 6, 7, 50].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 32000, 60000, 60000, 60000])
    expect(reconnectDelay(-3)).toBe(1000)
  })
})

describe('who may do what', () => {
  it('the enterprises and the city and county administrators report readings', () => {
    expect(mayReportReadings('enterprise_admin')).toBe(true)
    expect(mayReportReadings('enterprise_user')).toBe(true)
    expect(mayReportReadings('city_admin')).toBe(true)
    expect(mayReportReadings('county_admin')).toBe(true)
    expect(mayReportReadings('city_officer')).toBe(false)
    expect(mayReportReadings('inspector')).toBe(false)
    expect(mayReportReadings(null)).toBe(false)
  })

  it('those who keep the ledgers import points', () => {
    expect(mayImportMonitoringPoints('county_officer')).toBe(true)
    expect(mayImportMonitoringPoints('enterprise_user')).toBe(true)
    expect(mayImportMonitoringPoints('inspector')).toBe(false)
  })
})

describe('the map layer', () => {
  it('has a legend entry per state and draws alarms on top', () => {
    expect(MONITORING_LEGEND.map((l) => l.label)).toEqual(['正常', '报警', '离线', '未上报'])
    expect(MONITORING_SORT_KEY.slice(0, 4)).toEqual(['match', ['get', 'state'], 'alarm', 3])
  })

  it('shows the point with its value, state and enterprise', () => {
    const p = {
      id: 3,
      code: 'P-001',
      name: '出口压力',
      kind: 'pressure',
      kind_name: '压力',
      unit: 'MPa',
      enterprise_id: 1,
      enterprise_name: '广源燃气',
      region_code: '361102',
      region_name: '信州区',
      target_type: 'station',
      target_type_name: '厂站',
      target_code: 'ZT-1',
      target_name: '凤凰调压站',
      lng: 117.9,
      lat: 28.4,
      interval_s: 60,
      high_high: 0.45,
      high: 0.4,
      low: null,
      low_low: null,
      rate_of_change: null,
      deadband: null,
      status: 'in_service',
      live: { value: 0.52, at: '2026-11-29T10:05:00Z', state: 'alarm', state_name: '报警', condition: 'high_high', condition_name: '超高高限' },
    } as MonitoringPoint
    const f = Object.fromEntries(monitoringPointFields(p).map((x) => [x.key, x.value]))
    expect(f.value).toBe('0.52 MPa')
    expect(f.state).toBe('报警（超高高限）')
    expect(f.enterprise).toBe('广源燃气')
    expect(f.target).toBe('厂站 凤凰调压站')
    expect(f.at).toBe('2026-11-29 18:05:00')
    const never = monitoringPointFields({ ...p, live: { value: null, at: null, state: 'never', state_name: '未上报', condition: null, condition_name: null } })
    expect(Object.fromEntries(never.map((x) => [x.key, x.value])).at).toBe('尚未上报')
  })
})
