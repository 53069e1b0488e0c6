//! Service supervision (服务监督, article 6): the working-day calendar, cases (complaints, reports,
//! service requests, suggestions) with their steps, photos, the organisations that held them and
//! the deadline of each stage; supervision notices (督办) and notifications to organisations.

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

fn child(table: &'static str, fk: &'static str, parent: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(format!("fk_{table}_{parent}")).from(table, fk).to(parent, "id").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("calendar_day")
                .if_not_exists()
                .col(date("day").primary_key())
                .col(string("kind"))
                .col(string("name"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("complaint_case")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("tracking_no"))
                .col(string("channel"))
                .col(string("case_type"))
                .col(string("gas_category"))
                .col(string("region_code"))
                .col(string_null("township"))
                .col(big_integer_null("named_enterprise_id"))
                .col(big_integer_null("enterprise_id"))
                .col(string("place"))
                .col(string("place_key"))
                .col(double_null("lng"))
                .col(double_null("lat"))
                .col(string_null("user_account"))
                .col(string("description"))
                .col(boolean("anonymous"))
                .col(string_null("contact_name"))
                .col(string_null("contact_phone"))
                .col(string_null("contact_index"))
                .col(string_null("external_no"))
                .col(string("external_key"))
                .col(big_integer("origin_org_id"))
                .col(string("origin_level"))
                .col(big_integer("holder_org_id"))
                .col(string("holder_level"))
                .col(big_integer_null("handler_org_id"))
                .col(string("state"))
                .col(boolean("reopened"))
                .col(string_null("answer"))
                .col(string_null("satisfaction"))
                .col(string_null("rating_comment"))
                .col(date_null("deadline"))
                .col(boolean("overdue"))
                .col(timestamp_with_time_zone("received_at"))
                .col(timestamp_with_time_zone_null("accepted_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(timestamp_with_time_zone_null("rated_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_complaint_case_tracking", "complaint_case", &["tracking_no"], true)).await?;
        // Hotline work orders and enterprise-received cases upsert by their own number.
        m.create_index(index("ux_complaint_case_external", "complaint_case", &["external_key"], true)).await?;
        m.create_index(index("ix_complaint_case_region", "complaint_case", &["region_code", "id"], false)).await?;
        m.create_index(index("ix_complaint_case_holder", "complaint_case", &["holder_org_id", "state"], false)).await?;
        m.create_index(index("ix_complaint_case_enterprise", "complaint_case", &["enterprise_id", "id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("complaint_case_party")
                .if_not_exists()
                .col(big_integer("case_id"))
                .col(big_integer("org_id"))
                .primary_key(Index::create().col("case_id").col("org_id"))
                .foreign_key(&mut child("complaint_case_party", "case_id", "complaint_case"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("complaint_case_event")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(string("action"))
                .col(string_null("from_state"))
                .col(string("to_state"))
                .col(string_null("note"))
                .col(string("actor"))
                .col(string_null("actor_org"))
                .col(big_integer_null("to_org_id"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut child("complaint_case_event", "case_id", "complaint_case"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_complaint_case_event_case", "complaint_case_event", &["case_id", "id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("complaint_case_photo")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(big_integer_null("event_id"))
                .col(string("file_name"))
                .col(string("content_type"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(string("uploaded_by"))
                .col(timestamp_with_time_zone("uploaded_at"))
                .foreign_key(&mut child("complaint_case_photo", "case_id", "complaint_case"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_complaint_case_photo_case", "complaint_case_photo", &["case_id", "id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("complaint_case_stage")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(string("stage"))
                .col(big_integer("org_id"))
                .col(timestamp_with_time_zone("started_at"))
                .col(date("warn_from"))
                .col(date("deadline"))
                .col(timestamp_with_time_zone_null("ended_at"))
                .col(boolean("open"))
                .col(boolean("warned"))
                .col(boolean("overdue"))
                .col(boolean("late"))
                .foreign_key(&mut child("complaint_case_stage", "case_id", "complaint_case"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_complaint_case_stage_case", "complaint_case_stage", &["case_id", "id"], false))
            .await?;
        // The scheduler's scans: open stages by deadline and by warning day.
        m.create_index(index("ix_complaint_case_stage_due", "complaint_case_stage", &["open", "deadline"], false))
            .await?;
        m.create_index(index("ix_complaint_case_stage_warn", "complaint_case_stage", &["open", "warn_from"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("supervision_notice")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("subject_type"))
                .col(big_integer("subject_id"))
                .col(string("subject_ref"))
                .col(string("stage"))
                .col(big_integer("org_id"))
                .col(big_integer_null("superior_org_id"))
                .col(string("region_code"))
                .col(big_integer_null("enterprise_id"))
                .col(date("deadline"))
                .col(string("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_supervision_notice_subject",
            "supervision_notice",
            &["subject_type", "subject_id"],
            false,
        ))
        .await?;
        m.create_index(index("ix_supervision_notice_region", "supervision_notice", &["region_code", "id"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("notification")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("org_id"))
                .col(string("kind"))
                .col(string("title"))
                .col(string("body"))
                .col(string_null("link"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_notification_org", "notification", &["org_id", "id"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "notification",
            "supervision_notice",
            "complaint_case_stage",
            "complaint_case_photo",
            "complaint_case_event",
            "complaint_case_party",
            "complaint_case",
            "calendar_day",
        ] {
            m.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
