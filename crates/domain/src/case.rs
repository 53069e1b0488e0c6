//! Service supervision (服务监督, article 6): complaints, reports, service requests and suggestions
//! (投诉举报 / 服务申请 / 意见建议, together: cases) and their handling as an explicit state machine.
//!
//! received (待受理) → accepted (已受理) → transferred (已转办, level by level: city → county
//! authority → enterprise) → handling (办理中) → answered (已答复) → fed_back (已反馈, the person
//! has been told) → rated (已评价) → closed (已办结).
//!
//! The *holder* is the organisation that has the case now; the *origin* is the one that received
//! it and answers for it to the person (follow-up, closing, reopening). A lower level may return a
//! case upward with a reason (returned, 已退回); a dissatisfied rating may reopen it once. Overdue is
//! not a state: each stage has a deadline in working days and the scheduler supervises it.

use crate::calendar::WorkCalendar;
use chrono::NaiveDate;

macro_rules! labelled {
    ($(#[$m:meta])* $name:ident, $all:ident { $($variant:ident = $code:literal, $zh:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        pub const $all: &[$name] = &[$($name::$variant),+];

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn name_zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }
            /// The code, or the Chinese name (as typed in a sheet).
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $all.iter().copied().find(|x| x.as_str() == s || x.name_zh() == s)
            }
            /// (code, Chinese name) of every value, for choices and labels.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                $all.iter().map(|x| (x.as_str(), x.name_zh())).collect()
            }
        }
    };
}
pub(crate) use labelled;

labelled!(
    /// The four kinds of case of article 6.
    CaseType, CASE_TYPES {
        Complaint = "complaint", "投诉";
        Report = "report", "举报";
        ServiceRequest = "service_request", "服务申请";
        Suggestion = "suggestion", "意见建议";
    }
);

labelled!(
    /// How a case came in.
    Channel, CHANNELS {
        Web = "web", "网上投诉";
        Phone = "phone", "来电登记";
        Hotline = "hotline", "12345热线";
        Enterprise = "enterprise", "企业直接受理";
    }
);

labelled!(
    /// What the case is about.
    GasCategory, GAS_CATEGORIES {
        PipelineGas = "pipeline_gas", "管道燃气";
        Lpg = "lpg", "瓶装液化石油气";
        VehicleGas = "vehicle_gas", "车用燃气";
        Other = "other", "其他";
    }
);

labelled!(
    CaseState, CASE_STATES {
        Received = "received", "待受理";
        Accepted = "accepted", "已受理";
        Transferred = "transferred", "已转办";
        Handling = "handling", "办理中";
        Returned = "returned", "已退回";
        Answered = "answered", "已答复";
        FedBack = "fed_back", "已反馈";
        Rated = "rated", "已评价";
        Closed = "closed", "已办结";
    }
);

labelled!(
    CaseAction, CASE_ACTIONS {
        Accept = "accept", "受理";
        Decline = "decline", "不予受理";
        Transfer = "transfer", "转办";
        Handle = "handle", "签收办理";
        Return = "return", "退回";
        Answer = "answer", "答复";
        FollowUp = "follow_up", "回访反馈";
        Rate = "rate", "满意度评价";
        Close = "close", "办结";
        Reopen = "reopen", "重新办理";
    }
);

labelled!(
    Satisfaction, SATISFACTIONS {
        Satisfied = "satisfied", "满意";
        BasicallySatisfied = "basically_satisfied", "基本满意";
        Dissatisfied = "dissatisfied", "不满意";
    }
);

labelled!(
    /// A stage with its own deadline (时限).
    Stage, STAGES {
        Accept = "accept", "受理";
        Sign = "sign", "签收";
        Handle = "handle", "办理";
        FollowUp = "follow_up", "回访";
    }
);

/// The level of the organisation that holds a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    City,
    County,
    Enterprise,
}

impl Level {
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::City => "市级燃气主管部门",
            Level::County => "县级燃气主管部门",
            Level::Enterprise => "燃气经营企业",
        }
    }
    /// The level a case may be handed down to from here (逐级转办: one level at a time).
    pub fn below(self) -> Option<Level> {
        match self {
            Level::City => Some(Level::County),
            Level::County => Some(Level::Enterprise),
            Level::Enterprise => None,
        }
    }
}

