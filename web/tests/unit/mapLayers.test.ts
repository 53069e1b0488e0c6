import { describe, expect, it } from 'vitest'
import type { Community, DeviceStat } from '@/api/types'
import { STATION_KINDS } from '@/utils/labels'
import {
  COMMUNITY_SIZE_LEGEND,
  LPG_KINDS,
  communityFields,
  communityRadius,
  communityRadiusExpression,
  communityUserFields,
  filteredTileUrl,
  isLpgKind,
} from '@/views/map/mapLayers'

describe('tile addresses with filters', () => {
  it('adds only the filters that are set', () => {
    expect(filteredTileUrl('http://x:8080/', 'communities')).toBe('http://x:8080/api/v1/map/tiles/communities/{z}/{x}/{y}.mvt')
    expect(filteredTileUrl('http://x', 'lpg', { region_code: '', enterprise_id: undefined })).toBe(
      'http://x/api/v1/map/tiles/lpg/{z}/{x}/{y}.mvt',
    )
    expect(filteredTileUrl('http://x', 'stations', { region_code: '361102', enterprise_id: 42 })).toBe(
      'http://x/api/v1/map/tiles/stations/{z}/{x}/{y}.mvt?enterprise_id=42&region_code=361102',
    )
    expect(filteredTileUrl('http://x', 'pipelines', { enterprise_id: 1.5 })).toBe('http://x/api/v1/map/tiles/pipelines/{z}/{x}/{y}.mvt')
  })
})

describe('bottled LPG kinds', () => {
  it('are station kinds, and only those two', () => {
    const all = STATION_KINDS.map((k) => k.value)
    for (const k of LPG_KINDS) expect(all).toContain(k)
    expect(all.filter(isLpgKind)).toEqual(['lpg_station', 'bottle_supply_point'])
    expect(isLpgKind(undefined)).toBe(false)
  })
})

describe('community circles', () => {
  it('grow with the users and the zoom, and stay readable', () => {
    expect(communityRadius(400, 14)).toBeGreaterThan(communityRadius(100, 14))
    expect(communityRadius(100, 16)).toBeGreaterThan(communityRadius(100, 11))
    expect(communityRadius(0, 8)).toBeGreaterThan(1)
    expect(communityRadius(1e9, 17)).toBe(communityRadius(5000, 17))
    expect(communityRadius(Number.NaN, 12)).toBe(communityRadius(0, 12))
    // Between the stops it interpolates.
    const mid = communityRadius(100, 12.5)
    expect(mid).toBeGreaterThan(communityRadius(100, 11))
    expect(mid).toBeLessThan(communityRadius(100, 14))
  })

  it('are a zoom interpolation on the outside (MapLibre requires it)', () => {
    const e = communityRadiusExpression()
    expect(e.slice(0, 3)).toEqual(['interpolate', ['linear'], ['zoom']])
    expect((e.length - 3) % 2).toBe(0)
  })

  it('has a size legend from small to large', () => {
    const d = COMMUNITY_SIZE_LEGEND.map((l) => l.diameter)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    expect(COMMUNITY_SIZE_LEGEND.map((l) => l.label)).toEqual(['100', '500', '2,000'])
  })
})

describe('community fields', () => {
  const c: Community = {
    id: 7,
    enterprise_id: 3,
    enterprise_name: '上饶市信州燃气有限公司',
    region_code: '361102',
    region_name: '信州区',
    code: 'XZ-C-0001',
    name: '凤凰花园',
    kind: 'village',
    kind_name: '村',
    township: null,
    lng: 117.9602,
    lat: 28.4531,
    address: null,
    updated_at: '2026-01-01T00:00:00Z',
  }

  it('reads in Chinese', () => {
    const f = Object.fromEntries(communityFields(c).map((x) => [x.key, `${x.label}:${x.value}`]))
    expect(f.kind).toBe('类型:村')
    expect(f.township).toBe('乡镇(街道):—')
    expect(f.enterprise).toBe('供气企业:上饶市信州燃气有限公司')
    expect(f.lng).toBe('经度:117.960200')
  })

  it('shows the users and the device rates, or dashes without statistics', () => {
    const stat = {
      key: '7',
      name: '凤凰花园',
      users: 1234,
      leak_alarm: 617,
      leak_alarm_rate: 0.5,
      auto_shutoff_valve: 0,
      auto_shutoff_valve_rate: 0,
      self_closing_valve: 1234,
      self_closing_valve_rate: 1,
      metal_hose: 0,
      metal_hose_rate: 0,
      flame_failure_cooker: 0,
      flame_failure_cooker_rate: 0,
    } as DeviceStat
    const f = communityUserFields(stat)
    expect(f[0]).toEqual({ key: 'users', label: '燃气用户', value: '1,234 户' })
    expect(f.find((x) => x.key === 'rate-leak_alarm')?.value).toBe('50.0%')
    expect(f.find((x) => x.key === 'rate-self_closing_valve')?.value).toBe('100.0%')
    const none = communityUserFields(null)
    expect(none[0].value).toBe('0 户')
    expect(none.slice(1).every((x) => x.value === '—')).toBe(true)
  })
})
