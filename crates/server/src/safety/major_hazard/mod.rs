//! Major hazard sources (重大危险源): the ledger of sources at enterprises' facilities with their
//! level, safeguards, periodic safety assessments and equipment maintenance, each a record type of
//! the data standard; assessments and maintenance past their period are flagged.

pub mod model;
pub mod records;
pub mod routes;
pub mod service;
pub mod store;
