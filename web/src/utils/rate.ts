// Rates (0..1, e.g. the certified rate of practitioners) as people read them.

/** The rate as a percentage for a progress bar: 0–100, one decimal. */
export function ratePercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0
  const p = Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10
  return p
}

/** "73.9%"; "—" when there is nothing to divide (no one needs a certificate). */
export function formatRate(rate: number | null | undefined, denominator?: number): string {
  if (denominator === 0) return '—'
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${ratePercent(rate).toFixed(1)}%`
}

export type RateLevel = 'success' | 'warning' | 'exception'

/** Colour of a certified rate: at least 90% good, at least 70% fair, below that poor. */
export function rateLevel(rate: number | null | undefined): RateLevel {
  const p = ratePercent(rate)
  if (p >= 90) return 'success'
  if (p >= 70) return 'warning'
  return 'exception'
}

/** The colours of the rate levels (Element Plus success, warning, danger). */
export const RATE_COLORS: Record<RateLevel, string> = {
  success: '#67c23a',
  warning: '#e6a23c',
  exception: '#f56c6c',
}

/** The colour of a rate for a bar: green from 90%, orange from 70%, red below. */
export function rateColor(rate: number | null | undefined): string {
  return RATE_COLORS[rateLevel(rate)]
}
