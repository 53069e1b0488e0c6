//! Rows and DTOs of hazards.

use crate::platform::fields::lenient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod hazard {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "hazard")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub township: Option<String>,
        /// The enterprise's own number of the hazard (for one found by a home inspection: the
        /// inspection's record number and the hazard's code).
        pub code: String,
        pub source: String,
        pub source_ref: Option<String>,
        pub level: String,
        pub criterion: Option<String>,
        pub category: String,
        pub description: String,
        /// user | station | segment | point
        pub place_kind: String,
        pub place_ref: Option<String>,
        pub place_id: Option<i64>,
        pub lng: Option<f64>,
        pub lat: Option<f64>,
        pub found_on: Date,
        pub finder: String,
        pub deadline: Date,
        pub state: String,
        pub overdue: bool,
        pub closed_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hazard_event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub hazard_id: i64,
        /// reported | start | submit | close | reject | overdue
        pub action: String,
        pub from_state: Option<String>,
        pub to_state: String,
        pub note: Option<String>,
        pub actor: String,
        pub actor_org: Option<String>,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod photo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hazard_photo")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub hazard_id: i64,
        /// The step it is evidence for (None: not yet part of a step).
        pub event_id: Option<i64>,
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

/// A hazard as sent in a batch or read from a sheet (reported by an enterprise's own checks,
/// patrols, or passed on from complaints and reports).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct HazardInput {
    /// The responsible enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    /// The enterprise's own number of the hazard (unique within the enterprise).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub code: Option<String>,
    /// self_inspection | patrol | home_inspection | spot_check | complaint | report
    /// (企业自查 | 巡查巡检 | 入户安检 | 监督抽查 | 投诉 | 举报)
    pub source: Option<String>,
    /// general | larger | major (一般隐患 | 较大隐患 | 重大隐患)
    pub level: Option<String>,
    /// A major-hazard criterion the finding meets (code or text of 《城镇燃气经营安全重大隐患判定标准》);
    /// makes the hazard 重大 whatever `level` says.
    pub criterion: Option<String>,
    /// Category, e.g. 管网 / 场站 / 用户 / 瓶装燃气 / 管理.
    pub category: Option<String>,
    pub description: Option<String>,
    /// user | station | segment | point (燃气用户 | 厂站设施 | 管段 | 位置点)
    pub place_kind: Option<String>,
    /// The user's account number, the facility's or the segment's code (for place_kind user, station, segment).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub place_ref: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lng: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub lat: Option<String>,
    /// YYYY-MM-DD, not in the future.
    pub found_on: Option<String>,
    pub finder: Option<String>,
    /// Rectification deadline, YYYY-MM-DD, not before `found_on`.
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HazardEventDto {
    pub id: i64,
    pub action: String,
    pub action_name: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub to_state_name: String,
    pub note: Option<String>,
    pub actor: String,
    pub actor_org: Option<String>,
    pub at: DateTime<Utc>,
    pub photos: Vec<HazardPhotoDto>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HazardPhotoDto {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HazardDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub township: Option<String>,
    pub code: String,
    pub source: String,
    pub source_name: String,
    pub source_ref: Option<String>,
    pub level: String,
    pub level_name: String,
    pub criterion: Option<String>,
    pub criterion_name: Option<String>,
    pub category: String,
    pub description: String,
    pub place_kind: String,
    pub place_kind_name: String,
    pub place_ref: Option<String>,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    pub found_on: NaiveDate,
    pub finder: String,
    pub deadline: NaiveDate,
    pub state: String,
    pub state_name: String,
    pub overdue: bool,
    pub closed_on: Option<NaiveDate>,
    /// What the caller may do now (action codes: start, submit, close, reject).
    pub allowed: Vec<String>,
    /// Steps from report to now, oldest first (in the detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HazardEventDto>>,
    /// Photos not yet part of a step (they join the caller's next step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_photos: Option<Vec<HazardPhotoDto>>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HazardList {
    pub items: Vec<HazardDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HazardFilter {
    /// Hazard number or words of its description.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    /// found | rectifying | awaiting_review | closed; `open` for every state but closed.
    pub state: Option<String>,
    /// general | larger | major
    pub level: Option<String>,
    pub source: Option<String>,
    /// Only hazards past their deadline and not closed.
    pub overdue: Option<bool>,
}

/// A step of the rectification.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct TransitionInput {
    /// start | submit | close | reject
    pub action: String,
    /// The rectification done (submit) or why it is sent back (reject); optional otherwise.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RectificationQuery {
    /// region (the default) | enterprise | level | source
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    /// Hazards found on or after (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Hazards found on or before (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
}

/// Hazards found and rectified, for one group.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct RectificationStat {
    pub key: String,
    pub name: String,
    pub found: i64,
    pub closed: i64,
    pub open: i64,
    /// Open and past the deadline.
    pub overdue: i64,
    /// Major hazards still open.
    pub major_open: i64,
    /// closed / found (0..1).
    pub rate: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationStats {
    pub items: Vec<RectificationStat>,
    pub summary: RectificationStat,
}
