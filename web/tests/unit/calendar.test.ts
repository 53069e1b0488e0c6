import { describe, expect, it } from 'vitest'
import {
  checkDayRows,
  dayClass,
  missingYearWarning,
  sameRows,
  serverRowErrors,
  sortRows,
  weekdayName,
  workingDays,
  yearChoices,
  yearGrid,
  type DayRow,
} from '@/utils/calendar'

const row = (date: string, kind: DayRow['kind'], name = ''): DayRow => ({ date, kind, name })

describe('month grids', () => {
  it('lays out twelve months, Monday first', () => {
    const g = yearGrid(2026)
    expect(g).toHaveLength(12)
    // 2026-01-01 is a Thursday: three blanks before it.
    expect(g[0].weeks[0].slice(0, 3)).toEqual([null, null, null])
    expect(g[0].weeks[0][3]?.date).toBe('2026-01-01')
    // 2026-02 has 28 days starting on a Sunday.
    const feb = g[1].weeks.flat().filter((c) => c !== null)
    expect(feb).toHaveLength(28)
    expect(g[1].weeks[0][6]?.date).toBe('2026-02-01')
    expect(g[1].weeks[0][6]?.weekend).toBe(true)
    for (const m of g) for (const w of m.weeks) expect(w).toHaveLength(7)
  })

  it('knows leap years', () => {
    expect(yearGrid(2028)[1].weeks.flat().filter(Boolean)).toHaveLength(29)
  })

  it('names weekdays', () => {
    expect(weekdayName('2026-10-01')).toBe('星期四')
    expect(weekdayName('2026-02-14')).toBe('星期六')
    expect(weekdayName('bad')).toBe('')
  })
})

describe('day rows', () => {
  it('accepts a proper year', () => {
    const rows = [row('2026-10-01', 'holiday', '国庆节'), row('2026-09-27', 'workday', '国庆节')]
    expect(checkDayRows(rows, 2026)).toEqual([])
  })

  it('finds the mistakes the server would refuse', () => {
    const rows = [
      row('2026-10-01', 'holiday'),
      row('2026-10-01', 'holiday'),
      row('2025-12-31', 'holiday'),
      row('2026-10-09', 'workday'),
      row('', 'holiday'),
      row('2026-02-30', ''),
      row('2026-05-01', 'holiday', '劳'.repeat(31)),
    ]
    const errs = checkDayRows(rows, 2026)
    expect(errs).toContainEqual({ index: 1, field: 'date', reason: '2026-10-01 与第1行重复' })
    expect(errs).toContainEqual({ index: 2, field: 'date', reason: '2025-12-31 不在 2026 年' })
    expect(errs.find((e) => e.index === 3)?.field).toBe('kind')
    expect(errs.find((e) => e.index === 3)?.reason).toContain('星期五')
    expect(errs).toContainEqual({ index: 4, field: 'date', reason: '请选择日期' })
    expect(errs.filter((e) => e.index === 5).map((e) => e.field).sort()).toEqual(['date', 'kind'])
    expect(errs.find((e) => e.index === 6)?.field).toBe('name')
  })

  it('reads the row errors of the server', () => {
    expect(
      serverRowErrors([
        { field: 'days[2].kind', reason: '第3行：2026-10-09 是工作日，不能设为调休上班' },
        { field: 'year', reason: '年份不正确' },
      ]),
    ).toEqual([{ index: 2, field: 'kind', reason: '2026-10-09 是工作日，不能设为调休上班' }])
  })

  it('sorts rows by date, new rows last, and sees changes', () => {
    expect(sortRows([row('', 'holiday'), row('2026-10-02', 'holiday'), row('2026-01-01', 'holiday')]).map((r) => r.date)).toEqual([
      '2026-01-01',
      '2026-10-02',
      '',
    ])
    const a = [row('2026-10-01', 'holiday', '国庆节'), row('2026-10-02', 'holiday', '国庆节')]
    expect(sameRows(a, [...a].reverse())).toBe(true)
    expect(sameRows(a, [a[0]])).toBe(false)
    expect(sameRows(a, [a[0], { ...a[1], name: '中秋节' }])).toBe(false)
  })
})

describe('working days', () => {
  it('classes days and counts working days', () => {
    const special = new Map<string, DayRow>([
      ['2026-10-01', row('2026-10-01', 'holiday')],
      ['2026-09-27', row('2026-09-27', 'workday')],
    ])
    expect(dayClass('2026-10-01', special)).toBe('holiday')
    expect(dayClass('2026-09-27', special)).toBe('workday')
    expect(dayClass('2026-10-03', special)).toBe('weekend')
    expect(dayClass('2026-10-09', special)).toBe('working')
    // 2026 has 261 weekdays; one off, one made up.
    expect(workingDays(2026, new Map())).toBe(261)
    expect(workingDays(2026, special)).toBe(261)
  })

  it('warns when next year is not entered', () => {
    expect(missingYearWarning([2025, 2026], 2026)).toBe('尚未录入2027年节假日安排，工作日时限将只按周末计算')
    expect(missingYearWarning([2026, 2027], 2026)).toBeNull()
  })

  it('offers the years entered and those around this one', () => {
    expect(yearChoices([2025, 2026], 2026, 2026)).toEqual([2025, 2026, 2027, 2028])
    expect(yearChoices([2020], 2026, 2031)).toEqual([2020, 2025, 2026, 2027, 2028, 2031])
  })
})
