//! HTTP handlers of supervision checks and spot checks.

use super::model::*;
use super::service;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::files;
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_templates))
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task))
        .routes(routes!(assign_items))
        .routes(routes!(task_assignees))
        .routes(routes!(my_items))
        .routes(routes!(get_item))
        .routes(routes!(record_result))
        .routes(routes!(item_photo))
        .routes(routes!(discrepancies))
        .merge(OpenApiRouter::new().routes(routes!(upload_photo)).layer(DefaultBodyLimit::max(upload_max_bytes)))
}

/// The checklists tasks check against.
#[utoipa::path(get, path = "/supervision/templates", tag = "safety", responses((status = 200, body = Vec<TemplateDto>)))]
async fn list_templates(Auth(_p): Auth) -> axum::Json<Vec<TemplateDto>> {
    axum::Json(service::templates())
}

/// The tasks the caller follows (the city: its tasks with every county's progress summed; a county:
/// the parts of tasks in its county), newest first; `state` filters by progress.
#[utoipa::path(get, path = "/supervision/tasks", tag = "safety", params(PageParams, TaskFilter),
    responses((status = 200, body = TaskList), (status = 403, body = Problem)))]
async fn list_tasks(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<TaskFilter>,
) -> AppResult<axum::Json<TaskList>> {
    Ok(axum::Json(service::list(&state, &p, &f, &page).await?))
}

/// Issue a task: a city task splits into one part per county, each with its items drawn.
#[utoipa::path(post, path = "/supervision/tasks", tag = "safety", request_body = NewTask,
    responses((status = 201, body = TaskDetail), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_task(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<NewTask>,
) -> AppResult<(StatusCode, axum::Json<TaskDetail>)> {
    Ok((StatusCode::CREATED, axum::Json(service::create(&state, &p, ip.0, &input).await?)))
}

/// A task with its county parts (a city task) or its items (a county part).
#[utoipa::path(get, path = "/supervision/tasks/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = TaskDetail), (status = 404, body = Problem)))]
async fn get_task(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<TaskDetail>> {
    Ok(axum::Json(service::detail(&state, &p, id).await?))
}

/// Give items of a county part to one of that county's staff (until their result is in).
#[utoipa::path(post, path = "/supervision/tasks/{id}/assign", tag = "safety", params(("id" = i64, Path)),
    request_body = AssignInput,
    responses((status = 200, body = TaskDetail), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn assign_items(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<AssignInput>,
) -> AppResult<axum::Json<TaskDetail>> {
    Ok(axum::Json(service::assign(&state, &p, ip.0, id, &input).await?))
}

/// Whom a county part's items can be given to: the active accounts of that county's authority,
/// inspectors first.
#[utoipa::path(get, path = "/supervision/tasks/{id}/assignees", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Assignee>), (status = 404, body = Problem)))]
async fn task_assignees(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<Assignee>>> {
    Ok(axum::Json(service::assignees(&state, &p, id).await?))
}

/// The items given to the caller (the phone's task list), those still to do first.
#[utoipa::path(get, path = "/supervision/my-items", tag = "safety", responses((status = 200, body = ItemList)))]
async fn my_items(State(state): State<AppState>, Auth(p): Auth) -> AppResult<axum::Json<ItemList>> {
    Ok(axum::Json(service::my_items(&state, &p).await?))
}

/// One item with its result, photos, location, trail and the enterprise's own record.
#[utoipa::path(get, path = "/supervision/items/{id}", tag = "safety", params(("id" = i64, Path)),
    responses((status = 200, body = ItemDto), (status = 404, body = Problem)))]
async fn get_item(State(state): State<AppState>, Auth(p): Auth, Path(id): Path<i64>) -> AppResult<axum::Json<ItemDto>> {
    Ok(axum::Json(service::get_item(&state, &p, id).await?))
}

/// The result of an item, from its inspector's phone: every checklist point answered, the location
/// and trail; sending the same `client_uuid` again answers the stored result.
#[utoipa::path(post, path = "/supervision/items/{id}/result", tag = "safety", params(("id" = i64, Path)),
    request_body = ResultInput,
    responses((status = 200, body = ItemDto), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn record_result(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<ResultInput>,
) -> AppResult<axum::Json<ItemDto>> {
    Ok(axum::Json(service::record(&state, &p, ip.0, id, &input).await?))
}

/// A photo taken on site (multipart `file`: JPEG, PNG or WebP, at most `photo_max_bytes`).
#[utoipa::path(post, path = "/supervision/items/{id}/photos", tag = "safety", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = ItemDto), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<ItemDto>> {
    let (name, bytes) = files::one_file(multipart).await?;
    Ok(axum::Json(service::attach_photo(&state, &p, ip.0, id, &name, bytes).await?))
}

/// A photo of an item.
#[utoipa::path(get, path = "/supervision/items/{id}/photos/{pid}", tag = "safety",
    params(("id" = i64, Path), ("pid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn item_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, pid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (ph, bytes) = service::photo_bytes(&state, &p, id, pid).await?;
    let mut r = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&ph.content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(r)
}

/// Spot checks compared with the enterprises' own records: the discrepancy rate per enterprise or
/// county (highest first) and the discrepant checks.
#[utoipa::path(get, path = "/supervision/discrepancies", tag = "safety", params(DiscrepancyQuery),
    responses((status = 200, body = DiscrepancyStats), (status = 422, body = Problem)))]
async fn discrepancies(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<DiscrepancyQuery>,
) -> AppResult<axum::Json<DiscrepancyStats>> {
    Ok(axum::Json(service::discrepancies(&state, &p, &q).await?))
}
