//! Pipeline segments (燃气管网) with their geometry, length and bounding box.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("pipeline_segment")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string_null("name"))
                .col(string("pressure_class"))
                .col(string("material"))
                .col(integer_null("nominal_diameter"))
                .col(integer_null("construction_year"))
                .col(double_null("burial_depth"))
                .col(double("length_m"))
                .col(text("geometry"))
                .col(double("min_lng"))
                .col(double("min_lat"))
                .col(double("max_lng"))
                .col(double("max_lat"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_segment_enterprise")
                        .from("pipeline_segment", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            ("ux_segment_code", &["enterprise_id", "code"][..], true),
            ("ix_segment_region_id", &["region_code", "id"][..], false),
            ("ix_segment_code", &["code"][..], false),
            ("ix_segment_bbox", &["min_lng", "max_lng", "min_lat", "max_lat"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table("pipeline_segment").if_not_exists();
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
        m.drop_table(Table::drop().table("pipeline_segment").if_exists().to_owned()).await
    }
}
