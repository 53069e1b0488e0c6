//! Bottled LPG: cylinders and their fillings (refused fillings are kept as violations).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("cylinder")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string_null("qr_code"))
                .col(string("spec"))
                .col(string_null("manufacturer"))
                .col(date("manufactured_on"))
                .col(string_null("registration_no"))
                .col(date_null("last_inspected_on"))
                .col(date("next_inspection_on"))
                .col(string("status"))
                .col(timestamp_with_time_zone_null("last_filled_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_cylinder_enterprise")
                        .from("cylinder", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("cylinder_filling")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer_null("cylinder_id"))
                .col(string("cylinder_code"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string_null("station_code"))
                .col(timestamp_with_time_zone("filled_at"))
                .col(double_null("net_weight_kg"))
                .col(boolean("pre_check_ok"))
                .col(boolean("post_check_ok"))
                .col(string_null("filler_name"))
                .col(boolean("refused"))
                .col(string_null("refusal_reason"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        for (table, name, cols, unique) in [
            ("cylinder", "ux_cylinder_code", &["code"][..], true),
            ("cylinder", "ix_cylinder_region_id", &["region_code", "id"][..], false),
            ("cylinder", "ix_cylinder_next_inspection", &["next_inspection_on"][..], false),
            ("cylinder_filling", "ux_filling_once", &["cylinder_code", "filled_at"][..], true),
            ("cylinder_filling", "ix_filling_cylinder", &["cylinder_id", "filled_at"][..], false),
            ("cylinder_filling", "ix_filling_region_refused", &["region_code", "refused", "id"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table(table).if_not_exists();
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
        m.drop_table(Table::drop().table("cylinder_filling").if_exists().to_owned()).await?;
        m.drop_table(Table::drop().table("cylinder").if_exists().to_owned()).await
    }
}
