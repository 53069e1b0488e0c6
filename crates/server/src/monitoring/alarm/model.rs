//! Rows and DTOs of alarms.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod alarm {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "alarm")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub code: String,
        pub point_id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub condition: String,
        pub severity: String,
        pub state: String,
        pub value: Option<f64>,
        pub threshold: Option<f64>,
        /// The time of the reading that raised it (ms), or of the check that found the point silent.
        pub raised_ts: i64,
        pub raised_at: DateTimeUtc,
        /// When the value came back to normal (恢复正常); the lifecycle goes on regardless.
        pub cleared_at: Option<DateTimeUtc>,
        pub acknowledged_at: Option<DateTimeUtc>,
        pub handling_at: Option<DateTimeUtc>,
        pub handled_at: Option<DateTimeUtc>,
        /// The disposal report (处置报告).
        pub disposal: Option<String>,
        pub reminders: i32,
        /// 0: the enterprise; 1: its manager told; 2: the county authority told.
        pub escalation: i32,
        /// Overdue supervision (督办) raised.
        pub supervised: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "alarm_event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub alarm_id: i64,
        pub action: String,
        pub user_id: Option<i64>,
        pub actor_name: String,
        pub org_id: Option<i64>,
        pub org_name: String,
        pub note: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlarmDto {
    pub id: i64,
    pub code: String,
    pub point_id: i64,
    pub point_code: String,
    pub point_name: String,
    pub kind: String,
    pub kind_name: String,
    pub unit: String,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub condition: String,
    pub condition_name: String,
    /// critical | major | minor | warning
    pub severity: String,
    pub severity_name: String,
    /// raised | acknowledged | handling | handled
    pub state: String,
    pub state_name: String,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    pub raised_at: DateTime<Utc>,
    pub cleared_at: Option<DateTime<Utc>>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub handling_at: Option<DateTime<Utc>>,
    pub handled_at: Option<DateTime<Utc>>,
    pub disposal: Option<String>,
    pub reminders: i32,
    pub escalation: i32,
    pub supervised: bool,
    /// Minutes from raising to acknowledging, and to handled.
    pub minutes_to_ack: Option<f64>,
    pub minutes_to_handle: Option<f64>,
    pub lng: f64,
    pub lat: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryDto {
    pub action: String,
    pub action_name: String,
    pub actor_name: String,
    pub org_name: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionDto {
    pub action: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlarmDetail {
    pub alarm: AlarmDto,
    pub history: Vec<HistoryDto>,
    /// The steps the caller may take now.
    pub allowed: Vec<ActionDto>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AlarmActionInput {
    /// acknowledge | handle | dispose
    pub action: String,
    /// The disposal report (required to dispose), or a remark.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlarmFilter {
    pub state: Option<String>,
    pub severity: Option<String>,
    pub condition: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    pub point_id: Option<i64>,
    /// true: not yet handled.
    pub open: Option<bool>,
    /// Raised at or after (RFC 3339 or YYYY-MM-DD).
    pub from: Option<String>,
    /// Raised before.
    pub to: Option<String>,
    /// Part of the alarm code.
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlarmList {
    pub items: Vec<AlarmDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlarmStatsQuery {
    /// enterprise (default) | region
    pub by: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlarmStatsRow {
    pub key: String,
    pub name: String,
    pub total: u64,
    pub open: u64,
    pub unacknowledged: u64,
    pub supervised: u64,
    pub avg_ack_minutes: Option<f64>,
    pub avg_handle_minutes: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlarmStats {
    pub items: Vec<AlarmStatsRow>,
}

/// One message of the live feed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedMessage {
    /// raised | cleared | updated
    pub event: &'static str,
    pub alarm: AlarmDto,
}
