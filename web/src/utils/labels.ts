// Chinese names of the codes the API uses (shared/GLOSSARY.md; the server's domain crate).

import type {
  CertificateStatus,
  EnterpriseKind,
  EnterpriseStatus,
  OrgKind,
  PipeMaterial,
  PractitionerPost,
  PressureClass,
  PractitionerStatus,
  Role,
  SegmentStatus,
  StationKind,
  StationStatus,
} from '@/api/types'

export interface Option<T extends string> {
  value: T
  label: string
}

export const ENTERPRISE_KINDS: Option<EnterpriseKind>[] = [
  { value: 'pipeline_gas', label: '管道燃气' },
  { value: 'bottled_lpg', label: '瓶装液化石油气' },
  { value: 'vehicle_station', label: '汽车加气站' },
  { value: 'other', label: '其他' },
]

export const ENTERPRISE_STATUSES: Option<EnterpriseStatus>[] = [
  { value: 'active', label: '正常' },
  { value: 'inactive', label: '已停用' },
]

/** Posts of practitioners; all but 其他从业人员 must hold a certificate. */
export const PRACTITIONER_POSTS: Option<PractitionerPost>[] = [
  { value: 'principal', label: '主要负责人' },
  { value: 'safety_manager', label: '安全生产管理人员' },
  { value: 'operator', label: '运行、维护和抢修人员' },
  { value: 'other', label: '其他从业人员' },
]

/** Certificate status of a practitioner (即将到期: within 90 days). */
export const CERTIFICATE_STATUSES: Option<CertificateStatus>[] = [
  { value: 'valid', label: '有效' },
  { value: 'expiring', label: '即将到期' },
  { value: 'expired', label: '已过期' },
  { value: 'none', label: '无证' },
]

/** Tag colour of a certificate status: green, orange, red, grey. */
export const CERTIFICATE_STATUS_TAGS: Record<CertificateStatus, 'success' | 'warning' | 'danger' | 'info'> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'danger',
  none: 'info',
}

export const PRACTITIONER_STATUSES: Option<PractitionerStatus>[] = [
  { value: 'active', label: '在职' },
  { value: 'left', label: '离职' },
]

export const ROLES: Option<Role>[] = [
  { value: 'city_admin', label: '市级管理员' },
  { value: 'city_officer', label: '市级业务人员' },
  { value: 'county_admin', label: '县级管理员' },
  { value: 'county_officer', label: '县级业务人员' },
  { value: 'enterprise_admin', label: '企业管理员' },
  { value: 'enterprise_user', label: '企业用户' },
  { value: 'inspector', label: '检查人员' },
]

export const ORG_KINDS: Option<OrgKind>[] = [
  { value: 'city_authority', label: '市级燃气主管部门' },
  { value: 'county_authority', label: '县级燃气主管部门' },
  { value: 'enterprise', label: '燃气经营企业' },
]

/**
 * Actions of the audit log to filter by (the server matches the beginning of the action, so
 * "enterprise." selects every enterprise action). Names as the server gives them (`action_name`).
 */
export const AUDIT_ACTION_FILTERS: Option<string>[] = [
  { value: 'auth.', label: '登录与密码（全部）' },
  { value: 'auth.login', label: '登录' },
  { value: 'auth.logout', label: '退出登录' },
  { value: 'auth.password', label: '修改密码' },
  { value: 'user.', label: '账号管理（全部）' },
  { value: 'user.create', label: '新增账号' },
  { value: 'user.update', label: '修改账号' },
  { value: 'user.reset_password', label: '重置密码' },
  { value: 'user.lock', label: '锁定账号' },
  { value: 'user.unlock', label: '解锁账号' },
  { value: 'enterprise.', label: '企业台账（全部）' },
  { value: 'enterprise.create', label: '新增企业' },
  { value: 'enterprise.update', label: '修改企业' },
  { value: 'enterprise.deactivate', label: '停用企业' },
  { value: 'enterprise.activate', label: '启用企业' },
  { value: 'enterprise.import', label: '导入企业' },
  { value: 'enterprise.export', label: '导出企业' },
  { value: 'practitioner.', label: '从业人员（全部）' },
  { value: 'practitioner.create', label: '新增从业人员' },
  { value: 'practitioner.update', label: '修改从业人员' },
  { value: 'practitioner.import', label: '导入从业人员' },
  { value: 'practitioner.export', label: '导出从业人员' },
  { value: 'pipeline.', label: '燃气管网（全部）' },
  { value: 'pipeline.import', label: '导入管段' },
  { value: 'station.', label: '厂站设施（全部）' },
  { value: 'station.import', label: '导入厂站设施' },
]

