//! HTTP handlers of the practitioner ledger.

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::excel::xlsx_response;
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::ingest::RecordType;
use crate::platform::list::{today, PageParams};
use crate::startup::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_practitioners, create_practitioner))
        .routes(routes!(get_practitioner, update_practitioner))
        .routes(routes!(practitioner_stats))
        .merge(ingest::router(upload_max_bytes))
        .merge(training_ingest::router(upload_max_bytes))
}

/// Practitioners in the caller's scope (ID numbers and phones masked); `format=xlsx` exports.
#[utoipa::path(get, path = "/practitioners", tag = "industry", params(PageParams, PractitionerFilter),
    responses((status = 200, body = PractitionerList), (status = 401, body = Problem)))]
async fn list_practitioners(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Query(page): Query<PageParams>,
    Query(filter): Query<PractitionerFilter>,
) -> AppResult<Response> {
    if page.wants_xlsx() {
        let bytes = service::export(&state, &p, &Actor::of(&p, ip.0), &filter, &page).await?;
        let name = format!("从业人员台账_{}.xlsx", chrono::Utc::now().format("%Y%m%d%H%M%S"));
        return Ok(xlsx_response(&name, bytes));
    }
    let hash = service::id_search_hash(&state, &filter);
    let (rows, total) = store::list(&state.db.conn, &p.scope(), &filter, hash, &page, today()).await?;
    Ok(axum::Json(PractitionerList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// One practitioner.
#[utoipa::path(get, path = "/practitioners/{id}", tag = "industry", params(("id" = i64, Path)),
    responses((status = 200, body = PractitionerDto), (status = 404, body = Problem)))]
async fn get_practitioner(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<PractitionerDto>> {
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    let mut dto = service::to_dtos(&state, vec![m]).await?.remove(0);
    dto.trainings = Some(super::training::of(&state.db.conn, id).await?);
    Ok(axum::Json(dto))
}

/// Register a practitioner.
#[utoipa::path(post, path = "/practitioners", tag = "industry", request_body = PractitionerInput,
    responses((status = 201, body = PractitionerDto), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_practitioner(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Json(input): Json<PractitionerInput>,
) -> AppResult<(StatusCode, axum::Json<PractitionerDto>)> {
    p.require(service::PractitionerRecord::may_write(&p))?;
    let dto = service::create(&state, &Actor::of(&p, ip.0), &p.scope(), &input).await?;
    Ok((StatusCode::CREATED, axum::Json(dto)))
}

/// Edit a practitioner (an empty ID number keeps the stored one).
#[utoipa::path(put, path = "/practitioners/{id}", tag = "industry", params(("id" = i64, Path)), request_body = PractitionerInput,
    responses((status = 200, body = PractitionerDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_practitioner(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(id): Path<i64>,
    Json(input): Json<PractitionerInput>,
) -> AppResult<axum::Json<PractitionerDto>> {
    p.require(service::PractitionerRecord::may_write(&p))?;
    Ok(axum::Json(service::update(&state, &Actor::of(&p, ip.0), &p.scope(), id, &input).await?))
}

/// Certified rate per enterprise or region (practitioners in post), lowest first.
#[utoipa::path(get, path = "/practitioners/stats", tag = "industry", params(StatsQuery),
    responses((status = 200, body = CertificationStats)))]
async fn practitioner_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<StatsQuery>,
) -> AppResult<axum::Json<CertificationStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

crate::ingest_routes!(
    service::PractitionerRecord,
    PractitionerInput,
    tag = "industry",
    batch = "/practitioners/batch",
    import = "/practitioners/import",
    template = "/practitioners/import-template"
);

mod training_ingest {
    use super::*;
    crate::ingest_routes!(
        crate::industry::practitioner::training::TrainingRecord,
        TrainingInput,
        tag = "industry",
        batch = "/practitioner-trainings/batch",
        import = "/practitioner-trainings/import",
        template = "/practitioner-trainings/import-template"
    );
    pub use self::ingest::router;
}
