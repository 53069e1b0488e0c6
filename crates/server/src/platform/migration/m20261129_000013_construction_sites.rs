//! Third-party construction sites (第三方施工) near gas pipelines.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("construction_site")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(string("contractor"))
                .col(string_null("permit_no"))
                .col(string_null("address"))
                .col(date("starts_on"))
                .col(date("ends_on"))
                .col(text("geometry"))
                .col(double("lng"))
                .col(double("lat"))
                .col(double("min_lng"))
                .col(double("min_lat"))
                .col(double("max_lng"))
                .col(double("max_lat"))
                .col(boolean("agreement_signed"))
                .col(string_null("guardian"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_construction_site_code")
                .table("construction_site")
                .col("enterprise_id")
                .col("code")
                .unique()
                .if_not_exists()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_construction_site_region")
                .table("construction_site")
                .col("region_code")
                .col("starts_on")
                .if_not_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("construction_site").to_owned()).await
    }
}
