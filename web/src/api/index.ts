// The API calls of the SPA, one function per endpoint.

import { createClient } from './http'
import type { ApiError } from '@/utils/problem'
import { csrfToken } from '@/stores/session'
import type {
  AuditFilter,
  AuditItem,
  AuditVerifyReport,
  CertificationStats,
  Enterprise,
  EnterpriseFilter,
  EnterpriseInput,
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
  MeResponse,
  Org,
  OrgFilter,
  Page,
  Practitioner,
  PractitionerFilter,
  PractitionerInput,
  PractitionerStatsQuery,
  Region,
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

/** Send one file as the multipart field `file` (the import endpoints). */
function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData()
  form.append('file', file, file.name)
  return http.upload<T>(path, form)
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
}

export const mapApi = {
  config: () => http.get<MapConfig>('/map/config'),
  regions: () => http.get<RegionFeatureCollection>('/map/regions'),
}