/// Who acts on a case, relative to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The actor's organisation holds the case now.
    pub holder: bool,
    /// The actor's organisation received the case (answers for it to the person).
    pub origin: bool,
    /// The person who filed it (through the tracking page).
    pub public: bool,
}

impl Actor {
    pub const PUBLIC: Actor = Actor { holder: false, origin: false, public: true };
}

/// What a transition depends on besides the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub holder_level: Level,
    pub origin_level: Level,
    /// Reopened once already (a second dissatisfied rating does not reopen it).
    pub reopened: bool,
    /// The person's rating, once given.
    pub rating: Option<Satisfaction>,
    /// The person can be told and can rate (not anonymous, a phone is known).
    pub contactable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("案件当前为“{state}”，不能{action}")]
    IllegalTransition { state: &'static str, action: &'static str },
    #[error("只有{0}可以{1}")]
    WrongActor(&'static str, &'static str),
    #[error("{0}时必须填写{1}")]
    NoteRequired(&'static str, &'static str),
    #[error("{0}")]
    NotAllowed(&'static str),
}

/// What a step must carry.
pub struct StepInput<'a> {
    pub note: Option<&'a str>,
    /// For `transfer`: the level of the organisation it goes to.
    pub to_level: Option<Level>,
    /// For `rate`.
    pub satisfaction: Option<Satisfaction>,
}

impl CaseAction {
    /// The note this action requires, by its Chinese name (None: optional).
    pub fn required_note(self) -> Option<&'static str> {
        match self {
            CaseAction::Decline => Some("不予受理理由"),
            CaseAction::Return => Some("退回理由"),
            CaseAction::Answer => Some("办理结果"),
            CaseAction::FollowUp => Some("反馈情况"),
            CaseAction::Reopen => Some("重新办理要求"),
            _ => None,
        }
    }
}

impl CaseState {
    pub fn is_open(self) -> bool {
        self != CaseState::Closed
    }

    /// The state after `action` by `actor`, or why not.
    pub fn apply(
        self,
        action: CaseAction,
        actor: Actor,
        facts: CaseFacts,
        input: &StepInput<'_>,
    ) -> Result<CaseState, CaseError> {
        use CaseAction as A;
        use CaseState as S;
        let illegal = || CaseError::IllegalTransition { state: self.name_zh(), action: action.name_zh() };
        let to = match (action, self) {
            (A::Accept, S::Received) => S::Accepted,
            (A::Decline, S::Received) => S::Closed,
            (A::Transfer, S::Accepted | S::Returned | S::Transferred) => S::Transferred,
            (A::Handle, S::Accepted | S::Returned | S::Transferred) => S::Handling,
            (A::Return, S::Transferred | S::Handling) => S::Returned,
            (A::Answer, S::Handling) => S::Answered,
            (A::FollowUp, S::Answered) => S::FedBack,
            (A::Rate, S::FedBack) => S::Rated,
            (A::Close, S::FedBack | S::Rated) => S::Closed,
            (A::Reopen, S::Rated) => S::Handling,
            _ => return Err(illegal()),
        };
        // Who: the holder works the case; the origin answers for it to the person; the person rates.
        match action {
            A::Accept | A::Decline | A::Transfer | A::Handle | A::Return | A::Answer if !actor.holder => {
                return Err(CaseError::WrongActor("当前承办单位", action.name_zh()));
            }
            A::FollowUp | A::Close | A::Reopen if !actor.origin => {
                return Err(CaseError::WrongActor("受理单位", action.name_zh()));
            }
            A::Rate if !(actor.origin || actor.public) => {
                return Err(CaseError::WrongActor("投诉人或受理单位", action.name_zh()));
            }
            _ => {}
        }
        match action {
            A::Transfer => match (facts.holder_level.below(), input.to_level) {
                (None, _) => return Err(CaseError::NotAllowed("燃气经营企业是最后一级承办单位，不能再转办")),
                (Some(b), Some(t)) if b != t => {
                    return Err(CaseError::NotAllowed(match b {
                        Level::County => "市级只能转办至县级燃气主管部门（逐级转办）",
                        _ => "县级只能转办至本县燃气经营企业（逐级转办）",
                    }))
                }
                (Some(_), None) => return Err(CaseError::NoteRequired("转办", "承办单位")),
                _ => {}
            },
            A::Return if facts.holder_level <= facts.origin_level => {
                return Err(CaseError::NotAllowed("案件由本单位受理，没有可退回的上级"));
            }
            A::Rate if !facts.contactable && actor.public => return Err(illegal()),
            A::Rate if input.satisfaction.is_none() => return Err(CaseError::NoteRequired("评价", "满意度")),
            A::Reopen if facts.reopened => return Err(CaseError::NotAllowed("案件已重新办理过一次，不能再次重新办理")),
            A::Reopen if facts.rating != Some(Satisfaction::Dissatisfied) => {
                return Err(CaseError::NotAllowed("只有评价为“不满意”的案件可以重新办理"));
            }
            A::Close if self == S::FedBack && input.note.is_none_or(|n| n.trim().is_empty()) => {
                return Err(CaseError::NoteRequired("未评价即办结", "未评价原因"));
            }
            _ => {}
        }
        if let Some(what) = action.required_note() {
            if input.note.is_none_or(|n| n.trim().is_empty()) {
                return Err(CaseError::NoteRequired(action.name_zh(), what));
            }
        }
        Ok(to)
    }

