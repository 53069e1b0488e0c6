// Numbers of the asset ledgers as people read them (zh-CN grouping, fixed decimals, "—" for none).

export const DASH = '—'

const formats = new Map<number, Intl.NumberFormat>()

/** "1,234.5" with exactly `digits` decimals; "—" for no value or not a number. */
export function formatNumber(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH
  let f = formats.get(digits)
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    formats.set(digits, f)
  }
  // Avoid "-0.0" for tiny negative rounding noise.
  const out = f.format(v)
  return /^-0(\.0+)?$/.test(out) ? out.slice(1) : out
}

/** A length in metres, one decimal: "1,234.5". */
export const formatMetres = (m: number | null | undefined) => formatNumber(m, 1)

/** A length in kilometres, two decimals: "26.65". */
export const formatKm = (km: number | null | undefined) => formatNumber(km, 2)

const depthFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 2 })

/** A burial depth in metres, one or two decimals ("0.9", "1.0", "1.25"). */
export function formatDepth(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return DASH
  return depthFormat.format(m)
}

/** A nominal diameter: "DN160". */
export function formatDn(dn: number | null | undefined): string {
  if (dn === null || dn === undefined || !Number.isFinite(dn)) return DASH
  return `DN${dn}`
}

/** A longitude or latitude: six decimals (about 0.1 m) unless told. */
export function formatCoord(v: number | null | undefined, digits = 6): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH
  return v.toFixed(digits)
}

/** A design capacity with its unit: "6 万m³/日", "4,000 m³"; "—" without a capacity. */
export function formatCapacity(capacity: number | null | undefined, unit: string | null | undefined): string {
  if (capacity === null || capacity === undefined || !Number.isFinite(capacity)) return DASH
  const digits = Number.isInteger(capacity) ? 0 : Math.min(2, (String(capacity).split('.')[1] ?? '').length)
  const n = formatNumber(capacity, digits)
  return unit ? `${n} ${unit}` : n
}

/** A part of a whole as a percentage, one decimal: "12.5%"; "—" when the whole is 0. */
export function formatShare(part: number, whole: number): string {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return DASH
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`
}

/** Text or "—". */
export const dash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? DASH : String(v)

/** A file size: "820 B", "12.3 KB", "4.5 MB". */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return DASH
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
