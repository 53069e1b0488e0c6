// List state (filters, page, size, sort) kept in the URL query, so reloads, the back button and
// shared links show the same rows.

import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

function first(v: LocationQuery[string] | undefined): string {
  if (Array.isArray(v)) return v[0] ?? ''
  return v ?? ''
}

/** A string filter from the query ("" when absent). */
export function queryString(q: LocationQuery, key: string): string {
  return first(q[key]).trim()
}

/** A string filter limited to known values ("" when absent or unknown). */
export function queryEnum<T extends string>(q: LocationQuery, key: string, allowed: readonly T[]): T | '' {
  const v = first(q[key])
  return (allowed as readonly string[]).includes(v) ? (v as T) : ''
}

/** A record id filter (a positive integer) from the query, undefined when absent or invalid. */
export function queryId(q: LocationQuery, key: string): number | undefined {
  const v = first(q[key]).trim()
  if (!/^[1-9][0-9]{0,15}$/.test(v)) return undefined
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : undefined
}

export function queryPage(q: LocationQuery): number {
  const n = Number.parseInt(first(q.page), 10)
  return Number.isFinite(n) && n >= 1 ? n : 1
}

export function queryPageSize(q: LocationQuery): number {
  const n = Number.parseInt(first(q.page_size), 10)
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE
}

/** The query for a list state: empty values and defaults are left out. */
export function toRouteQuery(state: Record<string, string | number | undefined | null>): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '') continue
    if (k === 'page' && v === 1) continue
    if (k === 'page_size' && v === DEFAULT_PAGE_SIZE) continue
    out[k] = String(v)
  }
  return out
}

/** The `sort` parameter from an Element Plus sort-change event. */
export function sortParam(prop: string | null | undefined, order: 'ascending' | 'descending' | null | undefined): string {
  if (!prop || !order) return ''
  return order === 'descending' ? `-${prop}` : prop
}

/** The table's default-sort from a `sort` parameter. */
export function tableSort(sort: string): { prop: string; order: 'ascending' | 'descending' } | undefined {
  if (!sort) return undefined
  return sort.startsWith('-') ? { prop: sort.slice(1), order: 'descending' } : { prop: sort, order: 'ascending' }
}

/** The tab a URL shows: its `tab` when it is one of `tabs`, else the first. */
export function queryTab<T extends string>(q: LocationQuery, tabs: readonly T[]): T {
  const t = queryString(q, 'tab')
  return (tabs as readonly string[]).includes(t) ? (t as T) : tabs[0]
}

/** The `tab` query value of a tab (none for the first, the default). */
export function tabParam<T extends string>(tab: T, tabs: readonly T[]): T | undefined {
  return tab === tabs[0] ? undefined : tab
}

/** A yes/no filter from the query: true, false, or undefined when absent or anything else. */
export function queryBool(q: LocationQuery, key: string): boolean | undefined {
  const v = first(q[key]).trim()
  return v === 'true' ? true : v === 'false' ? false : undefined
}
