// 监督检查 / 抽查: Chinese names of the codes, progress, results, distances and the form rules of a
// new task — the pure parts the desktop pages and the phone share (and the unit tests read).

import type {
  Answer,
  CheckItem,
  CheckPoint,
  CheckTask,
  DiscrepancyStat,
  GeoFix,
  ItemState,
  NewTask,
  Recurrence,
  TargetKind,
  TaskState,
} from '@/api/supervision'
import type { Option, TagType } from '@/utils/labels'

export const TASK_STATES: Option<TaskState>[] = [
  { value: 'issued', label: '已下达' },
  { value: 'in_progress', label: '进行中' },
  { value: 'done', label: '已完成' },
  { value: 'overdue', label: '已逾期' },
]

export const TASK_STATE_TAGS: Record<TaskState, TagType> = {
  issued: 'info',
  in_progress: 'primary',
  done: 'success',
  overdue: 'danger',
}

export const ITEM_STATES: Option<ItemState>[] = [
  { value: 'pending', label: '待分派' },
  { value: 'assigned', label: '已分派' },
  { value: 'done', label: '已完成' },
]

export const ITEM_STATE_TAGS: Record<ItemState, TagType> = {
  pending: 'warning',
  assigned: 'primary',
  done: 'success',
}

export const RECURRENCES: Option<Recurrence>[] = [
  { value: 'monthly', label: '每月' },
  { value: 'quarterly', label: '每季度' },
  { value: 'yearly', label: '每年' },
]

/** Each checklist point is answered 符合, 不符合 or 不适用. */
export const ANSWERS: Option<Answer>[] = [
  { value: 'ok', label: '符合' },
  { value: 'fail', label: '不符合' },
  { value: 'na', label: '不适用' },
]

export const ANSWER_TAGS: Record<Answer, TagType> = { ok: 'success', fail: 'danger', na: 'info' }

export const answerLabel = (a: string | null | undefined): string => ANSWERS.find((o) => o.value === a)?.label ?? '未填写'

/** What is drawn for a task: 户 (users), 座 (facilities), 家 (enterprises). */
export function targetUnit(kind: TargetKind | string | null | undefined): string {
  switch (kind) {
    case 'gas_user':
      return '户'
    case 'station':
      return '座'
    default:
      return '家'
  }
}

/** Users and facilities are sampled (a number per county is required); enterprises are all checked. */
export const isSampled = (kind: TargetKind | string | null | undefined): boolean => kind === 'gas_user' || kind === 'station'

// ---------------------------------------------------------------------------------------------
// Progress

/** Done as a percentage of all items, one decimal (0 without items). */
export function progressPercent(done: number, total: number): number {
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return 0
  return Math.round(Math.min(1, Math.max(0, done / total)) * 1000) / 10
}

/** "3 / 12（25.0%）"; "无检查项" without items. */
export function progressText(done: number, total: number): string {
  if (!total) return '无检查项'
  return `${done} / ${total}（${progressPercent(done, total).toFixed(1)}%）`
}

/** The colour of a task's progress bar: green when done, red when overdue, else blue. */
export function progressColor(state: TaskState | string): string {
  if (state === 'done') return '#67c23a'
  if (state === 'overdue') return '#f56c6c'
  return '#1d6fd8'
}

/** "2026-12-31", with the period of a recurring task: "2026-11-30（每月 · 2026年11月）". */
export function deadlineText(t: Pick<CheckTask, 'deadline' | 'recurrence_name' | 'period_label'>): string {
  if (!t.recurrence_name) return t.deadline
  const period = [t.recurrence_name, t.period_label].filter(Boolean).join(' · ')
  return `${t.deadline}（${period}）`
}

/** The scope of a task as a line: 全市各县（市、区） for a city task, else its county. */
export function scopeText(t: Pick<CheckTask, 'issuer_level' | 'parent_id' | 'region_name'>): string {
  if (t.issuer_level === 'city' && t.parent_id === null) return `${t.region_name}（分县下达）`
  return t.region_name
}

// ---------------------------------------------------------------------------------------------
// Results

/** How many points failed. */
export function failedCount(item: Pick<CheckItem, 'answers' | 'failed_points'>): number {
  const fromAnswers = Object.values(item.answers ?? {}).filter((a) => a === 'fail').length
  return Math.max(fromAnswers, item.failed_points?.length ?? 0)
}

