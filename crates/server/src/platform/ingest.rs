//! One ingestion pipeline for every record type of the data standard (ARCHITECTURE.md §3): the JSON
//! batch endpoint, Excel/CSV import, the command line and (later) county-to-city sync all go
//! through `apply`: validate → refuse duplicates within the upload → upsert by code → audit, with
//! per-row errors and only good rows written. Adding a ledger is adding one `RecordType` impl and
//! one `ingest_routes!` line.

use super::audit::Actor;
use super::auth::Principal;
use super::db::WriteTxn;
use super::error::{AppError, AppResult, FieldError};
use super::excel::{self, Column, ImportReport, RowError, MAX_REPORTED_ERRORS};
use super::scope::Scope;
use crate::startup::AppState;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;

/// Largest JSON batch.
pub const MAX_BATCH: usize = 10_000;
/// Rows validated and written per transaction.
const CHUNK: usize = 10_000;

/// Who is writing, within which scope.
pub struct IngestCtx<'a> {
    pub state: &'a AppState,
    pub scope: &'a Scope,
    pub actor: &'a Actor,
}

/// What an upsert of valid rows did.
#[derive(Debug, Default)]
pub struct Upserted {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Rows refused at write time (e.g. the code belongs to a record outside the caller's scope).
    pub errors: Vec<(u32, FieldError)>,
}

/// A record type of the data standard.
pub trait RecordType: Send + Sync + 'static {
    /// Name in URLs, file names and the command line, e.g. `enterprises`.
    const NAME: &'static str;
    /// Chinese name, e.g. 企业.
    const TITLE: &'static str;
    /// The field that identifies a record (upserts are by this code).
    const CODE_FIELD: &'static str = "code";
    /// One record as sent in a batch or read from a sheet.
    type Row: DeserializeOwned + Serialize + utoipa::ToSchema + utoipa::PartialSchema + Send + Sync;
    /// A record that passed validation.
    type Valid: Send + Sync + 'static;

    /// Columns of the template, import and export, in sheet order.
    fn columns() -> &'static [Column];
    /// A valid example row for the template (by column).
    fn example() -> Vec<String>;
    /// Whether this caller may write records of this type.
    fn may_write(p: &Principal) -> bool;
    /// The code of a valid record.
    fn code(v: &Self::Valid) -> &str;
    /// Check a chunk of rows (one query for all referenced codes, not one per row).
    fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[Self::Row],
    ) -> impl Future<Output = AppResult<Vec<Result<Self::Valid, Vec<FieldError>>>>> + Send;
    /// Insert new codes, update changed records, leave identical ones; audit each write.
    fn upsert(
        ctx: &IngestCtx<'_>,
        txn: &WriteTxn,
        rows: Vec<(u32, Self::Valid)>,
    ) -> impl Future<Output = AppResult<Upserted>> + Send;
}

fn header_of<T: RecordType>(field: &str) -> String {
    T::columns().iter().find(|c| c.key == field).map(|c| c.header.to_string()).unwrap_or_else(|| field.to_string())
}

fn row_error<T: RecordType>(row: u32, e: FieldError) -> RowError {
    RowError { row, column: header_of::<T>(&e.field), field: e.field, reason: e.reason }
}

/// Rows parsed from an upload or a batch: (row number, the row or why it could not be read).
pub type ParsedRows<R> = Vec<(u32, Result<R, FieldError>)>;

/// A sheet row (text by column key) as a record row.
pub fn row_from_cells<R: DeserializeOwned>(cells: &HashMap<&'static str, String>) -> Result<R, FieldError> {
    let obj: serde_json::Map<String, serde_json::Value> =
        cells.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone()))).collect();
    serde_json::from_value(serde_json::Value::Object(obj))
        .map_err(|e| FieldError::new("row", format!("该行无法读取：{e}")))
}

