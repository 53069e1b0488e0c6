import { describe, expect, it } from 'vitest'
import type { Cylinder, CylinderEvent, Filling } from '@/api/types'
import { cylinderWarnings, fillingCounts, fillingEvent, normaliseCylinderCode, traceEvents } from '@/utils/cylinder'

const filling = (over: Partial<Filling>): Filling => ({
  id: 1,
  cylinder_code: 'SR4U571P001',
  enterprise_name: '信州瑞丰燃气经营部',
  station_code: null,
  filled_at: '2026-10-20T05:02:06Z',
  net_weight_kg: 14.5,
  pre_check_ok: true,
  post_check_ok: true,
  filler_name: '徐师傅',
  refused: false,
  refusal_reason: null,
  ...over,
})

const event = (at: string, kind: CylinderEvent['kind'], detail: string | null = null): CylinderEvent => ({
  at,
  kind,
  kind_name: kind,
  enterprise_name: '信州瑞丰燃气经营部',
  place: null,
  operator: null,
  user_account: null,
  detail,
})

const cylinder = (over: Partial<Cylinder>): Cylinder => ({
  id: 1,
  enterprise_id: 2,
  enterprise_name: '信州瑞丰燃气经营部',
  region_code: '361102',
  region_name: '信州区',
  code: 'SR4U571P001',
  qr_code: '361102246397',
  spec: 'YSP-15',
  manufacturer: null,
  manufactured_on: '2020-02-19',
  registration_no: null,
  last_inspected_on: null,
  next_inspection_on: '2028-02-13',
  end_of_life: '2028-02-19',
  status: 'in_use',
  status_name: '在用',
  last_filled_at: null,
  ...over,
})

describe('cylinder codes typed or scanned', () => {
  it('drops the spaces, tabs and line ends a scanner may add, and upper-cases', () => {
    expect(normaliseCylinderCode('  sr4u571p001\r\n')).toBe('SR4U571P001')
    expect(normaliseCylinderCode('SR4U 571P001\t')).toBe('SR4U571P001')
    expect(normaliseCylinderCode('361102246397')).toBe('361102246397')
    expect(normaliseCylinderCode('   ')).toBe('')
  })
})

describe('the trace of a cylinder', () => {
  it('lists the events newest first, keeping the order of events of the same instant', () => {
    const events = [
      event('2026-07-21T05:09:06Z', 'filled', 'a'),
      event('2026-10-21T01:00:00Z', 'delivered'),
      event('2026-10-20T05:02:06Z', 'filled', 'b'),
      event('2026-10-21T01:00:00Z', 'at_user'),
    ]
    expect(traceEvents({ events, fillings: [] }).map((e) => e.kind + (e.detail ?? ''))).toEqual([
      'delivered',
      'at_user',
      'filledb',
      'filleda',
    ])
  })

  it('builds the steps from the fillings when the server sends no events', () => {
    const steps = traceEvents({
      fillings: [
        filling({ id: 1, filled_at: '2026-07-21T05:09:06Z' }),
        filling({ id: 2, filled_at: '2026-10-20T05:02:06Z', refused: true, refusal_reason: '钢瓶超期未检验，不得充装', station_code: 'ZC-01' }),
      ],
    })
    expect(steps.map((s) => s.kind)).toEqual(['refused', 'filled'])
    expect(steps[0]).toMatchObject({ kind_name: '拒绝充装', detail: '钢瓶超期未检验，不得充装', place: 'ZC-01', operator: '徐师傅' })
    expect(steps[1]).toMatchObject({ kind_name: '充装', detail: '净重14.5kg' })
    expect(fillingEvent(filling({ net_weight_kg: null })).detail).toBeNull()
  })

  it('shows an empty trace for a cylinder never filled', () => {
    expect(traceEvents({ events: [], fillings: [filling({})] })).toEqual([])
    expect(traceEvents({ fillings: [] })).toEqual([])
  })

  it('counts accepted and refused fillings', () => {
    const events = [event('2026-01-01T00:00:00Z', 'filled'), event('2026-01-02T00:00:00Z', 'refused'), event('2026-01-03T00:00:00Z', 'returned')]
    expect(fillingCounts(events)).toEqual({ filled: 1, refused: 1 })
  })
})

describe('warnings of a cylinder', () => {
  const now = new Date('2026-11-29T04:00:00Z')

  it('warns of an overdue inspection and of the end of the service life', () => {
    expect(cylinderWarnings(cylinder({}), now)).toEqual([])
    expect(cylinderWarnings(cylinder({ next_inspection_on: '2026-11-28', status: 'due' }), now)).toEqual([
      '超期未检验（应于2026-11-28前检验），不得充装',
    ])
    expect(cylinderWarnings(cylinder({ end_of_life: '2025-01-01', next_inspection_on: '2026-12-01' }), now)).toEqual([
      '已超过设计使用年限（2025-01-01），应予报废，不得充装',
    ])
  })

  it('says nothing of a scrapped cylinder (its code is void)', () => {
    expect(cylinderWarnings(cylinder({ status: 'scrapped', end_of_life: '2020-01-01', next_inspection_on: '2019-01-01' }), now)).toEqual([])
  })
})
