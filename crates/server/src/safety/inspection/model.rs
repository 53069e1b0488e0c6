//! Rows and DTOs of home safety inspections.

use crate::platform::fields::lenient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod home_inspection {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "home_inspection")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub township: Option<String>,
        pub community_id: i64,
        pub gas_user_id: i64,
        /// The enterprise's own number of the inspection record (the record's code).
        pub record_no: String,
        pub inspected_on: Date,
        pub inspector: String,
        pub outcome: String,
        /// Hazard codes found, comma-separated.
        pub hazards: String,
        pub hazard_count: i32,
        pub note: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A home safety inspection as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct HomeInspectionInput {
    /// The inspecting enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own number of this inspection record (unique within the enterprise).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub record_no: Option<String>,
    /// The gas user's account number in the enterprise's user ledger.
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub account_no: Option<String>,
    /// YYYY-MM-DD, not in the future.
    pub inspected_on: Option<String>,
    pub inspector: Option<String>,
    /// passed | hazard_found | refused | nobody_home (合格 | 发现隐患 | 拒绝入户 | 到访不遇)
    pub outcome: Option<String>,
    /// Hazards found, by name or code, separated by 、 or commas (e.g. 胶管老化、未安装燃气泄漏报警器);
    /// required when the outcome is 发现隐患, empty otherwise.
    pub hazards: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HazardItem {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HomeInspectionDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub township: Option<String>,
    pub community_id: i64,
    pub community_name: String,
    pub gas_user_id: i64,
    pub account_no: String,
    /// The user's name, masked for households.
    pub holder_name: String,
    pub user_category: String,
    pub user_category_name: String,
    pub record_no: String,
    pub inspected_on: NaiveDate,
    pub inspector: String,
    pub outcome: String,
    pub outcome_name: String,
    pub hazards: Vec<HazardItem>,
    pub note: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub mod photo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "home_inspection_photo")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub inspection_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        pub sha256: String,
        pub uploaded_by: String,
        pub uploaded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InspectionPhoto {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

/// One inspection with its photos.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomeInspectionDetail {
    #[serde(flatten)]
    pub inspection: HomeInspectionDto,
    pub photos: Vec<InspectionPhoto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeInspectionList {
    pub items: Vec<HomeInspectionDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HomeInspectionFilter {
    /// Record number or the user's account number.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub community_id: Option<i64>,
    pub gas_user_id: Option<i64>,
    /// passed | hazard_found | refused | nobody_home
    pub outcome: Option<String>,
    /// Inspected on or after (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Inspected on or before (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompletionQuery {
    /// region (county, the default) | township | community | enterprise | category
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}

/// Inspection completion over the cycle for one group of active users.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CompletionStat {
    pub key: String,
    pub name: String,
    /// Active users who must be inspected.
    pub users: i64,
    /// Of them, inspected within their cycle (households 24 months, others 12, as configured).
    pub inspected: i64,
    /// Never inspected at all.
    pub never: i64,
    /// Inspected once, but not within the cycle any more.
    pub lapsed: i64,
    /// inspected / users (0..1).
    pub rate: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompletionStats {
    pub items: Vec<CompletionStat>,
    pub summary: CompletionStat,
    /// The earliest inspection date that still counts, for households and for the other users.
    pub household_since: NaiveDate,
    pub non_household_since: NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DueFilter {
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub community_id: Option<i64>,
    pub category: Option<String>,
    /// never (never inspected) | lapsed (inspected, but not within the cycle); both when absent.
    pub state: Option<String>,
}

/// A user who is due: never inspected, or last inspected before the cycle began.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DueUserDto {
    pub gas_user_id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub township: Option<String>,
    pub community_id: i64,
    pub community_name: String,
    pub account_no: String,
    pub holder_name: String,
    pub category: String,
    pub category_name: String,
    pub address_masked: Option<String>,
    pub last_inspected_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DueUserList {
    pub items: Vec<DueUserDto>,
    pub total: u64,
}
