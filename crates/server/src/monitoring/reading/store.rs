//! The bulk path of readings, in raw SQL per backend (ARCHITECTURE.md §6): one statement per
//! thousands of readings, `(point, time)` as the key so a re-sent reading is not stored twice;
//! rollups by minute, hour and day (a day is a day in China time); retention.
//!
//! On SQLite, readings land in `reading_inbox`, keyed by time: an upload of a thousand points
//! appends to its last pages. Keyed by point, as `reading` is for charts, the same upload touches
//! a page per point, and every page a transaction touches is copied to the WAL at its commit: that
//! copy bounded ingestion. The mover (`move_points`, run by `service::run_mover`) sorts the inbox
//! into `reading` in large runs, so each page of `reading` is written once for many readings.
//! Every read takes both tables. PostgreSQL writes straight into `reading`: there the sorted move
//! costs a B-tree descent per reading like a direct insert, and one mover fell behind eight
//! uploads writing in parallel (measured: 74,000 readings/s moved against 250,000 coming in).

use crate::platform::db::Db;
use sea_orm::sqlx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 3_600_000;
pub const DAY: i64 = 86_400_000;
/// China time is eight hours ahead of UTC: a day bucket starts at 00:00 there.
const DAY_OFFSET: i64 = 8 * HOUR;

/// The start of the bucket of `grain` that holds `ts`.
pub fn bucket(ts: i64, grain: i64) -> i64 {
    if grain == DAY {
        ts - (ts + DAY_OFFSET).rem_euclid(DAY)
    } else {
        ts - ts.rem_euclid(grain)
    }
}

/// Readings to write, column by column.
#[derive(Default)]
pub struct Columns {
    pub point: Vec<i64>,
    pub ts: Vec<i64>,
    pub value: Vec<f64>,
}

fn db_err(e: sqlx::Error) -> DbErr {
    DbErr::Custom(format!("reading write: {e}"))
}

/// What an insert did: readings new to the store, and of those the ones put in the inbox with the
/// newest time among them.
#[derive(Default, Debug, Clone, Copy)]
pub struct Stored {
    pub total: u64,
    pub inbox: u64,
    pub inbox_newest: Option<i64>,
}

/// Store readings (those already stored are skipped) and note the points whose rollups must be
/// redone from `late` (point, earliest time), in one transaction. `rows` are ordered by point and
/// time. On SQLite a reading goes to the inbox, unless it is no newer than what the mover has
/// already sorted into `reading` for its point (`moved_to`, asked under the write lock so the
/// mover cannot slip in between): then it goes straight to `reading`, where a re-sent one meets
/// its original. On PostgreSQL every reading goes straight to `reading`.
pub async fn insert(
    db: &Db,
    rows: &Columns,
    late: &[(i64, i64)],
    moved_to: &(dyn Fn(i64) -> i64 + Sync),
) -> Result<Stored, DbErr> {
    let mut out = Stored::default();
    if db.is_sqlite() {
        let _lock = db.writer_lock().await;
        let (mut direct, mut inbox) = (Vec::new(), Vec::with_capacity(rows.point.len()));
        let mut current = (i64::MIN, i64::MIN);
        for k in 0..rows.point.len() {
            if rows.point[k] != current.0 {
                current = (rows.point[k], moved_to(rows.point[k]));
            }
            if rows.ts[k] <= current.1 {
                direct.push(k);
            } else {
                inbox.push(k);
            }
        }
        out.inbox_newest = inbox.iter().map(|&k| rows.ts[k]).max();
        let pool = db.conn.get_sqlite_connection_pool();
        let mut tx = pool.begin().await.map_err(db_err)?;
        out.inbox = sqlite_insert(&mut tx, "reading_inbox", rows, &inbox).await?;
        out.total = out.inbox + sqlite_insert(&mut tx, "reading", rows, &direct).await?;
        for (point, from) in late {
            sqlx::query(
                "INSERT INTO rollup_pending (point_id, from_ts) VALUES (?, ?) \
                 ON CONFLICT (point_id) DO UPDATE SET from_ts = min(from_ts, excluded.from_ts)",
            )
            .bind(point)
            .bind(from)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
    } else {
        let pool = db.conn.get_postgres_connection_pool();
        // Every reading goes to `reading` here. A plain insert first: with ON CONFLICT
        // PostgreSQL probes the key once more per row before inserting, about a third of the cost
        // of a row. Only an upload holding a reading already stored (a re-send) fails, and is then
        // written again, skipping what is there.
        let insert = |on_conflict: &'static str| {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO reading (point_id, ts, value) \
                 SELECT * FROM UNNEST($1::int8[], $2::int8[], $3::float8[]) {on_conflict}"
            )))
            .bind(&rows.point)
            .bind(&rows.ts)
            .bind(&rows.value)
        };
        let mut tx = pool.begin().await.map_err(db_err)?;
        match insert("").execute(&mut *tx).await {
            Ok(r) => out.total = r.rows_affected(),
            Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
                tx.rollback().await.map_err(db_err)?;
                tx = pool.begin().await.map_err(db_err)?;
                out.total = insert("ON CONFLICT DO NOTHING").execute(&mut *tx).await.map_err(db_err)?.rows_affected();
            }
            Err(e) => return Err(db_err(e)),
        }
        if !late.is_empty() {
            let (p, f): (Vec<i64>, Vec<i64>) = late.iter().copied().unzip();
            sqlx::query(
                "INSERT INTO rollup_pending (point_id, from_ts) SELECT * FROM UNNEST($1::int8[], $2::int8[]) \
                 ON CONFLICT (point_id) DO UPDATE SET from_ts = LEAST(rollup_pending.from_ts, excluded.from_ts)",
            )
            .bind(&p)
            .bind(&f)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
    }
    Ok(out)
}

