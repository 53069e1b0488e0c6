//! Rows and DTOs of communities and gas users.

use crate::platform::fields::lenient;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod community {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "community")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub code: String,
        pub name: String,
        pub kind: String,
        pub township: Option<String>,
        pub lng: Option<f64>,
        pub lat: Option<f64>,
        pub address: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod gas_user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "gas_user")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub community_id: i64,
        pub region_code: String,
        pub township: Option<String>,
        pub account_no: String,
        pub category: String,
        pub holder_name: String,
        pub address_enc: Option<String>,
        pub address_masked: Option<String>,
        pub phone_enc: Option<String>,
        pub phone_masked: Option<String>,
        pub gas_type: String,
        pub leak_alarm: bool,
        pub auto_shutoff_valve: bool,
        pub self_closing_valve: bool,
        pub metal_hose: bool,
        pub flame_failure_cooker: bool,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// The last home safety inspection that inspected the premises (kept by the safety module).
        pub last_inspected_on: Option<Date>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommunityDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    pub name: String,
    /// community | village
    pub kind: String,
    pub kind_name: String,
    pub township: Option<String>,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    pub address: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A community as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct CommunityInput {
    /// The supplying enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own code of the community.
    pub code: Option<String>,
    pub name: Option<String>,
    /// community | village (小区 | 村)
    pub kind: Option<String>,
    /// Township (乡镇/街道) name
    pub township: Option<String>,
    /// County code or name; found from the coordinates when left out
    pub region_code: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lng: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lat: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GasUserDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub community_id: i64,
    pub community_name: String,
    pub region_code: String,
    pub region_name: String,
    pub township: Option<String>,
    pub account_no: String,
    /// household | catering | industrial | institutional | commercial
    pub category: String,
    pub category_name: String,
    /// Masked for households.
    pub holder_name: String,
    pub address_masked: Option<String>,
    pub phone_masked: Option<String>,
    /// pipeline_ng | bottled_lpg
    pub gas_type: String,
    pub gas_type_name: String,
    pub leak_alarm: bool,
    pub auto_shutoff_valve: bool,
    pub self_closing_valve: bool,
    pub metal_hose: bool,
    pub flame_failure_cooker: bool,
    pub status: String,
    pub updated_at: DateTime<Utc>,
}

/// A gas user as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct GasUserInput {
    /// The supplying enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's account number of the user (unique within the enterprise).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub account_no: Option<String>,
    /// household | catering | industrial | institutional | commercial (居民 | 餐饮 | 工业 | 机关事业单位 | 商业)
    pub category: Option<String>,
    pub holder_name: Option<String>,
    /// The community's code (of the same enterprise).
    pub community_code: Option<String>,
    pub address: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<String>,
    /// pipeline_ng | bottled_lpg (管道天然气 | 瓶装液化石油气)
    pub gas_type: Option<String>,
    /// 是 / 否
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub leak_alarm: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub auto_shutoff_valve: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub self_closing_valve: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub metal_hose: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub flame_failure_cooker: Option<String>,
    /// active | closed (正常 | 销户)
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommunityFilter {
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GasUserFilter {
    /// Account number or part of the holder's name.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub community_id: Option<i64>,
    pub region_code: Option<String>,
    pub category: Option<String>,
    pub gas_type: Option<String>,
    /// A device the user lacks: leak_alarm | auto_shutoff_valve | self_closing_valve | metal_hose | flame_failure_cooker
    pub missing: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityList {
    pub items: Vec<CommunityDto>,
    pub total: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GasUserList {
    pub items: Vec<GasUserDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceStatsQuery {
    /// community | township | region | enterprise | category
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}

/// Users and safety devices installed, for one group.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct DeviceStat {
    pub key: String,
    pub name: String,
    pub users: i64,
    pub leak_alarm: i64,
    pub auto_shutoff_valve: i64,
    pub self_closing_valve: i64,
    pub metal_hose: i64,
    pub flame_failure_cooker: i64,
    /// Installation rate of each device (0..1), in the order above.
    pub leak_alarm_rate: f64,
    pub auto_shutoff_valve_rate: f64,
    pub self_closing_valve_rate: f64,
    pub metal_hose_rate: f64,
    pub flame_failure_cooker_rate: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceStats {
    pub items: Vec<DeviceStat>,
    pub summary: DeviceStat,
}
