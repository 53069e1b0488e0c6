// 运行监测: the Chinese names and colours of the monitoring codes, how readings and durations are
// written, the curve of a point as an ECharts option, the time ranges of the curve, the text of a
// live alarm notification and the reconnection delays of the live feed. Pure (no Vue, no DOM), so
// they are unit tested.

import type {
  Alarm,
  AlarmAction,
  AlarmCondition,
  AlarmSeverity,
  AlarmState,
  PointKind,
  PointState,
  ReadingsResult,
  Series,
  Thresholds,
} from '@/api/monitoring'
import { formatDateTime } from './datetime'
import { DASH } from './format'
import type { Option, TagType } from './labels'

export const POINT_KINDS: Option<PointKind>[] = [
  { value: 'pressure', label: '压力' },
  { value: 'flow', label: '流量' },
  { value: 'methane', label: '可燃气体浓度' },
  { value: 'temperature', label: '温度' },
  { value: 'level', label: '液位' },
  { value: 'valve_state', label: '阀门状态' },
  { value: 'other', label: '其他' },
]

export const POINT_STATES: Option<PointState>[] = [
  { value: 'normal', label: '正常' },
  { value: 'alarm', label: '报警' },
  { value: 'offline', label: '离线' },
  { value: 'never', label: '未上报' },
]

export const ALARM_SEVERITIES: Option<AlarmSeverity>[] = [
  { value: 'critical', label: '紧急' },
  { value: 'major', label: '重大' },
  { value: 'minor', label: '一般' },
  { value: 'warning', label: '提示' },
]

export const ALARM_STATES: Option<AlarmState>[] = [
  { value: 'raised', label: '待确认' },
  { value: 'acknowledged', label: '已确认' },
  { value: 'handling', label: '处置中' },
  { value: 'handled', label: '已处置' },
]

export const ALARM_CONDITIONS: Option<AlarmCondition>[] = [
  { value: 'high_high', label: '超高高限' },
  { value: 'high', label: '超高限' },
  { value: 'low', label: '低于低限' },
  { value: 'low_low', label: '低于低低限' },
  { value: 'rate_of_change', label: '变化率超限' },
  { value: 'offline', label: '离线' },
]

/** The steps of the handling, in their order, with their button texts. */
export const ALARM_ACTION_NAMES: Record<AlarmAction, string> = {
  acknowledge: '确认报警',
  handle: '开始处置',
  dispose: '处置完成',
}
const ACTION_ORDER: AlarmAction[] = ['acknowledge', 'handle', 'dispose']

/** The allowed steps in the order of the handling (unknown ones left out). */
export function orderedAlarmActions(allowed: readonly { action: string }[] | null | undefined): AlarmAction[] {
  const set = new Set((allowed ?? []).map((a) => a.action))
  return ACTION_ORDER.filter((a) => set.has(a))
}

export interface TagStyle {
  type: TagType
  effect: 'dark' | 'light' | 'plain'
}