/// Rows to ingest: (row number, the row or why it could not be read). Boxed: the async functions
/// that hold it across awaits stay `Send` whatever adapters built it.
pub type RowIter<'r, R> = Box<dyn Iterator<Item = (u32, Result<R, FieldError>)> + Send + 'r>;

/// Run rows through validate → duplicate check → upsert, chunk by chunk, each chunk in one
/// transaction, pulling rows from `rows` as it goes (a CSV file is streamed, not loaded).
/// `progress` is told how many rows are done and the expected total (0 when unknown).
pub async fn apply<T: RecordType>(
    ctx: &IngestCtx<'_>,
    rows: RowIter<'_, T::Row>,
    expected: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    let mut report = ImportReport::default();
    // The first row of each code, by a 128-bit digest of the code (a million codes in 40 MB, not 150).
    let mut first_row_of: HashMap<u128, u32> = HashMap::new();
    let mut done = 0usize;
    let mut rows = rows.peekable();
    let push = |report: &mut ImportReport, e: RowError| {
        if report.errors.len() < MAX_REPORTED_ERRORS {
            report.errors.push(e);
        } else {
            report.errors_omitted += 1;
        }
    };
    // The write of one chunk (its own task, its own transaction) overlaps the reading and checking
    // of the next; chunks are still written one after another, in file order.
    let mut writing: Option<tokio::task::JoinHandle<AppResult<Upserted>>> = None;
    let merge = |report: &mut ImportReport, up: Upserted| {
        report.inserted += up.inserted;
        report.updated += up.updated;
        report.unchanged += up.unchanged;
        up.errors.into_iter().for_each(|(row, e)| push(report, row_error::<T>(row, e)));
    };
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
        let n = chunk.len();
        let mut numbers = Vec::with_capacity(n);
        let mut parsed = Vec::with_capacity(n);
        for (row, r) in chunk {
            match r {
                Ok(r) => {
                    numbers.push(row);
                    parsed.push(r);
                }
                Err(e) => push(&mut report, row_error::<T>(row, e)),
            }
        }
        let checked = T::validate(ctx, &parsed).await?;
        drop(parsed);
        let mut good = Vec::new();
        for (row, result) in numbers.into_iter().zip(checked) {
            match result {
                Err(errs) => errs.into_iter().for_each(|e| push(&mut report, row_error::<T>(row, e))),
                Ok(v) => match first_row_of.get(&digest(T::code(&v))) {
                    Some(first) => push(
                        &mut report,
                        row_error::<T>(
                            row,
                            FieldError::new(
                                T::CODE_FIELD,
                                format!("与第{first}行的{}重复", header_of::<T>(T::CODE_FIELD)),
                            ),
                        ),
                    ),
                    None => {
                        first_row_of.insert(digest(T::code(&v)), row);
                        good.push((row, v));
                    }
                },
            }
        }
        if let Some(w) = writing.take() {
            merge(&mut report, joined(w).await?);
        }
        if !good.is_empty() {
            let (state, scope, actor) = (ctx.state.clone(), ctx.scope.clone(), ctx.actor.clone());
            writing = Some(tokio::spawn(async move {
                let ctx = IngestCtx { state: &state, scope: &scope, actor: &actor };
                let txn = state.db.write_txn().await?;
                let up = T::upsert(&ctx, &txn, good).await?;
                txn.commit().await?;
                state.lists.invalidate(T::NAME);
                Ok(up)
            }));
        }
        done += n;
        progress(done, expected.max(done));
    }
    if let Some(w) = writing.take() {
        merge(&mut report, joined(w).await?);
    }
    report.total_rows = done as u32;
    report.errors.sort_by_key(|e| e.row);
    Ok(report)
}

/// A 128-bit digest of a record's code: two keyed SipHash values (a collision among a million codes
/// has a probability near 10⁻²⁷).
fn digest(code: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |salt: u64| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        code.hash(&mut h);
        h.finish()
    };
    ((half(0x5eed_0001) as u128) << 64) | half(0x5eed_0002) as u128
}

