// The tabs of the asset ledger pages (the first is the default, left out of the URL) and the
// fields their servers sort by.

export const PIPELINE_TABS = ['ledger', 'stats'] as const
export const STATION_TABS = ['ledger', 'stats'] as const

export const PIPELINE_SORTABLE = ['code', 'length_m', 'construction_year'] as const
export const STATION_SORTABLE = ['code', 'name', 'commissioned_on'] as const
