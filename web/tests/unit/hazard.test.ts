import { describe, expect, it } from 'vitest'
import type { RectificationStat } from '@/api/types'
import {
  PHOTO_MAX_BYTES,
  RECTIFICATION_CHART_MAX,
  hazardEventTag,
  hazardPlace,
  orderedActions,
  overdueQueryOf,
  photoProblem,
  rectificationChartItems,
} from '@/utils/hazard'
import {
  HAZARD_LEVELS,
  HAZARD_SOURCES,
  HAZARD_STATES,
  hazardLevelLabel,
  hazardLevelTag,
  hazardSourceLabel,
  hazardStateLabel,
  hazardStateTag,
} from '@/utils/labels'

const stat = (key: string, found: number, overdue = 0): RectificationStat => ({
  key,
  name: `组${key}`,
  found,
  closed: found - overdue,
  open: overdue,
  overdue,
  major_open: 0,
  rate: found ? (found - overdue) / found : 0,
})

describe('hazards', () => {
  it('names levels, states and sources as the server does, with their colours', () => {
    expect(HAZARD_LEVELS.map((l) => l.label)).toEqual(['一般隐患', '较大隐患', '重大隐患'])
    expect(HAZARD_STATES.map((s) => s.label)).toEqual(['待整改', '整改中', '待复核', '已销号'])
    expect(HAZARD_SOURCES.map((s) => s.label)).toEqual(['企业自查', '巡查巡检', '入户安检', '监督抽查', '投诉', '举报'])
    expect(hazardLevelLabel('major')).toBe('重大隐患')
    expect([hazardLevelTag('major'), hazardLevelTag('larger'), hazardLevelTag('general')]).toEqual(['danger', 'warning', 'info'])
    expect(hazardStateLabel('awaiting_review')).toBe('待复核')
    expect(hazardStateTag('closed')).toBe('success')
    expect(hazardStateTag('found')).toBe('danger')
    expect(hazardStateTag('nonsense')).toBe('info')
    expect(hazardSourceLabel('home_inspection')).toBe('入户安检')
    expect(hazardSourceLabel('unknown_source')).toBe('unknown_source')
  })

  it('writes the place as its kind and reference', () => {
    expect(hazardPlace({ place_kind_name: '燃气用户', place_ref: '01AD00110007' })).toBe('燃气用户 01AD00110007')
    expect(hazardPlace({ place_kind_name: '位置点', place_ref: null })).toBe('位置点')
    expect(hazardPlace({ place_kind_name: '', place_ref: ' ' })).toBe('—')
  })

  it('colours the steps of the history', () => {
    expect(hazardEventTag('close')).toBe('success')
    expect(hazardEventTag('reject')).toBe('danger')
    expect(hazardEventTag('overdue')).toBe('danger')
    expect(hazardEventTag('start')).toBe('warning')
    expect(hazardEventTag('reported')).toBe('primary')
    expect(hazardEventTag('submit')).toBe('primary')
  })

  it('shows the allowed steps in button order and drops unknown ones', () => {
    expect(orderedActions(['close', 'reject'])).toEqual(['reject', 'close'])
    expect(orderedActions(['submit', 'teleport'])).toEqual(['submit'])
    expect(orderedActions(undefined)).toEqual([])
  })

  it('takes JPEG, PNG and WebP photos up to the limit only', () => {
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: 1024 })).toBeNull()
    expect(photoProblem({ name: 'a.JPG', type: 'image/jpeg', size: PHOTO_MAX_BYTES })).toBeNull()
    expect(photoProblem({ name: 'a.webp', type: '', size: 10 })).toBeNull()
    expect(photoProblem({ name: 'a.gif', type: 'image/gif', size: 10 })).toMatch(/不是JPEG、PNG或WebP图片/)
    expect(photoProblem({ name: 'a.pdf', type: '', size: 10 })).toMatch(/不是JPEG、PNG或WebP图片/)
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: 0 })).toMatch(/空文件/)
    expect(photoProblem({ name: 'big.jpg', type: 'image/jpeg', size: PHOTO_MAX_BYTES + 1 })).toMatch(/照片不能超过10\.0 MB/)
    expect(photoProblem({ name: 'b.jpg', type: 'image/jpeg', size: 2048 }, 1024)).toMatch(/2\.0 KB/)
  })

  it('charts the groups with hazards in the server order, at most 20', () => {
    const items = [stat('a', 5, 3), stat('b', 0), stat('c', 4, 1)]
    expect(rectificationChartItems(items).map((i) => i.key)).toEqual(['a', 'c'])
    const many = Array.from({ length: 30 }, (_, i) => stat(String(i), 10, 30 - i))
    const top = rectificationChartItems(many)
    expect(top).toHaveLength(RECTIFICATION_CHART_MAX)
    expect(top[0].key).toBe('0')
    expect(rectificationChartItems(items, 1).map((i) => i.key)).toEqual(['a'])
  })

  it("links a group's overdue number to the ledger filtered the same way", () => {
    expect(overdueQueryOf('region', '361102')).toEqual({ overdue: 'true', region_code: '361102' })
    expect(overdueQueryOf('region', '361102', { region_code: '361100', enterprise_id: 9 })).toEqual({
      overdue: 'true',
      region_code: '361102',
      enterprise_id: '9',
    })
    expect(overdueQueryOf('enterprise', '56', { region_code: '361102' })).toEqual({
      overdue: 'true',
      region_code: '361102',
      enterprise_id: '56',
    })
    expect(overdueQueryOf('level', 'major')).toEqual({ overdue: 'true', level: 'major' })
    expect(overdueQueryOf('source', 'complaint')).toEqual({ overdue: 'true', source: 'complaint' })
    expect(overdueQueryOf('enterprise', 'total')).toBeNull()
    expect(overdueQueryOf('level', 'colour')).toBeNull()
    expect(overdueQueryOf('region', '')).toBeNull()
  })
})
