// Home safety inspections (入户安检) as people read them: hazards, completion rates and the chart.

import type { CompletionStat, InspectionHazard } from '@/api/types'
import { DASH } from './format'

/** The names of the hazards found, "胶管老化、管道锈蚀"; "—" when none. */
export function hazardNames(hazards: readonly InspectionHazard[] | null | undefined): string {
  if (!hazards || hazards.length === 0) return DASH
  return hazards.map((h) => h.name || h.code).join('、')
}

/** The chart shows at most this many groups (the lowest rates). */
export const COMPLETION_CHART_MAX = 20

/**
 * The groups of the completion chart: those with users to inspect, lowest rate first (ties: more
 * users first), at most `max`.
 */
export function completionChartItems(items: readonly CompletionStat[], max = COMPLETION_CHART_MAX): CompletionStat[] {
  return items
    .filter((i) => i.users > 0)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.rate - b.item.rate || b.item.users - a.item.users || a.index - b.index)
    .slice(0, Math.max(0, max))
    .map((x) => x.item)
}

/** The cycle note above the completion numbers. */
export function completionSinceNote(householdSince: string, nonHouseholdSince: string): string {
  return `居民用户 ${householdSince} 以来、非居民用户 ${nonHouseholdSince} 以来安检过的计为已完成（周期可配置）`
}
