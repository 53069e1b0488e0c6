//! New residential community pipeline-gas access filing (新建居民小区管道天然气接入备案): an explicit
//! state machine. The enterprise files, the county authority approves or returns it with a reason,
//! the enterprise corrects and files again.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingState {
    Submitted,
    Approved,
    Returned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingAction {
    Approve,
    Return,
    Resubmit,
}

/// Who acts: the filing enterprise or the supervising authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingActor {
    Enterprise,
    Authority,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilingError {
    #[error("备案当前为“{state}”，不能{action}")]
    IllegalTransition { state: &'static str, action: &'static str },
    #[error("只有{0}可以{1}")]
    WrongActor(&'static str, &'static str),
    #[error("退回时必须填写退回原因")]
    ReasonRequired,
}

impl FilingState {
    pub fn as_str(self) -> &'static str {
        match self {
            FilingState::Submitted => "submitted",
            FilingState::Approved => "approved",
            FilingState::Returned => "returned",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            FilingState::Submitted => "待审核",
            FilingState::Approved => "已备案",
            FilingState::Returned => "已退回",
        }
    }
    pub fn parse(s: &str) -> Option<FilingState> {
        [FilingState::Submitted, FilingState::Approved, FilingState::Returned].into_iter().find(|x| x.as_str() == s)
    }

    /// The state after `action` by `actor`, or why it is not allowed.
    pub fn apply(
        self,
        action: FilingAction,
        actor: FilingActor,
        reason: Option<&str>,
    ) -> Result<FilingState, FilingError> {
        let (needed, verb, from, to) = match action {
            FilingAction::Approve => {
                (FilingActor::Authority, "审核通过", FilingState::Submitted, FilingState::Approved)
            }
            FilingAction::Return => (FilingActor::Authority, "退回", FilingState::Submitted, FilingState::Returned),
            FilingAction::Resubmit => {
                (FilingActor::Enterprise, "重新提交", FilingState::Returned, FilingState::Submitted)
            }
        };
        if actor != needed {
            let who = if needed == FilingActor::Authority { "县级燃气主管部门" } else { "备案企业" };
            return Err(FilingError::WrongActor(who, verb));
        }
        if self != from {
            return Err(FilingError::IllegalTransition { state: self.name_zh(), action: verb });
        }
        if action == FilingAction::Return && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(FilingError::ReasonRequired);
        }
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FilingAction::*;
    use FilingActor::*;
    use FilingState::*;

    #[test]
    fn transitions() {
        assert_eq!(Submitted.apply(Approve, Authority, None), Ok(Approved));
        assert_eq!(Submitted.apply(Return, Authority, Some("缺少竣工验收资料")), Ok(Returned));
        assert_eq!(Submitted.apply(Return, Authority, Some("  ")), Err(FilingError::ReasonRequired));
        assert_eq!(Returned.apply(Resubmit, Enterprise, None), Ok(Submitted));
        assert!(matches!(Approved.apply(Return, Authority, Some("x")), Err(FilingError::IllegalTransition { .. })));
        assert!(matches!(Approved.apply(Approve, Authority, None), Err(FilingError::IllegalTransition { .. })));
        assert!(matches!(Submitted.apply(Approve, Enterprise, None), Err(FilingError::WrongActor(..))));
        assert!(matches!(Returned.apply(Resubmit, Authority, None), Err(FilingError::WrongActor(..))));
    }
}
