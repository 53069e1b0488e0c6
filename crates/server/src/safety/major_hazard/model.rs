//! Rows and DTOs of major hazard sources, their assessments and maintenance.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod source {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "major_hazard_source")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub station_id: i64,
        /// 1 (most severe) to 4.
        pub level: i32,
        pub substance: String,
        pub quantity_t: Option<f64>,
        pub identified_on: Option<Date>,
        pub leak_detection: bool,
        pub emergency_shutoff: bool,
        pub video: bool,
        pub responsible: Option<String>,
        /// The latest assessment and maintenance (kept by their imports).
        pub last_assessed_on: Option<Date>,
        pub last_maintained_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod assessment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "major_hazard_assessment")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub source_id: i64,
        pub assessed_on: Date,
        pub body: String,
        /// pass | conditional | fail
        pub conclusion: String,
        pub report_no: Option<String>,
        pub report_name: Option<String>,
        pub report_type: Option<String>,
        pub report_size: Option<i64>,
        pub report_sha256: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod maintenance {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "major_hazard_maintenance")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub source_id: i64,
        pub maintained_on: Date,
        pub equipment: String,
        pub content: String,
        pub maintainer: String,
        /// normal | repaired | abnormal
        pub result: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MajorHazardDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    pub name: String,
    pub station_id: i64,
    pub station_code: String,
    pub station_name: String,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    /// 1 (most severe) to 4, and its name (一级…四级).
    pub level: i32,
    pub level_name: String,
    pub substance: String,
    pub quantity_t: Option<f64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub identified_on: Option<NaiveDate>,
    /// Technical safeguards installed (技防措施).
    pub leak_detection: bool,
    pub emergency_shutoff: bool,
    pub video: bool,
    /// The safeguards missing, by Chinese name.
    pub missing_safeguards: Vec<String>,
    pub responsible: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub last_assessed_on: Option<NaiveDate>,
    /// When the next assessment is due (null: never assessed, due now).
    #[schema(value_type = Option<String>, format = Date)]
    pub assessment_due_on: Option<NaiveDate>,
    pub assessment_overdue: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub last_maintained_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub maintenance_due_on: Option<NaiveDate>,
    pub maintenance_overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssessmentDto {
    pub id: i64,
    #[schema(value_type = String, format = Date)]
    pub assessed_on: NaiveDate,
    pub body: String,
    pub conclusion: String,
    pub conclusion_name: String,
    pub report_no: Option<String>,
    /// The report file, when one is uploaded.
    pub report_name: Option<String>,
    pub report_size: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MaintenanceDto {
    pub id: i64,
    #[schema(value_type = String, format = Date)]
    pub maintained_on: NaiveDate,
    pub equipment: String,
    pub content: String,
    pub maintainer: String,
    pub result: String,
    pub result_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MajorHazardDetail {
    #[serde(flatten)]
    pub source: MajorHazardDto,
    /// Newest first.
    pub assessments: Vec<AssessmentDto>,
    pub maintenance: Vec<MaintenanceDto>,
}

/// A major hazard source as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct MajorHazardInput {
    pub enterprise_code: Option<String>,
    /// The enterprise's number of the source (e.g. its filing number; unique within the enterprise)
    pub code: Option<String>,
    pub name: Option<String>,
    /// The facility's code in the station ledger of the same enterprise
    pub station_code: Option<String>,
    /// 一级 | 二级 | 三级 | 四级 (or 1–4)
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub level: Option<String>,
    /// Hazardous substance, e.g. 液化天然气, 液化石油气, 天然气
    pub substance: Option<String>,
    /// Largest quantity held, in tonnes
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub quantity_t: Option<String>,
    /// YYYY-MM-DD
    pub identified_on: Option<String>,
    /// 是 / 否
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub leak_detection: Option<String>,
    /// 是 / 否
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub emergency_shutoff: Option<String>,
    /// 是 / 否
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub video: Option<String>,
    /// Person responsible (包保责任人)
    pub responsible: Option<String>,
}

/// A safety assessment as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct AssessmentInput {
    pub enterprise_code: Option<String>,
    /// The source's number in the major hazard source ledger of the same enterprise
    pub source_code: Option<String>,
    /// YYYY-MM-DD
    pub assessed_on: Option<String>,
    /// Assessment body (评估机构)
    pub body: Option<String>,
    /// 合格 | 基本合格 | 不合格
    pub conclusion: Option<String>,
    pub report_no: Option<String>,
}

/// An equipment maintenance record as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct MaintenanceInput {
    pub enterprise_code: Option<String>,
    pub source_code: Option<String>,
    /// YYYY-MM-DD
    pub maintained_on: Option<String>,
    /// Equipment or safeguard maintained
    pub equipment: Option<String>,
    pub content: Option<String>,
    /// Who did it (company or person)
    pub maintainer: Option<String>,
    /// 正常 | 维修后正常 | 异常待处理
    pub result: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MajorHazardFilter {
    /// Part of the code or name.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub level: Option<i32>,
    /// assessment | maintenance | any: only those past their period.
    pub overdue: Option<String>,
    /// Only those missing a technical safeguard.
    pub missing_safeguard: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MajorHazardList {
    pub items: Vec<MajorHazardDto>,
    pub total: u64,
    /// The periods in force: assessment every N years, maintenance every M months.
    pub assessment_years: u32,
    pub maintenance_months: u32,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MajorHazardStatsQuery {
    /// region | enterprise | level
    pub group: Option<String>,
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MajorHazardStat {
    pub key: String,
    pub name: String,
    pub total: u64,
    /// Count per level, [一级, 二级, 三级, 四级].
    pub by_level: [u64; 4],
    pub assessment_overdue: u64,
    pub maintenance_overdue: u64,
    /// With all three technical safeguards.
    pub safeguards_complete: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MajorHazardStats {
    pub items: Vec<MajorHazardStat>,
    pub summary: MajorHazardStat,
}
