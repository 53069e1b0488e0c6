import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_CHARSET,
  completeCreditCode,
  creditCodeCheckChar,
  creditCodeError,
  isValidCreditCode,
  normalizeCreditCode,
} from '@/utils/creditCode'

/** The GB 32100 check character computed here from first principles, independently of the module. */
function referenceCheck(first17: string): string {
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...first17].reduce((acc, c, i) => acc + CREDIT_CODE_CHARSET.indexOf(c) * w[i], 0)
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]
}

describe('credit code (GB 32100)', () => {
  it('accepts published codes of real organisations', () => {
    for (const code of ['91110000600037341L', '91350100M000100Y43', '11100000000013127D']) {
      expect(referenceCheck(code.slice(0, 17))).toBe(code[17])
      expect(creditCodeError(code)).toBeNull()
      expect(isValidCreditCode(code)).toBe(true)
    }
  })

  it('accepts codes completed by the algorithm, for Shangrao counties', () => {
    for (const first17 of ['91361102MA35ABCDE', '91361100MA35XXXXX', '92361121MA3612345', '12361100491234567']) {
      const code = completeCreditCode(first17)
      expect(code).not.toBeNull()
      expect(code![17]).toBe(referenceCheck(first17))
      expect(isValidCreditCode(code!)).toBe(true)
    }
  })

  it('rejects the example that merely looks right', () => {
    // 91361100MA35XXXXXX has the right shape but not the right check character.
    expect(creditCodeCheckChar('91361100MA35XXXXX')).not.toBe('X')
    expect(creditCodeError('91361100MA35XXXXXX')).toMatch(/^统一社会信用代码校验位错误，应为“.”$/)
  })

  it('names the expected check character', () => {
    expect(creditCodeError('91110000600037341M')).toBe('统一社会信用代码校验位错误，应为“L”')
  })

  it('accepts lower case and surrounding spaces, as the server does', () => {
    expect(creditCodeError(' 91110000600037341l ')).toBeNull()
    expect(normalizeCreditCode(' 91110000600037341l ')).toBe('91110000600037341L')
  })

  it('explains length, character and region errors like the server', () => {
    expect(creditCodeError('9111')).toBe('统一社会信用代码应为18位，实际为4位')
    expect(creditCodeError('')).toBe('统一社会信用代码应为18位，实际为0位')
    expect(creditCodeError('91110000600037341I')).toBe('统一社会信用代码第18位含有不允许的字符“I”')
    expect(creditCodeError('91A10000600037341L')).toBe('统一社会信用代码第3至8位应为行政区划代码（数字）')
    expect(creditCodeError('九一一一〇〇〇〇六〇〇〇三七三四一Ｌ')).not.toBeNull()
  })

  it('catches every single-character substitution', () => {
    const good = completeCreditCode('91361102MA35QWERT')!
    for (let pos = 0; pos < 18; pos++) {
      for (const sub of CREDIT_CODE_CHARSET) {
        if (good[pos] === sub) continue
        const bad = good.slice(0, pos) + sub + good.slice(pos + 1)
        expect(isValidCreditCode(bad), bad).toBe(false)
      }
    }
  })

  it('refuses to complete bad input', () => {
    expect(completeCreditCode('9136110')).toBeNull()
    expect(completeCreditCode('91361102MA35QWERI')).toBeNull()
  })
})
