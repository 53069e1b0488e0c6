//! Indexes of the one map's community layer: communities by position (the tile's box), and gas
//! users by community and status, so that a tile's active users are counted from the index alone
//! (at city scale a zoom-10 tile over the city centre counts some 300,000 users).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    ("ix_community_point", "community", &["lng", "lat"]),
    ("ix_gas_user_community_status", "gas_user", &["community_id", "status"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut i = Index::create();
            i.name(*name).table(*table).if_not_exists();
            for c in *cols {
                i.col(*c);
            }
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(*name).table(*table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
