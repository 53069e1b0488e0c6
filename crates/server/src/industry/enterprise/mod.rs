//! The enterprise ledger (企业台账): gas enterprises keyed by unified social credit code.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
