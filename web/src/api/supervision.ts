// 监督检查 / 抽查 (supervision checks and spot checks): the types and calls of
// /api/v1/safety/supervision. The desktop pages (views/supervision) and the phone (mobile/) share them.

import { http } from '@/api'
import type { ListParams, Page } from '@/api/types'

export type TargetKind = 'gas_user' | 'station' | 'enterprise'
export type TaskState = 'issued' | 'in_progress' | 'done' | 'overdue'
export type ItemState = 'pending' | 'assigned' | 'done'
export type Recurrence = 'monthly' | 'quarterly' | 'yearly'
/** 符合 / 不符合 / 不适用 */
export type Answer = 'ok' | 'fail' | 'na'
export type LocationFlag = 'outside' | 'inaccurate'
export type EnterpriseOutcome = 'passed' | 'hazard_found' | 'normal' | 'abnormal' | 'none'

export interface CheckPoint {
  code: string
  text: string
}

/** A checklist (检查表). */
export interface CheckTemplate {
  key: string
  name: string
  target_kind: TargetKind
  target_kind_name: string
  points: CheckPoint[]
}

/** The progress of a task: its items, or those of all its county parts summed. */
export interface TaskProgress {
  total: number
  pending: number
  assigned: number
  done: number
  /** Items with failed points. */
  with_hazards: number
  /** Results that contradict the enterprise's own records. */
  discrepancies: number
  state: TaskState
  state_name: string
}

export interface CheckTask extends TaskProgress {
  id: number
  code: string
  title: string
  template: string
  template_name: string
  target_kind: TargetKind
  target_kind_name: string
  /** The city task this is a county's part of. */
  parent_id: number | null
  issuer_name: string
  issuer_level: 'city' | 'county'
  region_code: string
  region_name: string
  sample_size: number | null
  /** YYYY-MM-DD */
  deadline: string
  recurrence: Recurrence | null
  recurrence_name: string | null
  period_label: string | null
  created_by: string
  created_at: string
}

export interface GeoFix {
  lng: number
  lat: number
  accuracy_m: number | null
  /** RFC 3339, device clock. */
  at?: string | null
}

export interface CheckPhoto {
  id: number
  file_name: string
  size: number
}

/** A check item: one user, facility or enterprise to check, and its result. */
export interface CheckItem {
  id: number
  task_id: number
  task_code: string
  task_title: string
  deadline: string
  template: string
  region_code: string
  region_name: string
  enterprise_id: number
  enterprise_name: string
  target_kind: TargetKind
  target_kind_name: string
  target_id: number
  target_label: string
  target_lng: number | null
  target_lat: number | null
  state: ItemState
  state_name: string
  assignee_id: number | null
  assignee_name: string | null
  answers: Record<string, Answer>
  failed_points: string[]
  note: string | null
  checked_at: string | null
  lng: number | null
  lat: number | null
  accuracy_m: number | null
  location_flag: LocationFlag | null
  location_flag_name: string | null
  distance_m: number | null
  trail: GeoFix[]
  enterprise_outcome: EnterpriseOutcome | null
  enterprise_record: string | null
  discrepancy: boolean | null
  photos: CheckPhoto[]
  /** Numbers of the hazards this check raised. */
  hazards: string[]
}

export interface TaskDetail extends CheckTask {
  points: CheckPoint[]
  /** A city task's county parts. */
  subtasks: CheckTask[]
  /** A county task's (or county part's) items. */
  items: CheckItem[]
}

export interface TaskFilter {
  q?: string
  state?: TaskState | ''
}

export interface NewTask {
  title: string
  template: string
  counties?: string[]
  enterprise_ids?: number[]
  sample_size?: number
  deadline?: string
  recurrence?: Recurrence
}

/** What the phone uploads for an item. */
export interface ResultInput {
  client_uuid: string
  answers: Record<string, Answer>
  note?: string | null
  checked_at?: string | null
  location?: GeoFix | null
  trail?: GeoFix[]
}

export type DiscrepancyGroup = 'enterprise' | 'region'

export interface DiscrepancyStat {
  key: string
  name: string
  /** Checks done where the enterprise has a record to compare with. */
  compared: number
  discrepancies: number
  rate: number | null
}

export interface DiscrepancyStats {
  items: DiscrepancyStat[]
  summary: DiscrepancyStat
  /** The discrepant checks, newest first (at most 200). */
  checks: CheckItem[]
}

export interface DiscrepancyQuery {
  group?: DiscrepancyGroup
  task_id?: number
  region_code?: string
}

const BASE = '/safety/supervision'

/** The address of an item's photo (read with the session cookie, as an <img> does). */
export const photoUrl = (itemId: number, photoId: number) => `/api/v1${BASE}/items/${itemId}/photos/${photoId}`

/** Someone a county part's items can be given to (an active account of that county's authority). */
export interface Assignee {
  id: number
  username: string
  display_name: string
  role: string
  role_name: string
}

export const supervisionApi = {
  assignees: (taskId: number) => http.get<Assignee[]>(`${BASE}/tasks/${taskId}/assignees`),
  templates: () => http.get<CheckTemplate[]>(`${BASE}/templates`),
  tasks: (filter: TaskFilter, params: ListParams) => http.get<Page<CheckTask>>(`${BASE}/tasks`, { ...filter, ...params }),
  task: (id: number | string) => http.get<TaskDetail>(`${BASE}/tasks/${id}`),
  createTask: (body: NewTask) => http.post<TaskDetail>(`${BASE}/tasks`, body),
  assign: (taskId: number, itemIds: number[], assigneeId: number) =>
    http.post<TaskDetail>(`${BASE}/tasks/${taskId}/assign`, { item_ids: itemIds, assignee_id: assigneeId }),
  myItems: () => http.get<Page<CheckItem>>(`${BASE}/my-items`),
  item: (id: number | string) => http.get<CheckItem>(`${BASE}/items/${id}`),
  recordResult: (id: number, body: ResultInput) => http.post<CheckItem>(`${BASE}/items/${id}/result`, body),
  uploadPhoto: (id: number, file: Blob, name: string) => {
    const form = new FormData()
    form.append('file', file, name)
    return http.upload<CheckItem>(`${BASE}/items/${id}/photos`, form)
  },
  discrepancies: (q: DiscrepancyQuery) => http.get<DiscrepancyStats>(`${BASE}/discrepancies`, { ...q }),
}
