// Password policy (等保 2.0), as the server checks it: 8–128 characters and at least three of
// lower case, upper case, digits and other characters.

export const PASSWORD_POLICY_HINT = '至少8位，须包含大写字母、小写字母、数字、特殊字符中的至少三类'

/** The number of character classes present: lower, upper, digit, other. */
export function passwordClasses(pw: string): number {
  const classes = [/[a-z]/.test(pw), /[A-Z]/.test(pw), /[0-9]/.test(pw), /[^A-Za-z0-9]/.test(pw)]
  return classes.filter(Boolean).length
}

/** Why `pw` breaks the policy (Chinese), or null when it complies. */
export function passwordPolicyError(pw: string): string | null {
  const n = Array.from(pw).length
  if (n < 8) return '密码长度至少8位'
  if (n > 128) return '密码长度不能超过128位'
  if (passwordClasses(pw) < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类'
  return null
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const SYMBOLS = '@#$%&*+=?!'

/** A uniformly chosen index below `n` from a source of random 32-bit words (no modulo bias). */
function randomIndex(n: number, words: () => number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  for (;;) {
    const w = words()
    if (w < limit) return w % n
  }
}

function cryptoWords(): () => number {
  const buf = new Uint32Array(1)
  return () => {
    globalThis.crypto.getRandomValues(buf)
    return buf[0]
  }
}

/**
 * A random password that meets the policy: `length` characters (at least 8) with every class
 * present, without look-alike characters (0/O, 1/l/I), for an administrator to hand over.
 */
export function generatePassword(length = 12, words: () => number = cryptoWords()): string {
  const n = Math.max(8, length)
  const pools = [LOWER, UPPER, DIGITS, SYMBOLS]
  const all = pools.join('')
  const chars = pools.map((p) => p[randomIndex(p.length, words)])
  while (chars.length < n) chars.push(all[randomIndex(all.length, words)])
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, words)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
