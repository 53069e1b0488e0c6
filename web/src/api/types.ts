// JSON shapes of the API (docs/api.md; the generated contract is /api/openapi.json).

export type Role =
  | 'city_admin'
  | 'city_officer'
  | 'county_admin'
  | 'county_officer'
  | 'enterprise_admin'
  | 'enterprise_user'
  | 'inspector'

export type OrgKind = 'city_authority' | 'county_authority' | 'enterprise'

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  role_name: string
  org_id: number
  org_name: string
  org_kind: OrgKind
  region_code: string
  region_name: string
  enterprise_id: number | null
  status: 'active' | 'locked'
  locked_until: string | null
  last_login_at: string | null
  phone: string | null
  created_at: string
}

export interface LoginResponse {
  token: string
  csrf_token: string
  expires_in: number
  user: User
}

export interface MeResponse {
  user: User
  csrf_token: string
}

export interface Page<T> {
  items: T[]
  total: number
}

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village'

export interface Region {
  code: string
  name: string
  parent_code: string | null
  level: RegionLevel
}

export interface Org {
  id: number
  name: string
  kind: OrgKind
  region_code: string
  region_name?: string
  enterprise_id: number | null
}

export interface OrgFilter {
  /** Part of the name. */
  q?: string
  kind?: OrgKind | ''
  /** At most this many (server default 1000). */
  limit?: number
}

export type EnterpriseKind = 'pipeline_gas' | 'bottled_lpg' | 'vehicle_station' | 'other'
export type EnterpriseStatus = 'active' | 'inactive'

export interface Enterprise {
  id: number
  code: string
  name: string
  kind: EnterpriseKind
  kind_name?: string
  licence_no: string | null
  licence_valid_from: string | null
  licence_valid_to: string | null
  legal_representative: string | null
  address: string | null
  region_code: string
  region_name: string
  phone: string | null
  status: EnterpriseStatus
  created_at: string
  updated_at: string
}

/** An enterprise as a choice in a select. */
export type EnterpriseOption = Pick<Enterprise, 'id' | 'code' | 'name'> & { region_name?: string }

/** The body of create and edit. */
export interface EnterpriseInput {
  code: string
  name: string
  kind: EnterpriseKind | ''
  licence_no: string | null
  licence_valid_from: string | null
  licence_valid_to: string | null
  legal_representative: string | null
  address: string | null
  region_code: string
  phone: string | null
}

export interface EnterpriseFilter {
  q?: string
  region_code?: string
  kind?: EnterpriseKind | ''
  status?: EnterpriseStatus | ''
}

export interface ImportRowError {
  row: number
  /** The field name in the API (e.g. "id_number"). */
  field?: string
  /** The column header in the sheet. */
  column: string | null
  reason: string
}

export interface ImportResult {
  /** Data rows read from the file (present in the server's ImportReport). */
  total_rows?: number
  inserted: number
  updated: number
  unchanged: number
  errors: ImportRowError[]
  /** Errors beyond the ones listed (the server lists the first ones only). */
  errors_omitted?: number
}

export type PractitionerPost = 'principal' | 'safety_manager' | 'operator' | 'other'
export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'none'
export type PractitionerStatus = 'active' | 'left'

/** A practitioner as the API shows it: ID number and phone masked. */
export interface Practitioner {
  id: number
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  name: string
  id_number_masked: string
  post: PractitionerPost
  post_name: string
  certificate_no: string | null
  /** YYYY-MM-DD */
  certificate_issued_on: string | null
  /** YYYY-MM-DD */
  certificate_expires_on: string | null
  certificate_status: CertificateStatus
  certificate_status_name: string
  phone_masked: string | null
  status: PractitionerStatus
  status_name: string
  created_at: string
  updated_at: string
  /** Trainings and examinations, newest first (one practitioner only; absent from list rows and older servers). */
  trainings?: PractitionerTraining[]
}

/** The body of create and edit: all strings ("" for none). */
export interface PractitionerInput {
  /** The enterprise's credit code. */
  enterprise_code: string
  name: string
  /** Left out on edit to keep the stored number. */
  id_number?: string
  post: PractitionerPost | ''
  certificate_no: string
  certificate_issued_on: string
  certificate_expires_on: string
  /** Left out on edit to keep the stored phone. */
  phone?: string
  status: PractitionerStatus
}

export interface PractitionerFilter {
  /** Part of the name or certificate number, or a whole ID number. */
  q?: string
  enterprise_id?: number
  region_code?: string
  post?: PractitionerPost | ''
  certificate?: CertificateStatus | ''
  status?: PractitionerStatus | ''
}

export type StatsGroup = 'enterprise' | 'region'

export interface PractitionerStatsQuery {
  group: StatsGroup
  region_code?: string
  enterprise_id?: number
}

