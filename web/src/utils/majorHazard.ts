// Major hazard sources (重大危险源) as people read them: the level's colour, the technical
// safeguards, the stock held, the periodic assessment and maintenance (last done, 超期, 从未…),
// the assessment report one may upload, the statistics chart and its links to the ledger. Pure
// (no DOM), so they are unit tested.

import type { MajorHazard, MajorHazardStat, MajorHazardStatsGroup } from '@/api/types'
import { DASH, formatFileSize, formatNumber } from './format'

/** The colours of the levels: 一级 red, 二级 orange, 三级 yellow, 四级 grey. */
export const MAJOR_HAZARD_LEVEL_COLORS: Record<1 | 2 | 3 | 4, string> = {
  1: '#d50000',
  2: '#f57c00',
  3: '#e6b000',
  4: '#a8abb2',
}

/** The colour of a level (grey for an unknown one). */
export function majorHazardLevelColor(level: number | null | undefined): string {
  return MAJOR_HAZARD_LEVEL_COLORS[level as 1 | 2 | 3 | 4] ?? MAJOR_HAZARD_LEVEL_COLORS[4]
}

/**
 * The style of a level's tag: 一级 and 二级 solid red and orange (white text), 三级 light yellow,
 * 四级 light grey — the most severe stand out in a long list.
 */
export function majorHazardLevelStyle(level: number | null | undefined): Record<string, string> {
  switch (level) {
    case 1:
      return { backgroundColor: '#d50000', borderColor: '#d50000', color: '#ffffff' }
    case 2:
      return { backgroundColor: '#f57c00', borderColor: '#f57c00', color: '#ffffff' }
    case 3:
      return { backgroundColor: '#fff8db', borderColor: '#f0c94a', color: '#8a6100' }
    default:
      return { backgroundColor: '#f4f4f5', borderColor: '#d3d4d6', color: '#606266' }
  }
}

export type SafeguardKey = 'leak_detection' | 'emergency_shutoff' | 'video'

/** The technical safeguards (技防措施) in the server's order; `short` fits a table cell. */
export const SAFEGUARDS: { key: SafeguardKey; label: string; short: string }[] = [
  { key: 'leak_detection', label: '泄漏检测报警', short: '报警' },
  { key: 'emergency_shutoff', label: '紧急切断', short: '切断' },
  { key: 'video', label: '视频监控', short: '视频' },
]

/** Each safeguard of a source and whether it is installed. */
export function safeguardsOf(h: Pick<MajorHazard, SafeguardKey>) {
  return SAFEGUARDS.map((s) => ({ ...s, present: !!h[s.key] }))
}

/** "泄漏检测报警、视频监控 未设置"; "技防措施齐全" when none is missing. */
export function missingSafeguardsText(missing: readonly string[] | null | undefined): string {
  if (!missing || missing.length === 0) return '技防措施齐全'
  return `${missing.join('、')} 未设置`
}

/** Tonnes: "47.5 吨", "120 吨" (at most two decimals); "—" without a quantity. */
export function formatTonnes(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return DASH
  const decimals = Number.isInteger(t) ? 0 : Math.min(2, (String(t).split('.')[1] ?? '').length)
  return `${formatNumber(t, decimals)} 吨`
}

/** The substance and the largest stock: "液化石油气 / 47.5 吨", the substance alone without a quantity. */
export function substanceText(h: Pick<MajorHazard, 'substance' | 'quantity_t'>): string {
  const q = formatTonnes(h.quantity_t)
  if (!h.substance) return q
  return q === DASH ? h.substance : `${h.substance} / ${q}`
}

/** The periods in force, as the ledger states them. */
export function periodNote(assessmentYears: number, maintenanceMonths: number): string {
  return `安全评估每 ${assessmentYears} 年一次，设备设施维护保养每 ${maintenanceMonths} 个月一次`
}

export type DutyKind = 'assessment' | 'maintenance'

export interface DutyState {
  /** The last day done ("" when never). */
  date: string
  /** ok: within its period; overdue: past it; never: not done at all (also overdue). */
  tone: 'ok' | 'overdue' | 'never'
  /** The tag: "" when within the period, "超期", or "从未评估" / "从未维护". */
  tag: string
  /** A tooltip: when it is next due, or since when it is overdue. */
  title: string
}

/** Where a periodic duty (the safety assessment or the equipment maintenance) of a source stands. */
export function dutyState(kind: DutyKind, last: string | null | undefined, due: string | null | undefined, overdue: boolean): DutyState {
  const verb = kind === 'assessment' ? '评估' : '维护'
  const what = kind === 'assessment' ? '安全评估' : '设备设施维护保养'
  if (!last) return { date: '', tone: 'never', tag: `从未${verb}`, title: `尚无${what}记录，应尽快开展` }
  if (overdue) return { date: last, tone: 'overdue', tag: '超期', title: due ? `应于 ${due} 前再次${verb}，已超期` : `${what}已超期` }
  return { date: last, tone: 'ok', tag: '', title: due ? `下次${verb}应于 ${due} 前完成` : '' }
}

/** The chart shows at most this many groups. */
export const MAJOR_HAZARD_CHART_MAX = 20

/** The groups of the chart: those with sources, the most overdue first (then the most sources), at most `max`. */
export function majorHazardChartItems(items: readonly MajorHazardStat[], max = MAJOR_HAZARD_CHART_MAX): MajorHazardStat[] {
  const overdue = (s: MajorHazardStat) => s.assessment_overdue + s.maintenance_overdue
  return items
    .filter((i) => i.total > 0)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => overdue(b.item) - overdue(a.item) || b.item.total - a.item.total || a.index - b.index)
    .slice(0, Math.max(0, max))
    .map((x) => x.item)
}

/**
 * The 危险源台账 query listing a group's sources past the period of `kind`, with the division the
 * statistics were limited to. Null for a key the ledger cannot filter by.
 */
export function overdueQueryOf(
  group: MajorHazardStatsGroup,
  key: string,
  kind: DutyKind,
  regionCode = '',
): Record<string, string> | null {
  const q: Record<string, string> = { overdue: kind }
  if (regionCode) q.region_code = regionCode
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
      if (!/^[1-4]$/.test(key)) return null
      q.level = key
      break
  }
  return q
}

/** The report files the server takes (it checks the bytes too). */
export const REPORT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'
const REPORT_TYPES = ['application/pdf', 'image/jpeg', 'image/png']
const REPORT_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png']
/** The server's default upload limit (`upload_max_bytes`). */
export const REPORT_MAX_BYTES = 64 * 1024 * 1024

/**
 * Why a file cannot be uploaded as an assessment report, or null when it may: a PDF, JPEG or PNG
 * (by its type, or its name when the browser gives no type), not empty, at most `max` bytes.
 */
export function reportProblem(file: { name: string; type: string; size: number }, max = REPORT_MAX_BYTES): string | null {
  const type = (file.type || '').toLowerCase()
  const name = file.name.toLowerCase()
  const ok = type ? REPORT_TYPES.includes(type) : REPORT_EXTENSIONS.some((e) => name.endsWith(e))
  if (!ok) return `“${file.name}”不是PDF文件或JPEG、PNG图片`
  if (file.size <= 0) return `“${file.name}”是空文件`
  if (file.size > max) return `“${file.name}”有${formatFileSize(file.size)}，评估报告不能超过${formatFileSize(max)}`
  return null
}
