//! Rows and DTOs of the pipeline network.

use crate::platform::fields::lenient;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod segment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "pipeline_segment")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        /// The owning enterprise's own code of the segment.
        pub code: String,
        pub name: Option<String>,
        pub pressure_class: String,
        pub material: String,
        pub nominal_diameter: Option<i32>,
        pub construction_year: Option<i32>,
        pub burial_depth: Option<f64>,
        pub length_m: f64,
        /// GeoJSON LineString.
        #[sea_orm(column_type = "Text")]
        pub geometry: String,
        pub min_lng: f64,
        pub min_lat: f64,
        pub max_lng: f64,
        pub max_lat: f64,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SegmentDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    pub name: Option<String>,
    pub pressure_class: String,
    pub pressure_class_name: String,
    pub material: String,
    pub material_name: String,
    /// DN, millimetres.
    pub nominal_diameter: Option<i32>,
    pub construction_year: Option<i32>,
    /// Metres.
    pub burial_depth: Option<f64>,
    /// Geodesic length in metres.
    pub length_m: f64,
    /// GeoJSON LineString.
    #[schema(value_type = Object)]
    pub geometry: serde_json::Value,
    /// in_service | abandoned
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A segment as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct SegmentInput {
    /// The owning enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own code of the segment (unique within the enterprise).
    pub code: Option<String>,
    pub name: Option<String>,
    /// low | medium_b | medium_a | subhigh_b | subhigh_a | high_b | high_a, the Chinese name, or a pressure like 0.4MPa
    pub pressure_class: Option<String>,
    /// steel | pe | grey_cast_iron | ductile_iron | galvanised_steel | composite | other (or the Chinese name)
    pub material: Option<String>,
    /// DN in millimetres
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub nominal_diameter: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub construction_year: Option<String>,
    /// Metres
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub burial_depth: Option<String>,
    /// County code or name; found from the geometry when left out
    pub region_code: Option<String>,
    /// GeoJSON LineString (object, or its text in a sheet cell), longitude/latitude
    #[schema(value_type = Object)]
    pub geometry: Option<serde_json::Value>,
    /// in_service | abandoned (在用 | 废弃); default in_service
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SegmentFilter {
    /// Part of the code or name.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub pressure_class: Option<String>,
    pub material: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentList {
    pub items: Vec<SegmentDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NetworkStatsQuery {
    /// pressure_class | material | decade | region | enterprise
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkStat {
    pub key: String,
    pub name: String,
    pub segments: i64,
    pub length_km: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkStats {
    pub items: Vec<NetworkStat>,
    pub summary: NetworkStat,
}