/** Certification of one enterprise or region (practitioners in post). */
export interface CertificationStat {
  /** Enterprise id or region code; "all" for the summary. */
  key: string
  name: string
  total: number
  /** In posts that need a certificate. */
  required: number
  /** Of those, holding a certificate in force. */
  certified: number
  /** certified / required, 0..1 (0 when required is 0). */
  rate: number
  expiring: number
  expired: number
  /** In a post that needs a certificate, without one. */
  none: number
}

export interface CertificationStats {
  items: CertificationStat[]
  summary: CertificationStat
}

export interface UserCreate {
  username: string
  display_name: string
  password: string
  role: Role | ''
  org_id: number | null
  phone?: string | null
}

export interface UserUpdate {
  display_name: string
  role: Role
  /** Moving an account to another organisation (omitted: unchanged). */
  org_id?: number
  phone?: string | null
}

export interface UserFilter {
  /** Part of the username or name. */
  q?: string
  role?: Role | ''
  org_id?: number
}

export interface AuditItem {
  seq: number
  at: string
  username: string | null
  org_name: string | null
  action: string
  /** Chinese name of the action ("其他操作" for actions the server does not name). */
  action_name?: string
  target_type: string | null
  target_id: string | null
  ip: string | null
  outcome: AuditOutcome
  detail: string | null
}

export type AuditOutcome = 'success' | 'failure'

export interface AuditFilter {
  /** Part of the username. */
  username?: string
  /** An action or its beginning, e.g. "enterprise.". */
  action?: string
  outcome?: AuditOutcome | ''
  /** RFC 3339 */
  from?: string
  /** RFC 3339 */
  to?: string
}

export interface AuditVerifyReport {
  ok: boolean
  checked: number
  first_bad_seq: number | null
  reason: string | null
}

export interface ListParams {
  page: number
  page_size: number
  sort?: string
}

/** Pressure classes of gas pipelines (GB 50028), lowest first. */
export type PressureClass = 'low' | 'medium_b' | 'medium_a' | 'subhigh_b' | 'subhigh_a' | 'high_b' | 'high_a'
export type PipeMaterial =
  | 'steel'
  | 'pe'
  | 'grey_cast_iron'
  | 'ductile_iron'
  | 'galvanised_steel'
  | 'composite'
  | 'other'
export type SegmentStatus = 'in_service' | 'abandoned'

/** A GeoJSON LineString: [lng, lat] positions. */
export interface LineStringGeometry {
  type: 'LineString'
  coordinates: [number, number][]
}

/** One pipeline segment of the network ledger (管段). */
export interface PipelineSegment {
  id: number
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  code: string
  name: string | null
  pressure_class: PressureClass
  pressure_class_name: string
  material: PipeMaterial
  material_name: string
  /** DN, millimetres. */
  nominal_diameter: number | null
  construction_year: number | null
  /** Metres. */
  burial_depth: number | null
  /** Metres, from the geometry. */
  length_m: number
  geometry: LineStringGeometry
  status: SegmentStatus
  created_at: string
  updated_at: string
}

export interface SegmentFilter {
  /** Part of the code or name. */
  q?: string
  enterprise_id?: number
  region_code?: string
  pressure_class?: PressureClass | ''
  material?: PipeMaterial | ''
}

export type NetworkStatsGroup = 'pressure_class' | 'material' | 'decade' | 'region' | 'enterprise'

export interface NetworkStatsQuery {
  group: NetworkStatsGroup
  region_code?: string
}

/** Network length of one pressure class, material, decade, region or enterprise. */
export interface NetworkStat {
  /** The class, material, decade ("1990"), region code or enterprise id; "all" for the summary. */
  key: string
  name: string
  segments: number
  length_km: number
}

export interface NetworkStats {
  items: NetworkStat[]
  summary: NetworkStat
}

export type StationKind =
  | 'gate_station'
  | 'storage_distribution'
  | 'lng_station'
  | 'cng_station'
  | 'regulator_station'
  | 'regulator_box'
  | 'lpg_station'
  | 'bottle_supply_point'
  | 'valve'
  | 'other'
export type StationStatus = 'in_service' | 'out_of_service'

/** One station or point facility (厂站设施). */
export interface Station {
  id: number
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  code: string
  name: string
  kind: StationKind
  kind_name: string
  lng: number
  lat: number
  address: string | null
  capacity: number | null
  capacity_unit: string | null
  /** YYYY-MM-DD */
  commissioned_on: string | null
  /** 重大危险源 */
  major_hazard: boolean
  status: StationStatus
  created_at: string
  updated_at: string
}

export interface StationFilter {
  /** Part of the code, name or address. */
  q?: string
  enterprise_id?: number
  region_code?: string
  kind?: StationKind | ''
  major_hazard?: boolean
}

