//! HTTP handlers of third-party construction sites.

use super::model::*;
use super::service;
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::extract::{ClientIp, Path, Query};
use crate::platform::ingest::export;
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sites))
        .routes(routes!(site_features))
        .routes(routes!(site_stats))
        .routes(routes!(get_site))
        .merge(ingest::router(upload_max_bytes))
}

crate::ingest_routes!(
    service::ThirdPartyConstructionRecord,
    ThirdPartyConstructionInput,
    tag = "safety",
    batch = "/third-party-constructions/batch",
    import = "/third-party-constructions/import",
    template = "/third-party-constructions/template"
);

/// Third-party construction sites in the caller's scope, newest first, each with the pipelines
/// (that the caller may see) within the configured distance; `flagged=true`: only those near a
/// medium-pressure or higher pipeline without a protection agreement. `format=xlsx` exports them
/// in the import template's columns.
#[utoipa::path(get, path = "/third-party-constructions", tag = "safety", params(PageParams, ThirdPartyConstructionFilter),
    responses((status = 200, body = ThirdPartyConstructionList), (status = 401, body = Problem)))]
async fn list_sites(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<ThirdPartyConstructionFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let rows = service::export_rows(&state, &scope, &f).await?.iter().map(service::sheet_row).collect();
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
            ("状态", f.status.clone()),
            ("临近管线未签协议", f.flagged.map(|o| o.to_string())),
        ];
        return export::<service::ThirdPartyConstructionRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    let (items, total) = service::list(&state, &scope, &f, &page).await?;
    let distance_m = state.config.third_party_construction_radius_m;
    Ok(axum::Json(ThirdPartyConstructionList { items, total, distance_m }).into_response())
}

/// The same sites as a GeoJSON FeatureCollection for the map (every match, no paging).
#[utoipa::path(get, path = "/third-party-constructions/features", tag = "safety", params(ThirdPartyConstructionFilter),
    responses((status = 200, body = Object, description = "GeoJSON FeatureCollection")))]
async fn site_features(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(f): Query<ThirdPartyConstructionFilter>,
) -> AppResult<axum::Json<serde_json::Value>> {
    let features: Vec<serde_json::Value> = service::export_rows(&state, &p.scope(), &f)
        .await?
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "type": "Feature",
                "id": d.id,
                "geometry": d.geometry,
                "properties": {
                    "id": d.id, "code": d.code, "name": d.name, "contractor": d.contractor,
                    "enterprise_name": d.enterprise_name, "status": d.status, "status_name": d.status_name,
                    "agreement_signed": d.agreement_signed, "flagged": d.proximity.flagged,
                    "nearby_count": d.proximity.nearby_count, "nearest_m": d.proximity.nearest_m,
                    "highest_pressure_name": d.proximity.highest_pressure_name,
                    "lng": d.lng, "lat": d.lat,
                }
            })
        })
        .collect();
    Ok(axum::Json(serde_json::json!({"type": "FeatureCollection", "features": features})))
}

/// Sites per county (or enterprise): under way, near pipelines, flagged, and the agreement rate.
#[utoipa::path(get, path = "/third-party-constructions/stats", tag = "safety", params(ThirdPartyConstructionStatsQuery),
    responses((status = 200, body = ThirdPartyConstructionStats)))]
async fn site_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<ThirdPartyConstructionStatsQuery>,
) -> AppResult<axum::Json<ThirdPartyConstructionStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

/// One site with the pipelines near it, nearest first, and their geometry for the map.
#[utoipa::path(get, path = "/third-party-constructions/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = ThirdPartyConstructionDetail), (status = 404, body = Problem)))]
async fn get_site(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<ThirdPartyConstructionDetail>> {
    Ok(axum::Json(service::detail(&state, &p.scope(), id).await?))
}
