//! Rows and DTOs of the monitoring point ledger.

use crate::platform::fields::lenient;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod point {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "monitoring_point")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub kind: String,
        pub unit: String,
        pub target_type: String,
        pub target_id: Option<i64>,
        pub target_code: Option<String>,
        pub target_name: Option<String>,
        pub lng: f64,
        pub lat: f64,
        pub interval_s: i32,
        pub high_high: Option<f64>,
        pub high: Option<f64>,
        pub low: Option<f64>,
        pub low_low: Option<f64>,
        pub rate_of_change: Option<f64>,
        pub deadband: Option<f64>,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The live value and status of a point.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LiveDto {
    pub value: Option<f64>,
    pub at: Option<DateTime<Utc>>,
    /// normal | alarm | offline | never
    pub state: &'static str,
    pub state_name: &'static str,
    pub condition: Option<&'static str>,
    pub condition_name: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PointDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub kind_name: String,
    pub unit: String,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    /// station | pipeline | major_hazard | place
    pub target_type: String,
    pub target_type_name: String,
    /// The station's, segment's or major hazard source's id.
    pub target_id: Option<i64>,
    pub target_code: Option<String>,
    pub target_name: Option<String>,
    pub lng: f64,
    pub lat: f64,
    /// Reporting interval in seconds.
    pub interval_s: i32,
    pub high_high: Option<f64>,
    pub high: Option<f64>,
    pub low: Option<f64>,
    pub low_low: Option<f64>,
    /// Largest change per minute.
    pub rate_of_change: Option<f64>,
    pub deadband: Option<f64>,
    /// in_service | out_of_service
    pub status: String,
    pub live: LiveDto,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A monitoring point as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct PointInput {
    /// The owning enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own code of the point (unique within the enterprise; readings name it).
    pub code: Option<String>,
    pub name: Option<String>,
    /// pressure | flow | methane | temperature | level | valve_state | other (or the Chinese name)
    pub kind: Option<String>,
    /// e.g. MPa, kPa, m³/h, %LEL, ℃
    pub unit: Option<String>,
    /// station | pipeline | major_hazard | place (厂站设施 | 管段 | 重大危险源 | 人员密集场所)
    pub target_type: Option<String>,
    /// The facility's, segment's or major hazard source's code (of the same enterprise).
    pub target_code: Option<String>,
    /// For a place: its name (e.g. the market or school).
    pub target_name: Option<String>,
    /// Longitude (CGCS2000); a station's when left out
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lng: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lat: Option<String>,
    /// Reporting interval in seconds (default 60)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub interval_s: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub high_high: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub high: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub low: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub low_low: Option<String>,
    /// Largest change per minute
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub rate_of_change: Option<String>,
    /// How far a value must come back past a limit before its alarm clears (default 2 % of the limit)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub deadband: Option<String>,
    /// in_service | out_of_service (在用 | 停用)
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PointFilter {
    /// Part of the code or name.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub kind: Option<String>,
    /// normal | alarm | offline | never
    pub state: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PointList {
    pub items: Vec<PointDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// region (default) | enterprise
    pub by: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryRow {
    pub key: String,
    pub name: String,
    pub total: u64,
    pub alarm: u64,
    pub offline: u64,
    pub never: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Summary {
    pub items: Vec<SummaryRow>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MapFilter {
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}
