//! Safety management (安全管理, article 5): home safety inspections (入户安检), hazards and their
//! rectification (隐患整改), third-party construction (第三方施工), major hazard sources (重大危险源),
//! patrols (巡查巡检) and supervision checks (监督检查/抽查), in the same shape: `model.rs`, `store.rs`,
//! `service.rs`, `routes.rs` per folder.

pub mod hazard;
pub mod inspection;
pub mod major_hazard;
pub mod patrol;
pub mod supervision;
pub mod third_party_construction;

use crate::startup::AppState;
use utoipa_axum::router::OpenApiRouter;

/// Every safety route, under `/api/v1/safety`.
pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(inspection::routes::router(upload_max_bytes))
        .merge(hazard::routes::router(upload_max_bytes))
        .merge(third_party_construction::routes::router(upload_max_bytes))
        .merge(major_hazard::routes::router(upload_max_bytes))
        .merge(patrol::routes::router(upload_max_bytes))
        .merge(supervision::routes::router(upload_max_bytes))
}
