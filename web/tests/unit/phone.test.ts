import { describe, expect, it } from 'vitest'
import { isValidPhone } from '@/utils/phone'

describe('phone numbers (as the server checks them)', () => {
  it('accepts mobiles, landlines with area code, extensions and service numbers', () => {
    for (const ok of ['13907930001', '0793-8221234', '07938221234', '0793-8221234转801', '400-100-1234', ' 13907930001 ']) {
      expect(isValidPhone(ok), ok).toBe(true)
    }
  })

  it('rejects the rest', () => {
    for (const bad of ['12345', '1390793000a', 'abc', '', '8221234', '23907930001']) {
      expect(isValidPhone(bad), bad).toBe(false)
    }
  })
})
