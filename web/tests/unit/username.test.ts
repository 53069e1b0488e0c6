import { describe, expect, it } from 'vitest'
import { isValidUsername } from '@/utils/username'

describe('usernames', () => {
  it('accepts the demo accounts and the allowed characters', () => {
    for (const u of ['city-admin', 'county-361102', 'inspector_01', 'zhang.san', 'abc', 'a'.repeat(32)]) {
      expect(isValidUsername(u), u).toBe(true)
    }
  })

  it('rejects short, long, spaced and non-ASCII names', () => {
    for (const u of ['ab', 'a'.repeat(33), 'zhang san', '张三', 'a@b', '']) {
      expect(isValidUsername(u), u).toBe(false)
    }
  })
})
