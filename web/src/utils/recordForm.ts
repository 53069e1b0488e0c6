// A record form of the data standard: a list of fields (named as in docs/data-standard/<type>.schema.json)
// that becomes ONE record of the type's JSON batch (`POST …/<type>/batch` with `[record]`), and the
// server's ImportReport turned back into errors beside the fields. Pure: the dialog
// (components/RecordFormDialog.vue) renders the fields, the views give the lists.

import type { IndustryRecordType } from '@/api'
import type { CommunityOption, EnterpriseOption, ImportResult, ImportRowError } from '@/api/types'
import type { Option } from './labels'

export type RecordFieldKind =
  /** One line of text. */
  | 'text'
  /** Several lines of text. */
  | 'textarea'
  /** A number (sent as its text). */
  | 'number'
  /** One of `options` (sent as the option's Chinese name, as the import template writes it). */
  | 'select'
  /** The same as a row of radio buttons (few options). */
  | 'radio'
  /** 是 / 否 (sent as 是 or 否). */
  | 'yesno'
  /** YYYY-MM-DD. */
  | 'date'
  /** The enterprise, by its unified social credit code (EnterpriseSelect; fixed for an enterprise account). */
  | 'enterprise'
  /** A county of the city (code), optional: the server finds it from the coordinates when left out. */
  | 'region'
  /** A community of the form's enterprise, by its code (gas users). */
  | 'community'
  /** A GeoJSON LineString typed as text (sent as the object when it parses, else as the text). */
  | 'linestring'

export interface RecordField {
  /** The field name of the data standard. */
  key: string
  /** The label (the template's Chinese header, shortened where the form makes it clear). */
  label: string
  kind: RecordFieldKind
  required?: boolean
  /** The record's code (upsert key): read-only when editing. */
  code?: boolean
  /** select / radio. */
  options?: readonly Option<string>[]
  /** The value of a new record. */
  default?: FieldValue
  placeholder?: string
  /** A line of help under the field. */
  hint?: string
  maxLength?: number
  /** number: decimal places allowed (0 for whole numbers). */
  precision?: number
  /** The whole width of the form (else half of it on a wide screen). */
  wide?: boolean
  /** textarea / linestring: visible lines. */
  rows?: number
}

export type FieldValue = string | number | boolean | null | undefined
export type FormValues = Record<string, FieldValue>

/**
 * Fields whose stored value the API shows only masked (a gas user's address and phone): the
 * masked text by field. When editing, they start empty and are sent only when typed.
 */
export type MaskedValues = Record<string, string>

/** A stored record as form values, and the fields the API shows only masked. */
export interface StoredValues {
  values: FormValues
  masked?: MaskedValues
}

/** A stored record read for editing, with what its selects show at once. */
export interface LoadedRecord extends StoredValues {
  enterprise: EnterpriseOption | null
  community?: CommunityOption | null
}

/** One record type's form: what RecordFormDialog needs. */
export interface RecordFormSpec {
  /** The batch is `POST /industry/<type>/batch`. */
  type: IndustryRecordType
  /** What one record is called: 新增管段, 编辑管段. */
  noun: string
  fields: readonly RecordField[]
  /** The stored record `id` as form values. */
  load: (id: number) => Promise<LoadedRecord>
  /** data-test of the dialog. */
  testId: string
}

/** The values of a new record: each field's default, else empty. */
export function emptyValues(fields: readonly RecordField[]): FormValues {
  const out: FormValues = {}
  for (const f of fields) {
    if (f.default !== undefined) out[f.key] = f.default
    else if (f.kind === 'yesno') out[f.key] = false
    else if (f.kind === 'number') out[f.key] = null
    else out[f.key] = ''
  }
  return out
}

const isBlank = (v: FieldValue): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v))

/** The text a field is sent as; null when it is left empty. */
export function fieldText(field: RecordField, value: FieldValue): string | null {
  if (field.kind === 'yesno') return value === true || value === 'true' || value === '是' ? '是' : '否'
  if (isBlank(value)) return null
  const text = String(value).trim()
  if (field.kind === 'select' || field.kind === 'radio') {
    return field.options?.find((o) => o.value === text)?.label ?? text
  }
  return text
}

/** A GeoJSON text as the object it describes; the text itself when it is not JSON (the server says why). */
export function parseGeometry(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * The one record of the batch: each field as the data standard takes it (text; 是/否; choices by
 * their Chinese names; the geometry as GeoJSON), empty fields left out. A masked field left empty
 * when editing is thus not sent.
 */
export function toRecord(fields: readonly RecordField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const text = fieldText(f, values[f.key])
    if (text === null) continue
    out[f.key] = f.kind === 'linestring' ? parseGeometry(text) : text
  }
  return out
}

/** "X不能为空" for each required field left empty (as the server words it). */
export function requiredErrors(fields: readonly RecordField[], values: FormValues): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    if (f.required && f.kind !== 'yesno' && isBlank(values[f.key])) out[f.key] = `${f.label}不能为空`
  }
  return out
}

export interface ReportErrors {
  /** Reasons by field of the form ("；" between several). */
  fields: Record<string, string>
  /** The reasons for fields the form does not have (null when there are none). */
  message: string | null
}

/** The errors of an ImportReport: beside their fields, the rest in one message. */
export function reportErrors(errors: readonly ImportRowError[], formFields: readonly string[]): ReportErrors {
  const fields: Record<string, string> = {}
  const rest: string[] = []
  for (const e of errors) {
    const key = e.field ?? ''
    if (formFields.includes(key)) {
      if (!fields[key]?.split('；').includes(e.reason)) fields[key] = fields[key] ? `${fields[key]}；${e.reason}` : e.reason
    } else {
      const where = e.column && e.column !== key && !e.reason.includes(e.column) ? `${e.column}：` : ''
      rest.push(`${where}${e.reason}`)
    }
  }
  return { fields, message: rest.length ? rest.join('；') : null }
}

export type BatchOutcome = 'invalid' | 'saved' | 'unchanged'

/** What one record's batch did: refused (errors), written, or the same as stored. */
export function batchOutcome(report: Pick<ImportResult, 'inserted' | 'updated' | 'errors'>): BatchOutcome {
  if (report.errors.length > 0) return 'invalid'
  if (report.inserted + report.updated > 0) return 'saved'
  return 'unchanged'
}

/**
 * A LineString as indented GeoJSON with one point per line, for the form's text box:
 *   {
 *     "type": "LineString",
 *     "coordinates": [
 *       [117.94, 28.45],
 *       …
 */
export function formatLineString(geometry: { type: string; coordinates: readonly (readonly number[])[] } | null | undefined): string {
  if (!geometry || !Array.isArray(geometry.coordinates)) return ''
  const points = geometry.coordinates.map((c) => `    [${c.join(', ')}]`).join(',\n')
  return `{\n  "type": ${JSON.stringify(geometry.type)},\n  "coordinates": [\n${points}\n  ]\n}`
}
