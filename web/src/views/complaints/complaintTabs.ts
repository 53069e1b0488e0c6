// The tabs of the 投诉举报 page: three lists at /complaints/cases (the first is the default, left out
// of the URL) and the statistics at /complaints/stats.

/** 待办, 全部案件, 超时督办 */
export const CASE_LIST_TABS = ['todo', 'all', 'overdue'] as const
export type CaseListTab = (typeof CASE_LIST_TABS)[number]

/** The list tabs and 统计分析. */
export type CasePageTab = CaseListTab | 'stats'

/** The statistics route has one tab (for useStatsTab). */
export const CASE_STATS_TABS = ['stats'] as const
