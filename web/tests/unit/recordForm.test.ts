import { describe, expect, it } from 'vitest'
import type { GasUser, ImportRowError, PipelineSegment, Station } from '@/api/types'
import { auditActionLabel, auditTargetTypeLabel } from '@/utils/labels'
import {
  batchOutcome,
  emptyValues,
  fieldText,
  formatLineString,
  reportErrors,
  requiredErrors,
  toRecord,
  type RecordField,
} from '@/utils/recordForm'
import {
  COMMUNITY_FIELDS,
  GAS_USER_FIELDS,
  SEGMENT_FIELDS,
  STATION_FIELDS,
  communityValues,
  gasUserValues,
  segmentValues,
  stationValues,
} from '@/views/industry/recordFields'

const ENT = '91361102MA35ABCDE5'
const keys = (fields: readonly RecordField[]) => fields.map((f) => f.key)

describe('record form: the field lists follow the data standard', () => {
  it('names the fields and marks the required ones as the schemas do', () => {
    const required = (fields: readonly RecordField[]) => fields.filter((f) => f.required).map((f) => f.key).sort()
    expect(required(SEGMENT_FIELDS)).toEqual(['code', 'enterprise_code', 'geometry', 'material', 'pressure_class'])
    expect(required(STATION_FIELDS)).toEqual(['code', 'enterprise_code', 'kind', 'lat', 'lng', 'name'])
    expect(required(COMMUNITY_FIELDS)).toEqual(['code', 'enterprise_code', 'name'])
    expect(required(GAS_USER_FIELDS)).toEqual(['account_no', 'category', 'community_code', 'enterprise_code', 'holder_name'])
    expect(keys(GAS_USER_FIELDS)).toEqual([
      'enterprise_code',
      'account_no',
      'category',
      'holder_name',
      'community_code',
      'address',
      'phone',
      'gas_type',
      'leak_alarm',
      'auto_shutoff_valve',
      'self_closing_valve',
      'metal_hose',
      'flame_failure_cooker',
      'status',
    ])
    // One code field each: read-only when editing.
    for (const fields of [SEGMENT_FIELDS, STATION_FIELDS, COMMUNITY_FIELDS, GAS_USER_FIELDS]) {
      expect(fields.filter((f) => f.code)).toHaveLength(1)
    }
  })

  it('starts a new record with the defaults of the template', () => {
    expect(emptyValues(COMMUNITY_FIELDS)).toEqual({
      enterprise_code: '',
      code: '',
      name: '',
      kind: 'community',
      township: '',
      region_code: '',
      address: '',
      lng: null,
      lat: null,
    })
    const user = emptyValues(GAS_USER_FIELDS)
    expect(user.gas_type).toBe('pipeline_ng')
    expect(user.status).toBe('active')
    expect(user.leak_alarm).toBe(false)
    expect(emptyValues(STATION_FIELDS).major_hazard).toBe(false)
    expect(emptyValues(SEGMENT_FIELDS).status).toBe('in_service')
  })
})

describe('record form: values → the batch record', () => {
  it('sends text, numbers as text, choices by their Chinese names, and leaves empty fields out', () => {
    const values = {
      ...emptyValues(COMMUNITY_FIELDS),
      enterprise_code: ENT,
      code: ' XZ-C-0099 ',
      name: '凤凰花园',
      lng: 117.9602,
      lat: 28.4531,
    }
    expect(toRecord(COMMUNITY_FIELDS, values)).toEqual({
      enterprise_code: ENT,
      code: 'XZ-C-0099',
      name: '凤凰花园',
      kind: '小区',
      lng: '117.9602',
      lat: '28.4531',
    })
  })

  it('keeps a bad number as typed: the server says why', () => {
    const values = { ...emptyValues(COMMUNITY_FIELDS), enterprise_code: ENT, code: 'C1', name: 'x', lng: 200, lat: 28.45 }
    expect(toRecord(COMMUNITY_FIELDS, values)).toMatchObject({ lng: '200', lat: '28.45' })
  })

  it('sends 是/否, dates and the station kind as the template writes them', () => {
    const values = {
      ...emptyValues(STATION_FIELDS),
      enterprise_code: ENT,
      code: 'ST-1',
      name: '信州门站',
      kind: 'gate_station',
      lng: 117.94,
      lat: 28.45,
      commissioned_on: '2015-06-01',
      major_hazard: true,
      capacity: 0,
    }
    expect(toRecord(STATION_FIELDS, values)).toEqual({
      enterprise_code: ENT,
      code: 'ST-1',
      name: '信州门站',
      kind: '门站',
      lng: '117.94',
      lat: '28.45',
      capacity: '0',
      commissioned_on: '2015-06-01',
      major_hazard: '是',
      status: '在用',
    })
    expect(toRecord(STATION_FIELDS, { ...values, major_hazard: false }).major_hazard).toBe('否')
  })

  it('sends the geometry as a GeoJSON object, or as its text when it does not parse', () => {
    const base = { ...emptyValues(SEGMENT_FIELDS), enterprise_code: ENT, code: 'P-1', pressure_class: 'medium_a', material: 'pe' }
    const text = '{"type":"LineString","coordinates":[[117.94,28.45],[117.95,28.46]]}'
    expect(toRecord(SEGMENT_FIELDS, { ...base, geometry: text })).toEqual({
      enterprise_code: ENT,
      code: 'P-1',
      pressure_class: '中压A',
      material: '聚乙烯（PE）管',
      status: '在用',
      geometry: { type: 'LineString', coordinates: [[117.94, 28.45], [117.95, 28.46]] },
    })
    expect(toRecord(SEGMENT_FIELDS, { ...base, geometry: '[[117.94, 28.45]' }).geometry).toBe('[[117.94, 28.45]')
  })

  it('shows an unknown choice as it is', () => {
    const f: RecordField = { key: 'k', label: 'K', kind: 'select', options: [{ value: 'a', label: '甲' }] }
    expect(fieldText(f, 'a')).toBe('甲')
    expect(fieldText(f, '乙')).toBe('乙')
    expect(fieldText(f, '')).toBeNull()
  })

  it('names the required fields left empty as the server does', () => {
    expect(requiredErrors(COMMUNITY_FIELDS, { ...emptyValues(COMMUNITY_FIELDS), code: '  ' })).toEqual({
      enterprise_code: '供气企业不能为空',
      code: '小区编号不能为空',
      name: '小区（村）名称不能为空',
    })
    expect(requiredErrors(STATION_FIELDS, { ...emptyValues(STATION_FIELDS), lng: 0 }).lng).toBeUndefined()
  })
})

