import { describe, expect, it } from 'vitest'
import { PRESSURE_CLASSES, STATION_KINDS } from '@/utils/labels'
import {
  MAJOR_HAZARD_STROKE,
  PRESSURE_CLASS_COLORS,
  PRESSURE_LEGEND,
  STATION_KIND_COLORS,
  STATION_LEGEND,
  UNKNOWN_COLOR,
  baseStyle,
  bboxOf,
  colorMatch,
  lineBbox,
  lineMidpoint,
  pressureClassColor,
  pressureTagStyle,
  stationKindColor,
  tileUrl,
  tint,
  unionBbox,
  webglSupported,
} from '@/utils/mapStyle'

describe('map colours and legend', () => {
  it('colours the pressure classes as agreed, from green to dark red', () => {
    expect(PRESSURE_CLASS_COLORS).toEqual({
      low: '#2e7d32',
      medium_b: '#1565c0',
      medium_a: '#0d47a1',
      subhigh_b: '#ef6c00',
      subhigh_a: '#e65100',
      high_b: '#c62828',
      high_a: '#8e0000',
    })
    expect(pressureClassColor('high_a')).toBe('#8e0000')
    expect(pressureClassColor('bogus')).toBe(UNKNOWN_COLOR)
    expect(pressureClassColor(null)).toBe(UNKNOWN_COLOR)
  })

  it('gives every station kind its own colour', () => {
    const kinds = STATION_KINDS.map((k) => k.value)
    expect(Object.keys(STATION_KIND_COLORS).sort()).toEqual([...kinds].sort())
    const colours = Object.values(STATION_KIND_COLORS)
    expect(new Set(colours).size).toBe(colours.length)
    expect(colours).not.toContain(MAJOR_HAZARD_STROKE)
    expect(stationKindColor('gate_station')).toBe(STATION_KIND_COLORS.gate_station)
    expect(stationKindColor(undefined)).toBe(UNKNOWN_COLOR)
  })

  it('lists the legend in the order and with the names of the labels', () => {
    expect(PRESSURE_LEGEND.map((l) => l.label)).toEqual(['低压', '中压B', '中压A', '次高压B', '次高压A', '高压B', '高压A'])
    expect(PRESSURE_LEGEND.map((l) => l.value)).toEqual(PRESSURE_CLASSES.map((p) => p.value))
    expect(PRESSURE_LEGEND[0].color).toBe('#2e7d32')
    expect(STATION_LEGEND.map((l) => l.label)).toEqual(STATION_KINDS.map((k) => k.label))
    expect(STATION_LEGEND.find((l) => l.value === 'valve')?.color).toBe(STATION_KIND_COLORS.valve)
  })

  it('tints colours towards white for tags', () => {
    expect(tint('#000000', 0)).toBe('#000000')
    expect(tint('#000000', 1)).toBe('#ffffff')
    expect(tint('#2e7d32', 0.5)).toBe('#97be99')
    expect(tint('not a colour', 0.5)).toBe('not a colour')
    expect(pressureTagStyle('low')).toEqual({ color: '#2e7d32', borderColor: tint('#2e7d32', 0.6), backgroundColor: tint('#2e7d32', 0.9) })
    expect(pressureTagStyle('bogus').color).toBe(UNKNOWN_COLOR)
  })

  it('builds MapLibre match expressions with a fallback', () => {
    expect(colorMatch('kind', { a: '#111111', b: '#222222' }, '#999999')).toEqual([
      'match',
      ['get', 'kind'],
      'a',
      '#111111',
      'b',
      '#222222',
      '#999999',
    ])
    const m = colorMatch('pressure_class', PRESSURE_CLASS_COLORS)
    expect(m.length).toBe(2 + 7 * 2 + 1)
    expect(m[m.length - 1]).toBe(UNKNOWN_COLOR)
  })
})

describe('tiles and style', () => {
  it('builds absolute vector tile templates', () => {
    expect(tileUrl('http://127.0.0.1:8080', 'pipelines')).toBe('http://127.0.0.1:8080/api/v1/map/tiles/pipelines/{z}/{x}/{y}.mvt')
    expect(tileUrl('https://ranjian.example/', 'stations')).toBe('https://ranjian.example/api/v1/map/tiles/stations/{z}/{x}/{y}.mvt')
  })

  it('starts from a background only, with no remote style, glyphs or sprites', () => {
    const s = baseStyle(null)
    expect(s).toEqual({
      version: 8,
      sources: {},
      layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f6' } }],
    })
    expect(s).not.toHaveProperty('glyphs')
    expect(s).not.toHaveProperty('sprite')
  })

  it('puts a configured raster base right above the background', () => {
    const s = baseStyle('https://t0.example/tile/{z}/{x}/{y}?tk=KEY')
    expect(s.sources.base).toEqual({ type: 'raster', tiles: ['https://t0.example/tile/{z}/{x}/{y}?tk=KEY'], tileSize: 256 })
    expect(s.layers.map((l) => l.id)).toEqual(['bg', 'base'])
    expect(baseStyle('').layers).toHaveLength(1)
  })
})

describe('geometry helpers', () => {
  const line = {
    type: 'LineString' as const,
    coordinates: [
      [118.0, 28.4],
      [118.2, 28.5],
      [118.1, 28.3],
    ] as [number, number][],
  }

  it('finds the bounding box of lines and polygons', () => {
    expect(lineBbox(line)).toEqual([118.0, 28.3, 118.2, 28.5])
    expect(lineBbox(null)).toBeNull()
    expect(lineBbox({ type: 'LineString', coordinates: [] })).toBeNull()
    const multiPolygon = [
      [
        [
          [117, 28],
          [118, 28],
          [118, 29],
          [117, 28],
        ],
      ],
      [
        [
          [119, 27.5],
          [119.5, 27.5],
          [119, 28],
          [119, 27.5],
        ],
      ],
    ]
    expect(bboxOf(multiPolygon)).toEqual([117, 27.5, 119.5, 29])
    expect(bboxOf('nonsense')).toBeNull()
    expect(bboxOf([[NaN, 1]])).toBeNull()
  })

  it('joins boxes of several geometries', () => {
    expect(
      unionBbox([
        [
          [1, 2],
          [3, 4],
        ],
        [[-1, 5]],
      ]),
    ).toEqual([-1, 2, 3, 5])
    expect(unionBbox([])).toBeNull()
  })

  it('finds the middle of a line', () => {
    const straight = { type: 'LineString' as const, coordinates: [[0, 0], [2, 0]] as [number, number][] }
    expect(lineMidpoint(straight)).toEqual([1, 0])
    const bent = { type: 'LineString' as const, coordinates: [[0, 0], [1, 0], [1, 3]] as [number, number][] }
    expect(lineMidpoint(bent)).toEqual([1, 1])
    expect(lineMidpoint({ type: 'LineString', coordinates: [[5, 6]] })).toEqual([5, 6])
    expect(lineMidpoint(null)).toBeNull()
  })

  it('tells whether WebGL is there', () => {
    const doc = (ctx: unknown) => ({ createElement: () => ({ getContext: (kind: string) => (kind === ctx ? {} : null) }) })
    expect(webglSupported(doc('webgl2') as unknown as Document)).toBe(true)
    expect(webglSupported(doc('webgl') as unknown as Document)).toBe(true)
    expect(webglSupported(doc('none') as unknown as Document)).toBe(false)
    const throwing = { createElement: () => ({ getContext: () => { throw new Error('blocked') } }) }
    expect(webglSupported(throwing as unknown as Document)).toBe(false)
    expect(webglSupported(undefined)).toBe(false)
  })
})
