//! Readings (读数): ingestion from enterprise systems (HTTP, JSON or CSV), MQTT and manual
//! reporting (人工抄报) through one path, their rollups for charts, and retention.

pub mod model;
pub mod mqtt;
pub mod routes;
pub mod service;
pub mod store;
