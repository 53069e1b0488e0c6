import { describe, expect, it } from 'vitest'
import type { CaseStat, MonthStat } from '@/api/complaints'
import {
  CASE_ACTION_NAMES,
  CASE_CHANNELS,
  CASE_STATES,
  CASE_TYPES,
  GAS_CATEGORIES,
  SATISFACTIONS,
  caseActionButton,
  caseChartItems,
  caseContact,
  caseEventTag,
  caseStateTag,
  caseStepForm,
  caseStepProblem,
  closedRate,
  hasOnTimeRate,
  deadlineStatus,
  internalLink,
  monthLabel,
  monthSeries,
  orderedCaseActions,
  ratedCount,
  relativeTime,
  satisfactionSlices,
  stageStatus,
  truncate,
} from '@/utils/complaint'

/** 2026-03-10 10:00 in Shanghai. */
const NOW = new Date('2026-03-10T02:00:00Z')

const stat = (key: string, total: number): CaseStat => ({
  key,
  name: `组${key}`,
  total,
  closed: 0,
  open: total,
  overdue: 0,
  enterprise_received: 0,
  on_time_rate: 0,
  timed_stages: 0,
  rated: 0,
  satisfaction_rate: 0,
})

describe('case names', () => {
  it('names types, channels, states and ratings as the server does', () => {
    expect(CASE_TYPES.map((t) => t.label)).toEqual(['投诉', '举报', '服务申请', '意见建议'])
    expect(CASE_CHANNELS.map((t) => t.label)).toEqual(['网上投诉', '来电登记', '12345热线', '企业直接受理'])
    expect(GAS_CATEGORIES.map((t) => t.value)).toEqual(['pipeline_gas', 'lpg', 'vehicle_gas', 'other'])
    expect(CASE_STATES.map((s) => s.label)).toEqual([
      '待受理', '已受理', '已转办', '办理中', '已退回', '已答复', '已反馈', '已评价', '已办结',
    ])
    expect(SATISFACTIONS.map((s) => s.label)).toEqual(['满意', '基本满意', '不满意'])
    expect(CASE_ACTION_NAMES.follow_up).toBe('回访反馈')
    expect(CASE_ACTION_NAMES.handle).toBe('签收办理')
  })

  it('colours states and steps', () => {
    expect(caseStateTag('received')).toBe('warning')
    expect(caseStateTag('returned')).toBe('danger')
    expect(caseStateTag('closed')).toBe('success')
    expect(caseStateTag('handling')).toBe('primary')
    expect(caseStateTag('unknown')).toBe('info')
    expect(caseEventTag('close')).toBe('success')
    expect(caseEventTag('return')).toBe('danger')
    expect(caseEventTag('warning')).toBe('warning')
    expect(caseEventTag('receive')).toBe('primary')
  })
})

