// The one map's community, bottled-LPG and monitoring-point layers and its filters: tile addresses with the filter
// query, the size of a community by its users, colours, legends and the fields of the side panel.
// Pure (no MapLibre, no DOM), so they are unit tested.

import type { MonitoringPoint, PointState } from '@/api/monitoring'
import type { Community, DeviceStat, StationKind } from '@/api/types'
import type { Field } from '@/utils/assetFields'
import { formatDateTime } from '@/utils/datetime'
import { dash, formatCoord, formatNumber } from '@/utils/format'
import { POINT_STATES, POINT_STATE_COLORS, formatReading } from '@/utils/monitoring'
import { SAFETY_DEVICES } from '@/utils/labels'
import { formatRate } from '@/utils/rate'

/** The vector tile layers of the server. */
export type MapTileLayer = 'pipelines' | 'stations' | 'communities' | 'lpg'

/** What the map is narrowed to (always within the account's own scope: the server sees to that). */
export interface MapFilter {
  /** A county (or the city) code. */
  region_code?: string
  enterprise_id?: number
}

/** The XYZ template of a tile layer with the filter's query (absolute: MapLibre's workers fetch it). */
export function filteredTileUrl(origin: string, layer: MapTileLayer, filter: MapFilter = {}): string {
  const q = new URLSearchParams()
  if (filter.enterprise_id !== undefined && Number.isSafeInteger(filter.enterprise_id)) {
    q.set('enterprise_id', String(filter.enterprise_id))
  }
  if (filter.region_code) q.set('region_code', filter.region_code)
  const query = q.toString()
  return `${origin.replace(/\/+$/, '')}/api/v1/map/tiles/${layer}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`
}

/** The station kinds of bottled LPG (瓶装燃气供应点): drawn by the `lpg` layer, not as stations. */
export const LPG_KINDS: readonly StationKind[] = ['lpg_station', 'bottle_supply_point']
export const isLpgKind = (kind: unknown): boolean => LPG_KINDS.includes(kind as StationKind)

/**
 * Community discs: translucent with a solid outline (set apart from the solid facility dots),
 * residential communities green, villages olive.
 */
export const COMMUNITY_COLORS: Record<string, string> = {
  community: '#43a047',
  village: '#afb42b',
}
export const COMMUNITY_OUTLINES: Record<string, string> = {
  community: '#2e7d32',
  village: '#827717',
}
export const COMMUNITY_FILL_OPACITY = 0.32

/** LPG symbol colours: storage/filling stations deep red-brown, supply points orange. */
export const LPG_COLORS: Record<string, string> = {
  lpg_station: '#bf360c',
  bottle_supply_point: '#f57c00',
}

/**
 * Circle radius (px) of a community with `users` gas users at a zoom: grows with the square root of
 * the users (the area with the number), and with the zoom. Capped at 5,000 users.
 */
const SIZE_BY_ZOOM: [zoom: number, base: number, perSqrtUser: number][] = [
  [8, 2, 0.08],
  [11, 4, 0.18],
  [14, 7, 0.35],
  [17, 11, 0.55],
]
const USERS_CAP = 5000

export function communityRadius(users: number, zoom: number): number {
  const u = Math.sqrt(Math.min(USERS_CAP, Math.max(0, Number.isFinite(users) ? users : 0)))
  const at = (i: number) => SIZE_BY_ZOOM[i][1] + SIZE_BY_ZOOM[i][2] * u
  if (zoom <= SIZE_BY_ZOOM[0][0]) return at(0)
  for (let i = 1; i < SIZE_BY_ZOOM.length; i++) {
    const [z1] = SIZE_BY_ZOOM[i]
    if (zoom <= z1) {
      const z0 = SIZE_BY_ZOOM[i - 1][0]
      const t = (zoom - z0) / (z1 - z0)
      return at(i - 1) + (at(i) - at(i - 1)) * t
    }
  }
  return at(SIZE_BY_ZOOM.length - 1)
}

