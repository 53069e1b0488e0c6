// LPG cylinders (钢瓶): the code a scanner types, the trace timeline, the warnings of a cylinder.

import type { Cylinder, CylinderEvent, CylinderTrace, Filling } from '@/api/types'
import { isDateBeforeToday } from './datetime'
import { cylinderEventLabel } from './labels'

/**
 * The code typed or scanned: barcode scanners may add spaces, tabs or line ends; the server
 * compares steel-seal numbers in upper case.
 */
export function normaliseCylinderCode(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\s\u0000-\u001f\u007f]+/g, '').toUpperCase()
}

/** A filling as a step of the trace (servers before circulation records send only fillings). */
export function fillingEvent(f: Filling): CylinderEvent {
  const kind = f.refused ? 'refused' : 'filled'
  const weight = f.net_weight_kg !== null && Number.isFinite(f.net_weight_kg) ? `净重${f.net_weight_kg}kg` : null
  return {
    at: f.filled_at,
    kind,
    kind_name: cylinderEventLabel(kind),
    enterprise_name: f.enterprise_name,
    place: f.station_code,
    operator: f.filler_name,
    user_account: null,
    detail: f.refused ? f.refusal_reason : weight,
  }
}

function time(at: string): number {
  const t = Date.parse(at)
  return Number.isNaN(t) ? -Infinity : t
}

/** The steps of a cylinder's trace, newest first (the events, else the fillings). */
export function traceEvents(trace: Pick<CylinderTrace, 'events' | 'fillings'>): CylinderEvent[] {
  const events = Array.isArray(trace.events) ? trace.events : (trace.fillings ?? []).map(fillingEvent)
  // A stable sort: steps of the same instant keep the server's order.
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => time(b.e.at) - time(a.e.at) || a.i - b.i)
    .map(({ e }) => e)
}

/** How many accepted and refused fillings a trace shows. */
export function fillingCounts(events: readonly CylinderEvent[]): { filled: number; refused: number } {
  let filled = 0
  let refused = 0
  for (const e of events) {
    if (e.kind === 'filled') filled++
    else if (e.kind === 'refused') refused++
  }
  return { filled, refused }
}

/** Why a cylinder in the register must not be filled now (none for a scrapped one: it is void). */
export function cylinderWarnings(c: Cylinder, now: Date = new Date()): string[] {
  if (c.status === 'scrapped') return []
  const out: string[] = []
  if (isDateBeforeToday(c.end_of_life, now)) out.push(`已超过设计使用年限（${c.end_of_life}），应予报废，不得充装`)
  if (isDateBeforeToday(c.next_inspection_on, now)) out.push(`超期未检验（应于${c.next_inspection_on}前检验），不得充装`)
  return out
}