/// The rows `picked` into `table`, by statements of a few fixed sizes (512 rows, then powers of two
/// for the rest), so each is prepared once per connection and cached: a statement for every size
/// an MQTT batch happens to have would be compiled anew each time.
async fn sqlite_insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    table: &str,
    rows: &Columns,
    picked: &[usize],
) -> Result<u64, DbErr> {
    let mut stored = 0;
    let mut i = 0;
    while i < picked.len() {
        let left = picked.len() - i;
        let n = if left >= 512 { 512 } else { 1 << (usize::BITS - 1 - left.leading_zeros()) };
        let mut sql = String::with_capacity(64 + n * 8);
        sql.push_str("INSERT OR IGNORE INTO ");
        sql.push_str(table);
        sql.push_str(" (point_id, ts, value) VALUES ");
        for k in 0..n {
            sql.push_str(if k == 0 { "(?,?,?)" } else { ",(?,?,?)" });
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for &k in &picked[i..i + n] {
            q = q.bind(rows.point[k]).bind(rows.ts[k]).bind(rows.value[k]);
        }
        stored += q.execute(&mut **tx).await.map_err(db_err)?.rows_affected();
        i += n;
    }
    Ok(stored)
}

/// How many readings of the inbox are no newer than `cut`.
pub async fn inbox_count(db: &Db, cut: i64) -> Result<u64, DbErr> {
    let b = db.conn.get_database_backend();
    let row = db
        .conn
        .query_one_raw(stmt(
            b,
            format!("SELECT count(*) AS n FROM reading_inbox WHERE ts <= {}", ph(b, 1)),
            vec![cut.into()],
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64>("", "n")? as u64,
        None => 0,
    })
}

/// Move the inbox's readings of points `lo..=hi` no newer than `cut` into `reading`, sorted by point
/// and time so each page of `reading` is written once for all the readings it takes. `moved` is
/// told each point's newest reading moved (on SQLite under the write lock, before any other write).
/// Returns how many readings left the inbox.
pub async fn move_points(db: &Db, lo: i64, hi: i64, cut: i64, moved: impl FnOnce(&[(i64, i64)])) -> Result<u64, DbErr> {
    if db.is_sqlite() {
        let _lock = db.writer_lock().await;
        let pool = db.conn.get_sqlite_connection_pool();
        let mut tx = pool.begin().await.map_err(db_err)?;
        let newest: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT point_id, max(ts) FROM reading_inbox WHERE ts <= ? AND point_id BETWEEN ? AND ? GROUP BY point_id",
        )
        .bind(cut)
        .bind(lo)
        .bind(hi)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_err)?;
        if newest.is_empty() {
            return Ok(0);
        }
        sqlx::query(
            "INSERT OR IGNORE INTO reading (point_id, ts, value) SELECT point_id, ts, value FROM reading_inbox \
             WHERE ts <= ? AND point_id BETWEEN ? AND ? ORDER BY point_id, ts",
        )
        .bind(cut)
        .bind(lo)
        .bind(hi)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
        let n = sqlx::query("DELETE FROM reading_inbox WHERE ts <= ? AND point_id BETWEEN ? AND ?")
            .bind(cut)
            .bind(lo)
            .bind(hi)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected();
        tx.commit().await.map_err(db_err)?;
        moved(&newest);
        Ok(n)
    } else {
        // PostgreSQL does not use the inbox (the module's comment).
        Ok(0)
    }
}

