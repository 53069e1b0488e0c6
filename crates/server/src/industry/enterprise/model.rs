//! Rows and DTOs of the enterprise ledger (企业台账).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod enterprise {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "enterprise")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// Unified social credit code.
        #[sea_orm(unique)]
        pub code: String,
        pub name: String,
        pub kind: String,
        pub licence_no: Option<String>,
        pub licence_valid_from: Option<Date>,
        pub licence_valid_to: Option<Date>,
        pub legal_representative: Option<String>,
        pub address: Option<String>,
        pub region_code: String,
        pub phone: Option<String>,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// An enterprise as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnterpriseDto {
    pub id: i64,
    /// 统一社会信用代码
    pub code: String,
    pub name: String,
    /// pipeline_gas | bottled_lpg | vehicle_station | other
    pub kind: String,
    pub kind_name: String,
    pub licence_no: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub licence_valid_from: Option<chrono::NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub licence_valid_to: Option<chrono::NaiveDate>,
    pub legal_representative: Option<String>,
    pub address: Option<String>,
    pub region_code: String,
    pub region_name: String,
    pub phone: Option<String>,
    /// active | inactive
    pub status: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The fields a client sends to create or edit an enterprise. All are read as text and validated
/// by the server, which answers 422 naming each bad field.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct EnterpriseInput {
    /// 统一社会信用代码 (18 characters, GB 32100 check digit)
    pub code: Option<String>,
    pub name: Option<String>,
    /// pipeline_gas | bottled_lpg | vehicle_station | other (or the Chinese name)
    pub kind: Option<String>,
    pub licence_no: Option<String>,
    /// YYYY-MM-DD
    pub licence_valid_from: Option<String>,
    /// YYYY-MM-DD
    pub licence_valid_to: Option<String>,
    pub legal_representative: Option<String>,
    pub address: Option<String>,
    /// County (or township) division code, e.g. 361102
    pub region_code: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnterpriseFilter {
    /// Part of the name or credit code.
    pub q: Option<String>,
    /// A county (or township) code: that region and everything below it.
    pub region_code: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EnterpriseList {
    pub items: Vec<EnterpriseDto>,
    pub total: u64,
}
