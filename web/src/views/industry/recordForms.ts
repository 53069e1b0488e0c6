// The record forms of the asset ledgers for RecordFormDialog: the fields of each type and how a
// stored record is read back into its form (the detail, plus the codes the detail gives by id).

import { industryApi } from '@/api'
import type { EnterpriseOption } from '@/api/types'
import type { RecordFormSpec } from '@/utils/recordForm'
import {
  COMMUNITY_FIELDS,
  GAS_USER_FIELDS,
  SEGMENT_FIELDS,
  STATION_FIELDS,
  communityValues,
  gasUserValues,
  segmentValues,
  stationValues,
  type FormRecordType,
} from './recordFields'

async function enterpriseOption(id: number): Promise<EnterpriseOption> {
  const e = await industryApi.enterprise(id)
  return { id: e.id, code: e.code, name: e.name, region_name: e.region_name }
}

export const RECORD_FORMS: Record<FormRecordType, RecordFormSpec> = {
  'pipeline-segments': {
    type: 'pipeline-segments',
    noun: '管段',
    fields: SEGMENT_FIELDS,
    testId: 'segment-form-dialog',
    load: async (id) => {
      const s = await industryApi.pipelineSegment(id)
      return { ...segmentValues(s), enterprise: { id: s.enterprise_id, code: s.enterprise_code, name: s.enterprise_name } }
    },
  },
  stations: {
    type: 'stations',
    noun: '厂站设施',
    fields: STATION_FIELDS,
    testId: 'station-form-dialog',
    load: async (id) => {
      const s = await industryApi.station(id)
      return { ...stationValues(s), enterprise: { id: s.enterprise_id, code: s.enterprise_code, name: s.enterprise_name } }
    },
  },
  communities: {
    type: 'communities',
    noun: '居民小区',
    fields: COMMUNITY_FIELDS,
    testId: 'community-form-dialog',
    load: async (id) => {
      const c = await industryApi.community(id)
      const enterprise = await enterpriseOption(c.enterprise_id)
      return { ...communityValues(c, enterprise.code), enterprise }
    },
  },
  'gas-users': {
    type: 'gas-users',
    noun: '燃气用户',
    fields: GAS_USER_FIELDS,
    testId: 'gas-user-form-dialog',
    load: async (id) => {
      const u = await industryApi.gasUser(id)
      const [enterprise, c] = await Promise.all([enterpriseOption(u.enterprise_id), industryApi.community(u.community_id)])
      return {
        ...gasUserValues(u, enterprise.code, c.code),
        enterprise,
        community: { id: c.id, code: c.code, name: c.name },
      }
    },
  },
}
