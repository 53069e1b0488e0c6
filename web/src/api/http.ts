// The one HTTP client of the SPA. It uses the session cookie (same origin), sends the CSRF token
// on every unsafe method, turns problem+json answers into ApiError, and reports 401 once.

import { ApiError, problemToError } from '@/utils/problem'

export const API_BASE = '/api/v1'
export const CSRF_HEADER = 'X-CSRF-Token'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** Methods that change state and so must carry the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())
}

/** The CSRF header to add to a request, if any. */
export function csrfHeaders(method: string, token: string | null | undefined): Record<string, string> {
  return isUnsafeMethod(method) && token ? { [CSRF_HEADER]: token } : {}
}

/** A query string from filters, leaving out empty values ("", null, undefined). */
export function buildQuery(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The file name of a Content-Disposition header (RFC 6266, `filename*` preferred). */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"(.*)"$/, '$1'))
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim() || null
  return null
}

export interface ClientDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>
  /** The CSRF token of the current session, if logged in. */
  getCsrfToken: () => string | null
  /** Called on a 401 from a request that did not opt out (the session is gone). */
  onUnauthenticated: (err: ApiError) => void
}

export interface RequestOptions {
  query?: Query
  /** JSON body. */
  body?: unknown
  /** Multipart body (file upload); sent as is. */
  form?: FormData
  /** Do not treat a 401 as "session gone" (the login request, the start-up session probe). */
  allow401?: boolean
  signal?: AbortSignal
}

export interface FileResult {
  blob: Blob
  filename: string | null
  contentType: string
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function createClient(deps: ClientDeps) {
  async function send(method: Method, path: string, opts: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...csrfHeaders(method, deps.getCsrfToken()) }
    let body: BodyInit | undefined
    if (opts.form) {
      body = opts.form
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.body)
    }
    let res: Response
    try {
      res = await deps.fetch(`${API_BASE}${path}${buildQuery(opts.query)}`, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      })
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e
      throw problemToError(0, null)
    }
    if (!res.ok) {
      const err = problemToError(res.status, await readBody(res))
      if (res.status === 401 && !opts.allow401) deps.onUnauthenticated(err)
      throw err
    }
    return res
  }

  async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await send(method, path, opts, 'application/json')
    if (res.status === 204) return undefined as T
    return (await readBody(res)) as T
  }

  /** A file answer (Excel export, import template). */
  async function file(path: string, opts: RequestOptions = {}): Promise<FileResult> {
    const res = await send('GET', path, opts, '*/*')
    const contentType = res.headers.get('Content-Type') ?? ''
    if (contentType.includes('json')) {
      // A list endpoint that ignored format=xlsx: not a file.
      throw new ApiError(res.status, 'not_a_file', '服务器未返回文件，请稍后重试')
    }
    return { blob: await res.blob(), filename: filenameFromDisposition(res.headers.get('Content-Disposition')), contentType }
  }

  return {
    request,
    file,
    get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) =>
      request<T>('GET', path, { ...opts, query }),
    post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
    put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
    upload: <T>(path: string, form: FormData, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, form }),
  }
}

export type Client = ReturnType<typeof createClient>
