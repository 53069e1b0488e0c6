// 服务监督 (article 6): complaints, reports, service requests and suggestions (cases) — the types
// and calls of /api/v1/complaints for the logged-in pages (views/complaints). The public form and
// tracking page have their own calls (api/publicCases.ts).

import { http } from '@/api'
import type { Query } from '@/api/http'
import type { ImportResult, ListParams, Page } from '@/api/types'

export type CaseType = 'complaint' | 'report' | 'service_request' | 'suggestion'
export type CaseChannel = 'web' | 'phone' | 'hotline' | 'enterprise'
export type GasCategory = 'pipeline_gas' | 'lpg' | 'vehicle_gas' | 'other'
export type CaseState =
  | 'received'
  | 'accepted'
  | 'transferred'
  | 'handling'
  | 'returned'
  | 'answered'
  | 'fed_back'
  | 'rated'
  | 'closed'
export type CaseAction =
  | 'accept'
  | 'decline'
  | 'transfer'
  | 'handle'
  | 'return'
  | 'answer'
  | 'follow_up'
  | 'rate'
  | 'close'
  | 'reopen'
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied'
/** accept 受理 | sign 签收 | handle 办理 | follow_up 回访 */
export type CaseStageCode = 'accept' | 'sign' | 'handle' | 'follow_up'
export type HolderLevel = 'city' | 'county' | 'enterprise'

export interface CasePhoto {
  id: number
  file_name: string
  content_type: string
  size: number
  uploaded_by: string
  uploaded_at: string
}

/** One step of a case's history. */
export interface CaseEvent {
  id: number
  /** A workflow action, or receive | warning | supervise. */
  action: string
  action_name: string
  from_state: string | null
  to_state: string
  to_state_name: string
  note: string | null
  actor: string
  actor_org: string | null
  /** Transfer and return: where it went. */
  to_org_name: string | null
  at: string
  photos: CasePhoto[]
}

/** One stage of a case with its deadline (时限, in working days). */
export interface CaseStage {
  stage: CaseStageCode | string
  stage_name: string
  org_name: string
  started_at: string
  /** YYYY-MM-DD */
  deadline: string
  ended_at: string | null
  open: boolean
  /** Ended late, or open past its deadline. */
  late: boolean
  /** Overdue supervision (督办) was raised. */
  supervised: boolean
}

export interface Case {
  id: number
  tracking_no: string
  channel: CaseChannel
  channel_name: string
  case_type: CaseType
  case_type_name: string
  gas_category: GasCategory
  gas_category_name: string
  region_code: string
  region_name: string
  township: string | null
  named_enterprise_id: number | null
  named_enterprise_name: string | null
  enterprise_id: number | null
  enterprise_name: string | null
  place: string
  lng: number | null
  lat: number | null
  user_account: string | null
  description: string
  anonymous: boolean
  /** In full for the case's handlers (contact_visible), masked for others, null when anonymous. */
  contact_name: string | null
  contact_phone: string | null
  contact_visible: boolean
  /** The hotline's work-order number or the enterprise's own number. */
  external_no: string | null
  origin_org_name: string
  holder_org_id: number
  holder_org_name: string
  holder_level: HolderLevel
  handler_org_name: string | null
  state: CaseState
  state_name: string
  reopened: boolean
  answer: string | null
  satisfaction: Satisfaction | null
  satisfaction_name: string | null
  rating_comment: string | null
  /** The nearest deadline of an open stage, YYYY-MM-DD. */
  deadline: string | null
  overdue: boolean
  received_at: string
  accepted_at: string | null
  answered_at: string | null
  closed_at: string | null
  /** What the caller may do now. */
  allowed: string[]
  /** Detail only: the steps, oldest first. */
  history?: CaseEvent[]
  stages?: CaseStage[]
  /** Photos uploaded that join the caller's next step. */
  pending_photos?: CasePhoto[]
  updated_at: string
}

