import { describe, expect, it } from 'vitest'
import { formatRate, rateLevel, ratePercent } from '@/utils/rate'

describe('rates', () => {
  it('shows a 0..1 rate as a percentage with one decimal', () => {
    expect(formatRate(0.7391304347826086)).toBe('73.9%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(0)).toBe('0.0%')
    expect(formatRate(0.2, 5)).toBe('20.0%')
  })

  it('shows a dash when nobody needs a certificate or there is no number', () => {
    expect(formatRate(0, 0)).toBe('—')
    expect(formatRate(null)).toBe('—')
    expect(formatRate(Number.NaN)).toBe('—')
  })

  it('gives progress bars 0–100', () => {
    expect(ratePercent(0.73913)).toBe(73.9)
    expect(ratePercent(1.2)).toBe(100)
    expect(ratePercent(-1)).toBe(0)
    expect(ratePercent(undefined)).toBe(0)
  })

  it('colours rates: 90% and above good, 70% and above fair, below poor', () => {
    expect(rateLevel(0.95)).toBe('success')
    expect(rateLevel(0.9)).toBe('success')
    expect(rateLevel(0.7)).toBe('warning')
    expect(rateLevel(0.699)).toBe('exception')
    expect(rateLevel(0)).toBe('exception')
  })
})
