//! Rows and DTOs of patrols.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod patrol {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "patrol")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        /// segment | station
        pub target_kind: String,
        pub target_id: i64,
        pub patrolled_on: Date,
        /// Local time "HH:MM", when given.
        pub patrolled_time: Option<String>,
        pub patroller: String,
        /// GeoJSON LineString (a track) or MultiPoint (check points).
        pub track: Option<String>,
        pub track_length_m: Option<f64>,
        /// normal | abnormal
        pub result: String,
        pub findings: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PatrolDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    /// segment | station, and 管段 | 厂站设施
    pub target_kind: String,
    pub target_kind_name: String,
    pub target_id: i64,
    pub target_code: String,
    /// The segment's pressure class or the facility's kind, in Chinese.
    pub target_class_name: String,
    #[schema(value_type = String, format = Date)]
    pub patrolled_on: NaiveDate,
    pub patrolled_time: Option<String>,
    pub patroller: String,
    #[schema(value_type = Option<Object>)]
    pub track: Option<serde_json::Value>,
    pub track_length_m: Option<f64>,
    pub result: String,
    pub result_name: String,
    pub findings: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A patrol as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct PatrolInput {
    pub enterprise_code: Option<String>,
    /// The enterprise's number of the patrol record (unique within the enterprise)
    pub code: Option<String>,
    /// 管段 | 厂站设施 (segment | station)
    pub target_kind: Option<String>,
    /// The segment's or facility's code in the enterprise's ledger
    pub target_code: Option<String>,
    /// YYYY-MM-DD or YYYY-MM-DD HH:MM (local time)
    pub patrolled_at: Option<String>,
    pub patroller: Option<String>,
    /// GeoJSON LineString (the track walked) or MultiPoint (points checked), as text
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub track: Option<String>,
    /// 正常 | 发现异常 (default 正常)
    pub result: Option<String>,
    pub findings: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PatrolFilter {
    /// Record number, the code of the patrolled segment or facility, or the patroller.
    pub q: Option<String>,
    /// One segment or facility (with `target_kind`).
    pub target_id: Option<i64>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    /// segment | station
    pub target_kind: Option<String>,
    /// normal | abnormal
    pub result: Option<String>,
    /// YYYY-MM-DD, inclusive
    #[param(value_type = Option<String>)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PatrolList {
    pub items: Vec<PatrolDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompletionQuery {
    /// enterprise | region | class (pressure class or facility kind)
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    /// segment | station
    pub target_kind: Option<String>,
    /// One pressure class (low … high_a) or facility kind (gate_station …).
    pub class: Option<String>,
    /// The period, inclusive (default: the 30 days ending today).
    #[param(value_type = Option<String>)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CompletionStat {
    pub key: String,
    pub name: String,
    /// Segments and facilities in service with a planned frequency.
    pub targets: u64,
    /// Patrol days the plan asks for in the period, and those done (at most the plan, per target).
    pub required: u64,
    pub done: u64,
    /// done / required (null when nothing is planned).
    pub rate: Option<f64>,
    /// Targets with fewer patrol days than planned.
    pub behind: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PatrolCompletion {
    pub items: Vec<CompletionStat>,
    pub summary: CompletionStat,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
}

/// A segment or facility behind its patrol plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BehindTarget {
    pub target_kind: String,
    pub target_kind_name: String,
    pub target_id: i64,
    pub target_code: String,
    pub target_name: String,
    pub target_class_name: String,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    /// Days between patrols in the plan.
    pub interval_days: u32,
    pub required: u64,
    pub done: u64,
    /// The last patrol ever (not only in the period).
    #[schema(value_type = Option<String>, format = Date)]
    pub last_patrolled_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BehindList {
    pub items: Vec<BehindTarget>,
    pub total: u64,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
}

/// The planned frequency in force: days between patrols per pressure class and facility kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanEntry {
    /// segment | station
    pub target_kind: String,
    pub class: String,
    pub class_name: String,
    pub interval_days: u32,
}
