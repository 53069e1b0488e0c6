import { describe, expect, it } from 'vitest'
import type { PatrolCompletionStat, PatrolPlanEntry } from '@/api/types'
import {
  PATROL_CHART_MAX,
  behindQueryOf,
  defaultPeriod,
  formatTrackLength,
  patrolChartItems,
  patrolWhen,
  periodDays,
  periodProblem,
  periodText,
  planByInterval,
  planText,
  shortfall,
  trackBbox,
  trackCoordinates,
  trackEnds,
  trackSummary,
} from '@/utils/patrol'
import { rateColor, RATE_COLORS } from '@/utils/rate'
import {
  PATROL_RESULTS,
  PATROL_TARGET_KINDS,
  auditActionLabel,
  auditTargetTypeLabel,
  patrolResultLabel,
  patrolResultTag,
  patrolTargetKindLabel,
} from '@/utils/labels'

const LINE = { type: 'LineString' as const, coordinates: [[117.94, 28.45], [117.95, 28.45], [117.95, 28.46]] as [number, number][] }
const POINTS = { type: 'MultiPoint' as const, coordinates: [[117.94, 28.45], [117.96, 28.47]] as [number, number][] }

const stat = (key: string, required: number, done: number): PatrolCompletionStat => ({
  key,
  name: `组${key}`,
  targets: 1,
  required,
  done,
  rate: required ? done / required : null,
  behind: done < required ? 1 : 0,
})

const plan: PatrolPlanEntry[] = [
  { target_kind: 'segment', class: 'low', class_name: '低压', interval_days: 7 },
  { target_kind: 'segment', class: 'medium_b', class_name: '中压B', interval_days: 3 },
  { target_kind: 'segment', class: 'medium_a', class_name: '中压A', interval_days: 3 },
  { target_kind: 'segment', class: 'high_a', class_name: '高压A', interval_days: 1 },
  { target_kind: 'station', class: 'gate_station', class_name: '门站', interval_days: 1 },
  { target_kind: 'station', class: 'regulator_box', class_name: '调压箱（柜）', interval_days: 30 },
]

