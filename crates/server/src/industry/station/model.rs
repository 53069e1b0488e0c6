//! Rows and DTOs of the station and facility ledger.

use crate::platform::fields::lenient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod station {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "station")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub kind: String,
        pub lng: f64,
        pub lat: f64,
        pub address: Option<String>,
        pub capacity: Option<f64>,
        pub capacity_unit: Option<String>,
        pub commissioned_on: Option<Date>,
        pub major_hazard: bool,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StationDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub kind_name: String,
    pub lng: f64,
    pub lat: f64,
    pub address: Option<String>,
    pub capacity: Option<f64>,
    pub capacity_unit: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub commissioned_on: Option<NaiveDate>,
    /// Whether it is a major hazard source (重大危险源).
    pub major_hazard: bool,
    /// in_service | out_of_service
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A station or facility as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct StationInput {
    /// The owning enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own code of the facility (unique within the enterprise).
    pub code: Option<String>,
    pub name: Option<String>,
    /// gate_station | storage_distribution | lng_station | cng_station | regulator_station | regulator_box | lpg_station | bottle_supply_point | valve | other (or the Chinese name)
    pub kind: Option<String>,
    /// Longitude (CGCS2000)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lng: Option<String>,
    /// Latitude (CGCS2000)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lat: Option<String>,
    pub address: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub capacity: Option<String>,
    /// e.g. m³, 万m³/日, 吨
    pub capacity_unit: Option<String>,
    /// YYYY-MM-DD
    pub commissioned_on: Option<String>,
    /// 是 / 否 (true / false)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub major_hazard: Option<String>,
    /// County code or name; found from the coordinates when left out
    pub region_code: Option<String>,
    /// in_service | out_of_service (在用 | 停用)
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StationFilter {
    /// Part of the code, name or address.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub kind: Option<String>,
    pub major_hazard: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StationList {
    pub items: Vec<StationDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StationStatsQuery {
    /// kind | region | enterprise
    pub group: Option<String>,
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StationStat {
    pub key: String,
    pub name: String,
    pub count: i64,
    pub major_hazard: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StationStats {
    pub items: Vec<StationStat>,
    pub summary: StationStat,
}
