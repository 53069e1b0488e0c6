import { describe, expect, it } from 'vitest'
import {
  completeIdNumber,
  idBirthDate,
  idCheckChar,
  idNumberError,
  isValidIdNumber,
  normalizeIdNumber,
} from '@/utils/idNumber'

describe('citizen ID numbers (GB 11643, as the server checks them)', () => {
  it("accepts the standard's own example, also with a lower-case x and spaces", () => {
    expect(idNumberError('11010519491231002X')).toBeNull()
    expect(idNumberError(' 11010519491231002x ')).toBeNull()
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
  })

  it('computes the check character: weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 and "10X98765432"', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('36110219850612003')).toBe(completeIdNumber('36110219850612003')!.slice(-1))
    // sum 0 → index 0 → "1"
    expect(idCheckChar('00000000000000000')).toBe('1')
    expect(idCheckChar('1101051949123100')).toBeNull()
    expect(idCheckChar('1101051949123100A')).toBeNull()
  })

  it('rejects each kind of mistake with the server message', () => {
    expect(idNumberError('110105194912310021')).toBe('身份证号校验位错误')
    expect(idNumberError('1101051949')).toBe('身份证号应为18位，实际为10位')
    expect(idNumberError('')).toBe('身份证号应为18位，实际为0位')
    expect(idNumberError('1101051949123100AX')).toBe('身份证号前17位应为数字，末位为数字或X')
    expect(idNumberError('11010519491231002Y')).toBe('身份证号前17位应为数字，末位为数字或X')
    expect(idNumberError(completeIdNumber('11010519491331002')!)).toBe('身份证号中的出生日期无效')
    expect(idNumberError(completeIdNumber('11010519490230002')!)).toBe('身份证号中的出生日期无效')
    expect(idNumberError(completeIdNumber('11010518991231002')!)).toBe('身份证号中的出生日期无效')
  })

  it('reads the birth date of digits 7–14', () => {
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31')
    expect(idBirthDate('110105200002290011')).toBe('2000-02-29')
    expect(idBirthDate('110105190002290011')).toBeNull()
  })

  it('catches any single changed digit of a valid number', () => {
    const id = completeIdNumber('36110219850612003')!
    expect(isValidIdNumber(id)).toBe(true)
    for (let pos = 0; pos < 17; pos++) {
      for (let delta = 1; delta < 10; delta++) {
        const d = (Number(id[pos]) + delta) % 10
        const changed = id.slice(0, pos) + d + id.slice(pos + 1)
        expect(isValidIdNumber(changed), changed).toBe(false)
      }
    }
  })
})
