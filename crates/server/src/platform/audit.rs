//! The audit log (操作日志): every write, login and export — who, what, when, from where.
//! Append-only (database triggers refuse UPDATE and DELETE) and hash-chained with SM3: each entry's
//! hash covers its fields and the previous entry's hash; `audit_head` keeps the newest one, so any
//! altered, removed or truncated entry is found by `verify`.

use super::auth::Principal;
use super::entities::audit_log;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde::Serialize;
use sm3::{Digest, Sm3};
use utoipa::ToSchema;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did it.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub org_id: Option<i64>,
    pub region_code: Option<String>,
    pub enterprise_id: Option<i64>,
    pub ip: Option<String>,
}

impl Actor {
    pub fn of(p: &Principal, ip: Option<String>) -> Self {
        Actor {
            user_id: Some(p.user_id),
            username: Some(p.username.clone()),
            org_id: Some(p.org_id),
            region_code: Some(p.region_code.clone()),
            enterprise_id: p.enterprise_id,
            ip,
        }
    }

    /// The command line or a system job.
    pub fn system(name: &str) -> Self {
        Actor { username: Some(name.to_string()), ..Default::default() }
    }
}

/// What happened.
#[derive(Debug, Clone)]
pub struct Event {
    pub action: &'static str,
    pub target_type: Option<&'static str>,
    pub target_id: Option<String>,
    pub success: bool,
    pub detail: Option<String>,
}

impl Event {
    pub fn ok(action: &'static str, target_type: &'static str, target_id: impl ToString) -> Self {
        Event {
            action,
            target_type: Some(target_type),
            target_id: Some(target_id.to_string()),
            success: true,
            detail: None,
        }
    }
    pub fn failed(action: &'static str, detail: impl Into<String>) -> Self {
        Event { action, target_type: None, target_id: None, success: false, detail: Some(detail.into()) }
    }
    pub fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }
}

fn canonical_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn entry_hash(m: &audit_log::Model) -> String {
    // A JSON array is an unambiguous encoding of the fields in a fixed order.
    let fields = serde_json::json!([
        m.seq,
        canonical_time(m.at),
        m.user_id,
        m.username,
        m.org_id,
        m.region_code,
        m.enterprise_id,
        m.action,
        m.target_type,
        m.target_id,
        m.ip,
        m.outcome,
        m.detail,
        m.prev_hash
    ]);
    let mut h = Sm3::new();
    h.update(fields.to_string().as_bytes());
    hex::encode(h.finalize())
}

/// Append one entry inside the caller's (write) transaction, so the entry and the change it records
/// commit together or not at all.
pub async fn append<C: ConnectionTrait>(conn: &C, actor: &Actor, event: Event) -> Result<i64, DbErr> {
    let backend = conn.get_database_backend();
    let lock = match backend {
        DatabaseBackend::Postgres => " FOR UPDATE",
        _ => "",
    };
    let head = conn
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT last_seq, last_hash FROM audit_head WHERE id = 1{lock}"),
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("audit_head row missing".into()))?;
    let last_seq: i64 = head.try_get("", "last_seq")?;
    let last_hash: String = head.try_get("", "last_hash")?;
    let mut m = audit_log::Model {
        seq: last_seq + 1,
        at: Utc::now().trunc_subsecs(6),
        user_id: actor.user_id,
        username: actor.username.clone(),
        org_id: actor.org_id,
        region_code: actor.region_code.clone(),
        enterprise_id: actor.enterprise_id,
        action: event.action.to_string(),
        target_type: event.target_type.map(str::to_string),
        target_id: event.target_id,
        ip: actor.ip.clone(),
        outcome: if event.success { "success" } else { "failure" }.to_string(),
        detail: event.detail,
        prev_hash: last_hash,
        hash: String::new(),
    };
    m.hash = entry_hash(&m);
    let seq = m.seq;
    let hash = m.hash.clone();
    audit_log::Entity::insert(audit_log::ActiveModel {
        seq: Set(m.seq),
        at: Set(m.at),
        user_id: Set(m.user_id),
        username: Set(m.username),
        org_id: Set(m.org_id),
        region_code: Set(m.region_code),
        enterprise_id: Set(m.enterprise_id),
        action: Set(m.action),
        target_type: Set(m.target_type),
        target_id: Set(m.target_id),
        ip: Set(m.ip),
        outcome: Set(m.outcome),
        detail: Set(m.detail),
        prev_hash: Set(m.prev_hash),
        hash: Set(m.hash),
    })
    .exec_without_returning(conn)
    .await?;
    let p = if backend == DatabaseBackend::Postgres { ("$1", "$2") } else { ("?", "?") };
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!("UPDATE audit_head SET last_seq = {}, last_hash = {} WHERE id = 1", p.0, p.1),
        [seq.into(), hash.into()],
    ))
    .await?;
    Ok(seq)
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct VerifyReport {
    pub ok: bool,
    /// Entries checked.
    pub checked: u64,
    /// The first entry found altered, or the first missing sequence number.
    pub first_bad_seq: Option<i64>,
    pub reason: Option<String>,
}

/// Walk the chain from the first entry to the head.
pub async fn verify<C: ConnectionTrait>(conn: &C) -> Result<VerifyReport, DbErr> {
    let backend = conn.get_database_backend();
    let head = conn
        .query_one_raw(Statement::from_string(backend, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1"))
        .await?
        .ok_or_else(|| DbErr::Custom("audit_head row missing".into()))?;
    let head_seq: i64 = head.try_get("", "last_seq")?;
    let head_hash: String = head.try_get("", "last_hash")?;
    let bad = |seq: i64, checked: u64, reason: String| VerifyReport {
        ok: false,
        checked,
        first_bad_seq: Some(seq),
        reason: Some(reason),
    };

    let mut expected_seq = 1i64;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut checked = 0u64;
    loop {
        let batch = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(2000)
            .all(conn)
            .await?;
        if batch.is_empty() {
            break;
        }
        for m in batch {
            if m.seq != expected_seq {
                return Ok(bad(expected_seq, checked, format!("第{expected_seq}条日志缺失")));
            }
            if m.prev_hash != prev_hash {
                return Ok(bad(m.seq, checked, format!("第{}条日志与前一条的链接被破坏", m.seq)));
            }
            if entry_hash(&m) != m.hash {
                return Ok(bad(m.seq, checked, format!("第{}条日志内容被篡改", m.seq)));
            }
            prev_hash = m.hash;
            expected_seq += 1;
            checked += 1;
        }
    }
    let last = expected_seq - 1;
    if last != head_seq {
        let seq = last.min(head_seq) + 1;
        return Ok(bad(seq, checked, format!("日志链末尾应为第{head_seq}条，实际为第{last}条：第{seq}条起的日志缺失")));
    }
    if prev_hash != head_hash {
        return Ok(bad(last, checked, format!("第{last}条日志与链首记录不符")));
    }
    Ok(VerifyReport { ok: true, checked, first_bad_seq: None, reason: None })
}
