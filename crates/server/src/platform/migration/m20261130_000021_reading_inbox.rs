//! The readings' inbox: on SQLite readings land first in a small table keyed by time, where an
//! insert only ever touches the last pages, and a background mover sorts them into `reading`
//! (keyed by point) in large runs (monitoring/reading/store.rs). PostgreSQL has the table too, so
//! the reads are the same, but writes straight into `reading`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading_inbox (point_id BIGINT NOT NULL, ts BIGINT NOT NULL, \
                     value DOUBLE PRECISION NOT NULL, PRIMARY KEY (ts, point_id))",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading_inbox (point_id INTEGER NOT NULL, ts INTEGER NOT NULL, \
                     value REAL NOT NULL, PRIMARY KEY (ts, point_id)) WITHOUT ROWID",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("reading_inbox")).if_exists().to_owned()).await
    }
}
