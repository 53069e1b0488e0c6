import { describe, expect, it } from 'vitest'
import {
  DASH,
  dash,
  formatCapacity,
  formatCoord,
  formatDepth,
  formatDn,
  formatKm,
  formatMetres,
  formatNumber,
  formatShare,
} from '@/utils/format'

describe('numbers of the asset ledgers', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234.56, 1)).toBe('1,234.6')
    expect(formatNumber(280)).toBe('280')
    expect(formatNumber(0, 2)).toBe('0.00')
    expect(formatNumber(-0.01, 1)).toBe('0.0')
    expect(formatNumber(null)).toBe(DASH)
    expect(formatNumber(Number.NaN)).toBe(DASH)
  })

  it('prints lengths in metres with one decimal and in km with two', () => {
    expect(formatMetres(59.05)).toBe('59.1')
    expect(formatMetres(154.94)).toBe('154.9')
    expect(formatMetres(12345)).toBe('12,345.0')
    expect(formatKm(26.65)).toBe('26.65')
    expect(formatKm(1.3)).toBe('1.30')
    expect(formatKm(undefined)).toBe(DASH)
  })

  it('prints depths, diameters and coordinates', () => {
    expect(formatDepth(0.9)).toBe('0.9')
    expect(formatDepth(1.256)).toBe('1.26')
    expect(formatDepth(2)).toBe('2.0')
    expect(formatDepth(null)).toBe(DASH)
    expect(formatDn(160)).toBe('DN160')
    expect(formatDn(null)).toBe(DASH)
    expect(formatCoord(118.0238573)).toBe('118.023857')
    expect(formatCoord(28.5221833, 5)).toBe('28.52218')
    expect(formatCoord(undefined)).toBe(DASH)
  })

  it('prints a design capacity with its unit', () => {
    expect(formatCapacity(6, '万m³/日')).toBe('6 万m³/日')
    expect(formatCapacity(4000, 'm³')).toBe('4,000 m³')
    expect(formatCapacity(2.5, 't')).toBe('2.5 t')
    expect(formatCapacity(1.234, 'MPa')).toBe('1.23 MPa')
    expect(formatCapacity(30, null)).toBe('30')
    expect(formatCapacity(null, 'm³')).toBe(DASH)
  })

  it('prints shares of a whole', () => {
    expect(formatShare(13.22, 26.65)).toBe('49.6%')
    expect(formatShare(15, 15)).toBe('100.0%')
    expect(formatShare(0, 298)).toBe('0.0%')
    expect(formatShare(3, 0)).toBe(DASH)
  })

  it('shows a dash for nothing', () => {
    expect(dash(null)).toBe(DASH)
    expect(dash('')).toBe(DASH)
    expect(dash(0)).toBe('0')
    expect(dash('信州区')).toBe('信州区')
  })
})
