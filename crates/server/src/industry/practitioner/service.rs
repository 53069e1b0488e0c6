//! Use cases of the practitioner ledger: one validation for forms, batches and sheets; ID numbers
//! and phones encrypted at rest and matched by blind index; certification statistics.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::store as enterprises;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::crypto::Crypto;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::{self, Column};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{today, PageParams};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{NaiveDate, Utc};
use ranjian_domain::enterprise::is_valid_phone;
use ranjian_domain::person::mask;
use ranjian_domain::{CertificateStatus, CreditCode, IdNumber, Post};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseTransaction};
use std::collections::HashMap;

const POST_CHOICES: &[&str] = &["主要负责人", "安全生产管理人员", "运行、维护和抢修人员", "其他从业人员"];
const STATUS_CHOICES: &[&str] = &["在职", "离职"];

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "所属企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "从业人员所在企业的统一社会信用代码。",
    },
    Column { key: "name", header: "姓名", required: true, choices: &[], width: 10.0, note: "" },
    Column {
        key: "id_number",
        header: "身份证号",
        required: true,
        choices: &[],
        width: 22.0,
        note: "18位公民身份号码；同一企业内按身份证号更新。",
    },
    Column { key: "post", header: "岗位", required: true, choices: POST_CHOICES, width: 20.0, note: "" },
    Column {
        key: "certificate_no",
        header: "证书编号",
        required: false,
        choices: &[],
        width: 22.0,
        note: "燃气经营企业从业人员专业培训考核合格证书编号。",
    },
    Column {
        key: "certificate_issued_on",
        header: "发证日期",
        required: false,
        choices: &[],
        width: 12.0,
        note: "日期，如 2024-05-20。",
    },
    Column {
        key: "certificate_expires_on",
        header: "证书有效期至",
        required: false,
        choices: &[],
        width: 12.0,
        note: "日期，不早于发证日期。",
    },
    Column { key: "phone", header: "联系电话", required: false, choices: &[], width: 14.0, note: "" },
    Column {
        key: "status",
        header: "在职状态",
        required: false,
        choices: STATUS_CHOICES,
        width: 10.0,
        note: "默认在职。",
    },
];

/// A validated practitioner.
pub struct ValidPractitioner {
    key: String,
    enterprise_id: i64,
    region_code: String,
    name: String,
    /// None on an edit that keeps the stored ID number.
    id_number: Option<IdNumber>,
    id_hash: Option<String>,
    post: Post,
    certificate_no: Option<String>,
    issued: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    phone: Option<String>,
    status: &'static str,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s.trim(), f).ok())
}

fn status_of(s: Option<String>) -> Result<&'static str, String> {
    match s.as_deref() {
        None | Some("active") | Some("在职") => Ok("active"),
        Some("left") | Some("离职") => Ok("left"),
        Some(other) => Err(format!("在职状态“{other}”无效，应为在职或离职")),
    }
}

fn status_name(s: &str) -> &'static str {
    if s == "left" {
        "离职"
    } else {
        "在职"
    }
}

/// Normalised credit code of the input (for looking enterprises up).
fn enterprise_code(input: &PractitionerInput) -> Option<String> {
    opt(&input.enterprise_code).map(|c| CreditCode::parse(&c).map(|c| c.to_string()).unwrap_or(c))
}