export type StationStatsGroup = 'kind' | 'region' | 'enterprise'

export interface StationStatsQuery {
  group: StationStatsGroup
  region_code?: string
}

export interface StationStat {
  /** The kind, region code or enterprise id; "all" for the summary. */
  key: string
  name: string
  count: number
  major_hazard: number
}

export interface StationStats {
  items: StationStat[]
  summary: StationStat
}

/** Where the map opens, and the optional raster base layer. */
export interface MapConfig {
  /** [lng, lat] */
  center: [number, number]
  zoom: number
  /** [min lng, min lat, max lng, max lat] */
  bounds: [number, number, number, number]
  /** XYZ raster tile URL template, when configured. */
  raster_tile_url: string | null
}

/** A county boundary of GET /map/regions. */
export interface RegionFeature {
  type: 'Feature'
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
  properties: { code: string; name: string; in_scope: boolean }
}

export interface RegionFeatureCollection {
  type: 'FeatureCollection'
  features: RegionFeature[]
}

export type CommunityKind = 'community' | 'village'

/** A residential community or village (居民小区（村）): the unit gas users are counted by. */
export interface Community {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  /** The supplying enterprise's own code of the community. */
  code: string
  name: string
  kind: CommunityKind
  kind_name: string
  /** 乡镇（街道） */
  township: string | null
  lng: number | null
  lat: number | null
  address: string | null
  updated_at: string
}

/** A community as a select shows it (the gas user form: its value is the code). */
export type CommunityOption = Pick<Community, 'id' | 'code' | 'name'>

export interface CommunityFilter {
  /** Part of the code, name or township. */
  q?: string
  enterprise_id?: number
  region_code?: string
}

export type GasUserCategory = 'household' | 'catering' | 'industrial' | 'institutional' | 'commercial'
export type GasType = 'pipeline_ng' | 'bottled_lpg'
export type GasUserStatus = 'active' | 'closed'
/** The household safety devices (技防设施). */
export type SafetyDevice = 'leak_alarm' | 'auto_shutoff_valve' | 'self_closing_valve' | 'metal_hose' | 'flame_failure_cooker'

/** A gas user (燃气用户) as the API shows it: address, phone and household names masked. */
export interface GasUser {
  id: number
  enterprise_id: number
  enterprise_name: string
  community_id: number
  community_name: string
  region_code: string
  region_name: string
  township: string | null
  account_no: string
  category: GasUserCategory
  category_name: string
  holder_name: string
  address_masked: string | null
  phone_masked: string | null
  gas_type: GasType
  gas_type_name: string
  leak_alarm: boolean
  auto_shutoff_valve: boolean
  self_closing_valve: boolean
  metal_hose: boolean
  flame_failure_cooker: boolean
  status: GasUserStatus
  updated_at: string
}

export interface GasUserFilter {
  /** A whole account number or part of the holder's name. */
  q?: string
  enterprise_id?: number
  community_id?: number
  region_code?: string
  category?: GasUserCategory | ''
  gas_type?: GasType | ''
  /** A device the user lacks. */
  missing?: SafetyDevice | ''
}

export type DeviceStatsGroup = 'community' | 'township' | 'region' | 'enterprise' | 'category'

export interface DeviceStatsQuery {
  group: DeviceStatsGroup
  region_code?: string
  enterprise_id?: number
}

/** Users in service and the safety devices installed, for one group. */
export interface DeviceStat {
  /** Community id, township name, region code, enterprise id or category; "all" for the summary. */
  key: string
  name: string
  users: number
  leak_alarm: number
  auto_shutoff_valve: number
  self_closing_valve: number
  metal_hose: number
  flame_failure_cooker: number
  /** 0..1 */
  leak_alarm_rate: number
  auto_shutoff_valve_rate: number
  self_closing_valve_rate: number
  metal_hose_rate: number
  flame_failure_cooker_rate: number
}

export interface DeviceStats {
  items: DeviceStat[]
  summary: DeviceStat
}

/** in_use | due (inspection overdue) | scrapped */
export type CylinderStatus = 'in_use' | 'due' | 'scrapped'
/** Where a cylinder is in its circulation (流转). */
export type CirculationState = 'filled' | 'delivered' | 'at_user' | 'returned' | 'scrapped'

/** An LPG cylinder (钢瓶), by steel-seal number. */
export interface Cylinder {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  /** Steel-seal number (钢印号). */
  code: string
  qr_code: string | null
  spec: string
  manufacturer: string | null
  /** YYYY-MM-DD */
  manufactured_on: string
  registration_no: string | null
  last_inspected_on: string | null
  next_inspection_on: string
  /** The last day it may be used (design service life). */
  end_of_life: string
  status: CylinderStatus
  status_name: string
  last_filled_at: string | null
  /** Absent from servers before circulation records. */
  circulation_state?: CirculationState | null
  circulation_name?: string | null
  /** The gas user account holding it (at_user). */
  holder_account?: string | null
}

