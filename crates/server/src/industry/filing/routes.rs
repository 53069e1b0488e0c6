//! HTTP handlers of access filings.

use super::model::*;
use super::{service, store};
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use ranjian_domain::filing::FilingAction;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_filings, create_filing))
        .routes(routes!(get_filing))
        .routes(routes!(approve_filing))
        .routes(routes!(return_filing))
        .routes(routes!(resubmit_filing))
        .routes(routes!(download_attachment))
        .merge(OpenApiRouter::new().routes(routes!(upload_attachment)).layer(DefaultBodyLimit::max(upload_max_bytes)))
}

/// Access filings in the caller's scope, newest first.
#[utoipa::path(get, path = "/access-filings", tag = "industry", params(PageParams, FilingFilter), responses((status = 200, body = FilingList)))]
async fn list_filings(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<FilingFilter>,
) -> AppResult<axum::Json<FilingList>> {
    let (rows, total) = store::list(&state.db.conn, &p.scope(), &f, &page).await?;
    Ok(axum::Json(FilingList { items: service::dtos(&state, rows).await?, total }))
}

/// File a new community for pipeline gas access (enterprise accounts).
#[utoipa::path(post, path = "/access-filings", tag = "industry", request_body = FilingInput,
    responses((status = 201, body = FilingDto), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_filing(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<FilingInput>,
) -> AppResult<(StatusCode, axum::Json<FilingDto>)> {
    Ok((StatusCode::CREATED, axum::Json(service::create(&state, &p, ip.0, &input).await?)))
}

/// One filing with its history and attachments.
#[utoipa::path(get, path = "/access-filings/{id}", tag = "industry", params(("id" = i64, Path)), responses((status = 200, body = FilingDto), (status = 404, body = Problem)))]
async fn get_filing(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<FilingDto>> {
    Ok(axum::Json(service::get(&state, &p.scope(), id).await?))
}

/// The county authority approves a submitted filing (409 in any other state).
#[utoipa::path(post, path = "/access-filings/{id}/approve", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = FilingDto), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn approve_filing(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<FilingDto>> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    Ok(axum::Json(service::transition(&state, &p, ip.0, id, FilingAction::Approve, None, None).await?))
}

/// The county authority returns a submitted filing with a reason.
#[utoipa::path(post, path = "/access-filings/{id}/return", tag = "industry", params(("id" = i64, Path)), request_body = ReturnInput,
    responses((status = 200, body = FilingDto), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn return_filing(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<ReturnInput>,
) -> AppResult<axum::Json<FilingDto>> {
    p.require(p.role.may_edit_enterprise_ledger())?;
    Ok(axum::Json(service::transition(&state, &p, ip.0, id, FilingAction::Return, body.reason, None).await?))
}

/// The enterprise corrects a returned filing and submits it again.
#[utoipa::path(post, path = "/access-filings/{id}/resubmit", tag = "industry", params(("id" = i64, Path)), request_body = FilingInput,
    responses((status = 200, body = FilingDto), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn resubmit_filing(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<FilingInput>,
) -> AppResult<axum::Json<FilingDto>> {
    Ok(axum::Json(service::transition(&state, &p, ip.0, id, FilingAction::Resubmit, None, Some(&input)).await?))
}

/// Attach a document: multipart fields `kind` (design | acceptance | other) and `file`.
#[utoipa::path(post, path = "/access-filings/{id}/attachments", tag = "industry", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = FilingDto), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_attachment(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<FilingDto>> {
    let mut mp = multipart
        .map_err(|_| AppError::UnsupportedMediaType("请以 multipart/form-data 上传（字段 kind 和 file）".into()))?;
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge("上传的文件超过允许的大小".into())
        } else {
            AppError::BadRequest(format!("上传数据不完整：{e}"))
        }
    };
    let (mut kind, mut file) = (String::from("other"), None);
    while let Some(field) = mp.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(too_large)?,
            Some("file") => {
                let name = field.file_name().unwrap_or("附件").to_string();
                file = Some((name, field.bytes().await.map_err(too_large)?.to_vec()));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| AppError::field("file", "请选择要上传的文件"))?;
    Ok(axum::Json(service::attach(&state, &p, ip.0, id, &kind, &name, bytes).await?))
}

/// Download an attachment.
#[utoipa::path(get, path = "/access-filings/{id}/attachments/{aid}", tag = "industry", params(("id" = i64, Path), ("aid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn download_attachment(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, aid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (a, bytes) = service::attachment_bytes(&state, &p.scope(), id, aid).await?;
    Ok(crate::platform::files::download(&a.file_name, &a.content_type, bytes))
}
