import { describe, expect, it } from 'vitest'
import {
  CASE_FIELDS,
  FIELD_TEST,
  TOO_MANY_MESSAGE,
  buildCaseFormData,
  buildCaseInput,
  caseSubmitErrors,
  caseTypeLabel,
  charCount,
  contactRequired,
  emptyCaseForm,
  firstErrorField,
  gasCategoryLabel,
  isAnonymous,
  photoProblem,
  validateCaseForm,
  type CaseForm,
} from '@/public/caseForm'
import { ApiError, problemToError } from '@/utils/problem'

function filled(over: Partial<CaseForm> = {}): CaseForm {
  return {
    ...emptyCaseForm(),
    case_type: 'complaint',
    gas_category: 'pipeline_gas',
    region_code: '361102',
    place: ' 信州区带湖路1号 ',
    description: ' 燃气表走字异常，多次联系未处理 ',
    contact_name: ' 张三 ',
    contact_phone: ' 13907930001 ',
    challenge_answer: ' 8 ',
    ...over,
  }
}

describe('labels', () => {
  it('names the four kinds of case and the gas categories', () => {
    expect(['complaint', 'report', 'service_request', 'suggestion'].map(caseTypeLabel)).toEqual([
      '投诉',
      '举报',
      '服务申请',
      '意见建议',
    ])
    expect(['pipeline_gas', 'lpg', 'vehicle_gas', 'other'].map(gasCategoryLabel)).toEqual([
      '管道燃气',
      '瓶装液化石油气',
      '车用燃气',
      '其他',
    ])
    expect(caseTypeLabel('x')).toBe('x')
  })

  it('has a data-test for every field', () => {
    for (const f of CASE_FIELDS) expect(FIELD_TEST[f]).toMatch(/^pc-/)
    expect(FIELD_TEST.case_type).toBe('pc-type')
    expect(FIELD_TEST.contact_phone).toBe('pc-phone')
  })
})

describe('anonymity', () => {
  it('is for reports only, and then needs no contact', () => {
    expect(isAnonymous({ case_type: 'report', anonymous: true })).toBe(true)
    expect(isAnonymous({ case_type: 'complaint', anonymous: true })).toBe(false)
    expect(contactRequired({ case_type: 'report', anonymous: true })).toBe(false)
    expect(contactRequired({ case_type: 'report', anonymous: false })).toBe(true)
    expect(contactRequired({ case_type: 'suggestion', anonymous: true })).toBe(true)
  })
})

describe('validateCaseForm', () => {
  it('accepts a complete form', () => {
    expect(validateCaseForm(filled())).toEqual({})
  })

  it('names every required field of an empty form', () => {
    const e = validateCaseForm(emptyCaseForm())
    expect(Object.keys(e).sort()).toEqual(
      ['case_type', 'gas_category', 'region_code', 'place', 'description', 'contact_name', 'contact_phone', 'challenge_answer'].sort(),
    )
    expect(e.case_type).toBe('请选择诉求类型')
    expect(e.challenge_answer).toBe('请回答验证题')
  })

  it('takes blanks as empty', () => {
    const e = validateCaseForm(filled({ place: '   ', description: '\n ', contact_name: ' ' }))
    expect(e.place).toBe('请填写事发地址')
    expect(e.description).toBe('请填写具体内容')
    expect(e.contact_name).toBe('请填写联系人姓名')
  })

  it('limits the description to 1000 characters (code points)', () => {
    expect(validateCaseForm(filled({ description: '漏'.repeat(1000) })).description).toBeUndefined()
    expect(validateCaseForm(filled({ description: '漏'.repeat(1001) })).description).toBe('具体内容不能超过1000字')
    // An emoji is one character for the server, two UTF-16 units here.
    expect(charCount('😀'.repeat(3))).toBe(3)
    expect(validateCaseForm(filled({ description: '😀'.repeat(600) })).description).toBeUndefined()
  })

  it('checks the phone as the server does (mobile or landline)', () => {
    expect(validateCaseForm(filled({ contact_phone: '0793-8221234' })).contact_phone).toBeUndefined()
    expect(validateCaseForm(filled({ contact_phone: '12345' })).contact_phone).toMatch(/正确的手机号码或固定电话/)
    expect(validateCaseForm(filled({ contact_phone: '' })).contact_phone).toBe('请填写联系电话')
  })

  it('lets an anonymous report go without name and phone, but checks a phone given', () => {
    const anon = filled({ case_type: 'report', anonymous: true, contact_name: '', contact_phone: '' })
    expect(validateCaseForm(anon)).toEqual({})
    expect(validateCaseForm({ ...anon, contact_phone: '123' }).contact_phone).toMatch(/正确的手机号码/)
    // Anonymous does not apply to a complaint.
    expect(validateCaseForm({ ...anon, case_type: 'complaint' }).contact_name).toBe('请填写联系人姓名')
  })

  it('wants a number as the answer', () => {
    expect(validateCaseForm(filled({ challenge_answer: '八' })).challenge_answer).toBe('请填写数字')
  })
})

