// The server speaks RFC 3339 UTC; people read Asia/Shanghai (UTC+8, no daylight saving).

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of dateTimeFormat.formatToParts(d)) out[p.type] = p.value
  return out
}

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** "2026-11-29 18:05:03" in Asia/Shanghai; "" for no value, the input itself when unparsable. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const d = parse(value)
  if (!d) return typeof value === 'string' ? value : ''
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** "2026-11-29" (the Asia/Shanghai calendar day of an instant). */
export function formatDate(value: string | Date | null | undefined): string {
  const d = parse(value)
  if (!d) return typeof value === 'string' ? value : ''
  const p = parts(d)
  return `${p.year}-${p.month}-${p.day}`
}

/**
 * A wall-clock time typed in Shanghai ("YYYY-MM-DD HH:mm:ss" or "YYYY-MM-DD") as RFC 3339 with
 * its offset, e.g. "2026-11-29T08:00:00+08:00", whatever the browser's own time zone is.
 */
export function shanghaiToRfc3339(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim())
  if (!m) throw new Error(`not a local date-time: ${local}`)
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`
}

/** Today's date in Shanghai, "YYYY-MM-DD". */
export function todayInShanghai(now: Date = new Date()): string {
  return formatDate(now)
}

/** Whether a plain date ("YYYY-MM-DD", e.g. a licence's validity end) is before today in Shanghai. */
export function isDateBeforeToday(date: string | null | undefined, now: Date = new Date()): boolean {
  if (!date) return false
  return date < todayInShanghai(now)
}

/** Whether a plain date falls within the next `days` days (today included) in Shanghai. */
export function isDateWithinDays(date: string | null | undefined, days: number, now: Date = new Date()): boolean {
  if (!date) return false
  const limit = formatDate(new Date(now.getTime() + days * 86_400_000))
  return date >= todayInShanghai(now) && date <= limit
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}
