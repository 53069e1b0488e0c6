//! Operation monitoring (运行监测, article 7): monitoring points (监测点), their thresholds, the
//! evaluation of readings into alarms with hysteresis, offline detection, and the alarm lifecycle as
//! an explicit state machine.
//!
//! A point's *band* is where its value sits against its limits: normal, high (高限), high-high
//! (高高限), low (低限) or low-low (低低限). A value must come back past the limit by the deadband
//! before the band falls back, so a value hovering at a line raises one alarm, not a hundred. An alarm
//! is raised when the band becomes more severe; it is *cleared* (恢复正常) when the value is back to
//! normal, which does not end its lifecycle: raised (待确认) → acknowledged (已确认) → handling
//! (处置中) → handled (已处置, with a disposal report).

use crate::case::labelled;

labelled!(
    /// What a point measures.
    PointKind, POINT_KINDS {
        Pressure = "pressure", "压力";
        Flow = "flow", "流量";
        Methane = "methane", "可燃气体浓度";
        Temperature = "temperature", "温度";
        Level = "level", "液位";
        ValveState = "valve_state", "阀门状态";
        Other = "other", "其他";
    }
);

impl PointKind {
    /// The units a point of this kind may be declared in (the first is the usual one). A reading
    /// must carry its point's unit, or none.
    pub fn units(self) -> &'static [&'static str] {
        match self {
            PointKind::Pressure => &["MPa", "kPa", "Pa"],
            PointKind::Flow => &["m³/h", "Nm³/h", "m³"],
            PointKind::Methane => &["%LEL", "ppm", "%VOL"],
            PointKind::Temperature => &["℃"],
            PointKind::Level => &["%", "m"],
            PointKind::ValveState => &["开关量"],
            PointKind::Other => &[],
        }
    }
}

labelled!(
    /// How serious an alarm is; configuration decides which severities reach whom.
    Severity, SEVERITIES {
        Critical = "critical", "紧急";
        Major = "major", "重大";
        Minor = "minor", "一般";
        Warning = "warning", "提示";
    }
);

labelled!(
    /// What raised an alarm.
    Condition, CONDITIONS {
        HighHigh = "high_high", "超高高限";
        High = "high", "超高限";
        Low = "low", "低于低限";
        LowLow = "low_low", "低于低低限";
        RateOfChange = "rate_of_change", "变化率超限";
        Offline = "offline", "离线";
    }
);

impl Condition {
    /// The severity an alarm of this condition has unless configuration says otherwise. A
    /// combustible-gas reading above its high-high limit is a leak: critical.
    pub fn default_severity(self, kind: PointKind) -> Severity {
        match (self, kind) {
            (Condition::HighHigh, PointKind::Methane) => Severity::Critical,
            (Condition::High, PointKind::Methane) => Severity::Major,
            (Condition::HighHigh | Condition::LowLow, _) => Severity::Major,
            (Condition::High | Condition::Low, _) => Severity::Minor,
            (Condition::RateOfChange | Condition::Offline, _) => Severity::Warning,
        }
    }

    fn side(self) -> i8 {
        match self {
            Condition::HighHigh | Condition::High => 1,
            Condition::Low | Condition::LowLow => -1,
            _ => 0,
        }
    }

    fn rank(self) -> u8 {
        match self {
            Condition::HighHigh | Condition::LowLow => 2,
            Condition::High | Condition::Low => 1,
            _ => 0,
        }
    }
}

/// A point's limits. Any may be absent; `deadband` is how far a value must come back past a limit
/// before the alarm band falls back (default: 2 % of the limit's magnitude).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Thresholds {
    pub high_high: Option<f64>,
    pub high: Option<f64>,
    pub low: Option<f64>,
    pub low_low: Option<f64>,
    /// Largest change per minute.
    pub rate_of_change: Option<f64>,
    pub deadband: Option<f64>,
}

impl Thresholds {
    /// Limits that contradict each other, in Chinese (empty when consistent).
    pub fn problems(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let lt = |a: Option<f64>, b: Option<f64>| matches!((a, b), (Some(a), Some(b)) if a >= b);
        if lt(self.high, self.high_high) {
            out.push("高限应小于高高限");
        }
        if lt(self.low_low, self.low) {
            out.push("低低限应小于低限");
        }
        if lt(self.low, self.high) || lt(self.low, self.high_high) || lt(self.low_low, self.high) {
            out.push("低限应小于高限");
        }
        if self.rate_of_change.is_some_and(|r| r <= 0.0) {
            out.push("变化率限值应大于0");
        }
        if self.deadband.is_some_and(|d| d < 0.0) {
            out.push("回差不能为负数");
        }
        out
    }

