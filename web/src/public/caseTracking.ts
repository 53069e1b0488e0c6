// 办理进度查询: the checks and messages of the tracking page (phone /m/track, desktop /public/track)
// and of the rating given there.

import type { Satisfaction, TrackedCase, TrackedStep } from '@/api/publicCases'
import { isValidPhone } from '@/utils/phone'
import { ApiError, errorMessage } from '@/utils/problem'
import { PHONE_INVALID } from './caseForm'

export const NOT_FOUND_MESSAGE = '未找到该受理编号，或手机号码不一致'
export const LOOKUP_TOO_MANY = '查询过于频繁，请稍后再试'
export const RATING_COMMENT_MAX = 500

export const SATISFACTION_CHOICES: { value: Satisfaction; label: string }[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
]

/** A tracking number as typed or pasted: no spaces anywhere. */
export const normalizeTrackingNo = (s: string): string => s.replace(/\s+/g, '')

export interface TrackForm {
  tracking_no: string
  phone: string
}

export type TrackErrors = Partial<Record<'tracking_no' | 'phone', string>>

export function validateTrack(f: TrackForm): TrackErrors {
  const e: TrackErrors = {}
  if (!normalizeTrackingNo(f.tracking_no)) e.tracking_no = '请输入受理编号'
  const phone = f.phone.trim()
  if (!phone) e.phone = '请输入提交时填写的联系电话'
  else if (!isValidPhone(phone)) e.phone = PHONE_INVALID
  return e
}

/** What a failed lookup means for the person: not found (404, whichever of the two is wrong), or else. */
export function trackFailure(err: unknown): { notFound: boolean; fields: TrackErrors; message: string | null } {
  if (err instanceof ApiError) {
    if (err.status === 404) return { notFound: true, fields: {}, message: null }
    if (err.status === 429) return { notFound: false, fields: {}, message: LOOKUP_TOO_MANY }
    if (err.status === 422 && err.errors.length) {
      const fields: TrackErrors = {}
      const rest: string[] = []
      for (const e of err.errors) {
        if (e.field === 'tracking_no' || e.field === 'phone') fields[e.field] = e.reason
        else rest.push(e.reason)
      }
      return { notFound: false, fields, message: rest.length ? rest.join('；') : null }
    }
  }
  return { notFound: false, fields: {}, message: errorMessage(err) }
}

export interface RatingForm {
  satisfaction: Satisfaction | ''
  comment: string
}

export type RatingErrors = Partial<Record<'satisfaction' | 'comment', string>>

export function validateRating(f: RatingForm): RatingErrors {
  const e: RatingErrors = {}
  if (!f.satisfaction) e.satisfaction = '请选择满意度'
  if ([...f.comment.trim()].length > RATING_COMMENT_MAX) e.comment = `评价意见不能超过${RATING_COMMENT_MAX}字`
  return e
}

/** A refused rating: 409 (not, or no longer, open to rating), 422 fields, 429, or else. */
export function rateFailure(err: unknown): { fields: RatingErrors; message: string | null; conflict: boolean } {
  if (err instanceof ApiError) {
    if (err.status === 409) return { fields: {}, message: err.detail, conflict: true }
    if (err.status === 429) return { fields: {}, message: LOOKUP_TOO_MANY, conflict: false }
    if (err.status === 404) return { fields: {}, message: NOT_FOUND_MESSAGE, conflict: false }
    if (err.status === 422 && err.errors.length) {
      const fields: RatingErrors = {}
      const rest: string[] = []
      for (const e of err.errors) {
        if (e.field === 'satisfaction' || e.field === 'comment') fields[e.field] = e.reason
        else rest.push(e.reason)
      }
      return { fields, message: rest.length ? rest.join('；') : null, conflict: false }
    }
  }
  return { fields: {}, message: errorMessage(err), conflict: false }
}

/** The steps for the timeline: newest first (of equal times, the one listed later first). */
export function stepsNewestFirst(steps: readonly TrackedStep[]): TrackedStep[] {
  return steps
    .map((s, i) => ({ s, i, t: Date.parse(s.at) }))
    .sort((a, b) => (Number.isNaN(b.t) || Number.isNaN(a.t) ? b.i - a.i : b.t - a.t || b.i - a.i))
    .map((x) => x.s)
}

export type StateTone = 'info' | 'primary' | 'warning' | 'success'

/** The colour of a state: waiting, in hand, answered, done. */
export function stateTone(state: string): StateTone {
  switch (state) {
    case 'received':
      return 'warning'
    case 'answered':
    case 'fed_back':
    case 'rated':
    case 'closed':
      return 'success'
    case 'accepted':
    case 'transferred':
    case 'handling':
    case 'returned':
      return 'primary'
    default:
      return 'info'
  }
}

/** The rating the person gave, if any, as a sentence. */
export const ratingText = (c: Pick<TrackedCase, 'satisfaction_name'>): string | null =>
  c.satisfaction_name ? `您的评价：${c.satisfaction_name}` : null
