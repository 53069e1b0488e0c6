//! Authentication: argon2id password hashes, login sessions (web cookie with CSRF token, or bearer
//! token for API clients), idle expiry, and the `Auth` extractor that yields the caller's
//! `Principal` and, from it, the data `Scope`.

use super::entities::{app_user, org, session};
use super::error::AppError;
use super::scope::Scope;
use crate::startup::AppState;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use rand::RngCore;
use ranjian_domain::{OrgKind, RegionCode, Role};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

pub const SESSION_COOKIE: &str = "ranjian_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: OrgKind,
    pub region_code: String,
    pub enterprise_id: Option<i64>,
    pub session_id: i64,
    pub csrf_token: String,
}

impl Principal {
    /// The data this caller may see: the city sees the city, a county its county, an enterprise
    /// only itself (wherever in the city its records lie).
    pub fn scope(&self) -> Scope {
        let code = RegionCode::parse(&self.region_code).ok();
        let subtree = code.as_ref().map(|c| c.subtree_prefix().to_string()).unwrap_or_else(|| self.region_code.clone());
        match (self.org_kind, self.enterprise_id) {
            (OrgKind::Enterprise, Some(eid)) => {
                let city_prefix = self.region_code.get(..4).unwrap_or(&self.region_code).to_string();
                Scope::enterprise(city_prefix, eid)
            }
            (OrgKind::Enterprise, None) => Scope::enterprise(subtree, -1),
            _ => Scope::region(subtree),
        }
    }

    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden("当前账号没有此操作的权限".into()))
        }
    }
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Hash on the blocking pool: argon2id is deliberately slow.
pub async fn hash_password_async(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await?
}

pub async fn verify_password_async(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&hash, &password)).await.unwrap_or(false)
}

pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

struct Cached {
    principal: Principal,
    loaded: Instant,
    /// Last request (ms since epoch), in memory; written to the database at most once a minute.
    last_seen_ms: AtomicI64,
    db_last_seen_ms: AtomicI64,
}

/// Sessions resolved recently, so most requests need no database round trip. An entry is
/// re-read from the database after a few seconds, so a lock or logout on another node takes effect.
#[derive(Default)]
pub struct SessionCache {
    map: RwLock<HashMap<String, Arc<Cached>>>,
}

const CACHE_TTL: Duration = Duration::from_secs(5);
const TOUCH_EVERY_MS: i64 = 60_000;

impl SessionCache {
    pub fn forget_user(&self, user_id: i64) {
        if let Ok(mut m) = self.map.write() {
            m.retain(|_, c| c.principal.user_id != user_id);
        }
    }

    pub fn forget_token(&self, hash: &str) {
        if let Ok(mut m) = self.map.write() {
            m.remove(hash);
        }
    }

    async fn load(state: &AppState, hash: &str) -> Result<Option<(Principal, DateTime<Utc>)>, AppError> {
        let db = &state.db.conn;
        let Some(s) = session::Entity::find().filter(session::Column::TokenHash.eq(hash)).one(db).await? else {
            return Ok(None);
        };
        if s.revoked {
            return Ok(None);
        }
        let Some(u) = app_user::Entity::find_by_id(s.user_id).one(db).await? else {
            return Ok(None);
        };
        if u.status != "active" {
            return Ok(None);
        }
        let Some(o) = org::Entity::find_by_id(u.org_id).one(db).await? else {
            return Ok(None);
        };
        let (Some(role), Some(kind)) = (Role::parse(&u.role), OrgKind::parse(&o.kind)) else {
            return Ok(None);
        };
        Ok(Some((
            Principal {
                user_id: u.id,
                username: u.username,
                display_name: u.display_name,
                role,
                org_id: o.id,
                org_name: o.name,
                org_kind: kind,
                region_code: o.region_code,
                enterprise_id: o.enterprise_id,
                session_id: s.id,
                csrf_token: s.csrf_token,
            },
            s.last_seen_at,
        )))
    }

