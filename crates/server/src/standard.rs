//! The data standard: every record type in one list, for the command line (`ranjian import`,
//! `ranjian schema`) and the published schemas in `docs/data-standard/`.

use crate::industry::community::service::{CommunityRecord, GasUserRecord};
use crate::industry::enterprise::service::EnterpriseRecord;
use crate::industry::lpg::service::{CylinderRecord, FillingRecord};
use crate::industry::pipeline::service::SegmentRecord;
use crate::industry::practitioner::service::PractitionerRecord;
use crate::industry::station::service::StationRecord;
use crate::platform::error::{AppError, AppResult};
use crate::platform::excel::ImportReport;
use crate::platform::ingest::{self, IngestCtx, RecordType};

/// (name, Chinese title) of every record type.
pub fn record_types() -> Vec<(&'static str, &'static str)> {
    vec![
        (EnterpriseRecord::NAME, EnterpriseRecord::TITLE),
        (PractitionerRecord::NAME, PractitionerRecord::TITLE),
        (SegmentRecord::NAME, SegmentRecord::TITLE),
        (StationRecord::NAME, StationRecord::TITLE),
        (CommunityRecord::NAME, CommunityRecord::TITLE),
        (GasUserRecord::NAME, GasUserRecord::TITLE),
        (CylinderRecord::NAME, CylinderRecord::TITLE),
        (FillingRecord::NAME, FillingRecord::TITLE),
    ]
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
    match name {
        EnterpriseRecord::NAME => ingest::import_file::<EnterpriseRecord>(ctx, bytes, filename, progress).await,
        PractitionerRecord::NAME => ingest::import_file::<PractitionerRecord>(ctx, bytes, filename, progress).await,
        SegmentRecord::NAME => ingest::import_file::<SegmentRecord>(ctx, bytes, filename, progress).await,
        StationRecord::NAME => ingest::import_file::<StationRecord>(ctx, bytes, filename, progress).await,
        CommunityRecord::NAME => ingest::import_file::<CommunityRecord>(ctx, bytes, filename, progress).await,
        GasUserRecord::NAME => ingest::import_file::<GasUserRecord>(ctx, bytes, filename, progress).await,
        CylinderRecord::NAME => ingest::import_file::<CylinderRecord>(ctx, bytes, filename, progress).await,
        FillingRecord::NAME => ingest::import_file::<FillingRecord>(ctx, bytes, filename, progress).await,
        _ => Err(unknown(name)),
    }
}

/// The published JSON Schema of every record type, by file name.
pub fn schemas() -> Vec<(String, serde_json::Value)> {
    vec![
        (format!("{}.schema.json", EnterpriseRecord::NAME), ingest::json_schema::<EnterpriseRecord>()),
        (format!("{}.schema.json", PractitionerRecord::NAME), ingest::json_schema::<PractitionerRecord>()),
        (format!("{}.schema.json", SegmentRecord::NAME), ingest::json_schema::<SegmentRecord>()),
        (format!("{}.schema.json", StationRecord::NAME), ingest::json_schema::<StationRecord>()),
        (format!("{}.schema.json", CommunityRecord::NAME), ingest::json_schema::<CommunityRecord>()),
        (format!("{}.schema.json", GasUserRecord::NAME), ingest::json_schema::<GasUserRecord>()),
        (format!("{}.schema.json", CylinderRecord::NAME), ingest::json_schema::<CylinderRecord>()),
        (format!("{}.schema.json", FillingRecord::NAME), ingest::json_schema::<FillingRecord>()),
    ]
}
