//! Shared machinery used by every module: configuration, database, errors, authentication,
//! data scope, audit log, Excel import/export, metrics, the embedded web UI.

pub mod audit;
pub mod auth;
pub mod cache;
pub mod config;
pub mod crypto;
pub mod db;
pub mod entities;
pub mod error;
pub mod excel;
pub mod extract;
pub mod fields;
pub mod files;
pub mod geo;
pub mod guard;
pub mod ingest;
pub mod list;
pub mod metrics;
pub mod migration;
pub mod names;
pub mod reference;
pub mod scope;
pub mod spatial;
pub mod tally;
pub mod web;
