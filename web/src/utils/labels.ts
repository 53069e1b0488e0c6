// Chinese names of the codes the API uses (shared/GLOSSARY.md; the server's domain crate).

import type {
  AssessmentConclusion,
  CertificateStatus,
  CirculationState,
  CommunityKind,
  CylinderAnomalyKind,
  CylinderEventKind,
  CylinderStatus,
  DueState,
  EnterpriseKind,
  EnterpriseStatus,
  FilingAttachmentKind,
  FilingState,
  GasType,
  GasUserCategory,
  GasUserStatus,
  HazardLevel,
  HazardSource,
  HazardState,
  InspectionOutcome,
  MaintenanceResult,
  MajorHazardOverdue,
  OrgKind,
  PatrolResult,
  PatrolTargetKind,
  PipeMaterial,
  PractitionerPost,
  PressureClass,
  PractitionerStatus,
  Role,
  SafetyDevice,
  SegmentStatus,
  StationKind,
  StationStatus,
  ThirdPartyConstructionStatus,
  TrainingKind,
  TrainingResult,
} from '@/api/types'

/** The colours of Element Plus tags (and timeline dots). */
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

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
  { value: 'practitioner.training', label: '登记培训考核记录' },
  { value: 'pipeline.', label: '燃气管网（全部）' },
  { value: 'pipeline.import', label: '导入管段' },
  { value: 'station.', label: '厂站设施（全部）' },
  { value: 'station.import', label: '导入厂站设施' },
  { value: 'community.import', label: '导入小区' },
  { value: 'gas_user.import', label: '导入燃气用户' },
  { value: 'cylinder.', label: '瓶装燃气（全部）' },
  { value: 'cylinder.import', label: '登记钢瓶' },
  { value: 'cylinder.filling_refused', label: '拒绝充装（违规）' },
  { value: 'cylinder.scrap', label: '钢瓶报废' },
  { value: 'filing.', label: '接入备案（全部）' },
  { value: 'filing.submit', label: '提交接入备案' },
  { value: 'filing.approve', label: '备案审核通过' },
  { value: 'filing.return', label: '退回接入备案' },
  { value: 'filing.resubmit', label: '重新提交备案' },
  { value: 'filing.attach', label: '上传备案附件' },
  { value: 'home_inspection.import', label: '导入入户安检记录' },
  { value: 'hazard.', label: '隐患整改（全部）' },
  { value: 'hazard.import', label: '导入隐患' },
  { value: 'hazard.start', label: '开始整改' },
  { value: 'hazard.submit', label: '提交复核' },
  { value: 'hazard.close', label: '复核销号' },
  { value: 'hazard.reject', label: '退回整改' },
  { value: 'hazard.photo', label: '上传整改照片' },
  { value: 'hazard.overdue', label: '超期督办' },
  { value: 'third_party_construction.import', label: '导入第三方施工工地' },
  { value: 'major_hazard.', label: '重大危险源（全部）' },
  { value: 'major_hazard.import', label: '导入重大危险源' },
  { value: 'major_hazard.assessment', label: '导入安全评估' },
  { value: 'major_hazard.maintenance', label: '导入维护保养记录' },
  { value: 'major_hazard.report', label: '上传评估报告' },
  { value: 'patrol.import', label: '导入巡查记录' },
  { value: 'supervision.', label: '监督检查（全部）' },
  { value: 'supervision.issue', label: '下达监督检查任务' },
  { value: 'supervision.assign', label: '分派检查项' },
  { value: 'supervision.record', label: '提交检查结果' },
  { value: 'supervision.photo', label: '上传现场照片' },
  { value: 'ledger.export', label: '导出台账' },
  { value: 'demo.load', label: '加载演示数据' },
]

export const AUDIT_OUTCOMES: Option<'success' | 'failure'>[] = [
  { value: 'success', label: '成功' },
  { value: 'failure', label: '失败' },
]

/**
 * What an audit entry is about: a record (`gas_user` …), or for 导出台账 (`ledger.export`) the
 * ledger, by the record type's name in the data standard (`gas-users` …).
 */