export interface CylinderFilter {
  /** Steel-seal number (or part of it) or a whole QR code. */
  q?: string
  enterprise_id?: number
  region_code?: string
  spec?: string
  status?: CylinderStatus | ''
}

/** One filling (充装) of a cylinder, accepted or refused (违规充装). */
export interface Filling {
  id: number
  cylinder_code: string
  enterprise_name: string
  station_code: string | null
  filled_at: string
  net_weight_kg: number | null
  pre_check_ok: boolean
  post_check_ok: boolean
  filler_name: string | null
  refused: boolean
  refusal_reason: string | null
}

export type CylinderEventKind = 'filled' | 'refused' | 'delivered' | 'at_user' | 'returned' | 'scrapped'

/** One step of a cylinder's trace: a filling or a circulation event. */
export interface CylinderEvent {
  /** RFC 3339 */
  at: string
  kind: CylinderEventKind
  kind_name: string
  enterprise_name: string
  place: string | null
  operator: string | null
  user_account: string | null
  detail: string | null
}

export interface CylinderTrace {
  cylinder: Cylinder
  fillings: Filling[]
  /** Newest first; absent from servers before circulation records. */
  events?: CylinderEvent[]
}

export type CylinderAnomalyKind = 'over_holding' | 'refilled_without_return'

/** An anomaly found in the circulation records (异常流转). */
export interface CylinderAnomaly {
  id: number
  kind: CylinderAnomalyKind
  kind_name: string
  cylinder_code: string
  user_account: string | null
  enterprise_name: string
  region_name: string
  /** RFC 3339 */
  detected_at: string
  detail: string
}

export interface CylinderAnomalyFilter {
  kind?: CylinderAnomalyKind | ''
}

export type FilingState = 'submitted' | 'approved' | 'returned'
export type FilingAttachmentKind = 'design' | 'acceptance' | 'other'

/** One step of a filing's history: who moved it to which state, when, and why. */
export interface FilingHistory {
  from_state: FilingState | null
  to_state: FilingState
  to_state_name: string
  actor: string
  reason: string | null
  at: string
}

export interface FilingAttachment {
  id: number
  kind: FilingAttachmentKind
  file_name: string
  content_type: string
  size: number
  uploaded_at: string
}

/** 新建居民小区管道天然气接入备案 */
export interface AccessFiling {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  community_name: string
  /** 建设单位 */
  developer: string
  households: number
  address: string | null
  /** YYYY-MM-DD */
  planned_gas_on: string | null
  state: FilingState
  state_name: string
  return_reason: string | null
  submitted_at: string
  decided_at: string | null
  /** Oldest first. */
  history: FilingHistory[]
  attachments: FilingAttachment[]
}

export interface AccessFilingFilter {
  state?: FilingState | ''
  region_code?: string
  enterprise_id?: number
}

/** The body of a filing and of its resubmission. */
export interface AccessFilingInput {
  community_name: string
  developer: string
  households: number | null
  address: string | null
  /** County code. */
  region_code: string
  /** YYYY-MM-DD */
  planned_gas_on: string | null
}

export type TrainingKind = 'training' | 'exam'
export type TrainingResult = 'passed' | 'failed'

/** A practitioner's training or examination (培训考核记录). */
export interface PractitionerTraining {
  id: number
  kind: TrainingKind
  kind_name: string
  /** YYYY-MM-DD */
  held_on: string
  topic: string
  hours: number | null
  organiser: string | null
  result: TrainingResult | null
  result_name: string | null
  score: number | null
}

/** How a home safety inspection ended; 拒绝入户 and 到访不遇 do not count as inspected. */
export type InspectionOutcome = 'passed' | 'hazard_found' | 'refused' | 'nobody_home'

/** A hazard a home inspection found (入户安检隐患). */
export interface InspectionHazard {
  code: string
  name: string
}

/** A home safety inspection (入户安检记录) of a gas user. */
export interface HomeInspection {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  /** 乡镇（街道） */
  township: string | null
  community_id: number
  community_name: string
  gas_user_id: number
  account_no: string
  /** The user's name, masked for households. */
  holder_name: string
  user_category: GasUserCategory
  user_category_name: string
  /** The enterprise's own number of the record. */
  record_no: string
  /** YYYY-MM-DD */
  inspected_on: string
  inspector: string
  outcome: InspectionOutcome
  outcome_name: string
  hazards: InspectionHazard[]
  note: string | null
  updated_at: string
}

/** A photo taken during a home inspection (JPEG, PNG or WebP). */
export interface InspectionPhoto {
  id: number
  file_name: string
  /** Bytes. */
  size: number
  /** The display name of the account that uploaded it. */
  uploaded_by: string
  uploaded_at: string
}

