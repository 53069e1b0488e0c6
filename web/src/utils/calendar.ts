// The working-day calendar (工作日历) as people keep it: the month grids of a year, the kind of each
// day (放假, 调休上班, weekend, working day), and the checks the server makes of a year's days
// (so mistakes show beside the row before saving).

import type { DayKind } from '@/api/calendar'
import type { Option } from './labels'
import { isIsoDate } from './datetime'

export const DAY_KINDS: Option<DayKind>[] = [
  { value: 'holiday', label: '放假' },
  { value: 'workday', label: '调休上班' },
]

export const dayKindLabel = (k: string | null | undefined) => DAY_KINDS.find((o) => o.value === k)?.label ?? (k || '')

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const
/** The grid's header, Monday first (as Chinese calendars are printed). */
export const GRID_WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const

/** 0 = Sunday … 6 = Saturday of a YYYY-MM-DD date (a calendar date: no time zone). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

export const isWeekend = (date: string) => {
  const w = weekdayOf(date)
  return w === 0 || w === 6
}

export const weekdayName = (date: string) => (isIsoDate(date) ? WEEKDAY_NAMES[weekdayOf(date)] : '')

const pad = (n: number) => String(n).padStart(2, '0')

export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

/** One cell of a month grid: a day, or a blank before the 1st or after the last day. */
export interface GridCell {
  date: string
  day: number
  weekend: boolean
}

export interface MonthGrid {
  month: number
  /** Rows of seven cells, Monday first; null for a blank. */
  weeks: (GridCell | null)[][]
}

/** The twelve month grids of a year. */
export function yearGrid(year: number): MonthGrid[] {
  const months: MonthGrid[] = []
  for (let m = 1; m <= 12; m++) {
    const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
    // Monday = 0 … Sunday = 6
    const lead = (weekdayOf(isoDate(year, m, 1)) + 6) % 7
    const cells: (GridCell | null)[] = Array.from({ length: lead }, () => null)
    for (let d = 1; d <= days; d++) {
      const date = isoDate(year, m, d)
      cells.push({ date, day: d, weekend: isWeekend(date) })
    }
    while (cells.length % 7) cells.push(null)
    const weeks: (GridCell | null)[][] = []
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
    months.push({ month: m, weeks })
  }
  return months
}

/** A row of the table of exceptional days, as edited. */
export interface DayRow {
  date: string
  kind: DayKind | ''
  name: string
}

/** A mistake of a row: which row (from 0), which field, why. */
export interface DayRowError {
  index: number
  field: 'date' | 'kind' | 'name'
  reason: string
}

export const NAME_MAX = 30

/**
 * The mistakes of a year's rows, as the server finds them: a real date in the year, each date
 * once, a kind, a make-up working day only on a weekend, a name of at most 30 characters.
 */
export function checkDayRows(rows: readonly DayRow[], year: number): DayRowError[] {
  const errors: DayRowError[] = []
  const seen = new Map<string, number>()
  rows.forEach((r, index) => {
    const date = r.date.trim()
    if (!isIsoDate(date)) {
      errors.push({ index, field: 'date', reason: date ? `日期“${date}”应为 YYYY-MM-DD` : '请选择日期' })
    } else {
      if (Number(date.slice(0, 4)) !== year) errors.push({ index, field: 'date', reason: `${date} 不在 ${year} 年` })
      const first = seen.get(date)
      if (first !== undefined) errors.push({ index, field: 'date', reason: `${date} 与第${first + 1}行重复` })
      else seen.set(date, index)
    }
    if (r.kind !== 'holiday' && r.kind !== 'workday') {
      errors.push({ index, field: 'kind', reason: '请选择类型' })
    } else if (r.kind === 'workday' && isIsoDate(date) && !isWeekend(date)) {
      errors.push({ index, field: 'kind', reason: `${date} 是${weekdayName(date)}，本就是工作日，不能设为调休上班` })
    }
    if (Array.from(r.name.trim()).length > NAME_MAX) {
      errors.push({ index, field: 'name', reason: `名称不能超过 ${NAME_MAX} 个字` })
    }
  })
  return errors
}

/**
 * The row errors of the server's 422 (fields `days[3].date`, reasons "第4行：…"): the row index,
 * the field and the reason without its row prefix. Errors of no row are left out.
 */
export function serverRowErrors(errors: readonly { field: string; reason: string }[]): DayRowError[] {
  const out: DayRowError[] = []
  for (const e of errors) {
    const m = /^days\[(\d+)\]\.(date|kind|name)$/.exec(e.field)
    if (!m) continue
    out.push({ index: Number(m[1]), field: m[2] as DayRowError['field'], reason: e.reason.replace(/^第\d+行[：:]\s*/, '') })
  }
  return out
}

/** The rows sorted by date (rows without a date last), for saving and showing. */
export function sortRows<T extends { date: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999'))
}

/** Whether two lists of rows hold the same days (order aside): the edit has changes to save. */
export function sameRows(a: readonly DayRow[], b: readonly DayRow[]): boolean {
  const key = (rows: readonly DayRow[]) =>
    sortRows(rows)
      .map((r) => `${r.date.trim()}|${r.kind}|${r.name.trim()}`)
      .join('\n')
  return key(a) === key(b)
}

/** What a day is on this calendar. */
export type DayClass = 'holiday' | 'workday' | 'weekend' | 'working'

export function dayClass(date: string, special: ReadonlyMap<string, DayRow>): DayClass {
  const s = special.get(date)
  if (s?.kind === 'holiday') return 'holiday'
  if (s?.kind === 'workday') return 'workday'
  return isWeekend(date) ? 'weekend' : 'working'
}

/** Working days of a year on these exceptional days: weekdays not off, plus make-up working days. */
export function workingDays(year: number, special: ReadonlyMap<string, DayRow>): number {
  let n = 0
  for (const m of yearGrid(year)) {
    for (const w of m.weeks) {
      for (const c of w) {
        if (!c) continue
        const k = dayClass(c.date, special)
        if (k === 'working' || k === 'workday') n++
      }
    }
  }
  return n
}

/**
 * The warning of a calendar that lacks next year's arrangement (the State Council publishes it
 * late in the year), or null when next year is entered.
 */
export function missingYearWarning(years: readonly number[], thisYear: number): string | null {
  const next = thisYear + 1
  if (years.includes(next)) return null
  return `尚未录入${next}年节假日安排，工作日时限将只按周末计算`
}

/** The years offered by the year switcher: those entered, and last, this and the next two years. */
export function yearChoices(entered: readonly number[], thisYear: number, shown: number): number[] {
  const set = new Set<number>([...entered, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, shown])
  return [...set].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => a - b)
}
