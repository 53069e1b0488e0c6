//! Patrols (巡查巡检) of pipeline segments and facilities.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("patrol")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("target_kind"))
                .col(big_integer("target_id"))
                .col(date("patrolled_on"))
                .col(string_null("patrolled_time"))
                .col(string("patroller"))
                .col(text_null("track"))
                .col(double_null("track_length_m"))
                .col(string("result"))
                .col(string_null("findings"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_patrol_code")
                .table("patrol")
                .col("enterprise_id")
                .col("code")
                .unique()
                .if_not_exists()
                .to_owned(),
        )
        .await?;
        // Completion reads a period's patrols per target; lists read a county's newest first.
        m.create_index(
            Index::create()
                .name("ix_patrol_day_target")
                .table("patrol")
                .col("patrolled_on")
                .col("target_kind")
                .col("target_id")
                .if_not_exists()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_patrol_region_day")
                .table("patrol")
                .col("region_code")
                .col("patrolled_on")
                .if_not_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("patrol").to_owned()).await
    }
}
