// The API calls of the SPA, one function per endpoint.

import { createClient, type Query } from './http'
import type { ApiError } from '@/utils/problem'
import { csrfToken } from '@/stores/session'
import type {
  AccessFiling,
  AccessFilingFilter,
  AccessFilingInput,
  AuditFilter,
  AuditItem,
  AuditVerifyReport,
  CertificationStats,
  Community,
  CompletionQuery,
  CompletionStats,
  CommunityFilter,
  Cylinder,
  CylinderAnomaly,
  CylinderAnomalyFilter,
  CylinderFilter,
  CylinderTrace,
  DeviceStats,
  DeviceStatsQuery,
  DueUser,
  DueUserFilter,
  Enterprise,
  EnterpriseFilter,
  EnterpriseInput,
  FilingAttachmentKind,
  Filling,
  GasUser,
  GasUserFilter,
  Hazard,
  HazardAction,
  HazardFilter,
  HomeInspection,
  HomeInspectionDetail,
  HomeInspectionFilter,
  ImportResult,
  ListParams,
  MapConfig,
  NetworkStats,
  NetworkStatsQuery,
  PipelineSegment,
  RegionFeatureCollection,
  SegmentFilter,
  Station,
  StationFilter,
  StationStats,
  StationStatsQuery,
  LoginResponse,
  MajorHazardDetail,
  MajorHazardFilter,
  MajorHazardPage,
  MajorHazardStats,
  MajorHazardStatsQuery,
  MeResponse,
  Org,
  OrgFilter,
  Page,
  Practitioner,
  PractitionerFilter,
  PractitionerInput,
  PractitionerStatsQuery,
  Patrol,
  PatrolBehindPage,
  PatrolCompletion,
  PatrolCompletionFilter,
  PatrolCompletionQuery,
  PatrolFilter,
  PatrolPlanEntry,
  RectificationQuery,
  RectificationStats,
  Region,
  ThirdPartyConstructionDetail,
  ThirdPartyConstructionFeatureCollection,
  ThirdPartyConstructionFilter,
  ThirdPartyConstructionPage,
  ThirdPartyConstructionStats,
  ThirdPartyConstructionStatsQuery,
  User,
  UserCreate,
  UserFilter,
  UserUpdate,
} from './types'

let unauthenticated: (err: ApiError) => void = () => {}

/** Set what happens when the session turns out to be gone (main.ts: back to the login page). */
export function onUnauthenticated(handler: (err: ApiError) => void): void {
  unauthenticated = handler
}

export const http = createClient({
  fetch: (input, init) => window.fetch(input, init),
  getCsrfToken: csrfToken,
  onUnauthenticated: (err) => unauthenticated(err),
})

export const authApi = {
  login: (username: string, password: string) =>
    http.post<LoginResponse>('/auth/login', { username, password }, { allow401: true }),
  logout: () => http.post<void>('/auth/logout', undefined, { allow401: true }),
  me: () => http.get<MeResponse>('/auth/me', undefined, { allow401: true }),
  changePassword: (old_password: string, new_password: string) =>
    http.post<unknown>('/auth/password', { old_password, new_password }),
}

export const systemApi = {
  regions: () => http.get<Region[]>('/system/regions'),
  orgs: (filter: OrgFilter = {}) => http.get<Org[]>('/system/orgs', { ...filter }),
  users: (filter: UserFilter, params: ListParams) => http.get<Page<User>>('/system/users', { ...filter, ...params }),
  createUser: (body: UserCreate) => http.post<User>('/system/users', body),
  updateUser: (id: number, body: UserUpdate) => http.put<User>(`/system/users/${id}`, body),
  resetPassword: (id: number, password: string) => http.post<unknown>(`/system/users/${id}/reset-password`, { password }),
  lockUser: (id: number) => http.post<unknown>(`/system/users/${id}/lock`),
  unlockUser: (id: number) => http.post<unknown>(`/system/users/${id}/unlock`),
  audit: (filter: AuditFilter, params: ListParams) =>
    http.get<Page<AuditItem>>('/system/audit', { ...filter, ...params }),
  verifyAudit: () => http.get<AuditVerifyReport>('/system/audit/verify'),
}

/** Send one file as the multipart field `file` (the import endpoints), with other fields if any. */
function uploadFile<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('file', file, file.name)
  return http.upload<T>(path, form)
}

