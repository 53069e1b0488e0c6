import { describe, expect, it } from 'vitest'
import {
  auditActionLabel,
  auditTargetTypeLabel,
  certificateStatusLabel,
  certificateStatusTag,
  enterpriseKindLabel,
  enterpriseStatusLabel,
  orgKindLabel,
  outcomeLabel,
  practitionerPostLabel,
  practitionerStatusLabel,
  roleLabel,
} from '@/utils/labels'

describe('Chinese names of codes', () => {
  it('names enterprise kinds and statuses as the glossary does', () => {
    expect(enterpriseKindLabel('pipeline_gas')).toBe('管道燃气')
    expect(enterpriseKindLabel('bottled_lpg')).toBe('瓶装液化石油气')
    expect(enterpriseKindLabel('vehicle_station')).toBe('汽车加气站')
    expect(enterpriseKindLabel('other')).toBe('其他')
    expect(enterpriseStatusLabel('active')).toBe('正常')
    expect(enterpriseStatusLabel('inactive')).toBe('已停用')
  })

  it('names practitioner posts, certificate statuses and their colours', () => {
    expect(practitionerPostLabel('principal')).toBe('主要负责人')
    expect(practitionerPostLabel('safety_manager')).toBe('安全生产管理人员')
    expect(practitionerPostLabel('operator')).toBe('运行、维护和抢修人员')
    expect(practitionerPostLabel('other')).toBe('其他从业人员')
    expect(certificateStatusLabel('expiring')).toBe('即将到期')
    expect(practitionerStatusLabel('left')).toBe('离职')
    expect(['valid', 'expiring', 'expired', 'none', 'bogus', null].map(certificateStatusTag)).toEqual([
      'success',
      'warning',
      'danger',
      'info',
      'info',
      'info',
    ])
    expect(auditTargetTypeLabel('practitioner')).toBe('从业人员')
    expect(auditActionLabel('practitioner.import')).toBe('导入从业人员')
  })

  it('names roles, organisation kinds and outcomes', () => {
    expect(roleLabel('county_officer')).toBe('县级业务人员')
    expect(roleLabel('inspector')).toBe('检查人员')
    expect(orgKindLabel('enterprise')).toBe('燃气经营企业')
    expect(outcomeLabel('success')).toBe('成功')
    expect(outcomeLabel('failure')).toBe('失败')
  })

  it('shows unknown codes as they are and nothing for no value', () => {
    expect(enterpriseKindLabel('cng_station')).toBe('cng_station')
    expect(roleLabel(null)).toBe('')
    expect(auditTargetTypeLabel('enterprise')).toBe('企业')
    expect(auditTargetTypeLabel('pipeline_segment')).toBe('pipeline_segment')
    expect(auditTargetTypeLabel(null)).toBe('')
  })

  it("prefers the server's action name, then the known list, then the code", () => {
    expect(auditActionLabel('auth.login', '登录')).toBe('登录')
    expect(auditActionLabel('demo.load', '加载演示数据')).toBe('加载演示数据')
    expect(auditActionLabel('enterprise.update', '其他操作')).toBe('修改企业')
    expect(auditActionLabel('enterprise.update')).toBe('修改企业')
    expect(auditActionLabel('sync.push', '其他操作')).toBe('其他操作')
    expect(auditActionLabel('sync.push')).toBe('sync.push')
  })
})
