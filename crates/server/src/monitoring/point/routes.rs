//! HTTP handlers of the monitoring point ledger.

use super::model::*;
use super::{service, store};
use crate::monitoring::reading::model::{SeriesQuery, SeriesResponse};
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
        .routes(routes!(list_points))
        .routes(routes!(get_point))
        .routes(routes!(point_summary))
        .routes(routes!(point_geojson))
        .routes(routes!(point_series))
        .merge(ingest::router(upload_max_bytes))
}

/// Monitoring points in the caller's scope, with their live value and status.
#[utoipa::path(get, path = "/points", tag = "monitoring", params(PageParams, PointFilter),
    responses((status = 200, body = PointList), (status = 401, body = Problem)))]
async fn list_points(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(filter): Query<PointFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    let ids = filter.state.as_deref().filter(|s| !s.is_empty()).map(|s| service::ids_in_state(&state, &scope, s));
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &filter, ids.as_deref());
        let rows = all(&state.db.conn, q, point::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let f = [
            ("关键字", filter.q.clone()),
            ("区划", filter.region_code.clone()),
            ("监测类型", filter.kind.clone()),
            ("状态", filter.state.clone()),
            ("企业", filter.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::PointRecord>(&state, &Actor::of(&p, ip.0), rows, &f).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &filter, ids.as_deref(), &page).await?;
    Ok(axum::Json(PointList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One monitoring point.
#[utoipa::path(get, path = "/points/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = PointDto), (status = 404, body = Problem)))]
async fn get_point(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<PointDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::to_dtos(&state, vec![m]).await?.remove(0)))
}

/// Points in alarm, offline and never reported, by county or enterprise.
#[utoipa::path(get, path = "/points/summary", tag = "monitoring", params(SummaryQuery),
    responses((status = 200, body = Summary)))]
async fn point_summary(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<SummaryQuery>,
) -> AppResult<axum::Json<Summary>> {
    Ok(axum::Json(service::summary(&state, &p.scope(), &q).await?))
}

/// The points as GeoJSON with their live status, for the map.
#[utoipa::path(get, path = "/points/geojson", tag = "monitoring", params(MapFilter),
    responses((status = 200, description = "GeoJSON FeatureCollection")))]
async fn point_geojson(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(f): Query<MapFilter>,
) -> AppResult<axum::Json<serde_json::Value>> {
    Ok(axum::Json(service::geojson(&state, &p.scope(), &f).await?))
}

/// A point's values over a time range: raw readings for short ranges, minute, hour or day rollups
/// for longer ones (a year draws as fast as an hour).
#[utoipa::path(get, path = "/points/{id}/series", tag = "monitoring", params(("id" = i64, Path), SeriesQuery),
    responses((status = 200, body = SeriesResponse), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn point_series(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
    Query(q): Query<SeriesQuery>,
) -> AppResult<axum::Json<SeriesResponse>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(crate::monitoring::reading::service::series(&state, &m, &q).await?))
}

crate::ingest_routes!(
    service::PointRecord,
    PointInput,
    tag = "monitoring",
    batch = "/points/batch",
    import = "/points/import",
    template = "/points/import-template"
);
