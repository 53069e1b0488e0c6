// The one map's colours, legend, tile addresses and geometry helpers: pure, so they are unit
// tested and shared by the ledgers (tag colours) and the map page (MapLibre style expressions).

import type { LineStringGeometry, PressureClass, StationKind } from '@/api/types'
import { PRESSURE_CLASSES, STATION_KINDS } from './labels'

/** Line colours of the pressure classes: greens and blues for low/medium, oranges, then reds. */
export const PRESSURE_CLASS_COLORS: Record<PressureClass, string> = {
  low: '#2e7d32',
  medium_b: '#1565c0',
  medium_a: '#0d47a1',
  subhigh_b: '#ef6c00',
  subhigh_a: '#e65100',
  high_b: '#c62828',
  high_a: '#8e0000',
}

/** Circle colours of the station kinds. */
export const STATION_KIND_COLORS: Record<StationKind, string> = {
  gate_station: '#7b1fa2',
  storage_distribution: '#4527a0',
  lng_station: '#00838f',
  cng_station: '#00acc1',
  regulator_station: '#ad1457',
  regulator_box: '#ec407a',
  lpg_station: '#6d4c41',
  bottle_supply_point: '#a1887f',
  valve: '#546e7a',
  other: '#9e9e9e',
}

export const UNKNOWN_COLOR = '#78909c'
/** The stroke of a major hazard source (重大危险源). */
export const MAJOR_HAZARD_STROKE = '#d50000'
/** The highlight of the selected pipeline or station. */
export const SELECTION_COLOR = '#ffd600'

export const pressureClassColor = (v: string | null | undefined): string =>
  (v && PRESSURE_CLASS_COLORS[v as PressureClass]) || UNKNOWN_COLOR
export const stationKindColor = (v: string | null | undefined): string =>
  (v && STATION_KIND_COLORS[v as StationKind]) || UNKNOWN_COLOR

/** A "#rrggbb" colour mixed with white: 0 gives the colour, 1 white. */
export function tint(hex: string, amount: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex)
  if (!m) return hex
  const n = Number.parseInt(m[1], 16)
  const a = Math.min(1, Math.max(0, amount))
  const mix = (c: number) => Math.round(c + (255 - c) * a)
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix)
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

/** The inline style of a pressure-class tag: the class colour on a light tint of it. */
export function pressureTagStyle(v: string | null | undefined): Record<string, string> {
  const c = pressureClassColor(v)
  return { color: c, borderColor: tint(c, 0.6), backgroundColor: tint(c, 0.9) }
}

export interface LegendItem {
  value: string
  label: string
  color: string
}

export const PRESSURE_LEGEND: LegendItem[] = PRESSURE_CLASSES.map((p) => ({
  value: p.value,
  label: p.label,
  color: PRESSURE_CLASS_COLORS[p.value],
}))

export const STATION_LEGEND: LegendItem[] = STATION_KINDS.map((k) => ({
  value: k.value,
  label: k.label,
  color: STATION_KIND_COLORS[k.value],
}))

/** A MapLibre `match` expression: the colour of a feature's `property`, else `fallback`. */
export function colorMatch(property: string, colors: Record<string, string>, fallback = UNKNOWN_COLOR): unknown[] {
  const out: unknown[] = ['match', ['get', property]]
  for (const [k, c] of Object.entries(colors)) out.push(k, c)
  out.push(fallback)
  return out
}

/** Pipeline line width by zoom (px): hairlines over the city, clear lines in the streets. */
export const PIPELINE_WIDTH: unknown[] = ['interpolate', ['linear'], ['zoom'], 8, 0.8, 11, 1.5, 14, 2.5, 17, 5]
/** Station circle radius by zoom (px). */
export const STATION_RADIUS: unknown[] = ['interpolate', ['linear'], ['zoom'], 8, 2.5, 11, 4, 14, 6, 17, 9]

export type TileLayer = 'pipelines' | 'stations'

/** The XYZ template of a vector tile layer, absolute (tiles are fetched by MapLibre's workers). */
export function tileUrl(origin: string, layer: TileLayer): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/map/tiles/${layer}/{z}/{x}/{y}.mvt`
}

/** The style the map starts from: no remote style, glyphs nor sprites — only our own layers. */
export function baseStyle(rasterTileUrl: string | null | undefined) {
  const style = {
    version: 8 as const,
    sources: {} as Record<string, unknown>,
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f6' } }] as Record<string, unknown>[],
  }
  if (rasterTileUrl) {
    style.sources.base = { type: 'raster', tiles: [rasterTileUrl], tileSize: 256 }
    style.layers.push({ id: 'base', type: 'raster', source: 'base' })
  }
  return style
}

/** [minLng, minLat, maxLng, maxLat] */
export type Bbox = [number, number, number, number]

/** The bounding box of any nesting of [lng, lat] positions (LineString, Polygon, MultiPolygon). */
export function bboxOf(coordinates: unknown, into?: Bbox): Bbox | null {
  let box: Bbox | null = into ?? null
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as number[]
      if (!Number.isFinite(x) || !Number.isFinite(y)) return
      if (!box) box = [x, y, x, y]
      else box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
      return
    }
    for (const inner of c) walk(inner)
  }
  walk(coordinates)
  return box
}

/** The bounding box of a segment's line, null when it has no position. */
export const lineBbox = (g: LineStringGeometry | null | undefined): Bbox | null => (g ? bboxOf(g.coordinates) : null)

/** The box of several geometries' coordinates together (e.g. the counties in scope). */
export function unionBbox(coordinateSets: unknown[]): Bbox | null {
  let box: Bbox | null = null
  for (const c of coordinateSets) box = bboxOf(c, box ?? undefined) ?? box
  return box
}

/** The point halfway along a line (by length in degrees; enough to place a popup). */
export function lineMidpoint(g: LineStringGeometry | null | undefined): [number, number] | null {
  const c = g?.coordinates
  if (!c || c.length === 0) return null
  if (c.length === 1) return [c[0][0], c[0][1]]
  const seg = c.slice(1).map((p, i) => Math.hypot(p[0] - c[i][0], p[1] - c[i][1]))
  const half = seg.reduce((a, b) => a + b, 0) / 2
  let run = 0
  for (let i = 0; i < seg.length; i++) {
    if (run + seg[i] >= half && seg[i] > 0) {
      const t = (half - run) / seg[i]
      return [c[i][0] + (c[i + 1][0] - c[i][0]) * t, c[i][1] + (c[i + 1][1] - c[i][1]) * t]
    }
    run += seg[i]
  }
  return [c[0][0], c[0][1]]
}

/** Whether this browser can draw WebGL (MapLibre needs it). */
export function webglSupported(doc: Pick<Document, 'createElement'> | undefined = globalThis.document): boolean {
  if (!doc) return false
  try {
    const canvas = doc.createElement('canvas') as HTMLCanvasElement
    return !!(canvas.getContext('webgl2') || canvas.getContext('webgl'))
  } catch {
    return false
  }
}
