//! HTTP handlers of the enterprise ledger: thin, they only translate to and from the service.

use super::model::{EnterpriseDto, EnterpriseFilter, EnterpriseInput, EnterpriseList};
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::excel::xlsx_response;
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ranjian_domain::EnterpriseStatus;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_enterprises, create_enterprise))
        .routes(routes!(get_enterprise, update_enterprise))
        .routes(routes!(deactivate_enterprise))
        .routes(routes!(activate_enterprise))
        .merge(ingest::router(upload_max_bytes))
}

/// List enterprises in the caller's scope; `format=xlsx` exports all matching rows.
#[utoipa::path(get, path = "/enterprises", tag = "industry", params(PageParams, EnterpriseFilter),
    responses((status = 200, body = EnterpriseList), (status = 401, body = Problem)))]
async fn list_enterprises(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Query(page): Query<PageParams>,
    Query(filter): Query<EnterpriseFilter>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let bytes = service::export(&state, &Actor::of(&p, ip.0), &scope, &filter, &page).await?;
        let name = format!("企业台账_{}.xlsx", chrono::Utc::now().format("%Y%m%d%H%M%S"));
        return Ok(xlsx_response(&name, bytes));
    }
    let body = service::list_json(&state, &scope, &filter, &page, raw.as_deref()).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// One enterprise (404 when it does not exist or lies outside the caller's scope).
#[utoipa::path(get, path = "/enterprises/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = EnterpriseDto), (status = 404, body = Problem)))]
async fn get_enterprise(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<EnterpriseDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    Ok(axum::Json(service::to_dto(m, &state.regions)))
}

/// Register an enterprise.
#[utoipa::path(post, path = "/enterprises", tag = "industry", request_body = EnterpriseInput,
    responses((status = 201, body = EnterpriseDto), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_enterprise(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<EnterpriseInput>,
) -> AppResult<(StatusCode, axum::Json<EnterpriseDto>)> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    let dto = service::create(&state, &Actor::of(&p, ip.0), &p.scope(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(dto)))
}

/// Edit an enterprise.
#[utoipa::path(put, path = "/enterprises/{id}", tag = "industry", params(("id" = i64, Path)), request_body = EnterpriseInput,
    responses((status = 200, body = EnterpriseDto), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_enterprise(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<EnterpriseInput>,
) -> AppResult<axum::Json<EnterpriseDto>> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    Ok(axum::Json(service::update(&state, &Actor::of(&p, ip.0), &p.scope(), id, &input).await?))
}

/// Deactivate an enterprise (it stays in the ledger, marked 已停用).
#[utoipa::path(post, path = "/enterprises/{id}/deactivate", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = EnterpriseDto), (status = 404, body = Problem)))]
async fn deactivate_enterprise(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<EnterpriseDto>> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    Ok(axum::Json(service::set_status(&state, &Actor::of(&p, ip.0), &p.scope(), id, EnterpriseStatus::Inactive).await?))
}

/// Reactivate an enterprise.
#[utoipa::path(post, path = "/enterprises/{id}/activate", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = EnterpriseDto), (status = 404, body = Problem)))]
async fn activate_enterprise(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<EnterpriseDto>> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    Ok(axum::Json(service::set_status(&state, &Actor::of(&p, ip.0), &p.scope(), id, EnterpriseStatus::Active).await?))
}

crate::ingest_routes!(
    service::EnterpriseRecord,
    EnterpriseInput,
    tag = "industry",
    batch = "/enterprises/batch",
    import = "/enterprises/import",
    template = "/enterprises/import-template"
);