    /// What `actor` may do now (for the 409 answer and for the buttons the UI shows).
    pub fn allowed(self, actor: Actor, facts: CaseFacts) -> Vec<CaseAction> {
        CASE_ACTIONS
            .iter()
            .copied()
            .filter(|a| {
                let input = StepInput {
                    note: Some("说明"),
                    to_level: facts.holder_level.below(),
                    satisfaction: Some(Satisfaction::Satisfied),
                };
                self.apply(*a, actor, facts, &input).is_ok()
            })
            .collect()
    }

    /// The stage whose clock runs while a case is in this state, besides the handling stage that
    /// runs from acceptance to the answer.
    pub fn stage(self) -> Option<Stage> {
        match self {
            CaseState::Received => Some(Stage::Accept),
            CaseState::Transferred => Some(Stage::Sign),
            CaseState::Answered => Some(Stage::FollowUp),
            _ => None,
        }
    }
}

/// Working days allowed per stage (时限); the handling stage by case type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    pub accept: u32,
    pub sign: u32,
    pub follow_up: u32,
    pub handle_complaint: u32,
    pub handle_report: u32,
    pub handle_service_request: u32,
    pub handle_suggestion: u32,
    /// Working days before a deadline at which the handler is warned (临期预警).
    pub warn_before: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            accept: 1,
            sign: 1,
            follow_up: 3,
            handle_complaint: 5,
            handle_report: 10,
            handle_service_request: 3,
            handle_suggestion: 15,
            warn_before: 1,
        }
    }
}

impl Deadlines {
    pub fn working_days(&self, stage: Stage, kind: CaseType) -> u32 {
        match stage {
            Stage::Accept => self.accept,
            Stage::Sign => self.sign,
            Stage::FollowUp => self.follow_up,
            Stage::Handle => match kind {
                CaseType::Complaint => self.handle_complaint,
                CaseType::Report => self.handle_report,
                CaseType::ServiceRequest => self.handle_service_request,
                CaseType::Suggestion => self.handle_suggestion,
            },
        }
    }

    /// The last day of a stage that starts on `start` (a local date): that many working days after
    /// it. A stage started on a holiday or weekend counts from the next working day the same way.
    pub fn deadline(&self, cal: &WorkCalendar, stage: Stage, kind: CaseType, start: NaiveDate) -> NaiveDate {
        cal.add_working_days(start, self.working_days(stage, kind))
    }

