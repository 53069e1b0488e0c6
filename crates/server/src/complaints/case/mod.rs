//! Cases (投诉举报 / 服务申请 / 意见建议): intake, the handling workflow, deadlines and overdue
//! supervision, tracking and rating by the person, statistics.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
