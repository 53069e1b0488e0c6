//! Hazards (隐患) and their rectification (整改) to closure (销号): an explicit state machine.
//!
//! found (待整改) → being rectified (整改中) → awaiting review (待复核) → closed (已销号).
//! The enterprise rectifies and submits its evidence; the supervising authority reviews: it closes
//! the hazard or sends it back. An enterprise may close a general hazard itself once it has been
//! submitted for review (self-review), never a larger or major one. Overdue is not a state: a hazard
//! past its deadline and not closed is overdue, whatever step it is at.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HazardLevel {
    /// 一般
    General,
    /// 较大
    Larger,
    /// 重大
    Major,
}

pub const LEVELS: [HazardLevel; 3] = [HazardLevel::General, HazardLevel::Larger, HazardLevel::Major];

impl HazardLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            HazardLevel::General => "general",
            HazardLevel::Larger => "larger",
            HazardLevel::Major => "major",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            HazardLevel::General => "一般隐患",
            HazardLevel::Larger => "较大隐患",
            HazardLevel::Major => "重大隐患",
        }
    }
    pub fn parse(s: &str) -> Option<HazardLevel> {
        LEVELS.into_iter().find(|l| l.as_str() == s)
    }
}

/// The national criteria for major hazards of urban gas operators (《城镇燃气经营安全重大隐患判定
/// 标准》, MOHURD, 2023), as a checklist: a finding that meets one of them is 重大 by itself,
/// whatever level it was reported with. (code, the criterion in short)
pub const MAJOR_CRITERIA: &[(&str, &str)] = &[
    ("no_business_licence", "未取得燃气经营许可证从事燃气经营活动"),
    ("no_dual_prevention", "未建立安全风险分级管控和隐患排查治理双重预防工作机制"),
    ("no_emergency_plan", "未制定生产安全事故应急救援预案或未定期组织演练"),
    ("no_user_inspection", "未建立对燃气用户燃气设施的定期安全检查制度或未按规定开展入户安检"),
    ("tank_without_alarms", "燃气储罐未设置压力、温度、液位监测及超限报警装置"),
    ("no_overpressure_cutoff", "调压装置未设置超压切断或放散装置"),
    ("no_emergency_shutoff", "燃气场站、储罐未按规定设置紧急切断装置"),
    ("no_leak_alarm_in_station", "燃气场站、用气场所未按规定设置可燃气体泄漏报警装置"),
    ("pipeline_occupied", "燃气管道及设施被建筑物、构筑物占压，或安全间距不足"),
    ("unqualified_cylinders", "充装非自有产权、超期未检、报废或不合格的液化石油气钢瓶"),
    ("supply_unsafe_user", "向不具备安全用气条件的用户供气"),
    ("uncertified_key_staff", "主要负责人、安全生产管理人员或运行维护人员未经考核合格上岗"),
];

pub fn criterion_name(code: &str) -> Option<&'static str> {
    MAJOR_CRITERIA.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The level a finding is recorded at: 重大 when it meets a major-hazard criterion, else as reported.