/** One home inspection as `GET …/home-inspections/{id}` answers: the record and its photos, oldest first. */
export interface HomeInspectionDetail extends HomeInspection {
  photos: InspectionPhoto[]
}

export interface HomeInspectionFilter {
  /** A record number or the user's account number. */
  q?: string
  enterprise_id?: number
  region_code?: string
  community_id?: number
  gas_user_id?: number
  outcome?: InspectionOutcome | ''
  /** Inspected on or after, YYYY-MM-DD. */
  from?: string
  /** Inspected on or before, YYYY-MM-DD. */
  to?: string
}

export type CompletionGroup = 'region' | 'township' | 'community' | 'enterprise' | 'category'

export interface CompletionQuery {
  group: CompletionGroup
  region_code?: string
  enterprise_id?: number
}

/** Inspection completion over the cycle for one group of active users. */
export interface CompletionStat {
  /** Region code, township name, community id, enterprise id or category; "all" for the summary. */
  key: string
  name: string
  /** Active users who must be inspected. */
  users: number
  /** Of them, inspected within their cycle. */
  inspected: number
  /** Never inspected at all. */
  never: number
  /** Inspected once, but not within the cycle any more. */
  lapsed: number
  /** inspected / users, 0..1 */
  rate: number
}

export interface CompletionStats {
  /** Lowest rate first. */
  items: CompletionStat[]
  summary: CompletionStat
  /** The earliest inspection date that still counts for households (YYYY-MM-DD). */
  household_since: string
  /** The same for the other users. */
  non_household_since: string
}

/** never: never inspected; lapsed: inspected, but not within the cycle. */
export type DueState = 'never' | 'lapsed'

/** An active user due for a home inspection. */
export interface DueUser {
  gas_user_id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  township: string | null
  community_id: number
  community_name: string
  account_no: string
  holder_name: string
  category: GasUserCategory
  category_name: string
  address_masked: string | null
  /** YYYY-MM-DD; null when never inspected. */
  last_inspected_on: string | null
}

export interface DueUserFilter {
  /** Both when absent. */
  state?: DueState | ''
  region_code?: string
  community_id?: number
  enterprise_id?: number
  category?: GasUserCategory | ''
}

/** general | larger | major: 一般隐患 | 较大隐患 | 重大隐患. */
export type HazardLevel = 'general' | 'larger' | 'major'

/** found → rectifying → awaiting_review → closed: 待整改 → 整改中 → 待复核 → 已销号. */
export type HazardState = 'found' | 'rectifying' | 'awaiting_review' | 'closed'

/** Where a hazard came from. */
export type HazardSource = 'self_inspection' | 'patrol' | 'home_inspection' | 'spot_check' | 'complaint' | 'report'

/** Where a hazard is: a gas user, a facility, a pipeline segment or a point. */
export type HazardPlaceKind = 'user' | 'station' | 'segment' | 'point'

/** A rectification step one may take: 开始整改, 提交复核, 复核销号, 退回整改. */
export type HazardAction = 'start' | 'submit' | 'close' | 'reject'

/** An evidence photo of a rectification step. */
export interface HazardPhoto {
  id: number
  file_name: string
  content_type: string
  size: number
  uploaded_by: string
  uploaded_at: string
}

/** A step of a hazard's history (上报, 开始整改, 提交复核, 复核销号, 退回整改, 超期督办). */
export interface HazardEvent {
  id: number
  /** reported | start | submit | close | reject | overdue */
  action: string
  action_name: string
  from_state: HazardState | null
  to_state: HazardState
  to_state_name: string
  note: string | null
  actor: string
  actor_org: string | null
  at: string
  photos: HazardPhoto[]
}

/** A hazard (隐患) and where its rectification stands. */
export interface Hazard {
  id: number
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  township: string | null
  /** The enterprise's own number of the hazard. */
  code: string
  source: HazardSource
  source_name: string
  /** e.g. the record number of the home inspection that found it. */
  source_ref: string | null
  level: HazardLevel
  level_name: string
  /** The major-hazard criterion the finding meets (code), if any. */
  criterion: string | null
  criterion_name: string | null
  category: string
  description: string
  place_kind: HazardPlaceKind
  place_kind_name: string
  place_ref: string | null
  lng: number | null
  lat: number | null
  /** YYYY-MM-DD */
  found_on: string
  finder: string
  /** Rectification deadline, YYYY-MM-DD. */
  deadline: string
  state: HazardState
  state_name: string
  /** Past the deadline and not closed. */
  overdue: boolean
  closed_on: string | null
  /** The steps the caller may take now. */
  allowed: HazardAction[]
  /** Oldest first (the detail only). */
  history?: HazardEvent[]
  /** Photos uploaded for the caller's next step (the detail only). */
  pending_photos?: HazardPhoto[]
  updated_at: string
}

