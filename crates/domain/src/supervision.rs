//! Supervision checks and spot checks (监督检查/抽查, article 5 and 11): the checklists regulators
//! check against, the life of a check item, the progress of a task, and recurring periods.

use chrono::{Datelike, Months, NaiveDate};

/// What a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A gas user's premises (入户抽查).
    GasUser,
    /// A station or facility (厂站设施).
    Station,
    /// A gas enterprise as a whole (企业监督检查).
    Enterprise,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::GasUser => "gas_user",
            TargetKind::Station => "station",
            TargetKind::Enterprise => "enterprise",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            TargetKind::GasUser => "燃气用户",
            TargetKind::Station => "厂站设施",
            TargetKind::Enterprise => "燃气经营企业",
        }
    }
    pub fn parse(s: &str) -> Option<TargetKind> {
        [TargetKind::GasUser, TargetKind::Station, TargetKind::Enterprise]
            .into_iter()
            .find(|k| k.as_str() == s || k.name_zh() == s)
    }
}

/// A checklist: what the inspector answers for one target.
pub struct Template {
    pub key: &'static str,
    pub name: &'static str,
    pub target: TargetKind,
    /// (code, question); a failed point is a hazard of the given name.
    pub points: &'static [(&'static str, &'static str)],
}

pub const TEMPLATES: &[Template] = &[
    Template {
        key: "home_spot_check",
        name: "燃气用户入户安全抽查",
        target: TargetKind::GasUser,
        points: &[
            ("no_leak_alarm", "已安装燃气泄漏报警器"),
            ("no_auto_shutoff_valve", "已安装自动切断阀"),
            ("aged_rubber_hose", "连接软管无老化、龟裂"),
            ("rubber_hose_too_long", "软管长度不超过2米且未穿墙"),
            ("no_flame_failure", "灶具有熄火保护装置"),
            ("unauthorised_alteration", "无私拆私改燃气设施"),
            ("meter_or_pipe_leak", "表具、管道无漏气"),
            ("poor_ventilation", "用气场所通风良好"),
        ],
    },
    Template {
        key: "station_check",
        name: "燃气厂站设施监督检查",
        target: TargetKind::Station,
        points: &[
            ("no_leak_alarm_in_station", "可燃气体泄漏报警装置完好有效"),
            ("no_emergency_shutoff", "紧急切断装置完好有效"),
            ("no_overpressure_cutoff", "调压装置设有超压切断或放散装置"),
            ("tank_without_alarms", "储罐压力、温度、液位监测及超限报警完好"),
            ("pipeline_occupied", "设施无占压，安全间距满足要求"),
            ("fire_equipment", "消防器材配置齐全、在有效期内"),
            ("duty_records", "值班、巡检记录完整"),
        ],
    },
    Template {
        key: "enterprise_check",
        name: "燃气经营企业监督检查",
        target: TargetKind::Enterprise,
        points: &[
            ("no_business_licence", "持有有效的燃气经营许可证"),
            ("no_dual_prevention", "建立安全风险分级管控和隐患排查治理双重预防机制"),
            ("no_emergency_plan", "制定应急救援预案并定期演练"),
            ("no_user_inspection", "按规定开展用户入户安检"),
            ("uncertified_key_staff", "主要负责人、安全管理人员、运行维护人员考核合格"),
            ("unqualified_cylinders", "不充装非自有、超期未检或报废钢瓶"),
        ],
    },
];

pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// A check item from issue to result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// 待分派: in the county's sub-task, no inspector yet.
    Pending,
    /// 已分派: an inspector has it.
    Assigned,
    /// 已完成: the result is in.
    Done,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Assigned => "assigned",
            ItemState::Done => "done",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            ItemState::Pending => "待分派",
            ItemState::Assigned => "已分派",
            ItemState::Done => "已完成",
        }
    }
    pub fn parse(s: &str) -> Option<ItemState> {
        [ItemState::Pending, ItemState::Assigned, ItemState::Done].into_iter().find(|k| k.as_str() == s)
    }
    /// Assigning (or re-assigning) is possible until the result is in.
    pub fn may_assign(self) -> bool {
        self != ItemState::Done
    }
    /// Only an assigned item can take a result.
    pub fn may_record(self) -> bool {
        self == ItemState::Assigned
    }
}

/// Where a task (or sub-task) stands, from its items and its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskProgress {
    /// 已下达: nothing done yet.
    Issued,
    /// 进行中
    InProgress,
    /// 已完成
    Done,
    /// 已逾期: past the deadline with items not done.
    Overdue,
}