    fn limit(&self, c: Condition) -> Option<f64> {
        match c {
            Condition::HighHigh => self.high_high,
            Condition::High => self.high,
            Condition::Low => self.low,
            Condition::LowLow => self.low_low,
            _ => None,
        }
    }

    /// The limit a condition is measured against.
    pub fn limit_of(&self, c: Condition) -> Option<f64> {
        match c {
            Condition::RateOfChange => self.rate_of_change,
            _ => self.limit(c),
        }
    }

    fn band_of(&self, c: Condition) -> f64 {
        let limit = self.limit(c).unwrap_or(0.0);
        self.deadband.unwrap_or((limit.abs() * 0.02).max(1e-9))
    }

    fn crossed(&self, c: Condition, v: f64) -> bool {
        match (self.limit(c), c.side()) {
            (Some(l), 1) => v >= l,
            (Some(l), -1) => v <= l,
            _ => false,
        }
    }

    fn holds(&self, c: Condition, v: f64) -> bool {
        let db = self.band_of(c);
        match (self.limit(c), c.side()) {
            (Some(l), 1) => v > l - db,
            (Some(l), -1) => v < l + db,
            _ => false,
        }
    }

    /// The band of `v` given the band before it (hysteresis: a band is kept while the value stays
    /// within the deadband of its limit).
    pub fn band(&self, prev: Option<Condition>, v: f64) -> Option<Condition> {
        [Condition::HighHigh, Condition::LowLow, Condition::High, Condition::Low].into_iter().find(|&c| {
            self.crossed(c, v) || prev.is_some_and(|p| p.side() == c.side() && c.rank() <= p.rank() && self.holds(c, v))
        })
    }
}

/// What the evaluation of a point remembers between readings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PointState {
    /// The band of the last evaluated reading.
    pub band: Option<Condition>,
    /// Whether a rate-of-change alarm is standing.
    pub rate_alarm: bool,
    /// Whether the point is offline (an offline alarm is standing).
    pub offline: bool,
    /// The newest reading evaluated: (time in ms, value).
    pub last: Option<(i64, f64)>,
}

/// What a reading or the clock did to a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// A new alarm of this condition.
    Raise(Condition),
    /// Back to normal: for a limit condition, every standing limit alarm of the point (high and
    /// high-high alike); otherwise the standing alarms of that condition.
    Clear(Condition),
}

impl PointState {
    /// Evaluate a reading. Readings not newer than the last one evaluated (late, re-sent) are
    /// stored but change nothing.
    pub fn observe(&mut self, th: &Thresholds, ts_ms: i64, v: f64, out: &mut Vec<Change>) {
        if self.last.is_some_and(|(t, _)| ts_ms <= t) {
            return;
        }
        if self.offline {
            self.offline = false;
            out.push(Change::Clear(Condition::Offline));
        }
        let band = th.band(self.band, v);
        if band != self.band {
            match (self.band, band) {
                // Back to normal, or over to the other side.
                (Some(old), new) if new.is_none_or(|n| n.side() != old.side()) => {
                    out.push(Change::Clear(old));
                    if let Some(n) = new {
                        out.push(Change::Raise(n));
                    }
                }
                // Worse on the same side, or from normal.
                (old, Some(new)) if old.is_none_or(|o| new.rank() > o.rank()) => out.push(Change::Raise(new)),
                // Easing on the same side (high-high → high): the standing alarm covers it.
                _ => {}
            }
            self.band = band;
        }
        if let (Some(limit), Some((t0, v0))) = (th.rate_of_change, self.last) {
            let minutes = (ts_ms - t0) as f64 / 60_000.0;
            let rate = (v - v0).abs() / minutes;
            if rate > limit && !self.rate_alarm {
                self.rate_alarm = true;
                out.push(Change::Raise(Condition::RateOfChange));
            } else if rate <= limit * 0.8 && self.rate_alarm {
                self.rate_alarm = false;
                out.push(Change::Clear(Condition::RateOfChange));
            }
        }
        self.last = Some((ts_ms, v));
    }

    /// Whether the point has fallen silent at `now_ms`: no reading for `intervals` reporting
    /// intervals (a point that never reported counts from `since_ms`, when it was registered).
    pub fn check_offline(&mut self, now_ms: i64, since_ms: i64, interval_s: i64, intervals: i64) -> Option<Change> {
        let last = self.last.map(|(t, _)| t).unwrap_or(since_ms);
        let silent = now_ms - last > interval_s.max(1) * intervals.max(1) * 1000;
        if silent && !self.offline {
            self.offline = true;
            return Some(Change::Raise(Condition::Offline));
        }
        None
    }
}

