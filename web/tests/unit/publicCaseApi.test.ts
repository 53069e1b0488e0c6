import { afterEach, describe, expect, it, vi } from 'vitest'
import { publicRoutes } from '@/public/routes'
import { publicCaseApi } from '@/api/publicCases'
import { ApiError } from '@/utils/problem'

describe('public routes', () => {
  it('are the four public pages, each public and titled', () => {
    expect(publicRoutes.map((r) => r.path).sort()).toEqual(['/m/complaint', '/m/track', '/public/complaint', '/public/track'])
    for (const r of publicRoutes) {
      expect(r.meta?.public, r.path).toBe(true)
      expect(r.meta?.title, r.path).toBeTruthy()
    }
  })
})

describe('public API calls', () => {
  const g = globalThis as unknown as { window?: unknown }
  afterEach(() => {
    delete g.window
  })

  function stub(status: number, body: unknown) {
    const fetch = vi.fn(
      async (_input: string, _init: RequestInit) =>
        new Response(body === null ? null : JSON.stringify(body), {
          status,
          headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
        }),
    )
    g.window = { fetch }
    return fetch
  }

  it('track posts JSON to /public/cases/track without a CSRF token', async () => {
    const fetch = stub(200, { tracking_no: 'T1', steps: [] })
    const r = await publicCaseApi.track({ tracking_no: 'T1', phone: '13907930001' })
    expect(r.tracking_no).toBe('T1')
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/v1/public/cases/track')
    expect(init.method).toBe('POST')
    const headers = init.headers as Record<string, string>
    expect(headers['X-CSRF-Token']).toBeUndefined()
    expect(headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body as string)).toEqual({ tracking_no: 'T1', phone: '13907930001' })
  })

  it('file sends the multipart body as is', async () => {
    const fetch = stub(200, { tracking_no: 'T2', received_at: '2026-11-29T00:00:00Z', message: 'ok' })
    const fd = new FormData()
    fd.append('case', '{}')
    await publicCaseApi.file(fd)
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/v1/public/cases')
    expect(init.body).toBe(fd)
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined()
  })

  it('enterprises asks by county', async () => {
    const fetch = stub(200, [])
    await publicCaseApi.enterprises('361102')
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/public/enterprises?region_code=361102')
  })

  it('a refusal is an ApiError with its field errors', async () => {
    stub(422, { status: 422, code: 'validation_failed', detail: 'x', errors: [{ field: 'place', reason: '请填写事发地址' }] })
    const err = await publicCaseApi.file(new FormData()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).errors).toEqual([{ field: 'place', reason: '请填写事发地址' }])
  })
})
