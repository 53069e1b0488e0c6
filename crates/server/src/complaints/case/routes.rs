//! HTTP handlers of cases: the handlers' API (login) and the public's (no login).

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::files;
use crate::platform::guard::Challenge;
use crate::platform::ingest::export_sheet;
use crate::platform::list::{all, today, PageParams};
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases, register_case))
        .routes(routes!(case_stats))
        .routes(routes!(get_case))
        .routes(routes!(case_transition))
        .routes(routes!(case_transfer_targets))
        .routes(routes!(case_photo))
        .merge(OpenApiRouter::new().routes(routes!(upload_photo)).layer(DefaultBodyLimit::max(upload_max_bytes)))
        .merge(hotline_ingest::router(upload_max_bytes))
        .merge(enterprise_ingest::router(upload_max_bytes))
}

pub fn public_router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(challenge))
        .routes(routes!(public_regions))
        .routes(routes!(public_enterprises))
        .routes(routes!(track_case))
        .routes(routes!(rate_case))
        .merge(OpenApiRouter::new().routes(routes!(file_case)).layer(DefaultBodyLimit::max(upload_max_bytes)))
}

mod hotline_ingest {
    use super::*;
    crate::ingest_routes!(
        service::HotlineOrderRecord,
        HotlineOrderInput,
        tag = "complaints",
        batch = "/hotline-orders/batch",
        import = "/hotline-orders/import",
        template = "/hotline-orders/template"
    );
    pub use ingest::router;
}

mod enterprise_ingest {
    use super::*;
    crate::ingest_routes!(
        service::EnterpriseCaseRecord,
        EnterpriseCaseInput,
        tag = "complaints",
        batch = "/enterprise-cases/batch",
        import = "/enterprise-cases/import",
        template = "/enterprise-cases/template"
    );
    pub use ingest::router;
}

/// Cases in the caller's scope (newest first; to-do and overdue: nearest deadline first);
/// `format=xlsx` exports them with the person's contact masked.
#[utoipa::path(get, path = "/cases", tag = "complaints", params(PageParams, CaseFilter),
    responses((status = 200, body = CaseList), (status = 401, body = Problem)))]
async fn list_cases(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<CaseFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    if page.wants_xlsx() {
        let q = store::filtered(&p.scope(), &f, p.org_id, today());
        let rows = all(&state.db.conn, q, case::Column::Id, state.config.export_max_rows).await?;
        let rows = service::sheet(&state, &p, rows).await?;
        let cond = [
            ("关键字", f.q.clone()),
            ("类型", f.case_type.clone()),
            ("渠道", f.channel.clone()),
            ("状态", f.state.clone()),
            ("区划", f.region_code.clone()),
            ("超时", f.overdue.map(|o| o.to_string())),
            ("待办", f.todo.map(|o| o.to_string())),
            ("起始日期", f.from.map(|d| d.to_string())),
            ("截止日期", f.to.map(|d| d.to_string())),
        ];
        let actor = Actor::of(&p, ip.0);
        return export_sheet(&state, &actor, "投诉举报", "cases", service::EXPORT_COLUMNS, rows, &cond).await;
    }
    Ok(axum::Json(service::list(&state, &p, &f, &page).await?).into_response())
}

/// Register a call (来电登记): the clerk's authority receives and accepts it.
#[utoipa::path(post, path = "/cases", tag = "complaints", request_body = CaseInput,
    responses((status = 200, body = CaseDto), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn register_case(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<CaseInput>,
) -> AppResult<axum::Json<CaseDto>> {
    Ok(axum::Json(service::register(&state, &p, ip.0, &input).await?))
}

/// One case with its steps, stage deadlines, photos and the steps the caller may take.
#[utoipa::path(get, path = "/cases/{id}", tag = "complaints", params(("id" = i64, Path)),
    responses((status = 200, body = CaseDto), (status = 404, body = Problem)))]