export interface HazardFilter {
  /** A hazard number or words of its description. */
  q?: string
  enterprise_id?: number
  region_code?: string
  /** A state, or `open` for every state but closed. */
  state?: HazardState | 'open' | ''
  level?: HazardLevel | ''
  source?: HazardSource | ''
  /** Only hazards past their deadline and not closed. */
  overdue?: boolean
}

export type RectificationGroup = 'region' | 'enterprise' | 'level' | 'source'

export interface RectificationQuery {
  group: RectificationGroup
  region_code?: string
  enterprise_id?: number
  /** Found on or after, YYYY-MM-DD. */
  from?: string
  /** Found on or before, YYYY-MM-DD. */
  to?: string
}

/** Hazards found and rectified in one group. */
export interface RectificationStat {
  /** Region code, enterprise id, level or source. */
  key: string
  name: string
  found: number
  closed: number
  open: number
  /** Open and past the deadline. */
  overdue: number
  /** Major hazards still open. */
  major_open: number
  /** closed / found, 0..1 */
  rate: number
}

export interface RectificationStats {
  /** Most overdue first. */
  items: RectificationStat[]
  summary: RectificationStat
}

/** planned | active | finished: 未开工 | 施工中 | 已完工 (from the works' dates and today). */
export type ThirdPartyConstructionStatus = 'planned' | 'active' | 'finished'

/** A GeoJSON Point: [lng, lat]. */
export interface PointGeometry {
  type: 'Point'
  coordinates: [number, number]
}

/** A GeoJSON Polygon without holes: one ring of [lng, lat], closed. */
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: [number, number][][]
}

/** Where a third-party construction site is: a point, or its area. */
export type SiteGeometry = PointGeometry | PolygonGeometry

/** The pipelines near a third-party construction site (within the search distance), as the caller may see them. */
export interface SiteProximity {
  /** Segments in service within the distance. */
  nearby_count: number
  /** Metres to the nearest of them. */
  nearest_m: number | null
  /** The highest pressure class among them. */
  highest_pressure: PressureClass | null
  highest_pressure_name: string | null
  /** Near a medium-pressure or higher pipeline without a signed protection agreement (预警). */
  flagged: boolean
}

/** A third-party construction site (第三方施工工地) near gas pipelines. */
export interface ThirdPartyConstruction extends SiteProximity {
  id: number
  /** The gas enterprise that reports the site (whose pipelines it endangers). */
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  /** 工地编号 (the enterprise's own). */
  code: string
  /** 工程名称 */
  name: string
  /** 施工单位 */
  contractor: string
  /** 施工许可证号 */
  permit_no: string | null
  /** 施工地点 */
  address: string | null
  /** YYYY-MM-DD */
  starts_on: string
  /** YYYY-MM-DD */
  ends_on: string
  status: ThirdPartyConstructionStatus
  status_name: string
  geometry: SiteGeometry
  /** The centre (the point, or the area's centroid). */
  lng: number
  lat: number
  /** 管道保护协议 signed. */
  agreement_signed: boolean
  /** 现场监护人 */
  guardian: string | null
  created_at: string
  updated_at: string
}

/** A pipeline segment near a third-party construction site. */
export interface NearbySegment {
  segment_id: number
  code: string
  enterprise_name: string
  pressure_class: PressureClass
  pressure_class_name: string
  material_name: string
  nominal_diameter: number | null
  /** Metres from the site (0 when the line crosses its area). */
  distance_m: number
  geometry: LineStringGeometry
}

/** One site with the pipelines near it. */
export interface ThirdPartyConstructionDetail extends ThirdPartyConstruction {
  /** The search distance in force, metres. */
  distance_m: number
  /** Nearest first. */
  nearby: NearbySegment[]
}

/** The site list and the search distance in force. */
export interface ThirdPartyConstructionPage extends Page<ThirdPartyConstruction> {
  /** Metres. */
  distance_m: number
}

export interface ThirdPartyConstructionFilter {
  /** A whole site code, or part of the project name or contractor. */
  q?: string
  enterprise_id?: number
  region_code?: string
  status?: ThirdPartyConstructionStatus | ''
  /** Only the sites near a medium-pressure or higher pipeline without an agreement (true), or the others (false). */
  flagged?: boolean
}

/** The properties of a site on the map (GET /safety/third-party-constructions/features). */
export interface ThirdPartyConstructionFeatureProperties {
  id: number
  code: string
  name: string
  contractor: string
  enterprise_name: string
  status: ThirdPartyConstructionStatus
  status_name: string
  agreement_signed: boolean
  flagged: boolean
  nearby_count: number
  nearest_m: number | null
  highest_pressure_name: string | null
  lng: number
  lat: number
}

