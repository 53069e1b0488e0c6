// Errors of the API are RFC 9457 problem+json: {type, title, status, code, detail, errors?}.
// Everything the UI shows about a failed request goes through here.

export interface FieldError {
  field: string
  reason: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  code: string
  detail: string
  errors?: FieldError[]
}

/** A failed API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors: FieldError[]

  constructor(status: number, code: string, detail: string, errors: FieldError[] = []) {
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.detail = detail
    this.errors = errors
  }
}

const FALLBACK_BY_STATUS: Record<number, [code: string, message: string]> = {
  0: ['network', '无法连接服务器，请检查网络后重试'],
  400: ['bad_request', '请求有误'],
  401: ['unauthenticated', '未登录或登录已失效，请重新登录'],
  403: ['forbidden', '当前账号没有此操作的权限'],
  404: ['not_found', '记录不存在'],
  409: ['conflict', '数据冲突，记录可能已存在或已被他人修改'],
  413: ['payload_too_large', '提交的内容过大'],
  415: ['unsupported_media_type', '不支持的文件或数据格式'],
  422: ['validation_failed', '提交的数据不符合要求'],
  423: ['account_locked', '账号已被锁定，请稍后再试或联系管理员'],
  429: ['too_many_requests', '请求过于频繁，请稍后再试'],
  500: ['internal', '服务器内部错误，请稍后重试'],
  502: ['unavailable', '服务暂时不可用，请稍后重试'],
  503: ['unavailable', '服务暂时不可用，请稍后重试'],
  504: ['unavailable', '服务器响应超时，请稍后重试'],
}

/** The generic Chinese message for a status (used when the body says nothing better). */
export function messageForStatus(status: number): string {
  const known = FALLBACK_BY_STATUS[status]
  if (known) return known[1]
  if (status >= 500) return FALLBACK_BY_STATUS[500][1]
  return `请求失败（HTTP ${status}）`
}

function isFieldError(v: unknown): v is FieldError {
  return (
    typeof v === 'object' && v !== null &&
    typeof (v as FieldError).field === 'string' && typeof (v as FieldError).reason === 'string'
  )
}

/** Build the ApiError of an answer from its status and its (possibly absent or foreign) body. */
export function problemToError(status: number, body: unknown): ApiError {
  const fallback = FALLBACK_BY_STATUS[status] ?? [status >= 500 ? 'internal' : 'http_error', messageForStatus(status)]
  if (typeof body !== 'object' || body === null) return new ApiError(status, fallback[0], fallback[1])
  const p = body as Partial<Problem>
  const code = typeof p.code === 'string' && p.code ? p.code : fallback[0]
  const detail = typeof p.detail === 'string' && p.detail.trim() ? p.detail : fallback[1]
  const errors = Array.isArray(p.errors) ? p.errors.filter(isFieldError) : []
  return new ApiError(status, code, detail, errors)
}

/** What to tell the user about any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail
  if (err instanceof Error && err.message) return err.message
  return '操作失败，请稍后重试'
}

/** Field errors by field name; several reasons for one field are joined with "；". */
export function fieldErrorMap(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]}；${e.reason}` : e.reason
  return out
}

/**
 * Split a 422 into the errors a form can show beside its fields and a message for the rest
 * (fields the form does not have, or a detail without field errors). `message` is null when every
 * error found its field.
 */
export function splitFieldErrors(
  err: ApiError,
  formFields: readonly string[],
): { fields: Record<string, string>; message: string | null } {
  const fields: Record<string, string> = {}
  const rest: FieldError[] = []
  for (const e of err.errors) {
    if (formFields.includes(e.field)) fields[e.field] = fields[e.field] ? `${fields[e.field]}；${e.reason}` : e.reason
    else rest.push(e)
  }
  if (rest.length > 0) return { fields, message: rest.map((e) => e.reason).join('；') }
  if (err.errors.length === 0) return { fields, message: err.detail }
  return { fields, message: null }
}
