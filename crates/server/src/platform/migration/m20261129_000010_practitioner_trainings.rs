//! Practitioners' training and examination records (培训考核记录).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("practitioner_training")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("practitioner_id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("kind"))
                .col(date("held_on"))
                .col(string("topic"))
                .col(double_null("hours"))
                .col(string_null("organiser"))
                .col(string_null("result"))
                .col(double_null("score"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_training_practitioner")
                        .from("practitioner_training", "practitioner_id")
                        .to("practitioner", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_training_once")
                .table("practitioner_training")
                .col("practitioner_id")
                .col("kind")
                .col("held_on")
                .col("topic")
                .unique()
                .if_not_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("practitioner_training").if_exists().to_owned()).await
    }
}
