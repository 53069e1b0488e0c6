//! Use cases of login and account management. Every write and every login attempt is audited.

use super::model::{LoginResponse, UserDto, UserInput};
use super::store;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::{self, Principal};
use crate::platform::entities::{app_user, org};
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::reference::RegionIndex;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{Duration, Utc};
use ranjian_domain::enterprise::is_valid_phone;
use ranjian_domain::password::check_password_policy;
use ranjian_domain::{OrgKind, Role};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub fn user_dto(u: &app_user::Model, o: &org::Model, regions: &RegionIndex) -> UserDto {
    let now = Utc::now();
    let temp_locked = u.locked_until.is_some_and(|t| t > now);
    UserDto {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.clone(),
        role_name: Role::parse(&u.role).map(|r| r.name_zh().to_string()).unwrap_or_else(|| u.role.clone()),
        org_id: o.id,
        org_name: o.name.clone(),
        org_kind: o.kind.clone(),
        region_code: o.region_code.clone(),
        region_name: regions.name(&o.region_code),
        enterprise_id: o.enterprise_id,
        status: if u.status == "active" && !temp_locked { "active" } else { "locked" }.to_string(),
        locked_until: u.locked_until.filter(|t| *t > now),
        last_login_at: u.last_login_at,
        phone: u.phone.clone(),
        created_at: u.created_at,
    }
}

fn actor_of_user(u: &app_user::Model, o: Option<&org::Model>, ip: Option<String>) -> Actor {
    Actor {
        user_id: Some(u.id),
        username: Some(u.username.clone()),
        org_id: Some(u.org_id),
        region_code: o.map(|o| o.region_code.clone()),
        enterprise_id: o.and_then(|o| o.enterprise_id),
        ip,
    }
}

async fn record_failure(state: &AppState, actor: &Actor, reason: &str) -> AppResult<()> {
    let txn = state.db.write_txn().await?;
    audit::append(&*txn, actor, Event::failed("auth.login", reason)).await?;
    txn.commit().await?;
    Ok(())
}

const BAD_CREDENTIALS: &str = "用户名或密码错误";

/// Check a username and password; lock the account after too many failures in a row.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    ip: Option<String>,
) -> AppResult<(LoginResponse, String)> {
    let username = username.trim();
    let Some(user) = store::user_by_username(&state.db.conn, username).await? else {
        // Spend the same time as a real check, so names cannot be probed by timing.
        let _ = auth::verify_password_async(DUMMY_HASH.to_string(), password.to_string()).await;
        let actor = Actor { username: Some(username.chars().take(64).collect()), ip, ..Default::default() };
        record_failure(state, &actor, "用户名不存在").await?;
        return Err(AppError::Unauthenticated(BAD_CREDENTIALS.into()));
    };
    let o = org::Entity::find_by_id(user.org_id).one(&state.db.conn).await?;
    let actor = actor_of_user(&user, o.as_ref(), ip.clone());
    let now = Utc::now();
    if user.status != "active" {
        record_failure(state, &actor, "账号已被管理员锁定").await?;
        return Err(AppError::Locked("账号已被管理员锁定，请联系管理员".into()));
    }
    if let Some(until) = user.locked_until.filter(|t| *t > now) {
        record_failure(state, &actor, "账号因多次登录失败暂时锁定").await?;
        let local = until.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
        return Err(AppError::Locked(format!("登录失败次数过多，账号已锁定至 {}，请稍后再试", local.format("%H:%M"))));
    }
    if !auth::verify_password_async(user.password_hash.clone(), password.to_string()).await {
        let failures = user.failed_logins + 1;
        let max = state.config.login_max_failures.max(1);
        let txn = state.db.write_txn().await?;
        let mut am: app_user::ActiveModel = user.clone().into();
        let locked = failures >= max;
        if locked {
            am.failed_logins = Set(0);
            am.locked_until = Set(Some(now + Duration::minutes(state.config.login_lock_minutes)));
        } else {
            am.failed_logins = Set(failures);
        }
        am.update(&*txn).await?;
        let reason = if locked {
            format!("密码错误，连续失败{failures}次，账号锁定{}分钟", state.config.login_lock_minutes)
        } else {
            format!("密码错误（连续第{failures}次）")
        };
        audit::append(&*txn, &actor, Event::failed("auth.login", reason)).await?;
        txn.commit().await?;
        if locked {
            return Err(AppError::Locked(format!(
                "密码连续错误{failures}次，账号已锁定{}分钟",
                state.config.login_lock_minutes
            )));
        }
        let left = max - failures;
        return Err(AppError::Unauthenticated(format!("{BAD_CREDENTIALS}，再失败{left}次账号将被锁定")));
    }
    let Some(o) = o else {
        return Err(AppError::Internal(anyhow::anyhow!("user {} has no organisation", user.id)));
    };
    let txn = state.db.write_txn().await?;
    let mut am: app_user::ActiveModel = user.clone().into();
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.last_login_at = Set(Some(now));
    let user = am.update(&*txn).await?;
    audit::append(&*txn, &actor, Event::ok("auth.login", "user", user.id)).await?;
    txn.commit().await?;
    let (token, csrf) = auth::open_session(state, user.id, ip).await?;
    let resp = LoginResponse {
        token: token.clone(),
        csrf_token: csrf,
        expires_in: state.config.session_idle_minutes * 60,
        user: user_dto(&user, &o, &state.regions),
    };
    Ok((resp, token))
}

