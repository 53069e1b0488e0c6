//! Communities and gas users (居民小区（村）与燃气用户, article 8): the units users are counted by, the
//! users with their safety devices (技防设施), and installation rates.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