describe('buildCaseInput', () => {
  it('trims, leaves out empty optional fields and the empty honeypot', () => {
    const input = buildCaseInput(filled(), 'tok.sig')
    expect(input).toEqual({
      case_type: 'complaint',
      gas_category: 'pipeline_gas',
      region_code: '361102',
      township: undefined,
      enterprise_id: undefined,
      place: '信州区带湖路1号',
      lng: undefined,
      lat: undefined,
      user_account: undefined,
      description: '燃气表走字异常，多次联系未处理',
      contact_name: '张三',
      contact_phone: '13907930001',
      anonymous: false,
      challenge_token: 'tok.sig',
      challenge_answer: '8',
      website: undefined,
    })
    const json = JSON.parse(JSON.stringify(input))
    expect('township' in json).toBe(false)
    expect('website' in json).toBe(false)
  })

  it('carries the optional fields when given', () => {
    const input = buildCaseInput(
      filled({ township: ' 西市街道 ', enterprise_id: 7, lng: 117.9, lat: 28.45, user_account: ' 1001 ', website: 'x' }),
      't',
    )
    expect(input).toMatchObject({ township: '西市街道', enterprise_id: 7, lng: 117.9, lat: 28.45, user_account: '1001', website: 'x' })
  })

  it('sends an anonymous report without the name, the phone only if given', () => {
    const input = buildCaseInput(filled({ case_type: 'report', anonymous: true }), 't')
    expect(input.anonymous).toBe(true)
    expect(input.contact_name).toBeUndefined()
    expect(input.contact_phone).toBe('13907930001')
    const none = buildCaseInput(filled({ case_type: 'report', anonymous: true, contact_phone: ' ' }), 't')
    expect(none.contact_phone).toBeUndefined()
  })

  it('never marks anything but a report anonymous', () => {
    const input = buildCaseInput(filled({ case_type: 'service_request', anonymous: true }), 't')
    expect(input.anonymous).toBe(false)
    expect(input.contact_name).toBe('张三')
  })

  it('refuses a form without type or category', () => {
    expect(() => buildCaseInput(emptyCaseForm(), 't')).toThrow()
  })
})

describe('buildCaseFormData', () => {
  it('puts the case as JSON text and each photo as a `photos` part', async () => {
    const input = buildCaseInput(filled(), 't')
    const a = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' })
    const b = new Blob([new Uint8Array([4])], { type: 'image/png' })
    const fd = buildCaseFormData(input, [
      { blob: a, name: '现场1.jpg' },
      { blob: b, name: '现场2.png' },
    ])
    const c = fd.get('case')
    expect(typeof c).toBe('string')
    expect(JSON.parse(c as string)).toMatchObject({ case_type: 'complaint', challenge_token: 't' })
    const photos = fd.getAll('photos') as File[]
    expect(photos.map((p) => p.name)).toEqual(['现场1.jpg', '现场2.png'])
    expect(photos[0].type).toBe('image/jpeg')
    expect(photos[0].size).toBe(3)
  })

  it('has no photos part without photos', () => {
    const fd = buildCaseFormData(buildCaseInput(filled(), 't'), [])
    expect(fd.getAll('photos')).toEqual([])
  })
})

