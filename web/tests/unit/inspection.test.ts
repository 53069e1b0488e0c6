import { describe, expect, it } from 'vitest'
import type { CompletionStat } from '@/api/types'
import { COMPLETION_CHART_MAX, completionChartItems, completionSinceNote, hazardNames } from '@/utils/inspection'
import { DUE_STATES, INSPECTION_OUTCOMES, dueStateLabel, inspectionOutcomeLabel, inspectionOutcomeTag } from '@/utils/labels'
import { formatRate } from '@/utils/rate'
import { HOME_INSPECTION_TABS } from '@/views/safety/safetyTabs'

const stat = (key: string, users: number, inspected: number): CompletionStat => ({
  key,
  name: `组${key}`,
  users,
  inspected,
  never: 0,
  lapsed: users - inspected,
  rate: users ? inspected / users : 0,
})

describe('home inspection outcomes', () => {
  it('names the outcomes as the server does', () => {
    expect(INSPECTION_OUTCOMES.map((o) => o.label)).toEqual(['合格', '发现隐患', '拒绝入户', '到访不遇'])
    expect(inspectionOutcomeLabel('hazard_found')).toBe('发现隐患')
    expect(inspectionOutcomeLabel('nobody_home')).toBe('到访不遇')
    expect(inspectionOutcomeLabel('')).toBe('')
  })

  it('colours passed green, hazards red, refused orange, nobody home grey', () => {
    expect(inspectionOutcomeTag('passed')).toBe('success')
    expect(inspectionOutcomeTag('hazard_found')).toBe('danger')
    expect(inspectionOutcomeTag('refused')).toBe('warning')
    expect(inspectionOutcomeTag('nobody_home')).toBe('info')
    expect(inspectionOutcomeTag('bogus')).toBe('info')
    expect(inspectionOutcomeTag(null)).toBe('info')
  })

  it('names the due states', () => {
    expect(DUE_STATES.map((s) => s.value)).toEqual(['never', 'lapsed'])
    expect(dueStateLabel('never')).toBe('从未安检')
    expect(dueStateLabel('lapsed')).toBe('已超期')
  })
})

describe('hazards', () => {
  it('joins the names with 、', () => {
    expect(
      hazardNames([
        { code: 'aged_rubber_hose', name: '胶管老化' },
        { code: 'pipe_corrosion', name: '管道锈蚀' },
      ]),
    ).toBe('胶管老化、管道锈蚀')
  })

  it('falls back to the code and shows a dash for none', () => {
    expect(hazardNames([{ code: 'new_kind', name: '' }])).toBe('new_kind')
    expect(hazardNames([])).toBe('—')
    expect(hazardNames(null)).toBe('—')
  })
})

describe('completion', () => {
  it('charts the lowest rates first, without empty groups, at most 20', () => {
    const items = Array.from({ length: 30 }, (_, i) => stat(String(i), 100, 100 - i))
    items.push(stat('empty', 0, 0))
    const chart = completionChartItems(items)
    expect(chart).toHaveLength(COMPLETION_CHART_MAX)
    expect(COMPLETION_CHART_MAX).toBe(20)
    expect(chart[0].key).toBe('29')
    expect(chart[19].key).toBe('10')
    expect(chart.some((c) => c.key === 'empty')).toBe(false)
  })

  it('puts larger groups first among equal rates and keeps the order otherwise', () => {
    const chart = completionChartItems([stat('a', 10, 5), stat('b', 40, 20), stat('c', 10, 5)], 5)
    expect(chart.map((c) => c.key)).toEqual(['b', 'a', 'c'])
    expect(completionChartItems([stat('a', 10, 5)], 0)).toEqual([])
  })

  it('shows rates as percentages with one decimal', () => {
    expect(formatRate(stat('x', 3, 2).rate, 3)).toBe('66.7%')
    expect(formatRate(0, 0)).toBe('—')
  })

  it('says since when inspections count', () => {
    expect(completionSinceNote('2024-06-01', '2025-06-01')).toBe(
      '居民用户 2024-06-01 以来、非居民用户 2025-06-01 以来安检过的计为已完成（周期可配置）',
    )
  })

  it('keeps 安检记录 as the default tab', () => {
    expect(HOME_INSPECTION_TABS[0]).toBe('records')
    expect([...HOME_INSPECTION_TABS]).toEqual(['records', 'completion', 'due'])
  })
})