/** The result column: 合格, 不符合 N 项, or "—" before the result is in. */
export function resultSummary(item: Pick<CheckItem, 'state' | 'answers' | 'failed_points'>): { text: string; type: TagType | '' } {
  if (item.state !== 'done') return { text: '—', type: '' }
  const n = failedCount(item)
  return n === 0 ? { text: '合格', type: 'success' } : { text: `不符合 ${n} 项`, type: 'danger' }
}

/** The result compared with the enterprise's own records: 不符 (red), 一致, 无记录 / 不对比. */
export function discrepancyLabel(
  item: Pick<CheckItem, 'state' | 'discrepancy' | 'target_kind'>,
): { text: string; type: TagType | '' } {
  if (item.state !== 'done') return { text: '—', type: '' }
  if (item.discrepancy === true) return { text: '不符', type: 'danger' }
  if (item.discrepancy === false) return { text: '一致', type: 'success' }
  if (item.target_kind === 'enterprise') return { text: '不对比', type: 'info' }
  return { text: '无记录', type: 'info' }
}

// ---------------------------------------------------------------------------------------------
// Places and distances

/** A distance as people read it: "22 米", "1.3 公里"; "" without one. */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m) || m < 0) return ''
  if (m < 1000) return `${Math.round(m)} 米`
  return `${(Math.round(m / 100) / 10).toFixed(1)} 公里`
}

/** "距检查对象 22 米"; "" without a distance. */
export function distanceText(m: number | null | undefined): string {
  const d = formatDistance(m)
  return d ? `距检查对象 ${d}` : ''
}

/** Farther than this from the checked place is worth a look (a community can be a few hundred metres wide). */
export const FAR_DISTANCE_M = 500

/** The tag of a doubtful location: outside the city (red) or an implausible accuracy (orange). */
export function locationFlagTag(
  item: Pick<CheckItem, 'location_flag' | 'location_flag_name'>,
): { text: string; type: TagType } | null {
  switch (item.location_flag) {
    case 'outside':
      return { text: item.location_flag_name || '位置不在上饶市范围内', type: 'danger' }
    case 'inaccurate':
      return { text: item.location_flag_name || '定位精度异常', type: 'warning' }
    default:
      return null
  }
}

/** The location column of an item: the distance, "未定位" or "—" before the result is in. */
export function locationText(item: Pick<CheckItem, 'state' | 'lng' | 'lat' | 'distance_m'>): string {
  if (item.state !== 'done') return '—'
  if (item.lng === null || item.lat === null) return '未定位'
  return distanceText(item.distance_m) || '已定位（检查对象无坐标）'
}

const EARTH_RADIUS_M = 6_371_008.8

/** The great-circle distance between two [lng, lat] points, metres (as the server computes it). */
export function haversineMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A fix from the browser's geolocation. */
export function fixOf(pos: { coords: { longitude: number; latitude: number; accuracy: number }; timestamp: number }): GeoFix {
  return {
    lng: Math.round(pos.coords.longitude * 1e7) / 1e7,
    lat: Math.round(pos.coords.latitude * 1e7) / 1e7,
    accuracy_m: Number.isFinite(pos.coords.accuracy) ? Math.round(pos.coords.accuracy * 10) / 10 : null,
    at: new Date(pos.timestamp || Date.now()).toISOString(),
  }
}

/** At most one trail point every this many milliseconds. */
export const TRAIL_INTERVAL_MS = 10_000
/** The server keeps at most this many. */
export const TRAIL_MAX = 5_000

/** Whether a new fix goes into the trail: the first, or at least `interval` after the last kept. */
export function shouldSample(trail: readonly GeoFix[], fix: GeoFix, interval = TRAIL_INTERVAL_MS): boolean {
  if (trail.length >= TRAIL_MAX) return false
  const last = trail[trail.length - 1]
  if (!last) return true
  const t0 = Date.parse(last.at ?? '')
  const t1 = Date.parse(fix.at ?? '')
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return true
  return t1 - t0 >= interval
}

/** "117.943211, 28.454120（精度 ±12 米）" */
export function fixText(fix: Pick<GeoFix, 'lng' | 'lat' | 'accuracy_m'>): string {
  const acc = fix.accuracy_m !== null && fix.accuracy_m !== undefined && Number.isFinite(fix.accuracy_m)
    ? `（精度 ±${Math.round(fix.accuracy_m)} 米）`
    : '（精度未知）'
  return `${fix.lng.toFixed(6)}, ${fix.lat.toFixed(6)}${acc}`
}

