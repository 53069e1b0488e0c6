//! Supervision checks and spot checks (监督检查/抽查): tasks issued by the city (split into one
//! sub-task per county) or by a county, items assigned to inspectors and executed on the phone
//! (checklist, photos, location and trail, uploaded exactly once), hazards from failed points, and
//! the comparison with the enterprise's own records (discrepancies).

pub mod model;
pub mod routes;
pub mod service;
pub mod store;
