//! Use cases of access filings: file, approve, return with a reason, resubmit — each transition
//! checked by the domain state machine, stored as history and audited; documents kept by content hash.

use super::model::*;
use super::store;
use crate::industry::enterprise::store as enterprise_store;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::fields::{opt, Checker};
use crate::platform::files;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::Utc;
use ranjian_domain::filing::{FilingAction, FilingActor, FilingError, FilingState};
use ranjian_domain::OrgKind;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use std::collections::HashMap;

pub const ATTACHMENT_KINDS: &[(&str, &str)] =
    &[("design", "设计文件"), ("acceptance", "竣工验收资料"), ("other", "其他")];

fn actor_kind(p: &Principal) -> FilingActor {
    if p.org_kind == OrgKind::Enterprise {
        FilingActor::Enterprise
    } else {
        FilingActor::Authority
    }
}

fn transition_error(e: FilingError) -> AppError {
    match e {
        FilingError::IllegalTransition { .. } => AppError::Conflict(e.to_string()),
        FilingError::WrongActor(..) => AppError::Forbidden(e.to_string()),
        FilingError::ReasonRequired => AppError::field("reason", e.to_string()),
    }
}

struct ValidFiling {
    community_name: String,
    developer: String,
    households: i32,
    address: Option<String>,
    region_code: String,
    planned_gas_on: Option<chrono::NaiveDate>,
}

fn validate(state: &AppState, p: &Principal, input: &FilingInput) -> AppResult<ValidFiling> {
    let mut c = Checker::default();
    let community_name = c.required("community_name", "小区名称", &input.community_name, 100);
    let developer = c.required("developer", "建设单位", &input.developer, 100);
    let households = match input.households {
        None => {
            c.error("households", "户数不能为空");
            0
        }
        Some(n) if !(1..=100_000).contains(&n) => {
            c.error("households", "户数应在1至100000之间");
            0
        }
        Some(n) => n as i32,
    };
    let address = c.text("address", "地址", &input.address, 200);
    let planned_gas_on = c.date("planned_gas_on", "计划通气日期", &input.planned_gas_on);
    let region_code = match opt(&input.region_code) {
        None => {
            c.error("region_code", "所属区划不能为空");
            String::new()
        }
        Some(r) => match state.regions.resolve_record_region(&r) {
            Some(reg) if p.scope().allows_region(&reg.code) => reg.code.clone(),
            Some(reg) => {
                c.error("region_code", format!("所属区划“{}”不在本账号的管辖范围内", reg.name));
                String::new()
            }
            None => {
                c.error("region_code", format!("所属区划“{r}”不存在"));
                String::new()
            }
        },
    };
    c.finish(|| ValidFiling { community_name, developer, households, address, region_code, planned_gas_on })
        .map_err(AppError::validation)
}

