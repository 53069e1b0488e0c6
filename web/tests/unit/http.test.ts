import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/utils/problem'
import { buildQuery, createClient, csrfHeaders, filenameFromDisposition, isUnsafeMethod } from '@/api/http'

type Call = { url: string; init: RequestInit }

function fakeServer(respond: (call: Call) => Response, csrf: string | null = 'tok-123') {
  const calls: Call[] = []
  const onUnauthenticated = vi.fn()
  const client = createClient({
    fetch: async (url, init) => {
      const call = { url, init }
      calls.push(call)
      return respond(call)
    },
    getCsrfToken: () => csrf,
    onUnauthenticated,
  })
  return { client, calls, onUnauthenticated }
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })

const headersOf = (c: Call) => c.init.headers as Record<string, string>

describe('CSRF header', () => {
  it('is sent on unsafe methods only', () => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(isUnsafeMethod(m), m).toBe(true)
    for (const m of ['GET', 'HEAD', 'OPTIONS', 'get']) expect(isUnsafeMethod(m), m).toBe(false)
    expect(csrfHeaders('POST', 'abc')).toEqual({ 'X-CSRF-Token': 'abc' })
    expect(csrfHeaders('DELETE', 'abc')).toEqual({ 'X-CSRF-Token': 'abc' })
    expect(csrfHeaders('GET', 'abc')).toEqual({})
    expect(csrfHeaders('POST', null)).toEqual({})
    expect(csrfHeaders('POST', '')).toEqual({})
  })

  it('goes out with POST and PUT, not with GET, and cookies are same-origin', async () => {
    const { client, calls } = fakeServer(() => json(200, { ok: true }))
    await client.get('/system/regions')
    await client.post('/industry/enterprises', { name: 'x' })
    await client.put('/industry/enterprises/1', { name: 'y' })
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined()
    expect(headersOf(calls[1])['X-CSRF-Token']).toBe('tok-123')
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('tok-123')
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true)
    expect(headersOf(calls[1])['Content-Type']).toBe('application/json')
    expect(calls[1].init.body).toBe('{"name":"x"}')
    expect(calls[0].url).toBe('/api/v1/system/regions')
  })

  it('goes out with multipart uploads without setting the content type', async () => {
    const { client, calls } = fakeServer(() => json(200, { inserted: 1, updated: 0, unchanged: 0, errors: [] }))
    const form = new FormData()
    form.append('file', new Blob(['x']), 'a.xlsx')
    await client.upload('/industry/enterprises/import', form)
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('tok-123')
    expect(headersOf(calls[0])['Content-Type']).toBeUndefined()
    expect(calls[0].init.body).toBe(form)
  })
})

describe('API client', () => {
  it('builds query strings without empty filters', () => {
    expect(buildQuery({ q: '燃气', region_code: '', kind: undefined, status: null, page: 2 })).toBe(
      '?q=%E7%87%83%E6%B0%94&page=2',
    )
    expect(buildQuery({ from: '2026-11-29T08:00:00+08:00' })).toBe('?from=2026-11-29T08%3A00%3A00%2B08%3A00')
    expect(buildQuery({})).toBe('')
    expect(buildQuery(undefined)).toBe('')
  })

  it('throws ApiError with the problem detail', async () => {
    const { client, onUnauthenticated } = fakeServer(() =>
      json(409, { status: 409, code: 'conflict', detail: '记录已存在（编码重复）' }, 'application/problem+json'),
    )
    const err = await client.post<never>('/industry/enterprises', {}).catch((e: ApiError) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(409)
    expect(err.detail).toBe('记录已存在（编码重复）')
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('reports a 401 as a lost session, unless the request allows it', async () => {
    const { client, onUnauthenticated } = fakeServer(() =>
      json(401, { status: 401, code: 'unauthenticated', detail: '长时间未操作，登录已超时，请重新登录' }),
    )
    await expect(client.get('/system/users')).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(onUnauthenticated.mock.calls[0][0].detail).toBe('长时间未操作，登录已超时，请重新登录')
    await expect(client.post('/auth/login', {}, { allow401: true })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('turns a network failure into status 0', async () => {
    const { client } = fakeServer(() => {
      throw new TypeError('Failed to fetch')
    })
    const err = await client.get<never>('/auth/me').catch((e: ApiError) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    expect(err.detail).toBe('无法连接服务器，请检查网络后重试')
  })

  it('answers undefined for 204', async () => {
    const { client } = fakeServer(() => new Response(null, { status: 204 }))
    await expect(client.post('/auth/logout')).resolves.toBeUndefined()
  })

  it('downloads files with their name', async () => {
    const { client, calls } = fakeServer(
      () =>
        new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': "attachment; filename=\"enterprises.xlsx\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%8F%B0%E8%B4%A6.xlsx",
          },
        }),
    )
    const f = await client.file('/industry/enterprises', { query: { q: '', region_code: '361102', format: 'xlsx' } })
    expect(calls[0].url).toBe('/api/v1/industry/enterprises?region_code=361102&format=xlsx')
    expect(f.filename).toBe('企业台账.xlsx')
    expect(new Uint8Array(await f.blob.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
  })

  it('refuses a JSON answer where a file was expected', async () => {
    const { client } = fakeServer(() => json(200, { items: [], total: 0 }))
    await expect(client.file('/industry/enterprises', { query: { format: 'xlsx' } })).rejects.toMatchObject({
      code: 'not_a_file',
    })
  })
})

describe('Content-Disposition', () => {
  it('prefers filename*, then filename', () => {
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E6%93%8D%E4%BD%9C%E6%97%A5%E5%BF%97.xlsx")).toBe('操作日志.xlsx')
    expect(filenameFromDisposition('attachment; filename="a b.xlsx"')).toBe('a b.xlsx')
    expect(filenameFromDisposition('attachment; filename=plain.xlsx')).toBe('plain.xlsx')
    expect(filenameFromDisposition('attachment; filename="q\\"uote.xlsx"')).toBe('q"uote.xlsx')
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
})
