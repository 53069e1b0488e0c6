//! HTTP handlers of the pipeline network.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::ClientIp;
use crate::platform::extract::{Path, Query};
use crate::platform::ingest::export;
use crate::platform::list::all;
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_segments))
        .routes(routes!(get_segment))
        .routes(routes!(network_stats))
        .merge(ingest::router(upload_max_bytes))
}

/// Pipeline segments in the caller's scope.
#[utoipa::path(get, path = "/pipeline-segments", tag = "industry", params(PageParams, SegmentFilter),
    responses((status = 200, body = SegmentList), (status = 401, body = Problem)))]
async fn list_segments(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(filter): Query<SegmentFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &filter);
        let rows = all(&state.db.conn, q, segment::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let f = [
            ("关键字", filter.q.clone()),
            ("区划", filter.region_code.clone()),
            ("压力级制", filter.pressure_class.clone()),
            ("管材", filter.material.clone()),
            ("企业", filter.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::SegmentRecord>(&state, &Actor::of(&p, ip.0), rows, &f).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &filter, &page).await?;
    Ok(axum::Json(SegmentList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One pipeline segment with its geometry.
#[utoipa::path(get, path = "/pipeline-segments/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = SegmentDto), (status = 404, body = Problem)))]
async fn get_segment(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<SegmentDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::to_dtos(&state, vec![m]).await?.remove(0)))
}

/// Network length and segment count by pressure class, material, construction decade, region or enterprise.
#[utoipa::path(get, path = "/pipeline-segments/stats", tag = "industry", params(NetworkStatsQuery),
    responses((status = 200, body = NetworkStats)))]
async fn network_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<NetworkStatsQuery>,
) -> AppResult<axum::Json<NetworkStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

crate::ingest_routes!(
    service::SegmentRecord,
    SegmentInput,
    tag = "industry",
    batch = "/pipeline-segments/batch",
    import = "/pipeline-segments/import",
    template = "/pipeline-segments/import-template"
);
