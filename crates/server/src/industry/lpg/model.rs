//! Rows and DTOs of cylinders and fillings.

use crate::platform::fields::lenient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod cylinder {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cylinder")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        /// Steel-seal number (钢印号), unique for ever.
        pub code: String,
        pub qr_code: Option<String>,
        pub spec: String,
        pub manufacturer: Option<String>,
        pub manufactured_on: Date,
        pub registration_no: Option<String>,
        pub last_inspected_on: Option<Date>,
        pub next_inspection_on: Date,
        /// in_use | scrapped
        pub status: String,
        pub last_filled_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// filled | delivered | at_user | returned | scrapped (the latest known event)
        pub circulation_state: Option<String>,
        /// The gas user account it is out with (delivered or at user).
        pub holder_account: Option<String>,
        pub circulation_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod filling {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "cylinder_filling")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub cylinder_id: Option<i64>,
        pub cylinder_code: String,
        /// The filling enterprise.
        pub enterprise_id: i64,
        pub region_code: String,
        pub station_code: Option<String>,
        pub filled_at: DateTimeUtc,
        pub net_weight_kg: Option<f64>,
        pub pre_check_ok: bool,
        pub post_check_ok: bool,
        pub filler_name: Option<String>,
        pub refused: bool,
        pub refusal_reason: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod movement {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cylinder_movement")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub cylinder_id: i64,
        pub cylinder_code: String,
        /// The enterprise that reported the event.
        pub enterprise_id: i64,
        pub region_code: String,
        /// delivered | at_user | returned | scrapped
        pub event: String,
        pub occurred_at: DateTimeUtc,
        pub user_account: Option<String>,
        pub place: Option<String>,
        pub operator_name: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod anomaly {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cylinder_anomaly")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// over_holding | refilled_without_return
        pub kind: String,
        pub cylinder_id: i64,
        pub cylinder_code: String,
        pub user_account: Option<String>,
        pub enterprise_id: i64,
        pub region_code: String,
        /// When the abnormal event happened.
        pub occurred_at: DateTimeUtc,
        pub detail: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CylinderDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub code: String,
    pub qr_code: Option<String>,
    pub spec: String,
    pub manufacturer: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub manufactured_on: NaiveDate,
    pub registration_no: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub last_inspected_on: Option<NaiveDate>,
    #[schema(value_type = String, format = Date)]
    pub next_inspection_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub end_of_life: NaiveDate,
    /// in_use | due | scrapped (due: the inspection date has passed)
    pub status: String,
    pub status_name: String,
    pub last_filled_at: Option<DateTime<Utc>>,
    /// filled | delivered | at_user | returned | scrapped
    pub circulation_state: Option<String>,
    pub circulation_name: Option<String>,
    /// The gas user account it is out with.
    pub holder_account: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FillingDto {
    pub id: i64,
    pub cylinder_code: String,
    pub enterprise_name: String,
    pub station_code: Option<String>,
    pub filled_at: DateTime<Utc>,
    pub net_weight_kg: Option<f64>,
    pub pre_check_ok: bool,
    pub post_check_ok: bool,
    pub filler_name: Option<String>,
    pub refused: bool,
    pub refusal_reason: Option<String>,
}

/// A cylinder as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct CylinderInput {
    /// The filling enterprise it is registered to (unified social credit code).
    pub enterprise_code: Option<String>,
    /// Steel-seal number (钢印号)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub code: Option<String>,
    pub qr_code: Option<String>,
    /// e.g. YSP-5, YSP-15, YSP-50 (GB 5842: YSP4.7, YSP12, YSP26.2, YSP35.5, YSP118)
    pub spec: Option<String>,
    pub manufacturer: Option<String>,
    /// YYYY-MM-DD
    pub manufactured_on: Option<String>,
    /// 使用登记证编号
    pub registration_no: Option<String>,
    /// YYYY-MM-DD
    pub last_inspected_on: Option<String>,
    /// YYYY-MM-DD; computed from the last inspection (or manufacture) when left out
    pub next_inspection_on: Option<String>,
    /// in_use | scrapped (在用 | 报废)
    pub status: Option<String>,
}

/// A filling as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct FillingInput {
    /// The filling enterprise (unified social credit code).
    pub enterprise_code: Option<String>,
    /// The filling station's facility code.
    pub station_code: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub cylinder_code: Option<String>,
    /// YYYY-MM-DD HH:MM[:SS] (Beijing time) or RFC 3339
    pub filled_at: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub net_weight_kg: Option<String>,
    /// 充装前检查合格 是/否
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub pre_check: Option<String>,
    /// 充装后检查合格 是/否
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub post_check: Option<String>,
    pub filler_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CylinderFilter {
    /// Steel-seal number or QR code (exact), or part of it.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub spec: Option<String>,
    /// in_use | due | scrapped
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CylinderList {
    pub items: Vec<CylinderDto>,
    pub total: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FillingList {
    pub items: Vec<FillingDto>,
    pub total: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TraceQuery {
    /// Steel-seal number or QR code.
    pub code: String,
}

/// A circulation event as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct MovementInput {
    /// The reporting enterprise (unified social credit code); the cylinder must be registered to it.
    pub enterprise_code: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub cylinder_code: Option<String>,
    /// delivered | at_user | returned | scrapped (配送出站 | 入户使用 | 回收 | 报废)
    pub event: Option<String>,
    /// YYYY-MM-DD HH:MM[:SS] (Beijing time) or RFC 3339
    pub occurred_at: Option<String>,
    /// The gas user's account number (required for 配送出站 and 入户使用)
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub user_account: Option<String>,
    /// Address or place of the event
    pub place: Option<String>,
    /// Delivery worker or operator
    pub operator_name: Option<String>,
}

/// One step of a cylinder's trace.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TraceEvent {
    pub at: DateTime<Utc>,
    /// filled | refused | delivered | at_user | returned | scrapped
    pub kind: String,
    pub kind_name: String,
    pub enterprise_name: String,
    pub place: Option<String>,
    pub operator: Option<String>,
    pub user_account: Option<String>,
    pub detail: Option<String>,
}

/// Everything known about one cylinder, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CylinderTrace {
    pub cylinder: CylinderDto,
    pub fillings: Vec<FillingDto>,
    /// Fillings (accepted and refused) and circulation events in one timeline, newest first.
    pub events: Vec<TraceEvent>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnomalyDto {
    pub id: i64,
    /// over_holding | refilled_without_return
    pub kind: String,
    pub kind_name: String,
    pub cylinder_code: String,
    pub user_account: Option<String>,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub detected_at: DateTime<Utc>,
    pub detail: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnomalyList {
    pub items: Vec<AnomalyDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnomalyFilter {
    /// over_holding | refilled_without_return
    pub kind: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ViolationFilter {
    pub region_code: Option<String>,
    /// The filling enterprise.
    pub enterprise_id: Option<i64>,
}
