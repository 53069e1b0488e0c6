//! Regions, organisations, accounts, sessions, the audit log and the enterprise ledger.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn idx(name: &'static str, table: &'static str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table).if_not_exists();
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("region")
                .if_not_exists()
                .col(string("code").primary_key())
                .col(string("name"))
                .col(string_null("parent_code"))
                .col(string("level"))
                .col(text_null("boundary"))
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ix_region_parent", "region", &["parent_code"], false)).await?;

        m.create_table(
            Table::create()
                .table("enterprise")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("code"))
                .col(string("name"))
                .col(string("kind"))
                .col(string_null("licence_no"))
                .col(date_null("licence_valid_from"))
                .col(date_null("licence_valid_to"))
                .col(string_null("legal_representative"))
                .col(string_null("address"))
                .col(string("region_code"))
                .col(string_null("phone"))
                .col(string("status"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ux_enterprise_code", "enterprise", &["code"], true)).await?;
        // The default list order within a scope is (region_code, id): a page is read straight off this index.
        m.create_index(idx("ix_enterprise_region_id", "enterprise", &["region_code", "id"], false)).await?;
        m.create_index(idx("ix_enterprise_region_name", "enterprise", &["region_code", "name"], false)).await?;
        m.create_index(idx("ix_enterprise_name", "enterprise", &["name"], false)).await?;

        m.create_table(
            Table::create()
                .table("org")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("name"))
                .col(string("kind"))
                .col(string("region_code"))
                .col(big_integer_null("enterprise_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ux_org_enterprise", "org", &["enterprise_id"], true)).await?;
        m.create_index(idx("ix_org_region", "org", &["region_code"], false)).await?;

        m.create_table(
            Table::create()
                .table("app_user")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("username"))
                .col(string("display_name"))
                .col(string("password_hash"))
                .col(string("role"))
                .col(big_integer("org_id"))
                .col(string_null("phone"))
                .col(string("status"))
                .col(integer("failed_logins").default(0))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone_null("last_login_at"))
                .col(timestamp_with_time_zone("password_changed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(ForeignKey::create().name("fk_user_org").from("app_user", "org_id").to("org", "id"))
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ux_user_username", "app_user", &["username"], true)).await?;
        m.create_index(idx("ix_user_org", "app_user", &["org_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("session")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(string("token_hash"))
                .col(big_integer("user_id"))
                .col(string("csrf_token"))
                .col(string_null("ip"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(boolean("revoked").default(false))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_user")
                        .from("session", "user_id")
                        .to("app_user", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ux_session_token", "session", &["token_hash"], true)).await?;
        m.create_index(idx("ix_session_user", "session", &["user_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .if_not_exists()
                .col(big_integer("seq").primary_key())
                .col(timestamp_with_time_zone("at"))
                .col(big_integer_null("user_id"))
                .col(string_null("username"))
                .col(big_integer_null("org_id"))
                .col(string_null("region_code"))
                .col(big_integer_null("enterprise_id"))
                .col(string("action"))
                .col(string_null("target_type"))
                .col(string_null("target_id"))
                .col(string_null("ip"))
                .col(string("outcome"))
                .col(text_null("detail"))
                .col(string("prev_hash"))
                .col(string("hash"))
                .to_owned(),
        )
        .await?;
        m.create_index(idx("ix_audit_at", "audit_log", &["at"], false)).await?;
        m.create_index(idx("ix_audit_region", "audit_log", &["region_code", "seq"], false)).await?;
        m.create_index(idx("ix_audit_username", "audit_log", &["username"], false)).await?;

        // The head of the chain: the last sequence number and hash, so removing the newest
        // entries is detected too.
        m.create_table(
            Table::create()
                .table("audit_head")
                .if_not_exists()
                .col(integer("id").primary_key())
                .col(big_integer("last_seq"))
                .col(string("last_hash"))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '{}')",
            crate::platform::audit::GENESIS_HASH
        ))
        .await?;

        // Append-only: the database itself refuses to change or remove audit entries.
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
                )
                .await?;
            }
            _ => {
                for (name, op) in [("audit_log_no_update", "UPDATE"), ("audit_log_no_delete", "DELETE")] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER IF NOT EXISTS {name} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["audit_head", "audit_log", "session", "app_user", "org", "enterprise", "region"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