fn stmt(backend: DbBackend, sql: String, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(backend, sql, values)
}

fn ph(backend: DbBackend, n: usize) -> String {
    if backend == DbBackend::Postgres {
        format!("${n}")
    } else {
        format!("?{n}")
    }
}

/// Raw readings of a point in [from, to), oldest first, at most `limit`.
pub async fn raw<C: ConnectionTrait>(
    conn: &C,
    point: i64,
    from: i64,
    to: i64,
    limit: u64,
) -> Result<Vec<(i64, f64)>, DbErr> {
    let b = conn.get_database_backend();
    let filter = format!("point_id = {} AND ts >= {} AND ts < {}", ph(b, 1), ph(b, 2), ph(b, 3));
    let sql = format!(
        "SELECT ts, value FROM (SELECT ts, value FROM reading WHERE {filter} \
         UNION ALL SELECT ts, value FROM reading_inbox WHERE {filter}) r ORDER BY ts LIMIT {limit}"
    );
    let rows = conn.query_all_raw(stmt(b, sql, vec![point.into(), from.into(), to.into()])).await?;
    rows.into_iter().map(|r| Ok((r.try_get("", "ts")?, r.try_get("", "value")?))).collect()
}

/// One bucket of a rollup: (start, count, sum, min, max).
pub type Bucket = (i64, i64, f64, f64, f64);

/// Rollup buckets of a point in [from, to).
pub async fn rollups<C: ConnectionTrait>(
    conn: &C,
    point: i64,
    grain: i64,
    from: i64,
    to: i64,
) -> Result<Vec<Bucket>, DbErr> {
    let b = conn.get_database_backend();
    let sql = format!(
        "SELECT bucket, n, total, vmin, vmax FROM reading_rollup WHERE point_id = {} AND grain = {} \
         AND bucket >= {} AND bucket < {} ORDER BY bucket",
        ph(b, 1),
        ph(b, 2),
        ph(b, 3),
        ph(b, 4)
    );
    let rows = conn.query_all_raw(stmt(b, sql, vec![point.into(), grain.into(), from.into(), to.into()])).await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.try_get("", "bucket")?,
                r.try_get("", "n")?,
                r.try_get("", "total")?,
                r.try_get("", "vmin")?,
                r.try_get("", "vmax")?,
            ))
        })
        .collect()
}

fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

fn bucket_expr(col: &str, grain: i64) -> String {
    if grain == DAY {
        format!("({col} - (({col} + {DAY_OFFSET}) % {DAY}))")
    } else {
        format!("({col} - ({col} % {grain}))")
    }
}

const UPSERT: &str = "ON CONFLICT (point_id, grain, bucket) DO UPDATE SET n = excluded.n, total = excluded.total, \
                      vmin = excluded.vmin, vmax = excluded.vmax";