export interface ThirdPartyConstructionFeatureCollection {
  type: 'FeatureCollection'
  features: { type: 'Feature'; id?: number; geometry: SiteGeometry; properties: ThirdPartyConstructionFeatureProperties }[]
}

export type ThirdPartyConstructionStatsGroup = 'region' | 'enterprise'

export interface ThirdPartyConstructionStatsQuery {
  group: ThirdPartyConstructionStatsGroup
  region_code?: string
}

/** Third-party construction sites of one county or enterprise. */
export interface ThirdPartyConstructionStat {
  /** Region code or enterprise id; "all" for the summary. */
  key: string
  name: string
  total: number
  /** Under way today. */
  active: number
  /** With pipelines within the search distance. */
  near_pipelines: number
  /** Near medium-pressure or higher pipelines without an agreement. */
  flagged: number
  /** Of those near pipelines, the share with an agreement, 0..1; null when none is near. */
  agreement_rate: number | null
}

export interface ThirdPartyConstructionStats {
  items: ThirdPartyConstructionStat[]
  summary: ThirdPartyConstructionStat
}

/** 1..4: 一级 (the most severe) … 四级 (GB 18218). */
export type MajorHazardLevel = 1 | 2 | 3 | 4

/** Which periodic duty is past due: the safety assessment, the equipment maintenance, or either. */
export type MajorHazardOverdue = 'assessment' | 'maintenance' | 'any'

/** A major hazard source (重大危险源) at a station, with its safeguards and periodic duties. */
export interface MajorHazard {
  id: number
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  /** 危险源编号 (the enterprise's own, e.g. its filing number). */
  code: string
  /** 危险源名称 */
  name: string
  /** The station or facility it is at (所在厂站设施). */
  station_id: number
  station_code: string
  station_name: string
  /** The station's position. */
  lng: number | null
  lat: number | null
  level: MajorHazardLevel
  /** 一级 … 四级 */
  level_name: string
  /** 危险物质, e.g. 液化石油气 */
  substance: string
  /** 最大储量, tonnes. */
  quantity_t: number | null
  /** 辨识日期, YYYY-MM-DD */
  identified_on: string | null
  /** The technical safeguards (技防措施): 泄漏检测报警, 紧急切断, 视频监控. */
  leak_detection: boolean
  emergency_shutoff: boolean
  video: boolean
  /** The Chinese names of the safeguards missing. */
  missing_safeguards: string[]
  /** 包保责任人 */
  responsible: string | null
  /** YYYY-MM-DD; null when never assessed. */
  last_assessed_on: string | null
  /** When the next assessment is due (null: never assessed, due now). */
  assessment_due_on: string | null
  assessment_overdue: boolean
  last_maintained_on: string | null
  maintenance_due_on: string | null
  maintenance_overdue: boolean
  created_at: string
  updated_at: string
}

/** pass | conditional | fail: 合格 | 基本合格 | 不合格. */
export type AssessmentConclusion = 'pass' | 'conditional' | 'fail'

/** A safety assessment of a major hazard source (安全评估). */
export interface MajorHazardAssessment {
  id: number
  /** YYYY-MM-DD */
  assessed_on: string
  /** 评估机构 */
  body: string
  conclusion: AssessmentConclusion
  conclusion_name: string
  report_no: string | null
  /** The uploaded report file's name (null: none uploaded). */
  report_name: string | null
  report_size: number | null
}

/** normal | repaired | abnormal: 正常 | 维修后正常 | 异常待处理. */
export type MaintenanceResult = 'normal' | 'repaired' | 'abnormal'

/** A maintenance of the equipment of a major hazard source (设备设施维护保养). */
export interface MajorHazardMaintenance {
  id: number
  /** YYYY-MM-DD */
  maintained_on: string
  /** 设备设施 */
  equipment: string
  /** 维护内容 */
  content: string
  /** 维护单位（人员） */
  maintainer: string
  result: MaintenanceResult
  result_name: string
}

/** One source with its assessments and maintenance, newest first. */
export interface MajorHazardDetail extends MajorHazard {
  assessments: MajorHazardAssessment[]
  maintenance: MajorHazardMaintenance[]
}

export interface MajorHazardFilter {
  /** A whole source code, or part of its name. */
  q?: string
  enterprise_id?: number
  region_code?: string
  level?: MajorHazardLevel
  overdue?: MajorHazardOverdue | ''
  /** Only those missing a technical safeguard. */
  missing_safeguard?: boolean
}

/** The source list and the periods in force. */
export interface MajorHazardPage extends Page<MajorHazard> {
  /** A safety assessment every N years. */
  assessment_years: number
  /** Equipment maintenance every N months. */
  maintenance_months: number
}

export type MajorHazardStatsGroup = 'region' | 'enterprise' | 'level'

export interface MajorHazardStatsQuery {
  group: MajorHazardStatsGroup
  region_code?: string
}

