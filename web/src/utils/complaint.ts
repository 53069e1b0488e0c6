// Cases of service supervision (投诉举报 / 服务申请 / 意见建议) as people read them: the names of
// the codes (as the server's domain crate has them), the colours of states and steps, the form of
// each workflow step, deadlines (超时 / 临期), the contact shown, the statistics' chart data and
// the links of notifications.

import type {
  Case,
  CaseAction,
  CaseChannel,
  CaseStage,
  CaseStat,
  CaseState,
  CaseStatsGroup,
  CaseType,
  GasCategory,
  MonthStat,
  Satisfaction,
  SatisfactionStat,
} from '@/api/complaints'
import { DASH } from './format'
import { formatDate, todayInShanghai } from './datetime'
import type { Option, TagType } from './labels'

export const CASE_TYPES: Option<CaseType>[] = [
  { value: 'complaint', label: '投诉' },
  { value: 'report', label: '举报' },
  { value: 'service_request', label: '服务申请' },
  { value: 'suggestion', label: '意见建议' },
]

export const CASE_CHANNELS: Option<CaseChannel>[] = [
  { value: 'web', label: '网上投诉' },
  { value: 'phone', label: '来电登记' },
  { value: 'hotline', label: '12345热线' },
  { value: 'enterprise', label: '企业直接受理' },
]

export const GAS_CATEGORIES: Option<GasCategory>[] = [
  { value: 'pipeline_gas', label: '管道燃气' },
  { value: 'lpg', label: '瓶装液化石油气' },
  { value: 'vehicle_gas', label: '车用燃气' },
  { value: 'other', label: '其他' },
]

/** The states in the order a case passes them. */
export const CASE_STATES: Option<CaseState>[] = [
  { value: 'received', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'transferred', label: '已转办' },
  { value: 'handling', label: '办理中' },
  { value: 'returned', label: '已退回' },
  { value: 'answered', label: '已答复' },
  { value: 'fed_back', label: '已反馈' },
  { value: 'rated', label: '已评价' },
  { value: 'closed', label: '已办结' },
]

export const SATISFACTIONS: Option<Satisfaction>[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
]

export const CASE_ACTION_NAMES: Record<CaseAction, string> = {
  accept: '受理',
  decline: '不予受理',
  transfer: '转办',
  handle: '签收办理',
  return: '退回',
  answer: '答复',
  follow_up: '回访反馈',
  rate: '满意度评价',
  close: '办结',
  reopen: '重新办理',
}

/** 待受理 orange, 已退回 red, 已办结 green, the rest (under way) blue. */
const STATE_TAGS: Record<CaseState, TagType> = {
  received: 'warning',
  accepted: 'primary',
  transferred: 'primary',
  handling: 'primary',
  returned: 'danger',
  answered: 'primary',
  fed_back: 'primary',
  rated: 'primary',
  closed: 'success',
}

export function caseStateTag(state: string | null | undefined): TagType {
  return (state && STATE_TAGS[state as CaseState]) || 'info'
}

const TYPE_TAGS: Record<CaseType, TagType> = {
  complaint: 'warning',
  report: 'danger',
  service_request: 'primary',
  suggestion: 'info',
}

export function caseTypeTag(type: string | null | undefined): TagType {
  return (type && TYPE_TAGS[type as CaseType]) || 'info'
}

/** Satisfied green, basically satisfied blue, dissatisfied red. */
export function satisfactionTag(s: string | null | undefined): TagType {
  return s === 'satisfied' ? 'success' : s === 'basically_satisfied' ? 'primary' : s === 'dissatisfied' ? 'danger' : 'info'
}

/** The colour of a step in the history: closed green; declined, returned, overdue red; warnings orange. */
export function caseEventTag(action: string): TagType {
  switch (action) {
    case 'close':
    case 'rate':
      return 'success'
    case 'decline':
    case 'return':
    case 'supervise':
    case 'overdue':
      return 'danger'
    case 'warning':
    case 'reopen':
      return 'warning'
    default:
      return 'primary'
  }
}

