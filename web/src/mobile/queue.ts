// The phone's upload queue of check results, without the browser: where entries are kept (IndexedDB
// in the app, a Map in the tests) and how they are sent are given to it.
//
// A result goes into the queue first and is sent from there, so nothing typed in the field is lost
// when the network is gone. An entry leaves the queue only when the server has the result (200, or
// 409 for an item already done) and its photos. Sending again uses the entry's client_uuid, which
// the server keeps once: a result whose answer was lost on the way is not stored twice.

import type { Answer, CheckItem, GeoFix, ResultInput } from '@/api/supervision'

export interface QueuedPhoto {
  /** The phone's id of the photo. */
  key: string
  name: string
  type: string
  /** Dropped (null) once uploaded. */
  blob: Blob | null
  sent: boolean
  /** The server refused it (too large, not an image): not sent again. */
  error: string | null
}

export interface QueuedResult {
  itemId: number
  /** The account that recorded it (another account on the same phone does not send it). */
  userId: number
  /** What the list shows while it waits. */
  label: string
  clientUuid: string
  body: ResultInput
  photos: QueuedPhoto[]
  /** The server has the result; photos may still be waiting. */
  resultSent: boolean
  queuedAt: string
  attempts: number
  lastAttemptAt: string | null
  /** Why the last attempt did not go through. */
  lastError: string | null
  /** The server refused the result (not a network problem): kept for the inspector, not retried on its own. */
  rejected: boolean
}

/** Where the queue is kept. */
export interface QueueStore {
  all(): Promise<QueuedResult[]>
  get(itemId: number): Promise<QueuedResult | undefined>
  put(entry: QueuedResult): Promise<void>
  remove(itemId: number): Promise<void>
}

/** What the server made of one request. */
export type SendOutcome =
  | { kind: 'ok'; item?: CheckItem }
  /** 409, and the item is done: the result is in already (another upload). */
  | { kind: 'conflict'; message: string; item?: CheckItem }
  /** No network, or the server is unavailable (5xx, timeout): try again later. */
  | { kind: 'offline'; message: string }
  /** The session is gone: stop until the inspector logs in again. */
  | { kind: 'unauthenticated'; message: string }
  /** Refused for good (422, 403, 404, 413, 415…). */
  | { kind: 'rejected'; status: number; message: string }

export interface Sender {
  sendResult(itemId: number, body: ResultInput): Promise<SendOutcome>
  sendPhoto(itemId: number, photo: QueuedPhoto): Promise<SendOutcome>
}

export interface DrainReport {
  /** Items whose result (and photos) are now on the server. */
  uploaded: number[]
  /** Items that were done already (409): removed from the queue. */
  conflicts: { itemId: number; message: string }[]
  /** Items the server refused. */
  rejected: { itemId: number; message: string }[]
  /** Photos the server refused (the result went through). */
  photoErrors: { itemId: number; name: string; message: string }[]
  /** The server's item after the upload. */
  items: CheckItem[]
  /** Sending stopped: no network, or the session is gone. */
  stopped: 'offline' | 'unauthenticated' | null
  /** Entries still in the queue. */
  remaining: number
}

export interface NewResult {
  itemId: number
  userId: number
  label: string
  clientUuid: string
  answers: Record<string, Answer>
  note?: string | null
  checkedAt: string
  location?: GeoFix | null
  trail?: GeoFix[]
  photos?: { key: string; name: string; type: string; blob: Blob }[]
}

/**
 * Put a result in the queue. One entry per item: a second submission of the same item replaces the
 * waiting one but keeps its client_uuid (the first may have reached the server already, answer
 * lost), the photos already sent, and adds the new photos.
 */
export async function enqueue(store: QueueStore, r: NewResult, now: Date = new Date()): Promise<QueuedResult> {
  const old = await store.get(r.itemId)
  const clientUuid = old && old.userId === r.userId ? old.clientUuid : r.clientUuid
  const body: ResultInput = {
    client_uuid: clientUuid,
    answers: { ...r.answers },
    note: r.note?.trim() ? r.note.trim() : null,
    checked_at: r.checkedAt,
    location: r.location ?? null,
    trail: r.trail ? [...r.trail] : [],
  }
  const photos: QueuedPhoto[] = old && old.userId === r.userId ? old.photos.filter((p) => p.sent) : []
  for (const p of r.photos ?? []) {
    if (photos.some((q) => q.key === p.key)) continue
    photos.push({ key: p.key, name: p.name, type: p.type, blob: p.blob, sent: false, error: null })
  }
  const entry: QueuedResult = {
    itemId: r.itemId,
    userId: r.userId,
    label: r.label,
    clientUuid,
    body,
    photos,
    resultSent: !!old && old.userId === r.userId && old.resultSent,
    queuedAt: old?.queuedAt ?? now.toISOString(),
    attempts: old?.attempts ?? 0,
    lastAttemptAt: old?.lastAttemptAt ?? null,
    lastError: null,
    rejected: false,
  }
  await store.put(entry)
  return entry
}

