import { describe, expect, it } from 'vitest'
import type { Practitioner } from '@/api/types'
import { completeCreditCode } from '@/utils/creditCode'
import { completeIdNumber } from '@/utils/idNumber'
import {
  emptyPractitionerForm,
  formToPractitionerInput,
  practitionerToForm,
  validatePractitionerForm,
  type PractitionerFormModel,
} from '@/views/industry/practitionerForm'

const CODE = completeCreditCode('91361102MA35ABCDE')!
const ID = completeIdNumber('36110219850612003')!
const TODAY = '2026-11-29'
const create = { isEdit: false, today: TODAY }
const edit = { isEdit: true, today: TODAY }

function valid(): PractitionerFormModel {
  return { ...emptyPractitionerForm(CODE), name: '李明', id_number: ID, post: 'safety_manager' }
}

const ROW: Practitioner = {
  id: 7,
  enterprise_id: 1,
  enterprise_code: CODE,
  enterprise_name: '上饶市信州区燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  name: '李明',
  id_number_masked: '361***********0031',
  post: 'operator',
  post_name: '运行、维护和抢修人员',
  certificate_no: '赣燃培2024001',
  certificate_issued_on: '2024-05-20',
  certificate_expires_on: '2027-05-19',
  certificate_status: 'valid',
  certificate_status_name: '有效',
  phone_masked: '139****0001',
  status: 'active',
  status_name: '在职',
  created_at: '2026-11-29T03:30:10Z',
  updated_at: '2026-11-29T03:30:10Z',
}

describe('practitioner form', () => {
  it('accepts the required fields alone', () => {
    expect(validatePractitionerForm(valid(), create)).toEqual({})
  })

  it('requires enterprise, name, ID number and post on create', () => {
    const e = validatePractitionerForm(emptyPractitionerForm(), create)
    expect(e.enterprise_code).toBe('所属企业不能为空')
    expect(e.name).toBe('姓名不能为空')
    expect(e.id_number).toBe('身份证号不能为空')
    expect(e.post).toBe('岗位不能为空')
  })

  it('lets an edit leave the ID number empty, but checks one that is typed', () => {
    const f = { ...practitionerToForm(ROW) }
    expect(f.id_number).toBe('')
    expect(validatePractitionerForm(f, edit)).toEqual({})
    expect(validatePractitionerForm({ ...f, id_number: '110105194912310021' }, edit).id_number).toBe('身份证号校验位错误')
  })

  it('checks the ID number as the server does', () => {
    expect(validatePractitionerForm({ ...valid(), id_number: '1101051949' }, create).id_number).toBe('身份证号应为18位，实际为10位')
    expect(validatePractitionerForm({ ...valid(), id_number: '11010519491231002x' }, create).id_number).toBeUndefined()
  })

  it('limits the name to 50 characters', () => {
    expect(validatePractitionerForm({ ...valid(), name: '张'.repeat(50) }, create).name).toBeUndefined()
    expect(validatePractitionerForm({ ...valid(), name: '张'.repeat(51) }, create).name).toBe('姓名不能超过50个字')
    expect(validatePractitionerForm({ ...valid(), certificate_no: 'X'.repeat(65) }, create).certificate_no).toBe(
      '证书编号不能超过64个字',
    )
  })

  it('checks the certificate dates', () => {
    const cert = { ...valid(), certificate_no: '赣燃培2024001' }
    expect(validatePractitionerForm({ ...cert, certificate_issued_on: '2024-05-20', certificate_expires_on: '2027-05-19' }, create)).toEqual({})
    expect(validatePractitionerForm({ ...cert, certificate_issued_on: TODAY }, create)).toEqual({})
    expect(validatePractitionerForm({ ...cert, certificate_issued_on: '2026-11-30' }, create).certificate_issued_on).toBe(
      '发证日期不能晚于今天',
    )
    expect(
      validatePractitionerForm({ ...cert, certificate_issued_on: '2024-05-20', certificate_expires_on: '2024-05-19' }, create)
        .certificate_expires_on,
    ).toBe('证书有效期至不能早于发证日期')
    expect(validatePractitionerForm({ ...cert, certificate_expires_on: '2027-02-30' }, create).certificate_expires_on).toBe(
      '证书有效期至“2027-02-30”不是有效日期，格式应为 YYYY-MM-DD',
    )
    expect(validatePractitionerForm({ ...valid(), certificate_expires_on: '2027-05-19' }, create).certificate_no).toBe(
      '填写了证书日期时，证书编号不能为空',
    )
  })

  it('checks the phone when given', () => {
    expect(validatePractitionerForm({ ...valid(), phone: '12345' }, create).phone).toBe(
      '联系电话格式不正确，应为手机号或带区号的固定电话',
    )
    expect(validatePractitionerForm({ ...valid(), phone: '0793-8221234' }, create).phone).toBeUndefined()
  })

  it('sends trimmed strings, the ID number upper case', () => {
    const body = formToPractitionerInput(
      { ...valid(), name: ' 李明 ', id_number: ID.slice(0, 17) + 'x', enterprise_code: CODE.toLowerCase(), certificate_issued_on: null },
      false,
    )
    expect(body).toEqual({
      enterprise_code: CODE,
      name: '李明',
      id_number: ID.slice(0, 17) + 'X',
      post: 'safety_manager',
      certificate_no: '',
      certificate_issued_on: '',
      certificate_expires_on: '',
      phone: '',
      status: 'active',
    })
  })

  it('leaves out an empty ID number and phone on edit, so the stored ones are kept', () => {
    const body = formToPractitionerInput(practitionerToForm(ROW), true)
    expect('id_number' in body).toBe(false)
    expect('phone' in body).toBe(false)
    expect(body.certificate_no).toBe('赣燃培2024001')
    expect(body.post).toBe('operator')
    const changed = formToPractitionerInput({ ...practitionerToForm(ROW), id_number: ID, phone: '13907930001' }, true)
    expect(changed.id_number).toBe(ID)
    expect(changed.phone).toBe('13907930001')
  })
})
