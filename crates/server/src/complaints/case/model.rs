//! Rows and DTOs of cases.

use crate::platform::fields::lenient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod case {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "complaint_case")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The number the person tracks the case by.
        pub tracking_no: String,
        /// web | phone | hotline | enterprise
        pub channel: String,
        /// complaint | report | service_request | suggestion
        pub case_type: String,
        pub gas_category: String,
        /// The county the place lies in.
        pub region_code: String,
        pub township: Option<String>,
        /// The enterprise the person named (if known).
        pub named_enterprise_id: Option<i64>,
        /// The enterprise handling it: set when handed to an enterprise (or received by it).
        pub enterprise_id: Option<i64>,
        pub place: String,
        /// The place, normalised, to find repeat cases about it.
        pub place_key: String,
        pub lng: Option<f64>,
        pub lat: Option<f64>,
        pub user_account: Option<String>,
        pub description: String,
        pub anonymous: bool,
        /// SM4-encrypted; None for an anonymous report.
        pub contact_name: Option<String>,
        pub contact_phone: Option<String>,
        /// Blind index of the phone, for tracking.
        pub contact_index: Option<String>,
        /// The hotline's work-order number or the enterprise's own number.
        pub external_no: Option<String>,
        /// Unique: `web:<tracking>`, `hotline:<order>`, `enterprise:<id>:<number>`.
        pub external_key: String,
        pub origin_org_id: i64,
        /// city | county | enterprise
        pub origin_level: String,
        pub holder_org_id: i64,
        pub holder_level: String,
        /// The organisation that answered.
        pub handler_org_id: Option<i64>,
        pub state: String,
        pub reopened: bool,
        pub answer: Option<String>,
        pub satisfaction: Option<String>,
        pub rating_comment: Option<String>,
        /// The nearest deadline of an open stage.
        pub deadline: Option<Date>,
        /// An open stage is past its deadline.
        pub overdue: bool,
        pub received_at: DateTimeUtc,
        pub accepted_at: Option<DateTimeUtc>,
        pub answered_at: Option<DateTimeUtc>,
        pub rated_at: Option<DateTimeUtc>,
        pub closed_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The organisations a case has passed through (their handlers may see the person's contact).
pub mod party {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "complaint_case_party")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub case_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub org_id: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "complaint_case_event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub case_id: i64,
        /// receive | accept | … (the workflow's actions) | warning | supervise
        pub action: String,
        pub from_state: Option<String>,
        pub to_state: String,
        pub note: Option<String>,
        pub actor: String,
        pub actor_org: Option<String>,
        /// For transfer and return: the organisation it went to.
        pub to_org_id: Option<i64>,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod photo {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "complaint_case_photo")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub case_id: i64,
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

/// One stage of a case with its deadline (时限).
pub mod stage {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "complaint_case_stage")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub case_id: i64,
        /// accept | sign | handle | follow_up
        pub stage: String,
        /// The organisation whose clock it is.
        pub org_id: i64,
        pub started_at: DateTimeUtc,
        pub warn_from: Date,
        pub deadline: Date,
        pub ended_at: Option<DateTimeUtc>,
        pub open: bool,
        pub warned: bool,
        /// Overdue supervision raised.
        pub overdue: bool,
        /// Ended after its deadline.
        pub late: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Overdue supervision (督办) raised on an organisation, of a case (later: hazards, alarms).
pub mod notice {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "supervision_notice")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub subject_type: String,
        pub subject_id: i64,
        pub subject_ref: String,
        pub stage: String,
        pub org_id: i64,
        pub superior_org_id: Option<i64>,
        pub region_code: String,
        pub enterprise_id: Option<i64>,
        pub deadline: Date,
        pub reason: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A case as the public files it (multipart part `case`, photos in parts `photos`), or a clerk
/// registers a call.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct CaseInput {
    /// complaint | report | service_request | suggestion
    pub case_type: Option<String>,
    /// pipeline_gas | lpg | vehicle_gas | other
    pub gas_category: Option<String>,
    /// The county (6-digit division code) where it happened.
    pub region_code: Option<String>,
    pub township: Option<String>,
    /// The enterprise concerned, if known.
    pub enterprise_id: Option<i64>,
    /// Address or place.
    pub place: Option<String>,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    /// The gas user's account number, if known.
    pub user_account: Option<String>,
    pub description: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    /// Reports (举报) only: the source is never shown to anyone.
    #[serde(default)]
    pub anonymous: bool,
    /// The anti-bot question's token and answer (public form only).
    pub challenge_token: Option<String>,
    pub challenge_answer: Option<String>,
    /// Must stay empty (a field people do not see).
    pub website: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiledCase {
    pub tracking_no: String,
    pub received_at: DateTime<Utc>,
    /// What happens next, for the person.
    pub message: String,
}

/// A work order of the city hotline (12345), as imported for reconciliation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct HotlineOrderInput {
    /// The hotline's own order number (unique).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub order_no: Option<String>,
    /// 投诉 | 举报 | 服务申请 | 意见建议 (or the codes)
    pub case_type: Option<String>,
    pub gas_category: Option<String>,
    /// County name or division code.
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub region: Option<String>,
    pub place: Option<String>,
    pub description: Option<String>,
    pub contact_name: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub contact_phone: Option<String>,
    /// When the hotline took it: YYYY-MM-DD HH:MM (or a date).
    pub received_at: Option<String>,
}