describe('patrols', () => {
  it('names target kinds and results as the server does', () => {
    expect(PATROL_TARGET_KINDS.map((k) => k.label)).toEqual(['管段', '厂站设施'])
    expect(PATROL_RESULTS.map((r) => r.label)).toEqual(['正常', '发现异常'])
    expect(patrolTargetKindLabel('station')).toBe('厂站设施')
    expect(patrolResultLabel('abnormal')).toBe('发现异常')
    expect(['normal', 'abnormal', 'bogus'].map(patrolResultTag)).toEqual(['success', 'warning', 'info'])
    expect(auditActionLabel('patrol.import', '其他操作')).toBe('导入巡查记录')
    expect(auditTargetTypeLabel('patrol')).toBe('巡查记录')
    expect(auditTargetTypeLabel('patrols')).toBe('巡查巡检记录')
  })

  it('writes the planned frequency', () => {
    expect(planText(3)).toBe('每3天一次')
    expect(planText(30)).toBe('每30天一次')
    expect(planText(1)).toBe('每天一次')
    expect(planText(0)).toBe('—')
    expect(planText(null)).toBe('—')
  })

  it('groups the plan by frequency, the most frequent first', () => {
    expect(planByInterval(plan, 'segment')).toEqual([
      { interval: 1, text: '每天一次', names: ['高压A'] },
      { interval: 3, text: '每3天一次', names: ['中压B', '中压A'] },
      { interval: 7, text: '每7天一次', names: ['低压'] },
    ])
    expect(planByInterval(plan, 'station').map((g) => g.text)).toEqual(['每天一次', '每30天一次'])
    expect(planByInterval([], 'station')).toEqual([])
  })

  it('writes when a patrol was made and its track', () => {
    expect(patrolWhen({ patrolled_on: '2026-11-29', patrolled_time: '10:27' })).toBe('2026-11-29 10:27')
    expect(patrolWhen({ patrolled_on: '2026-11-29', patrolled_time: null })).toBe('2026-11-29')
    expect(formatTrackLength(850.4)).toBe('850 米')
    expect(formatTrackLength(1234.5)).toBe('1.23 公里')
    expect(formatTrackLength(12_500)).toBe('12.50 公里')
    expect(formatTrackLength(null)).toBe('—')
    expect(trackSummary({ track: LINE, track_length_m: 2089.3 })).toBe('轨迹 2.09 公里')
    expect(trackSummary({ track: LINE, track_length_m: null })).toBe('轨迹')
    expect(trackSummary({ track: POINTS, track_length_m: null })).toBe('打卡点 2 个')
    expect(trackSummary({ track: null, track_length_m: null })).toBe('无')
  })

  it('fits a map to the track and the patrolled target, and marks the ends of a line', () => {
    expect(trackCoordinates(LINE)).toHaveLength(3)
    expect(trackCoordinates(null)).toEqual([])
    expect(trackBbox(LINE)).toEqual([117.94, 28.45, 117.95, 28.46])
    expect(trackBbox(POINTS, [[117.9, 28.5]])).toEqual([117.9, 28.45, 117.96, 28.5])
    expect(trackBbox(null)).toBeNull()
    const ends = trackEnds(LINE)
    expect(ends.features.map((f) => [f.properties.role, f.geometry.coordinates])).toEqual([
      ['start', [117.94, 28.45]],
      ['end', [117.95, 28.46]],
    ])
    expect(trackEnds(POINTS).features).toHaveLength(0)
  })

  it('takes the last 30 days by default and refuses what the server would', () => {
    expect(periodDays('2026-11-01', '2026-11-30')).toBe(30)
    expect(periodDays('2026-11-29', '2026-11-29')).toBe(1)
    // 2026-11-29 07:00 in Shanghai is still the 29th; 23:30 UTC on the 28th is the 29th there too.
    expect(defaultPeriod(new Date('2026-11-28T23:30:00Z'))).toEqual(['2026-10-31', '2026-11-29'])
    expect(defaultPeriod(new Date('2026-03-01T04:00:00Z'))).toEqual(['2026-01-31', '2026-03-01'])
    expect(periodProblem('2026-10-31', '2026-11-29')).toBeNull()
    expect(periodProblem('2026-11-30', '2026-11-29')).toBe('开始日期不能晚于结束日期')
    expect(periodProblem('2025-01-01', '2026-01-02')).toBeNull()
    expect(periodProblem('2025-01-01', '2026-01-03')).toBe('统计区间不能超过一年')
    expect(periodProblem('', '2026-01-03')).toBe('请选择统计期的开始和结束日期')
    expect(periodText('2026-10-31', '2026-11-29')).toBe('2026-10-31 至 2026-11-29（30 天）')
  })

  it('charts the lowest rates and colours them as the inspection completion', () => {
    const items = [stat('a', 10, 9), stat('b', 0, 0), stat('c', 10, 2), stat('d', 30, 6), stat('e', 5, 5)]
    expect(patrolChartItems(items).map((i) => i.key)).toEqual(['d', 'c', 'a', 'e'])
    expect(patrolChartItems(items, 2).map((i) => i.key)).toEqual(['d', 'c'])
    expect(patrolChartItems(Array.from({ length: 30 }, (_, i) => stat(String(i + 1), 3, 1)))).toHaveLength(PATROL_CHART_MAX)
    expect(rateColor(0.95)).toBe(RATE_COLORS.success)
    expect(rateColor(0.75)).toBe(RATE_COLORS.warning)
    expect(rateColor(0.5)).toBe(RATE_COLORS.exception)
    expect(shortfall({ required: 30, done: 12 })).toBe(18)
    expect(shortfall({ required: 3, done: 5 })).toBe(0)
  })

  it('links a group of the completion to its targets behind plan', () => {
    const scope = { region_code: '', enterprise_id: undefined, target_kind: 'segment' as const, from: '2026-11-01', to: '2026-11-29' }
    expect(behindQueryOf('enterprise', '39', scope)).toEqual({
      tab: 'behind',
      enterprise_id: '39',
      target_kind: 'segment',
      from: '2026-11-01',
      to: '2026-11-29',
    })
    expect(behindQueryOf('region', '361102')).toEqual({ tab: 'behind', region_code: '361102' })
    expect(behindQueryOf('class', 'segment:medium_b')).toBeNull()
    expect(behindQueryOf('enterprise', 'all')).toBeNull()
  })
})