async fn get_case(State(state): State<AppState>, Auth(p): Auth, Path(id): Path<i64>) -> AppResult<axum::Json<CaseDto>> {
    Ok(axum::Json(service::get(&state, &p, id).await?))
}

/// A workflow step. One not allowed now is 409 with `allowed`.
#[utoipa::path(post, path = "/cases/{id}/transitions", tag = "complaints", params(("id" = i64, Path)), request_body = CaseStep,
    responses((status = 200, body = CaseDto), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn case_transition(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(step): Json<CaseStep>,
) -> AppResult<axum::Json<CaseDto>> {
    Ok(axum::Json(service::transition(&state, &p, ip.0, id, &step).await?))
}

/// The organisations the holder may transfer the case to (one level down).
#[utoipa::path(get, path = "/cases/{id}/transfer-targets", tag = "complaints", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<OrgOption>), (status = 404, body = Problem)))]
async fn case_transfer_targets(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<Vec<OrgOption>>> {
    Ok(axum::Json(service::transfer_targets(&state, &p, id).await?))
}

/// Upload an evidence photo (multipart field `file`; JPEG, PNG or WebP): it joins the next step.
#[utoipa::path(post, path = "/cases/{id}/photos", tag = "complaints", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = CaseDto), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<CaseDto>> {
    let (name, bytes) = files::one_file(multipart).await?;
    Ok(axum::Json(service::attach_photo(&state, &p, ip.0, id, &name, bytes).await?))
}

/// A photo of a case.
#[utoipa::path(get, path = "/cases/{id}/photos/{pid}", tag = "complaints", params(("id" = i64, Path), ("pid" = i64, Path)),
    responses((status = 200, body = Vec<u8>), (status = 404, body = Problem)))]
async fn case_photo(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path((id, pid)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let (ph, bytes) = service::photo_bytes(&state, &p.scope(), id, pid).await?;
    let mut r = bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&ph.content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(r)
}

/// Volumes by type, gas category, county, enterprise or channel; on-time rate per stage;
/// satisfaction; monthly trend; repeated places. `format=xlsx` exports the groups.
#[utoipa::path(get, path = "/cases/stats", tag = "complaints", params(CaseStatsQuery, PageParams),
    responses((status = 200, body = CaseStats), (status = 422, body = Problem)))]
async fn case_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<CaseStatsQuery>,
    Query(page): Query<PageParams>,
    ip: ClientIp,
) -> AppResult<Response> {
    if let Some(g) = q.group.as_deref() {
        if !["case_type", "gas_category", "region", "enterprise", "channel"].contains(&g) {
            return Err(AppError::field("group", "分组应为 case_type、gas_category、region、enterprise 或 channel"));
        }
    }
    let stats = service::stats(&state, &p.scope(), &q).await?;
    if page.wants_xlsx() {
        let pct = |r: f64| format!("{:.1}%", r * 100.0);
        let rows = stats
            .items
            .iter()
            .chain(std::iter::once(&stats.summary))
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.total.to_string(),
                    s.closed.to_string(),
                    s.open.to_string(),
                    s.overdue.to_string(),
                    s.enterprise_received.to_string(),
                    pct(s.on_time_rate),
                    s.rated.to_string(),
                    pct(s.satisfaction_rate),
                ]
            })
            .collect();
        let cond = [
            ("分组", q.group.clone()),
            ("区划", q.region_code.clone()),
            ("企业", q.enterprise_id.map(|e| e.to_string())),
            ("类型", q.case_type.clone()),
            ("起始日期", q.from.map(|d| d.to_string())),
            ("截止日期", q.to.map(|d| d.to_string())),
        ];
        let actor = Actor::of(&p, ip.0);
        return export_sheet(&state, &actor, "投诉举报统计", "cases", service::STATS_COLUMNS, rows, &cond).await;
    }
    Ok(axum::Json(stats).into_response())
}

// ---- Open to the public (no login) ----------------------------------------------------------------