describe('photoProblem', () => {
  it('accepts JPEG, PNG and WebP up to 10 MB', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 10 * 1024 * 1024 })).toBeNull()
    expect(photoProblem({ type: 'image/webp', size: 1 })).toBeNull()
    expect(photoProblem({ type: 'image/gif', size: 1 })).toMatch(/JPG、PNG、WebP/)
    expect(photoProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('单张照片不能超过10MB')
  })
})

describe('caseSubmitErrors', () => {
  it('puts the reasons of a 422 under their fields', () => {
    const err = problemToError(422, {
      status: 422,
      code: 'validation_failed',
      detail: '提交的数据不符合要求',
      errors: [
        { field: 'place', reason: '请填写事发地址' },
        { field: 'contact_phone', reason: '电话号码格式不正确' },
        { field: 'challenge_answer', reason: '验证题答案不正确，请重新作答' },
        { field: 'photos[1]', reason: '照片格式不支持' },
      ],
    })
    const r = caseSubmitErrors(err)
    expect(r.fields).toEqual({
      place: '请填写事发地址',
      contact_phone: '电话号码格式不正确',
      challenge_answer: '验证题答案不正确，请重新作答',
      photos: '照片格式不支持',
    })
    expect(r.message).toBeNull()
    expect(firstErrorField(r.fields)).toBe('place')
  })

  it('joins several reasons of a field, and says the ones without a field', () => {
    const err = new ApiError(422, 'validation_failed', '提交的数据不符合要求', [
      { field: 'description', reason: '请填写具体内容' },
      { field: 'description', reason: '不能超过1000字' },
      { field: 'website', reason: '提交被拒绝' },
      { field: 'challenge_token', reason: '验证题已过期' },
    ])
    const r = caseSubmitErrors(err)
    expect(r.fields.description).toBe('请填写具体内容；不能超过1000字')
    expect(r.fields.challenge_answer).toBe('验证题已过期')
    expect(r.message).toBe('提交被拒绝')
    // A position outside the city goes under the location.
    const geo = caseSubmitErrors(new ApiError(422, 'validation_failed', 'x', [{ field: 'lng', reason: '坐标不在上饶市范围内' }]))
    expect(geo.fields).toEqual({ location: '坐标不在上饶市范围内' })
  })

  it('shows a 422 without field errors as a message', () => {
    expect(caseSubmitErrors(new ApiError(422, 'validation_failed', '该地址不在本市范围'))).toEqual({
      fields: {},
      message: '该地址不在本市范围',
    })
  })

  it('puts 413 and 415 under the photos', () => {
    expect(caseSubmitErrors(problemToError(413, null)).fields.photos).toBe('照片过大：每张不超过10MB，最多4张')
    expect(caseSubmitErrors(problemToError(413, { detail: '照片不能超过10MB' })).fields.photos).toBe('照片不能超过10MB')
    expect(caseSubmitErrors(problemToError(415, null)).fields.photos).toMatch(/JPG、PNG、WebP/)
    expect(caseSubmitErrors(problemToError(415, { detail: '不支持HEIC格式' })).fields.photos).toBe('不支持HEIC格式')
  })

  it('says 429 as "too often", and anything else as its message', () => {
    expect(caseSubmitErrors(problemToError(429, { detail: 'slow down' }))).toEqual({ fields: {}, message: TOO_MANY_MESSAGE })
    expect(caseSubmitErrors(problemToError(0, null)).message).toBe('无法连接服务器，请检查网络后重试')
    expect(caseSubmitErrors(new Error('boom')).message).toBe('boom')
  })
})

describe('firstErrorField', () => {
  it('follows the order of the form', () => {
    expect(firstErrorField({ challenge_answer: 'x', description: 'y' })).toBe('description')
    expect(firstErrorField({})).toBeNull()
  })
})