/** 正常 green, 报警 red, 离线 grey, 未上报 light grey. */
export function pointStateTag(state: string | null | undefined): TagStyle {
  switch (state) {
    case 'normal':
      return { type: 'success', effect: 'light' }
    case 'alarm':
      return { type: 'danger', effect: 'dark' }
    case 'offline':
      return { type: 'info', effect: 'dark' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

/** 紧急 dark red, 重大 red, 一般 orange, 提示 grey. */
export function severityTag(severity: string | null | undefined): TagStyle {
  switch (severity) {
    case 'critical':
      return { type: 'danger', effect: 'dark' }
    case 'major':
      return { type: 'danger', effect: 'light' }
    case 'minor':
      return { type: 'warning', effect: 'light' }
    default:
      return { type: 'info', effect: 'light' }
  }
}

/** 待确认 red, 已确认 orange, 处置中 blue, 已处置 green. */
export function alarmStateTag(state: string | null | undefined): TagType {
  switch (state) {
    case 'raised':
      return 'danger'
    case 'acknowledged':
      return 'warning'
    case 'handling':
      return 'primary'
    case 'handled':
      return 'success'
    default:
      return 'info'
  }
}

/** The colour of a step in an alarm's history. */
export function alarmEventTag(action: string): TagType {
  switch (action) {
    case 'raise':
    case 'supervise':
      return 'danger'
    case 'remind':
    case 'escalate':
      return 'warning'
    case 'dispose':
    case 'clear':
      return 'success'
    default:
      return 'primary'
  }
}

/** The map's colours of a point's state. */
export const POINT_STATE_COLORS: Record<PointState, string> = {
  normal: '#43a047',
  alarm: '#e53935',
  offline: '#757575',
  never: '#c0c4cc',
}

const valueFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3, useGrouping: false })

/** A value as a meter shows it ("0.42", "1200": up to 3 decimals, no grouping); "—" for none. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH
  const out = valueFormat.format(value)
  return out === '-0' ? '0' : out
}

/** A reading with its unit: "0.42 MPa", "25 %LEL"; a valve "开"/"关"; "—" for none. */
export function formatReading(value: number | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH
  if (unit === '开关量') return value === 1 ? '开' : value === 0 ? '关' : formatValue(value)
  return unit ? `${formatValue(value)} ${unit}` : formatValue(value)
}

/** "报警值 / 限值" of an alarm: "0.52 / 0.45 MPa"; an offline alarm has neither. */
export function alarmValueText(a: Pick<Alarm, 'value' | 'threshold' | 'unit'>): string {
  if (a.value === null && a.threshold === null) return DASH
  const unit = a.unit && a.unit !== '开关量' ? ` ${a.unit}` : ''
  return `${formatValue(a.value)} / ${formatValue(a.threshold)}${unit}`
}

/** A duration in minutes as people read it: "8 分钟", "2.5 分钟", "1 小时 5 分钟", "2 天 3 小时". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return DASH
  if (minutes < 10) return `${Math.round(minutes * 10) / 10} 分钟`
  const m = Math.round(minutes)
  if (m < 60) return `${m} 分钟`
  if (m < 24 * 60) {
    const h = Math.floor(m / 60)
    const rest = m % 60
    return rest ? `${h} 小时 ${rest} 分钟` : `${h} 小时`
  }
  const d = Math.floor(m / 1440)
  const h = Math.floor((m % 1440) / 60)
  return h ? `${d} 天 ${h} 小时` : `${d} 天`
}

/** How far an unacknowledged alarm went up (逐级上报). */
export function escalationLabel(level: number | null | undefined): string {
  switch (level) {
    case 1:
      return '已报企业负责人'
    case 2:
      return '已报区县主管部门'
    default:
      return '企业处置'
  }
}

/** The thresholds of a point that are set, most severe first, with their names. */
export function thresholdLines(
  th: Partial<Thresholds> | null | undefined,
): { key: keyof Thresholds; name: string; value: number; color: string; label: string }[] {
  if (!th) return []
  // The high limits are labelled at the right, the low ones at the left, each pair above and below
  // its lines: the labels of close limits do not overlap.
  const all: { key: keyof Thresholds; name: string; color: string; label: string }[] = [
    { key: 'high_high', name: '高高限', color: '#c62828', label: 'insideEndTop' },
    { key: 'high', name: '高限', color: '#ef6c00', label: 'insideEndBottom' },
    { key: 'low', name: '低限', color: '#ef6c00', label: 'insideStartTop' },
    { key: 'low_low', name: '低低限', color: '#c62828', label: 'insideStartBottom' },
  ]
  return all
    .filter((t) => typeof th[t.key] === 'number' && Number.isFinite(th[t.key]))
    .map((t) => ({ ...t, value: th[t.key] as number }))
}

// ---- the curve -----------------------------------------------------------------------------------

/** Shanghai is UTC+8 all year: the chart draws shifted instants in UTC, so its ticks fall on Shanghai hours. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000

export interface SeriesRange {
  key: string
  label: string
  ms: number
}

export const SERIES_RANGES: SeriesRange[] = [
  { key: '1h', label: '最近1小时', ms: 3_600_000 },
  { key: '24h', label: '最近24小时', ms: 86_400_000 },
  { key: '7d', label: '最近7天', ms: 7 * 86_400_000 },
  { key: '30d', label: '最近30天', ms: 30 * 86_400_000 },
  { key: '1y', label: '最近1年', ms: 365 * 86_400_000 },
]
export const DEFAULT_SERIES_RANGE = '24h'

/** The instants of a preset range ending now, RFC 3339 UTC. */
export function presetRange(key: string, now: Date = new Date()): { from: string; to: string } {
  const r = SERIES_RANGES.find((x) => x.key === key) ?? SERIES_RANGES[1]
  return { from: new Date(now.getTime() - r.ms).toISOString(), to: now.toISOString() }
}

/**
 * A Date whose wall clock in the browser's own zone is the Shanghai wall clock of `instant`: what
 * a date picker (which shows local time) must be given to show Shanghai time.
 */
export function shanghaiWallDate(instant: Date): Date {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS)
  // The UTC fields of `shifted` are Shanghai's; build the local Date with those fields.
  return new Date(
    shifted.getUTCFullYear(),
    shifted.getUTCMonth(),
    shifted.getUTCDate(),
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
    shifted.getUTCSeconds(),
  )
}

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"