/// An anti-bot question for the public form.
#[utoipa::path(get, path = "/challenge", tag = "public", responses((status = 200, body = Challenge)))]
async fn challenge(State(state): State<AppState>) -> axum::Json<Challenge> {
    axum::Json(state.guard.challenge())
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PublicRegion {
    pub code: String,
    pub name: String,
}

/// The counties of the city, for the public form.
#[utoipa::path(get, path = "/regions", tag = "public", responses((status = 200, body = Vec<PublicRegion>)))]
async fn public_regions(State(state): State<AppState>) -> axum::Json<Vec<PublicRegion>> {
    axum::Json(
        state
            .regions
            .list
            .iter()
            .filter(|r| r.level == "county")
            .map(|r| PublicRegion { code: r.code.clone(), name: r.name.clone() })
            .collect(),
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnterpriseQuery {
    pub region_code: Option<String>,
}

/// The gas enterprises of a county (names only), for the public form.
#[utoipa::path(get, path = "/enterprises", tag = "public", params(EnterpriseQuery),
    responses((status = 200, body = Vec<PublicEnterprise>)))]
async fn public_enterprises(
    State(state): State<AppState>,
    Query(q): Query<EnterpriseQuery>,
) -> AppResult<axum::Json<Vec<PublicEnterprise>>> {
    Ok(axum::Json(service::public_enterprises(&state, q.region_code.as_deref()).await?))
}

/// File a complaint, report, service request or suggestion: multipart with the part `case` (JSON
/// of CaseInput, with the anti-bot answer) and up to four parts `photos`. Rate-limited per address (429).
#[utoipa::path(post, path = "/cases", tag = "public",
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = FiledCase), (status = 413, body = Problem), (status = 422, body = Problem),
        (status = 429, body = Problem)))]
async fn file_case(
    State(state): State<AppState>,
    ip: ClientIp,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<FiledCase>> {
    let mut mp = multipart
        .map_err(|_| AppError::UnsupportedMediaType("请以 multipart/form-data 提交（字段 case 与 photos）".into()))?;
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge("提交的照片过大".into())
        } else {
            AppError::BadRequest(format!("提交的数据不完整：{e}"))
        }
    };
    let mut input: Option<CaseInput> = None;
    let mut photos = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("case") => {
                let text = field.text().await.map_err(too_large)?;
                input = Some(
                    serde_json::from_str(&text)
                        .map_err(|e| AppError::BadRequest(format!("case 字段不是有效的 JSON：{e}")))?,
                );
            }
            Some("photos") => {
                let name = field.file_name().unwrap_or("照片").to_string();
                let bytes = field.bytes().await.map_err(too_large)?;
                if !bytes.is_empty() {
                    photos.push((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    let input = input.ok_or_else(|| AppError::field("case", "缺少投诉内容（字段 case）"))?;
    Ok(axum::Json(service::file_public(&state, ip.0, &input, photos).await?))
}

/// The progress of a case, by its tracking number and the phone given when filing. An unknown
/// number and a wrong phone get the same 404.
#[utoipa::path(post, path = "/cases/track", tag = "public", request_body = TrackInput,
    responses((status = 200, body = TrackedCase), (status = 404, body = Problem), (status = 429, body = Problem)))]
async fn track_case(
    State(state): State<AppState>,
    ip: ClientIp,
    Json(input): Json<TrackInput>,
) -> AppResult<axum::Json<TrackedCase>> {
    Ok(axum::Json(service::track(&state, ip.0, &input).await?))
}

/// The person's satisfaction rating, once the result has been fed back.
#[utoipa::path(post, path = "/cases/rate", tag = "public", request_body = PublicRating,
    responses((status = 200, body = TrackedCase), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
async fn rate_case(
    State(state): State<AppState>,
    ip: ClientIp,
    Json(input): Json<PublicRating>,
) -> AppResult<axum::Json<TrackedCase>> {
    Ok(axum::Json(service::rate_public(&state, ip.0, &input).await?))
}
