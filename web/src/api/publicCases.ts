// 服务监督 (article 6) as the public sees it: the calls of /api/v1/public — file a complaint,
// report, service request or suggestion without logging in, track it with the tracking number and
// the phone given, rate the answer.
//
// These pages are open to anyone, logged in or not: they use a client of their own that sends no
// CSRF token (the server asks none on /public) and never treats an answer as "session gone".

import { createClient } from './http'

export type CaseType = 'complaint' | 'report' | 'service_request' | 'suggestion'
export type GasCategory = 'pipeline_gas' | 'lpg' | 'vehicle_gas' | 'other'
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied'

/** The anti-bot question of the public forms (usable once, for 15 minutes). */
export interface Challenge {
  /** e.g. "3 加 5 等于几？" */
  question: string
  token: string
}

/** A county of 上饶市. */
export interface PublicRegion {
  code: string
  name: string
}

/** A gas enterprise of a county. */
export interface PublicEnterprise {
  id: number
  name: string
}

/** The part `case` of POST /public/cases (a JSON string); photos go in parts `photos`. */
export interface CaseInput {
  case_type: CaseType
  gas_category: GasCategory
  region_code: string
  township?: string
  enterprise_id?: number
  place: string
  lng?: number
  lat?: number
  user_account?: string
  description: string
  contact_name?: string
  contact_phone?: string
  /** Reports (举报) only. */
  anonymous: boolean
  challenge_token: string
  challenge_answer: string
  /** The honeypot: must stay empty. */
  website?: string
}

export interface FiledCase {
  tracking_no: string
  /** RFC 3339 UTC */
  received_at: string
  /** What happens next. */
  message: string
}

export interface TrackInput {
  tracking_no: string
  phone: string
}

export interface TrackedStep {
  /** RFC 3339 UTC */
  at: string
  title: string
  note: string | null
}

export interface TrackedCase {
  tracking_no: string
  case_type_name: string
  state: string
  state_name: string
  received_at: string
  steps: TrackedStep[]
  answer: string | null
  can_rate: boolean
  satisfaction_name: string | null
}

export interface PublicRating extends TrackInput {
  satisfaction: Satisfaction
  comment?: string
}

const client = createClient({
  fetch: (input, init) => window.fetch(input, init),
  getCsrfToken: () => null,
  onUnauthenticated: () => {},
})

export const publicCaseApi = {
  challenge: () => client.get<Challenge>('/public/challenge'),
  regions: () => client.get<PublicRegion[]>('/public/regions'),
  enterprises: (region_code: string) => client.get<PublicEnterprise[]>('/public/enterprises', { region_code }),
  /** The multipart body of `buildCaseFormData`. */
  file: (form: FormData) => client.upload<FiledCase>('/public/cases', form),
  track: (body: TrackInput) => client.post<TrackedCase>('/public/cases/track', body),
  rate: (body: PublicRating) => client.post<TrackedCase>('/public/cases/rate', body),
}
