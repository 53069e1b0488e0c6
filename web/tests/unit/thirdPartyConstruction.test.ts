import { describe, expect, it } from 'vitest'
import type { NearbySegment, SiteGeometry, ThirdPartyConstruction, ThirdPartyConstructionStat } from '@/api/types'
import {
  THIRD_PARTY_CONSTRUCTION_CHART_MAX,
  THIRD_PARTY_CONSTRUCTION_COLORS,
  agreementLabel,
  convexHull,
  flagReason,
  flaggedQueryOf,
  formatDistance,
  nearbyFeatureCollection,
  nearbySummary,
  searchRange,
  siteBbox,
  siteColor,
  siteCoordinates,
  siteOutline,
  sitePeriod,
  siteShapeLabel,
  thirdPartyConstructionChartItems,
  thirdPartyConstructionFields,
  withCentres,
} from '@/utils/thirdPartyConstruction'
import {
  THIRD_PARTY_CONSTRUCTION_STATUSES,
  auditActionLabel,
  auditTargetTypeLabel,
  thirdPartyConstructionStatusLabel,
  thirdPartyConstructionStatusTag,
} from '@/utils/labels'

const POINT: SiteGeometry = { type: 'Point', coordinates: [117.95, 28.45] }
const AREA: SiteGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [117.949, 28.449],
      [117.951, 28.449],
      [117.951, 28.4503],
      [117.949, 28.4503],
      [117.949, 28.449],
    ],
  ],
}

const site = (over: Partial<ThirdPartyConstruction> = {}): ThirdPartyConstruction => ({
  id: 7,
  enterprise_id: 3,
  enterprise_code: '91361102MA35XXXX0X',
  enterprise_name: '信州信江燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  code: 'SG-2026-001',
  name: '滨江路雨污分流改造工程',
  contractor: '江西示例市政工程有限公司',
  permit_no: null,
  address: '滨江路与五三大道交叉口',
  starts_on: '2026-11-01',
  ends_on: '2027-01-31',
  status: 'active',
  status_name: '施工中',
  geometry: POINT,
  lng: 117.95,
  lat: 28.45,
  agreement_signed: false,
  guardian: null,
  nearby_count: 3,
  nearest_m: 12.5,
  highest_pressure: 'subhigh_b',
  highest_pressure_name: '次高压B',
  flagged: true,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  ...over,
})

const segment = (id: number, pressure: NearbySegment['pressure_class'], coords: [number, number][]): NearbySegment => ({
  segment_id: id,
  code: `GD-${id}`,
  enterprise_name: '信州信江燃气有限公司',
  pressure_class: pressure,
  pressure_class_name: pressure === 'low' ? '低压' : '中压A',
  material_name: '钢管',
  nominal_diameter: 200,
  distance_m: id,
  geometry: { type: 'LineString', coordinates: coords },
})

const stat = (key: string, total: number, flagged: number): ThirdPartyConstructionStat => ({
  key,
  name: `组${key}`,
  total,
  active: 0,
  near_pipelines: flagged,
  flagged,
  agreement_rate: null,
})

