// The public case form (燃气投诉举报), shared by the phone page (/m/complaint) and the desktop page
// (/public/complaint): the choices and their labels, the checks made before sending (the server's
// own, so most mistakes are shown without a round trip), the request, and the server's refusals
// sorted to the fields they concern.

import type { CaseInput, CaseType, GasCategory } from '@/api/publicCases'
import { isValidPhone } from '@/utils/phone'
import { ApiError, errorMessage, messageForStatus } from '@/utils/problem'

export interface Choice<T extends string> {
  value: T
  label: string
  /** A few words on when to choose it. */
  hint: string
}

export const CASE_TYPE_CHOICES: Choice<CaseType>[] = [
  { value: 'complaint', label: '投诉', hint: '对燃气经营企业的服务质量、收费、安全管理等不满意' },
  { value: 'report', label: '举报', hint: '非法经营、违规充装、私接管道等违法违规行为' },
  { value: 'service_request', label: '服务申请', hint: '报装、维修、安检等燃气服务需求' },
  { value: 'suggestion', label: '意见建议', hint: '对燃气管理和服务工作的意见、建议' },
]

export const GAS_CATEGORY_CHOICES: Choice<GasCategory>[] = [
  { value: 'pipeline_gas', label: '管道燃气', hint: '管道天然气等' },
  { value: 'lpg', label: '瓶装液化石油气', hint: '液化气钢瓶' },
  { value: 'vehicle_gas', label: '车用燃气', hint: '加气站等' },
  { value: 'other', label: '其他', hint: '' },
]

export const caseTypeLabel = (v: string): string => CASE_TYPE_CHOICES.find((c) => c.value === v)?.label ?? v
export const gasCategoryLabel = (v: string): string => GAS_CATEGORY_CHOICES.find((c) => c.value === v)?.label ?? v

export const DESCRIPTION_MAX = 1000
export const PLACE_MAX = 200
export const NAME_MAX = 50
export const TOWNSHIP_MAX = 50
export const ACCOUNT_MAX = 64
export const PHOTO_MAX_COUNT = 4
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']

/** Shown under the photo uploader. */
export const PHOTO_HINT = `选填，最多${PHOTO_MAX_COUNT}张，支持JPG、PNG、WebP格式，单张不超过10MB`
/** Shown when a report is made anonymously. */
export const ANONYMOUS_NOTE = '匿名举报不会向任何单位透露您的身份；如需查询进度，可留电话仅用于查询'
export const TOO_MANY_MESSAGE = '提交过于频繁，请稍后再试'

/** What is typed in the form (every text as typed; `buildCaseInput` trims). */
export interface CaseForm {
  case_type: CaseType | ''
  gas_category: GasCategory | ''
  region_code: string
  township: string
  enterprise_id: number | null
  place: string
  lng: number | null
  lat: number | null
  user_account: string
  description: string
  contact_name: string
  contact_phone: string
  anonymous: boolean
  challenge_answer: string
  /** The honeypot: a field people do not see; a robot fills it. */
  website: string
}

export function emptyCaseForm(): CaseForm {
  return {
    case_type: '',
    gas_category: '',
    region_code: '',
    township: '',
    enterprise_id: null,
    place: '',
    lng: null,
    lat: null,
    user_account: '',
    description: '',
    contact_name: '',
    contact_phone: '',
    anonymous: false,
    challenge_answer: '',
    website: '',
  }
}

/** The fields that can carry an error, in the order of the form (the first one is scrolled to). */
export const CASE_FIELDS = [
  'case_type',
  'gas_category',
  'region_code',
  'township',
  'enterprise_id',
  'place',
  'location',
  'user_account',
  'description',
  'photos',
  'anonymous',
  'contact_name',
  'contact_phone',
  'challenge_answer',
] as const
export type CaseField = (typeof CASE_FIELDS)[number]
export type CaseErrors = Partial<Record<CaseField, string>>

/** The data-test of the element of each field (the same on both forms). */
export const FIELD_TEST: Record<CaseField, string> = {
  case_type: 'pc-type',
  gas_category: 'pc-category',
  region_code: 'pc-region',
  township: 'pc-township',
  enterprise_id: 'pc-enterprise',
  place: 'pc-place',
  location: 'pc-location',
  user_account: 'pc-account',
  description: 'pc-description',
  photos: 'pc-photos',
  anonymous: 'pc-anonymous',
  contact_name: 'pc-name',
  contact_phone: 'pc-phone',
  challenge_answer: 'pc-challenge-answer',
}

/** Characters as the server counts them (code points, not UTF-16 units). */
export const charCount = (s: string): number => [...s].length

/** An anonymous report: only a report may be anonymous. */
export const isAnonymous = (f: Pick<CaseForm, 'case_type' | 'anonymous'>): boolean => f.case_type === 'report' && f.anonymous

/** Name and phone are required, except for an anonymous report. */
export const contactRequired = (f: Pick<CaseForm, 'case_type' | 'anonymous'>): boolean => !isAnonymous(f)

export const PHONE_INVALID = '请填写正确的手机号码或固定电话（固定电话请加区号）'

