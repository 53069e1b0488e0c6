//! Alarms (报警): raised by readings and silence, acknowledged and handled by the enterprise,
//! escalated and supervised when they are not, and pushed live to open browsers.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
