//! Service supervision (服务监督, article 6): complaints, reports, service requests and suggestions
//! (cases) received from the public form, phone calls, the city hotline and the enterprises
//! themselves; handed down level by level, answered, fed back and rated; deadlines in working days
//! supervised by the scheduler; statistics. Same shape as every module: `model.rs`, `store.rs`,
//! `service.rs`, `routes.rs`.

pub mod case;

use crate::startup::AppState;
use utoipa_axum::router::OpenApiRouter;

/// Every route of the module, under `/api/v1/complaints`.
pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    case::routes::router(upload_max_bytes)
}

/// The routes open to the public (no login), under `/api/v1/public`.
pub fn public_router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    case::routes::public_router(upload_max_bytes)
}
