// Unified social credit code (统一社会信用代码, GB 32100-2015): the same rules and the same
// Chinese messages as the server's `ranjian_domain::codes::CreditCode::parse`.

/** The 31 characters a credit code may use (no I, O, Z, S, V). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** Upper case without surrounding spaces: what the server stores. */
export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase()
}

/** The check character for 17 characters from the charset, or null when they are not. */
export function creditCodeCheckChar(first17: string): string | null {
  const chars = Array.from(first17)
  if (chars.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(chars[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]
}

/** Complete 17 characters with their check character (null when they are not valid input). */
export function completeCreditCode(first17: string): string | null {
  const c = creditCodeCheckChar(first17)
  return c === null ? null : first17 + c
}

/**
 * Why `input` is not a valid credit code (Chinese, as shown beside the field), or null when it is.
 * Surrounding spaces and lower case are accepted, as the server accepts them.
 */
export function creditCodeError(input: string): string | null {
  const s = normalizeCreditCode(input)
  const chars = Array.from(s)
  if (chars.length !== 18) return `统一社会信用代码应为18位，实际为${chars.length}位`
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(chars[i])) {
      return `统一社会信用代码第${i + 1}位含有不允许的字符“${chars[i]}”`
    }
  }
  if (!/^[0-9]{6}$/.test(s.slice(2, 8))) return '统一社会信用代码第3至8位应为行政区划代码（数字）'
  const expected = creditCodeCheckChar(s.slice(0, 17))
  if (chars[17] !== expected) return `统一社会信用代码校验位错误，应为“${expected}”`
  return null
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeError(input) === null
}
