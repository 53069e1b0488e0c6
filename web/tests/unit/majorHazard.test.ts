import { describe, expect, it } from 'vitest'
import type { MajorHazardStat } from '@/api/types'
import {
  MAJOR_HAZARD_CHART_MAX,
  MAJOR_HAZARD_LEVEL_COLORS,
  REPORT_MAX_BYTES,
  dutyState,
  formatTonnes,
  majorHazardChartItems,
  majorHazardLevelColor,
  majorHazardLevelStyle,
  missingSafeguardsText,
  overdueQueryOf,
  periodNote,
  reportProblem,
  safeguardsOf,
  substanceText,
} from '@/utils/majorHazard'
import {
  ASSESSMENT_CONCLUSIONS,
  MAJOR_HAZARD_LEVELS,
  MAJOR_HAZARD_OVERDUE,
  assessmentConclusionTag,
  auditActionLabel,
  auditTargetTypeLabel,
  maintenanceResultLabel,
  maintenanceResultTag,
} from '@/utils/labels'

const stat = (key: string, total: number, a: number, m: number): MajorHazardStat => ({
  key,
  name: `组${key}`,
  total,
  by_level: [0, 0, 0, total],
  assessment_overdue: a,
  maintenance_overdue: m,
  safeguards_complete: total,
})