/** The entries of an account, oldest first. */
export async function entriesOf(store: QueueStore, userId: number): Promise<QueuedResult[]> {
  const all = await store.all()
  return all.filter((e) => e.userId === userId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.itemId - b.itemId)
}

/**
 * Send what waits, oldest first: each result, then its photos. Stops at the first network failure
 * (the rest would fail too) and when the session is gone. Refused entries are skipped unless
 * `retryRejected` (the inspector pressed 重新提交).
 */
export async function drain(
  store: QueueStore,
  sender: Sender,
  userId: number,
  opts: { retryRejected?: boolean; now?: () => Date } = {},
): Promise<DrainReport> {
  const now = opts.now ?? (() => new Date())
  const report: DrainReport = {
    uploaded: [],
    conflicts: [],
    rejected: [],
    photoErrors: [],
    items: [],
    stopped: null,
    remaining: 0,
  }
  const entries = await entriesOf(store, userId)
  outer: for (const e of entries) {
    if (e.rejected && !opts.retryRejected) continue
    if (!e.resultSent) {
      e.attempts += 1
      e.lastAttemptAt = now().toISOString()
      const out = await sender.sendResult(e.itemId, e.body)
      switch (out.kind) {
        case 'ok':
          e.resultSent = true
          e.rejected = false
          e.lastError = null
          if (out.item) report.items.push(out.item)
          await store.put(e)
          break
        case 'conflict':
          // Done already (by an earlier upload of another id): nothing of this one is kept.
          await store.remove(e.itemId)
          report.conflicts.push({ itemId: e.itemId, message: out.message })
          if (out.item) report.items.push(out.item)
          continue outer
        case 'rejected':
          e.rejected = true
          e.lastError = out.message
          await store.put(e)
          report.rejected.push({ itemId: e.itemId, message: out.message })
          continue outer
        case 'offline':
        case 'unauthenticated':
          e.lastError = out.message
          await store.put(e)
          report.stopped = out.kind
          break outer
      }
    }
    for (const p of e.photos) {
      if (p.sent || p.error || !p.blob) continue
      const out = await sender.sendPhoto(e.itemId, p)
      switch (out.kind) {
        case 'ok':
          p.sent = true
          p.blob = null
          if (out.item) report.items.push(out.item)
          await store.put(e)
          break
        case 'offline':
        case 'unauthenticated':
          e.lastError = out.message
          await store.put(e)
          report.stopped = out.kind
          break outer
        default:
          // A photo the server will never take: the result stands without it.
          p.error = out.message
          report.photoErrors.push({ itemId: e.itemId, name: p.name, message: out.message })
          await store.put(e)
      }
    }
    await store.remove(e.itemId)
    report.uploaded.push(e.itemId)
  }
  report.remaining = (await entriesOf(store, userId)).length
  return report
}

/**
 * One drain at a time: a drain asked for while one runs starts once more after it (something may
 * have been queued meanwhile), however often it was asked.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null
  let again: Promise<T> | null = null
  const start = (): Promise<T> => {
    current = run().finally(() => {
      current = null
    })
    return current
  }
  return () => {
    if (!current) return start()
    again ??= current.then(
      () => {
        again = null
        return start()
      },
      () => {
        again = null
        return start()
      },
    )
    return again
  }
}

/** An in-memory store (the tests; a browser without IndexedDB). */
export function memoryStore(): QueueStore {
  const m = new Map<number, QueuedResult>()
  const copy = (e: QueuedResult): QueuedResult => ({ ...e, body: { ...e.body }, photos: e.photos.map((p) => ({ ...p })) })
  return {
    all: async () => [...m.values()].map(copy),
    get: async (id) => {
      const e = m.get(id)
      return e ? copy(e) : undefined
    },
    put: async (e) => {
      m.set(e.itemId, copy(e))
    },
    remove: async (id) => {
      m.delete(id)
    },
  }
}

/**
 * What a failed request means for the queue: no answer or a server in trouble is tried again later,
 * a lost session stops sending, 409 needs a look at the item (done already or not), anything
 * else is refused for good.
 */
export function classifyFailure(status: number, message: string): SendOutcome | { kind: 'check' } {
  if (status === 0 || status === 408 || status === 429 || status >= 500) return { kind: 'offline', message }
  if (status === 401) return { kind: 'unauthenticated', message }
  if (status === 409) return { kind: 'check' }
  return { kind: 'rejected', status, message }
}
