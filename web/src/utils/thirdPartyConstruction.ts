// Third-party construction (第三方施工) as people read it: the pipelines near a site in one line,
// the works' period, the protection agreement, the fields of the map's side panel, the links from
// the statistics to the ledger, and the site's shapes on a map (colours, the search range, the box
// to fit). Pure (no MapLibre, no DOM), so they are unit tested.

import type {
  NearbySegment,
  PolygonGeometry,
  SiteGeometry,
  SiteProximity,
  ThirdPartyConstruction,
  ThirdPartyConstructionStat,
  ThirdPartyConstructionStatsGroup,
} from '@/api/types'
import type { Field } from './assetFields'
import { DASH, dash, formatCoord, formatNumber } from './format'
import { bboxOf, type Bbox } from './mapStyle'

/** A distance in metres as the ledger shows it: one decimal ("12.5"), "0" when the pipe touches the site. */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return DASH
  if (m <= 0) return '0'
  return formatNumber(m, 1)
}

/**
 * The pipelines near a site in one line: "3 条，最近 12.5 米，最高次高压B"; "无" when none is within
 * the search distance.
 */
export function nearbySummary(p: Pick<SiteProximity, 'nearby_count' | 'nearest_m' | 'highest_pressure_name'>): string {
  if (!p.nearby_count || p.nearby_count <= 0) return '无'
  const parts = [`${formatNumber(p.nearby_count)} 条`]
  if (p.nearest_m !== null && p.nearest_m !== undefined && Number.isFinite(p.nearest_m)) {
    parts.push(`最近 ${formatDistance(p.nearest_m)} 米`)
  }
  if (p.highest_pressure_name) parts.push(`最高${p.highest_pressure_name}`)
  return parts.join('，')
}

/** 管道保护协议: 已签 / 未签. */
export const agreementLabel = (signed: boolean | null | undefined): string => (signed ? '已签' : '未签')

/** The works' period: "2026-11-01 至 2027-01-31". */
export function sitePeriod(s: Pick<ThirdPartyConstruction, 'starts_on' | 'ends_on'>): string {
  if (!s.starts_on && !s.ends_on) return DASH
  return `${s.starts_on || '？'} 至 ${s.ends_on || '？'}`
}

/** 点位 or 施工范围 (an area). */
export const siteShapeLabel = (g: SiteGeometry | null | undefined): string =>
  g?.type === 'Polygon' ? '施工范围（面）' : '施工点位'

/** What the warning (预警) means, for tooltips and the drawer. */
export function flagReason(distanceM: number): string {
  return `施工地点 ${formatNumber(distanceM)} 米范围内有中压及以上燃气管道，尚未签订管道保护协议`
}

/** The fields of a site in the map's side panel (the title shows the project name). */
export function thirdPartyConstructionFields(s: ThirdPartyConstruction): Field[] {
  return [
    { key: 'code', label: '工地编号', value: s.code },
    { key: 'contractor', label: '施工单位', value: s.contractor },
    { key: 'enterprise', label: '燃气企业', value: s.enterprise_name },
    { key: 'region', label: '所属区划', value: s.region_name },
    { key: 'address', label: '施工地点', value: dash(s.address) },
    { key: 'period', label: '工期', value: sitePeriod(s) },
    { key: 'status', label: '施工状态', value: s.status_name },
    { key: 'agreement', label: '保护协议', value: agreementLabel(s.agreement_signed) },
    { key: 'guardian', label: '现场监护人', value: dash(s.guardian) },
    { key: 'nearby', label: '临近管线', value: nearbySummary(s) },
    { key: 'flagged', label: '预警', value: s.flagged ? '临近中压及以上管线且未签保护协议' : '无' },
    { key: 'lng', label: '经度', value: formatCoord(s.lng) },
    { key: 'lat', label: '纬度', value: formatCoord(s.lat) },
  ]
}

/** The chart shows at most this many groups. */
export const THIRD_PARTY_CONSTRUCTION_CHART_MAX = 20

/** The groups of the chart: those with sites, most warnings first (then the most sites), at most `max`. */
export function thirdPartyConstructionChartItems(
  items: readonly ThirdPartyConstructionStat[],
  max = THIRD_PARTY_CONSTRUCTION_CHART_MAX,
): ThirdPartyConstructionStat[] {
  return items
    .filter((i) => i.total > 0)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.flagged - a.item.flagged || b.item.total - a.item.total || a.index - b.index)
    .slice(0, Math.max(0, max))
    .map((x) => x.item)
}

/**
 * The 工地台账 query listing a group's sites with a warning: `flagged=true` and the group's key as
 * its filter (with the division the statistics were limited to). Null for a key the ledger cannot
 * filter by.
 */
export function flaggedQueryOf(group: ThirdPartyConstructionStatsGroup, key: string, regionCode = ''): Record<string, string> | null {
  const q: Record<string, string> = { flagged: 'true' }
  if (regionCode) q.region_code = regionCode
  if (group === 'region') {
    if (!/^\d{6,12}$/.test(key)) return null
    q.region_code = key
  } else {
    if (!/^[1-9]\d*$/.test(key)) return null
    q.enterprise_id = key
  }
  return q
}