labelled!(
    /// Where an alarm is in its lifecycle.
    AlarmState, ALARM_STATES {
        Raised = "raised", "待确认";
        Acknowledged = "acknowledged", "已确认";
        Handling = "handling", "处置中";
        Handled = "handled", "已处置";
    }
);

labelled!(
    /// A step in an alarm's history.
    AlarmAction, ALARM_ACTIONS {
        Raise = "raise", "报警产生";
        Acknowledge = "acknowledge", "确认报警";
        Handle = "handle", "开始处置";
        Dispose = "dispose", "处置完成";
        Clear = "clear", "恢复正常";
        Remind = "remind", "催办提醒";
        Escalate = "escalate", "逐级上报";
        Supervise = "supervise", "超时督办";
    }
);

impl AlarmAction {
    /// The steps a person takes (the others are the system's).
    pub const MANUAL: [AlarmAction; 3] = [AlarmAction::Acknowledge, AlarmAction::Handle, AlarmAction::Dispose];
}

/// The state after a person's step, or the steps allowed instead.
pub fn apply(state: AlarmState, action: AlarmAction) -> Result<AlarmState, Vec<AlarmAction>> {
    next(state, action).ok_or_else(|| allowed(state))
}

/// The steps a person may take from `state`.
pub fn allowed(state: AlarmState) -> Vec<AlarmAction> {
    AlarmAction::MANUAL.into_iter().filter(|&a| next(state, a).is_some()).collect()
}

fn next(state: AlarmState, action: AlarmAction) -> Option<AlarmState> {
    match (state, action) {
        (AlarmState::Raised, AlarmAction::Acknowledge) => Some(AlarmState::Acknowledged),
        (AlarmState::Acknowledged, AlarmAction::Handle) => Some(AlarmState::Handling),
        (AlarmState::Handling, AlarmAction::Dispose) => Some(AlarmState::Handled),
        _ => None,
    }
}

/// How far an unacknowledged alarm has been escalated: reminders to the enterprise, then its
/// manager, then the county authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscalationPolicy {
    /// Minutes to acknowledge before the first reminder.
    pub ack_minutes: i64,
    /// Minutes between reminders.
    pub reminder_minutes: i64,
    /// Reminders before the enterprise's manager is told.
    pub reminders: i64,
}