/** The order of the step buttons (the server sends the allowed ones in any order). */
const ACTION_ORDER: CaseAction[] = [
  'accept',
  'handle',
  'transfer',
  'answer',
  'follow_up',
  'rate',
  'close',
  'reopen',
  'return',
  'decline',
]

/** The allowed steps the UI knows, in button order (unknown codes are left out). */
export function orderedCaseActions(allowed: readonly string[] | null | undefined): CaseAction[] {
  const set = new Set(allowed ?? [])
  return ACTION_ORDER.filter((a) => set.has(a))
}

/** The button of a step: its colour and whether it is outlined (the refusals). */
export function caseActionButton(action: CaseAction): { type: 'primary' | 'success' | 'warning' | 'danger'; plain: boolean } {
  switch (action) {
    case 'close':
      return { type: 'success', plain: false }
    case 'decline':
    case 'return':
      return { type: 'danger', plain: true }
    case 'reopen':
      return { type: 'warning', plain: false }
    default:
      return { type: 'primary', plain: false }
  }
}

/** The form of a step: what it asks for and says. */
export interface CaseStepForm {
  title: string
  hint: string
  /** The note's label. */
  noteLabel: string
  noteRequired: boolean
  placeholder: string
  confirm: string
  /** Transfer: choose the organisation. */
  needsOrg: boolean
  /** Rate: choose the satisfaction. */
  needsSatisfaction: boolean
  /** Answer: evidence photos may go with it. */
  photos: boolean
}

const STEP_FORMS: Record<CaseAction, Omit<CaseStepForm, 'confirm' | 'title' | 'needsOrg' | 'needsSatisfaction' | 'photos'>> = {
  accept: {
    hint: '确认受理后，案件进入办理流程，可由本单位签收办理或逐级转办。',
    noteLabel: '受理意见（选填）',
    noteRequired: false,
    placeholder: '如：属于燃气主管部门职责范围，予以受理',
  },
  decline: {
    hint: '不属于燃气主管部门职责范围或信息不全无法核实的，不予受理，案件随即办结。请写明理由：',
    noteLabel: '不予受理理由',
    noteRequired: true,
    placeholder: '如：反映事项属物业管理范畴，已告知诉求人向属地街道反映',
  },
  transfer: {
    hint: '逐级转办：市级转办至县级燃气主管部门，县级转办至本辖区燃气经营企业。',
    noteLabel: '转办意见（选填）',
    noteRequired: false,
    placeholder: '如：请于时限内核实处理并答复',
  },
  handle: {
    hint: '签收后由本单位办理，办理完成后填写办理结果进行答复。',
    noteLabel: '签收意见（选填）',
    noteRequired: false,
    placeholder: '如：已安排维修人员上门核查',
  },
  return: {
    hint: '不属于本单位办理范围的，退回上一级承办单位。请写明退回理由：',
    noteLabel: '退回理由',
    noteRequired: true,
    placeholder: '如：该地址不在本企业供气区域内',
  },
  answer: {
    hint: '办理完成后填写办理结果，可上传现场照片作为办理佐证。',
    noteLabel: '办理结果',
    noteRequired: true,
    placeholder: '如：经现场核查，已更换损坏的燃气表并恢复供气，用户确认正常使用',
  },
  follow_up: {
    hint: '受理单位将办理结果告知诉求人后，记录反馈情况：',
    noteLabel: '反馈情况',
    noteRequired: true,
    placeholder: '如：已电话告知诉求人办理结果，诉求人表示认可',
  },
  rate: {
    hint: '记录诉求人对办理结果的满意度评价（电话回访时由诉求人作出）：',
    noteLabel: '评价意见（选填）',
    noteRequired: false,
    placeholder: '如：维修及时，态度良好',
  },
  close: {
    hint: '确认办理完毕后办结，办结后案件不能再办理。',
    noteLabel: '办结意见（选填）',
    noteRequired: false,
    placeholder: '如：诉求已解决，予以办结',
  },
  reopen: {
    hint: '诉求人对办理结果不满意的，可重新办理一次。请写明重新办理的要求：',
    noteLabel: '重新办理要求',
    noteRequired: true,
    placeholder: '如：诉求人反映问题仍未解决，请重新核查处理',
  },
}

