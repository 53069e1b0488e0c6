// The logged-in user and the CSRF token of the session. The session itself is the HttpOnly
// cookie; the CSRF token is kept in sessionStorage so a reload of the tab keeps working.

import { reactive, readonly } from 'vue'
import type { User } from '@/api/types'

const CSRF_KEY = 'ranjian.csrf'

const state = reactive<{ user: User | null; ready: boolean }>({ user: null, ready: false })
let memoryToken: string | null = null

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

export const session = readonly(state)

export function csrfToken(): string | null {
  return storage()?.getItem(CSRF_KEY) ?? memoryToken
}

export function setSession(user: User, csrf: string): void {
  state.user = user
  memoryToken = csrf
  storage()?.setItem(CSRF_KEY, csrf)
}

export function setUser(user: User): void {
  state.user = user
}

export function clearSession(): void {
  state.user = null
  memoryToken = null
  storage()?.removeItem(CSRF_KEY)
}

export function markReady(): void {
  state.ready = true
}
