// Hazards (隐患) and their rectification as people read them: where a hazard is, the colours of
// its history, the evidence photos one may upload, the rectification chart and the links from the
// statistics to the ledger.

import type { Hazard, HazardAction, RectificationGroup, RectificationStat } from '@/api/types'
import type { TagType } from './labels'
import { DASH, formatFileSize } from './format'

/** "燃气用户 01AD00110007"; the kind alone without a reference; "—" without either. */
export function hazardPlace(h: Pick<Hazard, 'place_kind_name' | 'place_ref'>): string {
  const parts = [h.place_kind_name, h.place_ref].map((s) => (s ?? '').trim()).filter(Boolean)
  return parts.length ? parts.join(' ') : DASH
}

/** The colour of a step in the history: closed green, sent back or overdue red, the rest blue. */
export function hazardEventTag(action: string): TagType {
  switch (action) {
    case 'close':
      return 'success'
    case 'reject':
    case 'overdue':
      return 'danger'
    case 'start':
      return 'warning'
    default:
      return 'primary'
  }
}

/** The steps in the order their buttons are shown (the server sends the allowed ones). */
const ACTION_ORDER: HazardAction[] = ['start', 'submit', 'reject', 'close']

/** The allowed steps the UI knows, in button order (unknown codes are left out). */
export function orderedActions(allowed: readonly string[] | null | undefined): HazardAction[] {
  const set = new Set(allowed ?? [])
  return ACTION_ORDER.filter((a) => set.has(a))
}

/** The photos the server takes (it checks the bytes too). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp'
/** The server's default limit of a photo (`photo_max_bytes`). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024

const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp']

/**
 * Why a file cannot be uploaded as an evidence photo, or null when it may: JPEG, PNG or WebP (by
 * its type, or by its name when the browser gives no type), not empty, at most `max` bytes.
 */
export function photoProblem(file: { name: string; type: string; size: number }, max = PHOTO_MAX_BYTES): string | null {
  const type = (file.type || '').toLowerCase()
  const name = file.name.toLowerCase()
  const typeOk = type ? (PHOTO_TYPES as readonly string[]).includes(type) : PHOTO_EXTENSIONS.some((e) => name.endsWith(e))
  if (!typeOk) return `“${file.name}”不是JPEG、PNG或WebP图片`
  if (file.size <= 0) return `“${file.name}”是空文件`
  if (file.size > max) return `“${file.name}”有${formatFileSize(file.size)}，照片不能超过${formatFileSize(max)}`
  return null
}

/** The chart shows at most this many groups. */
export const RECTIFICATION_CHART_MAX = 20

/** The groups of the chart: those with hazards, in the server's order (most overdue first), at most `max`. */
export function rectificationChartItems(
  items: readonly RectificationStat[],
  max = RECTIFICATION_CHART_MAX,
): RectificationStat[] {
  return items.filter((i) => i.found > 0).slice(0, Math.max(0, max))
}

/** The filters of the statistics that the ledger shares. */
export interface RectificationScope {
  region_code?: string
  enterprise_id?: number
}

/**
 * The 隐患台账 query listing a group's overdue hazards: `overdue=true`, the group's key as its
 * filter, and the division and enterprise the statistics were limited to. Null for a key the
 * ledger cannot filter by.
 */
export function overdueQueryOf(
  group: RectificationGroup,
  key: string,
  scope: RectificationScope = {},
): Record<string, string> | null {
  const q: Record<string, string> = { overdue: 'true' }
  if (scope.region_code) q.region_code = scope.region_code
  if (scope.enterprise_id) q.enterprise_id = String(scope.enterprise_id)
  switch (group) {
    case 'region':
      if (!/^\d{6,12}$/.test(key)) return null
      q.region_code = key
      break
    case 'enterprise':
      if (!/^[1-9]\d*$/.test(key)) return null
      q.enterprise_id = key
      break
    case 'level':
      if (!['general', 'larger', 'major'].includes(key)) return null
      q.level = key
      break
    case 'source':
      if (!['self_inspection', 'patrol', 'home_inspection', 'spot_check', 'complaint', 'report'].includes(key)) return null
      q.source = key
      break
  }
  // The ledger is the page's first tab: no `tab` in its URL.
  return q
}
