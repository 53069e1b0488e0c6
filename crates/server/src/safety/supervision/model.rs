//! Rows and DTOs of supervision tasks and their items.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

pub mod task {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "check_task")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub code: String,
        pub title: String,
        pub template: String,
        pub target_kind: String,
        /// The task this one is a county's part of (None: issued by an authority).
        pub parent_id: Option<i64>,
        pub issuer_org_id: i64,
        pub issuer_name: String,
        /// City code for a city task; the county for a county task or sub-task.
        pub region_code: String,
        pub sample_size: Option<i32>,
        /// JSON array of enterprise ids the task is limited to.
        pub enterprise_ids: Option<String>,
        pub deadline: Date,
        pub recurrence: Option<String>,
        pub period_label: Option<String>,
        /// The first task of a recurring series.
        pub series_id: Option<i64>,
        pub created_by: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "check_item")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The county sub-task.
        pub task_id: i64,
        pub region_code: String,
        pub enterprise_id: i64,
        pub target_kind: String,
        pub target_id: i64,
        pub target_label: String,
        pub target_lng: Option<f64>,
        pub target_lat: Option<f64>,
        /// pending | assigned | done
        pub state: String,
        pub assignee_id: Option<i64>,
        pub assignee_name: Option<String>,
        /// JSON object: point code → ok | fail | na.
        pub answers: Option<String>,
        pub failed: i32,
        pub note: Option<String>,
        pub checked_at: Option<DateTimeUtc>,
        pub lng: Option<f64>,
        pub lat: Option<f64>,
        pub accuracy_m: Option<f64>,
        /// outside | inaccurate, when the location is doubtful.
        pub location_flag: Option<String>,
        pub distance_m: Option<f64>,
        /// JSON array of {lng, lat, accuracy_m, at}.
        pub trail: Option<String>,
        /// The phone's id of the upload (a replay with the same id changes nothing).
        pub client_uuid: Option<String>,
        /// What the enterprise's own records say (passed | hazard_found | normal | abnormal | none).
        pub enterprise_outcome: Option<String>,
        pub enterprise_record: Option<String>,
        pub discrepancy: Option<bool>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod photo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "check_item_photo")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub item_id: i64,
        pub file_name: String,
        pub content_type: String,
        pub size: i64,
        pub sha256: String,
        pub uploaded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckPoint {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateDto {
    pub key: String,
    pub name: String,
    pub target_kind: String,
    pub target_kind_name: String,
    pub points: Vec<CheckPoint>,
}

/// A task as its issuer creates it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewTask {
    pub title: Option<String>,
    /// A template key (GET /supervision/templates).
    pub template: Option<String>,
    /// Counties to check (city tasks; default every county). A county's task is its own county.
    pub counties: Option<Vec<String>>,
    /// Limit to these enterprises.
    pub enterprise_ids: Option<Vec<i64>>,
    /// For users and facilities: how many to draw at random in each county (required for them);
    /// for enterprises: at most this many per county (default all).
    pub sample_size: Option<i32>,
    /// YYYY-MM-DD; for a recurring task the end of each period.
    #[schema(value_type = Option<String>)]
    pub deadline: Option<NaiveDate>,
    /// monthly | quarterly | yearly
    pub recurrence: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Progress {
    pub total: u64,
    pub pending: u64,
    pub assigned: u64,
    pub done: u64,
    /// With failed points.
    pub with_hazards: u64,
    /// Results that contradict the enterprise's own records.
    pub discrepancies: u64,
    /// issued | in_progress | done | overdue
    pub state: String,
    pub state_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskDto {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub template: String,
    pub template_name: String,
    pub target_kind: String,
    pub target_kind_name: String,
    pub parent_id: Option<i64>,
    pub issuer_name: String,
    /// city | county: the level that issued the task.
    pub issuer_level: String,
    pub region_code: String,
    pub region_name: String,
    pub sample_size: Option<i32>,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    pub recurrence: Option<String>,
    pub recurrence_name: Option<String>,
    pub period_label: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub progress: Progress,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemDto {
    pub id: i64,
    pub task_id: i64,
    pub task_code: String,
    pub task_title: String,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    pub template: String,
    pub template_name: String,
    /// The checklist (so the phone can work offline with the item alone).
    pub points: Vec<CheckPoint>,
    pub region_code: String,
    pub region_name: String,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub target_kind: String,
    pub target_kind_name: String,
    pub target_id: i64,
    pub target_label: String,
    pub target_lng: Option<f64>,
    pub target_lat: Option<f64>,
    pub state: String,
    pub state_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    /// point code → ok | fail | na
    pub answers: BTreeMap<String, String>,
    /// The failed points, by their text.
    pub failed_points: Vec<String>,
    pub note: Option<String>,
    pub checked_at: Option<DateTime<Utc>>,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    pub accuracy_m: Option<f64>,
    pub location_flag: Option<String>,
    pub location_flag_name: Option<String>,
    /// From the checked place, in metres.
    pub distance_m: Option<f64>,
    #[schema(value_type = Vec<Object>)]
    pub trail: serde_json::Value,
    pub enterprise_outcome: Option<String>,
    pub enterprise_record: Option<String>,
    pub discrepancy: Option<bool>,
    pub photos: Vec<PhotoDto>,
    /// The hazards this check raised (numbers).
    pub hazards: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhotoDto {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDetail {
    #[serde(flatten)]
    pub task: TaskDto,
    pub points: Vec<CheckPoint>,
    /// A city task's county parts.
    pub subtasks: Vec<TaskDto>,
    /// A county part's items.
    pub items: Vec<ItemDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    pub items: Vec<TaskDto>,
    pub total: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemList {
    pub items: Vec<ItemDto>,
    pub total: u64,
}

/// Someone a county part's items can be given to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Assignee {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub role_name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignInput {
    pub item_ids: Vec<i64>,
    pub assignee_id: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct GeoFix {
    pub lng: f64,
    pub lat: f64,
    pub accuracy_m: Option<f64>,
    /// When the fix was taken (device clock).
    pub at: Option<DateTime<Utc>>,
}

/// The result of an item, as the phone uploads it (perhaps long after, when back online).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResultInput {
    /// The phone's id of this upload: sending it again changes nothing.
    pub client_uuid: Option<String>,
    /// point code → ok | fail | na (每一项：符合 / 不符合 / 不适用)
    pub answers: BTreeMap<String, String>,
    pub note: Option<String>,
    pub checked_at: Option<DateTime<Utc>>,
    pub location: Option<GeoFix>,
    #[serde(default)]
    pub trail: Vec<GeoFix>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskFilter {
    pub q: Option<String>,
    /// issued | in_progress | done | overdue
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiscrepancyQuery {
    /// enterprise | region
    pub group: Option<String>,
    pub region_code: Option<String>,
    /// Only the items of this task (and its county parts).
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct DiscrepancyStat {
    pub key: String,
    pub name: String,
    /// Checks done where the enterprise has a record to compare with.
    pub compared: u64,
    pub discrepancies: u64,
    /// discrepancies / compared (null when nothing compared).
    pub rate: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DiscrepancyStats {
    pub items: Vec<DiscrepancyStat>,
    pub summary: DiscrepancyStat,
    /// The discrepant checks, newest first (at most 200).
    pub checks: Vec<ItemDto>,
}
