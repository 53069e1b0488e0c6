//! Supervision checks and spot checks (监督检查/抽查): tasks, their county parts, check items and
//! the photos taken on site.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn index(name: &str, table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(Alias::new(table)).if_not_exists();
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("check_task")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("code"))
                .col(string("title"))
                .col(string("template"))
                .col(string("target_kind"))
                .col(big_integer_null("parent_id"))
                .col(big_integer("issuer_org_id"))
                .col(string("issuer_name"))
                .col(string("region_code"))
                .col(integer_null("sample_size"))
                .col(text_null("enterprise_ids"))
                .col(date("deadline"))
                .col(string_null("recurrence"))
                .col(string_null("period_label"))
                .col(big_integer_null("series_id"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_check_task_parent", "check_task", &["parent_id"], false)).await?;
        m.create_index(index("ix_check_task_region", "check_task", &["region_code", "id"], false)).await?;
        m.create_table(
            Table::create()
                .table("check_item")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("task_id"))
                .col(string("region_code"))
                .col(big_integer("enterprise_id"))
                .col(string("target_kind"))
                .col(big_integer("target_id"))
                .col(string("target_label"))
                .col(double_null("target_lng"))
                .col(double_null("target_lat"))
                .col(string("state"))
                .col(big_integer_null("assignee_id"))
                .col(string_null("assignee_name"))
                .col(text_null("answers"))
                .col(integer("failed"))
                .col(text_null("note"))
                .col(timestamp_with_time_zone_null("checked_at"))
                .col(double_null("lng"))
                .col(double_null("lat"))
                .col(double_null("accuracy_m"))
                .col(string_null("location_flag"))
                .col(double_null("distance_m"))
                .col(text_null("trail"))
                .col(string_null("client_uuid"))
                .col(string_null("enterprise_outcome"))
                .col(string_null("enterprise_record"))
                .col(boolean_null("discrepancy"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_check_item_task")
                        .from("check_item", "task_id")
                        .to("check_task", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_check_item_task", "check_item", &["task_id", "state"], false)).await?;
        m.create_index(index("ix_check_item_assignee", "check_item", &["assignee_id", "state"], false)).await?;
        m.create_index(index("ix_check_item_region", "check_item", &["region_code", "discrepancy"], false)).await?;
        m.create_table(
            Table::create()
                .table("check_item_photo")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("item_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_check_item_photo_item")
                        .from("check_item_photo", "item_id")
                        .to("check_item", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_check_item_photo", "check_item_photo", &["item_id", "sha256"], true)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["check_item_photo", "check_item", "check_task"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
