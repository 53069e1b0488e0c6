//! System management (系统管理, articles 20 and 26): login, accounts and roles, organisations,
//! regions, and the audit log.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