async fn add_history<C: ConnectionTrait>(
    conn: &C,
    id: i64,
    from: Option<FilingState>,
    to: FilingState,
    p: &Principal,
    reason: Option<String>,
) -> AppResult<()> {
    history::ActiveModel {
        filing_id: Set(id),
        from_state: Set(from.map(|s| s.as_str().to_string())),
        to_state: Set(to.as_str().to_string()),
        actor: Set(format!("{}（{}）", p.display_name, p.org_name)),
        reason: Set(reason),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// An enterprise files for a new community (the filing is submitted at once).
pub async fn create(state: &AppState, p: &Principal, ip: Option<String>, input: &FilingInput) -> AppResult<FilingDto> {
    let Some(enterprise_id) = p.enterprise_id.filter(|_| p.org_kind == OrgKind::Enterprise) else {
        return Err(AppError::Forbidden("新建小区接入备案由供气企业提交".into()));
    };
    let v = validate(state, p, input)?;
    let now = Utc::now();
    let txn = state.db.write_txn().await?;
    let m = filing::ActiveModel {
        enterprise_id: Set(enterprise_id),
        region_code: Set(v.region_code),
        community_name: Set(v.community_name),
        developer: Set(v.developer),
        households: Set(v.households),
        address: Set(v.address),
        planned_gas_on: Set(v.planned_gas_on),
        state: Set(FilingState::Submitted.as_str().into()),
        return_reason: Set(None),
        submitted_at: Set(now),
        decided_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    add_history(&*txn, m.id, None, FilingState::Submitted, p, None).await?;
    audit::append(
        &*txn,
        &Actor::of(p, ip),
        Event::ok("filing.submit", "access_filing", m.id).detail(m.community_name.clone()),
    )
    .await?;
    txn.commit().await?;
    get(state, &p.scope(), m.id).await
}

/// Approve, return (with a reason) or resubmit (with corrected fields).
pub async fn transition(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    action: FilingAction,
    reason: Option<String>,
    input: Option<&FilingInput>,
) -> AppResult<FilingDto> {
    let scope = p.scope();
    let txn = state.db.write_txn().await?;
    let m = store::get(&*txn, &scope, id).await?.ok_or(AppError::NotFound)?;
    let from = FilingState::parse(&m.state)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad filing state {}", m.state)))?;
    let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    let to = from.apply(action, actor_kind(p), reason.as_deref()).map_err(transition_error)?;
    let mut am: filing::ActiveModel = m.into();
    am.state = Set(to.as_str().into());
    am.updated_at = Set(Utc::now());
    match action {
        FilingAction::Approve => {
            am.decided_at = Set(Some(Utc::now()));
            am.return_reason = Set(None);
        }
        FilingAction::Return => {
            am.decided_at = Set(Some(Utc::now()));
            am.return_reason = Set(reason.clone());
        }
        FilingAction::Resubmit => {
            if let Some(input) = input {
                let v = validate(state, p, input)?;
                am.community_name = Set(v.community_name);
                am.developer = Set(v.developer);
                am.households = Set(v.households);
                am.address = Set(v.address);
                am.region_code = Set(v.region_code);
                am.planned_gas_on = Set(v.planned_gas_on);
            }
            am.submitted_at = Set(Utc::now());
            am.decided_at = Set(None);
        }
    }
    let m = am.update(&*txn).await?;
    add_history(&*txn, id, Some(from), to, p, reason.clone()).await?;
    let action_name = match action {
        FilingAction::Approve => "filing.approve",
        FilingAction::Return => "filing.return",
        FilingAction::Resubmit => "filing.resubmit",
    };
    let detail = match &reason {
        Some(r) => format!("{}：{r}", m.community_name),
        None => m.community_name.clone(),
    };
    audit::append(&*txn, &Actor::of(p, ip), Event::ok(action_name, "access_filing", id).detail(detail)).await?;
    txn.commit().await?;
    get(state, &scope, id).await
}

/// Attach a document (PDF, JPEG, PNG or a ZIP/Office file) to a filing not yet approved.
pub async fn attach(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<FilingDto> {
    let scope = p.scope();
    let m = store::get(&state.db.conn, &scope, id).await?.ok_or(AppError::NotFound)?;
    if actor_kind(p) != FilingActor::Enterprise {
        return Err(AppError::Forbidden("附件由备案企业上传".into()));
    }
    if m.state == FilingState::Approved.as_str() {
        return Err(AppError::Conflict("已备案的申请不能再修改附件".into()));
    }
    let kind = ATTACHMENT_KINDS.iter().find(|(c, n)| *c == kind || *n == kind).map(|(c, _)| *c).ok_or_else(|| {
        AppError::validation(vec![FieldError::new("kind", "附件类型应为：设计文件、竣工验收资料、其他")])
    })?;
    let content_type = files::document_type(&bytes)
        .ok_or_else(|| AppError::UnsupportedMediaType("附件须为PDF、JPEG、PNG或ZIP/Office文件".into()))?;
    let sha = files::store(&state.config.data_dir, &bytes).await?;
    let txn = state.db.write_txn().await?;
    let a = attachment::ActiveModel {
        filing_id: Set(id),
        kind: Set(kind.into()),
        file_name: Set(name.chars().take(200).collect()),
        content_type: Set(content_type.into()),
        size: Set(bytes.len() as i64),
        sha256: Set(sha),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    audit::append(
        &*txn,
        &Actor::of(p, ip),
        Event::ok("filing.attach", "access_filing", id).detail(format!("{} {}", a.kind, a.file_name)),
    )
    .await?;
    txn.commit().await?;
    get(state, &scope, id).await
}

/// The bytes of an attachment (within the caller's scope).
pub async fn attachment_bytes(
    state: &AppState,
    scope: &Scope,
    id: i64,
    aid: i64,
) -> AppResult<(attachment::Model, Vec<u8>)> {
    store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let a = store::attachments_of(&state.db.conn, &[id])
        .await?
        .into_iter()
        .find(|a| a.id == aid)
        .ok_or(AppError::NotFound)?;
    let bytes = files::read(&state.config.data_dir, &a.sha256).await?;
    Ok((a, bytes))
}

pub async fn dtos(state: &AppState, rows: Vec<filing::Model>) -> AppResult<Vec<FilingDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let ent_ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> =
        enterprise_store::find_by_ids(&state.db.conn, &ent_ids).await?.into_iter().map(|e| (e.id, e.name)).collect();
    let mut hist: HashMap<i64, Vec<HistoryDto>> = HashMap::new();
    for h in store::history_of(&state.db.conn, &ids).await? {
        hist.entry(h.filing_id).or_default().push(HistoryDto {
            to_state_name: FilingState::parse(&h.to_state).map(|s| s.name_zh().to_string()).unwrap_or_default(),
            from_state: h.from_state,
            to_state: h.to_state,
            actor: h.actor,
            reason: h.reason,
            at: h.at,
        });
    }
    let mut atts: HashMap<i64, Vec<AttachmentDto>> = HashMap::new();
    for a in store::attachments_of(&state.db.conn, &ids).await? {
        atts.entry(a.filing_id).or_default().push(AttachmentDto {
            id: a.id,
            kind: a.kind,
            file_name: a.file_name,
            content_type: a.content_type,
            size: a.size,
            uploaded_at: a.uploaded_at,
        });
    }
    Ok(rows
        .into_iter()
        .map(|m| FilingDto {
            id: m.id,
            enterprise_id: m.enterprise_id,
            enterprise_name: ents.get(&m.enterprise_id).cloned().unwrap_or_default(),
            region_name: state.regions.name(&m.region_code),
            region_code: m.region_code,
            community_name: m.community_name,
            developer: m.developer,
            households: m.households,
            address: m.address,
            planned_gas_on: m.planned_gas_on,
            state_name: FilingState::parse(&m.state).map(|s| s.name_zh().to_string()).unwrap_or_default(),
            state: m.state,
            return_reason: m.return_reason,
            submitted_at: m.submitted_at,
            decided_at: m.decided_at,
            history: hist.remove(&m.id).unwrap_or_default(),
            attachments: atts.remove(&m.id).unwrap_or_default(),
        })
        .collect())
}

pub async fn get(state: &AppState, scope: &Scope, id: i64) -> AppResult<FilingDto> {
    let m = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    Ok(dtos(state, vec![m]).await?.remove(0))
}
