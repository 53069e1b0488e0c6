//! HTTP handlers of the one map.

use super::model::{Layer, MapConfig};
use super::service;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::Path;
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

/// A Mapbox Vector Tile of `pipelines` or `stations`, scoped like every other read.
#[utoipa::path(get, path = "/tiles/{layer}/{z}/{x}/{y}", tag = "map",
    params(("layer" = String, Path, description = "pipelines | stations"), ("z" = u32, Path), ("x" = u32, Path), ("y" = String, Path, description = "row, with the .mvt suffix")),
    responses((status = 200, content_type = "application/vnd.mapbox-vector-tile", body = Vec<u8>), (status = 404, body = Problem)))]
async fn tile(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((layer, z, x, y)): Path<(String, u32, u32, String)>,
) -> AppResult<Response> {
    let layer = Layer::parse(&layer).ok_or(AppError::NotFound)?;
    let y: u32 = y.strip_suffix(".mvt").unwrap_or(&y).parse().map_err(|_| AppError::NotFound)?;
    let t = super::model::TileId::new(z, x, y)?;
    let bytes = service::tile(&state, &p.scope(), layer, t).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/vnd.mapbox-vector-tile"), (header::CACHE_CONTROL, "private, max-age=60")],
        bytes,
    )
        .into_response())
}
