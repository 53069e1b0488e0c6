//! HTTP handlers of alarms, and their live feed (server-sent events).

use super::model::*;
use super::{service, store};
use crate::platform::audit::Actor;
use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::excel::Column;
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::platform::ingest::export_sheet;
use crate::platform::list::{all, PageParams};
use crate::startup::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::Stream;
use std::convert::Infallible;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_alarms))
        .routes(routes!(alarm_stats))
        .routes(routes!(alarm_stream))
        .routes(routes!(get_alarm))
        .routes(routes!(alarm_action))
}

const fn col(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, required: false, choices: &[], width, note: "" }
}

const EXPORT: &[Column] = &[
    col("code", "报警编号", 20.0),
    col("severity", "报警级别", 8.0),
    col("point_code", "监测点编号", 18.0),
    col("point_name", "监测点名称", 24.0),
    col("enterprise", "企业", 28.0),
    col("region", "区县", 10.0),
    col("condition", "报警类型", 12.0),
    col("value", "报警值", 12.0),
    col("threshold", "限值", 12.0),
    col("raised_at", "报警时间", 20.0),
    col("cleared_at", "恢复时间", 20.0),
    col("state", "处置状态", 10.0),
    col("acknowledged_at", "确认时间", 20.0),
    col("handled_at", "处置完成时间", 20.0),
    col("disposal", "处置报告", 40.0),
    col("supervised", "超时督办", 8.0),
];

/// Alarms in the caller's scope, newest first.
#[utoipa::path(get, path = "/alarms", tag = "monitoring", params(PageParams, AlarmFilter),
    responses((status = 200, body = AlarmList), (status = 401, body = Problem)))]
async fn list_alarms(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(filter): Query<AlarmFilter>,
    ip: ClientIp,
) -> AppResult<Response> {
    let scope = p.scope();
    if page.wants_xlsx() {
        let q = store::filtered(&scope, &filter)?;
        let rows = all(&state.db.conn, q, alarm::Column::Id, state.config.export_max_rows).await?;
        let rows = service::to_dtos(&state, rows).await?.iter().map(service::sheet_row).collect();
        let f = [
            ("状态", filter.state.clone()),
            ("级别", filter.severity.clone()),
            ("类型", filter.condition.clone()),
            ("区划", filter.region_code.clone()),
            ("企业", filter.enterprise_id.map(|e| e.to_string())),
            ("未处置", filter.open.map(|o| o.to_string())),
            ("起", filter.from.clone()),
            ("止", filter.to.clone()),
        ];
        return export_sheet(&state, &Actor::of(&p, ip.0), "报警记录", "alarm", EXPORT, rows, &f).await;
    }
    let (rows, total) = store::list(&state.db.conn, &scope, &filter, &page).await?;
    Ok(axum::Json(AlarmList { items: service::to_dtos(&state, rows).await?, total }).into_response())
}

/// Alarms by enterprise or county, with the mean minutes to acknowledge and to handle.
#[utoipa::path(get, path = "/alarms/stats", tag = "monitoring", params(AlarmStatsQuery),
    responses((status = 200, body = AlarmStats)))]
async fn alarm_stats(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(q): Query<AlarmStatsQuery>,
) -> AppResult<axum::Json<AlarmStats>> {
    Ok(axum::Json(service::stats(&state, &p.scope(), &q).await?))
}

/// The live feed of alarms (server-sent events, event `alarm`, data `FeedMessage`): alarms in the
/// caller's scope of the severities configured for the caller's level, as soon as they are written.
#[utoipa::path(get, path = "/alarms/stream", tag = "monitoring",
    responses((status = 200, description = "text/event-stream of FeedMessage", content_type = "text/event-stream")))]
async fn alarm_stream(
    State(state): State<AppState>,
    Auth(p): Auth,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.live.feed.subscribe();
    let scope = p.scope();
    let stream = futures_util::stream::unfold((rx, state, p, scope), |(mut rx, state, p, scope)| async move {
        loop {
            match rx.recv().await {
                Ok(item) => {
                    if !service::feed_reaches(&state, &p, &scope, &item) {
                        continue;
                    }
                    let ev = Event::default().event("alarm").json_data(&item.message).unwrap_or_default();
                    return Some((Ok(ev), (rx, state, p, scope)));
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    let ev = Event::default().event("lagged").data(n.to_string());
                    return Some((Ok(ev), (rx, state, p, scope)));
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    // A first comment at once, so the browser knows the stream is open.
    let hello = futures_util::stream::once(async { Ok(Event::default().comment("ready")) });
    Sse::new(futures_util::StreamExt::chain(hello, stream)).keep_alive(KeepAlive::default())
}

/// One alarm, its history and the steps the caller may take.
#[utoipa::path(get, path = "/alarms/{id}", tag = "monitoring", params(("id" = i64, Path)),
    responses((status = 200, body = AlarmDetail), (status = 404, body = Problem)))]
async fn get_alarm(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
) -> AppResult<axum::Json<AlarmDetail>> {
    Ok(axum::Json(service::detail(&state, &p, id).await?))
}

/// A step of the alarm's lifecycle by the owning enterprise: acknowledge, handle, dispose (with
/// the disposal report).
#[utoipa::path(post, path = "/alarms/{id}/actions", tag = "monitoring", params(("id" = i64, Path)),
    request_body = AlarmActionInput,
    responses((status = 200, body = AlarmDetail), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn alarm_action(
    State(state): State<AppState>,
    Auth(p): Auth,
    Path(id): Path<i64>,
    ip: ClientIp,
    Json(input): Json<AlarmActionInput>,
) -> AppResult<axum::Json<AlarmDetail>> {
    Ok(axum::Json(service::act(&state, &p, ip.0, id, &input).await?))
}
