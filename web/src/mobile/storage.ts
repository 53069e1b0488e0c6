// What the phone keeps in IndexedDB: the upload queue (results and their photos as Blobs), the
// drafts of checks under way, and the last lists read from the server so that the checklist opens
// without a network. Without IndexedDB (private mode of some browsers) everything lives in memory
// for the session.

import { createStore, del, get, set, values, type UseStore } from 'idb-keyval'
import type { Answer, CheckItem, CheckTemplate, GeoFix } from '@/api/supervision'
import { memoryStore, type QueueStore, type QueuedResult } from './queue'

function idbAvailable(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null
  } catch {
    return false
  }
}

const IDB = idbAvailable()
let queueDb: UseStore | null = null
let cacheDb: UseStore | null = null
let draftDb: UseStore | null = null

const queueStoreDb = () => (queueDb ??= createStore('ranjian-check-queue', 'results'))
const cacheStoreDb = () => (cacheDb ??= createStore('ranjian-check-cache', 'kv'))
const draftStoreDb = () => (draftDb ??= createStore('ranjian-check-drafts', 'drafts'))

const memory = new Map<string, unknown>()
const memoryQueue = memoryStore()

/** The upload queue (IndexedDB, or memory as a last resort). */
export const queueStore: QueueStore = IDB
  ? {
      all: () => values<QueuedResult>(queueStoreDb()),
      get: (id) => get<QueuedResult>(id, queueStoreDb()),
      put: (e) => set(e.itemId, e, queueStoreDb()),
      remove: (id) => del(id, queueStoreDb()),
    }
  : memoryQueue

async function kvGet<T>(key: string, db: () => UseStore): Promise<T | undefined> {
  if (!IDB) return memory.get(key) as T | undefined
  try {
    return await get<T>(key, db())
  } catch {
    return memory.get(key) as T | undefined
  }
}

async function kvSet(key: string, value: unknown, db: () => UseStore): Promise<void> {
  memory.set(key, value)
  if (!IDB) return
  try {
    await set(key, value, db())
  } catch {
    // Kept in memory for this session.
  }
}

async function kvDel(key: string, db: () => UseStore): Promise<void> {
  memory.delete(key)
  if (!IDB) return
  try {
    await del(key, db())
  } catch {
    // Nothing to do.
  }
}

export interface CachedItems {
  /** When they were read from the server. */
  at: string
  items: CheckItem[]
}

/** The account's items as last read. */
export const cachedItems = (userId: number) => kvGet<CachedItems>(`items:${userId}`, cacheStoreDb)
export const cacheItems = (userId: number, items: CheckItem[], at = new Date()) =>
  kvSet(`items:${userId}`, { at: at.toISOString(), items: JSON.parse(JSON.stringify(items)) }, cacheStoreDb)

/** Replace items in the cached list with the server's newer copies. */
export async function updateCachedItems(userId: number, fresh: readonly CheckItem[]): Promise<void> {
  if (fresh.length === 0) return
  const c = await cachedItems(userId)
  if (!c) return
  const byId = new Map(fresh.map((i) => [i.id, i]))
  await kvSet(
    `items:${userId}`,
    { at: c.at, items: c.items.map((i) => JSON.parse(JSON.stringify(byId.get(i.id) ?? i))) },
    cacheStoreDb,
  )
}

export const cachedTemplates = () => kvGet<CheckTemplate[]>('templates', cacheStoreDb)
export const cacheTemplates = (t: CheckTemplate[]) => kvSet('templates', JSON.parse(JSON.stringify(t)), cacheStoreDb)

export interface DraftPhoto {
  key: string
  name: string
  type: string
  blob: Blob
}

/** A check under way: kept as it is typed, so leaving the page (or a reload) loses nothing. */
export interface Draft {
  clientUuid: string
  startedAt: string
  answers: Record<string, Answer>
  note: string
  photos: DraftPhoto[]
  trail: GeoFix[]
}

const draftKey = (userId: number, itemId: number) => `${userId}:${itemId}`
export const loadDraft = (userId: number, itemId: number) => kvGet<Draft>(draftKey(userId, itemId), draftStoreDb)
export const saveDraft = (userId: number, itemId: number, d: Draft) => kvSet(draftKey(userId, itemId), d, draftStoreDb)
export const dropDraft = (userId: number, itemId: number) => kvDel(draftKey(userId, itemId), draftStoreDb)