pub fn classify(reported: HazardLevel, criterion: Option<&str>) -> HazardLevel {
    if criterion.and_then(criterion_name).is_some() {
        HazardLevel::Major
    } else {
        reported
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HazardState {
    Found,
    Rectifying,
    AwaitingReview,
    Closed,
}

pub const STATES: [HazardState; 4] =
    [HazardState::Found, HazardState::Rectifying, HazardState::AwaitingReview, HazardState::Closed];

impl HazardState {
    pub fn as_str(self) -> &'static str {
        match self {
            HazardState::Found => "found",
            HazardState::Rectifying => "rectifying",
            HazardState::AwaitingReview => "awaiting_review",
            HazardState::Closed => "closed",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            HazardState::Found => "待整改",
            HazardState::Rectifying => "整改中",
            HazardState::AwaitingReview => "待复核",
            HazardState::Closed => "已销号",
        }
    }
    pub fn parse(s: &str) -> Option<HazardState> {
        STATES.into_iter().find(|x| x.as_str() == s)
    }
    /// Still open (counts as overdue once past its deadline).
    pub fn is_open(self) -> bool {
        self != HazardState::Closed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HazardAction {
    /// 开始整改 (enterprise)
    Start,
    /// 提交复核 (enterprise, with its evidence)
    Submit,
    /// 复核通过并销号 (authority; the enterprise itself for a general hazard)
    Close,
    /// 复核不通过，退回整改 (authority, with a reason)
    Reject,
}

pub const ACTIONS: [HazardAction; 4] =
    [HazardAction::Start, HazardAction::Submit, HazardAction::Close, HazardAction::Reject];

impl HazardAction {
    pub fn as_str(self) -> &'static str {
        match self {
            HazardAction::Start => "start",
            HazardAction::Submit => "submit",
            HazardAction::Close => "close",
            HazardAction::Reject => "reject",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            HazardAction::Start => "开始整改",
            HazardAction::Submit => "提交复核",
            HazardAction::Close => "复核销号",
            HazardAction::Reject => "退回整改",
        }
    }
    pub fn parse(s: &str) -> Option<HazardAction> {
        ACTIONS.into_iter().find(|a| a.as_str() == s)
    }
}

/// Who acts on a hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HazardActor {
    /// The enterprise responsible for the hazard.
    Enterprise,
    /// The supervising gas authority (city or county).
    Authority,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HazardError {
    #[error("隐患当前为“{state}”，不能{action}")]
    IllegalTransition { state: &'static str, action: &'static str },
    #[error("{0}须经燃气主管部门复核后销号，企业不能自行销号")]
    ReviewRequired(&'static str),
    #[error("只有{0}可以{1}")]
    WrongActor(&'static str, &'static str),
    #[error("{0}时必须填写说明")]
    NoteRequired(&'static str),
}

impl HazardState {
    /// The state after `action` by `actor` on a hazard of `level`, or why not. `note` is the
    /// rectification evidence (submit) or the reason (reject): both are required.
    pub fn apply(
        self,
        action: HazardAction,
        actor: HazardActor,
        level: HazardLevel,
        note: Option<&str>,
    ) -> Result<HazardState, HazardError> {
        use HazardAction::*;
        use HazardState::*;
        let (from, to) = match action {
            Start => (Found, Rectifying),
            Submit => (Rectifying, AwaitingReview),
            Close => (AwaitingReview, Closed),
            Reject => (AwaitingReview, Rectifying),
        };
        let illegal = || HazardError::IllegalTransition { state: self.name_zh(), action: action.name_zh() };
        if self != from {
            return Err(illegal());
        }
        match (action, actor) {
            (Start | Submit, HazardActor::Authority) => {
                return Err(HazardError::WrongActor("隐患责任企业", action.name_zh()));
            }
            (Reject, HazardActor::Enterprise) => return Err(HazardError::WrongActor("燃气主管部门", action.name_zh())),
            (Close, HazardActor::Enterprise) if level != HazardLevel::General => {
                return Err(HazardError::ReviewRequired(level.name_zh()));
            }
            _ => {}
        }
        if matches!(action, Submit | Reject) && note.is_none_or(|n| n.trim().is_empty()) {
            return Err(HazardError::NoteRequired(action.name_zh()));
        }
        Ok(to)
    }

    /// What `actor` may do now on a hazard of `level` (for the answer to an illegal request, and
    /// for the buttons the UI shows).
    pub fn allowed(self, actor: HazardActor, level: HazardLevel) -> Vec<HazardAction> {
        ACTIONS.into_iter().filter(|a| self.apply(*a, actor, level, Some("说明")).is_ok()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use HazardAction::*;
    use HazardActor::*;
    use HazardLevel::*;
    use HazardState::*;

    #[test]
    fn the_happy_path_and_its_guards() {
        assert_eq!(Found.apply(Start, Enterprise, Major, None), Ok(Rectifying));
        assert_eq!(Rectifying.apply(Submit, Enterprise, Major, Some("已更换胶管，见照片")), Ok(AwaitingReview));
        assert_eq!(Rectifying.apply(Submit, Enterprise, Major, Some(" ")), Err(HazardError::NoteRequired("提交复核")));
        assert_eq!(AwaitingReview.apply(Reject, Authority, Major, Some("照片不清")), Ok(Rectifying));
        assert_eq!(AwaitingReview.apply(Close, Authority, Major, None), Ok(Closed));
        // Closing an unreviewed hazard.
        assert!(matches!(
            Rectifying.apply(Close, Authority, General, None),
            Err(HazardError::IllegalTransition { .. })
        ));
        assert!(matches!(Found.apply(Close, Enterprise, General, None), Err(HazardError::IllegalTransition { .. })));
        // An enterprise closing its own major hazard.
        assert_eq!(AwaitingReview.apply(Close, Enterprise, Major, None), Err(HazardError::ReviewRequired("重大隐患")));
        assert_eq!(AwaitingReview.apply(Close, Enterprise, General, None), Ok(Closed));
        assert!(matches!(Found.apply(Start, Authority, General, None), Err(HazardError::WrongActor(..))));
        assert_eq!(AwaitingReview.allowed(Authority, Major), vec![Close, Reject]);
        assert_eq!(AwaitingReview.allowed(Enterprise, Major), Vec::<HazardAction>::new());
        assert_eq!(AwaitingReview.allowed(Enterprise, General), vec![Close]);
        assert!(Closed.allowed(Authority, General).is_empty() && Closed.allowed(Enterprise, General).is_empty());
    }

    #[test]
    fn a_major_criterion_makes_a_finding_major() {
        assert_eq!(classify(General, Some("pipeline_occupied")), Major);
        assert_eq!(classify(Larger, None), Larger);
        assert_eq!(classify(General, Some("no_such_criterion")), General);
    }

    fn any_action() -> impl Strategy<Value = (HazardAction, bool)> {
        (prop::sample::select(ACTIONS.to_vec()), any::<bool>())
    }

    proptest! {
        /// Whatever anyone tries, in any order: a hazard is closed only straight from review, a
        /// larger or major hazard only by the authority, and nothing leaves the closed state.
        #[test]
        fn closure_always_passes_review(level in prop::sample::select(LEVELS.to_vec()),
                                        steps in prop::collection::vec(any_action(), 0..40)) {
            let mut state = Found;
            for (action, by_authority) in steps {
                let actor = if by_authority { Authority } else { Enterprise };
                match state.apply(action, actor, level, Some("说明")) {
                    Ok(next) => {
                        prop_assert!(state != Closed, "closed is final");
                        if next == Closed {
                            prop_assert_eq!(state, AwaitingReview);
                            prop_assert!(actor == Authority || level == General);
                        }
                        prop_assert!(state.allowed(actor, level).contains(&action));
                        state = next;
                    }
                    Err(_) => prop_assert!(!state.allowed(actor, level).contains(&action)),
                }
            }
        }
    }
}