async fn joined(w: tokio::task::JoinHandle<AppResult<Upserted>>) -> AppResult<Upserted> {
    w.await.map_err(|e| AppError::Internal(anyhow::anyhow!("import writer: {e}")))?
}

/// A JSON batch: an array of records, numbered from 1 in the answer.
pub async fn batch<T: RecordType>(ctx: &IngestCtx<'_>, records: Vec<serde_json::Value>) -> AppResult<ImportReport> {
    if records.len() > MAX_BATCH {
        return Err(AppError::PayloadTooLarge(format!("一批最多{MAX_BATCH}条记录，本批{}条", records.len())));
    }
    let n = records.len();
    let rows = records.into_iter().enumerate().map(|(i, v)| {
        let r =
            serde_json::from_value::<T::Row>(v).map_err(|e| FieldError::new("record", format!("记录格式错误：{e}")));
        (i as u32 + 1, r)
    });
    apply::<T>(ctx, Box::new(rows), n, &|_, _| {}).await
}

/// Import an uploaded file: xlsx (by its signature) or UTF-8 CSV (streamed row by row).
pub async fn import_file<T: RecordType>(
    ctx: &IngestCtx<'_>,
    bytes: &[u8],
    filename: Option<&str>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    let is_csv = filename.is_some_and(|f| f.to_lowercase().ends_with(".csv"));
    if bytes.starts_with(b"PK") {
        let rows = excel::read_rows(bytes, T::columns())?;
        let n = rows.len();
        let rows = rows.into_iter().map(|(n, cells)| (n, row_from_cells::<T::Row>(&cells)));
        apply::<T>(ctx, Box::new(rows), n, progress).await
    } else if is_csv {
        let expected = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1);
        import_csv::<T>(ctx, bytes, expected, progress).await
    } else {
        Err(AppError::UnsupportedMediaType("上传的文件须为Excel（.xlsx）或CSV（.csv，UTF-8）文件".into()))
    }
}

/// Import CSV rows from a reader, one chunk at a time; `expected` rows only informs `progress`.
pub async fn import_csv<T: RecordType>(
    ctx: &IngestCtx<'_>,
    reader: impl std::io::Read + Send,
    expected: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    let rows = excel::csv_rows(reader, T::columns())?;
    let rows = rows.map(|(n, cells)| (n, cells.and_then(|c| row_from_cells::<T::Row>(&c))));
    apply::<T>(ctx, Box::new(rows), expected, progress).await
}

/// Records exported to Excel in the columns of their import template (so export → import changes
/// nothing), audited with the filter they were taken with.
pub async fn export<T: RecordType>(
    state: &AppState,
    actor: &Actor,
    rows: Vec<Vec<String>>,
    filter: &[(&str, Option<String>)],
) -> AppResult<axum::response::Response> {
    export_sheet(state, actor, T::TITLE, T::NAME, T::columns(), rows, filter).await
}

/// Rows exported to an Excel sheet titled `title`, audited as an export of `target` with the
/// filter they were taken with (label = value, the empty ones left out).
pub async fn export_sheet(
    state: &AppState,
    actor: &Actor,
    title: &str,
    target: &'static str,
    columns: &[Column],
    rows: Vec<Vec<String>>,
    filter: &[(&str, Option<String>)],
) -> AppResult<axum::response::Response> {
    let n = rows.len();
    let bytes = excel::export(title, columns, rows.into_iter())?;
    let conditions: Vec<String> = filter
        .iter()
        .filter_map(|(label, v)| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(|v| format!("{label}={v}")))
        .collect();
    let conditions = if conditions.is_empty() { "全部".to_string() } else { conditions.join("，") };
    let txn = state.db.write_txn().await?;
    let e = super::audit::Event {
        action: "ledger.export",
        target_type: Some(target),
        target_id: None,
        success: true,
        detail: Some(format!("导出{title}{n}条（条件：{conditions}）")),
    };
    super::audit::append(&*txn, actor, e).await?;
    txn.commit().await?;
    // Named by the time in China, as the people downloading it read it.
    let local = chrono::Utc::now() + chrono::Duration::hours(8);
    let name = format!("{title}_{}.xlsx", local.format("%Y%m%d%H%M%S"));
    Ok(excel::xlsx_response(&name, bytes))
}

