//! Bottled LPG circulation: where each cylinder went after filling (delivered, at a user, returned,
//! scrapped) and the abnormal flows found in those events. Trace records are never deleted (kept
//! at least two years, as the regulation asks).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        for col in [
            ColumnDef::new("circulation_state").string().null().to_owned(),
            ColumnDef::new("holder_account").string().null().to_owned(),
            ColumnDef::new("circulation_at").timestamp_with_time_zone().null().to_owned(),
        ] {
            m.alter_table(Table::alter().table("cylinder").add_column(col).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table("cylinder_movement")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("cylinder_id"))
                .col(string("cylinder_code"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("event"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(string_null("user_account"))
                .col(string_null("place"))
                .col(string_null("operator_name"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("cylinder_anomaly")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("kind"))
                .col(big_integer("cylinder_id"))
                .col(string("cylinder_code"))
                .col(string_null("user_account"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(string("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        for (table, name, cols, unique) in [
            ("cylinder_movement", "ux_movement_once", &["cylinder_code", "occurred_at", "event"][..], true),
            ("cylinder_movement", "ix_movement_region", &["region_code", "id"][..], false),
            ("cylinder", "ix_cylinder_holder", &["holder_account"][..], false),
            ("cylinder", "ix_cylinder_enterprise", &["enterprise_id", "id"][..], false),
            ("cylinder_anomaly", "ix_anomaly_region", &["region_code", "kind", "id"][..], false),
            ("cylinder_anomaly", "ix_anomaly_cylinder", &["cylinder_code"][..], false),
        ] {
            let mut i = Index::create();
            i.name(name).table(table).if_not_exists();
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
        m.drop_table(Table::drop().table("cylinder_anomaly").if_exists().to_owned()).await?;
        m.drop_table(Table::drop().table("cylinder_movement").if_exists().to_owned()).await?;
        for col in ["circulation_at", "holder_account", "circulation_state"] {
            m.alter_table(Table::alter().table("cylinder").drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
