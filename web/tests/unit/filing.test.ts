import { describe, expect, it } from 'vitest'
import type { AccessFiling, Role } from '@/api/types'
import { filingActions, historyAction, historyTag, isAcceptedAttachment } from '@/utils/filing'
import { emptyFilingForm, filingToForm, formToFilingInput, validateFilingForm } from '@/views/industry/filingForm'

const ROLES: Role[] = ['city_admin', 'city_officer', 'county_admin', 'county_officer', 'enterprise_admin', 'enterprise_user', 'inspector']

describe('what an account may do with an access filing', () => {
  it('authority staff approve or return a submitted filing, nothing else', () => {
    for (const role of ['city_admin', 'city_officer', 'county_admin', 'county_officer'] as Role[]) {
      expect(filingActions('submitted', role)).toEqual({ approve: true, return: true, resubmit: false, attach: false })
      expect(filingActions('returned', role)).toEqual({ approve: false, return: false, resubmit: false, attach: false })
      expect(filingActions('approved', role)).toEqual({ approve: false, return: false, resubmit: false, attach: false })
    }
  })

  it('the enterprise resubmits a returned filing and attaches documents until it is approved', () => {
    for (const role of ['enterprise_admin', 'enterprise_user'] as Role[]) {
      expect(filingActions('submitted', role)).toEqual({ approve: false, return: false, resubmit: false, attach: true })
      expect(filingActions('returned', role)).toEqual({ approve: false, return: false, resubmit: true, attach: true })
      expect(filingActions('approved', role)).toEqual({ approve: false, return: false, resubmit: false, attach: false })
    }
  })

  it('inspectors and unknown states get no buttons', () => {
    const none = { approve: false, return: false, resubmit: false, attach: false }
    for (const s of ['submitted', 'returned', 'approved']) expect(filingActions(s, 'inspector')).toEqual(none)
    for (const r of ROLES) expect(filingActions('bogus', r)).toEqual(none)
    expect(filingActions('submitted', null)).toEqual(none)
  })
})

describe('the history of a filing', () => {
  it('names each step and colours it', () => {
    const step = (from: string | null, to: string) => ({ from_state: from, to_state: to, to_state_name: '' }) as Parameters<typeof historyAction>[0]
    expect(historyAction(step(null, 'submitted'))).toBe('提交备案')
    expect(historyAction(step('submitted', 'returned'))).toBe('退回')
    expect(historyAction(step('returned', 'submitted'))).toBe('重新提交')
    expect(historyAction(step('submitted', 'approved'))).toBe('审核通过')
    expect(historyTag({ to_state: 'approved' })).toBe('success')
    expect(historyTag({ to_state: 'returned' })).toBe('danger')
    expect(historyTag({ to_state: 'submitted' })).toBe('primary')
  })

  it('accepts the documents the server takes', () => {
    expect(isAcceptedAttachment('设计文件.PDF')).toBe(true)
    expect(isAcceptedAttachment('现场照片.jpeg')).toBe(true)
    expect(isAcceptedAttachment('验收资料.docx')).toBe(true)
    expect(isAcceptedAttachment('说明.txt')).toBe(false)
    expect(isAcceptedAttachment('setup.exe')).toBe(false)
  })
})

describe('the filing form', () => {
  it('asks for the name, developer, households and county', () => {
    expect(Object.keys(validateFilingForm(emptyFilingForm())).sort()).toEqual(['community_name', 'developer', 'households', 'region_code'])
    const ok = { ...emptyFilingForm('361102'), community_name: ' 锦绣华庭 ', developer: '上饶市城投置业有限公司', households: 860 }
    expect(validateFilingForm(ok)).toEqual({})
    expect(validateFilingForm({ ...ok, households: 0 }).households).toBe('户数应为1至100000之间的整数')
    expect(validateFilingForm({ ...ok, households: 100_001 }).households).toBeDefined()
    expect(validateFilingForm({ ...ok, households: 12.5 }).households).toBeDefined()
    expect(validateFilingForm({ ...ok, community_name: '小'.repeat(101) }).community_name).toBe('小区名称不能超过100个字')
    expect(validateFilingForm({ ...ok, planned_gas_on: '2027-02-30' }).planned_gas_on).toBeDefined()
  })

  it('sends trimmed values, null for the blanks', () => {
    const body = formToFilingInput({
      ...emptyFilingForm('361102'),
      community_name: ' 锦绣华庭 ',
      developer: ' 城投 ',
      households: 860,
      address: '  ',
      planned_gas_on: '',
    })
    expect(body).toEqual({
      community_name: '锦绣华庭',
      developer: '城投',
      households: 860,
      address: null,
      region_code: '361102',
      planned_gas_on: null,
    })
  })

  it('fills the form of a returned filing to correct', () => {
    const f = {
      community_name: '滨江一号',
      developer: '城投',
      households: 300,
      address: null,
      region_code: '361102',
      planned_gas_on: '2027-03-01',
    } as AccessFiling
    expect(filingToForm(f)).toEqual({ ...f, address: '' })
  })
})