/**
 * The form of `action` on a case in `state`: 办结 of a case fed back but not rated needs the
 * reason it was not rated (未评价原因).
 */
export function caseStepForm(action: CaseAction, state?: string | null): CaseStepForm {
  const base = STEP_FORMS[action]
  const name = CASE_ACTION_NAMES[action]
  const form: CaseStepForm = {
    ...base,
    title: name,
    confirm: action === 'rate' ? '提交评价' : `确认${name}`,
    needsOrg: action === 'transfer',
    needsSatisfaction: action === 'rate',
    photos: action === 'answer',
  }
  if (action === 'close' && state === 'fed_back') {
    return {
      ...form,
      hint: '诉求人未作满意度评价（如多次联系不上）即办结的，须写明未评价原因：',
      noteLabel: '未评价原因',
      noteRequired: true,
      placeholder: '如：回访电话三次无人接听，按规定予以办结',
    }
  }
  return form
}

/** Why a step's form cannot be sent yet, or null. */
export function caseStepProblem(
  form: CaseStepForm,
  input: { note: string; toOrgId?: number | null; satisfaction?: string | null },
): string | null {
  if (form.needsOrg && !input.toOrgId) return '请选择承办单位'
  if (form.needsSatisfaction && !input.satisfaction) return '请选择满意度'
  if (form.noteRequired && !input.note.trim()) return `请填写${form.noteLabel}`
  return null
}

/** How near a deadline is: past it (超时), today or tomorrow (临期), or neither. */
export type DeadlineStatus = 'overdue' | 'due_soon' | 'normal' | 'none'

export function deadlineStatus(
  c: Pick<Case, 'deadline' | 'overdue' | 'state'>,
  now: Date = new Date(),
): DeadlineStatus {
  if (c.overdue) return 'overdue'
  if (!c.deadline || c.state === 'closed') return 'none'
  const today = todayInShanghai(now)
  if (c.deadline < today) return 'overdue'
  const tomorrow = formatDate(new Date(now.getTime() + 86_400_000))
  return c.deadline <= tomorrow ? 'due_soon' : 'normal'
}

/** The state of a stage: ended on time or late, under way, due soon, or past its deadline. */
export function stageStatus(s: Pick<CaseStage, 'open' | 'late' | 'deadline'>, now: Date = new Date()): { label: string; tag: TagType } {
  if (s.open) {
    const status = deadlineStatus({ deadline: s.deadline, overdue: s.late, state: 'handling' }, now)
    if (status === 'overdue') return { label: '已超时', tag: 'danger' }
    if (status === 'due_soon') return { label: '临期', tag: 'warning' }
    return { label: '进行中', tag: 'primary' }
  }
  return s.late ? { label: '超时完成', tag: 'warning' } : { label: '按时完成', tag: 'success' }
}

/** The contact of a case as shown: anonymous reports never show a source. */
export function caseContact(c: Pick<Case, 'anonymous' | 'contact_name' | 'contact_phone' | 'contact_visible'>): {
  anonymous: boolean
  name: string
  phone: string
  /** Masked: only the case's handlers see it in full. */
  masked: boolean
} {
  if (c.anonymous || (!c.contact_name && !c.contact_phone)) {
    return { anonymous: c.anonymous, name: DASH, phone: DASH, masked: false }
  }
  return {
    anonymous: false,
    name: c.contact_name || DASH,
    phone: c.contact_phone || DASH,
    masked: !c.contact_visible,
  }
}