export interface CaseFilter {
  q?: string
  case_type?: CaseType | ''
  channel?: CaseChannel | ''
  gas_category?: GasCategory | ''
  /** A state, or `open` (every state but closed). */
  state?: CaseState | 'open' | ''
  region_code?: string
  enterprise_id?: number
  overdue?: boolean
  /** What the caller's organisation must act on now. */
  todo?: boolean
  /** Received on or after (YYYY-MM-DD). */
  from?: string
  to?: string
}

/** A call registered by a clerk of an authority (来电登记). */
export interface CaseInput {
  case_type: CaseType | ''
  gas_category: GasCategory | ''
  region_code: string
  township?: string
  enterprise_id?: number
  place: string
  user_account?: string
  description: string
  contact_name?: string
  contact_phone?: string
  anonymous: boolean
}

export interface CaseStep {
  action: CaseAction
  note?: string
  to_org_id?: number
  satisfaction?: Satisfaction
}

/** An organisation a case may be handed to. */
export interface OrgOption {
  id: number
  name: string
  region_code: string
}

export type CaseStatsGroup = 'case_type' | 'gas_category' | 'region' | 'enterprise' | 'channel'

export interface CaseStatsQuery {
  group: CaseStatsGroup
  region_code?: string
  enterprise_id?: number
  case_type?: CaseType | ''
  from?: string
  to?: string
}

export interface CaseStat {
  key: string
  name: string
  total: number
  closed: number
  open: number
  overdue: number
  enterprise_received: number
  on_time_rate: number
  /** The stages behind on_time_rate (0: no rate — only enterprise-received or not yet due). */
  timed_stages: number
  rated: number
  satisfaction_rate: number
}

export interface StageStat {
  stage: string
  name: string
  on_time: number
  late: number
  rate: number
}

export interface SatisfactionStat {
  satisfied: number
  basically_satisfied: number
  dissatisfied: number
  rate: number
}

export interface MonthStat {
  /** YYYY-MM */
  month: string
  total: number
  complaint: number
  report: number
  service_request: number
  suggestion: number
  closed: number
}

export interface RepeatPlace {
  place: string
  region_name: string
  count: number
  last_received_at: string | null
  last_case_id: number
}

export interface CaseStats {
  items: CaseStat[]
  summary: CaseStat
  stages: StageStat[]
  satisfaction: SatisfactionStat
  months: MonthStat[]
  repeats: RepeatPlace[]
}

const BASE = '/complaints'

function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.upload<T>(path, form)
}

/** The import record types of cases: 12345热线工单 (authorities) and 企业直接受理 (enterprises). */
export type CaseImportType = 'hotline-orders' | 'enterprise-cases'

/** The template and the sheet import of one record type (for ImportDialog). */
export function caseImport(type: CaseImportType) {
  return {
    template: () => http.file(`${BASE}/${type}/template`),
    upload: (file: File) => uploadFile<ImportResult>(`${BASE}/${type}/import`, file),
  }
}

export const complaintsApi = {
  cases: (filter: CaseFilter, params: ListParams) => http.get<Page<Case>>(`${BASE}/cases`, { ...filter, ...params }),
  /** The rows of the list with its filters as an Excel file. */
  exportCases: (filter: Query) => http.file(`${BASE}/cases`, { query: { ...filter, format: 'xlsx' } }),
  case: (id: number) => http.get<Case>(`${BASE}/cases/${id}`),
  register: (body: CaseInput) => http.post<Case>(`${BASE}/cases`, body),
  step: (id: number, step: CaseStep) => http.post<Case>(`${BASE}/cases/${id}/transitions`, step),
  transferTargets: (id: number) => http.get<OrgOption[]>(`${BASE}/cases/${id}/transfer-targets`),
  uploadPhoto: (id: number, file: File) => uploadFile<Case>(`${BASE}/cases/${id}/photos`, file),
  photo: (id: number, pid: number) => http.file(`${BASE}/cases/${id}/photos/${pid}`),
  stats: (query: CaseStatsQuery) => http.get<CaseStats>(`${BASE}/cases/stats`, { ...query }),
  exportStats: (query: Query) => http.file(`${BASE}/cases/stats`, { query: { ...query, format: 'xlsx' } }),
}
