//! Overview (综合监管 · 一张图, article 3): the one map — county boundaries, the pipeline network and
//! facilities as vector tiles, all within the caller's data scope.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
