//! The station and facility ledger (厂站设施台账, article 8): gate, storage and distribution, LNG/CNG
//! and LPG stations, regulator stations and boxes, bottle supply points and valves, as located points.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
