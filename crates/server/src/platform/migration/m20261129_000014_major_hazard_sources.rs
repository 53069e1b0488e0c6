//! Major hazard sources (重大危险源) with their safety assessments and equipment maintenance.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("major_hazard_source")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(big_integer("station_id"))
                .col(integer("level"))
                .col(string("substance"))
                .col(double_null("quantity_t"))
                .col(date_null("identified_on"))
                .col(boolean("leak_detection"))
                .col(boolean("emergency_shutoff"))
                .col(boolean("video"))
                .col(string_null("responsible"))
                .col(date_null("last_assessed_on"))
                .col(date_null("last_maintained_on"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        let index = |name: &str, table: &str, cols: &[&str], unique: bool| {
            let mut i = Index::create();
            i.name(name).table(Alias::new(table)).if_not_exists();
            for c in cols {
                i.col(Alias::new(*c));
            }
            if unique {
                i.unique();
            }
            i.to_owned()
        };
        m.create_index(index("ux_major_hazard_source_code", "major_hazard_source", &["enterprise_id", "code"], true))
            .await?;
        m.create_index(index("ix_major_hazard_source_region", "major_hazard_source", &["region_code", "level"], false))
            .await?;
        m.create_table(
            Table::create()
                .table("major_hazard_assessment")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("source_id"))
                .col(date("assessed_on"))
                .col(string("body"))
                .col(string("conclusion"))
                .col(string_null("report_no"))
                .col(string_null("report_name"))
                .col(string_null("report_type"))
                .col(big_integer_null("report_size"))
                .col(string_null("report_sha256"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_major_hazard_assessment_source")
                        .from("major_hazard_assessment", "source_id")
                        .to("major_hazard_source", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_major_hazard_assessment",
            "major_hazard_assessment",
            &["source_id", "assessed_on"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("major_hazard_maintenance")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("source_id"))
                .col(date("maintained_on"))
                .col(string("equipment"))
                .col(string("content"))
                .col(string("maintainer"))
                .col(string("result"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_major_hazard_maintenance_source")
                        .from("major_hazard_maintenance", "source_id")
                        .to("major_hazard_source", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_major_hazard_maintenance",
            "major_hazard_maintenance",
            &["source_id", "maintained_on", "equipment"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["major_hazard_maintenance", "major_hazard_assessment", "major_hazard_source"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}
