import { describe, expect, it } from 'vitest'
import { generatePassword, passwordClasses, passwordPolicyError } from '@/utils/password'

describe('password policy', () => {
  it('accepts passwords of 8+ characters with 3 of 4 classes', () => {
    for (const pw of ['Ranjian@2026', 'abcDEF12', 'abc@1234', 'ABC@1234', 'Abcdefg!']) {
      expect(passwordPolicyError(pw), pw).toBeNull()
    }
  })

  it('rejects short passwords', () => {
    expect(passwordPolicyError('Ab1@')).toBe('密码长度至少8位')
    expect(passwordPolicyError('')).toBe('密码长度至少8位')
  })

  it('rejects passwords with fewer than three classes', () => {
    expect(passwordPolicyError('abcdefgh1')).toBe('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类')
    expect(passwordPolicyError('ABCDEFGH')).not.toBeNull()
    expect(passwordPolicyError('12345678')).not.toBeNull()
    expect(passwordPolicyError('abcd!@#$')).not.toBeNull()
  })

  it('rejects passwords over 128 characters', () => {
    expect(passwordPolicyError('aA1'.repeat(50))).toBe('密码长度不能超过128位')
  })

  it('counts non-ASCII characters as "other"', () => {
    expect(passwordClasses('abc燃气123')).toBe(3)
  })

  it('generates passwords that meet the policy', () => {
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword()
      expect(pw).toHaveLength(12)
      expect(passwordPolicyError(pw), pw).toBeNull()
      expect(passwordClasses(pw)).toBe(4)
      expect(pw).not.toMatch(/[0O1lI]/)
    }
    expect(generatePassword(4)).toHaveLength(8)
  })

  it('generates from the random source it is given', () => {
    let n = 0
    const words = () => (n++ * 2654435761) % 0x1_0000_0000
    const a = generatePassword(16, words)
    n = 0
    expect(generatePassword(16, words)).toBe(a)
  })
})