export const AUDIT_TARGET_TYPES: Record<string, string> = {
  user: '账号',
  enterprise: '企业',
  practitioner: '从业人员',
  pipeline_segment: '管段',
  station: '厂站设施',
  org: '单位',
  community: '居民小区',
  gas_user: '燃气用户',
  cylinder: '钢瓶',
  cylinder_filling: '充装记录',
  access_filing: '接入备案',
  home_inspection: '入户安检记录',
  hazard: '隐患',
  third_party_construction: '第三方施工工地',
  major_hazard_source: '重大危险源',
  patrol: '巡查记录',
  check_task: '监督检查任务',
  check_item: '检查项',
  enterprises: '企业台账',
  practitioners: '从业人员台账',
  'practitioner-trainings': '培训考核记录',
  'pipeline-segments': '燃气管网台账',
  stations: '厂站设施台账',
  communities: '居民小区台账',
  'gas-users': '燃气用户台账',
  cylinders: '钢瓶台账',
  'cylinder-fillings': '钢瓶充装记录',
  'cylinder-movements': '钢瓶流转记录',
  'home-inspections': '入户安检记录',
  'home-inspection-due': '未按期安检用户',
  hazards: '隐患台账',
  'third-party-constructions': '第三方施工台账',
  'major-hazard-sources': '重大危险源台账',
  'major-hazard-assessments': '重大危险源安全评估',
  'major-hazard-maintenance': '重大危险源设备设施维护保养',
  patrols: '巡查巡检记录',
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

export const COMMUNITY_KINDS: Option<CommunityKind>[] = [
  { value: 'community', label: '小区' },
  { value: 'village', label: '村' },
]

/** 居民 and the four kinds of 非居民 users. */
export const GAS_USER_CATEGORIES: Option<GasUserCategory>[] = [
  { value: 'household', label: '居民' },
  { value: 'catering', label: '餐饮' },
  { value: 'industrial', label: '工业' },
  { value: 'institutional', label: '机关事业单位' },
  { value: 'commercial', label: '商业' },
]

export const GAS_TYPES: Option<GasType>[] = [
  { value: 'pipeline_ng', label: '管道天然气' },
  { value: 'bottled_lpg', label: '瓶装液化石油气' },
]

export const GAS_USER_STATUSES: Option<GasUserStatus>[] = [
  { value: 'active', label: '正常' },
  { value: 'closed', label: '销户' },
]

/** The safety devices (技防设施) in the order the API lists them; `short` fits a table cell. */
export type SafetyDeviceOption = Option<SafetyDevice> & { short: string }

export const SAFETY_DEVICES: SafetyDeviceOption[] = [
  { value: 'leak_alarm', label: '燃气泄漏报警器', short: '报警器' },
  { value: 'auto_shutoff_valve', label: '自动切断阀', short: '切断阀' },
  { value: 'self_closing_valve', label: '自闭阀', short: '自闭阀' },
  { value: 'metal_hose', label: '金属软管', short: '金属软管' },
  { value: 'flame_failure_cooker', label: '熄火保护灶具', short: '熄火保护' },
]

/** The devices a user lacks, in the order of SAFETY_DEVICES. */
export function missingDevices(user: Record<SafetyDevice, boolean>): SafetyDeviceOption[] {
  return SAFETY_DEVICES.filter((d) => !user[d.value])
}

/** Cylinder specifications of the import template (GB 5842). */
export const CYLINDER_SPECS = ['YSP-5', 'YSP-10', 'YSP-15', 'YSP-50'] as const

export const CYLINDER_STATUSES: Option<CylinderStatus>[] = [
  { value: 'in_use', label: '在用' },
  { value: 'due', label: '待检验' },
  { value: 'scrapped', label: '报废' },
]

/** Tag colour of a cylinder status: in use green, overdue for inspection red, scrapped grey. */
export const CYLINDER_STATUS_TAGS: Record<CylinderStatus, TagType> = {
  in_use: 'success',
  due: 'danger',
  scrapped: 'info',
}

/** The circulation of a cylinder: filled → delivered → at_user → returned → scrapped. */
export const CIRCULATION_STATES: Option<CirculationState>[] = [
  { value: 'filled', label: '已充装' },
  { value: 'delivered', label: '配送中' },
  { value: 'at_user', label: '用户使用中' },
  { value: 'returned', label: '已回收' },
  { value: 'scrapped', label: '已报废' },
]

export const CIRCULATION_TAGS: Record<CirculationState, TagType> = {
  filled: 'primary',
  delivered: 'warning',
  at_user: 'success',
  returned: 'info',
  scrapped: 'info',
}

/** The steps of a cylinder's trace (充装, 拒绝充装 and the circulation events). */
export const CYLINDER_EVENT_KINDS: Option<CylinderEventKind>[] = [
  { value: 'filled', label: '充装' },
  { value: 'refused', label: '拒绝充装' },
  { value: 'delivered', label: '配送出站' },
  { value: 'at_user', label: '入户使用' },
  { value: 'returned', label: '回收' },
  { value: 'scrapped', label: '报废' },
]

export const CYLINDER_EVENT_TAGS: Record<CylinderEventKind, TagType> = {
  filled: 'primary',
  refused: 'danger',
  delivered: 'warning',
  at_user: 'success',
  returned: 'info',
  scrapped: 'info',
}

export const CYLINDER_ANOMALY_KINDS: Option<CylinderAnomalyKind>[] = [
  { value: 'over_holding', label: '超量持有' },
  { value: 'refilled_without_return', label: '未回收即再充装' },
]

export const FILING_STATES: Option<FilingState>[] = [
  { value: 'submitted', label: '待审核' },
  { value: 'approved', label: '已备案' },
  { value: 'returned', label: '已退回' },
]

export const FILING_STATE_TAGS: Record<FilingState, TagType> = {
  submitted: 'warning',
  approved: 'success',
  returned: 'danger',
}

export const FILING_ATTACHMENT_KINDS: Option<FilingAttachmentKind>[] = [
  { value: 'design', label: '设计文件' },
  { value: 'acceptance', label: '竣工验收资料' },
  { value: 'other', label: '其他' },
]

export const TRAINING_KINDS: Option<TrainingKind>[] = [
  { value: 'training', label: '培训' },
  { value: 'exam', label: '考核' },
]

export const TRAINING_RESULTS: Option<TrainingResult>[] = [
  { value: 'passed', label: '合格' },
  { value: 'failed', label: '不合格' },
]

/** How a home safety inspection ended; only 合格 and 发现隐患 count as inspected. */
export const INSPECTION_OUTCOMES: Option<InspectionOutcome>[] = [
  { value: 'passed', label: '合格' },
  { value: 'hazard_found', label: '发现隐患' },
  { value: 'refused', label: '拒绝入户' },
  { value: 'nobody_home', label: '到访不遇' },
]

/** Passed green, hazards red, refused orange, nobody home grey. */
export const INSPECTION_OUTCOME_TAGS: Record<InspectionOutcome, TagType> = {
  passed: 'success',
  hazard_found: 'danger',
  refused: 'warning',
  nobody_home: 'info',
}

/** Why a user is due for a home inspection. */
export const DUE_STATES: Option<DueState>[] = [
  { value: 'never', label: '从未安检' },
  { value: 'lapsed', label: '已超期' },
]

/** Hazard levels, the lightest first. */
export const HAZARD_LEVELS: Option<HazardLevel>[] = [
  { value: 'general', label: '一般隐患' },
  { value: 'larger', label: '较大隐患' },
  { value: 'major', label: '重大隐患' },
]

/** 重大 red, 较大 orange, 一般 grey. */
export const HAZARD_LEVEL_TAGS: Record<HazardLevel, TagType> = {
  general: 'info',
  larger: 'warning',
  major: 'danger',
}

/** The steps of a hazard's rectification, in order. */
export const HAZARD_STATES: Option<HazardState>[] = [
  { value: 'found', label: '待整改' },
  { value: 'rectifying', label: '整改中' },
  { value: 'awaiting_review', label: '待复核' },
  { value: 'closed', label: '已销号' },
]

/** 待整改 red, 整改中 orange, 待复核 blue, 已销号 green. */
export const HAZARD_STATE_TAGS: Record<HazardState, TagType> = {
  found: 'danger',
  rectifying: 'warning',
  awaiting_review: 'primary',
  closed: 'success',
}

/** Where hazards come from. */
export const HAZARD_SOURCES: Option<HazardSource>[] = [
  { value: 'self_inspection', label: '企业自查' },
  { value: 'patrol', label: '巡查巡检' },
  { value: 'home_inspection', label: '入户安检' },
  { value: 'spot_check', label: '监督抽查' },
  { value: 'complaint', label: '投诉' },
  { value: 'report', label: '举报' },
]

/** Where a third-party construction site stands, by its dates and today. */
export const THIRD_PARTY_CONSTRUCTION_STATUSES: Option<ThirdPartyConstructionStatus>[] = [
  { value: 'planned', label: '未开工' },
  { value: 'active', label: '施工中' },
  { value: 'finished', label: '已完工' },
]

/** 施工中 orange (the works endanger the pipes now), 未开工 blue, 已完工 grey. */
export const THIRD_PARTY_CONSTRUCTION_STATUS_TAGS: Record<ThirdPartyConstructionStatus, TagType> = {
  planned: 'primary',
  active: 'warning',
  finished: 'info',
}

/** The levels of major hazard sources (GB 18218), 一级 the most severe; `value` as the URL has it. */
export const MAJOR_HAZARD_LEVELS: Option<'1' | '2' | '3' | '4'>[] = [
  { value: '1', label: '一级' },
  { value: '2', label: '二级' },
  { value: '3', label: '三级' },
  { value: '4', label: '四级' },
]

/** The overdue filter of the major hazard ledger. */
export const MAJOR_HAZARD_OVERDUE: Option<MajorHazardOverdue>[] = [
  { value: 'assessment', label: '安全评估超期' },
  { value: 'maintenance', label: '维护保养超期' },
  { value: 'any', label: '任一超期' },
]

/** The conclusions of a safety assessment. */
export const ASSESSMENT_CONCLUSIONS: Option<AssessmentConclusion>[] = [
  { value: 'pass', label: '合格' },
  { value: 'conditional', label: '基本合格' },
  { value: 'fail', label: '不合格' },
]

/** 合格 green, 基本合格 orange, 不合格 red. */
export const ASSESSMENT_CONCLUSION_TAGS: Record<AssessmentConclusion, TagType> = {
  pass: 'success',
  conditional: 'warning',
  fail: 'danger',
}

/** The results of an equipment maintenance. */
export const MAINTENANCE_RESULTS: Option<MaintenanceResult>[] = [
  { value: 'normal', label: '正常' },
  { value: 'repaired', label: '维修后正常' },
  { value: 'abnormal', label: '异常待处理' },
]

/** 正常 green, 维修后正常 blue, 异常待处理 red. */
export const MAINTENANCE_RESULT_TAGS: Record<MaintenanceResult, TagType> = {
  normal: 'success',
  repaired: 'primary',
  abnormal: 'danger',
}

/** What a patrol covers: a pipeline segment or a station / facility. */
export const PATROL_TARGET_KINDS: Option<PatrolTargetKind>[] = [
  { value: 'segment', label: '管段' },
  { value: 'station', label: '厂站设施' },
]

export const PATROL_RESULTS: Option<PatrolResult>[] = [
  { value: 'normal', label: '正常' },
  { value: 'abnormal', label: '发现异常' },
]

/** 正常 green, 发现异常 orange (what was found goes to the hazard ledger). */
export const PATROL_RESULT_TAGS: Record<PatrolResult, TagType> = {
  normal: 'success',
  abnormal: 'warning',
}

function tagOf<T extends string>(tags: Record<T, TagType>, value: string | null | undefined): TagType {
  return (value && (tags as Record<string, TagType>)[value]) || 'info'
}

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
export const communityKindLabel = (v: string | null | undefined) => lookup(COMMUNITY_KINDS, v)
export const gasUserCategoryLabel = (v: string | null | undefined) => lookup(GAS_USER_CATEGORIES, v)
export const gasTypeLabel = (v: string | null | undefined) => lookup(GAS_TYPES, v)
export const gasUserStatusLabel = (v: string | null | undefined) => lookup(GAS_USER_STATUSES, v)
export const safetyDeviceLabel = (v: string | null | undefined) => lookup(SAFETY_DEVICES, v)
export const cylinderStatusLabel = (v: string | null | undefined) => lookup(CYLINDER_STATUSES, v)
/** The tag colour of a cylinder status ('info' for an unknown one). */
export const cylinderStatusTag = (v: string | null | undefined) => tagOf(CYLINDER_STATUS_TAGS, v)
export const circulationLabel = (v: string | null | undefined) => lookup(CIRCULATION_STATES, v)
export const circulationTag = (v: string | null | undefined) => tagOf(CIRCULATION_TAGS, v)
export const cylinderEventLabel = (v: string | null | undefined) => lookup(CYLINDER_EVENT_KINDS, v)
export const cylinderEventTag = (v: string | null | undefined) => tagOf(CYLINDER_EVENT_TAGS, v)
export const cylinderAnomalyLabel = (v: string | null | undefined) => lookup(CYLINDER_ANOMALY_KINDS, v)
export const filingStateLabel = (v: string | null | undefined) => lookup(FILING_STATES, v)
export const filingStateTag = (v: string | null | undefined) => tagOf(FILING_STATE_TAGS, v)
export const filingAttachmentKindLabel = (v: string | null | undefined) => lookup(FILING_ATTACHMENT_KINDS, v)
export const trainingKindLabel = (v: string | null | undefined) => lookup(TRAINING_KINDS, v)
export const trainingResultLabel = (v: string | null | undefined) => lookup(TRAINING_RESULTS, v)
/** Passed green, failed red, no result grey. */
export function trainingResultTag(v: string | null | undefined): TagType {
  return v === 'passed' ? 'success' : v === 'failed' ? 'danger' : 'info'
}
export const inspectionOutcomeLabel = (v: string | null | undefined) => lookup(INSPECTION_OUTCOMES, v)
/** The tag colour of an inspection outcome ('info' for an unknown one). */
export const inspectionOutcomeTag = (v: string | null | undefined) => tagOf(INSPECTION_OUTCOME_TAGS, v)
export const dueStateLabel = (v: string | null | undefined) => lookup(DUE_STATES, v)
export const hazardLevelLabel = (v: string | null | undefined) => lookup(HAZARD_LEVELS, v)
/** The tag colour of a hazard level ('info' for an unknown one). */
export const hazardLevelTag = (v: string | null | undefined) => tagOf(HAZARD_LEVEL_TAGS, v)
export const hazardStateLabel = (v: string | null | undefined) => lookup(HAZARD_STATES, v)
/** The tag colour of a hazard state ('info' for an unknown one). */
export const hazardStateTag = (v: string | null | undefined) => tagOf(HAZARD_STATE_TAGS, v)
export const hazardSourceLabel = (v: string | null | undefined) => lookup(HAZARD_SOURCES, v)
export const thirdPartyConstructionStatusLabel = (v: string | null | undefined) => lookup(THIRD_PARTY_CONSTRUCTION_STATUSES, v)
/** The tag colour of a third-party construction site's status ('info' for an unknown one). */
export const thirdPartyConstructionStatusTag = (v: string | null | undefined) => tagOf(THIRD_PARTY_CONSTRUCTION_STATUS_TAGS, v)
export const assessmentConclusionLabel = (v: string | null | undefined) => lookup(ASSESSMENT_CONCLUSIONS, v)
/** The tag colour of an assessment's conclusion ('info' for an unknown one). */
export const assessmentConclusionTag = (v: string | null | undefined) => tagOf(ASSESSMENT_CONCLUSION_TAGS, v)
export const maintenanceResultLabel = (v: string | null | undefined) => lookup(MAINTENANCE_RESULTS, v)
/** The tag colour of a maintenance result ('info' for an unknown one). */
export const maintenanceResultTag = (v: string | null | undefined) => tagOf(MAINTENANCE_RESULT_TAGS, v)
export const patrolTargetKindLabel = (v: string | null | undefined) => lookup(PATROL_TARGET_KINDS, v)
export const patrolResultLabel = (v: string | null | undefined) => lookup(PATROL_RESULTS, v)
/** The tag colour of a patrol result ('info' for an unknown one). */
export const patrolResultTag = (v: string | null | undefined) => tagOf(PATROL_RESULT_TAGS, v)
