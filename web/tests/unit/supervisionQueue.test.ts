import { describe, expect, it } from 'vitest'
import type { CheckItem, ResultInput } from '@/api/supervision'
import {
  classifyFailure,
  drain,
  enqueue,
  entriesOf,
  memoryStore,
  singleFlight,
  type NewResult,
  type QueuedPhoto,
  type SendOutcome,
  type Sender,
} from '@/mobile/queue'

const USER = 7

function result(itemId: number, extra: Partial<NewResult> = {}): NewResult {
  return {
    itemId,
    userId: USER,
    label: `阳光新村 TU${itemId}`,
    clientUuid: `uuid-${itemId}-a`,
    answers: { no_leak_alarm: 'ok', aged_rubber_hose: 'fail' },
    note: '  软管老化  ',
    checkedAt: '2026-11-29T03:00:00.000Z',
    location: { lng: 117.94, lat: 28.45, accuracy_m: 12, at: '2026-11-29T03:00:00.000Z' },
    trail: [],
    ...extra,
  }
}

const blob = (s: string) => new Blob([s], { type: 'image/png' })

/** A sender that answers from a script per call, recording what it was sent. */
function fakeSender(script: { result?: SendOutcome[]; photo?: SendOutcome[] } = {}) {
  const sent: { kind: 'result' | 'photo'; itemId: number; uuid?: string; name?: string }[] = []
  const results = [...(script.result ?? [])]
  const photos = [...(script.photo ?? [])]
  const sender: Sender = {
    async sendResult(itemId: number, body: ResultInput) {
      sent.push({ kind: 'result', itemId, uuid: body.client_uuid })
      return results.shift() ?? { kind: 'ok', item: { id: itemId, state: 'done' } as CheckItem }
    },
    async sendPhoto(itemId: number, p: QueuedPhoto) {
      sent.push({ kind: 'photo', itemId, name: p.name })
      return photos.shift() ?? { kind: 'ok' }
    },
  }
  return { sender, sent }
}

describe('enqueue', () => {
  it('keeps the result with its client_uuid and a trimmed note', async () => {
    const store = memoryStore()
    const e = await enqueue(store, result(1))
    expect(e.clientUuid).toBe('uuid-1-a')
    expect(e.body.client_uuid).toBe('uuid-1-a')
    expect(e.body.note).toBe('软管老化')
    expect(e.resultSent).toBe(false)
    expect(await entriesOf(store, USER)).toHaveLength(1)
  })

  it('keeps one entry per item, and the first client_uuid when the same item is submitted again', async () => {
    const store = memoryStore()
    await enqueue(store, result(1), new Date('2026-11-29T03:00:00Z'))
    await enqueue(store, result(2), new Date('2026-11-29T03:01:00Z'))
    const again = await enqueue(
      store,
      result(1, { clientUuid: 'uuid-1-b', answers: { no_leak_alarm: 'ok', aged_rubber_hose: 'ok' } }),
      new Date('2026-11-29T03:05:00Z'),
    )
    const all = await entriesOf(store, USER)
    expect(all.map((e) => e.itemId)).toEqual([1, 2])
    expect(again.clientUuid).toBe('uuid-1-a')
    expect(again.body.client_uuid).toBe('uuid-1-a')
    expect(again.body.answers.aged_rubber_hose).toBe('ok')
    // Still in its place in the line.
    expect(again.queuedAt).toBe('2026-11-29T03:00:00.000Z')
  })

  it('adds new photos to an entry and does not add the same photo twice', async () => {
    const store = memoryStore()
    await enqueue(store, result(1, { photos: [{ key: 'p1', name: 'a.png', type: 'image/png', blob: blob('a') }] }))
    const e = await enqueue(
      store,
      result(1, {
        photos: [
          { key: 'p1', name: 'a.png', type: 'image/png', blob: blob('a') },
          { key: 'p2', name: 'b.png', type: 'image/png', blob: blob('b') },
        ],
      }),
    )
    // The unsent photos of the first submission are replaced by those of the second.
    expect(e.photos.map((p) => p.key)).toEqual(['p1', 'p2'])
  })

  it('lists only the entries of the account', async () => {
    const store = memoryStore()
    await enqueue(store, result(1))
    await enqueue(store, { ...result(2), userId: 99 })
    expect((await entriesOf(store, USER)).map((e) => e.itemId)).toEqual([1])
    expect((await entriesOf(store, 99)).map((e) => e.itemId)).toEqual([2])
  })
})