/** The same radius as a MapLibre expression (zoom on the outside, as the style spec requires). */
export function communityRadiusExpression(): unknown[] {
  const sqrtUsers = ['sqrt', ['min', USERS_CAP, ['max', 0, ['to-number', ['get', 'users'], 0]]]]
  const out: unknown[] = ['interpolate', ['linear'], ['zoom']]
  for (const [z, base, k] of SIZE_BY_ZOOM) out.push(z, ['+', base, ['*', k, sqrtUsers]])
  return out
}

/** The legend of community sizes: sample user counts and their circle diameter at street level. */
export const COMMUNITY_SIZE_LEGEND_ZOOM = 13
export const COMMUNITY_SIZE_LEGEND = [100, 500, 2000].map((users) => ({
  users,
  label: formatNumber(users),
  diameter: Math.round(communityRadius(users, COMMUNITY_SIZE_LEGEND_ZOOM) * 2),
}))

/** LPG icon size by zoom (1 = the icon's own 22 px). */
export const LPG_ICON_SIZE: unknown[] = ['interpolate', ['linear'], ['zoom'], 10, 0.55, 14, 0.85, 17, 1.05]

/** The community's own fields for the side panel. */
export function communityFields(c: Community): Field[] {
  return [
    { key: 'code', label: '小区编号', value: c.code },
    { key: 'kind', label: '类型', value: c.kind === 'village' ? '村' : '居民小区' },
    { key: 'region', label: '所属区划', value: c.region_name },
    { key: 'township', label: '乡镇(街道)', value: dash(c.township) },
    { key: 'enterprise', label: '供气企业', value: c.enterprise_name },
    { key: 'address', label: '地址', value: dash(c.address) },
    { key: 'lng', label: '经度', value: formatCoord(c.lng) },
    { key: 'lat', label: '纬度', value: formatCoord(c.lat) },
  ]
}

/** The users of a community and their safety devices (技防设施) for the side panel. */
export function communityUserFields(stat: DeviceStat | null): Field[] {
  const users = stat?.users ?? 0
  return [
    { key: 'users', label: '燃气用户', value: `${formatNumber(users)} 户` },
    ...SAFETY_DEVICES.map((d) => ({
      key: `rate-${d.value}`,
      label: d.short,
      value: stat ? formatRate(stat[`${d.value}_rate`], users) : '—',
    })),
  ]
}

/** Monitoring points: dots coloured by their state (正常 green, 报警 red, 离线 grey, 未上报 light grey). */
export const MONITORING_LEGEND: { value: PointState; label: string; color: string }[] = POINT_STATES.map((s) => ({
  value: s.value,
  label: s.label,
  color: POINT_STATE_COLORS[s.value],
}))

/** Points in alarm are drawn on top of the others. */
export const MONITORING_SORT_KEY: unknown[] = ['match', ['get', 'state'], 'alarm', 3, 'offline', 2, 'normal', 1, 0]

/** The monitoring point's fields for the side panel. */
export function monitoringPointFields(p: MonitoringPoint): Field[] {
  return [
    { key: 'code', label: '监测点编号', value: p.code },
    { key: 'kind', label: '监测类型', value: p.kind_name },
    { key: 'enterprise', label: '所属企业', value: p.enterprise_name },
    { key: 'region', label: '所属区划', value: p.region_name },
    { key: 'target', label: '监测对象', value: `${p.target_type_name} ${p.target_name ?? p.target_code ?? ''}`.trim() },
    { key: 'value', label: '实时值', value: formatReading(p.live.value, p.unit) },
    { key: 'state', label: '状态', value: p.live.condition_name ? `${p.live.state_name}（${p.live.condition_name}）` : p.live.state_name },
    { key: 'at', label: '上报时间', value: p.live.at ? formatDateTime(p.live.at) : '尚未上报' },
    { key: 'lng', label: '经度', value: formatCoord(p.lng) },
    { key: 'lat', label: '纬度', value: formatCoord(p.lat) },
  ]
}
