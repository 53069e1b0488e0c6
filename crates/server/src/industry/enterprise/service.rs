//! Use cases of the enterprise ledger: validation (the same for forms, the API and Excel), create,
//! edit, deactivate, import and export — each write audited in its own transaction.

use super::model::{enterprise, EnterpriseDto, EnterpriseFilter, EnterpriseInput};
use super::store;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::entities::org;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::{self, Column};
use crate::platform::fields::{opt, parse_date, Checker};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::PageParams;
use crate::platform::reference::RegionIndex;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{NaiveDate, Utc};
use ranjian_domain::enterprise::is_valid_phone;
use ranjian_domain::{CreditCode, EnterpriseKind, EnterpriseStatus, OrgKind};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect,
};
use std::collections::HashMap;

const KIND_CHOICES: &[&str] = &["管道燃气", "瓶装液化石油气", "汽车加气站", "其他"];

/// Columns of the Excel template, import and export, in sheet order.
/// The record type's name for the list cache.
pub const RECORD: &str = EnterpriseRecord::NAME;

pub const COLUMNS: &[Column] = &[
    Column {
        key: "code",
        header: "统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "18位，末位为校验码。",
    },
    Column {
        key: "name", header: "企业名称", required: true, choices: &[], width: 36.0, note: "营业执照上的全称。"
    },
    Column { key: "kind", header: "企业类型", required: true, choices: KIND_CHOICES, width: 16.0, note: "" },
    Column {
        key: "licence_no", header: "燃气经营许可证号", required: false, choices: &[], width: 22.0, note: ""
    },
    Column {
        key: "licence_valid_from",
        header: "许可证有效期起",
        required: false,
        choices: &[],
        width: 16.0,
        note: "日期，如 2024-01-01。",
    },
    Column {
        key: "licence_valid_to",
        header: "许可证有效期至",
        required: false,
        choices: &[],
        width: 16.0,
        note: "日期，如 2027-12-31。",
    },
    Column {
        key: "legal_representative", header: "法定代表人", required: false, choices: &[], width: 12.0, note: ""
    },
    Column { key: "address", header: "经营地址", required: false, choices: &[], width: 40.0, note: "" },
    Column {
        key: "region_code",
        header: "所属区划",
        required: true,
        choices: &[],
        width: 12.0,
        note: "区县名称（如 信州区）或行政区划代码（如 361102）。",
    },
    Column {
        key: "phone",
        header: "联系电话",
        required: false,
        choices: &[],
        width: 16.0,
        note: "手机号或带区号的固定电话。",
    },
];

const STATUS_COLUMN: Column =
    Column { key: "status", header: "状态", required: false, choices: &[], width: 10.0, note: "" };

