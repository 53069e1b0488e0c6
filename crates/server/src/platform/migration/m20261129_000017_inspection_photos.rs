//! Photos taken during home safety inspections (入户安检照片).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("home_inspection_photo")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("inspection_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(string("uploaded_by"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_home_inspection_photo_inspection")
                        .from("home_inspection_photo", "inspection_id")
                        .to("home_inspection", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_home_inspection_photo")
                .table("home_inspection_photo")
                .col("inspection_id")
                .col("sha256")
                .unique()
                .if_not_exists()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("home_inspection_photo").to_owned()).await
    }
}