/** Record types of the data standard that are imported from sheets under /industry/<type>. */
export type IndustryRecordType =
  | 'pipeline-segments'
  | 'stations'
  | 'communities'
  | 'gas-users'
  | 'cylinders'
  | 'cylinder-fillings'
  | 'cylinder-movements'
  | 'practitioner-trainings'

/** The import template and the sheet import of one record type (for ImportDialog). */
export function recordImport(type: IndustryRecordType) {
  return {
    template: () => http.file(`/industry/${type}/import-template`),
    upload: (file: File) => uploadFile<ImportResult>(`/industry/${type}/import`, file),
  }
}

/**
 * Upsert records through the type's JSON batch (fields named as in the data standard): the answer
 * is the same report as an import's, one row per record.
 */
export function recordBatch(type: IndustryRecordType, records: readonly Record<string, unknown>[]): Promise<ImportResult> {
  return http.post<ImportResult>(`/industry/${type}/batch`, records)
}

/** Record types of the data standard imported from sheets under /safety/<type>. */
export type SafetyRecordType =
  | 'home-inspections'
  | 'hazards'
  | 'third-party-constructions'
  | 'major-hazard-sources'
  | 'major-hazard-assessments'
  | 'major-hazard-maintenance'
  | 'patrols'

/** The import template and the sheet import of one safety record type (for ImportDialog). */
export function safetyRecordImport(type: SafetyRecordType) {
  return {
    template: () => http.file(`/safety/${type}/template`),
    upload: (file: File) => uploadFile<ImportResult>(`/safety/${type}/import`, file),
  }
}

/** The ledgers whose list answers an Excel file with `format=xlsx` (the import template's columns). */
export type ExportableLedger = 'pipeline-segments' | 'stations' | 'communities' | 'gas-users' | 'cylinders'

/** The Excel export of a ledger with the filters (and order) of its list. */
export function ledgerExport(type: ExportableLedger, filter: Query, sort?: string) {
  return http.file(`/industry/${type}`, { query: { ...filter, sort, format: 'xlsx' } })
}

