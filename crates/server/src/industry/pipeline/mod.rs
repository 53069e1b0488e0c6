//! The pipeline network ledger (燃气管网台账, article 8 and 9): segments with geometry, pressure class,
//! material, diameter, construction year and burial depth; lengths computed on the ellipsoid.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
