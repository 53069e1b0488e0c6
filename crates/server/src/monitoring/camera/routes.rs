//! HTTP handlers of station cameras.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Path, Query};
use crate::platform::ingest::export;
use crate::platform::list::{all, PageParams};
use crate::startup::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cameras))
        .routes(routes!(get_camera))
        .routes(routes!(check_camera))
        .merge(ingest::router(upload_max_bytes))
}

/// Station cameras in the caller's scope, with whether their stream answered at the last check.
#[utoipa::path(get, path = "/cameras", tag = "monitoring", params(PageParams, CameraFilter),
    responses((status = 200, body = CameraList), (status = 401, body = Problem)))]
async fn list_cameras(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(filter): Query<CameraFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &filter);
        let rows = all(&state.db.conn, q, camera::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let f = [("关键字", filter.q.clone()), ("区划", filter.region_code.clone())];
        return export::<service::CameraRecord>(&state, &Actor::of(&p, ip.0), rows, &f).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &filter, &page).await?;
    Ok(axum::Json(CameraList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One camera.
#[utoipa::path(get, path = "/cameras/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = CameraDto), (status = 404, body = Problem)))]
async fn get_camera(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<CameraDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::to_dtos(&state, vec![m]).await?.remove(0)))
}

/// Check the camera's stream now.
#[utoipa::path(post, path = "/cameras/{id}/check", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = CameraDto), (status = 404, body = Problem)))]
async fn check_camera(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<CameraDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    let m = service::check(&state, vec![m]).await?;
    Ok(axum::Json(service::to_dtos(&state, m).await?.remove(0)))
}

crate::ingest_routes!(
    service::CameraRecord,
    CameraInput,
    tag = "monitoring",
    batch = "/cameras/batch",
    import = "/cameras/import",
    template = "/cameras/import-template"
);