describe('third-party construction', () => {
  it('names the statuses as the server does, with their colours', () => {
    expect(THIRD_PARTY_CONSTRUCTION_STATUSES.map((s) => s.label)).toEqual(['未开工', '施工中', '已完工'])
    expect(thirdPartyConstructionStatusLabel('active')).toBe('施工中')
    expect(thirdPartyConstructionStatusLabel('finished')).toBe('已完工')
    expect(thirdPartyConstructionStatusLabel('bogus')).toBe('bogus')
    expect(thirdPartyConstructionStatusLabel(null)).toBe('')
    expect(thirdPartyConstructionStatusTag('active')).toBe('warning')
    expect(thirdPartyConstructionStatusTag('planned')).toBe('primary')
    expect(thirdPartyConstructionStatusTag('finished')).toBe('info')
    expect(thirdPartyConstructionStatusTag('bogus')).toBe('info')
  })

  it('names the import in the audit log', () => {
    expect(auditActionLabel('third_party_construction.import', '其他操作')).toBe('导入第三方施工工地')
    expect(auditTargetTypeLabel('third_party_construction')).toBe('第三方施工工地')
    expect(auditTargetTypeLabel('third-party-constructions')).toBe('第三方施工台账')
  })

  it('sums up the pipelines near a site in one line', () => {
    expect(nearbySummary({ nearby_count: 3, nearest_m: 12.5, highest_pressure_name: '次高压B' })).toBe('3 条，最近 12.5 米，最高次高压B')
    expect(nearbySummary({ nearby_count: 1, nearest_m: 7, highest_pressure_name: '低压' })).toBe('1 条，最近 7.0 米，最高低压')
    // A pipe crossing the site's area is 0 m away.
    expect(nearbySummary({ nearby_count: 2, nearest_m: 0, highest_pressure_name: '中压A' })).toBe('2 条，最近 0 米，最高中压A')
    expect(nearbySummary({ nearby_count: 0, nearest_m: null, highest_pressure_name: null })).toBe('无')
    expect(nearbySummary({ nearby_count: 2, nearest_m: null, highest_pressure_name: null })).toBe('2 条')
    expect(nearbySummary({ nearby_count: 1200, nearest_m: 3.04, highest_pressure_name: '高压A' })).toBe('1,200 条，最近 3.0 米，最高高压A')
  })

  it('writes distances, agreements, periods and shapes as the ledger shows them', () => {
    expect(formatDistance(12.54)).toBe('12.5')
    expect(formatDistance(0)).toBe('0')
    expect(formatDistance(null)).toBe('—')
    expect(formatDistance(Number.NaN)).toBe('—')
    expect(agreementLabel(true)).toBe('已签')
    expect(agreementLabel(false)).toBe('未签')
    expect(agreementLabel(undefined)).toBe('未签')
    expect(sitePeriod({ starts_on: '2026-11-01', ends_on: '2027-01-31' })).toBe('2026-11-01 至 2027-01-31')
    expect(sitePeriod({ starts_on: '', ends_on: '' })).toBe('—')
    expect(siteShapeLabel(POINT)).toBe('施工点位')
    expect(siteShapeLabel(AREA)).toBe('施工范围（面）')
    expect(flagReason(50)).toBe('施工地点 50 米范围内有中压及以上燃气管道，尚未签订管道保护协议')
  })

  it('lists the fields of the map panel', () => {
    const f = Object.fromEntries(thirdPartyConstructionFields(site()).map((x) => [x.key, x.value]))
    expect(f.code).toBe('SG-2026-001')
    expect(f.contractor).toBe('江西示例市政工程有限公司')
    expect(f.period).toBe('2026-11-01 至 2027-01-31')
    expect(f.agreement).toBe('未签')
    expect(f.guardian).toBe('—')
    expect(f.nearby).toBe('3 条，最近 12.5 米，最高次高压B')
    expect(f.flagged).toBe('临近中压及以上管线且未签保护协议')
    expect(f.lng).toBe('117.950000')
    const ok = Object.fromEntries(thirdPartyConstructionFields(site({ flagged: false, agreement_signed: true, guardian: '王工' })).map((x) => [x.key, x.value]))
    expect(ok.flagged).toBe('无')
    expect(ok.agreement).toBe('已签')
    expect(ok.guardian).toBe('王工')
  })

  it('charts the groups with sites, most warnings first', () => {
    const items = [stat('a', 5, 0), stat('b', 0, 0), stat('c', 3, 2), stat('d', 9, 2), stat('e', 4, 0)]
    expect(thirdPartyConstructionChartItems(items).map((i) => i.key)).toEqual(['d', 'c', 'a', 'e'])
    expect(thirdPartyConstructionChartItems(items, 2).map((i) => i.key)).toEqual(['d', 'c'])
    const many = Array.from({ length: 30 }, (_, i) => stat(String(i + 1), 1, 0))
    expect(thirdPartyConstructionChartItems(many)).toHaveLength(THIRD_PARTY_CONSTRUCTION_CHART_MAX)
  })

  it('links a group of the statistics to its warnings on the register', () => {
    expect(flaggedQueryOf('region', '361102')).toEqual({ flagged: 'true', region_code: '361102' })
    expect(flaggedQueryOf('enterprise', '17', '361102')).toEqual({ flagged: 'true', region_code: '361102', enterprise_id: '17' })
    expect(flaggedQueryOf('enterprise', '17')).toEqual({ flagged: 'true', enterprise_id: '17' })
    expect(flaggedQueryOf('region', 'all')).toBeNull()
    expect(flaggedQueryOf('enterprise', '0')).toBeNull()
  })

  it('colours sites with a warning red and the others orange', () => {
    expect(siteColor(true)).toBe(THIRD_PARTY_CONSTRUCTION_COLORS.flagged)
    expect(siteColor(false)).toBe(THIRD_PARTY_CONSTRUCTION_COLORS.normal)
    expect(siteColor(null)).toBe(THIRD_PARTY_CONSTRUCTION_COLORS.normal)
  })

  it('reads the positions of a point and of an area', () => {
    expect(siteCoordinates(POINT)).toEqual([[117.95, 28.45]])
    expect(siteCoordinates(AREA)).toHaveLength(5)
    expect(siteCoordinates(null)).toEqual([])
    expect(siteOutline(POINT)).toBeNull()
    expect(siteOutline(AREA)?.type).toBe('LineString')
    expect(siteOutline(AREA)?.coordinates).toHaveLength(5)
  })

  it('takes the convex hull of points', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 0.5],
    ])
    expect(hull).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ])
    expect(convexHull([[1, 1]])).toEqual([[1, 1]])
  })

  it('draws the search range round a point and round an area', () => {
    const circle = searchRange(POINT, 50)
    expect(circle?.type).toBe('Polygon')
    const ring = circle!.coordinates[0]
    expect(ring[0]).toEqual(ring[ring.length - 1])
    // Every vertex 50 m from the point (on the same local plane as the server's distances).
    const kx = 111_320 * Math.cos((28.45 * Math.PI) / 180)
    for (const [x, y] of ring) {
      expect(Math.hypot((x - 117.95) * kx, (y - 28.45) * 110_574)).toBeCloseTo(50, 6)
    }
    // Round an area: 50 m beyond each side of the rectangle.
    const around = searchRange(AREA, 50)!.coordinates[0]
    const maxY = Math.max(...around.map((c) => c[1]))
    expect((maxY - 28.4503) * 110_574).toBeCloseTo(50, 6)
    const minX = Math.min(...around.map((c) => c[0]))
    expect((117.949 - minX) * 111_320 * Math.cos((28.4497 * Math.PI) / 180)).toBeCloseTo(50, 0)
    expect(searchRange(POINT, 0)).toBeNull()
    expect(searchRange(null, 50)).toBeNull()
  })

  it('fits a map to the site, its range and the pipelines near it', () => {
    expect(siteBbox(POINT)).toEqual([117.95, 28.45, 117.95, 28.45])
    const lines = [segment(1, 'low', [[117.94, 28.44], [117.96, 28.451]])]
    expect(siteBbox(POINT, lines)).toEqual([117.94, 28.44, 117.96, 28.451])
    const b = siteBbox(POINT, [], 50)!
    expect(b[3] - 28.45).toBeCloseTo(50 / 110_574, 9)
    expect(siteBbox(null)).toBeNull()
  })

  it('makes features of the pipelines near a site and a dot at the centre of each area', () => {
    const fc = nearbyFeatureCollection([
      segment(1, 'medium_a', [[117.94, 28.44], [117.96, 28.45]]),
      segment(2, 'low', [[117.94, 28.44]]),
    ])
    expect(fc.features).toHaveLength(1)
    expect(fc.features[0].properties).toMatchObject({ segment_id: 1, pressure_class: 'medium_a', code: 'GD-1' })

    const props = { id: 1, lng: 117.95, lat: 28.4497, flagged: true }
    const map = withCentres({
      features: [
        { type: 'Feature', geometry: AREA, properties: props },
        { type: 'Feature', geometry: POINT, properties: { ...props, id: 2, lng: 117.95, lat: 28.45 } },
      ],
    })
    expect(map.features).toHaveLength(3)
    expect(map.features[1].geometry).toEqual({ type: 'Point', coordinates: [117.95, 28.4497] })
    expect(map.features[1].properties).toMatchObject({ id: 1, centre: true, flagged: true })
    expect(map.features[2].properties).not.toHaveProperty('centre')
  })
})
