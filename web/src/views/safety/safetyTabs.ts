// The tabs of the safety pages (the first is the default, left out of the URL).

/** 安检记录, 安检完成率, 未按期安检用户 */
export const HOME_INSPECTION_TABS = ['records', 'completion', 'due'] as const
export type HomeInspectionTab = (typeof HOME_INSPECTION_TABS)[number]

/** 隐患台账, 整改统计 */
export const HAZARD_TABS = ['ledger', 'rectification'] as const
export type HazardTab = (typeof HAZARD_TABS)[number]

/** 工地台账, 施工统计 */
export const THIRD_PARTY_CONSTRUCTION_TABS = ['sites', 'stats'] as const
export type ThirdPartyConstructionTab = (typeof THIRD_PARTY_CONSTRUCTION_TABS)[number]

/** 危险源台账, 统计 */
export const MAJOR_HAZARD_TABS = ['ledger', 'stats'] as const
export type MajorHazardTab = (typeof MAJOR_HAZARD_TABS)[number]

/** 完成率, 未达标对象, 巡查记录 */
export const PATROL_TABS = ['completion', 'behind', 'records'] as const
export type PatrolTab = (typeof PATROL_TABS)[number]

/** The record types imported on the 重大危险源 page: the sources, their assessments, their maintenance. */
export type MajorHazardImport = 'sources' | 'assessments' | 'maintenance'
