// The tabs of the safety pages (the first is the default, left out of the URL).

/** 安检记录, 安检完成率, 未按期安检用户 */
export const HOME_INSPECTION_TABS = ['records', 'completion', 'due'] as const
export type HomeInspectionTab = (typeof HOME_INSPECTION_TABS)[number]

/** 隐患台账, 整改统计 */
export const HAZARD_TABS = ['ledger', 'rectification'] as const
export type HazardTab = (typeof HAZARD_TABS)[number]

/** 工地台账, 施工统计 */
export const CONSTRUCTION_TABS = ['sites', 'stats'] as const
export type ConstructionTab = (typeof CONSTRUCTION_TABS)[number]
