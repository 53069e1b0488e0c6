//! Communities (居民小区/村) and gas users (燃气用户) with their safety devices (技防设施);
//! addresses and phones encrypted at rest.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn indexes(
    m: &SchemaManager<'_>,
    table: &'static str,
    list: &[(&'static str, &[&'static str], bool)],
) -> Result<(), DbErr> {
    for (name, cols, unique) in list {
        let mut i = Index::create();
        i.name(*name).table(table).if_not_exists();
        for c in *cols {
            i.col(*c);
        }
        if *unique {
            i.unique();
        }
        m.create_index(i).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("community")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(string("kind"))
                .col(string_null("township"))
                .col(double_null("lng"))
                .col(double_null("lat"))
                .col(string_null("address"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_community_enterprise")
                        .from("community", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        indexes(
            m,
            "community",
            &[
                ("ux_community_code", &["enterprise_id", "code"], true),
                ("ix_community_region_id", &["region_code", "id"], false),
                ("ix_community_code", &["code"], false),
            ],
        )
        .await?;
        m.create_table(
            Table::create()
                .table("gas_user")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(big_integer("community_id"))
                .col(string("region_code"))
                .col(string_null("township"))
                .col(string("account_no"))
                .col(string("category"))
                .col(string("holder_name"))
                .col(string_null("address_enc"))
                .col(string_null("address_masked"))
                .col(string_null("phone_enc"))
                .col(string_null("phone_masked"))
                .col(string("gas_type"))
                .col(boolean("leak_alarm"))
                .col(boolean("auto_shutoff_valve"))
                .col(boolean("self_closing_valve"))
                .col(boolean("metal_hose"))
                .col(boolean("flame_failure_cooker"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_gas_user_enterprise")
                        .from("gas_user", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_gas_user_community")
                        .from("gas_user", "community_id")
                        .to("community", "id"),
                )
                .to_owned(),
        )
        .await?;
        indexes(
            m,
            "gas_user",
            &[
                ("ux_gas_user_account", &["enterprise_id", "account_no"], true),
                ("ix_gas_user_region_id", &["region_code", "id"], false),
                ("ix_gas_user_community_id", &["community_id", "id"], false),
                ("ix_gas_user_account", &["account_no"], false),
            ],
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("gas_user").if_exists().to_owned()).await?;
        m.drop_table(Table::drop().table("community").if_exists().to_owned()).await
    }
}
