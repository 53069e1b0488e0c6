//! HTTP handlers of communities and gas users.

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
        .routes(routes!(list_communities))
        .routes(routes!(get_community))
        .routes(routes!(list_users))
        .routes(routes!(get_user))
        .routes(routes!(device_stats))
        .merge(community_ingest::router(upload_max_bytes))
        .merge(user_ingest::router(upload_max_bytes))
}

/// Communities (小区/村) in the caller's scope.
#[utoipa::path(get, path = "/communities", tag = "industry", params(PageParams, CommunityFilter),
    responses((status = 200, body = CommunityList), (status = 401, body = Problem)))]
async fn list_communities(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<CommunityFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::communities_filtered(&scope, &f);
        let rows = all(&state.db.conn, q, community::Column::Id, state.config.export_max_rows).await?;
        let rows = service::community_sheet(&state, rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::CommunityRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    let (rows, total) = store::communities(&state.db.conn, &scope, &f, &page).await?;
    Ok(axum::Json(CommunityList { items: service::community_dtos(&state, rows).await?, total }).into_response())
}

/// One community.
#[utoipa::path(get, path = "/communities/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = CommunityDto), (status = 404, body = Problem)))]
async fn get_community(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<CommunityDto>> {
    let m = store::community_by_id(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::community_dtos(&state, vec![m]).await?.remove(0)))
}

/// Gas users in the caller's scope (address, phone and household names masked).
#[utoipa::path(get, path = "/gas-users", tag = "industry", params(PageParams, GasUserFilter),
    responses((status = 200, body = GasUserList), (status = 401, body = Problem)))]
async fn list_users(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<GasUserFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::users_filtered(&scope, &f);
        let rows = all(&state.db.conn, q, gas_user::Column::Id, state.config.export_max_rows).await?;
        let rows = service::user_sheet(&state, p.role.may_see_personal_data(), rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("区划", f.region_code.clone()),
            ("小区", f.community_id.map(|c| c.to_string())),
            ("用户类别", f.category.clone()),
            ("未安装", f.missing.clone()),
            ("气种", f.gas_type.clone()),
            ("企业", f.enterprise_id.map(|e| e.to_string())),
        ];
        return export::<service::GasUserRecord>(&state, &Actor::of(&p, ip.0), rows, &cond).await;
    }
    let (rows, total) = store::users(&state.db.conn, &scope, &f, &page).await?;
    Ok(axum::Json(GasUserList { items: service::user_dtos(&state, rows).await?, total }).into_response())
}

/// One gas user.
#[utoipa::path(get, path = "/gas-users/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = GasUserDto), (status = 404, body = Problem)))]
async fn get_user(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<GasUserDto>> {
    let m = store::user_by_id(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::user_dtos(&state, vec![m]).await?.remove(0)))
}

/// Safety-device installation rates, lowest leak-alarm rate first.
#[utoipa::path(get, path = "/gas-users/stats", tag = "industry", params(DeviceStatsQuery),
    responses((status = 200, body = DeviceStats)))]
async fn device_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<DeviceStatsQuery>,
) -> AppResult<axum::Json<DeviceStats>> {
    Ok(axum::Json(service::device_stats(&state, &p.scope(), &q).await?))
}

mod community_ingest {
    use super::*;
    crate::ingest_routes!(
        service::CommunityRecord,
        CommunityInput,
        tag = "industry",
        batch = "/communities/batch",
        import = "/communities/import",
        template = "/communities/import-template"
    );
    pub use ingest::router;
}

mod user_ingest {
    use super::*;
    crate::ingest_routes!(
        service::GasUserRecord,
        GasUserInput,
        tag = "industry",
        batch = "/gas-users/batch",
        import = "/gas-users/import",
        template = "/gas-users/import-template"
    );
    pub use ingest::router;
}
