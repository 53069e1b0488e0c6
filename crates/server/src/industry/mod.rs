//! Industry management (行业管理, articles 8 and 16): the ledgers of enterprises, practitioners and,
//! in later issues, pipelines, stations, communities, gas users and LPG cylinders. Each ledger is a
//! folder of the same shape: `model.rs`, `store.rs`, `service.rs`, `routes.rs`.

pub mod community;
pub mod enterprise;
pub mod filing;
pub mod lpg;
pub mod pipeline;
pub mod practitioner;
pub mod station;

use crate::startup::AppState;
use utoipa_axum::router::OpenApiRouter;

/// Every ledger's routes, under `/api/v1/industry`.
pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(enterprise::routes::router(upload_max_bytes))
        .merge(practitioner::routes::router(upload_max_bytes))
        .merge(pipeline::routes::router(upload_max_bytes))
        .merge(station::routes::router(upload_max_bytes))
        .merge(community::routes::router(upload_max_bytes))
        .merge(lpg::routes::router(upload_max_bytes))
        .merge(filing::routes::router(upload_max_bytes))
}
