import { describe, expect, it } from 'vitest'
import type { PipelineSegment, Station } from '@/api/types'
import { recordFields, segmentFields, segmentLocationFields, stationFields, stationLocationFields } from '@/utils/assetFields'

const segment: PipelineSegment = {
  id: 1,
  enterprise_id: 1,
  enterprise_code: '91361102QATU8HCMDM',
  enterprise_name: '上饶市信州广源燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  code: 'QATU8H-00001',
  name: null,
  pressure_class: 'medium_a',
  pressure_class_name: '中压A',
  material: 'steel',
  material_name: '钢管',
  nominal_diameter: 160,
  construction_year: 2018,
  burial_depth: 0.9,
  length_m: 59.05,
  geometry: {
    type: 'LineString',
    coordinates: [
      [118.039262, 28.508375],
      [118.0391086, 28.5088903],
    ],
  },
  status: 'in_service',
  created_at: '2026-11-29T03:59:22Z',
  updated_at: '2026-11-29T03:59:22Z',
}

const station: Station = {
  id: 1,
  enterprise_id: 1,
  enterprise_code: '91361102QATU8HCMDM',
  enterprise_name: '上饶市信州广源燃气有限公司',
  region_code: '361102',
  region_name: '信州区',
  code: 'QATU8H-001',
  name: '信州广源门站1号',
  kind: 'gate_station',
  kind_name: '门站',
  lng: 118.0238573,
  lat: 28.5221833,
  address: null,
  capacity: 6,
  capacity_unit: '万m³/日',
  commissioned_on: '2007-01-13',
  major_hazard: true,
  status: 'out_of_service',
  created_at: '2026-11-29T03:59:23Z',
  updated_at: '2026-11-30T00:00:00Z',
}

const asMap = (fields: { label: string; value: string }[]) => Object.fromEntries(fields.map((f) => [f.label, f.value]))

describe('fields of a pipeline segment', () => {
  it('labels every ledger column in Chinese', () => {
    expect(asMap(segmentFields(segment))).toEqual({
      管段编号: 'QATU8H-00001',
      名称: '—',
      压力级制: '中压A',
      管材: '钢管',
      公称直径: 'DN160',
      建设年份: '2018',
      '埋深(m)': '0.9',
      '长度(m)': '59.1',
      状态: '在用',
      权属企业: '上饶市信州广源燃气有限公司',
      所属区划: '信州区',
    })
  })

  it('gives the ends of the line', () => {
    expect(asMap(segmentLocationFields(segment))).toEqual({
      起点坐标: '118.039262, 28.508375',
      终点坐标: '118.039109, 28.508890',
      节点数: '2',
    })
    const abandoned = { ...segment, status: 'abandoned' as const, nominal_diameter: null, burial_depth: null, construction_year: null }
    const f = asMap(segmentFields(abandoned))
    expect([f['状态'], f['公称直径'], f['埋深(m)'], f['建设年份']]).toEqual(['废弃', '—', '—', '—'])
  })
})

describe('fields of a station', () => {
  it('labels every ledger column in Chinese', () => {
    expect(asMap(stationFields(station))).toEqual({
      设施编号: 'QATU8H-001',
      名称: '信州广源门站1号',
      类型: '门站',
      设计规模: '6 万m³/日',
      投运日期: '2007-01-13',
      重大危险源: '是',
      状态: '停用',
      权属企业: '上饶市信州广源燃气有限公司',
      所属区划: '信州区',
    })
    expect(asMap(stationLocationFields(station))).toEqual({ 经度: '118.023857', 纬度: '28.522183', 地址: '—' })
    expect(asMap(stationFields({ ...station, major_hazard: false, capacity: null }))['重大危险源']).toBe('否')
  })

  it('shows record times in Shanghai', () => {
    expect(asMap(recordFields(station))).toEqual({ 创建时间: '2026-11-29 11:59:23', 更新时间: '2026-11-30 08:00:00' })
  })

  it('keys the fields uniquely (they are test ids)', () => {
    for (const list of [
      [...segmentFields(segment), ...segmentLocationFields(segment)],
      [...stationFields(station), ...stationLocationFields(station)],
    ]) {
      const keys = list.map((f) => f.key)
      expect(new Set(keys).size).toBe(keys.length)
    }
  })
})
