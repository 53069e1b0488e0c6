//! Practitioners (从业人员) with their certificates; ID numbers and phones encrypted at rest.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("practitioner")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("name"))
                .col(string("id_number_enc"))
                .col(string("id_number_hash"))
                .col(string("id_number_masked"))
                .col(string("post"))
                .col(string_null("certificate_no"))
                .col(date_null("certificate_issued_on"))
                .col(date_null("certificate_expires_on"))
                .col(string_null("phone_enc"))
                .col(string_null("phone_masked"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_practitioner_enterprise")
                        .from("practitioner", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            ("ux_practitioner_person", &["enterprise_id", "id_number_hash"][..], true),
            ("ix_practitioner_region_id", &["region_code", "id"][..], false),
            ("ix_practitioner_enterprise", &["enterprise_id", "id"][..], false),
            ("ix_practitioner_expiry", &["certificate_expires_on"][..], false),
            ("ix_practitioner_hash", &["id_number_hash"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table("practitioner").if_not_exists();
            for c in cols {
                i.col(*c);
            }
            if unique {
                i.unique();
            }
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("practitioner").if_exists().to_owned()).await
    }
}
