//! Data scope (数据权限): the region subtree and, for enterprise accounts, the one enterprise a
//! request may see. Derived once from the account; every store function takes it and turns it into
//! one filter condition here.

use ranjian_domain::codes::prefix_range;
use sea_orm::{ColumnTrait, Condition};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Region codes visible: those starting with this prefix (`None`: all).
    region_prefix: Option<String>,
    /// The only enterprise visible (`None`: every enterprise in the region subtree).
    enterprise_id: Option<i64>,
}

impl Scope {
    /// Everything: for system jobs and the CLI only, never for a user's request.
    pub fn system() -> Self {
        Scope { region_prefix: None, enterprise_id: None }
    }

    pub fn region(prefix: impl Into<String>) -> Self {
        Scope { region_prefix: Some(prefix.into()), enterprise_id: None }
    }

    pub fn enterprise(prefix: impl Into<String>, enterprise_id: i64) -> Self {
        Scope { region_prefix: Some(prefix.into()), enterprise_id: Some(enterprise_id) }
    }

    pub fn region_prefix(&self) -> Option<&str> {
        self.region_prefix.as_deref()
    }

    pub fn enterprise_id(&self) -> Option<i64> {
        self.enterprise_id
    }

    /// The filter for a table with a region column and (optionally) an enterprise column.
    pub fn condition<C: ColumnTrait>(&self, region_col: C, enterprise_col: Option<C>) -> Condition {
        let mut cond = Condition::all();
        if let Some(prefix) = &self.region_prefix {
            let (lo, hi) = prefix_range(prefix);
            cond = cond.add(region_col.gte(lo)).add(region_col.lt(hi));
        }
        if let Some(eid) = self.enterprise_id {
            cond = match enterprise_col {
                Some(col) => cond.add(col.eq(eid)),
                // A table without an enterprise column holds nothing an enterprise account may see.
                None => cond.add(region_col.is_null()).add(region_col.is_not_null()),
            };
        }
        cond
    }

    /// Whether a record with this region and enterprise lies inside the scope.
    pub fn allows(&self, region_code: &str, enterprise_id: Option<i64>) -> bool {
        let region_ok = self.region_prefix.as_deref().is_none_or(|p| region_code.starts_with(p));
        let enterprise_ok = match self.enterprise_id {
            None => true,
            Some(e) => enterprise_id == Some(e),
        };
        region_ok && enterprise_ok
    }

    /// Whether a region (not a record) lies inside the scope's region subtree.
    pub fn allows_region(&self, region_code: &str) -> bool {
        self.region_prefix.as_deref().is_none_or(|p| region_code.starts_with(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows() {
        let county = Scope::region("361102");
        assert!(county.allows("361102", None));
        assert!(county.allows("361102003", Some(5)));
        assert!(!county.allows("361103", None));
        let ent = Scope::enterprise("361102", 7);
        assert!(ent.allows("361102", Some(7)));
        assert!(!ent.allows("361102", Some(8)));
        assert!(!ent.allows("361102", None));
        assert!(Scope::system().allows("999999", None));
    }
}
