//! The data standard: every record type in one list, for the command line (`ranjian import`,
//! `ranjian schema`) and the published schemas in `docs/data-standard/`.

use crate::complaints::case::service::{EnterpriseCaseRecord, HotlineOrderRecord};
use crate::industry::community::service::{CommunityRecord, GasUserRecord};
use crate::industry::enterprise::service::EnterpriseRecord;
use crate::industry::lpg::service::{CylinderRecord, FillingRecord, MovementRecord};
use crate::industry::pipeline::service::SegmentRecord;
use crate::industry::practitioner::service::PractitionerRecord;
use crate::industry::practitioner::training::TrainingRecord;
use crate::industry::station::service::StationRecord;
use crate::monitoring::camera::service::CameraRecord;
use crate::monitoring::point::service::PointRecord;
use crate::platform::error::{AppError, AppResult};
use crate::platform::excel::ImportReport;
use crate::platform::ingest::{self, IngestCtx, RecordType};
use crate::safety::hazard::service::HazardRecord;
use crate::safety::inspection::service::HomeInspectionRecord;
use crate::safety::major_hazard::records::{AssessmentRecord, MaintenanceRecord};
use crate::safety::major_hazard::service::MajorHazardRecord;
use crate::safety::patrol::service::PatrolRecord;
use crate::safety::third_party_construction::service::ThirdPartyConstructionRecord;

/// Every record type of the data standard, in publication order: each is named once here.
macro_rules! record_types {
    ($apply:ident) => {
        $apply!(
            EnterpriseRecord,
            PractitionerRecord,
            TrainingRecord,
            SegmentRecord,
            StationRecord,
            CommunityRecord,
            GasUserRecord,
            CylinderRecord,
            FillingRecord,
            MovementRecord,
            HomeInspectionRecord,
            HazardRecord,
            ThirdPartyConstructionRecord,
            MajorHazardRecord,
            AssessmentRecord,
            MaintenanceRecord,
            PatrolRecord,
            HotlineOrderRecord,
            EnterpriseCaseRecord,
            PointRecord,
            CameraRecord
        )
    };
}

/// (name, Chinese title) of every record type.
pub fn record_types() -> Vec<(&'static str, &'static str)> {
    macro_rules! names {
        ($($t:ty),*) => { vec![$((<$t>::NAME, <$t>::TITLE)),*] };
    }
    record_types!(names)
}

fn unknown(name: &str) -> AppError {
    let names: Vec<&str> = record_types().iter().map(|(n, _)| *n).collect();
    AppError::field("type", format!("未知的数据类型“{name}”，可选：{}", names.join("、")))
}

/// Import a file of the named record type.
pub async fn import_file(
    ctx: &IngestCtx<'_>,
    name: &str,
    bytes: &[u8],
    filename: Option<&str>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    macro_rules! dispatch {
        ($($t:ty),*) => {
            match name {
                $(n if n == <$t>::NAME => ingest::import_file::<$t>(ctx, bytes, filename, progress).await,)*
                _ => Err(unknown(name)),
            }
        };
    }
    record_types!(dispatch)
}

/// Import a file of the named record type from disk: a CSV file is streamed (a million rows are
/// never held in memory at once), an Excel file read whole.
pub async fn import_path(
    ctx: &IngestCtx<'_>,
    name: &str,
    path: &std::path::Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> AppResult<ImportReport> {
    let filename = path.file_name().map(|n| n.to_string_lossy().to_string());
    let unreadable = |e: std::io::Error| AppError::field("file", format!("无法读取文件 {}：{e}", path.display()));
    if !filename.as_deref().is_some_and(|f| f.to_lowercase().ends_with(".csv")) {
        let bytes = std::fs::read(path).map_err(unreadable)?;
        return import_file(ctx, name, &bytes, filename.as_deref(), progress).await;
    }
    let expected = count_lines(path).map_err(unreadable)?.saturating_sub(1);
    let reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path).map_err(unreadable)?);
    macro_rules! dispatch {
        ($($t:ty),*) => {
            match name {
                $(n if n == <$t>::NAME => ingest::import_csv::<$t>(ctx, reader, expected, progress).await,)*
                _ => Err(unknown(name)),
            }
        };
    }
    record_types!(dispatch)
}

fn count_lines(path: &std::path::Path) -> std::io::Result<usize> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let (mut buf, mut n) = (vec![0u8; 1 << 20], 0);
    loop {
        match f.read(&mut buf)? {
            0 => return Ok(n),
            k => n += buf[..k].iter().filter(|b| **b == b'\n').count(),
        }
    }
}

/// The published JSON Schema of every record type, by file name.
pub fn schemas() -> Vec<(String, serde_json::Value)> {
    macro_rules! all {
        ($($t:ty),*) => { vec![$((format!("{}.schema.json", <$t>::NAME), ingest::json_schema::<$t>())),*] };
    }
    let mut out = record_types!(all);
    out.push(("readings.schema.json".into(), readings_schema()));
    out
}

/// Readings (读数) are not a ledger: they are uploaded as a batch (HTTP JSON or CSV), one MQTT
/// message per point, or a manual-reporting sheet. Their schema is the batch's, with the sheet's
/// columns.
fn readings_schema() -> serde_json::Value {
    use crate::monitoring::reading::model::{ReadingBatch, ReadingInput};
    use crate::monitoring::reading::routes::COLUMNS;
    let mut schema = serde_json::to_value(<ReadingBatch as utoipa::PartialSchema>::schema()).unwrap_or_default();
    let item = serde_json::to_value(<ReadingInput as utoipa::PartialSchema>::schema()).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
        obj.insert("$id".into(), "ranjian/data-standard/readings.schema.json".into());
        obj.insert("title".into(), "监测读数".into());
        if let Some(r) = obj.get_mut("properties").and_then(|p| p.get_mut("readings")) {
            r["items"] = item;
            r["items"]["required"] = serde_json::json!(["point", "ts", "value"]);
            let props = &mut r["items"]["properties"];
            props["ts"]["type"] = serde_json::Value::Null;
            props["ts"]["oneOf"] = serde_json::json!([{"type": "string", "format": "date-time"}, {"type": "integer"}]);
            props["value"]["type"] = serde_json::Value::Null;
            props["value"]["oneOf"] = serde_json::json!([{"type": "number"}, {"type": "string"}]);
            for k in ["ts", "value"] {
                if let Some(o) = props[k].as_object_mut() {
                    o.remove("type");
                }
            }
        }
        let columns: Vec<serde_json::Value> = COLUMNS
            .iter()
            .map(|c| serde_json::json!({"field": c.key, "header": c.header, "required": c.required}))
            .collect();
        obj.insert("x-columns".into(), columns.into());
    }
    schema
}
