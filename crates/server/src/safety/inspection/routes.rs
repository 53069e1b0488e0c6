//! HTTP handlers of home safety inspections.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Path, Query};
use crate::platform::ingest::export;
use crate::platform::list::{all, today, PageParams};
use crate::startup::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_inspections))
        .routes(routes!(inspection_completion))
        .routes(routes!(due_users))
        .routes(routes!(get_inspection))
        .routes(routes!(inspection_photo))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(upload_photo))
                .layer(axum::extract::DefaultBodyLimit::max(upload_max_bytes)),
        )
        .merge(ingest::router(upload_max_bytes))
}

crate::ingest_routes!(
    service::HomeInspectionRecord,
    HomeInspectionInput,
    tag = "safety",
    batch = "/home-inspections/batch",
    import = "/home-inspections/import",
    template = "/home-inspections/template"
);

/// Home safety inspections in the caller's scope, newest first; `format=xlsx` exports them in the
/// import template's columns.
#[utoipa::path(get, path = "/home-inspections", tag = "safety", params(PageParams, HomeInspectionFilter),
    responses((status = 200, body = HomeInspectionList), (status = 401, body = Problem)))]
async fn list_inspections(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<HomeInspectionFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &f);
        let rows = all(&state.db.conn, q, home_inspection::Column::Id, state.config.export_max_rows).await?;
        let rows = service::sheet(&state, rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
            ("小区", f.community_id.map(|c| c.to_string())),
            ("安检结果", f.outcome.clone()),
            ("起", f.from.map(|d| d.to_string())),
            ("止", f.to.map(|d| d.to_string())),
        ];
        return export::<service::HomeInspectionRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &f, &page).await?;
    Ok(axum::Json(HomeInspectionList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One inspection with its photos.
#[utoipa::path(get, path = "/home-inspections/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = HomeInspectionDetail), (status = 404, body = Problem)))]
async fn get_inspection(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<HomeInspectionDetail>> {
    Ok(axum::Json(service::detail(&state, &p.scope(), id).await?))
}

/// A photo taken during the inspection (multipart `file`: JPEG, PNG or WebP, at most
/// `photo_max_bytes`); the same file twice is kept once.
#[utoipa::path(post, path = "/home-inspections/{id}/photos", tag = "safety", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = HomeInspectionDetail), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<axum::Json<HomeInspectionDetail>> {
    let (name, bytes) = crate::platform::files::one_file(multipart).await?;
    Ok(axum::Json(service::attach_photo(&state, &p, ip.0, id, &name, bytes).await?))
}

/// A photo of an inspection.
#[utoipa::path(get, path = "/home-inspections/{id}/photos/{pid}", tag = "safety",
    params(("id" = i64, Path), ("pid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn inspection_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, pid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (kind, bytes) = service::photo_bytes(&state, &p.scope(), id, pid).await?;
    let mut r = bytes.into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&kind) {
        r.headers_mut().insert(axum::http::header::CONTENT_TYPE, v);
    }
    Ok(r)
}

/// Completion of home inspections over the cycle (households every 24 months, others every 12, as
/// configured), per county, township, community, enterprise or user category, lowest rate first.
#[utoipa::path(get, path = "/home-inspections/completion", tag = "safety", params(CompletionQuery),
    responses((status = 200, body = CompletionStats), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn inspection_completion(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<CompletionQuery>,
) -> AppResult<axum::Json<CompletionStats>> {
    if let Some(g) = q.group.as_deref() {
        if !["region", "township", "community", "enterprise", "category"].contains(&g) {
            return Err(AppError::field("group", "分组应为 region、township、community、enterprise 或 category"));
        }
    }
    Ok(axum::Json(service::completion(&state, &p.scope(), &q).await?))
}

/// Active users never inspected, or not inspected within their cycle; `format=xlsx` exports them.
#[utoipa::path(get, path = "/home-inspections/due-users", tag = "safety", params(PageParams, DueFilter),
    responses((status = 200, body = DueUserList), (status = 401, body = Problem)))]
async fn due_users(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<DueFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    let cutoffs = service::cycle(&state).cutoffs(today());
    if page.wants_xlsx() {
        let q = store::due_all(&scope, &f, cutoffs);
        let rows = all(
            &state.db.conn,
            q,
            crate::industry::community::model::gas_user::Column::Id,
            state.config.export_max_rows,
        )
        .await?;
        return service::export_due(&state, &Actor::of(&p, ip.0), rows, &f).await;
    }
    Ok(axum::Json(service::due(&state, &scope, &f, &page).await?).into_response())
}
