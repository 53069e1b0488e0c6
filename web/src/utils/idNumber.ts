// Citizen identity numbers (公民身份号码, GB 11643-1999): the same rules and the same Chinese
// messages as the server's `ranjian_domain::person::IdNumber::parse`.

import { isIsoDate } from './datetime'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
/** The check character, indexed by the weighted sum mod 11. */
export const ID_CHECK_CHARS = '10X98765432'

/** Upper case (a trailing x) without surrounding spaces: what the server stores. */
export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase()
}

/** The check character of 17 digits, or null when they are not 17 digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return ID_CHECK_CHARS[sum % 11]
}

/** Complete 17 digits with their check character (null when they are not 17 digits). */
export function completeIdNumber(first17: string): string | null {
  const c = idCheckChar(first17)
  return c === null ? null : first17 + c
}

/** The birth date of digits 7–14 as YYYY-MM-DD, or null when it is not a date from 1900 on. */
export function idBirthDate(id: string): string | null {
  const d = id.slice(6, 14)
  if (!/^[0-9]{8}$/.test(d)) return null
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`
  return isIsoDate(iso) && iso >= '1900-01-01' ? iso : null
}

/**
 * Why `input` is not a valid ID number (Chinese, as shown beside the field), or null when it is.
 * Surrounding spaces and a lower-case x are accepted, as the server accepts them.
 */
export function idNumberError(input: string): string | null {
  const s = normalizeIdNumber(input)
  const n = Array.from(s).length
  if (n !== 18) return `身份证号应为18位，实际为${n}位`
  if (!/^[0-9]{17}[0-9X]$/.test(s)) return '身份证号前17位应为数字，末位为数字或X'
  if (idBirthDate(s) === null) return '身份证号中的出生日期无效'
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return '身份证号校验位错误'
  return null
}

export function isValidIdNumber(input: string): boolean {
  return idNumberError(input) === null
}
