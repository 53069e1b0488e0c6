import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, isDateBeforeToday, isDateWithinDays, shanghaiToRfc3339 } from '@/utils/datetime'

describe('dates in Asia/Shanghai', () => {
  it('shows UTC instants in Shanghai time', () => {
    expect(formatDateTime('2026-11-29T02:05:03Z')).toBe('2026-11-29 10:05:03')
    expect(formatDateTime('2026-11-29T02:05:03.123456Z')).toBe('2026-11-29 10:05:03')
    expect(formatDateTime('2026-11-29T02:05:03+00:00')).toBe('2026-11-29 10:05:03')
  })

  it('crosses the date line at 16:00 UTC', () => {
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00')
    expect(formatDate('2026-12-31T15:59:59Z')).toBe('2026-12-31')
    expect(formatDate('2026-12-31T16:00:00Z')).toBe('2027-01-01')
  })

  it('uses a 24-hour clock', () => {
    expect(formatDateTime('2026-06-01T16:30:00Z')).toBe('2026-06-02 00:30:00')
    expect(formatDateTime('2026-06-01T05:30:00Z')).toBe('2026-06-01 13:30:00')
  })

  it('shows nothing for no value and the raw text for nonsense', () => {
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime(undefined)).toBe('')
    expect(formatDateTime('')).toBe('')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('turns a Shanghai wall-clock time into RFC 3339 with its offset', () => {
    expect(shanghaiToRfc3339('2026-11-29 08:00:00')).toBe('2026-11-29T08:00:00+08:00')
    expect(shanghaiToRfc3339('2026-11-29 08:00')).toBe('2026-11-29T08:00:00+08:00')
    expect(shanghaiToRfc3339('2026-11-29')).toBe('2026-11-29T00:00:00+08:00')
    expect(new Date(shanghaiToRfc3339('2026-11-29 08:00:00')).toISOString()).toBe('2026-11-29T00:00:00.000Z')
    expect(() => shanghaiToRfc3339('29/11/2026')).toThrow()
  })

  it('compares plain dates with today in Shanghai', () => {
    // 2026-11-29 20:00 UTC is already 2026-11-30 in Shanghai.
    const now = new Date('2026-11-29T20:00:00Z')
    expect(isDateBeforeToday('2026-11-29', now)).toBe(true)
    expect(isDateBeforeToday('2026-11-30', now)).toBe(false)
    expect(isDateBeforeToday(null, now)).toBe(false)
    expect(isDateWithinDays('2026-12-30', 30, now)).toBe(true)
    expect(isDateWithinDays('2026-12-31', 30, now)).toBe(false)
    expect(isDateWithinDays('2026-11-29', 30, now)).toBe(false)
  })
})
