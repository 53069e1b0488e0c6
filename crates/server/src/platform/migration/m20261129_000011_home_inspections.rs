//! Home safety inspections (入户安检), and each gas user's last completed inspection, kept beside
//! the user so completion rates are one pass over the user ledger.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("home_inspection")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string_null("township"))
                .col(big_integer("community_id"))
                .col(big_integer("gas_user_id"))
                .col(string("record_no"))
                .col(date("inspected_on"))
                .col(string("inspector"))
                .col(string("outcome"))
                .col(string("hazards"))
                .col(integer("hazard_count"))
                .col(string_null("note"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_home_inspection_user")
                        .from("home_inspection", "gas_user_id")
                        .to("gas_user", "id"),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            ("ux_home_inspection_record", &["enterprise_id", "record_no"][..], true),
            ("ix_home_inspection_user", &["gas_user_id", "inspected_on"][..], false),
            ("ix_home_inspection_region", &["region_code", "inspected_on"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table("home_inspection").if_not_exists();
            for c in cols {
                i.col(*c);
            }
            if unique {
                i.unique();
            }
            m.create_index(i).await?;
        }
        m.alter_table(Table::alter().table("gas_user").add_column(date_null("last_inspected_on")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("gas_user").drop_column("last_inspected_on").to_owned()).await?;
        m.drop_table(Table::drop().table("home_inspection").if_exists().to_owned()).await
    }
}
