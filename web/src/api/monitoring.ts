// 运行监测 (article 7): monitoring points (监测点) with their live values, their curves, the readings
// the enterprises report (人工抄报, by form or sheet), the alarms raised from them with their
// handling (确认 → 处置 → 处置完成), and the stations' cameras (视频监控) with their HLS streams —
// the types and calls of /api/v1/monitoring.

import { http } from '@/api'
import { API_BASE, type Query } from '@/api/http'
import type { ImportResult, ListParams, Page } from '@/api/types'

export type PointKind = 'pressure' | 'flow' | 'methane' | 'temperature' | 'level' | 'valve_state' | 'other'
/** Where a point's last value stands: 正常, 报警, 离线 (silent too long), 未上报 (never reported). */
export type PointState = 'normal' | 'alarm' | 'offline' | 'never'
export type PointTargetType = 'station' | 'pipeline' | 'major_hazard' | 'place'
export type PointStatus = 'in_service' | 'out_of_service'

export type AlarmCondition = 'high_high' | 'high' | 'low' | 'low_low' | 'rate_of_change' | 'offline'
export type AlarmSeverity = 'critical' | 'major' | 'minor' | 'warning'
export type AlarmState = 'raised' | 'acknowledged' | 'handling' | 'handled'
/** The steps a person takes on an alarm. */
export type AlarmAction = 'acknowledge' | 'handle' | 'dispose'

/** A point's last value and what it means. */
export interface PointLive {
  value: number | null
  at: string | null
  state: PointState
  state_name: string
  /** The band the value is in (high, high_high…), when in alarm. */
  condition: AlarmCondition | string | null
  condition_name: string | null
}

/** The limits of a point (any may be absent). */
export interface Thresholds {
  high_high: number | null
  high: number | null
  low: number | null
  low_low: number | null
}

export interface MonitoringPoint extends Thresholds {
  id: number
  code: string
  name: string
  kind: PointKind
  kind_name: string
  unit: string
  enterprise_id: number
  enterprise_name: string
  /** Present when the server gives it (the key of a reading upload by an authority). */
  enterprise_code?: string
  region_code: string
  region_name: string
  target_type: PointTargetType
  target_type_name: string
  target_code: string | null
  target_name: string | null
  /** The record monitored (a station's id…), when the server gives it. */
  target_id?: number | null
  lng: number | null
  lat: number | null
  /** The reporting interval, seconds. */
  interval_s: number
  /** Largest change per minute. */
  rate_of_change: number | null
  deadband: number | null
  status: PointStatus
  live: PointLive
}

export interface PointFilter {
  q?: string
  region_code?: string
  enterprise_id?: number
  kind?: PointKind | ''
  state?: PointState | ''
}

export type PointSummaryBy = 'region' | 'enterprise'

export interface PointSummaryRow {
  key: string
  name: string
  total: number
  alarm: number
  offline: number
  never: number
}

export interface PointSummary {
  items: PointSummaryRow[]
}

export type SeriesGrain = 'raw' | 'minute' | 'hour' | 'day'

/** One point of a curve: the average (the value itself for raw readings), its extremes and count. */
export interface SeriesItem {
  /** ms since the epoch */
  t: number
  avg: number
  min: number
  max: number
  n: number
}

export interface Series {
  grain: SeriesGrain
  grain_name: string
  unit: string
  items: SeriesItem[]
  thresholds: Thresholds
}

export interface PointFeatureProperties {
  id: number
  code: string
  name: string
  kind_name: string
  unit: string
  state: PointState
  state_name: string
  value: number | null
  enterprise_name: string
}

export interface PointFeatureCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    id?: number
    geometry: { type: 'Point'; coordinates: [number, number] }
    properties: PointFeatureProperties
  }[]
}

/** One reading sent: the point's code, the time, the value (and its unit, which must be the point's). */
export interface ReadingInput {
  point: string
  ts: string
  value: number
  unit?: string
}

export interface ReadingsUpload {
  /** The enterprise whose point codes these are (authority accounts; an enterprise's own is implied). */
  enterprise_code?: string
  readings: ReadingInput[]
}

export interface RejectedReading {
  index: number
  point: string | null
  field: string | null
  reason: string
}

export interface RaisedAlarmRef {
  id: number
  code: string
  condition: string
  severity: AlarmSeverity | string
}

/** What became of an upload: stored, already there (duplicates), refused, and the alarms raised. */
export interface ReadingsResult {
  received: number
  stored: number
  duplicates: number
  rejected: RejectedReading[]
  alarms: RaisedAlarmRef[]
}

export interface Alarm {
  id: number
  code: string
  point_id: number
  point_code: string
  point_name: string
  kind: PointKind
  kind_name: string
  unit: string
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  condition: AlarmCondition | string
  condition_name: string
  severity: AlarmSeverity
  severity_name: string
  state: AlarmState
  state_name: string
  value: number | null
  threshold: number | null
  raised_at: string
  cleared_at: string | null
  acknowledged_at: string | null
  handling_at: string | null
  handled_at: string | null
  /** The disposal report (处置报告). */
  disposal: string | null
  reminders: number
  /** 0 the enterprise, 1 reported to its manager, 2 reported to the county authority. */
  escalation: number
  /** Overdue supervision (超时督办) was raised. */
  supervised: boolean
  minutes_to_ack: number | null
  minutes_to_handle: number | null
  lng: number | null
  lat: number | null
}

