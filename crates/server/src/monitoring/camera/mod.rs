//! Station video (重点厂站实时监控视频): cameras with their HLS stream and whether it answers.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
