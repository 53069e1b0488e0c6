//! Industry management (行业管理, article 8 and 16): the ledgers of enterprises and, in later
//! issues, practitioners, pipelines, stations, communities, gas users and LPG cylinders.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
