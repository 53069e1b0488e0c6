// What a role may do in the UI: the same rules as the server's `ranjian_domain::Role`. The server
// decides; the UI only hides what would be refused.

import type { OrgKind, Role, User } from '@/api/types'

const ADMINS: readonly Role[] = ['city_admin', 'county_admin', 'enterprise_admin']
const LEDGER_EDITORS: readonly Role[] = ['city_admin', 'city_officer', 'county_admin', 'county_officer']
const ENTERPRISE_ROLES: readonly Role[] = ['enterprise_admin', 'enterprise_user']

/** Administrators manage accounts and read the audit log. */
export function isAdmin(role: Role | null | undefined): boolean {
  return !!role && ADMINS.includes(role)
}

/** Authority staff keep the enterprise ledger. */
export function mayEditEnterprises(role: Role | null | undefined): boolean {
  return !!role && LEDGER_EDITORS.includes(role)
}

/** Accounts of an enterprise: they see and keep their own enterprise's records only. */
export function isEnterpriseRole(role: Role | null | undefined): boolean {
  return !!role && ENTERPRISE_ROLES.includes(role)
}

/** Authority staff and the enterprises themselves keep the practitioner ledger (not inspectors). */
export function mayEditPractitioners(role: Role | null | undefined): boolean {
  return mayEditEnterprises(role) || isEnterpriseRole(role)
}

/** Who keeps the asset ledgers (燃气管网, 厂站设施: import): authority staff and the enterprises. */
export function mayEditAssets(role: Role | null | undefined): boolean {
  return mayEditPractitioners(role)
}

/**
 * Who uploads the report of a major hazard source's safety assessment: authority staff and the
 * enterprises (not inspectors), as they keep the ledger.
 */
export function mayUploadAssessmentReport(role: Role | null | undefined): boolean {
  return mayEditAssets(role)
}

/**
 * Who uploads the photos of a home inspection: those who keep the inspection records (authority
 * staff and the enterprises, not inspectors; the server's `may_edit_staff_ledger`).
 */
export function mayUploadInspectionPhotos(role: Role | null | undefined): boolean {
  return mayEditAssets(role)
}

/** Enterprises file new communities for pipeline gas access (接入备案) and correct returned filings. */
export function mayFileAccess(role: Role | null | undefined): boolean {
  return isEnterpriseRole(role)
}

/** Authority staff (not inspectors) decide on access filings: approve, or return with a reason. */
export function mayDecideFilings(role: Role | null | undefined): boolean {
  return mayEditEnterprises(role)
}

/** Who reports monitoring readings by hand (人工抄报): the enterprises, and the city and county administrators. */
export function mayReportReadings(role: Role | null | undefined): boolean {
  return isEnterpriseRole(role) || role === 'city_admin' || role === 'county_admin'
}

/** Who imports monitoring points (监测点): those who keep the asset ledgers. */
export function mayImportMonitoringPoints(role: Role | null | undefined): boolean {
  return mayEditAssets(role)
}

/** Who imports cameras (视频监控点): the same as monitoring points, those who keep the asset ledgers. */
export function mayImportCameras(role: Role | null | undefined): boolean {
  return mayImportMonitoringPoints(role)
}

/** Whether an account of `role` may belong to an organisation of `kind`. */
export function roleFitsOrg(role: Role, kind: OrgKind): boolean {
  switch (role) {
    case 'city_admin':
    case 'city_officer':
      return kind === 'city_authority'
    case 'county_admin':
    case 'county_officer':
      return kind === 'county_authority'
    case 'enterprise_admin':
    case 'enterprise_user':
      return kind === 'enterprise'
    case 'inspector':
      return kind === 'city_authority' || kind === 'county_authority'
  }
}

/** Whether an administrator of role `admin` may grant `other`. */
export function mayGrant(admin: Role, other: Role): boolean {
  switch (admin) {
    case 'city_admin':
      return true
    case 'county_admin':
      return other !== 'city_admin' && other !== 'city_officer'
    case 'enterprise_admin':
      return other === 'enterprise_admin' || other === 'enterprise_user'
    default:
      return false
  }
}

/** Whether a user is locked now (by an administrator, or for failed logins until `locked_until`). */
export function isLocked(user: Pick<User, 'status' | 'locked_until'>, now: Date = new Date()): boolean {
  if (user.status === 'locked') return true
  if (!user.locked_until) return false
  const until = new Date(user.locked_until)
  return !Number.isNaN(until.getTime()) && until.getTime() > now.getTime()
}

/**
 * Where to go after logging in: the `redirect` query when it is a path of this application,
 * else the enterprise ledger. Never another origin ("//host", "http://…") nor the login page.
 */
export function safeRedirect(target: unknown, fallback = '/industry/enterprises'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback
  }
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/api/')) return fallback
  return target
}
