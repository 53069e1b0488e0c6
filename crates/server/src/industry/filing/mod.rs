//! New residential community pipeline-gas access filing (新建居民小区管道天然气接入备案, article 8):
//! the enterprise files with its documents, the county authority approves or returns it.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
