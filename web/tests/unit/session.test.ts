import { beforeEach, describe, expect, it } from 'vitest'
import type { User } from '@/api/types'

class MemoryStorage implements Storage {
  private m = new Map<string, string>()
  get length() {
    return this.m.size
  }
  clear() {
    this.m.clear()
  }
  getItem(k: string) {
    return this.m.get(k) ?? null
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null
  }
  removeItem(k: string) {
    this.m.delete(k)
  }
  setItem(k: string, v: string) {
    this.m.set(k, v)
  }
}

const user = { id: 3, username: 'county-361102', role: 'county_admin' } as User

describe('session store', () => {
  beforeEach(() => {
    ;(globalThis as { sessionStorage?: Storage }).sessionStorage = new MemoryStorage()
  })

  it('keeps the CSRF token in sessionStorage and forgets it on logout', async () => {
    const { clearSession, csrfToken, session, setSession } = await import('@/stores/session')
    expect(csrfToken()).toBeNull()
    setSession(user, 'tok-1')
    expect(session.user?.username).toBe('county-361102')
    expect(sessionStorage.getItem('ranjian.csrf')).toBe('tok-1')
    expect(csrfToken()).toBe('tok-1')
    clearSession()
    expect(session.user).toBeNull()
    expect(csrfToken()).toBeNull()
    expect(sessionStorage.getItem('ranjian.csrf')).toBeNull()
  })

  it('reads a token stored by an earlier page load of the tab', async () => {
    const { csrfToken } = await import('@/stores/session')
    sessionStorage.setItem('ranjian.csrf', 'from-before-reload')
    expect(csrfToken()).toBe('from-before-reload')
  })
})
