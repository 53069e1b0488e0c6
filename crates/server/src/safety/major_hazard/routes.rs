//! HTTP handlers of the major hazard source ledger.

use super::model::*;
use super::{records, service};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::extract::{ClientIp, Path, Query};
use crate::platform::files;
use crate::platform::ingest::export;
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sources))
        .routes(routes!(source_stats))
        .routes(routes!(get_source))
        .routes(routes!(download_report))
        .merge(OpenApiRouter::new().routes(routes!(upload_report)).layer(DefaultBodyLimit::max(upload_max_bytes)))
        .merge(source_ingest::router(upload_max_bytes))
        .merge(assessment_ingest::router(upload_max_bytes))
        .merge(maintenance_ingest::router(upload_max_bytes))
}

mod source_ingest {
    use super::*;
    crate::ingest_routes!(
        service::MajorHazardRecord,
        MajorHazardInput,
        tag = "safety",
        batch = "/major-hazard-sources/batch",
        import = "/major-hazard-sources/import",
        template = "/major-hazard-sources/template"
    );
    pub use ingest::router;
}

mod assessment_ingest {
    use super::*;
    crate::ingest_routes!(
        records::AssessmentRecord,
        AssessmentInput,
        tag = "safety",
        batch = "/major-hazard-assessments/batch",
        import = "/major-hazard-assessments/import",
        template = "/major-hazard-assessments/template"
    );
    pub use ingest::router;
}

mod maintenance_ingest {
    use super::*;
    crate::ingest_routes!(
        records::MaintenanceRecord,
        MaintenanceInput,
        tag = "safety",
        batch = "/major-hazard-maintenance/batch",
        import = "/major-hazard-maintenance/import",
        template = "/major-hazard-maintenance/template"
    );
    pub use ingest::router;
}

/// Major hazard sources in the caller's scope, most severe first; `overdue=assessment|maintenance|any`
/// keeps those past their period; `format=xlsx` exports them in the import template's columns.
#[utoipa::path(get, path = "/major-hazard-sources", tag = "safety", params(PageParams, MajorHazardFilter),
    responses((status = 200, body = MajorHazardList), (status = 401, body = Problem)))]
async fn list_sources(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<MajorHazardFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let rows = service::export_rows(&state, &scope, &f).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
            ("等级", f.level.map(service::level_name)),
            ("超期", f.overdue.clone()),
            ("缺少技防措施", f.missing_safeguard.map(|m| m.to_string())),
        ];
        return export::<service::MajorHazardRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    Ok(axum::Json(service::list(&state, &scope, &f, &page).await?).into_response())
}

/// Sources per county, enterprise or level: by level, overdue assessments and maintenance, and how
/// many have every technical safeguard.
#[utoipa::path(get, path = "/major-hazard-sources/stats", tag = "safety", params(MajorHazardStatsQuery),
    responses((status = 200, body = MajorHazardStats), (status = 422, body = Problem)))]
async fn source_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<MajorHazardStatsQuery>,
) -> AppResult<axum::Json<MajorHazardStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

/// One source with its assessments and maintenance records, newest first.
#[utoipa::path(get, path = "/major-hazard-sources/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = MajorHazardDetail), (status = 404, body = Problem)))]
async fn get_source(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<MajorHazardDetail>> {
    Ok(axum::Json(service::detail(&state, &p.scope(), id).await?))
}

/// Upload the report of an assessment (multipart `file`: PDF, JPEG or PNG; it replaces an earlier one).
#[utoipa::path(post, path = "/major-hazard-sources/{id}/assessments/{aid}/report", tag = "safety",
    params(("id" = i64, Path), ("aid" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = MajorHazardDetail), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_report(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path((id, aid)): Path<(i64, i64)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<MajorHazardDetail>> {
    let (name, bytes) = files::one_file(multipart).await?;
    Ok(axum::Json(service::attach_report(&state, &p, ip.0, (id, aid), &name, bytes).await?))
}

/// Download the report of an assessment.
#[utoipa::path(get, path = "/major-hazard-sources/{id}/assessments/{aid}/report", tag = "safety",
    params(("id" = i64, Path), ("aid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn download_report(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, aid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (name, kind, bytes) = service::report(&state, &p.scope(), id, aid).await?;
    Ok(files::download(&name, &kind, bytes))
}