/// Check one row against the enterprises it may name.
fn validate_row(
    input: &PractitionerInput,
    enterprises: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    crypto: &Crypto,
    require_id: bool,
    today: NaiveDate,
) -> Result<ValidPractitioner, Vec<FieldError>> {
    let mut errors = Vec::new();
    let ent = match enterprise_code(input) {
        None => {
            errors.push(FieldError::new("enterprise_code", "所属企业不能为空"));
            None
        }
        Some(code) => match enterprises.get(&code).filter(|e| scope.allows(&e.region_code, Some(e.id))) {
            Some(e) => Some(e),
            None => {
                errors.push(FieldError::new("enterprise_code", format!("所属企业“{code}”不存在或不在管辖范围内")));
                None
            }
        },
    };
    let name = opt(&input.name);
    match &name {
        None => errors.push(FieldError::new("name", "姓名不能为空")),
        Some(n) if n.chars().count() > 50 => errors.push(FieldError::new("name", "姓名不能超过50个字")),
        _ => {}
    }
    let id_number = match opt(&input.id_number) {
        None if require_id => {
            errors.push(FieldError::new("id_number", "身份证号不能为空"));
            None
        }
        None => None,
        Some(s) => match IdNumber::parse(&s) {
            Ok(id) => Some(id),
            Err(e) => {
                errors.push(FieldError::new("id_number", e.to_string()));
                None
            }
        },
    };
    let post = match opt(&input.post) {
        None => {
            errors.push(FieldError::new("post", "岗位不能为空"));
            None
        }
        Some(p) => {
            let parsed = Post::parse(&p);
            if parsed.is_none() {
                errors.push(FieldError::new("post", format!("岗位“{p}”无效，应为：{}", POST_CHOICES.join("、"))));
            }
            parsed
        }
    };
    let certificate_no = opt(&input.certificate_no);
    if certificate_no.as_deref().is_some_and(|c| c.chars().count() > 64) {
        errors.push(FieldError::new("certificate_no", "证书编号不能超过64个字"));
    }
    let mut date = |field: &str, label: &str, v: &Option<String>| -> Option<NaiveDate> {
        let s = opt(v)?;
        let d = parse_date(&s);
        if d.is_none() {
            errors.push(FieldError::new(field, format!("{label}“{s}”不是有效日期，格式应为 YYYY-MM-DD")));
        }
        d
    };
    let issued = date("certificate_issued_on", "发证日期", &input.certificate_issued_on);
    let expires = date("certificate_expires_on", "证书有效期至", &input.certificate_expires_on);
    if issued.is_some_and(|d| d > today) {
        errors.push(FieldError::new("certificate_issued_on", "发证日期不能晚于今天"));
    }
    if let (Some(i), Some(e)) = (issued, expires) {
        if e < i {
            errors.push(FieldError::new("certificate_expires_on", "证书有效期至不能早于发证日期"));
        }
    }
    if certificate_no.is_none() && (issued.is_some() || expires.is_some()) {
        errors.push(FieldError::new("certificate_no", "填写了证书日期时，证书编号不能为空"));
    }
    let phone = opt(&input.phone);
    if phone.as_deref().is_some_and(|p| !is_valid_phone(p)) {
        errors.push(FieldError::new("phone", "联系电话格式不正确，应为手机号或带区号的固定电话"));
    }
    let status = status_of(opt(&input.status)).unwrap_or_else(|e| {
        errors.push(FieldError::new("status", e));
        "active"
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let ent = ent.expect("checked");
    let id_hash = id_number.as_ref().map(|id| crypto.blind_index("id_number", id.as_str()));
    Ok(ValidPractitioner {
        key: format!("{}:{}", ent.id, id_hash.clone().unwrap_or_default()),
        enterprise_id: ent.id,
        region_code: ent.region_code.clone(),
        name: name.unwrap_or_default(),
        id_number,
        id_hash,
        post: post.expect("checked"),
        certificate_no,
        issued,
        expires,
        phone,
        status,
    })
}

fn phone_of(m: &practitioner::Model, crypto: &Crypto) -> Option<String> {
    m.phone_enc.as_deref().and_then(|p| crypto.decrypt(p))
}

fn same(m: &practitioner::Model, v: &ValidPractitioner, crypto: &Crypto) -> bool {
    m.name == v.name
        && m.region_code == v.region_code
        && m.post == v.post.as_str()
        && m.certificate_no == v.certificate_no
        && m.certificate_issued_on == v.issued
        && m.certificate_expires_on == v.expires
        && m.status == v.status
        && phone_of(m, crypto) == v.phone
}

fn apply(am: &mut practitioner::ActiveModel, v: &ValidPractitioner, crypto: &Crypto) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.name = Set(v.name.clone());
    if let (Some(id), Some(hash)) = (&v.id_number, &v.id_hash) {
        am.id_number_enc = Set(crypto.encrypt(id.as_str()));
        am.id_number_hash = Set(hash.clone());
        am.id_number_masked = Set(id.masked());
    }
    am.post = Set(v.post.as_str().to_string());
    am.certificate_no = Set(v.certificate_no.clone());
    am.certificate_issued_on = Set(v.issued);
    am.certificate_expires_on = Set(v.expires);
    am.phone_enc = Set(v.phone.as_deref().map(|p| crypto.encrypt(p)));
    am.phone_masked = Set(v.phone.as_deref().map(|p| mask(p, 3, 4)));
    am.status = Set(v.status.to_string());
    am.updated_at = Set(Utc::now());
}

async fn insert<C: ConnectionTrait>(
    conn: &C,
    v: &ValidPractitioner,
    crypto: &Crypto,
) -> Result<practitioner::Model, sea_orm::DbErr> {
    let mut am = practitioner::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply(&mut am, v, crypto);
    am.insert(conn).await
}

fn detail(m: &practitioner::Model) -> String {
    format!("{} {}", m.name, m.id_number_masked)
}

pub struct PractitionerRecord;

impl RecordType for PractitionerRecord {
    const NAME: &'static str = "practitioners";
    const TITLE: &'static str = "从业人员台账";
    const CODE_FIELD: &'static str = "id_number";
    type Row = PractitionerInput;
    type Valid = ValidPractitioner;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = crate::industry::enterprise::service::example_code();
        let id = IdNumber::complete("36110219850612003").map(|i| i.as_str().to_string()).unwrap_or_default();
        [
            &ent[..],
            "李明",
            &id[..],
            "安全生产管理人员",
            "赣燃培2024001",
            "2024-05-20",
            "2027-05-19",
            "13907930001",
            "在职",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidPractitioner) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[PractitionerInput],
    ) -> AppResult<Vec<Result<ValidPractitioner, Vec<FieldError>>>> {
        let codes: Vec<String> = rows.iter().filter_map(enterprise_code).collect();
        let ents: HashMap<String, enterprise::Model> = enterprises::find_by_codes(&ctx.state.db.conn, &codes)
            .await?
            .into_iter()
            .map(|e| (e.code.clone(), e))
            .collect();
        let day = today();
        Ok(rows.iter().map(|r| validate_row(r, &ents, ctx.scope, &ctx.state.crypto, true, day)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidPractitioner)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let crypto = &ctx.state.crypto;
        let hashes: Vec<String> = rows.iter().filter_map(|(_, v)| v.id_hash.clone()).collect();
        let mut existing: HashMap<(i64, String), practitioner::Model> = store::find_by_hashes(conn, &hashes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.id_number_hash.clone()), m))
            .collect();
        let mut out = Upserted::default();
        for (_, v) in rows {
            let key = (v.enterprise_id, v.id_hash.clone().unwrap_or_default());
            match existing.remove(&key) {
                Some(m) if same(&m, &v, crypto) => out.unchanged += 1,
                Some(m) => {
                    let mut am: practitioner::ActiveModel = m.into();
                    apply(&mut am, &v, crypto);
                    let m = am.update(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("practitioner.import", "practitioner", m.id).detail(format!("更新 {}", detail(&m))),
                    )
                    .await?;
                    out.updated += 1;
                }
                None => {
                    let m = insert(conn, &v, crypto).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("practitioner.import", "practitioner", m.id).detail(format!("新增 {}", detail(&m))),
                    )
                    .await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// DTOs with their enterprises' names.
pub async fn to_dtos(state: &AppState, rows: Vec<practitioner::Model>) -> AppResult<Vec<PractitionerDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprises::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    let day = today();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            let cert = CertificateStatus::of(m.certificate_no.as_deref(), m.certificate_expires_on, day);
            PractitionerDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                name: m.name,
                id_number_masked: m.id_number_masked,
                post_name: Post::parse(&m.post).map(|p| p.name_zh().to_string()).unwrap_or_else(|| m.post.clone()),
                post: m.post,
                certificate_no: m.certificate_no,
                certificate_issued_on: m.certificate_issued_on,
                certificate_expires_on: m.certificate_expires_on,
                certificate_status: cert.as_str().to_string(),
                certificate_status_name: cert.name_zh().to_string(),
                phone_masked: m.phone_masked,
                status_name: status_name(&m.status).to_string(),
                status: m.status,
                created_at: m.created_at,
                updated_at: m.updated_at,
                trainings: None,
            }
        })
        .collect())
}

