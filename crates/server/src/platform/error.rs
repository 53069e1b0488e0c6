//! One error type for the whole API. It renders RFC 9457 `application/problem+json` with a stable
//! machine `code` and a Chinese `detail`; internal causes are logged, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, SqlErr};
use serde::Serialize;
use utoipa::ToSchema;

/// A field that failed validation, with the reason in Chinese.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        FieldError { field: field.into(), reason: reason.into() }
    }
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub code: &'static str,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For an illegal workflow step (409): the steps the caller may take now.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("unauthenticated: {0}")]
    Unauthenticated(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("csrf token missing or wrong")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// A workflow step not allowed in the record's state: 409 with the steps that are.
    #[error("illegal transition: {detail}")]
    IllegalTransition { detail: String, allowed: Vec<String> },
    #[error("validation failed")]
    Validation { detail: String, errors: Vec<FieldError> },
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("locked: {0}")]
    Locked(String),
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.first() {
            Some(e) if errors.len() == 1 => e.reason.clone(),
            Some(e) => format!("{}（共{}处错误）", e.reason, errors.len()),
            None => "提交的数据不符合要求".into(),
        };
        AppError::Validation { detail, errors }
    }

    pub fn field(field: &str, reason: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, reason)])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str, String) {
        match self {
            AppError::Unauthenticated(d) => (StatusCode::UNAUTHORIZED, "unauthenticated", "Unauthorized", d.clone()),
            AppError::Forbidden(d) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden", d.clone()),
            AppError::Csrf => {
                (StatusCode::FORBIDDEN, "csrf_failed", "Forbidden", "请求缺少有效的CSRF令牌，请刷新页面后重试".into())
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "Not Found", "记录不存在".into()),
            AppError::Conflict(d) => (StatusCode::CONFLICT, "conflict", "Conflict", d.clone()),
            AppError::IllegalTransition { detail, .. } => {
                (StatusCode::CONFLICT, "illegal_transition", "Conflict", detail.clone())
            }
            AppError::Validation { detail, .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "Unprocessable Entity", detail.clone())
            }
            AppError::BadRequest(d) => (StatusCode::BAD_REQUEST, "bad_request", "Bad Request", d.clone()),
            AppError::PayloadTooLarge(d) => {
                (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "Payload Too Large", d.clone())
            }
            AppError::UnsupportedMediaType(d) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported Media Type", d.clone())
            }
            AppError::Locked(d) => (StatusCode::LOCKED, "account_locked", "Locked", d.clone()),
            AppError::Unavailable(d) => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable", d.clone())
            }
            AppError::TooManyRequests(d) => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests", "Too Many Requests", d.clone())
            }
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal Server Error",
                "服务器内部错误，请稍后重试".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = ?e, "internal error");
        }
        let (status, code, title, detail) = self.parts();
        let (errors, allowed) = match self {
            AppError::Validation { errors, .. } => (errors, Vec::new()),
            AppError::IllegalTransition { allowed, .. } => (Vec::new(), allowed),
            _ => (Vec::new(), Vec::new()),
        };
        let body = Problem { kind: "about:blank", title, status: status.as_u16(), code, detail, errors, allowed };
        let mut resp = (status, axum::Json(body)).into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        resp
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict("记录已存在（编码重复）".into()),
            _ => AppError::Internal(anyhow::Error::new(e)),
        }
    }
}
