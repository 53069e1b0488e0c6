//! HTTP handlers of login, accounts, organisations, regions and the audit log.

use super::model::*;
use super::{service, store};
use crate::platform::audit::{self, Actor, VerifyReport};
use crate::platform::auth::{request_token, Auth, Principal, SESSION_COOKIE};
use crate::platform::entities::app_user;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::list::PageParams;
use crate::platform::reference::RegionInfo;
use crate::startup::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ranjian_domain::OrgKind;
use sea_orm::EntityTrait;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn auth_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
}

pub fn system_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(regions))
        .routes(routes!(orgs))
        .routes(routes!(list_users, create_user))
        .routes(routes!(update_user))
        .routes(routes!(reset_password))
        .routes(routes!(lock_user))
        .routes(routes!(unlock_user))
        .routes(routes!(audit_log))
        .routes(routes!(audit_verify))
        .merge(super::calendar::router())
        .merge(super::notification::router())
}

fn session_cookie(state: &AppState, token: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.cookie_secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie is ASCII")
}

/// Log in with username and password. Answers a bearer token and sets the session cookie.
#[utoipa::path(post, path = "/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = Problem), (status = 423, body = Problem)))]
async fn login(State(state): State<AppState>, ip: ClientIp, Json(req): Json<LoginRequest>) -> AppResult<Response> {
    let (resp, token) = service::login(&state, &req.username, &req.password, ip.0).await?;
    let mut r = axum::Json(resp).into_response();
    // The cookie outlives idle expiry on the server side; the server decides.
    r.headers_mut().insert(header::SET_COOKIE, session_cookie(&state, &token, 12 * 3600));
    Ok(r)
}

/// End the current session.
#[utoipa::path(post, path = "/logout", tag = "auth", responses((status = 204)))]
async fn logout(State(state): State<AppState>, Auth(p): Auth, ip: ClientIp, headers: HeaderMap) -> AppResult<Response> {
    let mut req = axum::http::Request::new(());
    *req.headers_mut() = headers;
    let (parts, _) = req.into_parts();
    let token = request_token(&parts).map(|t| t.0).unwrap_or_default();
    service::logout(&state, &p, &token, ip.0).await?;
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(header::SET_COOKIE, session_cookie(&state, "", 0));
    Ok(r)
}

