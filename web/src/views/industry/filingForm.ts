// The access filing form's model, its rules (as the server validates) and the request body.

import type { AccessFiling, AccessFilingInput } from '@/api/types'
import { isIsoDate } from '@/utils/datetime'

export type FilingFormModel = {
  community_name: string
  developer: string
  /** The number input sets null when cleared. */
  households: number | null
  address: string
  /** County code. */
  region_code: string
  /** YYYY-MM-DD; the date picker sets null when cleared. */
  planned_gas_on: string | null
}

export const FILING_FORM_FIELDS: readonly (keyof FilingFormModel)[] = [
  'community_name',
  'developer',
  'households',
  'address',
  'region_code',
  'planned_gas_on',
]

export const FILING_MAX_LENGTH = { community_name: 100, developer: 100, address: 200 } as const
export const FILING_MAX_HOUSEHOLDS = 100_000

export function emptyFilingForm(regionCode = ''): FilingFormModel {
  return { community_name: '', developer: '', households: null, address: '', region_code: regionCode, planned_gas_on: null }
}

/** The form of a filing to correct and submit again. */
export function filingToForm(f: AccessFiling): FilingFormModel {
  return {
    community_name: f.community_name,
    developer: f.developer,
    households: f.households,
    address: f.address ?? '',
    region_code: f.region_code,
    planned_gas_on: f.planned_gas_on,
  }
}

/** The problems of a form, by field (none: ready to send). */
export function validateFilingForm(f: FilingFormModel): Partial<Record<keyof FilingFormModel, string>> {
  const out: Partial<Record<keyof FilingFormModel, string>> = {}
  const name = f.community_name.trim()
  if (!name) out.community_name = '请填写小区名称'
  else if (name.length > FILING_MAX_LENGTH.community_name) out.community_name = `小区名称不能超过${FILING_MAX_LENGTH.community_name}个字`
  const dev = f.developer.trim()
  if (!dev) out.developer = '请填写建设单位'
  else if (dev.length > FILING_MAX_LENGTH.developer) out.developer = `建设单位不能超过${FILING_MAX_LENGTH.developer}个字`
  if (f.households === null || !Number.isFinite(f.households)) out.households = '请填写户数'
  else if (!Number.isInteger(f.households) || f.households < 1 || f.households > FILING_MAX_HOUSEHOLDS) {
    out.households = `户数应为1至${FILING_MAX_HOUSEHOLDS}之间的整数`
  }
  if (f.address.trim().length > FILING_MAX_LENGTH.address) out.address = `地址不能超过${FILING_MAX_LENGTH.address}个字`
  if (!f.region_code) out.region_code = '请选择所属区划'
  if (f.planned_gas_on && !isIsoDate(f.planned_gas_on)) out.planned_gas_on = '日期格式应为YYYY-MM-DD'
  return out
}

export function formToFilingInput(f: FilingFormModel): AccessFilingInput {
  const address = f.address.trim()
  return {
    community_name: f.community_name.trim(),
    developer: f.developer.trim(),
    households: f.households,
    address: address || null,
    region_code: f.region_code,
    planned_gas_on: f.planned_gas_on || null,
  }
}