describe('major hazard sources', () => {
  it('names the levels, the overdue filter, conclusions and results as the server does', () => {
    expect(MAJOR_HAZARD_LEVELS.map((l) => l.label)).toEqual(['一级', '二级', '三级', '四级'])
    expect(MAJOR_HAZARD_OVERDUE.map((o) => o.label)).toEqual(['安全评估超期', '维护保养超期', '任一超期'])
    expect(ASSESSMENT_CONCLUSIONS.map((c) => c.label)).toEqual(['合格', '基本合格', '不合格'])
    expect(['pass', 'conditional', 'fail', 'bogus'].map(assessmentConclusionTag)).toEqual(['success', 'warning', 'danger', 'info'])
    expect(maintenanceResultLabel('repaired')).toBe('维修后正常')
    expect(['normal', 'repaired', 'abnormal', null].map(maintenanceResultTag)).toEqual(['success', 'primary', 'danger', 'info'])
  })

  it('names the imports and the report upload in the audit log', () => {
    expect(auditActionLabel('major_hazard.import', '其他操作')).toBe('导入重大危险源')
    expect(auditActionLabel('major_hazard.assessment')).toBe('导入安全评估')
    expect(auditActionLabel('major_hazard.maintenance')).toBe('导入维护保养记录')
    expect(auditActionLabel('major_hazard.report')).toBe('上传评估报告')
    expect(auditTargetTypeLabel('major_hazard_source')).toBe('重大危险源')
    expect(auditTargetTypeLabel('major-hazard-sources')).toBe('重大危险源台账')
    expect(auditTargetTypeLabel('major-hazard-assessments')).toBe('重大危险源安全评估')
    expect(auditTargetTypeLabel('major-hazard-maintenance')).toBe('重大危险源设备设施维护保养')
  })

  it('colours 一级 red, 二级 orange, 三级 yellow and 四级 grey', () => {
    expect([1, 2, 3, 4].map(majorHazardLevelColor)).toEqual([
      MAJOR_HAZARD_LEVEL_COLORS[1],
      MAJOR_HAZARD_LEVEL_COLORS[2],
      MAJOR_HAZARD_LEVEL_COLORS[3],
      MAJOR_HAZARD_LEVEL_COLORS[4],
    ])
    expect(majorHazardLevelColor(1)).toBe('#d50000')
    expect(majorHazardLevelColor(9)).toBe(MAJOR_HAZARD_LEVEL_COLORS[4])
    expect(majorHazardLevelStyle(1)).toMatchObject({ backgroundColor: '#d50000', color: '#ffffff' })
    expect(majorHazardLevelStyle(2).color).toBe('#ffffff')
    expect(majorHazardLevelStyle(3).color).not.toBe('#ffffff')
    expect(majorHazardLevelStyle(4)).toEqual(majorHazardLevelStyle(null))
  })

  it('lists the safeguards, the missing ones and the stock', () => {
    expect(safeguardsOf({ leak_detection: true, emergency_shutoff: false, video: true }).map((s) => [s.label, s.present])).toEqual([
      ['泄漏检测报警', true],
      ['紧急切断', false],
      ['视频监控', true],
    ])
    expect(missingSafeguardsText([])).toBe('技防措施齐全')
    expect(missingSafeguardsText(['紧急切断', '视频监控'])).toBe('紧急切断、视频监控 未设置')
    expect(formatTonnes(47.5)).toBe('47.5 吨')
    expect(formatTonnes(120)).toBe('120 吨')
    expect(formatTonnes(1234.567)).toBe('1,234.57 吨')
    expect(formatTonnes(null)).toBe('—')
    expect(substanceText({ substance: '液化石油气', quantity_t: 47.5 })).toBe('液化石油气 / 47.5 吨')
    expect(substanceText({ substance: '天然气', quantity_t: null })).toBe('天然气')
  })

  it('states the periods and where a periodic duty stands', () => {
    expect(periodNote(3, 12)).toBe('安全评估每 3 年一次，设备设施维护保养每 12 个月一次')
    expect(dutyState('assessment', '2025-11-19', '2028-11-19', false)).toEqual({
      date: '2025-11-19',
      tone: 'ok',
      tag: '',
      title: '下次评估应于 2028-11-19 前完成',
    })
    const late = dutyState('assessment', '2022-01-10', '2025-01-10', true)
    expect(late.tone).toBe('overdue')
    expect(late.tag).toBe('超期')
    expect(late.title).toBe('应于 2025-01-10 前再次评估，已超期')
    expect(dutyState('assessment', null, null, true)).toMatchObject({ date: '', tone: 'never', tag: '从未评估' })
    expect(dutyState('maintenance', null, null, true)).toMatchObject({ tone: 'never', tag: '从未维护' })
    expect(dutyState('maintenance', '2025-01-01', '2026-01-01', true).title).toBe('应于 2026-01-01 前再次维护，已超期')
  })

  it('charts the groups with sources, the most overdue first', () => {
    const items = [stat('a', 5, 0, 0), stat('b', 0, 0, 0), stat('c', 3, 1, 2), stat('d', 9, 2, 0), stat('e', 6, 0, 0), stat('f', 2, 0, 2)]
    // Overdue assessments and maintenance together; ties: the more sources first.
    expect(majorHazardChartItems(items).map((i) => i.key)).toEqual(['c', 'd', 'f', 'e', 'a'])
    expect(majorHazardChartItems(items, 1).map((i) => i.key)).toEqual(['c'])
    const many = Array.from({ length: 30 }, (_, i) => stat(String(i + 1), 1, 0, 0))
    expect(majorHazardChartItems(many)).toHaveLength(MAJOR_HAZARD_CHART_MAX)
  })

  it('links an overdue count of the statistics to the ledger', () => {
    expect(overdueQueryOf('region', '361102', 'assessment')).toEqual({ overdue: 'assessment', region_code: '361102' })
    expect(overdueQueryOf('enterprise', '17', 'maintenance', '361102')).toEqual({
      overdue: 'maintenance',
      region_code: '361102',
      enterprise_id: '17',
    })
    expect(overdueQueryOf('level', '2', 'assessment')).toEqual({ overdue: 'assessment', level: '2' })
    expect(overdueQueryOf('level', '5', 'assessment')).toBeNull()
    expect(overdueQueryOf('region', 'all', 'assessment')).toBeNull()
    expect(overdueQueryOf('enterprise', '0', 'assessment')).toBeNull()
  })

  it('takes PDF, JPEG and PNG reports within the upload limit', () => {
    expect(reportProblem({ name: '评估报告.pdf', type: 'application/pdf', size: 1000 })).toBeNull()
    expect(reportProblem({ name: 'scan.PNG', type: '', size: 1000 })).toBeNull()
    expect(reportProblem({ name: 'scan.jpg', type: 'image/jpeg', size: 1000 })).toBeNull()
    expect(reportProblem({ name: '报告.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toBe(
      '“报告.docx”不是PDF文件或JPEG、PNG图片',
    )
    expect(reportProblem({ name: 'a.webp', type: 'image/webp', size: 10 })).toMatch(/不是PDF/)
    expect(reportProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('“a.pdf”是空文件')
    expect(reportProblem({ name: 'a.pdf', type: 'application/pdf', size: REPORT_MAX_BYTES + 1 })).toMatch(/不能超过64.0 MB/)
  })
})
