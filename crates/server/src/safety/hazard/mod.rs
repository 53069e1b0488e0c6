//! Hazards (隐患) and their rectification to closure: found by home inspections, patrols, spot
//! checks, complaints or the enterprises' own checks; rectified by the enterprise, reviewed by the
//! authority; overdue raised by the scheduler.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