/// A hash of a random password, verified against when the username does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0f7cYFDqX2xq2pG2Q0Qy0mBYoMpa9p8Nw4y0Xr2Q7dE";

pub async fn logout(state: &AppState, p: &Principal, token: &str, ip: Option<String>) -> AppResult<()> {
    let txn = state.db.write_txn().await?;
    use crate::platform::entities::session;
    session::Entity::update_many()
        .col_expr(session::Column::Revoked, true.into())
        .filter(session::Column::Id.eq(p.session_id))
        .exec(&*txn)
        .await?;
    audit::append(&*txn, &Actor::of(p, ip), Event::ok("auth.logout", "user", p.user_id)).await?;
    txn.commit().await?;
    state.sessions.forget_token(&auth::token_hash(token));
    Ok(())
}

fn policy(field: &str, pw: &str) -> Result<(), AppError> {
    check_password_policy(pw).map_err(|e| AppError::field(field, e.to_string()))
}

pub async fn change_password(
    state: &AppState,
    p: &Principal,
    old: &str,
    new: &str,
    ip: Option<String>,
) -> AppResult<()> {
    let user = app_user::Entity::find_by_id(p.user_id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
    if !auth::verify_password_async(user.password_hash.clone(), old.to_string()).await {
        return Err(AppError::field("old_password", "原密码不正确"));
    }
    policy("new_password", new)?;
    if old == new {
        return Err(AppError::field("new_password", "新密码不能与原密码相同"));
    }
    let hash = auth::hash_password_async(new.to_string()).await?;
    let txn = state.db.write_txn().await?;
    let mut am: app_user::ActiveModel = user.into();
    am.password_hash = Set(hash);
    am.password_changed_at = Set(Utc::now());
    am.updated_at = Set(Utc::now());
    am.update(&*txn).await?;
    audit::append(&*txn, &Actor::of(p, ip), Event::ok("auth.password", "user", p.user_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Validated account fields.
struct ValidUser {
    display_name: String,
    role: Role,
    org: org::Model,
    phone: Option<String>,
}

async fn validate_user<C: ConnectionTrait>(
    conn: &C,
    granter: Option<Role>,
    scope: &Scope,
    input: &UserInput,
) -> AppResult<ValidUser> {
    let mut errors = Vec::new();
    let display_name = input.display_name.as_deref().map(str::trim).unwrap_or("").to_string();
    if display_name.is_empty() {
        errors.push(FieldError::new("display_name", "姓名不能为空"));
    } else if display_name.chars().count() > 50 {
        errors.push(FieldError::new("display_name", "姓名不能超过50个字"));
    }
    let role = match input.role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            errors.push(FieldError::new("role", "角色不能为空"));
            None
        }
        Some(r) => match Role::parse(r) {
            None => {
                errors.push(FieldError::new("role", format!("角色“{r}”不存在")));
                None
            }
            Some(role) if granter.is_some_and(|g| !g.may_grant(role)) => {
                errors.push(FieldError::new("role", format!("无权授予“{}”角色", role.name_zh())));
                None
            }
            Some(role) => Some(role),
        },
    };
    let org = match input.org_id {
        None => {
            errors.push(FieldError::new("org_id", "所属单位不能为空"));
            None
        }
        Some(id) => match store::org(conn, scope, id).await? {
            None => {
                errors.push(FieldError::new("org_id", "所属单位不存在或不在管辖范围内"));
                None
            }
            Some(o) => Some(o),
        },
    };
    if let (Some(r), Some(o)) = (role, &org) {
        let kind = OrgKind::parse(&o.kind);
        if !kind.is_some_and(|k| r.fits_org(k)) {
            errors.push(FieldError::new("role", format!("“{}”角色不能属于单位“{}”", r.name_zh(), o.name)));
        }
    }
    let phone = input.phone.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(p) = &phone {
        if !is_valid_phone(p) {
            errors.push(FieldError::new("phone", "联系电话格式不正确"));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    Ok(ValidUser { display_name, role: role.expect("checked"), org: org.expect("checked"), phone })
}

fn validate_username(u: &str) -> Result<(), AppError> {
    let ok = (3..=32).contains(&u.chars().count())
        && u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(AppError::field("username", "用户名为3至32位字母、数字、下划线、点或短横线"))
    }
}

/// Create an account. `granter` is the administrator's role (`None` for the command line).
pub async fn create_user(
    state: &AppState,
    actor: &Actor,
    granter: Option<Role>,
    scope: &Scope,
    input: &UserInput,
) -> AppResult<UserDto> {
    let username = input.username.as_deref().map(str::trim).unwrap_or("").to_string();
    validate_username(&username)?;
    let password = input.password.clone().unwrap_or_default();
    policy("password", &password)?;
    let v = validate_user(&state.db.conn, granter, scope, input).await?;
    let hash = auth::hash_password_async(password).await?;
    let txn = state.db.write_txn().await?;
    if store::user_by_username(&*txn, &username).await?.is_some() {
        return Err(AppError::Conflict(format!("用户名“{username}”已存在")));
    }
    let u = insert_user(&*txn, &username, &v.display_name, hash, v.role, v.org.id, v.phone).await?;
    audit::append(
        &*txn,
        actor,
        Event::ok("user.create", "user", u.id).detail(format!("{} {}", u.username, v.role.name_zh())),
    )
    .await?;
    txn.commit().await?;
    Ok(user_dto(&u, &v.org, &state.regions))
}

pub async fn update_user(
    state: &AppState,
    p: &Principal,
    scope: &Scope,
    id: i64,
    input: &UserInput,
    ip: Option<String>,
) -> AppResult<UserDto> {
    let txn = state.db.write_txn().await?;
    let u = store::user(&*txn, scope, id).await?.ok_or(AppError::NotFound)?;
    let mut input = input.clone();
    if input.org_id.is_none() {
        input.org_id = Some(u.org_id);
    }
    let v = validate_user(&*txn, Some(p.role), scope, &input).await?;
    if u.id == p.user_id && v.role != p.role {
        return Err(AppError::field("role", "不能修改自己的角色"));
    }
    let mut am: app_user::ActiveModel = u.into();
    am.display_name = Set(v.display_name);
    am.role = Set(v.role.as_str().to_string());
    am.org_id = Set(v.org.id);
    am.phone = Set(v.phone);
    am.updated_at = Set(Utc::now());
    let u = am.update(&*txn).await?;
    audit::append(&*txn, &Actor::of(p, ip), Event::ok("user.update", "user", u.id).detail(u.username.clone())).await?;
    txn.commit().await?;
    state.sessions.forget_user(u.id);
    Ok(user_dto(&u, &v.org, &state.regions))
}

/// Set a new password for an account (administrator or command line); its sessions end.
pub async fn reset_password(state: &AppState, actor: &Actor, scope: &Scope, id: i64, password: &str) -> AppResult<()> {
    policy("password", password)?;
    let hash = auth::hash_password_async(password.to_string()).await?;
    let txn = state.db.write_txn().await?;
    let u = store::user(&*txn, scope, id).await?.ok_or(AppError::NotFound)?;
    let uid = u.id;
    let name = u.username.clone();
    let mut am: app_user::ActiveModel = u.into();
    am.password_hash = Set(hash);
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.password_changed_at = Set(Utc::now());
    am.updated_at = Set(Utc::now());
    am.update(&*txn).await?;
    auth::revoke_user_sessions(&*txn, &state.sessions, uid).await?;
    audit::append(&*txn, actor, Event::ok("user.reset_password", "user", uid).detail(name)).await?;
    txn.commit().await?;
    state.sessions.forget_user(uid);
    Ok(())
}

/// Lock (ends its sessions) or unlock an account.
pub async fn set_locked(state: &AppState, actor: &Actor, scope: &Scope, id: i64, locked: bool) -> AppResult<UserDto> {
    if locked && actor.user_id == Some(id) {
        return Err(AppError::Conflict("不能锁定自己的账号".into()));
    }
    let txn = state.db.write_txn().await?;
    let u = store::user(&*txn, scope, id).await?.ok_or(AppError::NotFound)?;
    let o = org::Entity::find_by_id(u.org_id).one(&*txn).await?.ok_or(AppError::NotFound)?;
    let mut am: app_user::ActiveModel = u.into();
    am.status = Set(if locked { "locked" } else { "active" }.into());
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.updated_at = Set(Utc::now());
    let u = am.update(&*txn).await?;
    if locked {
        auth::revoke_user_sessions(&*txn, &state.sessions, u.id).await?;
    }
    let action = if locked { "user.lock" } else { "user.unlock" };
    audit::append(&*txn, actor, Event::ok(action, "user", u.id).detail(u.username.clone())).await?;
    txn.commit().await?;
    state.sessions.forget_user(u.id);
    Ok(user_dto(&u, &o, &state.regions))
}

/// Users' DTOs with their organisations.
pub async fn user_dtos(state: &AppState, users: Vec<app_user::Model>) -> AppResult<Vec<UserDto>> {
    let ids: Vec<i64> = users.iter().map(|u| u.org_id).collect();
    let orgs: std::collections::HashMap<i64, org::Model> =
        store::orgs_by_ids(&state.db.conn, ids).await?.into_iter().map(|o| (o.id, o)).collect();
    Ok(users.iter().filter_map(|u| orgs.get(&u.org_id).map(|o| user_dto(u, o, &state.regions))).collect())
}

/// Insert an active account (the caller has validated it and hashed the password).
pub async fn insert_user<C: ConnectionTrait>(
    conn: &C,
    username: &str,
    display_name: &str,
    password_hash: String,
    role: Role,
    org_id: i64,
    phone: Option<String>,
) -> Result<app_user::Model, sea_orm::DbErr> {
    let now = Utc::now();
    app_user::ActiveModel {
        username: Set(username.to_string()),
        display_name: Set(display_name.to_string()),
        password_hash: Set(password_hash),
        role: Set(role.as_str().to_string()),
        org_id: Set(org_id),
        phone: Set(phone),
        status: Set("active".into()),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}
