// The record forms of the asset ledgers (管段, 厂站设施, 居民小区, 燃气用户): their fields, named and
// required as in docs/data-standard/<type>.schema.json, and a stored record as form values.

import type { Community, GasUser, PipelineSegment, Station } from '@/api/types'
import {
  COMMUNITY_KINDS,
  GAS_TYPES,
  GAS_USER_CATEGORIES,
  GAS_USER_STATUSES,
  PIPE_MATERIALS,
  PRESSURE_CLASSES,
  SAFETY_DEVICES,
  SEGMENT_STATUSES,
  STATION_KINDS,
  STATION_STATUSES,
} from '@/utils/labels'
import { formatLineString, type MaskedValues, type RecordField, type StoredValues } from '@/utils/recordForm'

/** The record types with a form (their JSON batch is `POST /industry/<type>/batch`). */
export type FormRecordType = 'pipeline-segments' | 'stations' | 'communities' | 'gas-users'

export const LINESTRING_EXAMPLE = '{"type":"LineString","coordinates":[[117.94,28.45],[117.95,28.46]]}'

const lng = (required: boolean): RecordField => ({
  key: 'lng',
  label: '经度',
  kind: 'number',
  required,
  placeholder: '如 117.9431',
})
const lat = (required: boolean): RecordField => ({
  key: 'lat',
  label: '纬度',
  kind: 'number',
  required,
  placeholder: '如 28.4552',
})

export const SEGMENT_FIELDS: readonly RecordField[] = [
  { key: 'enterprise_code', label: '权属企业', kind: 'enterprise', required: true, wide: true },
  { key: 'code', label: '管段编号', kind: 'text', required: true, code: true, maxLength: 64, placeholder: '企业内唯一' },
  { key: 'name', label: '管段名称', kind: 'text', maxLength: 100 },
  { key: 'pressure_class', label: '压力级制', kind: 'select', required: true, options: PRESSURE_CLASSES },
  { key: 'material', label: '管材', kind: 'select', required: true, options: PIPE_MATERIALS },
  { key: 'nominal_diameter', label: '公称直径(DN)', kind: 'number', precision: 0, placeholder: '毫米，如 200' },
  { key: 'construction_year', label: '建设年份', kind: 'number', precision: 0, placeholder: '如 2015' },
  { key: 'burial_depth', label: '埋深(米)', kind: 'number', placeholder: '如 1.2' },
  { key: 'region_code', label: '所属区划', kind: 'region', placeholder: '不填时按几何起点确定' },
  { key: 'status', label: '状态', kind: 'radio', options: SEGMENT_STATUSES, default: 'in_service' },
  {
    key: 'geometry',
    label: '几何(GeoJSON)',
    kind: 'linestring',
    required: true,
    wide: true,
    rows: 6,
    placeholder: 'GeoJSON LineString，经纬度（CGCS2000）',
    hint: `例：${LINESTRING_EXAMPLE}`,
  },
]

export const STATION_FIELDS: readonly RecordField[] = [
  { key: 'enterprise_code', label: '权属企业', kind: 'enterprise', required: true, wide: true },
  { key: 'code', label: '设施编号', kind: 'text', required: true, code: true, maxLength: 64, placeholder: '企业内唯一' },
  { key: 'name', label: '设施名称', kind: 'text', required: true, maxLength: 100 },
  { key: 'kind', label: '设施类型', kind: 'select', required: true, options: STATION_KINDS },
  { key: 'region_code', label: '所属区划', kind: 'region', placeholder: '不填时按坐标确定' },
  lng(true),
  lat(true),
  { key: 'address', label: '地址', kind: 'text', wide: true, maxLength: 200 },
  { key: 'capacity', label: '设计规模', kind: 'number', placeholder: '数字' },
  { key: 'capacity_unit', label: '规模单位', kind: 'text', maxLength: 20, placeholder: '如 m³、万m³/日、吨' },
  { key: 'commissioned_on', label: '投运日期', kind: 'date' },
  { key: 'major_hazard', label: '重大危险源', kind: 'yesno' },
  { key: 'status', label: '状态', kind: 'radio', options: STATION_STATUSES, default: 'in_service' },
]