/// A case an enterprise received directly (its own hotline, counter, app), uploaded for statistics.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct EnterpriseCaseInput {
    pub enterprise_code: Option<String>,
    /// The enterprise's own number (unique within it).
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub code: Option<String>,
    pub case_type: Option<String>,
    pub gas_category: Option<String>,
    pub place: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    #[schema(value_type = Option<String>)]
    pub user_account: Option<String>,
    pub description: Option<String>,
    /// YYYY-MM-DD HH:MM (or a date).
    pub received_at: Option<String>,
    /// The result, once answered.
    pub answer: Option<String>,
    pub answered_at: Option<String>,
    /// 满意 | 基本满意 | 不满意 (or the codes).
    pub satisfaction: Option<String>,
    /// When it was closed (办结), if it is.
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CasePhotoDto {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseEventDto {
    pub id: i64,
    pub action: String,
    pub action_name: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub to_state_name: String,
    pub note: Option<String>,
    pub actor: String,
    pub actor_org: Option<String>,
    pub to_org_name: Option<String>,
    pub at: DateTime<Utc>,
    pub photos: Vec<CasePhotoDto>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseStageDto {
    pub stage: String,
    pub stage_name: String,
    pub org_name: String,
    pub started_at: DateTime<Utc>,
    pub deadline: NaiveDate,
    pub ended_at: Option<DateTime<Utc>>,
    pub open: bool,
    /// Ended late, or open past its deadline.
    pub late: bool,
    pub supervised: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseDto {
    pub id: i64,
    pub tracking_no: String,
    pub channel: String,
    pub channel_name: String,
    pub case_type: String,
    pub case_type_name: String,
    pub gas_category: String,
    pub gas_category_name: String,
    pub region_code: String,
    pub region_name: String,
    pub township: Option<String>,
    pub named_enterprise_id: Option<i64>,
    pub named_enterprise_name: Option<String>,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub place: String,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    pub user_account: Option<String>,
    pub description: String,
    pub anonymous: bool,
    /// Shown in full only to the handlers of the case; masked otherwise; never for an anonymous report.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_visible: bool,
    pub external_no: Option<String>,
    pub origin_org_name: String,
    pub holder_org_id: i64,
    pub holder_org_name: String,
    pub holder_level: String,
    pub handler_org_name: Option<String>,
    pub state: String,
    pub state_name: String,
    pub reopened: bool,
    pub answer: Option<String>,
    pub satisfaction: Option<String>,
    pub satisfaction_name: Option<String>,
    pub rating_comment: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub overdue: bool,
    pub received_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// What the caller may do now (action codes).
    pub allowed: Vec<String>,
    /// Steps, oldest first (detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<CaseEventDto>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stages: Option<Vec<CaseStageDto>>,
    /// Photos not yet part of a step (they join the caller's next step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_photos: Option<Vec<CasePhotoDto>>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseList {
    pub items: Vec<CaseDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseFilter {
    /// Tracking number, hotline/enterprise number, or words of the description or place.
    pub q: Option<String>,
    pub case_type: Option<String>,
    pub channel: Option<String>,
    pub gas_category: Option<String>,
    /// A state code, or `open` for every state but closed.
    pub state: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    /// Only cases with an open stage past its deadline.
    pub overdue: Option<bool>,
    /// Only the caller's to-do: cases its organisation may act on now.
    pub todo: Option<bool>,
    /// Received on or after (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Received on or before (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
}

/// A workflow step.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CaseStep {
    /// accept | decline | transfer | handle | return | answer | follow_up | rate | close | reopen
    pub action: String,
    /// Opinion, reason, result or feedback (required by decline, return, answer, follow_up, reopen).
    pub note: Option<String>,
    /// For transfer: the organisation it goes to (a county authority from the city, an enterprise of
    /// the county from a county).
    pub to_org_id: Option<i64>,
    /// For rate: satisfied | basically_satisfied | dissatisfied.
    pub satisfaction: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgOption {
    pub id: i64,
    pub name: String,
    pub region_code: String,
}

/// A tracking request of the person: the number and the phone given when filing.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct TrackInput {
    pub tracking_no: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackedStep {
    pub at: DateTime<Utc>,
    pub title: String,
    pub note: Option<String>,
}

/// What the person sees: progress, the answer, and whether they may rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrackedCase {
    pub tracking_no: String,
    pub case_type_name: String,
    pub state: String,
    pub state_name: String,
    pub received_at: DateTime<Utc>,
    pub steps: Vec<TrackedStep>,
    pub answer: Option<String>,
    pub can_rate: bool,
    pub satisfaction_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PublicRating {
    pub tracking_no: Option<String>,
    pub phone: Option<String>,
    /// satisfied | basically_satisfied | dissatisfied
    pub satisfaction: Option<String>,
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicEnterprise {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseStatsQuery {
    /// case_type (the default) | gas_category | region | enterprise | channel
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    pub case_type: Option<String>,
    /// Received on or after (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Received on or before (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
}

/// Cases of one group.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CaseStat {
    pub key: String,
    pub name: String,
    pub total: i64,
    pub closed: i64,
    pub open: i64,
    /// Open with a stage past its deadline.
    pub overdue: i64,
    /// Received by enterprises directly.
    pub enterprise_received: i64,
    /// Stages ended on time / all stages ended or past their deadline.
    pub on_time_rate: f64,
    /// The stages behind the on-time rate (0: no rate, e.g. only enterprise-received cases).
    pub timed_stages: i64,
    /// Rated cases.
    pub rated: i64,
    /// (satisfied + basically satisfied) / rated.
    pub satisfaction_rate: f64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct StageStat {
    pub stage: String,
    pub name: String,
    pub on_time: i64,
    pub late: i64,
    /// on_time / (on_time + late); stages still within their deadline are not counted.
    pub rate: f64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct SatisfactionStat {
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub dissatisfied: i64,
    pub rate: f64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MonthStat {
    /// YYYY-MM
    pub month: String,
    pub total: i64,
    pub complaint: i64,
    pub report: i64,
    pub service_request: i64,
    pub suggestion: i64,
    pub closed: i64,
}

/// A place (or gas user) with more than one case in the period.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct RepeatPlace {
    pub place: String,
    pub region_name: String,
    pub count: i64,
    pub last_received_at: Option<DateTime<Utc>>,
    /// The latest case's id (to open it).
    pub last_case_id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseStats {
    pub items: Vec<CaseStat>,
    pub summary: CaseStat,
    pub stages: Vec<StageStat>,
    pub satisfaction: SatisfactionStat,
    pub months: Vec<MonthStat>,
    /// The most repeated places, most cases first (at most 20).
    pub repeats: Vec<RepeatPlace>,
}