/** Major hazard sources of one county, enterprise or level. */
export interface MajorHazardStat {
  /** Region code, enterprise id or level ("1"…"4"); "all" for the summary. */
  key: string
  name: string
  total: number
  /** [一级, 二级, 三级, 四级] */
  by_level: [number, number, number, number]
  assessment_overdue: number
  maintenance_overdue: number
  /** With all three technical safeguards. */
  safeguards_complete: number
}

export interface MajorHazardStats {
  items: MajorHazardStat[]
  summary: MajorHazardStat
}

/** segment | station: 管段 | 厂站设施. */
export type PatrolTargetKind = 'segment' | 'station'

/** normal | abnormal: 正常 | 发现异常. */
export type PatrolResult = 'normal' | 'abnormal'

/** A GeoJSON MultiPoint: the points checked on a patrol (打卡点). */
export interface MultiPointGeometry {
  type: 'MultiPoint'
  coordinates: [number, number][]
}

/** Where a patrol went: the track walked, or the points checked. */
export type PatrolTrack = LineStringGeometry | MultiPointGeometry

/** A patrol (巡查巡检) of a pipeline segment or a facility. */
export interface Patrol {
  id: number
  enterprise_id: number
  enterprise_code: string
  enterprise_name: string
  region_code: string
  region_name: string
  /** 巡查记录编号 */
  code: string
  target_kind: PatrolTargetKind
  target_kind_name: string
  target_id: number
  target_code: string
  /** The segment's pressure class (中压B) or the facility's kind (调压箱（柜）), in Chinese. */
  target_class_name: string
  /** YYYY-MM-DD */
  patrolled_on: string
  /** "HH:MM", local time, when given. */
  patrolled_time: string | null
  /** 巡查人 */
  patroller: string
  track: PatrolTrack | null
  /** The track's length in metres (a LineString's). */
  track_length_m: number | null
  result: PatrolResult
  result_name: string
  /** 发现情况 */
  findings: string | null
  created_at: string
  updated_at: string
}

export interface PatrolFilter {
  /** A whole record number, or part of the patroller's name. */
  q?: string
  enterprise_id?: number
  region_code?: string
  target_kind?: PatrolTargetKind | ''
  result?: PatrolResult | ''
  /** Patrolled on or after, YYYY-MM-DD. */
  from?: string
  /** Patrolled on or before, YYYY-MM-DD. */
  to?: string
}

export type PatrolCompletionGroup = 'enterprise' | 'region' | 'class'

/** The period and scope of the completion and of the targets behind plan. */
export interface PatrolCompletionFilter {
  region_code?: string
  enterprise_id?: number
  target_kind?: PatrolTargetKind | ''
  /** YYYY-MM-DD, inclusive (default: the 30 days ending today). */
  from?: string
  to?: string
}

export interface PatrolCompletionQuery extends PatrolCompletionFilter {
  group: PatrolCompletionGroup
}

/** Patrols against the plan in one enterprise, county or class. */
export interface PatrolCompletionStat {
  /** Enterprise id, region code, or "segment:medium_b" / "station:regulator_box"; "all" for the summary. */
  key: string
  name: string
  /** Segments and facilities in service with a planned frequency. */
  targets: number
  /** Patrol days the plan asks for in the period (应巡天数). */
  required: number
  /** Distinct days patrolled, at most the plan per target (已巡天数). */
  done: number
  /** done / required, 0..1; null when nothing is planned. */
  rate: number | null
  /** Targets patrolled on fewer days than planned. */
  behind: number
}

export interface PatrolCompletion {
  /** Lowest rate first. */
  items: PatrolCompletionStat[]
  summary: PatrolCompletionStat
  /** The period, YYYY-MM-DD. */
  from: string
  to: string
}

/** A segment or facility patrolled less often than planned in the period. */
export interface PatrolBehindTarget {
  target_kind: PatrolTargetKind
  target_kind_name: string
  target_id: number
  target_code: string
  /** A facility's name; a segment's code. */
  target_name: string
  target_class_name: string
  enterprise_id: number
  enterprise_name: string
  region_code: string
  region_name: string
  /** Days between patrols in the plan. */
  interval_days: number
  required: number
  done: number
  /** The last day patrolled within the period (null: none in the period). */
  last_patrolled_on: string | null
}

/** The targets behind plan (largest shortfall first) and the period. */
export interface PatrolBehindPage extends Page<PatrolBehindTarget> {
  from: string
  to: string
}

/** The planned frequency of one pressure class or facility kind. */
export interface PatrolPlanEntry {
  target_kind: PatrolTargetKind
  /** A pressure class (medium_b) or a facility kind (regulator_box). */
  class: string
  class_name: string
  /** Days between patrols. */
  interval_days: number
}
