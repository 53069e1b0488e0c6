//! HTTP handlers of hazards and their rectification.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::files;
use crate::platform::ingest::export;
use crate::platform::list::{all, today, PageParams};
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_hazards))
        .routes(routes!(hazard_rectification))
        .routes(routes!(get_hazard))
        .routes(routes!(hazard_transition))
        .routes(routes!(hazard_photo))
        .merge(OpenApiRouter::new().routes(routes!(upload_photo)).layer(DefaultBodyLimit::max(upload_max_bytes)))
        .merge(ingest::router(upload_max_bytes))
}

crate::ingest_routes!(
    service::HazardRecord,
    HazardInput,
    tag = "safety",
    batch = "/hazards/batch",
    import = "/hazards/import",
    template = "/hazards/template"
);

/// Hazards in the caller's scope (newest first; `overdue=true`: most overdue first); `format=xlsx`
/// exports them in the import template's columns.
#[utoipa::path(get, path = "/hazards", tag = "safety", params(PageParams, HazardFilter),
    responses((status = 200, body = HazardList), (status = 401, body = Problem)))]
async fn list_hazards(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<HazardFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &f, today());
        let rows = all(&state.db.conn, q, hazard::Column::Id, state.config.export_max_rows).await?;
        let rows = service::sheet(&state, rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
            ("状态", f.state.clone()),
            ("等级", f.level.clone()),
            ("来源", f.source.clone()),
            ("超期", f.overdue.map(|o| o.to_string())),
        ];
        return export::<service::HazardRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    Ok(axum::Json(service::list(&state, &p, &f, &page).await?).into_response())
}

/// One hazard with its rectification history, evidence photos and the steps the caller may take.
#[utoipa::path(get, path = "/hazards/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = HazardDto), (status = 404, body = Problem)))]
async fn get_hazard(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<HazardDto>> {
    Ok(axum::Json(service::get(&state, &p, id).await?))
}

/// A rectification step: `start`, `submit` (with `note`: what was done), `close` (review passed,
/// 销号) or `reject` (with `note`: why). A step not allowed now is 409 with `allowed`.
#[utoipa::path(post, path = "/hazards/{id}/transitions", tag = "safety", params(("id" = i64, Path)), request_body = TransitionInput,
    responses((status = 200, body = HazardDto), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn hazard_transition(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<TransitionInput>,
) -> AppResult<axum::Json<HazardDto>> {
    Ok(axum::Json(service::transition(&state, &p, ip.0, id, &input).await?))
}

/// Upload an evidence photo (multipart field `file`; JPEG, PNG or WebP, at most `photo_max_bytes`):
/// it becomes part of the next step.
#[utoipa::path(post, path = "/hazards/{id}/photos", tag = "safety", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = HazardDto), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<HazardDto>> {
    let (name, bytes) = files::one_file(multipart).await?;
    Ok(axum::Json(service::attach_photo(&state, &p, ip.0, id, &name, bytes).await?))
}

/// An evidence photo.
#[utoipa::path(get, path = "/hazards/{id}/photos/{pid}", tag = "safety", params(("id" = i64, Path), ("pid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn hazard_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, pid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (ph, bytes) = service::photo_bytes(&state, &p.scope(), id, pid).await?;
    let mut r = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&ph.content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(r)
}

/// Hazards found, closed, open, overdue and major-open per county, enterprise, level or source
/// (most overdue first), with the rectification rate.
#[utoipa::path(get, path = "/hazards/rectification", tag = "safety", params(RectificationQuery),
    responses((status = 200, body = RectificationStats), (status = 422, body = Problem)))]
async fn hazard_rectification(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<RectificationQuery>,
) -> AppResult<axum::Json<RectificationStats>> {
    if let Some(g) = q.group.as_deref() {
        if !["region", "enterprise", "level", "source"].contains(&g) {
            return Err(AppError::field("group", "分组应为 region、enterprise、level 或 source"));
        }
    }
    Ok(axum::Json(service::rectification(&state, &p.scope(), &q).await?))
}
