//! Safety management (安全管理, article 5): home safety inspections (入户安检) now; patrols, hazards
//! and their rectification, major hazard sources, third-party construction and supervision checks
//! follow in the same shape: `model.rs`, `store.rs`, `service.rs`, `routes.rs` per folder.

pub mod hazard;
pub mod inspection;

use crate::startup::AppState;
use utoipa_axum::router::OpenApiRouter;

/// Every safety route, under `/api/v1/safety`.
pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(inspection::routes::router(upload_max_bytes))
        .merge(hazard::routes::router(upload_max_bytes))
}
