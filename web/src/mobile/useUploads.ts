// The phone's upload queue as the pages see it: the waiting entries of the logged-in inspector,
// whether the phone is online, and what became of the last uploads. Sending starts when a result is
// submitted, when the app starts and when the network comes back (the `online` event), one run at a
// time.

import { reactive, shallowRef } from 'vue'
import { supervisionApi, type CheckItem, type ResultInput } from '@/api/supervision'
import { session } from '@/stores/session'
import { ApiError, errorMessage } from '@/utils/problem'
import {
  classifyFailure,
  drain,
  enqueue,
  entriesOf,
  singleFlight,
  type DrainReport,
  type NewResult,
  type QueuedPhoto,
  type QueuedResult,
  type SendOutcome,
  type Sender,
} from './queue'
import { queueStore, updateCachedItems } from './storage'

/** What became of an item's upload in this session. */
export type UploadOutcome = { kind: 'uploaded'; item: CheckItem | null } | { kind: 'already'; message: string; item: CheckItem | null }

const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false)

const state = reactive({
  online: isOnline(),
  sending: false,
  /** Item id → the outcome of its upload in this session. */
  outcomes: {} as Record<number, UploadOutcome>,
  /** The last photos the server refused. */
  photoErrors: [] as DrainReport['photoErrors'],
  lastError: '',
})
/** The waiting entries of the logged-in inspector (Blobs inside: kept out of deep reactivity). */
const entries = shallowRef<QueuedResult[]>([])

async function outcomeOf(e: unknown, itemId: number): Promise<SendOutcome> {
  const status = e instanceof ApiError ? e.status : 0
  const message = errorMessage(e)
  const c = classifyFailure(status, message)
  if (c.kind !== 'check') return c
  // 409: done already (another upload), or not assigned (any more): the item says which.
  try {
    const item = await supervisionApi.item(itemId)
    if (item.state === 'done') return { kind: 'conflict', message, item }
    return { kind: 'rejected', status, message }
  } catch (err) {
    const c2 = classifyFailure(err instanceof ApiError ? err.status : 0, errorMessage(err))
    if (c2.kind === 'offline' || c2.kind === 'unauthenticated') return c2
    return { kind: 'rejected', status, message }
  }
}

const OFFLINE: SendOutcome = { kind: 'offline', message: '当前无网络，联网后自动上传' }

export const httpSender: Sender = {
  async sendResult(itemId: number, body: ResultInput) {
    if (!isOnline()) return OFFLINE
    try {
      return { kind: 'ok', item: await supervisionApi.recordResult(itemId, body) }
    } catch (e) {
      return outcomeOf(e, itemId)
    }
  },
  async sendPhoto(itemId: number, p: QueuedPhoto) {
    if (!isOnline()) return OFFLINE
    if (!p.blob) return { kind: 'ok' }
    try {
      return { kind: 'ok', item: await supervisionApi.uploadPhoto(itemId, p.blob, p.name) }
    } catch (e) {
      const c = classifyFailure(e instanceof ApiError ? e.status : 0, errorMessage(e))
      return c.kind === 'check' ? { kind: 'rejected', status: 409, message: errorMessage(e) } : c
    }
  },
}

const userId = () => session.user?.id ?? null

async function refresh(): Promise<void> {
  const u = userId()
  entries.value = u === null ? [] : await entriesOf(queueStore, u)
}

function lastOf(items: readonly CheckItem[], id: number): CheckItem | null {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].id === id) return items[i]
  return null
}

const run = singleFlight(async (): Promise<DrainReport | null> => {
  const u = userId()
  if (u === null) return null
  state.sending = true
  try {
    const report = await drain(queueStore, httpSender, u)
    for (const id of report.uploaded) state.outcomes[id] = { kind: 'uploaded', item: lastOf(report.items, id) }
    for (const c of report.conflicts) state.outcomes[c.itemId] = { kind: 'already', message: c.message, item: lastOf(report.items, c.itemId) }
    if (report.photoErrors.length) state.photoErrors = report.photoErrors
    state.lastError = report.stopped === 'unauthenticated' ? '登录已失效，请重新登录后上传' : ''
    await updateCachedItems(u, report.items)
    return report
  } catch (e) {
    state.lastError = errorMessage(e)
    return null
  } finally {
    state.sending = false
    await refresh()
  }
})

/** Send what waits (when online). */
export async function sendNow(): Promise<DrainReport | null> {
  state.online = isOnline()
  if (!state.online) {
    await refresh()
    return null
  }
  return run()
}

/** Queue a result and try to send it at once. */
export async function submitResult(r: Omit<NewResult, 'userId'>): Promise<void> {
  const u = userId()
  if (u === null) throw new Error('未登录')
  delete state.outcomes[r.itemId]
  await enqueue(queueStore, { ...r, userId: u })
  await refresh()
  void sendNow()
}

/** Send a refused entry again (the inspector's 重新提交). */
export async function retryRejected(itemId: number): Promise<void> {
  const e = await queueStore.get(itemId)
  if (!e) return
  e.rejected = false
  e.lastError = null
  await queueStore.put(e)
  await refresh()
  void sendNow()
}

/** Give up a waiting entry (the inspector's 放弃). */
export async function discard(itemId: number): Promise<void> {
  await queueStore.remove(itemId)
  await refresh()
}

let started = false
/** How often what waits is tried again while online. */
const RETRY_MS = 30_000

/** Listen to the network and send what waits (once per page load). */
export function startUploads(): void {
  void refresh().then(() => sendNow())
  if (started || typeof window === 'undefined') return
  started = true
  window.addEventListener('online', () => {
    state.online = true
    void sendNow()
  })
  window.addEventListener('offline', () => {
    state.online = false
  })
  // A phone coming back to the page (screen on, app switched back).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sendNow()
  })
  // A weak signal fails without an `offline` event: try again now and then while something waits.
  window.setInterval(() => {
    if (!state.sending && isOnline() && entries.value.some((e) => !e.rejected)) void sendNow()
  }, RETRY_MS)
}

export function useUploads() {
  return { state, entries, refresh, sendNow, submitResult, retryRejected, discard }
}
