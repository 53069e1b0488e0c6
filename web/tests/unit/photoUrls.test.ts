import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { usePhotoUrls } from '@/views/safety/usePhotoUrls'

/** A photo read that answers when told to. */
function deferredFetch() {
  const calls: { id: number; pid: number; resolve: () => void; reject: () => void }[] = []
  const fetch = vi.fn(
    (id: number, pid: number) =>
      new Promise<{ blob: Blob }>((resolve, reject) => {
        calls.push({ id, pid, resolve: () => resolve({ blob: new Blob([`${id}/${pid}`]) }), reject: () => reject(new Error('404')) })
      }),
  )
  return { fetch, calls }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

let made = 0
let revoked: string[] = []

beforeEach(() => {
  made = 0
  revoked = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${++made}`)
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u: string) => void revoked.push(u))
})

afterEach(() => {
  vi.restoreAllMocks()
})

function setup() {
  const { fetch, calls } = deferredFetch()
  const scope = effectScope()
  const photos = scope.run(() => usePhotoUrls(fetch))!
  return { fetch, calls, scope, photos }
}

describe('usePhotoUrls', () => {
  it('reads each photo of a record once, with the record id', async () => {
    const { fetch, calls, photos } = setup()
    photos.ensure(7, [1, 2])
    photos.ensure(7, [1, 2]) // still loading: not read again
    expect(fetch.mock.calls).toEqual([
      [7, 1],
      [7, 2],
    ])
    calls[0].resolve()
    calls[1].resolve()
    await settle()
    expect(photos.urls.get(1)).toBe('blob:test/1')
    expect(photos.urls.get(2)).toBe('blob:test/2')
    // After an upload the record has one more photo: only that one is read.
    photos.ensure(7, [1, 2, 3])
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(fetch.mock.calls[2]).toEqual([7, 3])
  })

  it('a photo that cannot be read is "" (the thumbnail says so)', async () => {
    const { calls, photos } = setup()
    photos.ensure(7, [1])
    calls[0].reject()
    await settle()
    expect(photos.urls.get(1)).toBe('')
    expect(photos.urls.has(1)).toBe(true)
  })

  it('another record lets the URLs of the first go and drops its late answers', async () => {
    const { fetch, calls, photos } = setup()
    photos.ensure(7, [1, 2])
    calls[0].resolve()
    await settle()
    photos.ensure(8, [5])
    expect(revoked).toEqual(['blob:test/1'])
    expect(photos.urls.has(1)).toBe(false)
    calls[1].resolve() // photo 2 of record 7 arrives late
    await settle()
    expect(photos.urls.has(2)).toBe(false)
    expect(made).toBe(1)
    expect(fetch.mock.calls.at(-1)).toEqual([8, 5])
  })

  it('closing and reopening the same record reads again and keeps one URL per photo', async () => {
    const { fetch, calls, photos } = setup()
    photos.ensure(7, [1])
    photos.clear() // the drawer closed before the photo came
    photos.ensure(7, [1])
    expect(fetch).toHaveBeenCalledTimes(2)
    calls[0].resolve() // the first read: dropped
    calls[1].resolve()
    await settle()
    expect(made).toBe(1)
    expect(photos.urls.get(1)).toBe('blob:test/1')
  })

  it('the gallery lists the loaded photos in order, and where each one is', async () => {
    const { calls, photos } = setup()
    const list = [{ id: 1 }, { id: 2 }, { id: 3 }]
    photos.ensure(7, [1, 2, 3])
    calls[2].resolve()
    calls[1].reject()
    calls[0].resolve()
    await settle()
    expect(photos.gallery(list)).toEqual(['blob:test/2', 'blob:test/1'])
    expect(photos.galleryIndex(list, 1)).toBe(0)
    expect(photos.galleryIndex(list, 3)).toBe(1)
    expect(photos.galleryIndex(list, 2)).toBe(0) // failed: not in the gallery
    expect(photos.galleryIndex(list, 9)).toBe(0)
  })

  it('lets every URL go when the component is gone', async () => {
    const { calls, scope, photos } = setup()
    photos.ensure(7, [1, 2])
    calls[0].resolve()
    calls[1].resolve()
    await settle()
    scope.stop()
    expect(revoked.sort()).toEqual(['blob:test/1', 'blob:test/2'])
    expect(photos.urls.size).toBe(0)
  })
})