/// Recompute the rollups of `points` for readings in [lo, hi): minutes from the readings, then the
/// hours and days that hold them from the minutes and hours (each bucket replaced whole).
pub async fn roll_up<C: ConnectionTrait>(conn: &C, points: &[i64], lo: i64, hi: i64) -> Result<(), DbErr> {
    if points.is_empty() || hi <= lo {
        return Ok(());
    }
    for chunk in points.chunks(500) {
        let ids = id_list(chunk);
        let lo_m = bucket(lo, MINUTE);
        let m = bucket_expr("ts", MINUTE);
        conn.execute_unprepared(&format!(
            "INSERT INTO reading_rollup (point_id, grain, bucket, n, total, vmin, vmax) \
             SELECT point_id, {MINUTE}, {m}, count(*), sum(value), min(value), max(value) FROM \
             (SELECT point_id, ts, value FROM reading WHERE point_id IN ({ids}) AND ts >= {lo_m} AND ts < {hi} \
              UNION ALL SELECT point_id, ts, value FROM reading_inbox \
              WHERE point_id IN ({ids}) AND ts >= {lo_m} AND ts < {hi}) r \
             GROUP BY point_id, {m} {UPSERT}"
        ))
        .await?;
        for (grain, from_grain) in [(HOUR, MINUTE), (DAY, HOUR)] {
            let start = bucket(lo, grain);
            let e = bucket_expr("bucket", grain);
            conn.execute_unprepared(&format!(
                "INSERT INTO reading_rollup (point_id, grain, bucket, n, total, vmin, vmax) \
                 SELECT point_id, {grain}, {e}, sum(n), sum(total), min(vmin), max(vmax) FROM reading_rollup \
                 WHERE point_id IN ({ids}) AND grain = {from_grain} AND bucket >= {start} AND bucket < {hi} \
                 GROUP BY point_id, {e} {UPSERT}"
            ))
            .await?;
        }
    }
    Ok(())
}

/// The watermark of the rollups: readings before it are rolled up (0 when nothing is yet).
pub async fn watermark<C: ConnectionTrait>(conn: &C) -> Result<i64, DbErr> {
    let b = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(b, "SELECT watermark FROM rollup_state WHERE name = 'reading'"))
        .await?;
    Ok(match row {
        Some(r) => r.try_get("", "watermark")?,
        None => 0,
    })
}

pub async fn set_watermark<C: ConnectionTrait>(conn: &C, w: i64) -> Result<(), DbErr> {
    conn.execute_unprepared(&format!(
        "INSERT INTO rollup_state (name, watermark) VALUES ('reading', {w}) \
         ON CONFLICT (name) DO UPDATE SET watermark = excluded.watermark"
    ))
    .await?;
    Ok(())
}

/// The oldest reading time (to start the first rollup from).
pub async fn oldest<C: ConnectionTrait>(conn: &C) -> Result<Option<i64>, DbErr> {
    let b = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(
            b,
            "SELECT min(ts) AS ts FROM (SELECT min(ts) AS ts FROM reading \
             UNION ALL SELECT min(ts) AS ts FROM reading_inbox) r",
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get("", "ts")?,
        None => None,
    })
}

/// Points with readings that arrived after their time was rolled up: (point, earliest time).
pub async fn pending<C: ConnectionTrait>(conn: &C) -> Result<Vec<(i64, i64)>, DbErr> {
    let b = conn.get_database_backend();
    let rows = conn.query_all_raw(Statement::from_string(b, "SELECT point_id, from_ts FROM rollup_pending")).await?;
    rows.into_iter().map(|r| Ok((r.try_get("", "point_id")?, r.try_get("", "from_ts")?))).collect()
}

pub async fn clear_pending<C: ConnectionTrait>(conn: &C, points: &[i64]) -> Result<(), DbErr> {
    for chunk in points.chunks(500) {
        conn.execute_unprepared(&format!("DELETE FROM rollup_pending WHERE point_id IN ({})", id_list(chunk))).await?;
    }
    Ok(())
}

/// Delete readings before `raw_before` and minute rollups before `minute_before`; (readings,
/// rollups) deleted.
pub async fn purge<C: ConnectionTrait>(
    conn: &C,
    points: &[i64],
    raw_before: i64,
    minute_before: i64,
) -> Result<(u64, u64), DbErr> {
    let mut raw =
        conn.execute_unprepared(&format!("DELETE FROM reading_inbox WHERE ts < {raw_before}")).await?.rows_affected();
    let mut rolled = 0;
    for chunk in points.chunks(500) {
        let ids = id_list(chunk);
        raw += conn
            .execute_unprepared(&format!("DELETE FROM reading WHERE point_id IN ({ids}) AND ts < {raw_before}"))
            .await?
            .rows_affected();
        rolled += conn
            .execute_unprepared(&format!(
                "DELETE FROM reading_rollup WHERE point_id IN ({ids}) AND grain = {MINUTE} AND bucket < {minute_before}"
            ))
            .await?
            .rows_affected();
    }
    Ok((raw, rolled))
}
