//! Hazards (隐患) with their rectification history (整改记录) and evidence photos.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn index(m: &SchemaManager<'_>, table: &str, name: &str, cols: &[&str], unique: bool) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(Alias::new(table)).if_not_exists();
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    m.create_index(i).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("hazard")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string_null("township"))
                .col(string("code"))
                .col(string("source"))
                .col(string_null("source_ref"))
                .col(string("level"))
                .col(string_null("criterion"))
                .col(string("category"))
                .col(string("description"))
                .col(string("place_kind"))
                .col(string_null("place_ref"))
                .col(big_integer_null("place_id"))
                .col(double_null("lng"))
                .col(double_null("lat"))
                .col(date("found_on"))
                .col(string("finder"))
                .col(date("deadline"))
                .col(string("state"))
                .col(boolean("overdue"))
                .col(date_null("closed_on"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        index(m, "hazard", "ux_hazard_code", &["enterprise_id", "code"], true).await?;
        index(m, "hazard", "ix_hazard_region_state", &["region_code", "state"], false).await?;
        index(m, "hazard", "ix_hazard_state_deadline", &["state", "deadline"], false).await?;
        m.create_table(
            Table::create()
                .table("hazard_event")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("hazard_id"))
                .col(string("action"))
                .col(string_null("from_state"))
                .col(string("to_state"))
                .col(string_null("note"))
                .col(string("actor"))
                .col(string_null("actor_org"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_hazard_event_hazard")
                        .from("hazard_event", "hazard_id")
                        .to("hazard", "id"),
                )
                .to_owned(),
        )
        .await?;
        index(m, "hazard_event", "ix_hazard_event_hazard", &["hazard_id", "id"], false).await?;
        m.create_table(
            Table::create()
                .table("hazard_photo")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("hazard_id"))
                .col(big_integer_null("event_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(string("uploaded_by"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_hazard_photo_hazard")
                        .from("hazard_photo", "hazard_id")
                        .to("hazard", "id"),
                )
                .to_owned(),
        )
        .await?;
        index(m, "hazard_photo", "ix_hazard_photo_hazard", &["hazard_id", "id"], false).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("hazard_photo").if_exists().to_owned()).await?;
        m.drop_table(Table::drop().table("hazard_event").if_exists().to_owned()).await?;
        m.drop_table(Table::drop().table("hazard").if_exists().to_owned()).await
    }
}