impl TaskProgress {
    pub fn of(total: u64, done: u64, deadline: NaiveDate, today: NaiveDate) -> TaskProgress {
        if total > 0 && done >= total {
            TaskProgress::Done
        } else if today > deadline {
            TaskProgress::Overdue
        } else if done > 0 {
            TaskProgress::InProgress
        } else {
            TaskProgress::Issued
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TaskProgress::Issued => "issued",
            TaskProgress::InProgress => "in_progress",
            TaskProgress::Done => "done",
            TaskProgress::Overdue => "overdue",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            TaskProgress::Issued => "已下达",
            TaskProgress::InProgress => "进行中",
            TaskProgress::Done => "已完成",
            TaskProgress::Overdue => "已逾期",
        }
    }
}

/// A recurring task's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
}

impl Recurrence {
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
            Recurrence::Yearly => "yearly",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Recurrence::Monthly => "每月",
            Recurrence::Quarterly => "每季度",
            Recurrence::Yearly => "每年",
        }
    }
    pub fn parse(s: &str) -> Option<Recurrence> {
        [Recurrence::Monthly, Recurrence::Quarterly, Recurrence::Yearly]
            .into_iter()
            .find(|r| r.as_str() == s || r.name_zh() == s)
    }
    fn months(self) -> u32 {
        match self {
            Recurrence::Monthly => 1,
            Recurrence::Quarterly => 3,
            Recurrence::Yearly => 12,
        }
    }
    /// The first day of the period that holds `day`.
    pub fn period_start(self, day: NaiveDate) -> NaiveDate {
        let m0 = (day.month0() / self.months()) * self.months();
        NaiveDate::from_ymd_opt(day.year(), m0 + 1, 1).expect("valid month")
    }
    /// The last day of the period that holds `day` (the deadline of that period's task).
    pub fn period_end(self, day: NaiveDate) -> NaiveDate {
        let start = self.period_start(day);
        start.checked_add_months(Months::new(self.months())).expect("in range").pred_opt().expect("in range")
    }
    /// A label of the period, e.g. 2026年11月, 2026年第4季度, 2026年.
    pub fn label(self, day: NaiveDate) -> String {
        match self {
            Recurrence::Monthly => format!("{}年{}月", day.year(), day.month()),
            Recurrence::Quarterly => format!("{}年第{}季度", day.year(), day.month0() / 3 + 1),
            Recurrence::Yearly => format!("{}年", day.year()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods() {
        assert_eq!(Recurrence::Monthly.period_start(d(2026, 2, 17)), d(2026, 2, 1));
        assert_eq!(Recurrence::Monthly.period_end(d(2026, 2, 17)), d(2026, 2, 28));
        assert_eq!(Recurrence::Quarterly.period_start(d(2026, 11, 29)), d(2026, 10, 1));
        assert_eq!(Recurrence::Quarterly.period_end(d(2026, 11, 29)), d(2026, 12, 31));
        assert_eq!(Recurrence::Yearly.period_end(d(2028, 2, 29)), d(2028, 12, 31));
        assert_eq!(Recurrence::Quarterly.label(d(2026, 11, 29)), "2026年第4季度");
    }

    #[test]
    fn progress() {
        let (deadline, before, after) = (d(2026, 12, 31), d(2026, 12, 1), d(2027, 1, 1));
        assert_eq!(TaskProgress::of(10, 0, deadline, before), TaskProgress::Issued);
        assert_eq!(TaskProgress::of(10, 3, deadline, before), TaskProgress::InProgress);
        assert_eq!(TaskProgress::of(10, 10, deadline, after), TaskProgress::Done);
        assert_eq!(TaskProgress::of(10, 9, deadline, after), TaskProgress::Overdue);
        assert!(ItemState::Assigned.may_record() && !ItemState::Pending.may_record() && !ItemState::Done.may_assign());
        for t in TEMPLATES {
            assert!(!t.points.is_empty());
        }
    }

    proptest! {
        #[test]
        fn every_day_lies_in_its_period(y in 2000i32..2100, doy in 0u32..365, r in 0usize..3) {
            let rec = [Recurrence::Monthly, Recurrence::Quarterly, Recurrence::Yearly][r];
            let day = d(y, 1, 1) + chrono::Duration::days(doy as i64);
            let (s, e) = (rec.period_start(day), rec.period_end(day));
            prop_assert!(s <= day && day <= e);
            prop_assert_eq!(rec.period_start(e + chrono::Duration::days(1)), e + chrono::Duration::days(1));
        }
    }
}