export interface AlarmEvent {
  action: string
  action_name: string
  actor_name: string | null
  org_name: string | null
  note: string | null
  created_at: string
}

export interface AlarmDetail {
  alarm: Alarm
  /** Oldest first. */
  history: AlarmEvent[]
  /** The steps the caller may take now (only the owning enterprise's accounts). */
  allowed: { action: AlarmAction; name: string }[]
}

export interface AlarmFilter {
  state?: AlarmState | ''
  severity?: AlarmSeverity | ''
  condition?: AlarmCondition | ''
  region_code?: string
  enterprise_id?: number
  /** Not handled yet. */
  open?: boolean
  /** Raised on or after / before (RFC 3339). */
  from?: string
  to?: string
}

export type AlarmStatsBy = 'enterprise' | 'region'

export interface AlarmStatRow {
  key: string
  name: string
  total: number
  open: number
  unacknowledged: number
  supervised: number
  avg_ack_minutes: number | null
  avg_handle_minutes: number | null
}

export interface AlarmStats {
  items: AlarmStatRow[]
}

/** What the live feed sends (event name `alarm`). */
export interface AlarmStreamMessage {
  event: 'raised' | 'cleared' | 'updated'
  alarm: Alarm
}

/** A camera (视频监控点) of a station, with its HLS stream and the result of its last check. */
export interface Camera {
  id: number
  code: string
  name: string
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  station_id: number | null
  station_code: string | null
  station_name: string | null
  /** The HLS playlist (.m3u8) of the deployment's stream gateway. */
  stream_url: string
  lng: number | null
  lat: number | null
  /** The stream answered at the last check; null: never checked. */
  online: boolean | null
  /** 在线, 离线, 未检测 */
  online_name: string
  checked_at: string | null
  created_at: string
  updated_at: string
}

export interface CameraFilter {
  q?: string
  region_code?: string
  enterprise_id?: number
  station_id?: number
  /** 'true' 在线, 'false' 离线 (as in the URL). */
  online?: 'true' | 'false' | ''
}

const BASE = '/monitoring'

/** The live alarm feed (Server-Sent Events, the session cookie). */
export const ALARM_STREAM_URL = `${API_BASE}${BASE}/alarms/stream`

function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.upload<T>(path, form)
}

/** The template and the sheet import of monitoring points (for ImportDialog). */
export const pointImport = {
  template: () => http.file(`${BASE}/points/import-template`),
  upload: (file: File) => uploadFile<ImportResult>(`${BASE}/points/import`, file),
}

/** The template and the sheet import of cameras (for ImportDialog). */
export const cameraImport = {
  template: () => http.file(`${BASE}/cameras/import-template`),
  upload: (file: File) => uploadFile<ImportResult>(`${BASE}/cameras/import`, file),
}

export const monitoringApi = {
  points: (filter: PointFilter, params: ListParams) => http.get<Page<MonitoringPoint>>(`${BASE}/points`, { ...filter, ...params }),
  /** The rows of the list with its filters as an Excel file. */
  exportPoints: (filter: Query) => http.file(`${BASE}/points`, { query: { ...filter, format: 'xlsx' } }),
  point: (id: number) => http.get<MonitoringPoint>(`${BASE}/points/${id}`),
  pointSummary: (by: PointSummaryBy) => http.get<PointSummary>(`${BASE}/points/summary`, { by }),
  /** The curve of a point over [from, to) (RFC 3339); the server picks the grain. */
  series: (id: number, from: string, to: string) => http.get<Series>(`${BASE}/points/${id}/series`, { from, to }),
  pointFeatures: (filter: { region_code?: string; enterprise_id?: number } = {}) =>
    http.get<PointFeatureCollection>(`${BASE}/points/geojson`, { ...filter }),

  /** 人工抄报: readings of the caller's enterprise (or of `enterprise_code`). */
  report: (body: ReadingsUpload) => http.post<ReadingsResult>(`${BASE}/readings`, body),
  readingsTemplate: () => http.file(`${BASE}/readings/import-template`),
  importReadings: (file: File) => uploadFile<ReadingsResult>(`${BASE}/readings/import`, file),

  alarms: (filter: AlarmFilter, params: ListParams) => http.get<Page<Alarm>>(`${BASE}/alarms`, { ...filter, ...params }),
  exportAlarms: (filter: Query) => http.file(`${BASE}/alarms`, { query: { ...filter, format: 'xlsx' } }),
  alarm: (id: number) => http.get<AlarmDetail>(`${BASE}/alarms/${id}`),
  /** A step of the handling; not allowed now: 409 (`illegal_transition`), not the caller's: 403. */
  act: (id: number, action: AlarmAction, note?: string) =>
    http.post<AlarmDetail>(`${BASE}/alarms/${id}/actions`, { action, note: note || undefined }),
  alarmStats: (query: { by: AlarmStatsBy; from?: string; to?: string }) => http.get<AlarmStats>(`${BASE}/alarms/stats`, { ...query }),

  cameras: (filter: CameraFilter, params: ListParams) => http.get<Page<Camera>>(`${BASE}/cameras`, { ...filter, ...params }),
  exportCameras: (filter: Query) => http.file(`${BASE}/cameras`, { query: { ...filter, format: 'xlsx' } }),
  camera: (id: number) => http.get<Camera>(`${BASE}/cameras/${id}`),
  /** Check the camera's stream now; the camera with the result (online, checked_at). */
  checkCamera: (id: number) => http.post<Camera>(`${BASE}/cameras/${id}/check`),
}
