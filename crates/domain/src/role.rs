//! Roles and organisation kinds. What a role may do is decided here, once.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    CityAuthority,
    CountyAuthority,
    Enterprise,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::CityAuthority => "city_authority",
            OrgKind::CountyAuthority => "county_authority",
            OrgKind::Enterprise => "enterprise",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "city_authority" => OrgKind::CityAuthority,
            "county_authority" => OrgKind::CountyAuthority,
            "enterprise" => OrgKind::Enterprise,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    CityAdmin,
    CityOfficer,
    CountyAdmin,
    CountyOfficer,
    EnterpriseAdmin,
    EnterpriseUser,
    Inspector,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::CityAdmin,
        Role::CityOfficer,
        Role::CountyAdmin,
        Role::CountyOfficer,
        Role::EnterpriseAdmin,
        Role::EnterpriseUser,
        Role::Inspector,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::CityAdmin => "city_admin",
            Role::CityOfficer => "city_officer",
            Role::CountyAdmin => "county_admin",
            Role::CountyOfficer => "county_officer",
            Role::EnterpriseAdmin => "enterprise_admin",
            Role::EnterpriseUser => "enterprise_user",
            Role::Inspector => "inspector",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Role::CityAdmin => "市级管理员",
            Role::CityOfficer => "市级业务人员",
            Role::CountyAdmin => "县级管理员",
            Role::CountyOfficer => "县级业务人员",
            Role::EnterpriseAdmin => "企业管理员",
            Role::EnterpriseUser => "企业用户",
            Role::Inspector => "检查人员",
        }
    }

    /// Whether an account of this role may belong to an organisation of `kind`.
    pub fn fits_org(self, kind: OrgKind) -> bool {
        match self {
            Role::CityAdmin | Role::CityOfficer => kind == OrgKind::CityAuthority,
            Role::CountyAdmin | Role::CountyOfficer => kind == OrgKind::CountyAuthority,
            Role::EnterpriseAdmin | Role::EnterpriseUser => kind == OrgKind::Enterprise,
            Role::Inspector => matches!(kind, OrgKind::CityAuthority | OrgKind::CountyAuthority),
        }
    }

    /// Administrators manage the accounts of their scope and read its audit log.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::CityAdmin | Role::CountyAdmin | Role::EnterpriseAdmin)
    }

    /// Authority staff keep the ledgers of the enterprises they supervise.
    pub fn may_edit_enterprise_ledger(self) -> bool {
        matches!(self, Role::CityAdmin | Role::CityOfficer | Role::CountyAdmin | Role::CountyOfficer)
    }

    /// Enterprises keep their own staff ledger; authorities keep every ledger they supervise.
    pub fn may_edit_staff_ledger(self) -> bool {
        self.may_edit_enterprise_ledger() || matches!(self, Role::EnterpriseAdmin | Role::EnterpriseUser)
    }

    /// Roles that may see personal data (ID numbers, phones) unmasked in exports.
    pub fn may_see_personal_data(self) -> bool {
        matches!(self, Role::CityAdmin | Role::CountyAdmin | Role::EnterpriseAdmin | Role::EnterpriseUser)
    }

    /// Roles an administrator of this role may grant (always within the admin's own scope).
    pub fn may_grant(self, other: Role) -> bool {
        match self {
            Role::CityAdmin => true,
            Role::CountyAdmin => !matches!(other, Role::CityAdmin | Role::CityOfficer),
            Role::EnterpriseAdmin => matches!(other, Role::EnterpriseAdmin | Role::EnterpriseUser),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_fit() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::CountyAdmin.fits_org(OrgKind::CountyAuthority));
        assert!(!Role::CountyAdmin.fits_org(OrgKind::Enterprise));
        assert!(Role::Inspector.fits_org(OrgKind::CityAuthority));
        assert!(!Role::EnterpriseAdmin.may_grant(Role::CountyOfficer));
        assert!(!Role::CountyAdmin.may_grant(Role::CityAdmin));
        assert!(!Role::EnterpriseUser.is_admin());
    }
}