async fn me_dto(state: &AppState, p: &Principal) -> AppResult<UserDto> {
    let u = app_user::Entity::find_by_id(p.user_id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
    service::user_dtos(state, vec![u]).await?.pop().ok_or(AppError::NotFound)
}

/// The current user and the CSRF token of the session.
#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, body = MeResponse), (status = 401, body = Problem)))]
async fn me(State(state): State<AppState>, Auth(p): Auth) -> AppResult<axum::Json<MeResponse>> {
    let user = me_dto(&state, &p).await?;
    Ok(axum::Json(MeResponse { user, csrf_token: p.csrf_token }))
}

/// Change one's own password.
#[utoipa::path(post, path = "/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = Problem)))]
async fn change_password(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(body): Json<PasswordChange>,
) -> AppResult<StatusCode> {
    service::change_password(&state, &p, &body.old_password, &body.new_password, ip.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Regions in the caller's scope (for an enterprise: the whole city, where its assets may lie).
#[utoipa::path(get, path = "/regions", tag = "system", responses((status = 200, body = Vec<RegionInfo>)))]
async fn regions(State(state): State<AppState>, Auth(p): Auth) -> AppResult<axum::Json<Vec<RegionInfo>>> {
    let scope = p.scope();
    Ok(axum::Json(state.regions.list.iter().filter(|r| scope.allows_region(&r.code)).cloned().collect()))
}

/// Organisations in the caller's scope.
#[utoipa::path(get, path = "/orgs", tag = "system", params(OrgFilter), responses((status = 200, body = Vec<OrgDto>)))]
async fn orgs(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(f): Query<OrgFilter>,
) -> AppResult<axum::Json<Vec<OrgDto>>> {
    let list = store::orgs(&state.db.conn, &p.scope(), &f).await?;
    Ok(axum::Json(
        list.into_iter()
            .map(|o| OrgDto {
                id: o.id,
                region_name: state.regions.name(&o.region_code),
                name: o.name,
                kind: o.kind,
                region_code: o.region_code,
                enterprise_id: o.enterprise_id,
            })
            .collect(),
    ))
}

fn require_admin(p: &Principal) -> AppResult<()> {
    p.require(p.role.is_admin())
}

/// Accounts in the administrator's scope.
#[utoipa::path(get, path = "/users", tag = "system", params(PageParams, UserFilter), responses((status = 200, body = UserList), (status = 403, body = Problem)))]
async fn list_users(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<UserFilter>,
) -> AppResult<axum::Json<UserList>> {
    require_admin(&p)?;
    let (users, total) = store::users(&state.db.conn, &p.scope(), &f, &page).await?;
    Ok(axum::Json(UserList { items: service::user_dtos(&state, users).await?, total }))
}

/// Create an account in the administrator's scope.
#[utoipa::path(post, path = "/users", tag = "system", request_body = UserInput,
    responses((status = 201, body = UserDto), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_user(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<UserInput>,
) -> AppResult<(StatusCode, axum::Json<UserDto>)> {
    require_admin(&p)?;
    let dto = service::create_user(&state, &Actor::of(&p, ip.0), Some(p.role), &p.scope(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(dto)))
}

/// Edit an account's name, role, organisation or phone.
#[utoipa::path(put, path = "/users/{id}", tag = "system", params(("id" = i64, Path)), request_body = UserInput,
    responses((status = 200, body = UserDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_user(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<UserInput>,
) -> AppResult<axum::Json<UserDto>> {
    require_admin(&p)?;
    Ok(axum::Json(service::update_user(&state, &p, &p.scope(), id, &input, ip.0).await?))
}

/// Set a new password for an account; its sessions end.
#[utoipa::path(post, path = "/users/{id}/reset-password", tag = "system", params(("id" = i64, Path)), request_body = PasswordReset,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn reset_password(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<PasswordReset>,
) -> AppResult<StatusCode> {
    require_admin(&p)?;
    service::reset_password(&state, &Actor::of(&p, ip.0), &p.scope(), id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lock an account; its sessions end.
#[utoipa::path(post, path = "/users/{id}/lock", tag = "system", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = Problem)))]
async fn lock_user(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<UserDto>> {
    require_admin(&p)?;
    Ok(axum::Json(service::set_locked(&state, &Actor::of(&p, ip.0), &p.scope(), id, true).await?))
}

/// Unlock an account (also clears a lock after failed logins).
#[utoipa::path(post, path = "/users/{id}/unlock", tag = "system", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = Problem)))]
async fn unlock_user(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<UserDto>> {
    require_admin(&p)?;
    Ok(axum::Json(service::set_locked(&state, &Actor::of(&p, ip.0), &p.scope(), id, false).await?))
}

/// The audit log of the administrator's scope, newest first.
#[utoipa::path(get, path = "/audit", tag = "system", params(PageParams, AuditFilter),
    responses((status = 200, body = AuditList), (status = 403, body = Problem)))]
async fn audit_log(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<AuditFilter>,
) -> AppResult<axum::Json<AuditList>> {
    require_admin(&p)?;
    let city = p.org_kind == OrgKind::CityAuthority;
    let (rows, total) = store::audit(&state.db.conn, &p.scope(), city, &f, &page).await?;
    let org_ids: Vec<i64> = rows.iter().filter_map(|r| r.org_id).collect();
    let orgs: std::collections::HashMap<i64, String> =
        store::orgs_by_ids(&state.db.conn, org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let items = rows
        .into_iter()
        .map(|r| AuditItem {
            seq: r.seq,
            at: r.at,
            username: r.username,
            org_name: r.org_id.and_then(|id| orgs.get(&id).cloned()),
            action_name: action_name(&r.action).to_string(),
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            ip: r.ip,
            outcome: r.outcome,
            detail: r.detail,
        })
        .collect();
    Ok(axum::Json(AuditList { items, total }))
}

/// Check the whole hash chain of the audit log (city administrators).
#[utoipa::path(get, path = "/audit/verify", tag = "system", responses((status = 200, body = VerifyReport), (status = 403, body = Problem)))]
async fn audit_verify(State(state): State<AppState>, Auth(p): Auth) -> AppResult<axum::Json<VerifyReport>> {
    p.require(p.role == ranjian_domain::Role::CityAdmin)?;
    Ok(axum::Json(audit::verify(&state.db.conn).await?))
}