/** The first `max` characters of a text on one line, "…" when cut. */
export function truncate(text: string | null | undefined, max = 40): string {
  const s = (text ?? '').replace(/\s+/g, ' ').trim()
  if (!s) return DASH
  const chars = Array.from(s)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

/** The groupings of the statistics. */
export const CASE_STATS_GROUPS: { value: CaseStatsGroup; label: string; column: string }[] = [
  { value: 'case_type', label: '按类型', column: '诉求类型' },
  { value: 'region', label: '按区县', column: '区县' },
  { value: 'enterprise', label: '按企业', column: '燃气企业' },
  { value: 'gas_category', label: '按燃气类别', column: '燃气类别' },
  { value: 'channel', label: '按渠道', column: '受理渠道' },
]

/** The chart shows at most this many groups. */
export const CASE_CHART_MAX = 20

/** The groups of the bar chart: those with cases, in the server's order, at most `max`. */
export function caseChartItems(items: readonly CaseStat[], max = CASE_CHART_MAX): CaseStat[] {
  return items.filter((i) => i.total > 0).slice(0, Math.max(0, max))
}

/** Closed cases of all: "—" when there are none. */
export function closedRate(s: Pick<CaseStat, 'total' | 'closed'>): number | null {
  return s.total > 0 ? s.closed / s.total : null
}

/**
 * Whether a group's on-time rate means anything: it rests on the stages that have ended or are past
 * their deadline. Cases an enterprise received directly (imported for statistics) have no timed
 * stages, nor do cases whose first stage is not yet due: a group of only those has no rate (the
 * server sends 0 with `timed_stages` 0).
 */
export function hasOnTimeRate(s: Pick<CaseStat, 'timed_stages'>): boolean {
  return s.timed_stages > 0
}

/** The slices of the satisfaction pie (empty ones left out). */
export function satisfactionSlices(s: SatisfactionStat): { name: string; value: number; color: string }[] {
  return [
    { name: '满意', value: s.satisfied, color: '#67c23a' },
    { name: '基本满意', value: s.basically_satisfied, color: '#409eff' },
    { name: '不满意', value: s.dissatisfied, color: '#f56c6c' },
  ].filter((x) => x.value > 0)
}

/** The rated cases of the satisfaction figures. */
export const ratedCount = (s: SatisfactionStat) => s.satisfied + s.basically_satisfied + s.dissatisfied

/** The lines of the monthly trend: one per case type, and the cases closed. */
export function monthSeries(months: readonly MonthStat[]): {
  categories: string[]
  series: { name: string; data: number[]; color: string; dashed?: boolean }[]
} {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month))
  const col = (k: keyof Omit<MonthStat, 'month'>) => sorted.map((m) => m[k])
  return {
    categories: sorted.map((m) => monthLabel(m.month)),
    series: [
      { name: '投诉', data: col('complaint'), color: '#e6a23c' },
      { name: '举报', data: col('report'), color: '#f56c6c' },
      { name: '服务申请', data: col('service_request'), color: '#1d6fd8' },
      { name: '意见建议', data: col('suggestion'), color: '#909399' },
      { name: '办结', data: col('closed'), color: '#67c23a', dashed: true },
    ],
  }
}

/** "2026-03" → "2026年3月". */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  return m ? `${m[1]}年${Number(m[2])}月` : month
}

/**
 * A notification's link when it is a page of this application ("/complaints/cases?id=12"), else
 * null: never another origin, the API or the login page.
 */
export function internalLink(link: string | null | undefined): string | null {
  if (!link) return null
  const s = link.trim()
  if (!s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\')) return null
  if (s.startsWith('/api/') || s === '/login' || s.startsWith('/login?')) return null
  return s
}

/** "3分钟前", "2小时前", "昨天 14:05", or the date — for a notification's time. */
export function relativeTime(at: string, now: Date = new Date()): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at
  const secs = Math.floor((now.getTime() - d.getTime()) / 1000)
  if (secs < 60) return '刚刚'
  if (secs < 3600) return `${Math.floor(secs / 60)}分钟前`
  const day = formatDate(d)
  const today = todayInShanghai(now)
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
  if (day === today) return `今天 ${time}`
  if (day === formatDate(new Date(now.getTime() - 86_400_000))) return `昨天 ${time}`
  return `${day} ${time}`
}
