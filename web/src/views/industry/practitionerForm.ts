// The practitioner form's model, its rules (as the server validates) and the request body.

import type { Practitioner, PractitionerInput, PractitionerPost, PractitionerStatus } from '@/api/types'
import { normalizeCreditCode } from '@/utils/creditCode'
import { isIsoDate, todayInShanghai } from '@/utils/datetime'
import { idNumberError, normalizeIdNumber } from '@/utils/idNumber'
import { isValidPhone } from '@/utils/phone'

export type PractitionerFormModel = {
  /** The enterprise's credit code. */
  enterprise_code: string
  name: string
  /** On edit: empty keeps the stored number. */
  id_number: string
  post: PractitionerPost | ''
  certificate_no: string
  /** YYYY-MM-DD; the date picker sets null when cleared. */
  certificate_issued_on: string | null
  certificate_expires_on: string | null
  /** On edit: empty keeps the stored phone (the list shows it masked only). */
  phone: string
  status: PractitionerStatus
}

export const PRACTITIONER_FORM_FIELDS: readonly (keyof PractitionerFormModel)[] = [
  'enterprise_code',
  'name',
  'id_number',
  'post',
  'certificate_no',
  'certificate_issued_on',
  'certificate_expires_on',
  'phone',
  'status',
]

export const PRACTITIONER_MAX_LENGTH = {
  name: 50,
  certificate_no: 64,
} as const

export function emptyPractitionerForm(enterpriseCode = ''): PractitionerFormModel {
  return {
    enterprise_code: enterpriseCode,
    name: '',
    id_number: '',
    post: '',
    certificate_no: '',
    certificate_issued_on: '',
    certificate_expires_on: '',
    phone: '',
    status: 'active',
  }
}

/** The form of an existing practitioner: ID number and phone empty (only their masks are known). */
export function practitionerToForm(p: Practitioner): PractitionerFormModel {
  return {
    enterprise_code: p.enterprise_code,
    name: p.name,
    id_number: '',
    post: p.post,
    certificate_no: p.certificate_no ?? '',
    certificate_issued_on: p.certificate_issued_on ?? '',
    certificate_expires_on: p.certificate_expires_on ?? '',
    phone: '',
    status: p.status,
  }
}

const text = (s: string | null | undefined): string => (s ?? '').trim()

/**
 * The request body: trimmed strings ("" for none), the credit code and ID number upper case. On
 * edit an empty ID number or phone is left out, so the server keeps the stored one.
 */
export function formToPractitionerInput(f: PractitionerFormModel, isEdit: boolean): PractitionerInput {
  const body: PractitionerInput = {
    enterprise_code: normalizeCreditCode(f.enterprise_code),
    name: text(f.name),
    post: f.post,
    certificate_no: text(f.certificate_no),
    certificate_issued_on: text(f.certificate_issued_on),
    certificate_expires_on: text(f.certificate_expires_on),
    status: f.status,
  }
  const id = normalizeIdNumber(f.id_number)
  if (id !== '' || !isEdit) body.id_number = id
  const phone = text(f.phone)
  if (phone !== '' || !isEdit) body.phone = phone
  return body
}

export interface PractitionerFormContext {
  /** Editing: the ID number may be left empty. */
  isEdit: boolean
  /** Today in Shanghai, YYYY-MM-DD (the latest issue date). */
  today?: string
}

/** Field errors of the whole form, worded as the server words them; empty when it may be sent. */
export function validatePractitionerForm(
  f: PractitionerFormModel,
  ctx: PractitionerFormContext,
): Partial<Record<keyof PractitionerFormModel, string>> {
  const errors: Partial<Record<keyof PractitionerFormModel, string>> = {}
  const len = (s: string | null) => Array.from(text(s)).length
  const today = ctx.today ?? todayInShanghai()

  if (text(f.enterprise_code) === '') errors.enterprise_code = '所属企业不能为空'
  if (text(f.name) === '') errors.name = '姓名不能为空'
  else if (len(f.name) > PRACTITIONER_MAX_LENGTH.name) errors.name = `姓名不能超过${PRACTITIONER_MAX_LENGTH.name}个字`

  if (text(f.id_number) === '') {
    if (!ctx.isEdit) errors.id_number = '身份证号不能为空'
  } else {
    const e = idNumberError(f.id_number)
    if (e) errors.id_number = e
  }

  if (!f.post) errors.post = '岗位不能为空'

  if (len(f.certificate_no) > PRACTITIONER_MAX_LENGTH.certificate_no) {
    errors.certificate_no = `证书编号不能超过${PRACTITIONER_MAX_LENGTH.certificate_no}个字`
  }
  const labels = { certificate_issued_on: '发证日期', certificate_expires_on: '证书有效期至' } as const
  for (const k of ['certificate_issued_on', 'certificate_expires_on'] as const) {
    const v = text(f[k])
    if (v && !isIsoDate(v)) errors[k] = `${labels[k]}“${v}”不是有效日期，格式应为 YYYY-MM-DD`
  }
  const issued = text(f.certificate_issued_on)
  const expires = text(f.certificate_expires_on)
  if (issued && !errors.certificate_issued_on && issued > today) {
    errors.certificate_issued_on = '发证日期不能晚于今天'
  }
  if (issued && expires && !errors.certificate_issued_on && !errors.certificate_expires_on && expires < issued) {
    errors.certificate_expires_on = '证书有效期至不能早于发证日期'
  }
  if (text(f.certificate_no) === '' && (issued || expires) && !errors.certificate_no) {
    errors.certificate_no = '填写了证书日期时，证书编号不能为空'
  }

  if (text(f.phone) !== '' && !isValidPhone(f.phone)) {
    errors.phone = '联系电话格式不正确，应为手机号或带区号的固定电话'
  }
  if (f.status !== 'active' && f.status !== 'left') errors.status = '在职状态应为在职或离职'
  return errors
}