/// The blind index of a search text that is a whole ID number.
pub fn id_search_hash(state: &AppState, f: &PractitionerFilter) -> Option<String> {
    let id = IdNumber::parse(f.q.as_deref()?).ok()?;
    Some(state.crypto.blind_index("id_number", id.as_str()))
}

async fn one_input(
    state: &AppState,
    scope: &Scope,
    input: &PractitionerInput,
    require_id: bool,
) -> AppResult<ValidPractitioner> {
    let codes: Vec<String> = enterprise_code(input).into_iter().collect();
    let ents: HashMap<String, enterprise::Model> =
        enterprises::find_by_codes(&state.db.conn, &codes).await?.into_iter().map(|e| (e.code.clone(), e)).collect();
    validate_row(input, &ents, scope, &state.crypto, require_id, today()).map_err(AppError::validation)
}

fn duplicate() -> AppError {
    AppError::Conflict("该企业已登记此身份证号的从业人员".into())
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    input: &PractitionerInput,
) -> AppResult<PractitionerDto> {
    let v = one_input(state, scope, input, true).await?;
    let txn = state.db.write_txn().await?;
    let hash = v.id_hash.clone().unwrap_or_default();
    if store::find_by_hashes(&*txn, &[hash]).await?.iter().any(|m| m.enterprise_id == v.enterprise_id) {
        return Err(duplicate());
    }
    let m = insert(&*txn, &v, &state.crypto).await?;
    audit::append(&*txn, actor, Event::ok("practitioner.create", "practitioner", m.id).detail(detail(&m))).await?;
    txn.commit().await?;
    Ok(to_dtos(state, vec![m]).await?.remove(0))
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    scope: &Scope,
    id: i64,
    input: &PractitionerInput,
) -> AppResult<PractitionerDto> {
    let existing = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let mut v = one_input(state, scope, input, false).await?;
    // Like the ID number, a phone left out of an edit is kept (the client only ever sees it masked);
    // an empty string clears it.
    if input.phone.is_none() {
        v.phone = phone_of(&existing, &state.crypto);
    }
    let txn = state.db.write_txn().await?;
    let hash = v.id_hash.clone().unwrap_or_else(|| existing.id_number_hash.clone());
    if store::find_by_hashes(&*txn, &[hash]).await?.iter().any(|m| m.enterprise_id == v.enterprise_id && m.id != id) {
        return Err(duplicate());
    }
    let mut am: practitioner::ActiveModel = existing.into();
    apply(&mut am, &v, &state.crypto);
    let m = am.update(&*txn).await?;
    audit::append(&*txn, actor, Event::ok("practitioner.update", "practitioner", m.id).detail(detail(&m))).await?;
    txn.commit().await?;
    Ok(to_dtos(state, vec![m]).await?.remove(0))
}