pub fn to_dto(m: enterprise::Model, regions: &RegionIndex) -> EnterpriseDto {
    let kind_name = EnterpriseKind::parse(&m.kind).map(|k| k.name_zh().to_string()).unwrap_or_else(|| m.kind.clone());
    EnterpriseDto {
        id: m.id,
        region_name: regions.name(&m.region_code),
        code: m.code,
        name: m.name,
        kind: m.kind,
        kind_name,
        licence_no: m.licence_no,
        licence_valid_from: m.licence_valid_from,
        licence_valid_to: m.licence_valid_to,
        legal_representative: m.legal_representative,
        address: m.address,
        region_code: m.region_code,
        phone: m.phone,
        status: m.status,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// A validated enterprise, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEnterprise {
    pub code: String,
    pub name: String,
    pub kind: EnterpriseKind,
    pub licence_no: Option<String>,
    pub licence_valid_from: Option<NaiveDate>,
    pub licence_valid_to: Option<NaiveDate>,
    pub legal_representative: Option<String>,
    pub address: Option<String>,
    pub region_code: String,
    pub phone: Option<String>,
}

fn max_len(errors: &mut Vec<FieldError>, field: &str, label: &str, v: &Option<String>, max: usize) {
    if v.as_deref().is_some_and(|s| s.chars().count() > max) {
        errors.push(FieldError::new(field, format!("{label}不能超过{max}个字")));
    }
}

/// Check every field; all problems are reported at once.
pub fn validate(
    input: &EnterpriseInput,
    regions: &RegionIndex,
    scope: &Scope,
) -> Result<ValidEnterprise, Vec<FieldError>> {
    let mut errors = Vec::new();
    let code = match opt(&input.code) {
        None => {
            errors.push(FieldError::new("code", "统一社会信用代码不能为空"));
            None
        }
        Some(c) => match CreditCode::parse(&c) {
            Ok(c) => Some(c.as_str().to_string()),
            Err(e) => {
                errors.push(FieldError::new("code", e.to_string()));
                None
            }
        },
    };
    let name = opt(&input.name);
    match &name {
        None => errors.push(FieldError::new("name", "企业名称不能为空")),
        Some(n) if n.chars().count() < 2 => errors.push(FieldError::new("name", "企业名称至少2个字")),
        _ => max_len(&mut errors, "name", "企业名称", &name, 100),
    }
    let kind = match opt(&input.kind) {
        None => {
            errors.push(FieldError::new("kind", "企业类型不能为空"));
            None
        }
        Some(k) => {
            let parsed = EnterpriseKind::parse(&k);
            if parsed.is_none() {
                errors.push(FieldError::new("kind", format!("企业类型“{k}”无效，应为：{}", KIND_CHOICES.join("、"))));
            }
            parsed
        }
    };
    let licence_no = opt(&input.licence_no);
    max_len(&mut errors, "licence_no", "燃气经营许可证号", &licence_no, 64);
    let mut date = |field: &str, label: &str, v: &Option<String>| -> Option<NaiveDate> {
        let s = opt(v)?;
        let d = parse_date(&s);
        if d.is_none() {
            errors.push(FieldError::new(field, format!("{label}“{s}”不是有效日期，格式应为 YYYY-MM-DD")));
        }
        d
    };
    let from = date("licence_valid_from", "许可证有效期起", &input.licence_valid_from);
    let to = date("licence_valid_to", "许可证有效期至", &input.licence_valid_to);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            errors.push(FieldError::new("licence_valid_to", "许可证有效期至不能早于有效期起"));
        }
    }
    let legal = opt(&input.legal_representative);
    max_len(&mut errors, "legal_representative", "法定代表人", &legal, 50);
    let address = opt(&input.address);
    max_len(&mut errors, "address", "经营地址", &address, 200);
    let region_code = match opt(&input.region_code) {
        None => {
            errors.push(FieldError::new("region_code", "所属区划不能为空"));
            None
        }
        Some(r) => match regions.resolve_record_region(&r) {
            None => {
                errors.push(FieldError::new("region_code", format!("所属区划“{r}”不存在，应为本市的区县")));
                None
            }
            Some(reg) if !scope.allows_region(&reg.code) => {
                errors.push(FieldError::new("region_code", format!("所属区划“{}”不在本账号的管辖范围内", reg.name)));
                None
            }
            Some(reg) => Some(reg.code.clone()),
        },
    };
    let phone = opt(&input.phone);
    if let Some(p) = &phone {
        if !is_valid_phone(p) {
            errors.push(FieldError::new("phone", format!("联系电话“{p}”格式不正确，应为手机号或带区号的固定电话")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidEnterprise {
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        kind: kind.unwrap_or(EnterpriseKind::Other),
        licence_no,
        licence_valid_from: from,
        licence_valid_to: to,
        legal_representative: legal,
        address,
        region_code: region_code.unwrap_or_default(),
        phone,
    })
}

fn same(m: &enterprise::Model, v: &ValidEnterprise) -> bool {
    m.code == v.code
        && m.name == v.name
        && m.kind == v.kind.as_str()
        && m.licence_no == v.licence_no
        && m.licence_valid_from == v.licence_valid_from
        && m.licence_valid_to == v.licence_valid_to
        && m.legal_representative == v.legal_representative
        && m.address == v.address
        && m.region_code == v.region_code
        && m.phone == v.phone
}

fn apply(am: &mut enterprise::ActiveModel, v: &ValidEnterprise) {
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.kind = Set(v.kind.as_str().to_string());
    am.licence_no = Set(v.licence_no.clone());
    am.licence_valid_from = Set(v.licence_valid_from);
    am.licence_valid_to = Set(v.licence_valid_to);
    am.legal_representative = Set(v.legal_representative.clone());
    am.address = Set(v.address.clone());
    am.region_code = Set(v.region_code.clone());
    am.phone = Set(v.phone.clone());
    am.updated_at = Set(Utc::now());
}

/// Insert a new enterprise and the organisation its accounts will belong to.
pub async fn insert<C: ConnectionTrait>(conn: &C, v: &ValidEnterprise) -> Result<enterprise::Model, sea_orm::DbErr> {
    let now = Utc::now();
    let mut am = enterprise::ActiveModel {
        status: Set(EnterpriseStatus::Active.as_str().to_string()),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut am, v);
    let m = am.insert(conn).await?;
    org::ActiveModel {
        name: Set(m.name.clone()),
        kind: Set(OrgKind::Enterprise.as_str().to_string()),
        region_code: Set(m.region_code.clone()),
        enterprise_id: Set(Some(m.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(m)
}

async fn update_row<C: ConnectionTrait>(
    conn: &C,
    m: enterprise::Model,
    v: &ValidEnterprise,
) -> Result<enterprise::Model, sea_orm::DbErr> {
    let id = m.id;
    let mut am: enterprise::ActiveModel = m.into();
    apply(&mut am, v);
    let m = am.update(conn).await?;
    org::Entity::update_many()
        .col_expr(org::Column::Name, m.name.clone().into())
        .col_expr(org::Column::RegionCode, m.region_code.clone().into())
        .filter(org::Column::EnterpriseId.eq(id))
        .exec(conn)
        .await?;
    Ok(m)
}

fn duplicate() -> AppError {
    AppError::Conflict("统一社会信用代码已存在，不能重复登记".into())
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    input: &EnterpriseInput,
) -> AppResult<EnterpriseDto> {
    let v = validate(input, &state.regions, scope).map_err(AppError::validation)?;
    let txn = state.db.write_txn().await?;
    if store::find_by_code(&*txn, &v.code).await?.is_some() {
        return Err(duplicate());
    }
    let m = insert(&*txn, &v).await?;
    audit::append(
        &*txn,
        actor,
        Event::ok("enterprise.create", "enterprise", m.id).detail(format!("{} {}", m.code, m.name)),
    )
    .await?;
    txn.commit().await?;
    state.lists.invalidate(RECORD);
    Ok(to_dto(m, &state.regions))
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    id: i64,
    input: &EnterpriseInput,
) -> AppResult<EnterpriseDto> {
    let txn = state.db.write_txn().await?;
    let existing = store::get(&*txn, scope, id).await?.ok_or(AppError::NotFound)?;
    let v = validate(input, &state.regions, scope).map_err(AppError::validation)?;
    if v.code != existing.code && store::find_by_code(&*txn, &v.code).await?.is_some() {
        return Err(duplicate());
    }
    let detail = format!("{} {}", v.code, v.name);
    let m = update_row(&*txn, existing, &v).await?;
    audit::append(&*txn, actor, Event::ok("enterprise.update", "enterprise", m.id).detail(detail)).await?;
    txn.commit().await?;
    state.lists.invalidate(RECORD);
    Ok(to_dto(m, &state.regions))
}

pub async fn set_status(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    id: i64,
    status: EnterpriseStatus,
) -> AppResult<EnterpriseDto> {
    let txn = state.db.write_txn().await?;
    let existing = store::get(&*txn, scope, id).await?.ok_or(AppError::NotFound)?;
    let action = match status {
        EnterpriseStatus::Active => "enterprise.activate",
        EnterpriseStatus::Inactive => "enterprise.deactivate",
    };
    let detail = format!("{} {}", existing.code, existing.name);
    let mut am: enterprise::ActiveModel = existing.into();
    am.status = Set(status.as_str().to_string());
    am.updated_at = Set(Utc::now());
    let m = am.update(&*txn).await?;
    audit::append(&*txn, actor, Event::ok(action, "enterprise", m.id).detail(detail)).await?;
    txn.commit().await?;
    state.lists.invalidate(RECORD);
    Ok(to_dto(m, &state.regions))
}

/// Export the filtered list (all pages) and record the export in the audit log.
pub async fn export(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    f: &EnterpriseFilter,
    page: &PageParams,
) -> AppResult<Vec<u8>> {
    let rows = store::list_all(&state.db.conn, scope, f, page, state.config.export_max_rows).await?;
    let n = rows.len();
    let mut cols = COLUMNS.to_vec();
    cols.push(STATUS_COLUMN);
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let bytes = excel::export(
        "企业台账",
        &cols,
        rows.into_iter().map(|m| {
            vec![
                m.code.clone(),
                m.name.clone(),
                EnterpriseKind::parse(&m.kind).map(|k| k.name_zh().to_string()).unwrap_or(m.kind.clone()),
                m.licence_no.clone().unwrap_or_default(),
                d(m.licence_valid_from),
                d(m.licence_valid_to),
                m.legal_representative.clone().unwrap_or_default(),
                m.address.clone().unwrap_or_default(),
                state.regions.name(&m.region_code),
                m.phone.clone().unwrap_or_default(),
                EnterpriseStatus::parse(&m.status).map(|s| s.name_zh().to_string()).unwrap_or(m.status.clone()),
            ]
        }),
    )?;
    let txn = state.db.write_txn().await?;
    let mut conditions: Vec<String> = Vec::new();
    let mut cond = |label: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            conditions.push(format!("{label}={v}"));
        }
    };
    cond("关键字", &f.q);
    cond("区划", &f.region_code);
    cond("类型", &f.kind);
    cond("状态", &f.status);
    let filter = if conditions.is_empty() { "全部".to_string() } else { conditions.join("，") };
    audit::append(
        &*txn,
        actor,
        Event {
            action: "enterprise.export",
            target_type: Some("enterprise"),
            target_id: None,
            success: true,
            detail: Some(format!("导出{n}条（条件：{filter}）")),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(bytes)
}

/// The list answer (JSON) for a scope, filter and page, served from the list cache when fresh.
pub async fn list_json(
    state: &AppState,
    scope: &Scope,
    f: &EnterpriseFilter,
    page: &PageParams,
    raw_query: Option<&str>,
) -> AppResult<axum::body::Bytes> {
    let key = crate::platform::list::cache_key(scope, raw_query);
    if let Some(body) = state.lists.get(RECORD, &key) {
        return Ok(body);
    }
    let generation = state.lists.generation(RECORD);
    let (rows, total) = store::list(&state.db.conn, scope, f, page).await?;
    let items = rows.into_iter().map(|m| to_dto(m, &state.regions)).collect();
    let body = axum::body::Bytes::from(
        serde_json::to_vec(&super::model::EnterpriseList { items, total }).map_err(anyhow::Error::from)?,
    );
    state.lists.put(RECORD, key, generation, body.clone());
    Ok(body)
}

/// The enterprise ledger as a record type of the data standard (keyed by credit code).
pub struct EnterpriseRecord;

impl RecordType for EnterpriseRecord {
    const NAME: &'static str = "enterprises";
    const TITLE: &'static str = "企业台账";
    type Row = EnterpriseInput;
    type Valid = ValidEnterprise;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let code = example_code();
        [
            &code[..],
            "上饶市示例燃气有限公司",
            "管道燃气",
            "赣2024020001",
            "2024-01-01",
            "2026-12-31",
            "张三",
            "上饶市信州区示例路1号",
            "信州区",
            "0793-8221234",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_enterprise_ledger()
    }

    fn code(v: &ValidEnterprise) -> &str {
        &v.code
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[EnterpriseInput],
    ) -> AppResult<Vec<Result<ValidEnterprise, Vec<FieldError>>>> {
        Ok(rows.iter().map(|r| validate(r, &ctx.state.regions, ctx.scope)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidEnterprise)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<String, enterprise::Model> =
            store::find_by_codes(conn, &codes).await?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let mut out = Upserted::default();
        for (row, v) in rows {
            match existing.remove(&v.code) {
                Some(m) if !ctx.scope.allows(&m.region_code, Some(m.id)) => out
                    .errors
                    .push((row, FieldError::new("code", "该统一社会信用代码已由其他辖区登记，不能在本辖区导入"))),
                Some(m) if same(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let m = update_row(conn, m, &v).await?;
                    let e = Event::ok("enterprise.import", "enterprise", m.id)
                        .detail(format!("更新 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let m = insert(conn, &v).await?;
                    let e = Event::ok("enterprise.import", "enterprise", m.id)
                        .detail(format!("新增 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// A credit code as typed, normalised for lookups (upper case; left as typed when malformed).
pub fn normalise_code(s: &str) -> String {
    CreditCode::parse(s).map(|c| c.to_string()).unwrap_or_else(|_| s.trim().to_string())
}

/// The enterprises named by credit code in a batch of rows, by code (one query).
pub async fn by_codes<C: ConnectionTrait>(
    conn: &C,
    codes: impl Iterator<Item = String>,
) -> AppResult<HashMap<String, enterprise::Model>> {
    let codes: Vec<String> = codes.map(|c| normalise_code(&c)).collect();
    Ok(store::find_by_codes(conn, &codes).await?.into_iter().map(|e| (e.code.clone(), e)).collect())
}

/// The enterprise a record names, if it exists and lies in the caller's scope.
pub fn in_scope<'a>(
    ents: &'a HashMap<String, enterprise::Model>,
    code: &str,
    scope: &Scope,
) -> Result<&'a enterprise::Model, String> {
    let code = normalise_code(code);
    ents.get(&code)
        .filter(|e| scope.allows(&e.region_code, Some(e.id)))
        .ok_or_else(|| format!("所属企业“{code}”不存在或不在管辖范围内"))
}

/// The enterprise a row names in `enterprise_code` (`label` is its name in the template, e.g.
/// 权属企业): a field error when it is missing, unknown or outside the caller's scope.
pub fn checked<'a>(
    c: &mut Checker,
    ents: &'a HashMap<String, enterprise::Model>,
    code: &Option<String>,
    scope: &Scope,
    label: &str,
) -> Option<&'a enterprise::Model> {
    match opt(code) {
        None => {
            c.error("enterprise_code", format!("{label}不能为空"));
            None
        }
        Some(code) => in_scope(ents, &code, scope).map_err(|e| c.error("enterprise_code", e)).ok(),
    }
}

/// The credit code used in every template's example row (a valid, made-up code).
pub fn example_code() -> String {
    CreditCode::complete("91361102MA35EXAMP").map(|c| c.to_string()).unwrap_or_default()
}

/// Every enterprise's name by id, from memory (reloaded after a write of enterprises).
pub async fn names(state: &AppState) -> AppResult<crate::platform::names::Book> {
    use enterprise::Column as E;
    let generation = state.lists.generation(RECORD);
    Ok(state
        .names
        .of(RECORD, generation, || {
            enterprise::Entity::find().select_only().columns([E::Id, E::Name]).into_tuple().all(&state.db.conn)
        })
        .await?)
}
