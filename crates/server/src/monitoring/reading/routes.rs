//! HTTP handlers of readings: uploads from enterprise systems (JSON or CSV) and manual reporting
//! (a form, or an Excel/CSV file of the template).

use super::model::*;
use super::service::{self, Incoming, Source, Writer};
use crate::platform::auth::{Auth, Principal};
use crate::platform::error::{AppError, AppResult, Problem};
use crate::platform::excel::{self, xlsx_response, Column};
use crate::platform::ingest::read_upload;
use crate::startup::AppState;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{header, HeaderMap};
use ranjian_domain::{OrgKind, Role};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_readings))
        .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
        .merge(OpenApiRouter::new().routes(routes!(import_readings)).layer(DefaultBodyLimit::max(upload_max_bytes)))
        .routes(routes!(reading_template))
        .routes(routes!(mqtt_status))
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MqttStatusDto {
    /// Whether a broker is configured (`monitoring.mqtt_url`).
    pub configured: bool,
    pub connected: bool,
    /// Connections made since the start (more than one: it reconnected).
    pub connections: u64,
    pub messages: u64,
    pub malformed: u64,
    pub stored: u64,
    pub topic_prefix: String,
}

/// The state of the MQTT subscription.
#[utoipa::path(get, path = "/mqtt-status", tag = "monitoring",
    responses((status = 200, body = MqttStatusDto), (status = 401, body = Problem)))]
async fn mqtt_status(State(state): State<AppState>, Auth(_p): Auth) -> axum::Json<MqttStatusDto> {
    use std::sync::atomic::Ordering::Relaxed;
    let s = state.mqtt.get();
    axum::Json(MqttStatusDto {
        configured: s.is_some(),
        connected: s.is_some_and(|s| s.connected.load(Relaxed)),
        connections: s.map(|s| s.connections.load(Relaxed)).unwrap_or(0),
        messages: s.map(|s| s.messages.load(Relaxed)).unwrap_or(0),
        malformed: s.map(|s| s.malformed.load(Relaxed)).unwrap_or(0),
        stored: s.map(|s| s.stored.load(Relaxed)).unwrap_or(0),
        topic_prefix: state.config.monitoring.mqtt_topic_prefix.clone(),
    })
}

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: false,
        choices: &[],
        width: 24.0,
        note: "企业账号上报本企业数据时可不填。",
    },
    Column { key: "point", header: "监测点编号", required: true, choices: &[], width: 18.0, note: "" },
    Column {
        key: "ts",
        header: "监测时间",
        required: true,
        choices: &[],
        width: 20.0,
        note: "北京时间，如 2026-11-29 08:00:00。",
    },
    Column { key: "value", header: "监测值", required: true, choices: &[], width: 12.0, note: "数字。" },
    Column {
        key: "unit",
        header: "计量单位",
        required: false,
        choices: &[],
        width: 10.0,
        note: "填写时须与监测点一致。",
    },
];

/// Who may report readings: enterprise accounts for their own points, and the authorities'
/// administrators (manual reporting on an enterprise's behalf) within their area.
fn writer(p: &Principal) -> AppResult<Writer> {
    let allowed = match p.org_kind {
        OrgKind::Enterprise => matches!(p.role, Role::EnterpriseAdmin | Role::EnterpriseUser),
        _ => p.role.is_admin(),
    };
    p.require(allowed)?;
    let enterprise_id = if p.org_kind == OrgKind::Enterprise { Some(p.enterprise_id.unwrap_or(-1)) } else { None };
    Ok(Writer { scope: p.scope(), enterprise_id })
}

fn too_many(state: &AppState, n: usize) -> AppResult<()> {
    let max = state.config.monitoring.batch_max;
    if n > max {
        return Err(AppError::PayloadTooLarge(format!("一次最多上传{max}条读数（本次{n}条），请分批上传")));
    }
    Ok(())
}

fn csv_incoming(bytes: &[u8]) -> AppResult<Vec<Incoming>> {
    let rows = excel::csv_rows(bytes, COLUMNS)?;
    Ok(rows.map(|(line, r)| sheet_row(line, r.map_err(|e| e.reason))).collect())
}

