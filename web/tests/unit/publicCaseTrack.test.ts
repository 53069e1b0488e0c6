import { describe, expect, it } from 'vitest'
import {
  LOOKUP_TOO_MANY,
  NOT_FOUND_MESSAGE,
  SATISFACTION_CHOICES,
  normalizeTrackingNo,
  rateFailure,
  ratingText,
  stateTone,
  stepsNewestFirst,
  trackFailure,
  validateRating,
  validateTrack,
} from '@/public/caseTracking'
import { ApiError, problemToError } from '@/utils/problem'

describe('the lookup', () => {
  it('wants a number and a valid phone', () => {
    expect(validateTrack({ tracking_no: '', phone: '' })).toEqual({
      tracking_no: '请输入受理编号',
      phone: '请输入提交时填写的联系电话',
    })
    expect(validateTrack({ tracking_no: 'TS1', phone: '123' }).phone).toMatch(/正确的手机号码/)
    expect(validateTrack({ tracking_no: ' TS 2026 1 ', phone: ' 13907930001 ' })).toEqual({})
  })

  it('takes the spaces out of a pasted number', () => {
    expect(normalizeTrackingNo(' TS2026 1129 0001\n')).toBe('TS202611290001')
  })

  it('says "not found" the same for an unknown number and a wrong phone (404)', () => {
    const r = trackFailure(problemToError(404, { detail: '记录不存在' }))
    expect(r).toEqual({ notFound: true, fields: {}, message: null })
    expect(NOT_FOUND_MESSAGE).toBe('未找到该受理编号，或手机号码不一致')
  })

  it('says 429, 422 and the rest', () => {
    expect(trackFailure(problemToError(429, null)).message).toBe(LOOKUP_TOO_MANY)
    const r = trackFailure(
      new ApiError(422, 'validation_failed', 'x', [
        { field: 'phone', reason: '请填写联系电话' },
        { field: 'other', reason: '其他问题' },
      ]),
    )
    expect(r).toEqual({ notFound: false, fields: { phone: '请填写联系电话' }, message: '其他问题' })
    expect(trackFailure(problemToError(500, null)).message).toBe('服务器内部错误，请稍后重试')
  })
})

describe('the rating', () => {
  it('offers the three levels', () => {
    expect(SATISFACTION_CHOICES.map((s) => [s.value, s.label])).toEqual([
      ['satisfied', '满意'],
      ['basically_satisfied', '基本满意'],
      ['dissatisfied', '不满意'],
    ])
  })

  it('wants a level, and a comment of at most 500 characters', () => {
    expect(validateRating({ satisfaction: '', comment: '' })).toEqual({ satisfaction: '请选择满意度' })
    expect(validateRating({ satisfaction: 'satisfied', comment: '好'.repeat(500) })).toEqual({})
    expect(validateRating({ satisfaction: 'dissatisfied', comment: '差'.repeat(501) }).comment).toMatch(/500/)
  })

  it('reads a refusal', () => {
    expect(rateFailure(problemToError(409, { detail: '案件当前为“办理中”，不能满意度评价' }))).toEqual({
      fields: {},
      message: '案件当前为“办理中”，不能满意度评价',
      conflict: true,
    })
    expect(rateFailure(problemToError(404, null)).message).toBe(NOT_FOUND_MESSAGE)
    expect(rateFailure(problemToError(429, null)).message).toBe(LOOKUP_TOO_MANY)
    expect(
      rateFailure(new ApiError(422, 'validation_failed', 'x', [{ field: 'comment', reason: '不满意时请填写评价意见' }])),
    ).toEqual({ fields: { comment: '不满意时请填写评价意见' }, message: null, conflict: false })
  })

  it('says the rating given', () => {
    expect(ratingText({ satisfaction_name: '满意' })).toBe('您的评价：满意')
    expect(ratingText({ satisfaction_name: null })).toBeNull()
  })
})

describe('the timeline', () => {
  it('shows the newest step first', () => {
    const steps = [
      { at: '2026-11-29T01:00:00Z', title: '提交', note: null },
      { at: '2026-11-29T03:00:00Z', title: '答复', note: '已处理' },
      { at: '2026-11-29T02:00:00Z', title: '受理', note: null },
    ]
    expect(stepsNewestFirst(steps).map((s) => s.title)).toEqual(['答复', '受理', '提交'])
    // The input is not changed.
    expect(steps[0].title).toBe('提交')
  })

  it('puts the later listed of equal times first', () => {
    const at = '2026-11-29T01:00:00Z'
    const steps = [
      { at, title: 'a', note: null },
      { at, title: 'b', note: null },
    ]
    expect(stepsNewestFirst(steps).map((s) => s.title)).toEqual(['b', 'a'])
  })

  it('colours the states', () => {
    expect(stateTone('received')).toBe('warning')
    expect(stateTone('handling')).toBe('primary')
    expect(stateTone('closed')).toBe('success')
    expect(stateTone('unknown')).toBe('info')
  })
})
