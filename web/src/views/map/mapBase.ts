// What every map of the SPA starts from, read once per page load: the server's map configuration
// (the optional raster base layer, the city's bounds) and the county boundaries of the caller's
// scope (read again for another account). A failed read is tried again the next time.

import { mapApi } from '@/api'
import type { MapConfig, RegionFeatureCollection } from '@/api/types'
import { session } from '@/stores/session'

/** Shangrao, when the server's map configuration cannot be read. */
export const FALLBACK_MAP_CONFIG: MapConfig = {
  center: [117.97, 28.75],
  zoom: 8,
  bounds: [116.22, 27.79, 118.5, 29.71],
  raster_tile_url: null,
}

let config: Promise<MapConfig> | null = null
let regions: Promise<RegionFeatureCollection> | null = null
/** The account the boundaries were read for (`in_scope` is the account's). */
let regionsOf: number | null = null

/** The map configuration (the fallback when it cannot be read). */
export function mapConfig(): Promise<MapConfig> {
  config ??= mapApi.config().catch(() => {
    config = null
    return FALLBACK_MAP_CONFIG
  })
  return config
}

/** The county boundaries (none when they cannot be read). */
export function mapRegions(): Promise<RegionFeatureCollection> {
  const user = session.user?.id ?? null
  if (user !== regionsOf) {
    regions = null
    regionsOf = user
  }
  regions ??= mapApi.regions().catch(() => {
    regions = null
    return { type: 'FeatureCollection', features: [] } as RegionFeatureCollection
  })
  return regions
}