export const COMMUNITY_FIELDS: readonly RecordField[] = [
  { key: 'enterprise_code', label: '供气企业', kind: 'enterprise', required: true, wide: true },
  { key: 'code', label: '小区编号', kind: 'text', required: true, code: true, maxLength: 64, placeholder: '企业内唯一' },
  { key: 'name', label: '小区（村）名称', kind: 'text', required: true, maxLength: 100 },
  { key: 'kind', label: '类型', kind: 'radio', options: COMMUNITY_KINDS, default: 'community' },
  { key: 'township', label: '乡镇（街道）', kind: 'text', maxLength: 50 },
  { key: 'region_code', label: '所属区划', kind: 'region', placeholder: '不填时按坐标确定' },
  { key: 'address', label: '地址', kind: 'text', maxLength: 200 },
  lng(false),
  lat(false),
]

export const GAS_USER_FIELDS: readonly RecordField[] = [
  { key: 'enterprise_code', label: '供气企业', kind: 'enterprise', required: true, wide: true },
  { key: 'account_no', label: '用户户号', kind: 'text', required: true, code: true, maxLength: 64, placeholder: '企业内唯一' },
  { key: 'category', label: '用户类别', kind: 'select', required: true, options: GAS_USER_CATEGORIES },
  { key: 'holder_name', label: '户名', kind: 'text', required: true, maxLength: 100 },
  { key: 'community_code', label: '所属小区', kind: 'community', required: true },
  { key: 'address', label: '用气地址', kind: 'text', wide: true, maxLength: 200, hint: '加密存储，列表中脱敏显示' },
  { key: 'phone', label: '联系电话', kind: 'text', maxLength: 20, placeholder: '手机或 0793-8221234' },
  { key: 'gas_type', label: '气种', kind: 'select', options: GAS_TYPES, default: 'pipeline_ng' },
  ...SAFETY_DEVICES.map((d): RecordField => ({ key: d.value, label: d.label, kind: 'yesno' })),
  { key: 'status', label: '状态', kind: 'radio', options: GAS_USER_STATUSES, default: 'active' },
]

const text = (v: string | null | undefined): string => v ?? ''

export function segmentValues(s: PipelineSegment): StoredValues {
  return {
    values: {
      enterprise_code: s.enterprise_code,
      code: s.code,
      name: text(s.name),
      pressure_class: s.pressure_class,
      material: s.material,
      nominal_diameter: s.nominal_diameter,
      construction_year: s.construction_year,
      burial_depth: s.burial_depth,
      region_code: s.region_code,
      status: s.status,
      geometry: formatLineString(s.geometry),
    },
  }
}

export function stationValues(s: Station): StoredValues {
  return {
    values: {
      enterprise_code: s.enterprise_code,
      code: s.code,
      name: s.name,
      kind: s.kind,
      region_code: s.region_code,
      lng: s.lng,
      lat: s.lat,
      address: text(s.address),
      capacity: s.capacity,
      capacity_unit: text(s.capacity_unit),
      commissioned_on: text(s.commissioned_on),
      major_hazard: s.major_hazard,
      status: s.status,
    },
  }
}

/** A community (the API gives its enterprise by id: the caller looks the credit code up). */
export function communityValues(c: Community, enterpriseCode: string): StoredValues {
  return {
    values: {
      enterprise_code: enterpriseCode,
      code: c.code,
      name: c.name,
      kind: c.kind,
      township: text(c.township),
      region_code: c.region_code,
      address: text(c.address),
      lng: c.lng,
      lat: c.lat,
    },
  }
}

/** Whether the API masks the holder's name of a user (households: a person's name). */
export const holderNameMasked = (u: Pick<GasUser, 'category' | 'holder_name'>): boolean =>
  u.category === 'household' && u.holder_name.includes('*')

/**
 * A gas user. Address and phone are masked by the API, and so is a household's name: they start
 * empty (the masked text is shown beside them). The caller looks up the enterprise's credit code
 * and the community's code.
 */
export function gasUserValues(u: GasUser, enterpriseCode: string, communityCode: string): StoredValues {
  const masked: MaskedValues = {}
  if (u.address_masked) masked.address = u.address_masked
  if (u.phone_masked) masked.phone = u.phone_masked
  const nameMasked = holderNameMasked(u)
  if (nameMasked) masked.holder_name = u.holder_name
  return {
    values: {
      enterprise_code: enterpriseCode,
      account_no: u.account_no,
      category: u.category,
      holder_name: nameMasked ? '' : u.holder_name,
      community_code: communityCode,
      address: '',
      phone: '',
      gas_type: u.gas_type,
      leak_alarm: u.leak_alarm,
      auto_shutoff_valve: u.auto_shutoff_valve,
      self_closing_valve: u.self_closing_valve,
      metal_hose: u.metal_hose,
      flame_failure_cooker: u.flame_failure_cooker,
      status: u.status,
    },
    masked,
  }
}