const SEGMENT: PipelineSegment = {
  id: 3,
  enterprise_id: 1,
  enterprise_code: ENT,
  enterprise_name: '上饶市信州燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  code: 'P-3',
  name: null,
  pressure_class: 'low',
  pressure_class_name: '低压',
  material: 'steel',
  material_name: '钢管',
  nominal_diameter: 200,
  construction_year: 2015,
  burial_depth: 1.2,
  length_m: 1000,
  geometry: { type: 'LineString', coordinates: [[117.94, 28.45], [117.95, 28.46], [117.96, 28.47]] },
  status: 'in_service',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

describe('record form: a stored record → the form → the same record', () => {
  it('pretty-prints the geometry one point a line, and it reads back the same', () => {
    const text = formatLineString(SEGMENT.geometry)
    expect(text.split('\n')).toEqual([
      '{',
      '  "type": "LineString",',
      '  "coordinates": [',
      '    [117.94, 28.45],',
      '    [117.95, 28.46],',
      '    [117.96, 28.47]',
      '  ]',
      '}',
    ])
    expect(JSON.parse(text)).toEqual(SEGMENT.geometry)
    expect(formatLineString(null)).toBe('')
  })

  it('sends a segment back as the template has it', () => {
    expect(toRecord(SEGMENT_FIELDS, segmentValues(SEGMENT).values)).toEqual({
      enterprise_code: ENT,
      code: 'P-3',
      pressure_class: '低压',
      material: '钢管',
      nominal_diameter: '200',
      construction_year: '2015',
      burial_depth: '1.2',
      region_code: '361102',
      status: '在用',
      geometry: SEGMENT.geometry,
    })
  })

  it('sends a station back with its flags and dates', () => {
    const station: Station = {
      id: 4,
      enterprise_id: 1,
      enterprise_code: ENT,
      enterprise_name: 'x',
      region_code: '361102',
      region_name: '信州区',
      code: 'ST-4',
      name: '调压箱4号',
      kind: 'regulator_box',
      kind_name: '调压箱（柜）',
      lng: 118.04,
      lat: 28.44,
      address: null,
      capacity: 200,
      capacity_unit: 'm³/h',
      commissioned_on: '2006-04-18',
      major_hazard: false,
      status: 'out_of_service',
      created_at: '',
      updated_at: '',
    }
    expect(toRecord(STATION_FIELDS, stationValues(station).values)).toEqual({
      enterprise_code: ENT,
      code: 'ST-4',
      name: '调压箱4号',
      kind: '调压箱（柜）',
      region_code: '361102',
      lng: '118.04',
      lat: '28.44',
      capacity: '200',
      capacity_unit: 'm³/h',
      commissioned_on: '2006-04-18',
      major_hazard: '否',
      status: '停用',
    })
  })

  it('sends a community back with the credit code looked up', () => {
    const values = communityValues(
      {
        id: 9,
        enterprise_id: 1,
        enterprise_name: 'x',
        region_code: '361102',
        region_name: '信州区',
        code: 'C-9',
        name: '滨江村',
        kind: 'village',
        kind_name: '村',
        township: '沙溪镇',
        lng: null,
        lat: null,
        address: null,
        updated_at: '',
      },
      ENT,
    ).values
    expect(toRecord(COMMUNITY_FIELDS, values)).toEqual({
      enterprise_code: ENT,
      code: 'C-9',
      name: '滨江村',
      kind: '村',
      township: '沙溪镇',
      region_code: '361102',
    })
  })

  const USER: GasUser = {
    id: 5,
    enterprise_id: 1,
    enterprise_name: 'x',
    community_id: 9,
    community_name: '滨江村',
    region_code: '361102',
    region_name: '信州区',
    township: null,
    account_no: 'U-5',
    category: 'household',
    category_name: '居民',
    holder_name: '王**',
    address_masked: '滨江村3组****',
    phone_masked: '139****0001',
    gas_type: 'pipeline_ng',
    gas_type_name: '管道天然气',
    leak_alarm: true,
    auto_shutoff_valve: false,
    self_closing_valve: true,
    metal_hose: false,
    flame_failure_cooker: true,
    status: 'active',
    updated_at: '',
  }

  it('leaves masked values of a gas user empty and sends them only when typed', () => {
    const { values, masked } = gasUserValues(USER, ENT, 'C-9')
    expect(masked).toEqual({ address: '滨江村3组****', phone: '139****0001', holder_name: '王**' })
    expect(values.holder_name).toBe('')
    expect(values.address).toBe('')
    const record = toRecord(GAS_USER_FIELDS, { ...values, holder_name: '王小明' })
    expect(record).toEqual({
      enterprise_code: ENT,
      account_no: 'U-5',
      category: '居民',
      holder_name: '王小明',
      community_code: 'C-9',
      gas_type: '管道天然气',
      leak_alarm: '是',
      auto_shutoff_valve: '否',
      self_closing_valve: '是',
      metal_hose: '否',
      flame_failure_cooker: '是',
      status: '正常',
    })
    expect('address' in record || 'phone' in record).toBe(false)
    expect(toRecord(GAS_USER_FIELDS, { ...values, phone: '13907930001' }).phone).toBe('13907930001')
    // A name the household's masking left out must be typed again.
    expect(requiredErrors(GAS_USER_FIELDS, values).holder_name).toBe('户名不能为空')
  })

  it('keeps the name of a non-household user (not masked)', () => {
    const { values, masked } = gasUserValues(
      { ...USER, category: 'catering', holder_name: '翠苑饭店', address_masked: null, phone_masked: null },
      ENT,
      'C-9',
    )
    expect(values.holder_name).toBe('翠苑饭店')
    expect(masked).toEqual({})
  })
})

describe('record form: the ImportReport of one record', () => {
  const err = (field: string, column: string, reason: string): ImportRowError => ({ row: 1, field, column, reason })

  it('puts each reason under its field and the rest in one message', () => {
    const errors = [
      err('lng', '经度', '经度应在-180至180之间'),
      err('lng', '经度', '经度和纬度须同时填写'),
      err('lng', '经度', '经度应在-180至180之间'),
      err('region_code', '所属区划', '所属区划和坐标不能都为空'),
      err('record', 'record', '记录格式错误：invalid type'),
      err('community_code', '小区编号', '不存在'),
    ]
    expect(reportErrors(errors, keys(COMMUNITY_FIELDS))).toEqual({
      fields: { lng: '经度应在-180至180之间；经度和纬度须同时填写', region_code: '所属区划和坐标不能都为空' },
      message: '记录格式错误：invalid type；小区编号：不存在',
    })
    expect(reportErrors([err('code', '小区编号', '与第1行的小区编号重复')], keys(COMMUNITY_FIELDS))).toEqual({
      fields: { code: '与第1行的小区编号重复' },
      message: null,
    })
    // A field the form does not show: its column names it, unless the reason already does.
    expect(reportErrors([err('township', '乡镇（街道）', '乡镇（街道）不能超过50个字')], ['code']).message).toBe(
      '乡镇（街道）不能超过50个字',
    )
  })

  it('tells a refused record from a written and an unchanged one', () => {
    expect(batchOutcome({ inserted: 0, updated: 0, errors: [err('lng', '经度', 'x')] })).toBe('invalid')
    expect(batchOutcome({ inserted: 1, updated: 0, errors: [] })).toBe('saved')
    expect(batchOutcome({ inserted: 0, updated: 1, errors: [] })).toBe('saved')
    expect(batchOutcome({ inserted: 0, updated: 0, errors: [] })).toBe('unchanged')
  })
})

describe('audit log names of the new actions', () => {
  it('names ledger exports, scrapping and training records', () => {
    // The server names what it knows; the others are "其他操作" there.
    expect(auditActionLabel('ledger.export', '其他操作')).toBe('导出台账')
    expect(auditActionLabel('cylinder.scrap', '其他操作')).toBe('钢瓶报废')
    expect(auditActionLabel('practitioner.training', '其他操作')).toBe('登记培训考核记录')
    expect(auditActionLabel('cylinder.filling_refused')).toBe('拒绝充装（违规）')
    expect(auditActionLabel('enterprise.create', '新增企业')).toBe('新增企业')
    expect(auditTargetTypeLabel('gas-users')).toBe('燃气用户台账')
    expect(auditTargetTypeLabel('pipeline-segments')).toBe('燃气管网台账')
    expect(auditTargetTypeLabel('pipeline_segment')).toBe('管段')
  })
})