/** The y range of a curve with its thresholds in view (a little room above and below). */
export function seriesExtent(series: Pick<Series, 'items' | 'thresholds'>, bandShown: boolean): { min: number; max: number } | null {
  const values: number[] = []
  for (const i of series.items) {
    if (bandShown) values.push(i.min, i.max)
    values.push(i.avg)
  }
  for (const t of thresholdLines(series.thresholds)) values.push(t.value)
  const finite = values.filter((v) => Number.isFinite(v))
  if (!finite.length) return null
  const lo = Math.min(...finite)
  const hi = Math.max(...finite)
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1
  // Out to a round step (about five steps in view), so the axis ends on readable numbers.
  const raw = (hi - lo + 2 * pad) / 5
  const mag = 10 ** Math.floor(Math.log10(raw))
  const norm = raw / mag
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag
  const clean = (v: number) => Number(v.toPrecision(12))
  let min = clean(Math.floor((lo - pad) / step) * step)
  const max = clean(Math.ceil((hi + pad) / step) * step)
  // Readings that cannot be negative (all of them here but temperatures) keep the axis at 0 or above.
  if (min < 0 && lo >= 0) min = 0
  return { min, max }
}

/** A time of the chart (shifted to Shanghai, see SHANGHAI_OFFSET_MS) as "2026-11-29 18:05". */
function shiftedTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/**
 * The ECharts option of a point's curve: the average as a line, the min–max of each step as a
 * band when the server rolled readings up (grain other than raw), the thresholds as dashed lines.
 * Times are shifted to Shanghai and drawn in UTC (`useUTC`), whatever the browser's zone.
 */
export function seriesChartOption(series: Series, name = '数值'): Record<string, unknown> {
  const band = series.grain !== 'raw'
  const unit = series.unit || ''
  const at = (t: number) => t + SHANGHAI_OFFSET_MS
  const lines = thresholdLines(series.thresholds)
  const extent = seriesExtent(series, band)
  const avg = series.items.map((i) => [at(i.t), i.avg])
  const out: Record<string, unknown>[] = []
  if (band) {
    out.push({
      name: '最小值',
      type: 'line',
      data: series.items.map((i) => [at(i.t), i.min]),
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      silent: true,
      tooltip: { show: false },
    })
    out.push({
      name: '最小–最大',
      type: 'line',
      data: series.items.map((i) => [at(i.t), i.max - i.min]),
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color: 'rgba(29, 111, 216, 0.16)' },
      silent: true,
      tooltip: { show: false },
    })
  }
  out.push({
    name,
    type: 'line',
    data: avg,
    showSymbol: series.items.length <= 60,
    symbolSize: 4,
    itemStyle: { color: '#1d6fd8' },
    lineStyle: { color: '#1d6fd8', width: 1.8 },
    markLine: lines.length
      ? {
          silent: true,
          symbol: 'none',
          label: { formatter: '{b}', color: '#606266', fontSize: 11 },
          data: lines.map((l) => ({
            name: `${l.name} ${formatValue(l.value)}`,
            yAxis: l.value,
            lineStyle: { color: l.color, type: 'dashed', width: 1.2 },
            label: { position: l.label, color: l.color },
          })),
        }
      : undefined,
  })
  const byTime = new Map(series.items.map((i) => [at(i.t), i]))
  return {
    useUTC: true,
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      confine: true,
      formatter: (params: { value: [number, number]; seriesName: string }[] | { value: [number, number] }) => {
        const list = Array.isArray(params) ? params : [params]
        const p = list.find((x) => (x as { seriesName?: string }).seriesName === name) ?? list[0]
        if (!p) return ''
        const t = p.value[0]
        const item = byTime.get(t)
        const head = shiftedTime(t)
        if (!item) return `${head}\n${formatReading(p.value[1], unit)}`
        if (!band) return `${head}\n${name}：${formatReading(item.avg, unit)}`
        return `${head}\n平均：${formatReading(item.avg, unit)}\n最小：${formatReading(item.min, unit)}\n最大：${formatReading(item.max, unit)}\n读数：${item.n} 条`
      },
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: '#dcdfe6' } },
      axisLabel: { color: '#606266', hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: unit,
      scale: true,
      min: extent?.min,
      max: extent?.max,
      nameTextStyle: { color: '#909399' },
      splitLine: { lineStyle: { color: '#ebeef5' } },
      axisLabel: { color: '#606266' },
    },
    series: out,
  }
}

