//! Rows and DTOs of station cameras.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod camera {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "camera")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub station_id: Option<i64>,
        pub station_code: Option<String>,
        pub stream_url: String,
        pub lng: f64,
        pub lat: f64,
        pub checked_at: Option<DateTimeUtc>,
        pub online: Option<bool>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CameraDto {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub station_id: Option<i64>,
    pub station_code: Option<String>,
    pub station_name: Option<String>,
    /// The HLS playlist (`…/index.m3u8`) of the deployment's stream gateway.
    pub stream_url: String,
    pub lng: f64,
    pub lat: f64,
    /// Whether the playlist answered at the last check (none: not checked yet).
    pub online: Option<bool>,
    pub online_name: &'static str,
    pub checked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A camera as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct CameraInput {
    /// The owning enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own code of the camera.
    pub code: Option<String>,
    pub name: Option<String>,
    /// The station's code (of the same enterprise): the camera is placed there.
    pub station_code: Option<String>,
    /// The HLS playlist URL (http:// or https://), e.g. http://video.example/live/XZ-MZ-01/index.m3u8
    pub stream_url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CameraFilter {
    /// Part of the code or name.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub station_id: Option<i64>,
    pub station_code: Option<String>,
    pub online: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CameraList {
    pub items: Vec<CameraDto>,
    pub total: u64,
}
