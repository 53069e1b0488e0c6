//! HTTP handlers of patrols.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
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
        .routes(routes!(list_patrols))
        .routes(routes!(patrol_completion))
        .routes(routes!(patrols_behind))
        .routes(routes!(patrol_plan))
        .routes(routes!(get_patrol))
        .merge(ingest::router(upload_max_bytes))
}

crate::ingest_routes!(
    service::PatrolRecord,
    PatrolInput,
    tag = "safety",
    batch = "/patrols/batch",
    import = "/patrols/import",
    template = "/patrols/template"
);

/// Patrol records in the caller's scope, newest first; `format=xlsx` exports them in the import
/// template's columns.
#[utoipa::path(get, path = "/patrols", tag = "safety", params(PageParams, PatrolFilter),
    responses((status = 200, body = PatrolList), (status = 401, body = Problem)))]
async fn list_patrols(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<PatrolFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let targets = service::targets_named(&state, &scope, f.q.as_deref()).await?;
        let q = store::filtered(&scope, &f, &targets);
        let rows = all(&state.db.conn, q, patrol::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
            ("对象类型", f.target_kind.clone()),
            ("结果", f.result.clone()),
            ("起", f.from.map(|d| d.to_string())),
            ("止", f.to.map(|d| d.to_string())),
        ];
        return export::<service::PatrolRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    Ok(axum::Json(service::list(&state, &scope, &f, &page).await?).into_response())
}

/// Completion against the patrol plan per enterprise, county or class over a period (default the
/// last 30 days), lowest rate first.
#[utoipa::path(get, path = "/patrols/completion", tag = "safety", params(CompletionQuery),
    responses((status = 200, body = PatrolCompletion), (status = 422, body = Problem)))]
async fn patrol_completion(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<CompletionQuery>,
) -> AppResult<axum::Json<PatrolCompletion>> {
    Ok(axum::Json(service::completion(&state, &p.scope(), &q).await?))
}

/// Segments and facilities patrolled less often than planned in the period, largest shortfall first.
#[utoipa::path(get, path = "/patrols/behind", tag = "safety", params(PageParams, CompletionQuery),
    responses((status = 200, body = BehindList), (status = 422, body = Problem)))]
async fn patrols_behind(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(q): Query<CompletionQuery>,
) -> AppResult<axum::Json<BehindList>> {
    Ok(axum::Json(service::behind(&state, &p.scope(), &q, &page).await?))
}

/// The planned patrol frequency in force (days between patrols per pressure class and facility kind).
#[utoipa::path(get, path = "/patrols/plan", tag = "safety", responses((status = 200, body = Vec<PlanEntry>)))]
async fn patrol_plan(State(state): State<AppState>, Auth(_p): Auth) -> axum::Json<Vec<PlanEntry>> {
    axum::Json(service::plan(&state))
}

/// One patrol record with its track.
#[utoipa::path(get, path = "/patrols/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = PatrolDto), (status = 404, body = Problem)))]
async fn get_patrol(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<PatrolDto>> {
    Ok(axum::Json(service::get(&state, &p.scope(), id).await?))
}