describe('case steps', () => {
  it('orders the allowed steps and drops unknown ones', () => {
    expect(orderedCaseActions(['return', 'transfer', 'handle', 'frobnicate'])).toEqual(['handle', 'transfer', 'return'])
    expect(orderedCaseActions(['decline', 'accept'])).toEqual(['accept', 'decline'])
    expect(orderedCaseActions(null)).toEqual([])
  })

  it('outlines the refusals', () => {
    expect(caseActionButton('decline')).toEqual({ type: 'danger', plain: true })
    expect(caseActionButton('close').type).toBe('success')
    expect(caseActionButton('transfer')).toEqual({ type: 'primary', plain: false })
  })

  it('asks each step for what the server requires', () => {
    expect(caseStepForm('decline').noteRequired).toBe(true)
    expect(caseStepForm('decline').noteLabel).toBe('不予受理理由')
    expect(caseStepForm('transfer').needsOrg).toBe(true)
    expect(caseStepForm('transfer').noteRequired).toBe(false)
    expect(caseStepForm('answer').noteLabel).toBe('办理结果')
    expect(caseStepForm('answer').photos).toBe(true)
    expect(caseStepForm('follow_up').noteLabel).toBe('反馈情况')
    expect(caseStepForm('rate').needsSatisfaction).toBe(true)
    expect(caseStepForm('rate').noteRequired).toBe(false)
    expect(caseStepForm('reopen').noteRequired).toBe(true)
    expect(caseStepForm('return').noteRequired).toBe(true)
  })

  it('needs the reason a case was not rated when it is closed without a rating', () => {
    expect(caseStepForm('close', 'rated').noteRequired).toBe(false)
    const f = caseStepForm('close', 'fed_back')
    expect(f.noteRequired).toBe(true)
    expect(f.noteLabel).toBe('未评价原因')
  })

  it('says what is missing before sending', () => {
    expect(caseStepProblem(caseStepForm('transfer'), { note: '' })).toBe('请选择承办单位')
    expect(caseStepProblem(caseStepForm('transfer'), { note: '', toOrgId: 3 })).toBeNull()
    expect(caseStepProblem(caseStepForm('rate'), { note: '' })).toBe('请选择满意度')
    expect(caseStepProblem(caseStepForm('rate'), { note: '', satisfaction: 'satisfied' })).toBeNull()
    expect(caseStepProblem(caseStepForm('answer'), { note: '  ' })).toBe('请填写办理结果')
    expect(caseStepProblem(caseStepForm('answer'), { note: '已处理' })).toBeNull()
    expect(caseStepProblem(caseStepForm('accept'), { note: '' })).toBeNull()
  })
})

describe('deadlines', () => {
  it('marks overdue, due today or tomorrow, and later', () => {
    expect(deadlineStatus({ deadline: '2026-03-20', overdue: true, state: 'handling' }, NOW)).toBe('overdue')
    expect(deadlineStatus({ deadline: '2026-03-09', overdue: false, state: 'handling' }, NOW)).toBe('overdue')
    expect(deadlineStatus({ deadline: '2026-03-10', overdue: false, state: 'handling' }, NOW)).toBe('due_soon')
    expect(deadlineStatus({ deadline: '2026-03-11', overdue: false, state: 'handling' }, NOW)).toBe('due_soon')
    expect(deadlineStatus({ deadline: '2026-03-12', overdue: false, state: 'handling' }, NOW)).toBe('normal')
    expect(deadlineStatus({ deadline: null, overdue: false, state: 'closed' }, NOW)).toBe('none')
  })

  it('counts the day in Shanghai, not in UTC', () => {
    // 2026-03-10 23:30 in Shanghai is still the 10th there (15:30 UTC).
    const late = new Date('2026-03-10T15:30:00Z')
    expect(deadlineStatus({ deadline: '2026-03-11', overdue: false, state: 'handling' }, late)).toBe('due_soon')
    // 00:30 on the 11th in Shanghai (16:30 UTC on the 10th): the 10th is past.
    const after = new Date('2026-03-10T16:30:00Z')
    expect(deadlineStatus({ deadline: '2026-03-10', overdue: false, state: 'handling' }, after)).toBe('overdue')
  })

  it('names the state of a stage', () => {
    expect(stageStatus({ open: false, late: false, deadline: '2026-03-01' }, NOW)).toEqual({ label: '按时完成', tag: 'success' })
    expect(stageStatus({ open: false, late: true, deadline: '2026-03-01' }, NOW)).toEqual({ label: '超时完成', tag: 'warning' })
    expect(stageStatus({ open: true, late: true, deadline: '2026-03-01' }, NOW).label).toBe('已超时')
    expect(stageStatus({ open: true, late: false, deadline: '2026-03-11' }, NOW).label).toBe('临期')
    expect(stageStatus({ open: true, late: false, deadline: '2026-03-20' }, NOW).label).toBe('进行中')
  })
})

