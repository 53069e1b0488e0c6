//! Bottled LPG (瓶装燃气, article 8): cylinders registered to their filling enterprise, fillings with
//! the refusal rules (refused fillings kept as violations), and a cylinder's whole trace by its code.

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
