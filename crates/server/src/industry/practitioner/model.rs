//! Rows and DTOs of the practitioner ledger.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub mod practitioner {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "practitioner")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        pub name: String,
        /// SM4-GCM ciphertext of the ID number.
        pub id_number_enc: String,
        /// HMAC-SM3 of the ID number (blind index).
        pub id_number_hash: String,
        pub id_number_masked: String,
        pub post: String,
        pub certificate_no: Option<String>,
        pub certificate_issued_on: Option<Date>,
        pub certificate_expires_on: Option<Date>,
        pub phone_enc: Option<String>,
        pub phone_masked: Option<String>,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod training {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "practitioner_training")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub practitioner_id: i64,
        pub enterprise_id: i64,
        pub region_code: String,
        /// training | exam
        pub kind: String,
        pub held_on: Date,
        pub topic: String,
        pub hours: Option<f64>,
        pub organiser: Option<String>,
        /// passed | failed
        pub result: Option<String>,
        pub score: Option<f64>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One training or examination of a practitioner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrainingDto {
    pub id: i64,
    /// training | exam
    pub kind: String,
    pub kind_name: String,
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    pub topic: String,
    pub hours: Option<f64>,
    pub organiser: Option<String>,
    /// passed | failed
    pub result: Option<String>,
    pub result_name: Option<String>,
    pub score: Option<f64>,
}

/// A training or examination record as sent in a batch or read from a sheet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct TrainingInput {
    /// The practitioner's enterprise (unified social credit code).
    pub enterprise_code: Option<String>,
    /// The practitioner's ID number (GB 11643), as in the practitioner ledger.
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub id_number: Option<String>,
    /// training | exam (培训 | 考核)
    pub kind: Option<String>,
    /// YYYY-MM-DD
    pub held_on: Option<String>,
    pub topic: Option<String>,
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub hours: Option<String>,
    pub organiser: Option<String>,
    /// passed | failed (合格 | 不合格)
    pub result: Option<String>,
    #[serde(default, deserialize_with = "crate::platform::fields::lenient")]
    #[schema(value_type = Option<String>)]
    pub score: Option<String>,
}

/// A practitioner as the API shows it: personal data masked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PractitionerDto {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_code: String,
    pub enterprise_name: String,
    pub region_code: String,
    pub region_name: String,
    pub name: String,
    pub id_number_masked: String,
    /// principal | safety_manager | operator | other
    pub post: String,
    pub post_name: String,
    pub certificate_no: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub certificate_issued_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub certificate_expires_on: Option<NaiveDate>,
    /// valid | expiring | expired | none
    pub certificate_status: String,
    pub certificate_status_name: String,
    pub phone_masked: Option<String>,
    /// active | left
    pub status: String,
    pub status_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Training and examination records, newest first (in the detail only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trainings: Option<Vec<TrainingDto>>,
}

/// A practitioner as sent by a form, a batch or a sheet row. All fields are read as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct PractitionerInput {
    /// The employing enterprise's unified social credit code.
    pub enterprise_code: Option<String>,
    pub name: Option<String>,
    /// 18-digit citizen ID number (GB 11643). On edit, empty keeps the stored one.
    pub id_number: Option<String>,
    /// principal | safety_manager | operator | other (or the Chinese name)
    pub post: Option<String>,
    pub certificate_no: Option<String>,
    /// YYYY-MM-DD
    pub certificate_issued_on: Option<String>,
    /// YYYY-MM-DD
    pub certificate_expires_on: Option<String>,
    pub phone: Option<String>,
    /// active | left (在职 | 离职); default active
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PractitionerFilter {
    /// Part of the name or certificate number, or a whole ID number.
    pub q: Option<String>,
    pub enterprise_id: Option<i64>,
    pub region_code: Option<String>,
    pub post: Option<String>,
    /// valid | expiring | expired | none
    pub certificate: Option<String>,
    /// active | left
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PractitionerList {
    pub items: Vec<PractitionerDto>,
    pub total: u64,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// enterprise | region
    pub group: Option<String>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
}

/// Certification of one enterprise or region (practitioners in post only).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CertificationStat {
    pub key: String,
    pub name: String,
    pub total: i64,
    /// In posts that need a certificate.
    pub required: i64,
    /// Of those, holding a certificate in force.
    pub certified: i64,
    /// certified / required (0 when nobody needs one).
    pub rate: f64,
    pub expiring: i64,
    pub expired: i64,
    /// In a post that needs a certificate, without one.
    pub none: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationStats {
    pub items: Vec<CertificationStat>,
    pub summary: CertificationStat,
}
