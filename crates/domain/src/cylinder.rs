//! Bottled LPG cylinders (液化石油气钢瓶): who may fill them and when they must not be filled.
//!
//! Defaults follow the national rules (sources in docs/lpg-cylinders.md): periodic inspection every
//! 4 years (TSG 23-2021 《气瓶安全技术规程》) and a design service life of 8 years
//! (GB 5842-2006 《液化石油气钢瓶》); both are configuration.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CylinderRules {
    pub inspection_years: u32,
    pub service_life_years: u32,
}

impl Default for CylinderRules {
    fn default() -> Self {
        CylinderRules { inspection_years: 4, service_life_years: 8 }
    }
}

/// Why a filling is refused (and recorded as a violation).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillingRefusal {
    #[error("钢瓶未在本充装单位登记，不得充装")]
    NotRegisteredToFiller,
    #[error("钢瓶已报废，不得充装")]
    Scrapped,
    #[error("钢瓶已超过设计使用年限（{0}年），应予报废，不得充装")]
    BeyondServiceLife(u32),
    #[error("钢瓶超期未检验（应于{0}前检验），不得充装")]
    InspectionOverdue(NaiveDate),
}

pub fn add_years(d: NaiveDate, years: u32) -> NaiveDate {
    let y = d.year() + years as i32;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .expect("valid date")
}

impl CylinderRules {
    /// The next inspection date after an inspection (or manufacture) on `d`.
    pub fn next_inspection(&self, d: NaiveDate) -> NaiveDate {
        add_years(d, self.inspection_years)
    }

    /// The last day a cylinder made on `made` may be used.
    pub fn end_of_life(&self, made: NaiveDate) -> NaiveDate {
        add_years(made, self.service_life_years)
    }

    /// Whether a filling on `day` by `filler` is allowed; the first reason it is not.
    pub fn check_filling(
        &self,
        owner: i64,
        filler: i64,
        scrapped: bool,
        made: NaiveDate,
        next_inspection: NaiveDate,
        day: NaiveDate,
    ) -> Result<(), FillingRefusal> {
        if scrapped {
            return Err(FillingRefusal::Scrapped);
        }
        if owner != filler {
            return Err(FillingRefusal::NotRegisteredToFiller);
        }
        if day > self.end_of_life(made) {
            return Err(FillingRefusal::BeyondServiceLife(self.service_life_years));
        }
        if day > next_inspection {
            return Err(FillingRefusal::InspectionOverdue(next_inspection));
        }
        Ok(())
    }
}

/// Where a cylinder is in its circulation: filled → delivered → at the user → returned → filled
/// again …, until scrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Circulation {
    Filled,
    Delivered,
    AtUser,
    Returned,
    Scrapped,
}

impl Circulation {
    pub const MOVEMENTS: [Circulation; 4] =
        [Circulation::Delivered, Circulation::AtUser, Circulation::Returned, Circulation::Scrapped];

    pub fn as_str(self) -> &'static str {
        match self {
            Circulation::Filled => "filled",
            Circulation::Delivered => "delivered",
            Circulation::AtUser => "at_user",
            Circulation::Returned => "returned",
            Circulation::Scrapped => "scrapped",
        }
    }

    pub fn parse(s: &str) -> Option<Circulation> {
        [Circulation::Filled, Circulation::Delivered, Circulation::AtUser, Circulation::Returned, Circulation::Scrapped]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    /// The Chinese name, as in the sheets and the trace.
    pub fn name(self) -> &'static str {
        match self {
            Circulation::Filled => "充装",
            Circulation::Delivered => "配送出站",
            Circulation::AtUser => "入户使用",
            Circulation::Returned => "回收",
            Circulation::Scrapped => "报废",
        }
    }

    /// Whether the cylinder is out with a user (delivered to or in use at one).
    pub fn with_user(self) -> bool {
        matches!(self, Circulation::Delivered | Circulation::AtUser)
    }

    /// Whether the event names the user it went to.
    pub fn needs_user(self) -> bool {
        self.with_user()
    }
}

/// An abnormal flow found in the circulation events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowAnomaly {
    /// One user holds more cylinders than the limit.
    OverHolding { held: u32, limit: u32 },
    /// The cylinder was filled again while still out with a user (never came back).
    RefilledWithoutReturn,
}

impl FlowAnomaly {
    pub fn kind(&self) -> &'static str {
        match self {
            FlowAnomaly::OverHolding { .. } => "over_holding",
            FlowAnomaly::RefilledWithoutReturn => "refilled_without_return",
        }
    }
}

/// Kinds of abnormal flows with their Chinese names.
pub const ANOMALY_KINDS: &[(&str, &str)] =
    &[("over_holding", "超量持有"), ("refilled_without_return", "未回收即再充装")];

/// A filling of a cylinder whose last known place is `state` is abnormal when it is still out with a user.
pub fn refill_anomaly(state: Option<Circulation>) -> Option<FlowAnomaly> {
    state.filter(|s| s.with_user()).map(|_| FlowAnomaly::RefilledWithoutReturn)
}

/// A user holding `held` cylinders is abnormal above `limit`.
pub fn holding_anomaly(held: u32, limit: u32) -> Option<FlowAnomaly> {
    (held > limit).then_some(FlowAnomaly::OverHolding { held, limit })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn refusal_rules() {
        let r = CylinderRules::default();
        let made = d(2020, 3, 1);
        assert_eq!(r.next_inspection(made), d(2024, 3, 1));
        assert_eq!(r.end_of_life(made), d(2028, 3, 1));
        assert_eq!(r.check_filling(1, 1, false, made, d(2027, 1, 1), d(2026, 11, 29)), Ok(()));
        assert_eq!(
            r.check_filling(1, 2, false, made, d(2027, 1, 1), d(2026, 11, 29)),
            Err(FillingRefusal::NotRegisteredToFiller)
        );
        assert_eq!(r.check_filling(1, 1, true, made, d(2027, 1, 1), d(2026, 11, 29)), Err(FillingRefusal::Scrapped));
        assert_eq!(
            r.check_filling(1, 1, false, made, d(2026, 11, 28), d(2026, 11, 29)),
            Err(FillingRefusal::InspectionOverdue(d(2026, 11, 28)))
        );
        assert_eq!(
            r.check_filling(1, 1, false, d(2018, 1, 1), d(2027, 1, 1), d(2026, 11, 29)),
            Err(FillingRefusal::BeyondServiceLife(8))
        );
        assert_eq!(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
        assert_eq!(add_years(d(2024, 2, 29), 1), d(2025, 2, 28));
    }

    #[test]
    fn circulation_anomalies() {
        assert_eq!(refill_anomaly(None), None);
        assert_eq!(refill_anomaly(Some(Circulation::Returned)), None);
        assert_eq!(refill_anomaly(Some(Circulation::Filled)), None);
        assert_eq!(refill_anomaly(Some(Circulation::Delivered)), Some(FlowAnomaly::RefilledWithoutReturn));
        assert_eq!(refill_anomaly(Some(Circulation::AtUser)), Some(FlowAnomaly::RefilledWithoutReturn));
        assert_eq!(holding_anomaly(3, 3), None);
        assert_eq!(holding_anomaly(4, 3), Some(FlowAnomaly::OverHolding { held: 4, limit: 3 }));
        for c in Circulation::MOVEMENTS {
            assert_eq!(Circulation::parse(c.as_str()), Some(c));
        }
    }
}
