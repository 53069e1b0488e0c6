//! Home safety inspections (入户安检): enterprises' records of inspecting their users' premises,
//! completion rates over the inspection cycle, and the users never or no longer inspected.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
