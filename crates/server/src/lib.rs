//! Ranjian server: the platform machinery (`platform`) and one folder per area of the regulation.
//! Every module has the same shape: `model.rs` (rows and DTOs), `store.rs` (queries taking a
//! `&Scope`), `service.rs` (use cases, validation, audit) and `routes.rs` (thin axum handlers).

pub mod complaints;
pub mod demo;
pub mod industry;
pub mod monitoring;
pub mod overview;
pub mod platform;
pub mod safety;
pub mod standard;
pub mod startup;
pub mod system;

pub use platform::config::Config;
pub use startup::{AppState, Application};