describe('contact', () => {
  it('never shows the source of an anonymous report', () => {
    const c = caseContact({ anonymous: true, contact_name: null, contact_phone: null, contact_visible: false })
    expect(c.anonymous).toBe(true)
    expect(c.name).toBe('—')
  })

  it('says when the contact is masked', () => {
    const c = caseContact({ anonymous: false, contact_name: '张*', contact_phone: '138****5678', contact_visible: false })
    expect(c).toEqual({ anonymous: false, name: '张*', phone: '138****5678', masked: true })
    expect(caseContact({ anonymous: false, contact_name: '张三', contact_phone: '13800005678', contact_visible: true }).masked).toBe(false)
  })
})

describe('text', () => {
  it('cuts long texts on one line', () => {
    expect(truncate('一二三四五', 10)).toBe('一二三四五')
    expect(truncate('一二三四五六七八九十十一', 5)).toBe('一二三四…')
    expect(truncate('第一行\n第二行', 20)).toBe('第一行 第二行')
    expect(truncate('', 5)).toBe('—')
    expect(truncate(null)).toBe('—')
  })
})

describe('statistics', () => {
  it('charts the groups with cases', () => {
    expect(caseChartItems([stat('a', 3), stat('b', 0), stat('c', 1)]).map((i) => i.key)).toEqual(['a', 'c'])
    expect(caseChartItems([stat('a', 3), stat('c', 1)], 1).map((i) => i.key)).toEqual(['a'])
  })

  it('has no on-time rate for cases enterprises received directly', () => {
    expect(hasOnTimeRate({ timed_stages: 0 })).toBe(false)
    expect(hasOnTimeRate({ timed_stages: 1 })).toBe(true)
  })

  it('rates closing only with cases', () => {
    expect(closedRate({ total: 0, closed: 0 })).toBeNull()
    expect(closedRate({ total: 4, closed: 3 })).toBe(0.75)
  })

  it('slices the satisfaction pie without empty slices', () => {
    const s = { satisfied: 3, basically_satisfied: 0, dissatisfied: 1, rate: 0.75 }
    expect(satisfactionSlices(s).map((x) => x.name)).toEqual(['满意', '不满意'])
    expect(ratedCount(s)).toBe(4)
  })

  it('draws the months in order, one line per type and the closed ones', () => {
    const m = (month: string, n: number): MonthStat => ({
      month,
      total: n * 4,
      complaint: n,
      report: n,
      service_request: n,
      suggestion: n,
      closed: n,
    })
    const s = monthSeries([m('2026-02', 2), m('2026-01', 1)])
    expect(s.categories).toEqual(['2026年1月', '2026年2月'])
    expect(s.series.map((x) => x.name)).toEqual(['投诉', '举报', '服务申请', '意见建议', '办结'])
    expect(s.series[0].data).toEqual([1, 2])
    expect(monthLabel('2026-11')).toBe('2026年11月')
    expect(monthLabel('bad')).toBe('bad')
  })
})

describe('notifications', () => {
  it('follows only links inside the application', () => {
    expect(internalLink('/complaints/cases?id=12')).toBe('/complaints/cases?id=12')
    expect(internalLink('https://evil.example/')).toBeNull()
    expect(internalLink('//evil.example/')).toBeNull()
    expect(internalLink('/api/v1/system/users')).toBeNull()
    expect(internalLink('/login')).toBeNull()
    expect(internalLink(null)).toBeNull()
  })

  it('says when, as people say it', () => {
    expect(relativeTime('2026-03-10T01:59:30Z', NOW)).toBe('刚刚')
    expect(relativeTime('2026-03-10T01:45:00Z', NOW)).toBe('15分钟前')
    expect(relativeTime('2026-03-10T00:05:00Z', NOW)).toBe('今天 08:05')
    expect(relativeTime('2026-03-09T06:05:00Z', NOW)).toBe('昨天 14:05')
    expect(relativeTime('2026-03-01T06:05:00Z', NOW)).toBe('2026-03-01 14:05')
  })
})
