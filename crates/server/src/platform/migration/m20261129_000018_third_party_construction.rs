//! Third-party construction takes its name from the glossary (第三方施工 = third_party_construction):
//! the table of sites is renamed, and its indexes with it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn indexes(m: &SchemaManager<'_>, table: &'static str, prefix: &str) -> Result<(), DbErr> {
    m.create_index(
        Index::create()
            .name(format!("ux_{prefix}_code"))
            .table(table)
            .col("enterprise_id")
            .col("code")
            .unique()
            .to_owned(),
    )
    .await?;
    m.create_index(
        Index::create().name(format!("ix_{prefix}_region")).table(table).col("region_code").col("starts_on").to_owned(),
    )
    .await
}

async fn rename(m: &SchemaManager<'_>, from: &'static str, to: &'static str) -> Result<(), DbErr> {
    for ix in [format!("ux_{from}_code"), format!("ix_{from}_region")] {
        m.drop_index(Index::drop().name(ix).table(from).to_owned()).await?;
    }
    m.rename_table(Table::rename().table(from, to).to_owned()).await?;
    indexes(m, to, to).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rename(m, "construction_site", "third_party_construction").await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        rename(m, "third_party_construction", "construction_site").await
    }
}
