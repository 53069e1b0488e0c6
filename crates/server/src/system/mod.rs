//! System management (系统管理, articles 20 and 26): login, accounts and roles, organisations,
//! regions, the audit log, the working-day calendar and notifications to organisations.

pub mod calendar;
pub mod model;
pub mod notification;
pub mod routes;
pub mod service;
pub mod store;
