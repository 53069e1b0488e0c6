//! Operation monitoring (运行监测, article 7): monitoring points (监测点), readings from enterprise
//! systems, MQTT and manual reporting (人工抄报), alarms supervised to disposal, and the live state
//! of every point kept in memory (`live`). Each area in the same shape: `model.rs`, `store.rs`,
//! `service.rs`, `routes.rs` per folder.

pub mod alarm;
pub mod camera;
pub mod live;
pub mod point;
pub mod reading;

use crate::startup::AppState;
use utoipa_axum::router::OpenApiRouter;

/// Every monitoring route, under `/api/v1/monitoring`.
pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(point::routes::router(upload_max_bytes))
        .merge(reading::routes::router(upload_max_bytes))
        .merge(alarm::routes::router())
        .merge(camera::routes::router(upload_max_bytes))
}