describe('drain', () => {
  it('sends the result then its photos and empties the queue', async () => {
    const store = memoryStore()
    await enqueue(store, result(1, { photos: [{ key: 'p1', name: 'a.png', type: 'image/png', blob: blob('a') }] }))
    const { sender, sent } = fakeSender()
    const r = await drain(store, sender, USER)
    expect(sent.map((s) => s.kind)).toEqual(['result', 'photo'])
    expect(r.uploaded).toEqual([1])
    expect(r.remaining).toBe(0)
    expect(r.stopped).toBeNull()
    expect(await entriesOf(store, USER)).toEqual([])
  })

  it('keeps everything while offline, then sends with the same client_uuid when back', async () => {
    const store = memoryStore()
    await enqueue(store, result(1), new Date('2026-11-29T03:00:00Z'))
    await enqueue(store, result(2), new Date('2026-11-29T03:01:00Z'))
    const offline: SendOutcome = { kind: 'offline', message: '无法连接服务器' }
    const first = fakeSender({ result: [offline] })
    const r1 = await drain(store, first.sender, USER)
    // Stopped at the first failure: the second is not tried.
    expect(first.sent).toHaveLength(1)
    expect(r1.stopped).toBe('offline')
    expect(r1.remaining).toBe(2)
    const waiting = await entriesOf(store, USER)
    expect(waiting[0].attempts).toBe(1)
    expect(waiting[0].lastError).toBe('无法连接服务器')

    const second = fakeSender()
    const r2 = await drain(store, second.sender, USER)
    expect(r2.uploaded).toEqual([1, 2])
    expect(second.sent.filter((s) => s.itemId === 1).map((s) => s.uuid)).toEqual(['uuid-1-a'])
    expect(first.sent[0].uuid).toBe(second.sent[0].uuid)
    expect(r2.remaining).toBe(0)
  })

  it('does not send the result again once the server has it, only the photos left', async () => {
    const store = memoryStore()
    await enqueue(
      store,
      result(1, {
        photos: [
          { key: 'p1', name: 'a.png', type: 'image/png', blob: blob('a') },
          { key: 'p2', name: 'b.png', type: 'image/png', blob: blob('b') },
        ],
      }),
    )
    const first = fakeSender({ photo: [{ kind: 'ok' }, { kind: 'offline', message: '网络中断' }] })
    const r1 = await drain(store, first.sender, USER)
    expect(r1.stopped).toBe('offline')
    const [e] = await entriesOf(store, USER)
    expect(e.resultSent).toBe(true)
    expect(e.photos.map((p) => p.sent)).toEqual([true, false])
    expect(e.photos[0].blob).toBeNull()

    const second = fakeSender()
    const r2 = await drain(store, second.sender, USER)
    expect(second.sent).toEqual([{ kind: 'photo', itemId: 1, name: 'b.png' }])
    expect(r2.uploaded).toEqual([1])
  })

  it('removes an entry the server answers 409 for (the item is done already)', async () => {
    const store = memoryStore()
    await enqueue(store, result(1, { photos: [{ key: 'p1', name: 'a.png', type: 'image/png', blob: blob('a') }] }))
    const { sender, sent } = fakeSender({ result: [{ kind: 'conflict', message: '该检查项已提交结果，不能重复提交' }] })
    const r = await drain(store, sender, USER)
    expect(r.conflicts).toEqual([{ itemId: 1, message: '该检查项已提交结果，不能重复提交' }])
    expect(r.uploaded).toEqual([])
    // The photos of a result that was not taken are not sent.
    expect(sent.map((s) => s.kind)).toEqual(['result'])
    expect(await entriesOf(store, USER)).toEqual([])
  })

  it('keeps a refused result for the inspector, skips it next time, and sends it when asked', async () => {
    const store = memoryStore()
    await enqueue(store, result(1), new Date('2026-11-29T03:00:00Z'))
    await enqueue(store, result(2), new Date('2026-11-29T03:01:00Z'))
    const first = fakeSender({ result: [{ kind: 'rejected', status: 403, message: '只有被分派的检查人员可以提交检查结果' }] })
    const r1 = await drain(store, first.sender, USER)
    expect(r1.rejected).toEqual([{ itemId: 1, message: '只有被分派的检查人员可以提交检查结果' }])
    // The next one is still sent.
    expect(r1.uploaded).toEqual([2])
    const [kept] = await entriesOf(store, USER)
    expect(kept.rejected).toBe(true)

    const second = fakeSender()
    await drain(store, second.sender, USER)
    expect(second.sent).toEqual([])

    const third = fakeSender()
    const r3 = await drain(store, third.sender, USER, { retryRejected: true })
    expect(r3.uploaded).toEqual([1])
  })

  it('stops when the session is gone and keeps the entry', async () => {
    const store = memoryStore()
    await enqueue(store, result(1))
    const { sender } = fakeSender({ result: [{ kind: 'unauthenticated', message: '未登录' }] })
    const r = await drain(store, sender, USER)
    expect(r.stopped).toBe('unauthenticated')
    expect(r.remaining).toBe(1)
  })

  it('drops a photo the server refuses and still clears the entry', async () => {
    const store = memoryStore()
    await enqueue(store, result(1, { photos: [{ key: 'p1', name: 'a.gif', type: 'image/gif', blob: blob('a') }] }))
    const { sender } = fakeSender({ photo: [{ kind: 'rejected', status: 415, message: '照片须为JPEG、PNG或WebP格式' }] })
    const r = await drain(store, sender, USER)
    expect(r.photoErrors).toEqual([{ itemId: 1, name: 'a.gif', message: '照片须为JPEG、PNG或WebP格式' }])
    expect(r.uploaded).toEqual([1])
    expect(r.remaining).toBe(0)
  })

  it('leaves the entries of other accounts alone', async () => {
    const store = memoryStore()
    await enqueue(store, { ...result(1), userId: 99 })
    const { sender, sent } = fakeSender()
    const r = await drain(store, sender, USER)
    expect(sent).toEqual([])
    expect(r.remaining).toBe(0)
    expect(await entriesOf(store, 99)).toHaveLength(1)
  })
})