    /// The principal behind a token, or 401 when it is unknown, revoked or idle too long.
    pub async fn resolve(&self, state: &AppState, token: &str) -> Result<Principal, AppError> {
        let hash = token_hash(token);
        let now_ms = Utc::now().timestamp_millis();
        let idle_ms = state.config.session_idle_minutes.max(1) * 60_000;
        let cached = self.map.read().ok().and_then(|m| m.get(&hash).cloned());
        let entry = match cached {
            Some(c) if c.loaded.elapsed() < CACHE_TTL => c,
            previous => {
                let Some((principal, db_last_seen)) = Self::load(state, &hash).await? else {
                    self.forget_token(&hash);
                    return Err(AppError::Unauthenticated("未登录或登录已失效，请重新登录".into()));
                };
                let mem = previous.map(|p| p.last_seen_ms.load(Ordering::Relaxed)).unwrap_or(0);
                let last = db_last_seen.timestamp_millis().max(mem);
                let c = Arc::new(Cached {
                    principal,
                    loaded: Instant::now(),
                    last_seen_ms: AtomicI64::new(last),
                    db_last_seen_ms: AtomicI64::new(db_last_seen.timestamp_millis()),
                });
                if let Ok(mut m) = self.map.write() {
                    m.insert(hash.clone(), c.clone());
                }
                c
            }
        };
        if now_ms - entry.last_seen_ms.load(Ordering::Relaxed) > idle_ms {
            self.forget_token(&hash);
            session::Entity::update_many()
                .col_expr(session::Column::Revoked, true.into())
                .filter(session::Column::TokenHash.eq(hash.as_str()))
                .exec(&state.db.conn)
                .await?;
            return Err(AppError::Unauthenticated("长时间未操作，登录已超时，请重新登录".into()));
        }
        entry.last_seen_ms.store(now_ms, Ordering::Relaxed);
        if now_ms - entry.db_last_seen_ms.load(Ordering::Relaxed) > TOUCH_EVERY_MS {
            entry.db_last_seen_ms.store(now_ms, Ordering::Relaxed);
            let now = Utc::now();
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, now.into())
                .filter(session::Column::Id.eq(entry.principal.session_id))
                .exec(&state.db.conn)
                .await?;
        }
        Ok(entry.principal.clone())
    }
}

/// Create a session for a user who has just proven who they are; returns (token, csrf token).
pub async fn open_session(state: &AppState, user_id: i64, ip: Option<String>) -> Result<(String, String), AppError> {
    let token = random_token();
    let csrf = random_token();
    let now = Utc::now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(csrf.clone()),
        ip: Set(ip),
        created_at: Set(now),
        last_seen_at: Set(now),
        revoked: Set(false),
        ..Default::default()
    }
    .insert(&state.db.conn)
    .await?;
    Ok((token, csrf))
}

/// Revoke every session of a user (on lock, password reset).
pub async fn revoke_user_sessions<C: sea_orm::ConnectionTrait>(
    conn: &C,
    cache: &SessionCache,
    user_id: i64,
) -> Result<(), AppError> {
    session::Entity::update_many()
        .col_expr(session::Column::Revoked, true.into())
        .filter(session::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    cache.forget_user(user_id);
    Ok(())
}

/// Idle limit as a duration, for clients.
pub fn idle_limit(state: &AppState) -> ChronoDuration {
    ChronoDuration::minutes(state.config.session_idle_minutes)
}

/// The token from `Authorization: Bearer …`, else from the session cookie (then `true`).
pub fn request_token(parts: &Parts) -> Option<(String, bool)> {
    if let Some(v) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        if let Some(t) = v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")) {
            return Some((t.trim().to_string(), false));
        }
    }
    for v in parts.headers.get_all(header::COOKIE) {
        let Ok(s) = v.to_str() else { continue };
        for pair in s.split(';') {
            if let Some((k, val)) = pair.trim().split_once('=') {
                if k == SESSION_COOKIE && !val.is_empty() {
                    return Some((val.to_string(), true));
                }
            }
        }
    }
    None
}

/// The authenticated caller of a request.
pub struct Auth(pub Principal);

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some((token, via_cookie)) = request_token(parts) else {
            return Err(AppError::Unauthenticated("未登录或登录已失效，请重新登录".into()));
        };
        let principal = state.sessions.resolve(state, &token).await?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if via_cookie && !safe {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            if sent.is_empty() || sent != principal.csrf_token {
                return Err(AppError::Csrf);
            }
        }
        Ok(Auth(principal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_round_trip() {
        let h = hash_password("Ranjian@2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "Ranjian@2026"));
        assert!(!verify_password(&h, "ranjian@2026"));
        assert!(!verify_password("not a hash", "x"));
    }
}
