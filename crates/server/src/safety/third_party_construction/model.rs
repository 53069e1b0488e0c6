//! Rows and DTOs of third-party construction sites.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod site {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "third_party_construction")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The gas enterprise that reports the site (whose pipelines it endangers).
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub contractor: String,
        pub permit_no: Option<String>,
        pub address: Option<String>,
        pub starts_on: Date,
        pub ends_on: Date,
        /// GeoJSON Point or Polygon.
        pub geometry: String,
        pub lng: f64,
        pub lat: f64,
        pub min_lng: f64,
        pub min_lat: f64,
        pub max_lng: f64,
        pub max_lat: f64,
        pub agreement_signed: bool,
        pub guardian: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The pipelines near a site, as the caller may see them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Proximity {
    /// Segments in service within the distance.
    pub nearby_count: usize,
    /// Distance to the nearest of them, in metres.
    pub nearest_m: Option<f64>,
    /// The highest pressure class among them (code) and its Chinese name.
    pub highest_pressure: Option<String>,
    pub highest_pressure_name: Option<String>,
    /// Near a medium-pressure or higher pipeline without a signed protection agreement.
    pub flagged: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThirdPartyConstructionDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    /// Project name (工程名称).
    pub name: String,
    /// Construction company (施工单位).
    pub contractor: String,
    /// Construction permit number (施工许可证号).
    pub permit_no: Option<String>,
    pub address: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub ends_on: NaiveDate,
    /// planned | active | finished (from the time window and today)
    pub status: String,
    pub status_name: String,
    /// GeoJSON Point or Polygon.
    #[schema(value_type = Object)]
    pub geometry: serde_json::Value,
    pub lng: f64,
    pub lat: f64,
    /// Whether a pipeline protection agreement (管道保护协议) is signed.
    pub agreement_signed: bool,
    /// On-site guardian (现场监护人).
    pub guardian: Option<String>,
    #[serde(flatten)]
    pub proximity: Proximity,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A pipeline segment near a site.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NearbySegment {
    pub segment_id: i64,
    pub code: String,
    pub enterprise_name: String,
    pub pressure_class: String,
    pub pressure_class_name: String,
    pub material_name: String,
    pub nominal_diameter: Option<i32>,
    pub distance_m: f64,
    /// GeoJSON LineString.
    #[schema(value_type = Object)]
    pub geometry: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThirdPartyConstructionDetail {
    #[serde(flatten)]
    pub site: ThirdPartyConstructionDto,
    /// The search distance in force, in metres.
    pub distance_m: f64,
    /// Nearest first.
    pub nearby: Vec<NearbySegment>,
}

/// A construction site as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct ThirdPartyConstructionInput {
    /// The reporting gas enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own number of the site (unique within the enterprise).
    pub code: Option<String>,
    /// Project name
    pub name: Option<String>,
    /// Construction company
    pub contractor: Option<String>,
    /// Construction permit number
    pub permit_no: Option<String>,
    pub address: Option<String>,
    /// YYYY-MM-DD
    pub starts_on: Option<String>,
    /// YYYY-MM-DD
    pub ends_on: Option<String>,
    /// Longitude of the site (when no area is given)
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub lng: Option<String>,
    /// Latitude of the site (when no area is given)
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub lat: Option<String>,
    /// The site's area as a GeoJSON Polygon (text); takes the place of lng/lat
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub geometry: Option<String>,
    /// 是 / 否
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub agreement_signed: Option<String>,
    /// On-site guardian's name
    pub guardian: Option<String>,
    /// County code or name; found from the location when left out
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThirdPartyConstructionFilter {
    /// Part of the code, project name or contractor.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    /// planned | active | finished
    pub status: Option<String>,
    /// Only the sites near a medium-pressure or higher pipeline without an agreement.
    pub flagged: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThirdPartyConstructionList {
    pub items: Vec<ThirdPartyConstructionDto>,
    pub total: u64,
    /// The search distance in force, in metres.
    pub distance_m: f64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThirdPartyConstructionStatsQuery {
    /// region | enterprise
    pub group: Option<String>,
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThirdPartyConstructionStat {
    pub key: String,
    pub name: String,
    pub total: u64,
    /// Under way today.
    pub active: u64,
    /// Near pipelines at all.
    pub near_pipelines: u64,
    /// Near medium-pressure or higher pipelines without an agreement.
    pub flagged: u64,
    /// Of those near pipelines, the share with an agreement (0–1; null when none).
    pub agreement_rate: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThirdPartyConstructionStats {
    pub items: Vec<ThirdPartyConstructionStat>,
    pub summary: ThirdPartyConstructionStat,
}