/// Export the filtered list; ID numbers and phones in full only for roles that may see them.
pub async fn export(
    state: &AppState,
    p: &Principal,
    actor: &Actor,
    f: &PractitionerFilter,
    page: &PageParams,
) -> AppResult<Vec<u8>> {
    let scope = p.scope();
    let rows = store::list_all(
        &state.db.conn,
        &scope,
        f,
        id_search_hash(state, f),
        page,
        today(),
        state.config.export_max_rows,
    )
    .await?;
    let full = p.role.may_see_personal_data();
    let n = rows.len();
    let plain: Vec<(Option<String>, Option<String>)> = rows
        .iter()
        .map(|m| if full { (state.crypto.decrypt(&m.id_number_enc), phone_of(m, &state.crypto)) } else { (None, None) })
        .collect();
    let dtos = to_dtos(state, rows).await?;
    let mut cols = COLUMNS.to_vec();
    cols.push(Column {
        key: "enterprise_name",
        header: "所属企业",
        required: false,
        choices: &[],
        width: 30.0,
        note: "",
    });
    cols.push(Column {
        key: "certificate_status",
        header: "证书状态",
        required: false,
        choices: &[],
        width: 10.0,
        note: "",
    });
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let bytes = excel::export(
        "从业人员台账",
        &cols,
        dtos.into_iter().zip(plain).map(|(x, (id, phone))| {
            vec![
                x.enterprise_code,
                x.name,
                id.unwrap_or(x.id_number_masked),
                x.post_name,
                x.certificate_no.unwrap_or_default(),
                d(x.certificate_issued_on),
                d(x.certificate_expires_on),
                phone.or(x.phone_masked).unwrap_or_default(),
                x.status_name,
                x.enterprise_name,
                x.certificate_status_name,
            ]
        }),
    )?;
    let txn = state.db.write_txn().await?;
    let what = if full { "含完整身份证号" } else { "身份证号已脱敏" };
    audit::append(
        &*txn,
        actor,
        Event {
            action: "practitioner.export",
            target_type: Some("practitioner"),
            target_id: None,
            success: true,
            detail: Some(format!("导出{n}条（{what}）")),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(bytes)
}

/// Certified rates per enterprise or region, with a city (or scope) total.
pub async fn stats(state: &AppState, scope: &Scope, q: &StatsQuery) -> AppResult<CertificationStats> {
    let rows = store::certification(&state.db.conn, scope, q, today()).await?;
    let by_region = q.group.as_deref() == Some("region");
    let names: HashMap<String, String> = if by_region {
        rows.iter().map(|r| (r.0.clone(), state.regions.name(&r.0))).collect()
    } else {
        let ids: Vec<i64> = rows.iter().filter_map(|r| r.0.parse().ok()).collect();
        enterprises::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id.to_string(), e.name)).collect()
    };
    let stat =
        |key: String, name: String, t: i64, req: i64, cert: i64, exp: i64, expd: i64, none: i64| CertificationStat {
            key,
            name,
            total: t,
            required: req,
            certified: cert,
            rate: if req > 0 { cert as f64 / req as f64 } else { 0.0 },
            expiring: exp,
            expired: expd,
            none,
        };
    let mut sum = (0, 0, 0, 0, 0, 0);
    let mut items: Vec<CertificationStat> = rows
        .into_iter()
        .map(|(k, t, req, cert, exp, expd, none)| {
            sum = (sum.0 + t, sum.1 + req, sum.2 + cert, sum.3 + exp, sum.4 + expd, sum.5 + none);
            let name = names.get(&k).cloned().unwrap_or_else(|| k.clone());
            stat(k, name, t, req, cert, exp, expd, none)
        })
        .collect();
    items.sort_by(|a, b| {
        a.rate.partial_cmp(&b.rate).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.key.cmp(&b.key))
    });
    let summary = stat("all".into(), "合计".into(), sum.0, sum.1, sum.2, sum.3, sum.4, sum.5);
    Ok(CertificationStats { items, summary })
}

/// A practitioner row for the demo loader (bypasses validation: the generator makes valid data).
#[allow(clippy::too_many_arguments)]
pub fn demo_row(
    ent: &enterprise::Model,
    name: String,
    id: &IdNumber,
    post: Post,
    certificate: Option<(String, NaiveDate, NaiveDate)>,
    phone: Option<String>,
    crypto: &Crypto,
) -> practitioner::ActiveModel {
    let (certificate_no, issued, expires) = match certificate {
        Some((no, i, e)) => (Some(no), Some(i), Some(e)),
        None => (None, None, None),
    };
    let v = ValidPractitioner {
        key: String::new(),
        enterprise_id: ent.id,
        region_code: ent.region_code.clone(),
        name,
        id_number: Some(id.clone()),
        id_hash: Some(crypto.blind_index("id_number", id.as_str())),
        post,
        certificate_no,
        issued,
        expires,
        phone,
        status: "active",
    };
    let mut am = practitioner::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply(&mut am, &v, crypto);
    am
}
