//! Third-party construction (第三方施工) near gas pipelines: the sites enterprises report, and the
//! pipelines within the configured distance of each, found in the in-memory pipeline layer.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
