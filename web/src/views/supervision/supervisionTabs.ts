// The tabs of the 监督检查 page (the first is the default, left out of the URL).

/** 检查任务, 差异对比 */
export const SUPERVISION_TABS = ['tasks', 'discrepancies'] as const
export type SupervisionTab = (typeof SUPERVISION_TABS)[number]