/// The Excel template of a record type.
pub fn template<T: RecordType>() -> AppResult<Vec<u8>> {
    let example = T::example();
    let refs: Vec<&str> = example.iter().map(String::as_str).collect();
    excel::template(T::TITLE, T::columns(), &refs)
}

/// The JSON Schema of one record of this type, as published in `docs/data-standard/`.
pub fn json_schema<T: RecordType>() -> serde_json::Value {
    let mut schema = serde_json::to_value(<T::Row as utoipa::PartialSchema>::schema()).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
        obj.insert("$id".into(), format!("ranjian/data-standard/{}.schema.json", T::NAME).into());
        obj.insert("title".into(), T::TITLE.into());
        let columns: Vec<serde_json::Value> = T::columns()
            .iter()
            .map(|c| serde_json::json!({"field": c.key, "header": c.header, "required": c.required}))
            .collect();
        obj.insert("x-columns".into(), columns.into());
        // Required fields and the sheet's Chinese header, from the same column list the server reads.
        let required: Vec<&str> = T::columns().iter().filter(|c| c.required).map(|c| c.key).collect();
        obj.insert("required".into(), required.into());
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            for c in T::columns() {
                if let Some(p) = props.get_mut(c.key).and_then(|p| p.as_object_mut()) {
                    let text = match p.get("description").and_then(|d| d.as_str()) {
                        Some(d) if !d.contains(c.header) => format!("{}：{d}", c.header),
                        Some(d) => d.to_string(),
                        None => c.header.to_string(),
                    };
                    p.insert("description".into(), text.into());
                }
            }
        }
        obj.insert("x-code-field".into(), T::CODE_FIELD.into());
    }
    schema
}

/// The batch, import and template endpoints of a record type, with their OpenAPI documents.
/// Paths are literals, as the OpenAPI macro needs them.
#[macro_export]
macro_rules! ingest_routes {
    ($record:ty, $row:ty, tag = $tag:literal, batch = $batch:literal, import = $import:literal, template = $template:literal) => {
        pub mod ingest {
            use super::*;
            use $crate::platform::auth::Auth;
            use $crate::platform::error::{AppResult, Problem};
            use $crate::platform::excel::{xlsx_response, ImportReport};
            use $crate::platform::extract::{ClientIp, Json};
            use $crate::platform::ingest::{self, IngestCtx, RecordType};
            use $crate::startup::AppState;
            use axum::extract::multipart::MultipartRejection;
            use axum::extract::{DefaultBodyLimit, Multipart, State};
            use utoipa_axum::router::OpenApiRouter;
            use utoipa_axum::routes;

            pub fn router(upload_max_bytes: usize) -> OpenApiRouter<AppState> {
                OpenApiRouter::new()
                    .routes(routes!(batch))
                    .routes(routes!(import))
                    .layer(DefaultBodyLimit::max(upload_max_bytes))
                    .routes(routes!(template))
            }

            /// Upsert up to 10,000 records by code; answers per-record errors, writes only good records.
            #[utoipa::path(post, path = $batch, tag = $tag, request_body = Vec<$row>,
                responses((status = 200, body = ImportReport), (status = 413, body = Problem), (status = 422, body = Problem)))]
            pub async fn batch(
                State(state): State<AppState>,
                Auth(p): Auth,
                ip: ClientIp,
                Json(records): Json<Vec<serde_json::Value>>,
            ) -> AppResult<axum::Json<ImportReport>> {
                p.require(<$record as RecordType>::may_write(&p))?;
                let scope = p.scope();
                let actor = $crate::platform::audit::Actor::of(&p, ip.0);
                let ctx = IngestCtx { state: &state, scope: &scope, actor: &actor };
                Ok(axum::Json(ingest::batch::<$record>(&ctx, records).await?))
            }

            /// Import an Excel (.xlsx) or CSV file (multipart field `file`): good rows are written, bad
            /// rows reported with row, column and reason.
            #[utoipa::path(post, path = $import, tag = $tag,
                request_body(content_type = "multipart/form-data", content = Vec<u8>),
                responses((status = 200, body = ImportReport), (status = 413, body = Problem), (status = 415, body = Problem)))]
            pub async fn import(
                State(state): State<AppState>,
                Auth(p): Auth,
                ip: ClientIp,
                multipart: Result<Multipart, MultipartRejection>,
            ) -> AppResult<axum::Json<ImportReport>> {
                p.require(<$record as RecordType>::may_write(&p))?;
                let upload = ingest::read_upload(multipart).await?;
                let scope = p.scope();
                let actor = $crate::platform::audit::Actor::of(&p, ip.0);
                let ctx = IngestCtx { state: &state, scope: &scope, actor: &actor };
                Ok(axum::Json(ingest::import_upload::<$record>(&ctx, &upload, &|_, _| {}).await?))
            }

            /// The Excel template for importing these records.
            #[utoipa::path(get, path = $template, tag = $tag,
                responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
            pub async fn template(Auth(_p): Auth) -> AppResult<axum::response::Response> {
                let name = format!("{}导入模板.xlsx", <$record as RecordType>::TITLE);
                Ok(xlsx_response(&name, ingest::template::<$record>()?))
            }
        }
    };
}

