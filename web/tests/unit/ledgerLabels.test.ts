import { describe, expect, it } from 'vitest'
import type { DeviceStat } from '@/api/types'
import { deviceRate } from '@/utils/devices'
import { formatFileSize } from '@/utils/format'
import {
  CYLINDER_SPECS,
  SAFETY_DEVICES,
  auditActionLabel,
  auditTargetTypeLabel,
  circulationLabel,
  circulationTag,
  communityKindLabel,
  cylinderAnomalyLabel,
  cylinderEventLabel,
  cylinderEventTag,
  cylinderStatusLabel,
  cylinderStatusTag,
  filingAttachmentKindLabel,
  filingStateLabel,
  filingStateTag,
  gasTypeLabel,
  gasUserCategoryLabel,
  gasUserStatusLabel,
  missingDevices,
  safetyDeviceLabel,
  trainingKindLabel,
  trainingResultLabel,
  trainingResultTag,
} from '@/utils/labels'
import { mayDecideFilings, mayFileAccess } from '@/utils/permissions'
import { rateColor } from '@/utils/rate'

describe('names of the gas user ledger', () => {
  it('names categories, gas types, statuses and community kinds as the server does', () => {
    expect(['household', 'catering', 'industrial', 'institutional', 'commercial'].map(gasUserCategoryLabel)).toEqual([
      '居民',
      '餐饮',
      '工业',
      '机关事业单位',
      '商业',
    ])
    expect(gasTypeLabel('pipeline_ng')).toBe('管道天然气')
    expect(gasTypeLabel('bottled_lpg')).toBe('瓶装液化石油气')
    expect(gasUserStatusLabel('closed')).toBe('销户')
    expect(communityKindLabel('village')).toBe('村')
  })

  it('lists the five safety devices in the order of the API and finds the missing ones', () => {
    expect(SAFETY_DEVICES.map((d) => d.value)).toEqual([
      'leak_alarm',
      'auto_shutoff_valve',
      'self_closing_valve',
      'metal_hose',
      'flame_failure_cooker',
    ])
    expect(safetyDeviceLabel('leak_alarm')).toBe('燃气泄漏报警器')
    const user = { leak_alarm: false, auto_shutoff_valve: true, self_closing_valve: true, metal_hose: false, flame_failure_cooker: true }
    expect(missingDevices(user).map((d) => d.short)).toEqual(['报警器', '金属软管'])
    expect(missingDevices({ ...user, leak_alarm: true, metal_hose: true })).toEqual([])
  })

  it('reads the rate of a device from a statistics row', () => {
    const row = { leak_alarm_rate: 0.614, metal_hose_rate: Number.NaN } as DeviceStat
    expect(deviceRate(row, 'leak_alarm')).toBe(0.614)
    expect(deviceRate(row, 'metal_hose')).toBe(0)
  })

  it('colours rates green from 90%, orange from 70%, red below', () => {
    expect(rateColor(0.95)).toBe('#67c23a')
    expect(rateColor(0.7)).toBe('#e6a23c')
    expect(rateColor(0.614)).toBe('#f56c6c')
    expect(rateColor(null)).toBe('#f56c6c')
  })
})

describe('names of bottled LPG', () => {
  it('names cylinder statuses and colours them: in use green, overdue red, scrapped grey', () => {
    expect(['in_use', 'due', 'scrapped'].map(cylinderStatusLabel)).toEqual(['在用', '待检验', '报废'])
    expect(['in_use', 'due', 'scrapped', 'bogus', null].map(cylinderStatusTag)).toEqual(['success', 'danger', 'info', 'info', 'info'])
    expect(CYLINDER_SPECS).toContain('YSP-15')
  })

  it('names the circulation and the steps of a trace', () => {
    expect(['filled', 'delivered', 'at_user', 'returned', 'scrapped'].map(circulationLabel)).toEqual([
      '已充装',
      '配送中',
      '用户使用中',
      '已回收',
      '已报废',
    ])
    expect(circulationTag('at_user')).toBe('success')
    expect(circulationTag(undefined)).toBe('info')
    expect(['filled', 'refused', 'delivered', 'at_user', 'returned', 'scrapped'].map(cylinderEventLabel)).toEqual([
      '充装',
      '拒绝充装',
      '配送出站',
      '入户使用',
      '回收',
      '报废',
    ])
    expect(cylinderEventTag('refused')).toBe('danger')
    expect(cylinderEventTag('filled')).toBe('primary')
    expect(cylinderAnomalyLabel('over_holding')).toBe('超量持有')
    expect(cylinderAnomalyLabel('refilled_without_return')).toBe('未回收即再充装')
  })
})

describe('names of access filings and trainings', () => {
  it('names filing states and colours them', () => {
    expect(['submitted', 'approved', 'returned'].map(filingStateLabel)).toEqual(['待审核', '已备案', '已退回'])
    expect(['submitted', 'approved', 'returned', 'x'].map(filingStateTag)).toEqual(['warning', 'success', 'danger', 'info'])
    expect(filingAttachmentKindLabel('acceptance')).toBe('竣工验收资料')
    expect(mayFileAccess('enterprise_user')).toBe(true)
    expect(mayFileAccess('county_admin')).toBe(false)
    expect(mayDecideFilings('county_officer')).toBe(true)
    expect(mayDecideFilings('inspector')).toBe(false)
    expect(mayDecideFilings('enterprise_admin')).toBe(false)
  })

  it('names trainings, examinations and results', () => {
    expect(trainingKindLabel('exam')).toBe('考核')
    expect(trainingResultLabel('failed')).toBe('不合格')
    expect([trainingResultTag('passed'), trainingResultTag('failed'), trainingResultTag(null)]).toEqual(['success', 'danger', 'info'])
  })

  it('names the new audit actions and targets', () => {
    expect(auditActionLabel('filing.return')).toBe('退回接入备案')
    expect(auditTargetTypeLabel('access_filing')).toBe('接入备案')
    expect(auditTargetTypeLabel('gas_user')).toBe('燃气用户')
  })

  it('shows file sizes', () => {
    expect(formatFileSize(820)).toBe('820 B')
    expect(formatFileSize(12_595)).toBe('12.3 KB')
    expect(formatFileSize(4_718_592)).toBe('4.5 MB')
    expect(formatFileSize(null)).toBe('—')
  })
})
