//! HTTP handlers of the one map.

use super::model::{Layer, MapConfig, TileFilter, TileQuery};
use super::service;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{Path, Query};
use crate::startup::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(map_config)).routes(routes!(regions)).routes(routes!(tile))
}

/// Where the map opens and the optional raster base layer.
#[utoipa::path(get, path = "/config", tag = "map", responses((status = 200, body = MapConfig)))]
async fn map_config(State(state): State<AppState>, Auth(_p): Auth) -> axum::Json<MapConfig> {
    axum::Json(service::config(&state))
}

/// County boundaries (GeoJSON FeatureCollection; `in_scope` marks the caller's own).
#[utoipa::path(get, path = "/regions", tag = "map", responses((status = 200, body = Object)))]
async fn regions(Auth(p): Auth) -> axum::Json<serde_json::Value> {
    axum::Json(service::regions_geojson(&p.scope()))
}

/// A Mapbox Vector Tile of one layer, scoped like every other read.
///
/// `enterprise_id` and `region_code` narrow the tile further, never beyond the caller's scope (a
/// filter outside it gives an empty tile). Layers and their feature attributes:
/// - `pipelines`: id, code, pressure_class, pressure_class_name, material_name, nominal_diameter,
///   construction_year (below zoom 12 medium pressure and above only);
/// - `stations`: id, code, name, kind, kind_name, major_hazard, enterprise_id, enterprise_name
///   (below zoom 13 without valves and regulator boxes);
/// - `communities`: id, code, name, kind (community | village), kind_name, township, users (active
///   gas users), enterprise_id, enterprise_name;
/// - `lpg`: as `stations`, bottled LPG kinds only (lpg_station, bottle_supply_point).
#[utoipa::path(get, path = "/tiles/{layer}/{z}/{x}/{y}", tag = "map",
    params(
        ("layer" = String, Path, description = "pipelines | stations | communities | lpg"),
        ("z" = u32, Path),
        ("x" = u32, Path),
        ("y" = String, Path, description = "row, with the .mvt suffix"),
        TileQuery
    ),
    responses(
        (status = 200, content_type = "application/vnd.mapbox-vector-tile", body = Vec<u8>),
        (status = 404, body = Problem),
        (status = 422, body = Problem, description = "region_code is not a division code")
    ))]
async fn tile(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((layer, z, x, y)): Path<(String, u32, u32, String)>,
    Query(q): Query<TileQuery>,
) -> AppResult<Response> {
    let layer = Layer::parse(&layer).ok_or(AppError::NotFound)?;
    let y: u32 = y.strip_suffix(".mvt").unwrap_or(&y).parse().map_err(|_| AppError::NotFound)?;
    let t = super::model::TileId::new(z, x, y)?;
    let filter = TileFilter::parse(&q)?;
    let bytes = service::tile(&state, &p.scope(), &filter, layer, t).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/vnd.mapbox-vector-tile"), (header::CACHE_CONTROL, "private, max-age=60")],
        bytes,
    )
        .into_response())
}