// ---------------------------------------------------------------------------------------------
// The checklist on the phone

/** The points not answered yet. */
export function unanswered(points: readonly CheckPoint[], answers: Partial<Record<string, Answer>>): CheckPoint[] {
  return points.filter((p) => !answers[p.code])
}

/** "已填 3/8" */
export const answeredText = (points: readonly CheckPoint[], answers: Partial<Record<string, Answer>>): string =>
  `已填 ${points.length - unanswered(points, answers).length}/${points.length}`

/** The answers with every point not answered yet set to `answer` (其余全部符合). */
export function fillRemaining(
  points: readonly CheckPoint[],
  answers: Partial<Record<string, Answer>>,
  answer: Answer = 'ok',
): Record<string, Answer> {
  const out: Record<string, Answer> = {}
  for (const p of points) out[p.code] = answers[p.code] ?? answer
  return out
}

/** The rows of a result for the drawer: each point with its answer. */
export function answerRows(points: readonly CheckPoint[], answers: Partial<Record<string, Answer>>) {
  return points.map((p, i) => ({
    no: i + 1,
    code: p.code,
    text: p.text,
    answer: (answers[p.code] ?? null) as Answer | null,
    label: answerLabel(answers[p.code]),
  }))
}

/**
 * An id for one upload (the server keeps a result sent twice with the same id once).
 * crypto.randomUUID needs a secure context; a phone on plain HTTP in the LAN has only getRandomValues.
 */
export function newUuid(c: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = globalThis.crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID()
  const b = c.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

// ---------------------------------------------------------------------------------------------
// Issuing a task

export interface IssueForm {
  title: string
  template: string
  /** County codes (a city task). */
  counties: string[]
  /** For users and facilities: how many per county. */
  sample_size: number | null
  /** 指定日期 or 按周期. */
  deadline_mode: 'date' | 'recurrence'
  deadline: string
  recurrence: Recurrence | ''
}

/** The fields of the form the server's errors name. */
export const ISSUE_FIELDS = ['title', 'template', 'counties', 'sample_size', 'deadline', 'recurrence', 'enterprise_ids'] as const

const pad = (n: number) => String(n).padStart(2, '0')

/** The last day of the period (month, quarter, year) holding `day` ("YYYY-MM-DD"), as the server sets it. */
export function periodEnd(recurrence: Recurrence, day: string): string {
  const [y, m] = day.split('-').map(Number)
  let endMonth: number
  switch (recurrence) {
    case 'monthly':
      endMonth = m
      break
    case 'quarterly':
      endMonth = Math.ceil(m / 3) * 3
      break
    default:
      endMonth = 12
  }
  const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate()
  return `${y}-${pad(endMonth)}-${pad(last)}`
}

/** The errors the server would give, before asking it: field → reason. */
export function validateIssue(
  f: IssueForm,
  opts: { targetKind: TargetKind | null; city: boolean; today: string },
): Record<string, string> {
  const e: Record<string, string> = {}
  const title = f.title.trim()
  if (!title) e.title = '请填写任务名称'
  else if ([...title].length > 100) e.title = '任务名称不能超过100个字'
  if (!f.template || !opts.targetKind) e.template = '请选择检查表'
  if (opts.city && f.counties.length === 0) e.counties = '请选择至少一个县（市、区）'
  if (opts.targetKind && isSampled(opts.targetKind)) {
    const n = f.sample_size
    if (n === null || n === undefined || !Number.isFinite(n)) e.sample_size = '请填写每个县的抽查数量'
    else if (!Number.isInteger(n) || n < 1 || n > 500) e.sample_size = '抽查数量应在1至500之间'
  }
  if (f.deadline_mode === 'date') {
    if (!f.deadline) e.deadline = '请选择完成期限'
    else if (f.deadline < opts.today) e.deadline = '完成期限不能早于今天'
  } else if (!f.recurrence) {
    e.recurrence = '请选择检查周期'
  }
  return e
}

/** The request of the form. */
export function issueBody(f: IssueForm, opts: { targetKind: TargetKind | null; city: boolean }): NewTask {
  const body: NewTask = { title: f.title.trim(), template: f.template }
  if (opts.city) body.counties = [...f.counties]
  if (f.sample_size !== null && f.sample_size !== undefined && opts.targetKind && isSampled(opts.targetKind)) {
    body.sample_size = f.sample_size
  }
  if (f.deadline_mode === 'date') body.deadline = f.deadline
  else if (f.recurrence) body.recurrence = f.recurrence
  return body
}

// ---------------------------------------------------------------------------------------------
// 差异对比

export const DISCREPANCY_CHART_MAX = 20

/** The groups worth a bar (something compared), highest rate first, at most `max`. */
export function discrepancyChartItems(items: readonly DiscrepancyStat[], max = DISCREPANCY_CHART_MAX): DiscrepancyStat[] {
  return items
    .filter((i) => i.compared > 0)
    .slice()
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.discrepancies - a.discrepancies)
    .slice(0, max)
}

