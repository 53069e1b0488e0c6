//! Rows and DTOs of access filings.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod filing {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "access_filing")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub community_name: String,
        pub developer: String,
        pub households: i32,
        pub address: Option<String>,
        pub planned_gas_on: Option<Date>,
        pub state: String,
        pub return_reason: Option<String>,
        pub submitted_at: DateTimeUtc,
        pub decided_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod history {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "access_filing_history")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub filing_id: i64,
        pub from_state: Option<String>,
        pub to_state: String,
        pub actor: String,
        pub reason: Option<String>,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attachment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "access_filing_attachment")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub filing_id: i64,
        pub kind: String,
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

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FilingInput {
    pub community_name: Option<String>,
    pub developer: Option<String>,
    pub households: Option<i64>,
    pub address: Option<String>,
    /// County code or name (an enterprise files in the county of the community).
    pub region_code: Option<String>,
    /// YYYY-MM-DD
    pub planned_gas_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ReturnInput {
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryDto {
    pub from_state: Option<String>,
    pub to_state: String,
    pub to_state_name: String,
    pub actor: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentDto {
    pub id: i64,
    /// design | acceptance | other
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FilingDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub community_name: String,
    pub developer: String,
    pub households: i32,
    pub address: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub planned_gas_on: Option<NaiveDate>,
    /// submitted | approved | returned
    pub state: String,
    pub state_name: String,
    pub return_reason: Option<String>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub history: Vec<HistoryDto>,
    pub attachments: Vec<AttachmentDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FilingList {
    pub items: Vec<FilingDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilingFilter {
    /// submitted | approved | returned
    pub state: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}
