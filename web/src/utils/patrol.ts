// Patrols (巡查巡检) as people read them: the planned frequency ("每3天一次"), when a patrol was
// made, its track (length, points, the box a map fits to), the period of the completion figures
// (default the 30 days ending today, at most a year), the chart of the lowest rates and the links
// from the completion to the targets behind plan. Pure (no MapLibre, no DOM), so they are unit tested.

import type {
  LineStringGeometry,
  Patrol,
  PatrolCompletionGroup,
  PatrolCompletionStat,
  PatrolPlanEntry,
  PatrolTargetKind,
  PatrolTrack,
} from '@/api/types'
import { formatDate, isIsoDate } from './datetime'
import { DASH, formatNumber } from './format'
import { bboxOf, type Bbox } from './mapStyle'

/** The planned frequency: "每天一次", "每3天一次"; "—" for no interval. */
export function planText(intervalDays: number | null | undefined): string {
  if (intervalDays === null || intervalDays === undefined || !Number.isFinite(intervalDays) || intervalDays < 1) return DASH
  return intervalDays === 1 ? '每天一次' : `每${intervalDays}天一次`
}

/** The classes of one target kind grouped by frequency, the most frequent first (names in the server's order). */
export function planByInterval(plan: readonly PatrolPlanEntry[], kind: PatrolTargetKind) {
  const groups = new Map<number, string[]>()
  for (const e of plan) {
    if (e.target_kind !== kind) continue
    const names = groups.get(e.interval_days) ?? []
    names.push(e.class_name)
    groups.set(e.interval_days, names)
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([interval, names]) => ({ interval, text: planText(interval), names }))
}

/** When a patrol was made: "2026-11-29 10:27", the day alone without a time. */
export function patrolWhen(p: Pick<Patrol, 'patrolled_on' | 'patrolled_time'>): string {
  if (!p.patrolled_on) return DASH
  return p.patrolled_time ? `${p.patrolled_on} ${p.patrolled_time}` : p.patrolled_on
}

/** A track's length: "850 米" below a kilometre, "1.23 公里" from it; "—" without a length. */
export function formatTrackLength(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m) || m < 0) return DASH
  if (m < 1000) return `${formatNumber(Math.round(m))} 米`
  return `${formatNumber(m / 1000, 2)} 公里`
}

/** The colour of a patrol's track on a map (not one of the pressure classes' or station kinds'). */
export const PATROL_TRACK_COLOR = '#7c4dff'

/** The positions of a track (a line's, or the points checked). */
export function trackCoordinates(track: PatrolTrack | null | undefined): [number, number][] {
  if (!track || !Array.isArray(track.coordinates)) return []
  return track.coordinates.filter((c) => Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]))
}

/** A track in a few words: "轨迹 1.23 公里", "打卡点 3 个"; "无" without one. */
export function trackSummary(p: Pick<Patrol, 'track' | 'track_length_m'>): string {
  const t = p.track
  if (!t) return '无'
  if (t.type === 'MultiPoint') return `打卡点 ${trackCoordinates(t).length} 个`
  const len = formatTrackLength(p.track_length_m)
  return len === DASH ? '轨迹' : `轨迹 ${len}`
}

/** The segment or facility patrolled, where it is (for the map of a patrol). */
export type PatrolTargetShape =
  | { kind: 'segment'; code: string; geometry: LineStringGeometry; pressure_class: string }
  | { kind: 'station'; code: string; lng: number; lat: number; station_kind: string }

/** The box of a track and any other positions (the patrolled segment or facility): what a map fits to. */
export function trackBbox(track: PatrolTrack | null | undefined, others: readonly [number, number][] = []): Bbox | null {
  let box = bboxOf(trackCoordinates(track))
  if (others.length) box = bboxOf(others, box ?? undefined) ?? box
  return box
}

/** The start and the end of a line track as GeoJSON points (for markers); none for points checked. */
export function trackEnds(track: PatrolTrack | null | undefined) {
  const c = trackCoordinates(track)
  if (track?.type !== 'LineString' || c.length < 2) return { type: 'FeatureCollection' as const, features: [] }
  const end = (at: [number, number], role: 'start' | 'end') => ({
    type: 'Feature' as const,
    properties: { role, label: role === 'start' ? '起' : '终' },
    geometry: { type: 'Point' as const, coordinates: at },
  })
  return { type: 'FeatureCollection' as const, features: [end(c[0], 'start'), end(c[c.length - 1], 'end')] }
}

// ---- the period --------------------------------------------------------------------------------

const DAY_MS = 86_400_000

/** Days from one YYYY-MM-DD to another, both counted ("2026-11-01" to "2026-11-30": 30). */
export function periodDays(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 0
  return Math.round((b - a) / DAY_MS) + 1
}

/** The default period of the completion: the 30 days ending today (Shanghai), as the server takes it. */
export function defaultPeriod(now: Date = new Date()): [string, string] {
  const to = formatDate(now)
  const from = formatDate(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS + 12 * 3_600_000))
  return [from, to]
}

/** Why the server would refuse a period (422), or null: both dates, in order, at most a year apart. */
export function periodProblem(from: string, to: string): string | null {
  if (!isIsoDate(from) || !isIsoDate(to)) return '请选择统计期的开始和结束日期'
  if (from > to) return '开始日期不能晚于结束日期'
  if (periodDays(from, to) - 1 > 366) return '统计区间不能超过一年'
  return null
}

/** "2026-10-31 至 2026-11-29（30 天）" */
export function periodText(from: string, to: string): string {
  if (!from || !to) return DASH
  return `${from} 至 ${to}（${periodDays(from, to)} 天）`
}

// ---- the completion ----------------------------------------------------------------------------

/** The chart shows at most this many groups (the lowest rates). */
export const PATROL_CHART_MAX = 20

/** The groups of the chart: those with planned patrols, lowest rate first (ties: more planned days first), at most `max`. */
export function patrolChartItems(items: readonly PatrolCompletionStat[], max = PATROL_CHART_MAX): PatrolCompletionStat[] {
  return items
    .filter((i) => i.required > 0 && i.rate !== null)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.rate ?? 0) - (b.item.rate ?? 0) || b.item.required - a.item.required || a.index - b.index)
    .slice(0, Math.max(0, max))
    .map((x) => x.item)
}

/** The filters of the completion the list of targets behind plan shares. */
export interface PatrolScope {
  region_code?: string
  enterprise_id?: number
  target_kind?: PatrolTargetKind | ''
  from?: string
  to?: string
}

/**
 * The 未达标对象 query of a group of the completion: the period and filters in force with the
 * group's key as a filter. Null for a group that list cannot filter by (a pressure class or a
 * facility kind: it filters by the target kind only).
 */
export function behindQueryOf(group: PatrolCompletionGroup, key: string, scope: PatrolScope = {}): Record<string, string> | null {
  const q: Record<string, string> = { tab: 'behind' }
  for (const [k, v] of Object.entries(scope)) {
    if (v !== undefined && v !== null && v !== '') q[k] = String(v)
  }
  switch (group) {
    case 'enterprise':
      if (!/^[1-9]\d*$/.test(key)) return null
      q.enterprise_id = key
      break
    case 'region':
      if (!/^\d{6,12}$/.test(key)) return null
      q.region_code = key
      break
    default:
      return null
  }
  return q
}

/** Patrol days short of the plan. */
export const shortfall = (t: { required: number; done: number }): number => Math.max(0, t.required - t.done)
