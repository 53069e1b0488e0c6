// The fields of a pipeline segment and of a station as the ledgers show them, with their Chinese
// labels: one list for the drawers and the map's side panel.

import type { PipelineSegment, Station } from '@/api/types'
import { formatDateTime } from './datetime'
import { dash, formatCapacity, formatCoord, formatDepth, formatDn, formatMetres } from './format'
import { segmentStatusLabel, stationStatusLabel } from './labels'

export interface Field {
  /** Stable key, also the `data-test` suffix. */
  key: string
  label: string
  value: string
}

/** The first and last position of a line, "lng, lat". */
function endPoint(seg: PipelineSegment, last: boolean): string {
  const c = seg.geometry?.coordinates
  if (!c || c.length === 0) return dash(null)
  const p = last ? c[c.length - 1] : c[0]
  return `${formatCoord(p[0])}, ${formatCoord(p[1])}`
}

export function segmentFields(seg: PipelineSegment): Field[] {
  return [
    { key: 'code', label: '管段编号', value: seg.code },
    { key: 'name', label: '名称', value: dash(seg.name) },
    { key: 'pressure-class', label: '压力级制', value: seg.pressure_class_name },
    { key: 'material', label: '管材', value: seg.material_name },
    { key: 'diameter', label: '公称直径', value: formatDn(seg.nominal_diameter) },
    { key: 'year', label: '建设年份', value: dash(seg.construction_year) },
    { key: 'depth', label: '埋深(m)', value: formatDepth(seg.burial_depth) },
    { key: 'length', label: '长度(m)', value: formatMetres(seg.length_m) },
    { key: 'status', label: '状态', value: segmentStatusLabel(seg.status) || dash(seg.status) },
    { key: 'enterprise', label: '权属企业', value: seg.enterprise_name },
    { key: 'region', label: '所属区划', value: seg.region_name },
  ]
}

export function segmentLocationFields(seg: PipelineSegment): Field[] {
  return [
    { key: 'start', label: '起点坐标', value: endPoint(seg, false) },
    { key: 'end', label: '终点坐标', value: endPoint(seg, true) },
    { key: 'vertices', label: '节点数', value: String(seg.geometry?.coordinates?.length ?? 0) },
  ]
}

export function stationFields(st: Station): Field[] {
  return [
    { key: 'code', label: '设施编号', value: st.code },
    { key: 'name', label: '名称', value: st.name },
    { key: 'kind', label: '类型', value: st.kind_name },
    { key: 'capacity', label: '设计规模', value: formatCapacity(st.capacity, st.capacity_unit) },
    { key: 'commissioned', label: '投运日期', value: dash(st.commissioned_on) },
    { key: 'major-hazard', label: '重大危险源', value: st.major_hazard ? '是' : '否' },
    { key: 'status', label: '状态', value: stationStatusLabel(st.status) || dash(st.status) },
    { key: 'enterprise', label: '权属企业', value: st.enterprise_name },
    { key: 'region', label: '所属区划', value: st.region_name },
  ]
}

export function stationLocationFields(st: Station): Field[] {
  return [
    { key: 'lng', label: '经度', value: formatCoord(st.lng) },
    { key: 'lat', label: '纬度', value: formatCoord(st.lat) },
    { key: 'address', label: '地址', value: dash(st.address) },
  ]
}

export function recordFields(r: { created_at: string; updated_at: string }): Field[] {
  return [
    { key: 'created', label: '创建时间', value: formatDateTime(r.created_at) },
    { key: 'updated', label: '更新时间', value: formatDateTime(r.updated_at) },
  ]
}
