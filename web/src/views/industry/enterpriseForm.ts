// The enterprise form's model, its rules (as the server validates) and the request body.

import type { Enterprise, EnterpriseInput } from '@/api/types'
import { creditCodeError, normalizeCreditCode } from '@/utils/creditCode'
import { isValidPhone } from '@/utils/phone'
import { isIsoDate } from '@/utils/datetime'

export type EnterpriseFormModel = {
  code: string
  name: string
  kind: EnterpriseInput['kind']
  licence_no: string
  /** YYYY-MM-DD; the date picker sets null when cleared. */
  licence_valid_from: string | null
  licence_valid_to: string | null
  legal_representative: string
  address: string
  region_code: string
  phone: string
}

export const ENTERPRISE_FORM_FIELDS: readonly (keyof EnterpriseFormModel)[] = [
  'code',
  'name',
  'kind',
  'licence_no',
  'licence_valid_from',
  'licence_valid_to',
  'legal_representative',
  'address',
  'region_code',
  'phone',
]

export const MAX_LENGTH = {
  name: 100,
  licence_no: 64,
  legal_representative: 50,
  address: 200,
} as const

export function emptyEnterpriseForm(defaultRegion = ''): EnterpriseFormModel {
  return {
    code: '',
    name: '',
    kind: '',
    licence_no: '',
    licence_valid_from: '',
    licence_valid_to: '',
    legal_representative: '',
    address: '',
    region_code: defaultRegion,
    phone: '',
  }
}

export function enterpriseToForm(e: Enterprise): EnterpriseFormModel {
  return {
    code: e.code,
    name: e.name,
    kind: e.kind,
    licence_no: e.licence_no ?? '',
    licence_valid_from: e.licence_valid_from ?? '',
    licence_valid_to: e.licence_valid_to ?? '',
    legal_representative: e.legal_representative ?? '',
    address: e.address ?? '',
    region_code: e.region_code,
    phone: e.phone ?? '',
  }
}

const optional = (s: string | null | undefined): string | null => (!s || s.trim() === '' ? null : s.trim())

/** The request body: trimmed, the credit code upper case, empty optional fields as null. */
export function formToInput(f: EnterpriseFormModel): EnterpriseInput {
  return {
    code: normalizeCreditCode(f.code),
    name: f.name.trim(),
    kind: f.kind,
    licence_no: optional(f.licence_no),
    licence_valid_from: optional(f.licence_valid_from),
    licence_valid_to: optional(f.licence_valid_to),
    legal_representative: optional(f.legal_representative),
    address: optional(f.address),
    region_code: f.region_code,
    phone: optional(f.phone),
  }
}

/** Field errors of the whole form, worded as the server words them; empty when it may be sent. */
export function validateEnterpriseForm(f: EnterpriseFormModel): Partial<Record<keyof EnterpriseFormModel, string>> {
  const errors: Partial<Record<keyof EnterpriseFormModel, string>> = {}
  const len = (s: string | null) => Array.from((s ?? '').trim()).length
  const tooLong = (field: keyof typeof MAX_LENGTH, label: string) => {
    if (len(f[field]) > MAX_LENGTH[field]) errors[field] = `${label}不能超过${MAX_LENGTH[field]}个字`
  }
  if (f.code.trim() === '') errors.code = '统一社会信用代码不能为空'
  else {
    const code = creditCodeError(f.code)
    if (code) errors.code = code
  }
  if (f.name.trim() === '') errors.name = '企业名称不能为空'
  else if (len(f.name) < 2) errors.name = '企业名称至少2个字'
  else tooLong('name', '企业名称')
  if (!f.kind) errors.kind = '企业类型不能为空'
  if (!f.region_code) errors.region_code = '所属区划不能为空'
  if (f.phone.trim() !== '' && !isValidPhone(f.phone)) {
    errors.phone = `联系电话“${f.phone.trim()}”格式不正确，应为手机号或带区号的固定电话`
  }
  tooLong('legal_representative', '法定代表人')
  tooLong('licence_no', '燃气经营许可证号')
  tooLong('address', '经营地址')
  const labels = { licence_valid_from: '许可证有效期起', licence_valid_to: '许可证有效期至' } as const
  for (const k of ['licence_valid_from', 'licence_valid_to'] as const) {
    const v = f[k]
    if (v && !isIsoDate(v)) errors[k] = `${labels[k]}“${v}”不是有效日期，格式应为 YYYY-MM-DD`
  }
  const from = f.licence_valid_from
  const to = f.licence_valid_to
  if (from && to && !errors.licence_valid_from && !errors.licence_valid_to && to < from) {
    errors.licence_valid_to = '许可证有效期至不能早于有效期起'
  }
  return errors
}

/** A real calendar date written YYYY-MM-DD (kept here for the form's callers). */
export { isIsoDate }
