import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, fieldErrorMap, messageForStatus, problemToError, splitFieldErrors } from '@/utils/problem'

describe('problem+json to messages', () => {
  it('keeps the server detail, code and field errors', () => {
    const e = problemToError(422, {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'validation_failed',
      detail: '统一社会信用代码校验位错误，应为“L”（共2处错误）',
      errors: [
        { field: 'code', reason: '统一社会信用代码校验位错误，应为“L”' },
        { field: 'phone', reason: '联系电话格式不正确' },
      ],
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.code).toBe('validation_failed')
    expect(e.detail).toBe('统一社会信用代码校验位错误，应为“L”（共2处错误）')
    expect(e.errors).toHaveLength(2)
    expect(errorMessage(e)).toBe(e.detail)
  })

  it('shows the lockout and wrong-password details verbatim', () => {
    const locked = problemToError(423, { status: 423, code: 'account_locked', detail: '账号已锁定，请15分钟后再试' })
    expect(locked.code).toBe('account_locked')
    expect(errorMessage(locked)).toBe('账号已锁定，请15分钟后再试')
    const wrong = problemToError(401, { status: 401, code: 'unauthenticated', detail: '用户名或密码错误' })
    expect(errorMessage(wrong)).toBe('用户名或密码错误')
  })

  it('does not interpret markup in details', () => {
    const e = problemToError(409, { status: 409, code: 'conflict', detail: '<b>记录已存在</b>' })
    expect(e.detail).toBe('<b>记录已存在</b>')
  })

  it('falls back to a Chinese message by status when the body is not a problem', () => {
    expect(problemToError(502, '<html>Bad Gateway</html>').detail).toBe('服务暂时不可用，请稍后重试')
    expect(problemToError(500, null).code).toBe('internal')
    expect(problemToError(403, { error: 'x' }).detail).toBe('当前账号没有此操作的权限')
    expect(problemToError(404, { detail: '   ' }).detail).toBe('记录不存在')
    expect(problemToError(0, null).detail).toBe('无法连接服务器，请检查网络后重试')
    expect(messageForStatus(418)).toBe('请求失败（HTTP 418）')
    expect(messageForStatus(599)).toBe('服务器内部错误，请稍后重试')
  })

  it('ignores malformed field errors', () => {
    const e = problemToError(422, { code: 'validation_failed', detail: 'x', errors: [{ field: 'a' }, 'b', { field: 'c', reason: 'r' }] })
    expect(e.errors).toEqual([{ field: 'c', reason: 'r' }])
  })

  it('maps field errors and joins several reasons of one field', () => {
    expect(fieldErrorMap([{ field: 'code', reason: 'a' }, { field: 'code', reason: 'b' }, { field: 'name', reason: 'c' }])).toEqual({
      code: 'a；b',
      name: 'c',
    })
  })

  it('splits field errors between the form and a message', () => {
    const e = new ApiError(422, 'validation_failed', '整体说明', [
      { field: 'code', reason: '校验位错误' },
      { field: 'body', reason: '请求数据格式错误' },
    ])
    expect(splitFieldErrors(e, ['code', 'name'])).toEqual({ fields: { code: '校验位错误' }, message: '请求数据格式错误' })
    const onlyForm = new ApiError(422, 'validation_failed', '整体说明', [{ field: 'name', reason: '请输入企业名称' }])
    expect(splitFieldErrors(onlyForm, ['code', 'name'])).toEqual({ fields: { name: '请输入企业名称' }, message: null })
    const none = new ApiError(422, 'validation_failed', '提交的数据不符合要求')
    expect(splitFieldErrors(none, ['code'])).toEqual({ fields: {}, message: '提交的数据不符合要求' })
  })

  it('describes other thrown values', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage('x')).toBe('操作失败，请稍后重试')
  })
})
