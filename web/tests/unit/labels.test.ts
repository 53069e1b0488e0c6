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
  pipeMaterialLabel,
  practitionerPostLabel,
  pressureClassLabel,
  practitionerStatusLabel,
  roleLabel,
  segmentStatusLabel,
  stationKindLabel,
  stationStatusLabel,
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
    expect(auditTargetTypeLabel('no_such_type')).toBe('no_such_type')
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

  it('names the pressure classes, materials and station kinds as the server does', () => {
    expect(['low', 'medium_b', 'medium_a', 'subhigh_b', 'subhigh_a', 'high_b', 'high_a'].map(pressureClassLabel)).toEqual([
      '低压',
      '中压B',
      '中压A',
      '次高压B',
      '次高压A',
      '高压B',
      '高压A',
    ])
    expect(['steel', 'pe', 'grey_cast_iron', 'ductile_iron', 'galvanised_steel', 'composite', 'other'].map(pipeMaterialLabel)).toEqual([
      '钢管',
      '聚乙烯（PE）管',
      '灰口铸铁管',
      '球墨铸铁管',
      '镀锌钢管',
      '钢骨架复合管',
      '其他',
    ])
    expect(stationKindLabel('lng_station')).toBe('LNG气化站')
    expect(stationKindLabel('regulator_box')).toBe('调压箱（柜）')
    expect(stationKindLabel('bottle_supply_point')).toBe('瓶装液化石油气供应站')
    expect(stationKindLabel('valve')).toBe('阀门（井）')
    expect(segmentStatusLabel('abandoned')).toBe('废弃')
    expect(stationStatusLabel('out_of_service')).toBe('停用')
    expect(auditActionLabel('pipeline.import', '其他操作')).toBe('导入管段')
    expect(auditTargetTypeLabel('station')).toBe('厂站设施')
  })
})
