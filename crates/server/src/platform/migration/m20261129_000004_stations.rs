//! Stations and point facilities (厂站设施): gate, storage and distribution, LNG/CNG, regulator
//! stations and boxes, LPG stations and supply points, valves.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("station")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(string("kind"))
                .col(double("lng"))
                .col(double("lat"))
                .col(string_null("address"))
                .col(double_null("capacity"))
                .col(string_null("capacity_unit"))
                .col(date_null("commissioned_on"))
                .col(boolean("major_hazard"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_station_enterprise")
                        .from("station", "enterprise_id")
                        .to("enterprise", "id"),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            ("ux_station_code", &["enterprise_id", "code"][..], true),
            ("ix_station_region_id", &["region_code", "id"][..], false),
            ("ix_station_code", &["code"][..], false),
            ("ix_station_point", &["lng", "lat"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table("station").if_not_exists();
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
        m.drop_table(Table::drop().table("station").if_exists().to_owned()).await
    }
}
