//! Monitoring points (监测点): the ledger of measuring points with their thresholds.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
