import { describe, expect, it } from 'vitest'
import { tabOf, tabQuery } from '@/views/industry/usePractitionerList'

describe('practitioner page tabs in the URL', () => {
  it('reads the tab, 人员台账 by default', () => {
    expect(tabOf({})).toBe('ledger')
    expect(tabOf({ tab: 'stats' })).toBe('stats')
    expect(tabOf({ tab: 'alerts' })).toBe('alerts')
    expect(tabOf({ tab: 'bogus' })).toBe('ledger')
  })

  it('leaves the first tab out of the URL', () => {
    expect(tabQuery('ledger')).toBeUndefined()
    expect(tabQuery('stats')).toBe('stats')
  })
})
