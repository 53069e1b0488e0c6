//! Database connection: SQLite (embedded default) or PostgreSQL, chosen from the URL.
//! SeaORM serves both; the pools are kept so bulk paths can drop to raw sqlx.

use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sea_orm::{
    DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, SqlxPostgresConnector, SqlxSqliteConnector,
    TransactionTrait,
};
use std::ops::Deref;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    /// SQLite allows one writer: write transactions queue here instead of failing with SQLITE_BUSY.
    write_lock: Arc<Mutex<()>>,
}

/// A write transaction. On SQLite it holds the process-wide writer lock until commit or drop.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _guard: Option<OwnedMutexGuard<()>>,
    /// What to tell the in-memory aggregates once the writes are durable (dropped on rollback).
    committed: std::sync::Mutex<Vec<Box<dyn FnOnce() + Send>>>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await?;
        let hooks = std::mem::take(&mut *self.committed.lock().unwrap_or_else(|e| e.into_inner()));
        hooks.into_iter().for_each(|f| f());
        Ok(())
    }

    /// Run `f` after this transaction has committed (never if it rolls back): for in-memory state
    /// that must not see a write before the database does.
    pub fn after_commit(&self, f: impl FnOnce() + Send + 'static) {
        self.committed.lock().unwrap_or_else(|e| e.into_inner()).push(Box::new(f));
    }
}

impl Db {
    pub async fn connect(url: &str, max_connections: u32, mmap_mb: u64) -> anyhow::Result<Db> {
        let conn = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true)
                // A 32 MB page cache per connection and (as configured) the file memory-mapped: index
                // pages of a million-row ledger are read in place instead of copied by read().
                .pragma("cache_size", "-32768")
                .pragma("mmap_size", (mmap_mb * 1024 * 1024).to_string())
                .pragma("temp_store", "memory")
                // Checkpoint the WAL every 64 MB rather than every 4 MB: a large import then writes
                // each hot index page back to the database once per checkpoint, not once per chunk.
                .pragma("wal_autocheckpoint", "16384")
                // …and cut the WAL file back to that size after a checkpoint (a bulk load would
                // otherwise leave a WAL as large as its biggest transaction on disk).
                .pragma("journal_size_limit", "67108864");
            if let Some(parent) = opts.get_filename().parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            let pool =
                SqlitePoolOptions::new().max_connections(max_connections.clamp(1, 16)).connect_with(opts).await?;
            SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
        } else {
            anyhow::bail!("RANJIAN_DATABASE_URL must start with sqlite:// or postgres:// (got {url:?})");
        };
        Ok(Db { conn, write_lock: Arc::new(Mutex::new(())) })
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    pub fn is_sqlite(&self) -> bool {
        self.backend() == DatabaseBackend::Sqlite
    }

    /// Begin a transaction that will write.
    pub async fn write_txn(&self) -> Result<WriteTxn, DbErr> {
        let guard = if self.is_sqlite() { Some(self.write_lock.clone().lock_owned().await) } else { None };
        let txn = self.conn.begin().await?;
        Ok(WriteTxn { txn, _guard: guard, committed: Default::default() })
    }

    /// The SQLite writer lock, for bulk paths that write through raw sqlx (PostgreSQL: none).
    pub async fn writer_lock(&self) -> Option<OwnedMutexGuard<()>> {
        if self.is_sqlite() {
            Some(self.write_lock.clone().lock_owned().await)
        } else {
            None
        }
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }
}