/// Where an unacknowledged alarm should be `minutes` after it was raised: (reminders sent, level
/// reached: 0 the enterprise, 1 its manager, 2 the county authority).
pub fn escalation_due(p: &EscalationPolicy, minutes: i64) -> (i64, u8) {
    if minutes < p.ack_minutes {
        return (0, 0);
    }
    let steps = 1 + (minutes - p.ack_minutes) / p.reminder_minutes.max(1);
    let reminders = steps.min(p.reminders.max(0));
    let level = match steps - p.reminders.max(0) {
        s if s <= 0 => 0,
        1 => 1,
        _ => 2,
    };
    (reminders, level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn th() -> Thresholds {
        Thresholds {
            high_high: Some(0.45),
            high: Some(0.4),
            low: Some(0.1),
            low_low: Some(0.05),
            rate_of_change: None,
            deadband: Some(0.01),
        }
    }

    fn run(th: &Thresholds, values: &[f64]) -> Vec<Change> {
        let mut s = PointState::default();
        let mut out = Vec::new();
        for (i, v) in values.iter().enumerate() {
            s.observe(th, i as i64 * 60_000, *v, &mut out);
        }
        out
    }

    #[test]
    fn a_value_hovering_at_the_line_raises_one_alarm() {
        let out = run(&th(), &[0.3, 0.401, 0.399, 0.402, 0.395, 0.401, 0.392, 0.3]);
        assert_eq!(out, vec![Change::Raise(Condition::High), Change::Clear(Condition::High)]);
    }

    #[test]
    fn worse_raises_again_easing_does_not() {
        let out = run(&th(), &[0.41, 0.46, 0.42, 0.46, 0.2]);
        assert_eq!(
            out,
            vec![
                Change::Raise(Condition::High),
                Change::Raise(Condition::HighHigh),
                Change::Raise(Condition::HighHigh),
                Change::Clear(Condition::HighHigh)
            ]
        );
    }

    #[test]
    fn low_side_and_crossing_sides() {
        let out = run(&th(), &[0.08, 0.04, 0.5]);
        assert_eq!(
            out,
            vec![
                Change::Raise(Condition::Low),
                Change::Raise(Condition::LowLow),
                Change::Clear(Condition::LowLow),
                Change::Raise(Condition::HighHigh)
            ]
        );
    }

    #[test]
    fn late_and_resent_readings_change_nothing() {
        let t = th();
        let mut s = PointState::default();
        let mut out = Vec::new();
        s.observe(&t, 120_000, 0.3, &mut out);
        s.observe(&t, 60_000, 0.9, &mut out);
        s.observe(&t, 120_000, 0.9, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn rate_of_change_raises_once_until_it_calms() {
        let t = Thresholds { rate_of_change: Some(0.05), ..Default::default() };
        let out = run(&t, &[0.2, 0.3, 0.4, 0.45, 0.46, 0.3]);
        assert_eq!(
            out,
            vec![
                Change::Raise(Condition::RateOfChange),
                Change::Clear(Condition::RateOfChange),
                Change::Raise(Condition::RateOfChange)
            ]
        );
    }

    #[test]
    fn offline_after_the_configured_silence_and_back_with_a_reading() {
        let mut s = PointState::default();
        assert_eq!(s.check_offline(10 * 60_000, 0, 60, 3), Some(Change::Raise(Condition::Offline)));
        assert_eq!(s.check_offline(11 * 60_000, 0, 60, 3), None, "once");
        let mut out = Vec::new();
        s.observe(&th(), 11 * 60_000, 0.3, &mut out);
        assert_eq!(out, vec![Change::Clear(Condition::Offline)]);
        assert_eq!(s.check_offline(13 * 60_000, 0, 60, 3), None, "two minutes of silence is within three intervals");
        assert!(s.check_offline(14 * 60_000 + 1, 0, 60, 3).is_some());
    }

    #[test]
    fn contradicting_limits_are_named() {
        let bad = Thresholds { high: Some(1.0), high_high: Some(0.5), low: Some(2.0), ..Default::default() };
        assert!(bad.problems().contains(&"高限应小于高高限"));
        assert!(bad.problems().contains(&"低限应小于高限"));
        assert!(th().problems().is_empty());
    }

    #[test]
    fn lifecycle_in_order_only() {
        assert_eq!(apply(AlarmState::Raised, AlarmAction::Acknowledge), Ok(AlarmState::Acknowledged));
        assert_eq!(apply(AlarmState::Raised, AlarmAction::Dispose), Err(vec![AlarmAction::Acknowledge]));
        assert_eq!(apply(AlarmState::Acknowledged, AlarmAction::Handle), Ok(AlarmState::Handling));
        assert_eq!(apply(AlarmState::Handling, AlarmAction::Dispose), Ok(AlarmState::Handled));
        assert_eq!(apply(AlarmState::Handled, AlarmAction::Acknowledge), Err(vec![]));
    }

    #[test]
    fn escalation_reminds_then_manager_then_county() {
        let p = EscalationPolicy { ack_minutes: 5, reminder_minutes: 5, reminders: 2 };
        assert_eq!(escalation_due(&p, 4), (0, 0));
        assert_eq!(escalation_due(&p, 5), (1, 0));
        assert_eq!(escalation_due(&p, 10), (2, 0));
        assert_eq!(escalation_due(&p, 15), (2, 1));
        assert_eq!(escalation_due(&p, 20), (2, 2));
        assert_eq!(escalation_due(&p, 500), (2, 2));
    }

    proptest! {
        /// However a value wanders, alarms of a condition alternate raise…clear (never two clears
        /// in a row), and a value moving within the deadband never raises more than one alarm.
        #[test]
        fn raises_and_clears_alternate(values in proptest::collection::vec(0.0f64..0.6, 1..200)) {
            let out = run(&th(), &values);
            let mut open: Option<Condition> = None;
            for c in out {
                match c {
                    Change::Raise(x) => { if let Some(o) = open { prop_assert_eq!(o.side(), x.side()); } open = Some(x); }
                    Change::Clear(x) => { prop_assert_eq!(open.map(Condition::side), Some(x.side())); open = None; }
                }
            }
        }

        #[test]
        fn jitter_within_the_deadband_raises_once(jitter in proptest::collection::vec(-0.0099f64..0.0099, 1..200)) {
            let values: Vec<f64> = std::iter::once(0.41).chain(jitter.iter().map(|j| 0.4 + j)).collect();
            let out = run(&th(), &values);
            prop_assert_eq!(out, vec![Change::Raise(Condition::High)]);
        }

        #[test]
        fn only_the_allowed_steps_apply(i in 0usize..4, j in 0usize..3) {
            let s = ALARM_STATES[i];
            let a = AlarmAction::MANUAL[j];
            match apply(s, a) {
                Ok(_) => prop_assert!(allowed(s).contains(&a)),
                Err(allowed_steps) => prop_assert!(!allowed_steps.contains(&a)),
            }
        }
    }
}
