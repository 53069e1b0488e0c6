//! Tables of the platform itself: regions, organisations, accounts, sessions, the audit log.

pub mod app_user;
pub mod audit_log;
pub mod org;
pub mod region;
pub mod session;
