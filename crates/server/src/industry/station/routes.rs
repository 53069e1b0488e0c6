//! HTTP handlers of the station and facility ledger.

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
        .routes(routes!(list_stations))
        .routes(routes!(get_station))
        .routes(routes!(station_stats))
        .merge(ingest::router(upload_max_bytes))
}

/// Stations and facilities in the caller's scope.
#[utoipa::path(get, path = "/stations", tag = "industry", params(PageParams, StationFilter),
    responses((status = 200, body = StationList), (status = 401, body = Problem)))]
async fn list_stations(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(filter): Query<StationFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &filter);
        let rows = all(&state.db.conn, q, station::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let f = [
            ("关键字", filter.q.clone()),
            ("区划", filter.region_code.clone()),
            ("设施类型", filter.kind.clone()),
            ("重大危险源", filter.major_hazard.map(|m| if m { "是" } else { "否" }.to_string())),
            ("企业", filter.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::StationRecord>(&state, &Actor::of(&p, ip.0), rows, &f).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &filter, &page).await?;
    Ok(axum::Json(StationList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One station or facility.
#[utoipa::path(get, path = "/stations/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = StationDto), (status = 404, body = Problem)))]
async fn get_station(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<StationDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::to_dtos(&state, vec![m]).await?.remove(0)))
}

/// Facility counts (and major hazard sources) by kind, region or enterprise.
#[utoipa::path(get, path = "/stations/stats", tag = "industry", params(StationStatsQuery),
    responses((status = 200, body = StationStats)))]
async fn station_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<StationStatsQuery>,
) -> AppResult<axum::Json<StationStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

crate::ingest_routes!(
    service::StationRecord,
    StationInput,
    tag = "industry",
    batch = "/stations/batch",
    import = "/stations/import",
    template = "/stations/import-template"
);
