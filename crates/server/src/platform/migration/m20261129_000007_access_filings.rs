//! New community access filings with their history and attachments.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("access_filing")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("community_name"))
                .col(string("developer"))
                .col(integer("households"))
                .col(string_null("address"))
                .col(date_null("planned_gas_on"))
                .col(string("state"))
                .col(string_null("return_reason"))
                .col(timestamp_with_time_zone("submitted_at"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_filing_enterprise")
                        .from("access_filing", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("access_filing_history")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("filing_id"))
                .col(string_null("from_state"))
                .col(string("to_state"))
                .col(string("actor"))
                .col(string_null("reason"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_filing_history")
                        .from("access_filing_history", "filing_id")
                        .to("access_filing", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("access_filing_attachment")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("filing_id"))
                .col(string("kind"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_filing_attachment")
                        .from("access_filing_attachment", "filing_id")
                        .to("access_filing", "id"),
                )
                .to_owned(),
        )
        .await?;
        for (table, name, cols) in [
            ("access_filing", "ix_filing_region_id", &["region_code", "id"][..]),
            ("access_filing_history", "ix_filing_history", &["filing_id", "id"][..]),
            ("access_filing_attachment", "ix_filing_attachment", &["filing_id", "id"][..]),
        ] {
            let mut i = Index::create();
            i.name(name).table(table).if_not_exists();
            for c in cols {
                i.col(*c);
            }
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["access_filing_attachment", "access_filing_history", "access_filing"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