/// An uploaded file, spooled to a temporary file chunk by chunk (deleted when dropped).
pub struct Upload {
    pub file: tempfile::NamedTempFile,
    pub name: Option<String>,
}

fn io_error(e: std::io::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("upload spool: {e}"))
}

/// The multipart field `file`, written to a temporary file as it arrives: a large CSV is never held
/// in memory, and the body limit still answers 413.
pub async fn read_upload(
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Upload> {
    use axum::http::StatusCode;
    use std::io::Write;
    let mut mp = multipart
        .map_err(|_| AppError::UnsupportedMediaType("请以 multipart/form-data 上传文件（字段名 file）".into()))?;
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge("上传的文件超过允许的大小".into())
        } else {
            AppError::BadRequest(format!("上传数据不完整：{e}"))
        }
    };
    while let Some(mut field) = mp.next_field().await.map_err(too_large)? {
        if field.name() == Some("file") {
            let name = field.file_name().map(str::to_string);
            let mut file = tempfile::NamedTempFile::new().map_err(io_error)?;
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                file.write_all(&chunk).map_err(io_error)?;
            }
            file.flush().map_err(io_error)?;
            return Ok(Upload { file, name });
        }
    }
    Err(AppError::field("file", "请选择要上传的文件（字段名 file）"))
}

/// Import an upload: an Excel file is read whole, a CSV file streamed from disk.
pub async fn import_upload<T: RecordType>(
    ctx: &IngestCtx<'_>,
    upload: &Upload,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    use std::io::Read;
    let mut head = [0u8; 2];
    let n = upload.file.reopen().map_err(io_error)?.read(&mut head).map_err(io_error)?;
    let is_csv = upload.name.as_deref().is_some_and(|f| f.to_lowercase().ends_with(".csv"));
    if n == 2 && &head == b"PK" || !is_csv {
        let bytes = std::fs::read(upload.file.path()).map_err(io_error)?;
        return import_file::<T>(ctx, &bytes, upload.name.as_deref(), progress).await;
    }
    let reader = std::io::BufReader::with_capacity(1 << 20, upload.file.reopen().map_err(io_error)?);
    import_csv::<T>(ctx, reader, 0, progress).await
}