export const industryApi = {
  enterprises: (filter: EnterpriseFilter, params: ListParams) =>
    http.get<Page<Enterprise>>('/industry/enterprises', { ...filter, ...params }),
  exportEnterprises: (filter: EnterpriseFilter, sort?: string) =>
    http.file('/industry/enterprises', { query: { ...filter, sort, format: 'xlsx' } }),
  enterprise: (id: number | string) => http.get<Enterprise>(`/industry/enterprises/${id}`),
  createEnterprise: (body: EnterpriseInput) => http.post<Enterprise>('/industry/enterprises', body),
  updateEnterprise: (id: number, body: EnterpriseInput) => http.put<Enterprise>(`/industry/enterprises/${id}`, body),
  activateEnterprise: (id: number) => http.post<Enterprise>(`/industry/enterprises/${id}/activate`),
  deactivateEnterprise: (id: number) => http.post<Enterprise>(`/industry/enterprises/${id}/deactivate`),
  importTemplate: () => http.file('/industry/enterprises/import-template'),
  importEnterprises: (file: File) => uploadFile<ImportResult>('/industry/enterprises/import', file),

  practitioners: (filter: PractitionerFilter, params: ListParams) =>
    http.get<Page<Practitioner>>('/industry/practitioners', { ...filter, ...params }),
  exportPractitioners: (filter: PractitionerFilter, sort?: string) =>
    http.file('/industry/practitioners', { query: { ...filter, sort, format: 'xlsx' } }),
  practitioner: (id: number | string) => http.get<Practitioner>(`/industry/practitioners/${id}`),
  createPractitioner: (body: PractitionerInput) => http.post<Practitioner>('/industry/practitioners', body),
  updatePractitioner: (id: number, body: PractitionerInput) =>
    http.put<Practitioner>(`/industry/practitioners/${id}`, body),
  practitionerStats: (query: PractitionerStatsQuery) =>
    http.get<CertificationStats>('/industry/practitioners/stats', { ...query }),
  practitionerImportTemplate: () => http.file('/industry/practitioners/import-template'),
  importPractitioners: (file: File) => uploadFile<ImportResult>('/industry/practitioners/import', file),

  pipelineSegments: (filter: SegmentFilter, params: ListParams) =>
    http.get<Page<PipelineSegment>>('/industry/pipeline-segments', { ...filter, ...params }),
  pipelineSegment: (id: number | string) => http.get<PipelineSegment>(`/industry/pipeline-segments/${id}`),
  networkStats: (query: NetworkStatsQuery) => http.get<NetworkStats>('/industry/pipeline-segments/stats', { ...query }),
  pipelineImportTemplate: () => http.file('/industry/pipeline-segments/import-template'),
  importPipelineSegments: (file: File) => uploadFile<ImportResult>('/industry/pipeline-segments/import', file),

  stations: (filter: StationFilter, params: ListParams) =>
    http.get<Page<Station>>('/industry/stations', { ...filter, ...params }),
  station: (id: number | string) => http.get<Station>(`/industry/stations/${id}`),
  stationStats: (query: StationStatsQuery) => http.get<StationStats>('/industry/stations/stats', { ...query }),
  stationImportTemplate: () => http.file('/industry/stations/import-template'),
  importStations: (file: File) => uploadFile<ImportResult>('/industry/stations/import', file),

  communities: (filter: CommunityFilter, params: ListParams) =>
    http.get<Page<Community>>('/industry/communities', { ...filter, ...params }),
  community: (id: number | string) => http.get<Community>(`/industry/communities/${id}`),
  gasUsers: (filter: GasUserFilter, params: ListParams) =>
    http.get<Page<GasUser>>('/industry/gas-users', { ...filter, ...params }),
  gasUser: (id: number | string) => http.get<GasUser>(`/industry/gas-users/${id}`),
  deviceStats: (query: DeviceStatsQuery) => http.get<DeviceStats>('/industry/gas-users/stats', { ...query }),

  cylinders: (filter: CylinderFilter, params: ListParams) =>
    http.get<Page<Cylinder>>('/industry/cylinders', { ...filter, ...params }),
  cylinderTrace: (code: string) => http.get<CylinderTrace>('/industry/cylinders/trace', { code }),
  cylinderViolations: (_filter: Record<string, never>, params: ListParams) =>
    http.get<Page<Filling>>('/industry/cylinders/violations', { ...params }),
  cylinderAnomalies: (filter: CylinderAnomalyFilter, params: ListParams) =>
    http.get<Page<CylinderAnomaly>>('/industry/cylinders/anomalies', { ...filter, ...params }),

  accessFilings: (filter: AccessFilingFilter, params: ListParams) =>
    http.get<Page<AccessFiling>>('/industry/access-filings', { ...filter, ...params }),
  accessFiling: (id: number | string) => http.get<AccessFiling>(`/industry/access-filings/${id}`),
  createAccessFiling: (body: AccessFilingInput) => http.post<AccessFiling>('/industry/access-filings', body),
  approveAccessFiling: (id: number) => http.post<AccessFiling>(`/industry/access-filings/${id}/approve`),
  returnAccessFiling: (id: number, reason: string) =>
    http.post<AccessFiling>(`/industry/access-filings/${id}/return`, { reason }),
  resubmitAccessFiling: (id: number, body: AccessFilingInput) =>
    http.post<AccessFiling>(`/industry/access-filings/${id}/resubmit`, body),
  uploadFilingAttachment: (id: number, kind: FilingAttachmentKind, file: File) =>
    uploadFile<AccessFiling>(`/industry/access-filings/${id}/attachments`, file, { kind }),
  filingAttachment: (id: number, aid: number) => http.file(`/industry/access-filings/${id}/attachments/${aid}`),
}

/** The safety lists that answer an Excel file with `format=xlsx`. */
export type ExportableSafetyList =
  | 'home-inspections'
  | 'home-inspections/due-users'
  | 'hazards'
  | 'third-party-constructions'
  | 'major-hazard-sources'
  | 'patrols'

/** The Excel export of a safety list with the filters of the list. */
export function safetyExport(list: ExportableSafetyList, filter: Query, sort?: string) {
  return http.file(`/safety/${list}`, { query: { ...filter, sort, format: 'xlsx' } })
}