export const AUDIT_OUTCOMES: Option<'success' | 'failure'>[] = [
  { value: 'success', label: '成功' },
  { value: 'failure', label: '失败' },
]

export const AUDIT_TARGET_TYPES: Record<string, string> = {
  user: '账号',
  enterprise: '企业',
  practitioner: '从业人员',
  station: '厂站设施',
  org: '单位',
}

/** Pressure classes of the network (GB 50028), lowest first. */
export const PRESSURE_CLASSES: Option<PressureClass>[] = [
  { value: 'low', label: '低压' },
  { value: 'medium_b', label: '中压B' },
  { value: 'medium_a', label: '中压A' },
  { value: 'subhigh_b', label: '次高压B' },
  { value: 'subhigh_a', label: '次高压A' },
  { value: 'high_b', label: '高压B' },
  { value: 'high_a', label: '高压A' },
]

export const PIPE_MATERIALS: Option<PipeMaterial>[] = [
  { value: 'steel', label: '钢管' },
  { value: 'pe', label: '聚乙烯（PE）管' },
  { value: 'grey_cast_iron', label: '灰口铸铁管' },
  { value: 'ductile_iron', label: '球墨铸铁管' },
  { value: 'galvanised_steel', label: '镀锌钢管' },
  { value: 'composite', label: '钢骨架复合管' },
  { value: 'other', label: '其他' },
]

export const SEGMENT_STATUSES: Option<SegmentStatus>[] = [
  { value: 'in_service', label: '在用' },
  { value: 'abandoned', label: '废弃' },
]

export const STATION_KINDS: Option<StationKind>[] = [
  { value: 'gate_station', label: '门站' },
  { value: 'storage_distribution', label: '储配站' },
  { value: 'lng_station', label: 'LNG气化站' },
  { value: 'cng_station', label: 'CNG站' },
  { value: 'regulator_station', label: '调压站' },
  { value: 'regulator_box', label: '调压箱（柜）' },
  { value: 'lpg_station', label: '液化石油气储配站' },
  { value: 'bottle_supply_point', label: '瓶装液化石油气供应站' },
  { value: 'valve', label: '阀门（井）' },
  { value: 'other', label: '其他' },
]

export const STATION_STATUSES: Option<StationStatus>[] = [
  { value: 'in_service', label: '在用' },
  { value: 'out_of_service', label: '停用' },
]

function lookup<T extends string>(options: Option<T>[], value: string | null | undefined): string {
  if (!value) return ''
  return options.find((o) => o.value === value)?.label ?? value
}

export const enterpriseKindLabel = (v: string | null | undefined) => lookup(ENTERPRISE_KINDS, v)
export const enterpriseStatusLabel = (v: string | null | undefined) => lookup(ENTERPRISE_STATUSES, v)
export const practitionerPostLabel = (v: string | null | undefined) => lookup(PRACTITIONER_POSTS, v)
export const certificateStatusLabel = (v: string | null | undefined) => lookup(CERTIFICATE_STATUSES, v)
export const practitionerStatusLabel = (v: string | null | undefined) => lookup(PRACTITIONER_STATUSES, v)
/** The tag colour of a certificate status ('info' for an unknown one). */
export function certificateStatusTag(v: string | null | undefined): 'success' | 'warning' | 'danger' | 'info' {
  return (v && CERTIFICATE_STATUS_TAGS[v as CertificateStatus]) || 'info'
}
export const pressureClassLabel = (v: string | null | undefined) => lookup(PRESSURE_CLASSES, v)
export const pipeMaterialLabel = (v: string | null | undefined) => lookup(PIPE_MATERIALS, v)
export const segmentStatusLabel = (v: string | null | undefined) => lookup(SEGMENT_STATUSES, v)
export const stationKindLabel = (v: string | null | undefined) => lookup(STATION_KINDS, v)
export const stationStatusLabel = (v: string | null | undefined) => lookup(STATION_STATUSES, v)
export const roleLabel = (v: string | null | undefined) => lookup(ROLES, v)
export const orgKindLabel = (v: string | null | undefined) => lookup(ORG_KINDS, v)
/** The Chinese name of an audit entry's action: the server's, else one of the filter list, else the code. */
export function auditActionLabel(action: string, serverName?: string | null): string {
  if (serverName && serverName !== '其他操作') return serverName
  return AUDIT_ACTION_FILTERS.find((o) => o.value === action)?.label ?? serverName ?? action
}
export const auditTargetTypeLabel = (v: string | null | undefined) => (v ? AUDIT_TARGET_TYPES[v] ?? v : '')
export const outcomeLabel = (v: string | null | undefined) => lookup(AUDIT_OUTCOMES, v)
