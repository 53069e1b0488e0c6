//! Safety management (安全管理, article 5): home safety inspections (入户安检) and what they find.

use chrono::{Months, NaiveDate};

/// How a home safety inspection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionOutcome {
    /// 合格: inspected, nothing found.
    Passed,
    /// 发现隐患: inspected, hazards found.
    HazardFound,
    /// 拒绝入户: the user refused entry.
    Refused,
    /// 到访不遇: nobody was home.
    NobodyHome,
}

pub const OUTCOMES: [InspectionOutcome; 4] = [
    InspectionOutcome::Passed,
    InspectionOutcome::HazardFound,
    InspectionOutcome::Refused,
    InspectionOutcome::NobodyHome,
];

impl InspectionOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            InspectionOutcome::Passed => "passed",
            InspectionOutcome::HazardFound => "hazard_found",
            InspectionOutcome::Refused => "refused",
            InspectionOutcome::NobodyHome => "nobody_home",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            InspectionOutcome::Passed => "合格",
            InspectionOutcome::HazardFound => "发现隐患",
            InspectionOutcome::Refused => "拒绝入户",
            InspectionOutcome::NobodyHome => "到访不遇",
        }
    }

    pub fn parse(s: &str) -> Option<InspectionOutcome> {
        OUTCOMES.into_iter().find(|o| o.as_str() == s)
    }

    /// Whether the premises were actually inspected: only then does the visit count towards the
    /// inspection cycle (a refusal or an empty flat is a visit, not an inspection).
    pub fn completes_inspection(self) -> bool {
        matches!(self, InspectionOutcome::Passed | InspectionOutcome::HazardFound)
    }

    /// The outcomes that count, as stored codes (for queries).
    pub fn completing() -> [&'static str; 2] {
        [InspectionOutcome::Passed.as_str(), InspectionOutcome::HazardFound.as_str()]
    }
}

/// Hazards a home safety inspection finds (入户安检隐患), as (code, Chinese name): the common defects
/// of the Urban Gas Management Regulations and the home-inspection practice of gas enterprises.
pub const HOME_HAZARDS: &[(&str, &str)] = &[
    ("no_leak_alarm", "未安装燃气泄漏报警器"),
    ("no_auto_shutoff_valve", "未安装自动切断阀"),
    ("aged_rubber_hose", "胶管老化"),
    ("rubber_hose_too_long", "胶管超长或穿墙"),
    ("no_flame_failure", "灶具无熄火保护"),
    ("unauthorised_alteration", "私拆私改燃气设施"),
    ("meter_or_pipe_leak", "表具或管道漏气"),
    ("pipe_corrosion", "管道锈蚀"),
    ("appliance_overdue", "燃气器具超期使用"),
    ("poor_ventilation", "用气场所通风不良"),
    ("enclosed_facilities", "燃气设施被封闭或包覆"),
    ("bedroom_use", "卧室内使用燃气"),
    ("other", "其他"),
];

pub fn hazard_name(code: &str) -> Option<&'static str> {
    HOME_HAZARDS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The hazard code of a name or code as typed (`胶管老化` or `aged_rubber_hose`).
pub fn parse_hazard(s: &str) -> Option<&'static str> {
    let s = s.trim();
    HOME_HAZARDS.iter().find(|(c, n)| *c == s || *n == s).map(|(c, _)| *c)
}

/// Split a typed list of hazards (、，,；; or new lines between them) into its parts.
pub fn split_list(s: &str) -> Vec<&str> {
    s.split(['、', '，', ',', '；', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// How often each kind of user must be inspected, in months (defaults: households at least once
/// every two years, non-household users at least once a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InspectionCycle {
    pub household_months: u32,
    pub non_household_months: u32,
}

impl Default for InspectionCycle {
    fn default() -> Self {
        InspectionCycle { household_months: 24, non_household_months: 12 }
    }
}

impl InspectionCycle {
    /// The earliest inspection date that still counts on `today`, for households and for the others.
    pub fn cutoffs(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let back = |m: u32| today.checked_sub_months(Months::new(m)).unwrap_or(NaiveDate::MIN);
        (back(self.household_months), back(self.non_household_months))
    }

    /// Whether a user of this kind, last inspected on `last` (None: never), is inspected within the
    /// cycle on `today`.
    pub fn is_current(self, household: bool, last: Option<NaiveDate>, today: NaiveDate) -> bool {
        let (h, n) = self.cutoffs(today);
        last.is_some_and(|d| d >= if household { h } else { n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn only_real_inspections_complete_the_cycle() {
        assert!(InspectionOutcome::Passed.completes_inspection());
        assert!(InspectionOutcome::HazardFound.completes_inspection());
        assert!(!InspectionOutcome::Refused.completes_inspection());
        assert!(!InspectionOutcome::NobodyHome.completes_inspection());
        for o in OUTCOMES {
            assert_eq!(InspectionOutcome::parse(o.as_str()), Some(o));
        }
    }

    #[test]
    fn households_every_two_years_others_every_year() {
        let c = InspectionCycle::default();
        let today = d("2026-11-29");
        assert_eq!(c.cutoffs(today), (d("2024-11-29"), d("2025-11-29")));
        assert!(c.is_current(true, Some(d("2025-01-10")), today));
        assert!(!c.is_current(false, Some(d("2025-01-10")), today));
        assert!(c.is_current(false, Some(d("2025-11-29")), today));
        assert!(!c.is_current(true, None, today));
        // Month ends clamp: a cycle from 31 March back one month is 28/29 February.
        let monthly = InspectionCycle { household_months: 1, non_household_months: 1 };
        assert_eq!(monthly.cutoffs(d("2026-03-31")).0, d("2026-02-28"));
    }

    #[test]
    fn hazards_are_read_by_name_or_code() {
        assert_eq!(parse_hazard(" 胶管老化 "), Some("aged_rubber_hose"));
        assert_eq!(parse_hazard("no_leak_alarm"), Some("no_leak_alarm"));
        assert_eq!(parse_hazard("漏水"), None);
        assert_eq!(split_list("胶管老化、 其他,卧室内使用燃气；"), vec!["胶管老化", "其他", "卧室内使用燃气"]);
        for (c, n) in HOME_HAZARDS {
            assert_eq!(hazard_name(c), Some(*n));
        }
    }
}