export const safetyApi = {
  homeInspections: (filter: HomeInspectionFilter, params: ListParams) =>
    http.get<Page<HomeInspection>>('/safety/home-inspections', { ...filter, ...params }),
  /** One inspection with its photos. */
  homeInspection: (id: number | string) => http.get<HomeInspectionDetail>(`/safety/home-inspections/${id}`),
  /** A photo taken during the inspection (JPEG, PNG or WebP; the same file twice is kept once): the inspection again. */
  uploadInspectionPhoto: (id: number, file: File) =>
    uploadFile<HomeInspectionDetail>(`/safety/home-inspections/${id}/photos`, file),
  inspectionPhoto: (id: number, pid: number) => http.file(`/safety/home-inspections/${id}/photos/${pid}`),
  inspectionCompletion: (query: CompletionQuery) =>
    http.get<CompletionStats>('/safety/home-inspections/completion', { ...query }),
  dueUsers: (filter: DueUserFilter, params: ListParams) =>
    http.get<Page<DueUser>>('/safety/home-inspections/due-users', { ...filter, ...params }),

  hazards: (filter: HazardFilter, params: ListParams) =>
    http.get<Page<Hazard>>('/safety/hazards', { ...filter, ...params }),
  /** One hazard with its history and the photos waiting for the caller's next step. */
  hazard: (id: number | string) => http.get<Hazard>(`/safety/hazards/${id}`),
  /** A rectification step; a step not allowed now is 409 (its detail names the allowed ones). */
  hazardTransition: (id: number, action: HazardAction, note?: string) =>
    http.post<Hazard>(`/safety/hazards/${id}/transitions`, { action, note: note || undefined }),
  /** An evidence photo for the next step (JPEG, PNG or WebP): the hazard with it pending. */
  uploadHazardPhoto: (id: number, file: File) => uploadFile<Hazard>(`/safety/hazards/${id}/photos`, file),
  hazardPhoto: (id: number, pid: number) => http.file(`/safety/hazards/${id}/photos/${pid}`),
  hazardRectification: (query: RectificationQuery) =>
    http.get<RectificationStats>('/safety/hazards/rectification', { ...query }),

  /** Third-party construction sites with the pipelines near each, and the search distance in force. */
  thirdPartyConstructions: (filter: ThirdPartyConstructionFilter, params: ListParams) =>
    http.get<ThirdPartyConstructionPage>('/safety/third-party-constructions', { ...filter, ...params }),
  /** One site with the pipelines near it (nearest first) and their lines. */
  thirdPartyConstruction: (id: number | string) => http.get<ThirdPartyConstructionDetail>(`/safety/third-party-constructions/${id}`),
  /** Every matching site as GeoJSON, for the map. */
  thirdPartyConstructionFeatures: (filter: ThirdPartyConstructionFilter = {}) =>
    http.get<ThirdPartyConstructionFeatureCollection>('/safety/third-party-constructions/features', { ...filter }),
  thirdPartyConstructionStats: (query: ThirdPartyConstructionStatsQuery) =>
    http.get<ThirdPartyConstructionStats>('/safety/third-party-constructions/stats', { ...query }),

  /** Major hazard sources, most severe first, and the periods of assessment and maintenance in force. */
  majorHazards: (filter: MajorHazardFilter, params: ListParams) =>
    http.get<MajorHazardPage>('/safety/major-hazard-sources', { ...filter, ...params }),
  /** One source with its assessments and maintenance, newest first. */
  majorHazard: (id: number | string) => http.get<MajorHazardDetail>(`/safety/major-hazard-sources/${id}`),
  majorHazardStats: (query: MajorHazardStatsQuery) =>
    http.get<MajorHazardStats>('/safety/major-hazard-sources/stats', { ...query }),
  /** The report of an assessment (PDF, JPEG or PNG; it replaces an earlier one): the source again. */
  uploadAssessmentReport: (id: number, aid: number, file: File) =>
    uploadFile<MajorHazardDetail>(`/safety/major-hazard-sources/${id}/assessments/${aid}/report`, file),
  assessmentReport: (id: number, aid: number) => http.file(`/safety/major-hazard-sources/${id}/assessments/${aid}/report`),

  /** Patrol records, newest first. */
  patrols: (filter: PatrolFilter, params: ListParams) => http.get<Page<Patrol>>('/safety/patrols', { ...filter, ...params }),
  patrol: (id: number | string) => http.get<Patrol>(`/safety/patrols/${id}`),
  /** Patrols against the plan over a period (default the last 30 days), lowest rate first. */
  patrolCompletion: (query: PatrolCompletionQuery) => http.get<PatrolCompletion>('/safety/patrols/completion', { ...query }),
  /** Segments and facilities patrolled less often than planned, largest shortfall first. */
  patrolsBehind: (filter: PatrolCompletionFilter, params: ListParams) =>
    http.get<PatrolBehindPage>('/safety/patrols/behind', { ...filter, ...params }),
  /** The planned frequency per pressure class and facility kind. */
  patrolPlan: () => http.get<PatrolPlanEntry[]>('/safety/patrols/plan'),
}

export const mapApi = {
  config: () => http.get<MapConfig>('/map/config'),
  regions: () => http.get<RegionFeatureCollection>('/map/regions'),
}