// ---- on a map --------------------------------------------------------------------------------

/** Sites with a warning red, the others orange. */
export const THIRD_PARTY_CONSTRUCTION_COLORS = {
  flagged: '#d50000',
  normal: '#f57c00',
} as const

export const siteColor = (flagged: boolean | null | undefined): string =>
  flagged ? THIRD_PARTY_CONSTRUCTION_COLORS.flagged : THIRD_PARTY_CONSTRUCTION_COLORS.normal

/** The legend of the third-party construction layer. */
export const THIRD_PARTY_CONSTRUCTION_LEGEND = [
  { key: 'flagged', label: '预警工地（临近中压及以上管线未签协议）', color: THIRD_PARTY_CONSTRUCTION_COLORS.flagged },
  { key: 'normal', label: '其他施工工地', color: THIRD_PARTY_CONSTRUCTION_COLORS.normal },
] as const

/** Metres per degree of longitude and latitude at a latitude (a local plane, as the server measures). */
function metresPerDegree(lat: number): [number, number] {
  return [111_320 * Math.cos((lat * Math.PI) / 180), 110_574]
}

/** The positions of a site: the point, or the area's outer ring. */
export function siteCoordinates(g: SiteGeometry | null | undefined): [number, number][] {
  if (!g) return []
  if (g.type === 'Point') return Array.isArray(g.coordinates) ? [g.coordinates] : []
  return (g.coordinates?.[0] ?? []).filter((c) => Array.isArray(c) && c.length >= 2)
}

/** The convex hull of points (Andrew's monotone chain), counter-clockwise, not closed. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (pts.length < 3) return pts
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: [number, number][] = []
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop()
    lower.push(p)
  }
  const upper: [number, number][] = []
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop()
    upper.push(p)
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1))
}

/**
 * The ground within `metres` of a site, to draw the search range: a circle round a point; round an
 * area, the hull of circles round its corners (exact for a convex area, a little more for another).
 * Null without a position or a distance.
 */
export function searchRange(g: SiteGeometry | null | undefined, metres: number, steps = 48): PolygonGeometry | null {
  const coords = siteCoordinates(g)
  if (!coords.length || !Number.isFinite(metres) || metres <= 0) return null
  const lat = coords.reduce((s, c) => s + c[1], 0) / coords.length
  const [kx, ky] = metresPerDegree(lat)
  const around: [number, number][] = []
  for (const [x, y] of coords) {
    for (let i = 0; i < steps; i++) {
      const a = (2 * Math.PI * i) / steps
      around.push([x + (metres * Math.cos(a)) / kx, y + (metres * Math.sin(a)) / ky])
    }
  }
  const ring = convexHull(around)
  if (ring.length < 3) return null
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
}

/** The box of a site, its search range and the pipelines near it (what a map fits to). */
export function siteBbox(
  g: SiteGeometry | null | undefined,
  nearby: readonly Pick<NearbySegment, 'geometry'>[] = [],
  metres = 0,
): Bbox | null {
  let box: Bbox | null = bboxOf(siteCoordinates(g))
  const range = metres > 0 ? searchRange(g, metres) : null
  if (range) box = bboxOf(range.coordinates, box ?? undefined) ?? box
  for (const n of nearby) box = bboxOf(n.geometry?.coordinates, box ?? undefined) ?? box
  return box
}

/** The site's outline as a line (a polygon's ring), for a highlight; null for a point. */
export function siteOutline(g: SiteGeometry | null | undefined): { type: 'LineString'; coordinates: [number, number][] } | null {
  if (g?.type !== 'Polygon') return null
  const ring = siteCoordinates(g)
  return ring.length >= 2 ? { type: 'LineString', coordinates: ring } : null
}

/** The pipelines near a site as GeoJSON features (their pressure class and code as properties). */
export function nearbyFeatureCollection(nearby: readonly NearbySegment[]) {
  return {
    type: 'FeatureCollection' as const,
    features: nearby
      .filter((n) => n.geometry?.type === 'LineString' && (n.geometry.coordinates?.length ?? 0) >= 2)
      .map((n) => ({
        type: 'Feature' as const,
        properties: {
          segment_id: n.segment_id,
          code: n.code,
          pressure_class: n.pressure_class,
          pressure_class_name: n.pressure_class_name,
          distance_m: n.distance_m,
        },
        geometry: n.geometry,
      })),
  }
}

/** The third-party construction sites of the one map with a point at the centre of each area (what shows of an area at city scale). */
export function withCentres<F extends { type: 'Feature'; geometry: SiteGeometry; properties: { lng: number; lat: number } }>(fc: {
  features: readonly F[]
}) {
  const out: (Omit<F, 'geometry' | 'properties'> & { geometry: SiteGeometry; properties: F['properties'] & { centre?: boolean } })[] = []
  for (const f of fc.features) {
    out.push(f)
    if (f.geometry?.type === 'Polygon' && Number.isFinite(f.properties.lng) && Number.isFinite(f.properties.lat)) {
      out.push({ ...f, geometry: { type: 'Point', coordinates: [f.properties.lng, f.properties.lat] }, properties: { ...f.properties, centre: true } })
    }
  }
  return { type: 'FeatureCollection' as const, features: out }
}
