//! The working-day calendar of mainland China, for deadlines counted in working days (工作日).
//! Monday–Friday are working days and Saturday–Sunday are not, except the days the State Council
//! declares each year: public holidays (a weekday off) and make-up working days (调休上班, a weekend
//! day worked). Those exceptions are data, not code: the platform seeds them from
//! `data/cn-public-holidays.csv` and an administrator adds each new year's.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// The rows shipped with the platform (2025 and 2026), `date,kind,name`.
pub const CN_PUBLIC_HOLIDAYS: &str = include_str!("../data/cn-public-holidays.csv");

/// What an exceptional day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A day off (a public holiday, or a weekend day inside a holiday period).
    Holiday,
    /// A weekend day that is worked (调休上班).
    Workday,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "holiday" | "节假日" | "休" => Some(DayKind::Holiday),
            "workday" | "调休上班" | "班" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// One exceptional day as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// Rows of `date,kind,name` (a header line is allowed), or the line that cannot be read and why.
pub fn parse_csv(text: &str) -> Result<Vec<SpecialDay>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || (i == 0 && line.starts_with("date")) {
            continue;
        }
        let mut cells = line.splitn(3, ',');
        let (d, k, n) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        let date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| (i + 1, format!("日期“{d}”应为 YYYY-MM-DD")))?;
        let kind = DayKind::parse(k).ok_or((i + 1, format!("类型“{k}”应为 holiday（放假）或 workday（调休上班）")))?;
        out.push(SpecialDay { date, kind, name: n.trim().to_string() });
    }
    Ok(out)
}

#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    exceptions: BTreeMap<NaiveDate, DayKind>,
}

impl WorkCalendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        WorkCalendar { exceptions: days.into_iter().collect() }
    }

    /// The calendar shipped with the platform.
    pub fn shipped() -> Self {
        let days = parse_csv(CN_PUBLIC_HOLIDAYS).expect("the shipped calendar reads");
        WorkCalendar::new(days.into_iter().map(|d| (d.date, d.kind)))
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The `n`-th working day after `start` (`start` itself is not counted: a case received on a
    /// Friday with 1 working day is due the next working Monday). `n = 0` is `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days in (from, to]: how many have passed from `from` to `to` (negative when `to` is
    /// before `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut n = 0;
        let mut d = from;
        while d < to {
            d += Duration::days(1);
            n += i64::from(self.is_working_day(d));
        }
        n
    }

    /// Whether any exceptional day of `year` is known (the next year's notice has been entered).
    pub fn knows_year(&self, year: i32) -> bool {
        let (from, to) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31));
        match (from, to) {
            (Some(f), Some(t)) => self.exceptions.range(f..=t).next().is_some(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn holidays_and_make_up_days_of_the_shipped_calendar() {
        let c = WorkCalendar::shipped();
        // National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
        assert!(!c.is_working_day(d("2025-10-03")));
        assert!(c.is_working_day(d("2025-09-28")));
        assert!(c.is_working_day(d("2025-10-11")));
        assert!(!c.is_working_day(d("2025-10-12")), "an ordinary Sunday");
        assert_eq!(c.add_working_days(d("2025-09-30"), 1), d("2025-10-09"));
        assert_eq!(c.add_working_days(d("2025-09-26"), 1), d("2025-09-28"), "Friday, then the make-up Sunday");
        // Spring Festival 2026: 15–23 February off, Saturday 14 and 28 February worked.
        assert_eq!(c.add_working_days(d("2026-02-13"), 1), d("2026-02-14"));
        assert_eq!(c.add_working_days(d("2026-02-14"), 1), d("2026-02-24"));
        assert_eq!(c.add_working_days(d("2026-02-13"), 5), d("2026-02-27"));
        assert_eq!(c.working_days_between(d("2026-02-13"), d("2026-02-28")), 6);
        // An ordinary week: Friday + 1 is Monday; 0 days is the day itself.
        assert_eq!(c.add_working_days(d("2026-11-27"), 1), d("2026-11-30"));
        assert_eq!(c.add_working_days(d("2026-11-28"), 0), d("2026-11-28"));
        assert!(c.knows_year(2026) && !c.knows_year(2027));
    }

    #[test]
    fn reading_rows() {
        let rows = parse_csv("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,调休上班,春节调休上班\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].kind, rows[1].name.as_str()), (DayKind::Workday, "春节调休上班"));
        assert_eq!(parse_csv("date,kind,name\n2027-13-01,holiday,x").unwrap_err().0, 2);
        assert!(parse_csv("2027-01-01,rest,x").unwrap_err().1.contains("类型"));
    }

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..1200).prop_map(|n| d("2024-10-01") + Duration::days(n))
    }

    proptest! {
        #[test]
        fn a_deadline_is_a_working_day_exactly_n_working_days_on(start in day(), n in 1u32..60) {
            let c = WorkCalendar::shipped();
            let due = c.add_working_days(start, n);
            prop_assert!(c.is_working_day(due));
            prop_assert_eq!(c.working_days_between(start, due), n as i64);
            prop_assert_eq!(c.working_days_between(due, start), -(n as i64));
            // The day before the deadline leaves one working day still to go.
            prop_assert_eq!(c.working_days_between(start, due - Duration::days(1)), n as i64 - 1);
        }

        #[test]
        fn later_starts_never_give_earlier_deadlines(start in day(), later in 0i64..30, n in 0u32..40) {
            let c = WorkCalendar::shipped();
            prop_assert!(c.add_working_days(start + Duration::days(later), n) >= c.add_working_days(start, n));
        }
    }
}