describe('singleFlight', () => {
  it('runs one drain at a time and once more for the calls made meanwhile', async () => {
    let runs = 0
    let release: () => void = () => {}
    const run = singleFlight(async () => {
      runs += 1
      if (runs === 1) await new Promise<void>((r) => (release = r))
      return runs
    })
    const a = run()
    const b = run()
    const c = run()
    expect(runs).toBe(1)
    release()
    expect(await a).toBe(1)
    expect(await b).toBe(2)
    expect(await c).toBe(2)
    expect(runs).toBe(2)
  })

  it('sends a queued result once when the online event and the app start both drain', async () => {
    const store = memoryStore()
    await enqueue(store, result(1))
    const { sender, sent } = fakeSender()
    const run = singleFlight(() => drain(store, sender, USER))
    await Promise.all([run(), run()])
    expect(sent.filter((s) => s.kind === 'result')).toHaveLength(1)
  })
})

describe('classifyFailure', () => {
  it('retries what may pass later and refuses what never will', () => {
    expect(classifyFailure(0, '无法连接服务器')).toEqual({ kind: 'offline', message: '无法连接服务器' })
    expect(classifyFailure(503, '服务暂时不可用').kind).toBe('offline')
    expect(classifyFailure(429, '请求过于频繁').kind).toBe('offline')
    expect(classifyFailure(401, '未登录').kind).toBe('unauthenticated')
    expect(classifyFailure(409, '已提交').kind).toBe('check')
    expect(classifyFailure(422, '该检查点未填写')).toEqual({ kind: 'rejected', status: 422, message: '该检查点未填写' })
    expect(classifyFailure(403, '只有被分派的检查人员可以提交检查结果').kind).toBe('rejected')
  })
})
