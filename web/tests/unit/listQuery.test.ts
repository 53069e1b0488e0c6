import { describe, expect, it } from 'vitest'
import {
  queryBool,
  queryEnum,
  queryId,
  queryPage,
  queryPageSize,
  queryString,
  queryTab,
  sortParam,
  tableSort,
  tabParam,
  toRouteQuery,
} from '@/utils/listQuery'

describe('list state in the URL', () => {
  it('reads filters, page and size defensively', () => {
    const q = { q: ' 燃气 ', kind: 'bottled_lpg', status: 'bogus', page: '3', page_size: '50' }
    expect(queryString(q, 'q')).toBe('燃气')
    expect(queryString(q, 'missing')).toBe('')
    expect(queryEnum(q, 'kind', ['pipeline_gas', 'bottled_lpg'])).toBe('bottled_lpg')
    expect(queryEnum(q, 'status', ['active', 'inactive'])).toBe('')
    expect(queryPage(q)).toBe(3)
    expect(queryPageSize(q)).toBe(50)
    expect(queryPage({ page: '-1' })).toBe(1)
    expect(queryPage({ page: 'x' })).toBe(1)
    expect(queryPageSize({ page_size: '1000' })).toBe(20)
    expect(queryString({ q: ['a', 'b'] }, 'q')).toBe('a')
  })

  it('reads record ids as positive integers only', () => {
    expect(queryId({ enterprise_id: '42' }, 'enterprise_id')).toBe(42)
    expect(queryId({ enterprise_id: ' 7 ' }, 'enterprise_id')).toBe(7)
    for (const bad of ['0', '-3', '1.5', 'abc', '', '0012', '99999999999999999']) {
      expect(queryId({ enterprise_id: bad }, 'enterprise_id'), bad).toBeUndefined()
    }
    expect(queryId({}, 'enterprise_id')).toBeUndefined()
  })

  it('writes only what differs from the defaults', () => {
    expect(toRouteQuery({ q: '', region_code: '361102', page: 1, page_size: 20, sort: '' })).toEqual({ region_code: '361102' })
    expect(toRouteQuery({ page: 2, page_size: 50, sort: '-name' })).toEqual({ page: '2', page_size: '50', sort: '-name' })
  })

  it('converts table sorting to the sort parameter and back', () => {
    expect(sortParam('name', 'descending')).toBe('-name')
    expect(sortParam('code', 'ascending')).toBe('code')
    expect(sortParam('code', null)).toBe('')
    expect(tableSort('-name')).toEqual({ prop: 'name', order: 'descending' })
    expect(tableSort('code')).toEqual({ prop: 'code', order: 'ascending' })
    expect(tableSort('')).toBeUndefined()
  })

  it('reads the tab, the first one by default, and leaves the default out of the URL', () => {
    const tabs = ['ledger', 'stats'] as const
    expect(queryTab({ tab: 'stats' }, tabs)).toBe('stats')
    expect(queryTab({ tab: 'bogus' }, tabs)).toBe('ledger')
    expect(queryTab({}, tabs)).toBe('ledger')
    expect(tabParam('ledger', tabs)).toBeUndefined()
    expect(tabParam('stats', tabs)).toBe('stats')
  })

  it('reads yes/no filters', () => {
    expect(queryBool({ major_hazard: 'true' }, 'major_hazard')).toBe(true)
    expect(queryBool({ major_hazard: 'false' }, 'major_hazard')).toBe(false)
    expect(queryBool({ major_hazard: '1' }, 'major_hazard')).toBeUndefined()
    expect(queryBool({}, 'major_hazard')).toBeUndefined()
  })
})
