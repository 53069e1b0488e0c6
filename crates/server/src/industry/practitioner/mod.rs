//! The practitioner ledger (从业人员台账, article 8): enterprises' staff, their posts and certificates;
//! certified rates and expiring certificates;
//! training and examination records.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod training;