fn sheet_row(index: u32, r: Result<HashMap<&'static str, String>, String>) -> Incoming {
    match r {
        Ok(cells) => Incoming {
            index,
            point: cells.get("point").cloned(),
            enterprise_code: cells.get("enterprise_code").cloned(),
            ts: cells.get("ts").map(|s| service::parse_ts_str(s)).unwrap_or_else(|| Err("时间不能为空".into())),
            value: cells
                .get("value")
                .map(|s| service::parse_value(&Scalar::Text(s.clone())))
                .unwrap_or_else(|| Err("数值不能为空".into())),
            unit: cells.get("unit").cloned(),
        },
        Err(reason) => Incoming {
            index,
            point: None,
            enterprise_code: None,
            ts: Err(reason.clone()),
            value: Err(reason),
            unit: None,
        },
    }
}

/// Upload readings (JSON `ReadingBatch`, or CSV with the template's columns as `text/csv`). Each bad
/// reading is refused with its reason and the rest stored; a reading already stored (same point and
/// time) is not stored twice. Answered once the readings are durable.
#[utoipa::path(post, path = "/readings", tag = "monitoring", request_body = ReadingBatch,
    responses((status = 200, body = IngestReport), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn upload_readings(
    State(state): State<AppState>,
    Auth(p): Auth,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<axum::Json<IngestReport>> {
    let w = writer(&p)?;
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let (default_enterprise, rows) = if ct.starts_with("text/csv") {
        let rows = csv_incoming(&body)?;
        too_many(&state, rows.len())?;
        (None, rows)
    } else if ct.starts_with("application/json") || ct.is_empty() {
        let batch: ReadingBatch = serde_json::from_slice(&body)
            .map_err(|e| AppError::BadRequest(format!("上传内容不是有效的读数JSON：{e}")))?;
        too_many(&state, batch.readings.len())?;
        let rows = batch.readings.into_iter().enumerate().map(|(i, r)| Incoming::from_input(i as u32, r)).collect();
        (batch.enterprise_code, rows)
    } else {
        return Err(AppError::UnsupportedMediaType("读数请以 application/json 或 text/csv 上传".into()));
    };
    Ok(axum::Json(service::ingest(&state, &w, default_enterprise.as_deref(), rows, Source::Http).await?))
}

/// Manual reporting (人工抄报) from a file of the template (.xlsx or .csv, multipart field `file`).
#[utoipa::path(post, path = "/readings/import", tag = "monitoring",
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = IngestReport), (status = 413, body = Problem), (status = 415, body = Problem)))]
async fn import_readings(
    State(state): State<AppState>,
    Auth(p): Auth,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<IngestReport>> {
    let w = writer(&p)?;
    let upload = read_upload(multipart).await?;
    let bytes = tokio::fs::read(upload.file.path())
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("upload read: {e}")))?;
    let is_xlsx = bytes.starts_with(b"PK");
    let rows = if is_xlsx {
        excel::read_rows(&bytes, COLUMNS)?.into_iter().map(|(line, cells)| sheet_row(line, Ok(cells))).collect()
    } else {
        if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_err() && bytes.len() < 4096 {
            return Err(AppError::UnsupportedMediaType("请上传Excel（.xlsx）或UTF-8编码的CSV文件".into()));
        }
        csv_incoming(&bytes)?
    };
    too_many(&state, rows.len())?;
    Ok(axum::Json(service::ingest(&state, &w, None, rows, Source::Manual).await?))
}

/// The Excel template of manual reporting.
#[utoipa::path(get, path = "/readings/import-template", tag = "monitoring",
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn reading_template(Auth(_p): Auth) -> AppResult<axum::response::Response> {
    let ent = crate::industry::enterprise::service::example_code();
    let bytes = excel::template("人工抄报", COLUMNS, &[&ent, "XZ-MZ-01-P01", "2026-11-29 08:00:00", "0.32", "MPa"])?;
    Ok(xlsx_response("人工抄报模板.xlsx", bytes))
}