// ---- readings ------------------------------------------------------------------------------------

export interface ReportOutcome {
  type: 'success' | 'warning' | 'error'
  title: string
  /** One line per refused reading. */
  lines: string[]
}

/**
 * What an upload of readings came to, in words (已保存 / 重复 / the reasons of the refused ones).
 * `single`: the form's one reading; `batch`: a JSON list (`index` counts from 0); `sheet`: an
 * imported file (`index` is the row number of the sheet).
 */
export function reportOutcome(r: ReadingsResult, mode: 'single' | 'batch' | 'sheet' = 'batch'): ReportOutcome {
  const single = mode === 'single'
  const lines = r.rejected.map((x) => {
    const at = mode === 'sheet' ? `第 ${x.index} 行` : `第 ${x.index + 1} 条`
    const where = single ? '' : `${at}${x.point ? `（${x.point}）` : ''}：`
    return `${where}${x.reason}`
  })
  if (single) {
    if (r.stored > 0) return { type: 'success', title: '已保存', lines }
    if (r.duplicates > 0) return { type: 'warning', title: '重复：该监测点在此时间已有读数，未重复保存', lines }
    return { type: 'error', title: `未保存：${lines[0] ?? '读数被拒绝'}`, lines: [] }
  }
  const parts = [`共 ${r.received} 条`, `已保存 ${r.stored} 条`]
  if (r.duplicates) parts.push(`重复 ${r.duplicates} 条`)
  if (r.rejected.length) parts.push(`被拒绝 ${r.rejected.length} 条`)
  const type = r.rejected.length ? (r.stored ? 'warning' : 'error') : r.duplicates && !r.stored ? 'warning' : 'success'
  return { type, title: parts.join('，'), lines }
}

// ---- the live feed -------------------------------------------------------------------------------

/** The window event the live listener sends on every alarm message (the lists reload). */
export const ALARM_LIVE_EVENT = 'ranjian:monitoring-alarm'

/** The severities that pop up a notification. */
export const TOAST_SEVERITIES: readonly string[] = ['critical', 'major']

/** The notification of a newly raised alarm, or null when it is not one to pop up. */
export function alarmToast(
  event: string,
  a: Pick<Alarm, 'severity' | 'severity_name' | 'condition_name' | 'point_name' | 'enterprise_name' | 'value' | 'unit'>,
): { title: string; message: string } | null {
  if (event !== 'raised' || !TOAST_SEVERITIES.includes(a.severity)) return null
  const value = a.value === null || a.value === undefined ? '' : ` · ${formatReading(a.value, a.unit)}`
  return {
    title: `【${a.severity_name}】${a.condition_name}`,
    message: `${a.point_name} · ${a.enterprise_name}${value}`,
  }
}

/** The wait before reconnection attempt `attempt` (0-based): 1 s, 2 s, 4 s … at most 60 s. */
export function reconnectDelay(attempt: number): number {
  const n = Math.max(0, Math.min(30, Math.floor(attempt)))
  return Math.min(60_000, 1000 * 2 ** n)
}

/** "11-29 18:05" for the short columns (Shanghai). */
export function shortTime(value: string | null | undefined): string {
  const s = formatDateTime(value)
  return s ? s.slice(5, 16) : DASH
}

/** A reading as typed ("0.42", "-3", "1e3", full-width digits too): its number, or null when it is none. */
export function parseReading(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null
  const s = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0E。]/g, '.')
    .replace(/[\uFF0D−]/g, '-')
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** What is wrong with a reading as typed, or null. */
export function readingValueProblem(text: string | null | undefined): string | null {
  if (text === null || text === undefined || !text.trim()) return '请填写读数'
  if (parseReading(text) === null) return '读数应为数字，如 0.42'
  return null
}
