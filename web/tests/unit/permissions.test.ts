import { describe, expect, it } from 'vitest'
import type { OrgKind, Role } from '@/api/types'
import {
  isAdmin,
  isEnterpriseRole,
  isLocked,
  mayEditAssets,
  mayEditEnterprises,
  mayEditPractitioners,
  mayGrant,
  mayUploadAssessmentReport,
  mayUploadInspectionPhotos,
  roleFitsOrg,
  safeRedirect,
} from '@/utils/permissions'

const ROLES: Role[] = ['city_admin', 'city_officer', 'county_admin', 'county_officer', 'enterprise_admin', 'enterprise_user', 'inspector']

describe('roles', () => {
  it('admins are the three administrator roles', () => {
    expect(ROLES.filter(isAdmin)).toEqual(['city_admin', 'county_admin', 'enterprise_admin'])
    expect(isAdmin(null)).toBe(false)
  })

  it('authority staff edit the enterprise ledger', () => {
    expect(ROLES.filter(mayEditEnterprises)).toEqual(['city_admin', 'city_officer', 'county_admin', 'county_officer'])
  })

  it('authority staff and enterprises keep the practitioner ledger; inspectors only read it', () => {
    expect(ROLES.filter(mayEditPractitioners)).toEqual([
      'city_admin',
      'city_officer',
      'county_admin',
      'county_officer',
      'enterprise_admin',
      'enterprise_user',
    ])
    expect(ROLES.filter(isEnterpriseRole)).toEqual(['enterprise_admin', 'enterprise_user'])
    expect(mayEditPractitioners(undefined)).toBe(false)
  })

  it('authority staff and enterprises import pipelines and stations; inspectors only read them', () => {
    expect(ROLES.filter(mayEditAssets)).toEqual([
      'city_admin',
      'city_officer',
      'county_admin',
      'county_officer',
      'enterprise_admin',
      'enterprise_user',
    ])
    expect(mayEditAssets(null)).toBe(false)
  })

  it('authority staff and enterprises upload assessment reports of major hazard sources; inspectors do not', () => {
    expect(ROLES.filter(mayUploadAssessmentReport)).toEqual([
      'city_admin',
      'city_officer',
      'county_admin',
      'county_officer',
      'enterprise_admin',
      'enterprise_user',
    ])
    expect(mayUploadAssessmentReport(undefined)).toBe(false)
  })

  it('authority staff and enterprises upload home inspection photos; inspectors do not', () => {
    expect(ROLES.filter(mayUploadInspectionPhotos)).toEqual([
      'city_admin',
      'city_officer',
      'county_admin',
      'county_officer',
      'enterprise_admin',
      'enterprise_user',
    ])
    expect(mayUploadInspectionPhotos(null)).toBe(false)
  })

  it('roles fit organisation kinds as on the server', () => {
    const fits = (k: OrgKind) => ROLES.filter((r) => roleFitsOrg(r, k))
    expect(fits('city_authority')).toEqual(['city_admin', 'city_officer', 'inspector'])
    expect(fits('county_authority')).toEqual(['county_admin', 'county_officer', 'inspector'])
    expect(fits('enterprise')).toEqual(['enterprise_admin', 'enterprise_user'])
  })

  it('administrators grant what the server lets them', () => {
    expect(ROLES.filter((r) => mayGrant('city_admin', r))).toEqual(ROLES)
    expect(ROLES.filter((r) => mayGrant('county_admin', r))).toEqual([
      'county_admin',
      'county_officer',
      'enterprise_admin',
      'enterprise_user',
      'inspector',
    ])
    expect(ROLES.filter((r) => mayGrant('enterprise_admin', r))).toEqual(['enterprise_admin', 'enterprise_user'])
    expect(ROLES.filter((r) => mayGrant('county_officer', r))).toEqual([])
  })

  it('a lockout is in force until locked_until', () => {
    const now = new Date('2026-11-29T10:00:00Z')
    expect(isLocked({ status: 'locked', locked_until: null }, now)).toBe(true)
    expect(isLocked({ status: 'active', locked_until: null }, now)).toBe(false)
    expect(isLocked({ status: 'active', locked_until: '2026-11-29T10:10:00Z' }, now)).toBe(true)
    expect(isLocked({ status: 'active', locked_until: '2026-11-29T09:50:00Z' }, now)).toBe(false)
  })
})

describe('redirect after login', () => {
  it('keeps paths of this application', () => {
    expect(safeRedirect('/system/users')).toBe('/system/users')
    expect(safeRedirect('/industry/enterprises?q=%E7%87%83&page=2')).toBe('/industry/enterprises?q=%E7%87%83&page=2')
  })

  it('refuses other origins, the login page and non-strings', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/login', '/login?redirect=/x', '/api/v1/auth/me', '', undefined, ['/x']]) {
      expect(safeRedirect(bad), String(bad)).toBe('/industry/enterprises')
    }
  })
})
