// The tabs of the ledger pages (the first is the default, left out of the URL) and the fields their
// servers sort by.

export const PIPELINE_TABS = ['ledger', 'stats'] as const
export const STATION_TABS = ['ledger', 'stats'] as const
/** 燃气用户台账, 居民小区, 技防设施安装率 */
export const GAS_USER_TABS = ['users', 'communities', 'stats'] as const
/** 钢瓶台账, 钢瓶追溯, 违规充装, 异常流转 */
export const LPG_TABS = ['cylinders', 'trace', 'violations', 'anomalies'] as const

export const PIPELINE_SORTABLE = ['code', 'length_m', 'construction_year'] as const
export const STATION_SORTABLE = ['code', 'name', 'commissioned_on'] as const

/** The record types imported on the 瓶装燃气 page. */
export type LpgImport = 'cylinders' | 'cylinder-fillings' | 'cylinder-movements'
