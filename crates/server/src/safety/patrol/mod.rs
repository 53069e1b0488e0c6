//! Patrols (巡查巡检) of pipelines and facilities: the enterprises' patrol records, and completion
//! against the planned frequency per pressure class and facility type (configuration).

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
