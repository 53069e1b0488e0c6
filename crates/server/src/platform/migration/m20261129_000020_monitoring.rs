//! Operation monitoring (运行监测, article 7): monitoring points with their thresholds, readings
//! (append-only, keyed by point and time, written by the bulk path in raw SQL per backend), their
//! minute/hour/day rollups, alarms with their history, and station cameras.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("monitoring_point")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(string("kind"))
                .col(string("unit"))
                // station | pipeline | major_hazard | place
                .col(string("target_type"))
                .col(big_integer_null("target_id"))
                .col(string_null("target_code"))
                .col(string_null("target_name"))
                .col(double("lng"))
                .col(double("lat"))
                .col(integer("interval_s"))
                .col(double_null("high_high"))
                .col(double_null("high"))
                .col(double_null("low"))
                .col(double_null("low_low"))
                .col(double_null("rate_of_change"))
                .col(double_null("deadband"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_monitoring_point_code", "monitoring_point", &["enterprise_id", "code"], true)).await?;
        m.create_index(index("ix_monitoring_point_region", "monitoring_point", &["region_code"], false)).await?;

        // Readings: the hot path. Times are milliseconds since the epoch; (point, time) is the key, so
        // a re-sent reading is not stored twice. SQLite keeps the rows in key order (WITHOUT ROWID);
        // PostgreSQL adds a BRIN index on time for retention, nearly free to maintain.
        let db = m.get_connection();
        match m.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading (point_id BIGINT NOT NULL, ts BIGINT NOT NULL, \
                     value DOUBLE PRECISION NOT NULL, PRIMARY KEY (point_id, ts))",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX IF NOT EXISTS ix_reading_ts ON reading USING brin (ts)").await?;
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading_rollup (point_id BIGINT NOT NULL, grain INTEGER NOT NULL, \
                     bucket BIGINT NOT NULL, n BIGINT NOT NULL, total DOUBLE PRECISION NOT NULL, \
                     vmin DOUBLE PRECISION NOT NULL, vmax DOUBLE PRECISION NOT NULL, \
                     PRIMARY KEY (point_id, grain, bucket))",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading (point_id INTEGER NOT NULL, ts INTEGER NOT NULL, \
                     value REAL NOT NULL, PRIMARY KEY (point_id, ts)) WITHOUT ROWID",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS reading_rollup (point_id INTEGER NOT NULL, grain INTEGER NOT NULL, \
                     bucket INTEGER NOT NULL, n INTEGER NOT NULL, total REAL NOT NULL, vmin REAL NOT NULL, \
                     vmax REAL NOT NULL, PRIMARY KEY (point_id, grain, bucket)) WITHOUT ROWID",
                )
                .await?;
            }
        }
        // How far the rollups are complete (ms), and points with readings that arrived later than that.
        m.create_table(
            Table::create()
                .table("rollup_state")
                .if_not_exists()
                .col(string("name").primary_key())
                .col(big_integer("watermark"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("rollup_pending")
                .if_not_exists()
                .col(big_integer("point_id").primary_key())
                .col(big_integer("from_ts"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("alarm")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("code"))
                .col(big_integer("point_id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("condition"))
                .col(string("severity"))
                .col(string("state"))
                .col(double_null("value"))
                .col(double_null("threshold"))
                .col(big_integer("raised_ts"))
                .col(timestamp_with_time_zone("raised_at"))
                .col(timestamp_with_time_zone_null("cleared_at"))
                .col(timestamp_with_time_zone_null("acknowledged_at"))
                .col(timestamp_with_time_zone_null("handling_at"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .col(string_null("disposal"))
                .col(integer("reminders"))
                .col(integer("escalation"))
                .col(boolean("supervised"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_alarm_point", "alarm", &["point_id", "cleared_at"], false)).await?;
        m.create_index(index("ix_alarm_region", "alarm", &["region_code", "id"], false)).await?;
        m.create_index(index("ix_alarm_state", "alarm", &["state", "id"], false)).await?;
        m.create_table(
            Table::create()
                .table("alarm_event")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("alarm_id"))
                .col(string("action"))
                .col(big_integer_null("user_id"))
                .col(string("actor_name"))
                .col(big_integer_null("org_id"))
                .col(string("org_name"))
                .col(string_null("note"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ix_alarm_event_alarm", "alarm_event", &["alarm_id", "id"], false)).await?;

        m.create_table(
            Table::create()
                .table("camera")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("enterprise_id"))
                .col(string("region_code"))
                .col(string("code"))
                .col(string("name"))
                .col(big_integer_null("station_id"))
                .col(string_null("station_code"))
                .col(string("stream_url"))
                .col(double("lng"))
                .col(double("lat"))
                .col(timestamp_with_time_zone_null("checked_at"))
                .col(boolean_null("online"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("ux_camera_code", "camera", &["enterprise_id", "code"], true)).await?;
        // Escalation to the enterprise's manager: a notification for the organisation's administrators.
        m.alter_table(Table::alter().table("notification").add_column(string_null("role")).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["camera", "alarm_event", "alarm", "rollup_pending", "rollup_state", "reading_rollup", "reading"] {
            m.drop_table(Table::drop().table(Alias::new(t)).if_exists().to_owned()).await?;
        }
        m.drop_table(Table::drop().table(Alias::new("monitoring_point")).if_exists().to_owned()).await
    }
}
