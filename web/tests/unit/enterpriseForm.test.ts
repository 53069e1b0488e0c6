import { describe, expect, it } from 'vitest'
import type { Enterprise } from '@/api/types'
import { completeCreditCode } from '@/utils/creditCode'
import {
  emptyEnterpriseForm,
  enterpriseToForm,
  formToInput,
  isIsoDate,
  validateEnterpriseForm,
  type EnterpriseFormModel,
} from '@/views/industry/enterpriseForm'

const CODE = completeCreditCode('91361102MA35ABCDE')!

function valid(): EnterpriseFormModel {
  return { ...emptyEnterpriseForm('361102'), code: CODE, name: '上饶市信州区燃气有限公司', kind: 'pipeline_gas' }
}

describe('enterprise form', () => {
  it('accepts the required fields alone', () => {
    expect(validateEnterpriseForm(valid())).toEqual({})
  })

  it('requires code, name, kind and region', () => {
    const e = validateEnterpriseForm(emptyEnterpriseForm())
    expect(e.code).toBe('统一社会信用代码不能为空')
    expect(e.name).toBe('企业名称不能为空')
    expect(e.kind).toBe('企业类型不能为空')
    expect(e.region_code).toBe('所属区划不能为空')
  })

  it('checks the credit code check digit and the phone', () => {
    const f = { ...valid(), code: '91110000600037341M', phone: '12345' }
    const e = validateEnterpriseForm(f)
    expect(e.code).toBe('统一社会信用代码校验位错误，应为“L”')
    expect(e.phone).toBe('联系电话“12345”格式不正确，应为手机号或带区号的固定电话')
    expect(validateEnterpriseForm({ ...valid(), phone: '0793-8221234' }).phone).toBeUndefined()
  })

  it('checks lengths as the server does', () => {
    expect(validateEnterpriseForm({ ...valid(), name: '燃' }).name).toBe('企业名称至少2个字')
    expect(validateEnterpriseForm({ ...valid(), name: '燃'.repeat(101) }).name).toBe('企业名称不能超过100个字')
    expect(validateEnterpriseForm({ ...valid(), name: '燃'.repeat(100) }).name).toBeUndefined()
    expect(validateEnterpriseForm({ ...valid(), legal_representative: '张'.repeat(51) }).legal_representative).toBe(
      '法定代表人不能超过50个字',
    )
    expect(validateEnterpriseForm({ ...valid(), address: '路'.repeat(201) }).address).toBe('经营地址不能超过200个字')
    expect(validateEnterpriseForm({ ...valid(), licence_no: 'X'.repeat(65) }).licence_no).toBe('燃气经营许可证号不能超过64个字')
  })

  it('checks licence dates and their order', () => {
    expect(validateEnterpriseForm({ ...valid(), licence_valid_from: '2026-02-30' }).licence_valid_from).toBe(
      '许可证有效期起“2026-02-30”不是有效日期，格式应为 YYYY-MM-DD',
    )
    expect(
      validateEnterpriseForm({ ...valid(), licence_valid_from: '2026-06-01', licence_valid_to: '2026-05-31' }).licence_valid_to,
    ).toBe('许可证有效期至不能早于有效期起')
    expect(validateEnterpriseForm({ ...valid(), licence_valid_from: '2026-06-01', licence_valid_to: '2029-05-31' })).toEqual({})
    expect(validateEnterpriseForm({ ...valid(), licence_valid_from: null, licence_valid_to: null })).toEqual({})
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2027-02-29')).toBe(false)
  })

  it('sends trimmed values, an upper-case code and null for empty optional fields', () => {
    const body = formToInput({
      ...valid(),
      code: ` ${CODE.toLowerCase()} `,
      name: ' 名称 ',
      legal_representative: ' ',
      phone: '',
      licence_valid_from: null,
      address: ' 上饶市信州区 ',
    })
    expect(body).toEqual({
      code: CODE,
      name: '名称',
      kind: 'pipeline_gas',
      licence_no: null,
      licence_valid_from: null,
      licence_valid_to: null,
      legal_representative: null,
      address: '上饶市信州区',
      region_code: '361102',
      phone: null,
    })
  })

  it('round-trips an enterprise', () => {
    const e: Enterprise = {
      id: 7,
      code: CODE,
      name: '上饶市某燃气公司',
      kind: 'bottled_lpg',
      licence_no: '赣202611000001',
      licence_valid_from: '2024-01-01',
      licence_valid_to: '2027-12-31',
      legal_representative: '张三',
      address: null,
      region_code: '361102',
      region_name: '信州区',
      phone: '13907930001',
      status: 'active',
      created_at: '2026-11-29T02:00:00Z',
      updated_at: '2026-11-29T02:00:00Z',
    }
    const body = formToInput(enterpriseToForm(e))
    expect(body).toEqual({
      code: e.code,
      name: e.name,
      kind: e.kind,
      licence_no: e.licence_no,
      licence_valid_from: e.licence_valid_from,
      licence_valid_to: e.licence_valid_to,
      legal_representative: e.legal_representative,
      address: null,
      region_code: e.region_code,
      phone: e.phone,
    })
  })
})