/** The colour of a discrepancy rate: none green, up to 10% orange, above red. */
export function discrepancyColor(rate: number | null | undefined): string {
  if (!rate) return '#67c23a'
  if (rate <= 0.1) return '#e6a23c'
  return '#f56c6c'
}

// ---------------------------------------------------------------------------------------------
// The small map of a check: the checked place, where the inspector was (with the fix's accuracy),
// the line between them and the trail walked while the check was open.

type Position = [number, number]

const validPosition = (lng: number | null | undefined, lat: number | null | undefined): lng is number =>
  typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat)

const collection = (features: unknown[]) => ({ type: 'FeatureCollection' as const, features })
const pointFeature = (p: Position, properties: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  properties,
  geometry: { type: 'Point' as const, coordinates: p },
})
const lineFeature = (c: Position[], properties: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  properties,
  geometry: { type: 'LineString' as const, coordinates: c },
})

/** Accuracy circles larger than this are drawn but not fitted to (they would hide the rest). */
const FIT_ACCURACY_MAX_M = 500

export function checkMapData(
  item: Pick<CheckItem, 'target_lng' | 'target_lat' | 'lng' | 'lat' | 'accuracy_m' | 'trail' | 'target_label'>,
  circle: (centre: Position, metres: number) => { type: 'Polygon'; coordinates: Position[][] } | null,
) {
  const target: Position | null = validPosition(item.target_lng, item.target_lat) ? [item.target_lng, item.target_lat as number] : null
  const fix: Position | null = validPosition(item.lng, item.lat) ? [item.lng, item.lat as number] : null
  const trail: Position[] = (item.trail ?? [])
    .filter((f) => validPosition(f?.lng, f?.lat))
    .map((f) => [f.lng, f.lat] as Position)
  const acc = item.accuracy_m ?? 0
  const accuracy = fix && acc > 0 && Number.isFinite(acc) ? circle(fix, acc) : null
  const fitPoints: Position[] = [...(target ? [target] : []), ...(fix ? [fix] : []), ...trail]
  if (accuracy && acc <= FIT_ACCURACY_MAX_M) fitPoints.push(...accuracy.coordinates[0])
  let bbox: [number, number, number, number] | null = null
  for (const [x, y] of fitPoints) {
    bbox = bbox ? [Math.min(bbox[0], x), Math.min(bbox[1], y), Math.max(bbox[2], x), Math.max(bbox[3], y)] : [x, y, x, y]
  }
  // At least about 150 m across, so one point does not fill the map at the deepest zoom.
  if (bbox) {
    const pad = 0.0008
    if (bbox[2] - bbox[0] < pad * 2) {
      const cx = (bbox[0] + bbox[2]) / 2
      bbox = [cx - pad, bbox[1], cx + pad, bbox[3]]
    }
    if (bbox[3] - bbox[1] < pad * 2) {
      const cy = (bbox[1] + bbox[3]) / 2
      bbox = [bbox[0], cy - pad, bbox[2], cy + pad]
    }
  }
  return {
    target: collection(target ? [pointFeature(target, { label: item.target_label })] : []),
    fix: collection(fix ? [pointFeature(fix)] : []),
    accuracy: collection(accuracy ? [{ type: 'Feature', properties: {}, geometry: accuracy }] : []),
    link: collection(target && fix ? [lineFeature([fix, target])] : []),
    trail: collection(trail.length >= 2 ? [lineFeature(trail)] : []),
    trailPoints: collection(trail.map((p, i) => pointFeature(p, { n: i + 1 }))),
    bbox,
    hasTarget: !!target,
    hasFix: !!fix,
  }
}
