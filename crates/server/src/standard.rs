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
            EnterpriseCaseRecord
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
    record_types!(all)
}