    /// The day from which the handler is warned of a deadline: `warn_before` working days earlier
    /// (never before the stage starts).
    pub fn warn_from(&self, cal: &WorkCalendar, start: NaiveDate, deadline: NaiveDate) -> NaiveDate {
        let mut d = deadline;
        let mut left = self.warn_before;
        while left > 0 && d > start {
            d -= chrono::Duration::days(1);
            if cal.is_working_day(d) {
                left -= 1;
            }
        }
        d.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DayKind;
    use proptest::prelude::*;
    use CaseAction as A;
    use CaseState as S;

    const HOLDER: Actor = Actor { holder: true, origin: false, public: false };
    const ORIGIN: Actor = Actor { holder: false, origin: true, public: false };
    const BOTH: Actor = Actor { holder: true, origin: true, public: false };
    const NOBODY: Actor = Actor { holder: false, origin: false, public: false };

    fn facts(holder: Level) -> CaseFacts {
        CaseFacts { holder_level: holder, origin_level: Level::City, reopened: false, rating: None, contactable: true }
    }
    fn note(n: &str) -> StepInput<'_> {
        StepInput { note: Some(n), to_level: None, satisfaction: None }
    }
    fn to(level: Level) -> StepInput<'static> {
        StepInput { note: None, to_level: Some(level), satisfaction: None }
    }

    #[test]
    fn down_the_levels_and_back_up() {
        let city = facts(Level::City);
        assert_eq!(S::Received.apply(A::Accept, BOTH, city, &note("")), Ok(S::Accepted));
        assert_eq!(S::Accepted.apply(A::Transfer, BOTH, city, &to(Level::County)), Ok(S::Transferred));
        // Level by level: the city cannot hand a case straight to an enterprise.
        assert!(matches!(
            S::Accepted.apply(A::Transfer, BOTH, city, &to(Level::Enterprise)),
            Err(CaseError::NotAllowed(_))
        ));
        let county = facts(Level::County);
        assert_eq!(S::Transferred.apply(A::Transfer, HOLDER, county, &to(Level::Enterprise)), Ok(S::Transferred));
        let ent = facts(Level::Enterprise);
        assert!(matches!(
            S::Transferred.apply(A::Transfer, HOLDER, ent, &to(Level::Enterprise)),
            Err(CaseError::NotAllowed(_))
        ));
        assert_eq!(S::Transferred.apply(A::Return, HOLDER, ent, &note("不属于本企业供气范围")), Ok(S::Returned));
        assert_eq!(
            S::Transferred.apply(A::Return, HOLDER, ent, &note(" ")),
            Err(CaseError::NoteRequired("退回", "退回理由"))
        );
        // The origin cannot return what it received itself.
        assert!(matches!(S::Handling.apply(A::Return, BOTH, city, &note("x")), Err(CaseError::NotAllowed(_))));
        assert_eq!(S::Transferred.apply(A::Handle, HOLDER, ent, &note("")), Ok(S::Handling));
        assert_eq!(S::Handling.apply(A::Answer, HOLDER, ent, &note("已上门更换胶管")), Ok(S::Answered));
        // The answer goes back to the origin, which tells the person and closes the case.
        assert!(matches!(S::Answered.apply(A::FollowUp, HOLDER, ent, &note("x")), Err(CaseError::WrongActor(..))));
        assert_eq!(S::Answered.apply(A::FollowUp, ORIGIN, city, &note("电话告知")), Ok(S::FedBack));
        let rate = |s| StepInput { note: None, to_level: None, satisfaction: Some(s) };
        assert_eq!(S::FedBack.apply(A::Rate, Actor::PUBLIC, city, &rate(Satisfaction::Dissatisfied)), Ok(S::Rated));
        assert!(S::FedBack.apply(A::Rate, NOBODY, city, &rate(Satisfaction::Satisfied)).is_err());
        let rated = CaseFacts { rating: Some(Satisfaction::Dissatisfied), ..city };
        assert_eq!(S::Rated.apply(A::Reopen, ORIGIN, rated, &note("请再次上门核实")), Ok(S::Handling));
        let again = CaseFacts { reopened: true, ..rated };
        assert!(matches!(S::Rated.apply(A::Reopen, ORIGIN, again, &note("x")), Err(CaseError::NotAllowed(_))));
        let pleased = CaseFacts { rating: Some(Satisfaction::Satisfied), ..city };
        assert!(matches!(S::Rated.apply(A::Reopen, ORIGIN, pleased, &note("x")), Err(CaseError::NotAllowed(_))));
        assert_eq!(S::Rated.apply(A::Close, ORIGIN, pleased, &note("")), Ok(S::Closed));
        assert_eq!(
            S::FedBack.apply(A::Close, ORIGIN, city, &note("")),
            Err(CaseError::NoteRequired("未评价即办结", "未评价原因"))
        );
        assert!(S::Closed.allowed(BOTH, city).is_empty());
        assert_eq!(S::Received.allowed(BOTH, city), vec![A::Accept, A::Decline]);
        assert_eq!(S::Accepted.allowed(BOTH, city), vec![A::Transfer, A::Handle]);
        assert_eq!(S::Transferred.allowed(HOLDER, ent), vec![A::Handle, A::Return]);
        // An anonymous report cannot be rated from the tracking page.
        let anon = CaseFacts { contactable: false, ..city };
        assert!(S::FedBack.apply(A::Rate, Actor::PUBLIC, anon, &rate(Satisfaction::Satisfied)).is_err());
    }

    #[test]
    fn deadlines_skip_weekends_holidays_and_count_make_up_days() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cal = WorkCalendar::new([
            (d("2026-10-01"), DayKind::Holiday),
            (d("2026-10-02"), DayKind::Holiday),
            (d("2026-10-05"), DayKind::Holiday),
            (d("2026-10-06"), DayKind::Holiday),
            (d("2026-10-07"), DayKind::Holiday),
            (d("2026-10-08"), DayKind::Holiday),
            (d("2026-10-10"), DayKind::Workday),
        ]);
        let dl = Deadlines::default();
        // Received on the Wednesday before National Day: the first working day after it is Friday 9 Oct.
        assert_eq!(dl.deadline(&cal, Stage::Accept, CaseType::Complaint, d("2026-09-30")), d("2026-10-09"));
        // Five working days for a complaint from 9 Oct: 10 (make-up Saturday), 12, 13, 14, 15.
        assert_eq!(dl.deadline(&cal, Stage::Handle, CaseType::Complaint, d("2026-10-09")), d("2026-10-15"));
        // A Friday case with one working day is due on Monday.
        assert_eq!(dl.deadline(&cal, Stage::Sign, CaseType::Report, d("2026-11-27")), d("2026-11-30"));
        // Warned one working day before: Friday for a Monday deadline.
        assert_eq!(dl.warn_from(&cal, d("2026-11-20"), d("2026-11-30")), d("2026-11-27"));
        assert_eq!(dl.warn_from(&cal, d("2026-11-30"), d("2026-11-30")), d("2026-11-30"));
    }

    fn any_step() -> impl Strategy<Value = (CaseAction, u8, u8)> {
        (prop::sample::select(CASE_ACTIONS.to_vec()), 0u8..4, 0u8..3)
    }

    proptest! {
        /// Whatever anyone tries, in any order: closed is final, only the holder moves a case
        /// down or answers it, a case is answered only while handled, and it reopens at most once.
        #[test]
        fn the_workflow_keeps_its_guards(steps in prop::collection::vec(any_step(), 0..60)) {
            let mut state = S::Received;
            let mut f = CaseFacts { holder_level: Level::City, origin_level: Level::City, reopened: false,
                                    rating: None, contactable: true };
            let mut reopens = 0;
            for (action, who, sat) in steps {
                let actor = match who { 0 => HOLDER, 1 => ORIGIN, 2 => Actor::PUBLIC, _ => NOBODY };
                let actor = if f.holder_level == f.origin_level && actor == HOLDER { BOTH } else { actor };
                let input = StepInput { note: Some("说明"), to_level: f.holder_level.below(),
                                        satisfaction: Some(SATISFACTIONS[sat as usize]) };
                match state.apply(action, actor, f, &input) {
                    Ok(next) => {
                        prop_assert!(state != S::Closed);
                        prop_assert!(state.allowed(actor, f).contains(&action) || action == A::Rate);
                        if matches!(action, A::Transfer | A::Answer | A::Return) { prop_assert!(actor.holder); }
                        if action == A::Answer { prop_assert_eq!(state, S::Handling); }
                        match action {
                            A::Transfer => f.holder_level = f.holder_level.below().unwrap(),
                            A::Return => f.holder_level = Level::City,
                            A::Rate => f.rating = Some(SATISFACTIONS[sat as usize]),
                            A::Reopen => { reopens += 1; f.reopened = true; f.rating = None; }
                            _ => {}
                        }
                        state = next;
                    }
                    Err(_) => prop_assert!(!state.allowed(actor, f).contains(&action)),
                }
                prop_assert!(reopens <= 1);
            }
        }
    }
}