/** The mistakes of a form before it is sent, by field (empty: fine). */
export function validateCaseForm(f: CaseForm): CaseErrors {
  const e: CaseErrors = {}
  if (!f.case_type) e.case_type = '请选择诉求类型'
  if (!f.gas_category) e.gas_category = '请选择燃气类别'
  if (!f.region_code) e.region_code = '请选择所在区县'
  if (charCount(f.township.trim()) > TOWNSHIP_MAX) e.township = `乡镇（街道）不能超过${TOWNSHIP_MAX}字`
  const place = f.place.trim()
  if (!place) e.place = '请填写事发地址'
  else if (charCount(place) > PLACE_MAX) e.place = `事发地址不能超过${PLACE_MAX}字`
  if (charCount(f.user_account.trim()) > ACCOUNT_MAX) e.user_account = `燃气用户号不能超过${ACCOUNT_MAX}字`
  const description = f.description.trim()
  if (!description) e.description = '请填写具体内容'
  else if (charCount(description) > DESCRIPTION_MAX) e.description = `具体内容不能超过${DESCRIPTION_MAX}字`
  const anonymous = isAnonymous(f)
  const name = f.contact_name.trim()
  if (!anonymous && !name) e.contact_name = '请填写联系人姓名'
  else if (!anonymous && charCount(name) > NAME_MAX) e.contact_name = `姓名不能超过${NAME_MAX}字`
  const phone = f.contact_phone.trim()
  if (!phone) {
    if (!anonymous) e.contact_phone = '请填写联系电话'
  } else if (!isValidPhone(phone)) {
    e.contact_phone = PHONE_INVALID
  }
  const answer = f.challenge_answer.trim()
  if (!answer) e.challenge_answer = '请回答验证题'
  else if (!/^[0-9]+$/.test(answer)) e.challenge_answer = '请填写数字'
  return e
}

const opt = (s: string): string | undefined => s.trim() || undefined

/**
 * The JSON of the part `case`. Empty optional texts are left out; an anonymous report carries no
 * name (the phone, if given, only for tracking); `anonymous` is false for anything but a report.
 */
export function buildCaseInput(f: CaseForm, challengeToken: string): CaseInput {
  if (!f.case_type || !f.gas_category) throw new Error('case_type and gas_category are required')
  const anonymous = isAnonymous(f)
  return {
    case_type: f.case_type,
    gas_category: f.gas_category,
    region_code: f.region_code,
    township: opt(f.township),
    enterprise_id: f.enterprise_id ?? undefined,
    place: f.place.trim(),
    lng: f.lng ?? undefined,
    lat: f.lat ?? undefined,
    user_account: opt(f.user_account),
    description: f.description.trim(),
    contact_name: anonymous ? undefined : opt(f.contact_name),
    contact_phone: opt(f.contact_phone),
    anonymous,
    challenge_token: challengeToken,
    challenge_answer: f.challenge_answer.trim(),
    website: f.website || undefined,
  }
}

export interface PhotoPart {
  blob: Blob
  name: string
}

/** The multipart body of POST /public/cases: `case` (JSON text) and one `photos` part per photo. */
export function buildCaseFormData(input: CaseInput, photos: readonly PhotoPart[]): FormData {
  const fd = new FormData()
  fd.append('case', JSON.stringify(input))
  for (const p of photos) fd.append('photos', p.blob, p.name)
  return fd
}

/** Why a (prepared) photo cannot go, or null. */
export function photoProblem(p: { type: string; size: number }): string | null {
  if (!PHOTO_TYPES.includes(p.type)) return '仅支持JPG、PNG、WebP格式的照片'
  if (p.size > PHOTO_MAX_BYTES) return '单张照片不能超过10MB'
  return null
}

/** Server fields that the form shows under another one. */
const FIELD_ALIAS: Record<string, CaseField> = {
  challenge_token: 'challenge_answer',
  lng: 'location',
  lat: 'location',
}

/** `photos[2]`, `contact.phone` → the field of the form they concern. */
function baseField(field: string): string {
  const f = field.replace(/\[.*$/, '').split('.')[0] ?? field
  return FIELD_ALIAS[f] ?? f
}

/**
 * A refused submit: the reasons to show beside their fields, and a message for the rest (null when
 * everything found a field). 413 and 415 concern the photos; 429 is "too often".
 */
export function caseSubmitErrors(err: unknown): { fields: CaseErrors; message: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, message: errorMessage(err) }
  if (err.status === 429) return { fields: {}, message: TOO_MANY_MESSAGE }
  if (err.status === 413) {
    const generic = err.detail === messageForStatus(413)
    return { fields: { photos: generic ? '照片过大：每张不超过10MB，最多4张' : err.detail }, message: null }
  }
  if (err.status === 415) {
    const generic = err.detail === messageForStatus(415)
    return { fields: { photos: generic ? '仅支持JPG、PNG、WebP格式的照片' : err.detail }, message: null }
  }
  if (err.errors.length === 0) return { fields: {}, message: err.detail }
  const fields: CaseErrors = {}
  const rest: string[] = []
  for (const e of err.errors) {
    const f = baseField(e.field) as CaseField
    if ((CASE_FIELDS as readonly string[]).includes(f)) fields[f] = fields[f] ? `${fields[f]}；${e.reason}` : e.reason
    else rest.push(e.reason)
  }
  return { fields, message: rest.length ? rest.join('；') : null }
}

/** The first field with an error, in the order of the form. */
export function firstErrorField(errors: CaseErrors): CaseField | null {
  return CASE_FIELDS.find((f) => !!errors[f]) ?? null
}

/** The warning at the top of both forms: emergencies are not for this form. */
export const EMERGENCY_TITLE = '紧急情况请勿使用本表单'
export const EMERGENCY_TEXT =
  '如闻到燃气异味、发现燃气泄漏等紧急情况，请在确保安全的前提下关闭燃气阀门、开窗通风，切勿开关电器或使用明火，' +
  '立即到室外安全处拨打 119 或燃气企业抢修电话。本表单仅受理非紧急事项。'
