// The tabs of the 运行监测 pages (the first is the default, left out of the URL).

/** 监测点台账, 统计 */
export const POINT_TABS = ['ledger', 'stats'] as const
export type PointTab = (typeof POINT_TABS)[number]

/** 待处置, 全部, 处置统计 */
export const ALARM_TABS = ['open', 'all', 'stats'] as const
export type AlarmTab = (typeof ALARM_TABS)[number]
export type AlarmListTab = Exclude<AlarmTab, 'stats'>

/** 视频监控: one view (the wall of cameras). */
export const VIDEO_TABS = ['grid'] as const
export type VideoTab = (typeof VIDEO_TABS)[number]
