//! Home safety inspections: the record type of the data standard (matched to the user by the
//! enterprise's account number, upserted by the enterprise's record number), completion rates over
//! the inspection cycle, and the users who are due.

use super::model::*;
use super::store;
use crate::industry::community::model::gas_user;
use crate::industry::community::service::{self as communities, CATEGORIES};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{name_of, opt, Checker};
use crate::platform::ingest::{export_sheet, IngestCtx, RecordType, Upserted};
use crate::platform::list::{today, PageParams};
use crate::platform::names::name;
use crate::platform::scope::Scope;
use crate::safety::hazard::service::{self as hazards, InspectionFinding};
use crate::startup::AppState;
use chrono::{NaiveDate, Utc};
use ranjian_domain::person::mask;
use ranjian_domain::safety::{hazard_name, parse_hazard, split_list, InspectionCycle, InspectionOutcome, OUTCOMES};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

fn outcome_choices() -> Vec<(&'static str, &'static str)> {
    OUTCOMES.iter().map(|o| (o.as_str(), o.name_zh())).collect()
}

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "实施安检的燃气经营企业。",
    },
    Column {
        key: "record_no",
        header: "安检记录编号",
        required: true,
        choices: &[],
        width: 18.0,
        note: "企业自编，企业内唯一；重复导入同一编号即更新该记录。",
    },
    Column {
        key: "account_no",
        header: "用户户号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "须为该企业燃气用户台账中的户号。",
    },
    Column {
        key: "inspected_on",
        header: "安检日期",
        required: true,
        choices: &[],
        width: 12.0,
        note: "不能晚于今天。",
    },
    Column { key: "inspector", header: "安检人员", required: true, choices: &[], width: 12.0, note: "" },
    Column {
        key: "outcome",
        header: "安检结果",
        required: true,
        choices: &["合格", "发现隐患", "拒绝入户", "到访不遇"],
        width: 12.0,
        note: "拒绝入户、到访不遇不计入安检完成。",
    },
    Column {
        key: "hazards",
        header: "发现隐患",
        required: false,
        choices: &[],
        width: 36.0,
        note: "安检结果为“发现隐患”时必填，多项用“、”分隔，如：胶管老化、未安装燃气泄漏报警器。",
    },
    Column { key: "note", header: "备注", required: false, choices: &[], width: 24.0, note: "" },
];

pub struct ValidInspection {
    key: String,
    enterprise_id: i64,
    record_no: String,
    account_no: String,
    inspected_on: NaiveDate,
    inspector: String,
    outcome: InspectionOutcome,
    hazards: Vec<&'static str>,
    note: Option<String>,
}

fn validate(
    input: &HomeInspectionInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    day: NaiveDate,
) -> Result<ValidInspection, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "企业");
    let record_no = c.required("record_no", "安检记录编号", &input.record_no, 64);
    let account_no = c.required("account_no", "用户户号", &input.account_no, 64);
    let inspected_on = c.date("inspected_on", "安检日期", &input.inspected_on);
    if opt(&input.inspected_on).is_none() {
        c.error("inspected_on", "安检日期不能为空");
    }
    if inspected_on.is_some_and(|d| d > day) {
        c.error("inspected_on", "安检日期不能晚于今天");
    }
    let inspector = c.required("inspector", "安检人员", &input.inspector, 50);
    let outcome = c.choice("outcome", "安检结果", &input.outcome, &outcome_choices(), true);
    let mut hazards = BTreeSet::new();
    for part in opt(&input.hazards).as_deref().map(split_list).unwrap_or_default() {
        match parse_hazard(part) {
            Some(h) => {
                hazards.insert(h);
            }
            None => c.error(
                "hazards",
                format!(
                    "隐患“{part}”无效，应为：{}",
                    ranjian_domain::safety::HOME_HAZARDS.iter().map(|(_, n)| *n).collect::<Vec<_>>().join("、")
                ),
            ),
        }
    }
    let outcome = outcome.and_then(InspectionOutcome::parse);
    match outcome {
        Some(InspectionOutcome::HazardFound) if hazards.is_empty() && opt(&input.hazards).is_none() => {
            c.error("hazards", "安检结果为“发现隐患”时须填写发现的隐患")
        }
        Some(o) if o != InspectionOutcome::HazardFound && !hazards.is_empty() => {
            c.error("hazards", format!("安检结果为“{}”时不应填写隐患", o.name_zh()))
        }
        _ => {}
    }
    let note = c.text("note", "备注", &input.note, 500);
    c.finish(|| {
        let ent = ent.expect("checked");
        ValidInspection {
            key: format!("{}:{record_no}", ent.id),
            enterprise_id: ent.id,
            record_no,
            account_no,
            inspected_on: inspected_on.expect("checked"),
            inspector,
            outcome: outcome.expect("checked"),
            hazards: hazards.into_iter().collect(),
            note,
        }
    })
}

fn apply(am: &mut home_inspection::ActiveModel, v: &ValidInspection, user: &gas_user::Model) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(user.region_code.clone());
    am.township = Set(user.township.clone());
    am.community_id = Set(user.community_id);
    am.gas_user_id = Set(user.id);
    am.record_no = Set(v.record_no.clone());
    am.inspected_on = Set(v.inspected_on);
    am.inspector = Set(v.inspector.clone());
    am.outcome = Set(v.outcome.as_str().to_string());
    am.hazards = Set(v.hazards.join(","));
    am.hazard_count = Set(v.hazards.len() as i32);
    am.note = Set(v.note.clone());
    am.updated_at = Set(Utc::now());
}

fn same(m: &home_inspection::Model, v: &ValidInspection, user: &gas_user::Model) -> bool {
    m.gas_user_id == user.id
        && m.inspected_on == v.inspected_on
        && m.inspector == v.inspector
        && m.outcome == v.outcome.as_str()
        && m.hazards == v.hazards.join(",")
        && m.note == v.note
}

pub struct HomeInspectionRecord;

impl RecordType for HomeInspectionRecord {
    const NAME: &'static str = "home-inspections";
    const TITLE: &'static str = "入户安检记录";
    const CODE_FIELD: &'static str = "record_no";
    type Row = HomeInspectionInput;
    type Valid = ValidInspection;

    fn columns() -> &'static [Column] {
        COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "AJ-2026-000123",
            "100123",
            "2026-10-15",
            "李安全",
            "发现隐患",
            "胶管老化、未安装燃气泄漏报警器",
            "已告知用户限期更换",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidInspection) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[HomeInspectionInput],
    ) -> AppResult<Vec<Result<ValidInspection, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate(r, &ents, ctx.scope, day)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidInspection)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let user_keys: Vec<(i64, String)> = rows.iter().map(|(_, v)| (v.enterprise_id, v.account_no.clone())).collect();
        let users = store::users_by_accounts(conn, &user_keys).await?;
        let record_keys: Vec<(i64, String)> =
            rows.iter().map(|(_, v)| (v.enterprise_id, v.record_no.clone())).collect();
        let mut existing = store::by_records(conn, &record_keys).await?;
        let mut out = Upserted::default();
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        let mut fresh = Vec::new();
        let mut findings = Vec::new();
        for (row, v) in rows {
            let Some(user) = users.get(&(v.enterprise_id, v.account_no.clone())) else {
                out.errors.push((row, FieldError::new("account_no", "该企业燃气用户台账中没有此户号")));
                continue;
            };
            let found = |h: &&'static str| InspectionFinding {
                enterprise_id: v.enterprise_id,
                region_code: user.region_code.clone(),
                township: user.township.clone(),
                record_no: v.record_no.clone(),
                hazard: h,
                user_id: user.id,
                account_no: user.account_no.clone(),
                inspected_on: v.inspected_on,
                inspector: v.inspector.clone(),
            };
            match existing.remove(&(v.enterprise_id, v.record_no.clone())) {
                Some(m) if same(&m, &v, user) => out.unchanged += 1,
                Some(m) => {
                    findings.extend(v.hazards.iter().map(found));
                    touched.insert(m.gas_user_id);
                    touched.insert(user.id);
                    let mut am: home_inspection::ActiveModel = m.into();
                    apply(&mut am, &v, user);
                    let m = am.update(conn).await?;
                    let e = Event::ok("home_inspection.import", "home_inspection", m.id)
                        .detail(format!("更新安检记录 {}", m.record_no));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    findings.extend(v.hazards.iter().map(found));
                    touched.insert(user.id);
                    let mut am = home_inspection::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v, user);
                    fresh.push(am);
                }
            }
        }
        if !fresh.is_empty() {
            let n = fresh.len();
            for chunk in fresh.chunks(1000) {
                home_inspection::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
            }
            let e = Event {
                action: "home_inspection.import",
                target_type: Some("home_inspection"),
                target_id: None,
                success: true,
                detail: Some(format!("新增安检记录{n}条")),
            };
            audit::append(conn, ctx.actor, e).await?;
            out.inserted += n as u32;
        }
        let touched: Vec<i64> = touched.into_iter().collect();
        store::refresh_last_inspected(conn, &touched).await?;
        ctx.state.tallies.of::<store::UserInspections>().touch_on_commit(txn, touched);
        // What the inspections found enters the rectification workflow.
        if !findings.is_empty() {
            let days = ctx.state.config.hazard_rectify_days;
            if hazards::from_inspections(conn, ctx.actor, findings, days).await? > 0 {
                let lists = ctx.state.lists.clone();
                txn.after_commit(move || lists.invalidate(hazards::HazardRecord::NAME));
            }
        }
        Ok(out)
    }
}

/// The inspection cycle in force.
pub fn cycle(state: &AppState) -> InspectionCycle {
    InspectionCycle {
        household_months: state.config.inspection_cycle_household_months.max(1),
        non_household_months: state.config.inspection_cycle_non_household_months.max(1),
    }
}

async fn users_by_ids(state: &AppState, ids: &[i64]) -> AppResult<HashMap<i64, gas_user::Model>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for u in gas_user::Entity::find().filter(gas_user::Column::Id.is_in(chunk.to_vec())).all(&state.db.conn).await?
        {
            out.insert(u.id, u);
        }
    }
    Ok(out)
}

fn holder(u: &gas_user::Model) -> String {
    if u.category == "household" {
        mask(&u.holder_name, 1, 0)
    } else {
        u.holder_name.clone()
    }
}

pub async fn to_dtos(state: &AppState, rows: Vec<home_inspection::Model>) -> AppResult<Vec<HomeInspectionDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.gas_user_id).collect();
    let users = users_by_ids(state, &ids).await?;
    let (ents, comms) = (enterprises::names(state).await?, communities::community_names(state).await?);
    Ok(rows
        .into_iter()
        .map(|m| {
            let u = users.get(&m.gas_user_id);
            let outcome_name = InspectionOutcome::parse(&m.outcome).map(|o| o.name_zh()).unwrap_or("").to_string();
            HomeInspectionDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_name: name(&ents, m.enterprise_id),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                township: m.township,
                community_id: m.community_id,
                community_name: name(&comms, m.community_id),
                gas_user_id: m.gas_user_id,
                account_no: u.map(|u| u.account_no.clone()).unwrap_or_default(),
                holder_name: u.map(holder).unwrap_or_default(),
                user_category: u.map(|u| u.category.clone()).unwrap_or_default(),
                user_category_name: u.map(|u| name_of(CATEGORIES, &u.category)).unwrap_or_default(),
                record_no: m.record_no,
                inspected_on: m.inspected_on,
                inspector: m.inspector,
                outcome: m.outcome,
                outcome_name,
                hazards: m
                    .hazards
                    .split(',')
                    .filter(|h| !h.is_empty())
                    .map(|h| HazardItem { code: h.to_string(), name: hazard_name(h).unwrap_or(h).to_string() })
                    .collect(),
                note: m.note,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// Inspection records in the columns of the import template (export → import changes nothing).
pub async fn sheet(state: &AppState, rows: Vec<home_inspection::Model>) -> AppResult<Vec<Vec<String>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.gas_user_id).collect();
    let users = users_by_ids(state, &ids).await?;
    let ent_ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let codes = crate::industry::enterprise::store::codes_by_ids(&state.db.conn, &ent_ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let hazards: Vec<&str> =
                m.hazards.split(',').filter(|h| !h.is_empty()).map(|h| hazard_name(h).unwrap_or(h)).collect();
            vec![
                codes.get(&m.enterprise_id).cloned().unwrap_or_default(),
                m.record_no,
                users.get(&m.gas_user_id).map(|u| u.account_no.clone()).unwrap_or_default(),
                m.inspected_on.to_string(),
                m.inspector,
                InspectionOutcome::parse(&m.outcome).map(|o| o.name_zh()).unwrap_or("").to_string(),
                hazards.join("、"),
                m.note.unwrap_or_default(),
            ]
        })
        .collect())
}

/// Completion over the cycle per county, township, community, enterprise or user category.
pub async fn completion(state: &AppState, scope: &Scope, q: &CompletionQuery) -> AppResult<CompletionStats> {
    let (household_since, non_household_since) = cycle(state).cutoffs(today());
    let rows = counted(state, |t| t.completion(scope, q, (household_since, non_household_since))).await?;
    let group = q.group.as_deref().unwrap_or("region");
    let (ents, comms) = match group {
        "enterprise" => (Some(enterprises::names(state).await?), None),
        "community" => (None, Some(communities::community_names(state).await?)),
        _ => (None, None),
    };
    let stat = |key: String, name: String, users: i64, inspected: i64, never: i64| CompletionStat {
        key,
        name,
        users,
        inspected,
        never,
        lapsed: (users - inspected - never).max(0),
        rate: if users > 0 { inspected as f64 / users as f64 } else { 0.0 },
    };
    let mut items: Vec<CompletionStat> = rows
        .into_iter()
        .map(|(k, users, inspected, never)| {
            let key = k.unwrap_or_default();
            let id = key.parse::<i64>().unwrap_or(0);
            let label = match group {
                "enterprise" => ents.as_ref().map(|b| name(b, id)).unwrap_or_default(),
                "community" => comms.as_ref().map(|b| name(b, id)).unwrap_or_default(),
                "category" => name_of(CATEGORIES, &key),
                "township" if key.is_empty() => "（未填乡镇街道）".to_string(),
                "township" => key.clone(),
                _ => state.regions.name(&key),
            };
            stat(key, label, users, inspected, never)
        })
        .collect();
    items.sort_by(|a, b| a.rate.total_cmp(&b.rate).then_with(|| a.key.cmp(&b.key)));
    let (u, i, n) = items.iter().fold((0, 0, 0), |(u, i, n), s| (u + s.users, i + s.inspected, n + s.never));
    Ok(CompletionStats {
        items,
        summary: stat("total".into(), "合计".into(), u, i, n),
        household_since,
        non_household_since,
    })
}

/// Count on the active users held in memory (see `store::UserInspections`), as of the user and
/// community ledgers this node has written.
async fn counted<R>(state: &AppState, f: impl FnOnce(&store::UserInspections) -> R) -> AppResult<R> {
    let key = crate::platform::spatial::key(&[
        state.lists.generation(communities::GasUserRecord::NAME),
        state.lists.generation(communities::CommunityRecord::NAME),
    ]);
    let conn = &state.db.conn;
    let tally = state.tallies.of::<store::UserInspections>();
    Ok(tally.read(key, || store::counted_users(conn, None), |ids| store::counted_users(conn, Some(ids)), f).await?)
}

/// One page of the users who are due, in order of division.
pub async fn due(state: &AppState, scope: &Scope, f: &DueFilter, page: &PageParams) -> AppResult<DueUserList> {
    let cutoffs = cycle(state).cutoffs(today());
    let (ids, total) = counted(state, |t| t.due(scope, f, cutoffs, page)).await?;
    let mut by_id: HashMap<i64, gas_user::Model> = gas_user::Entity::find()
        .filter(gas_user::Column::Id.is_in(ids.clone()))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let rows = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    Ok(DueUserList { items: due_dtos(state, rows).await?, total })
}

pub async fn due_dtos(state: &AppState, rows: Vec<gas_user::Model>) -> AppResult<Vec<DueUserDto>> {
    let (ents, comms) = (enterprises::names(state).await?, communities::community_names(state).await?);
    Ok(rows
        .into_iter()
        .map(|u| DueUserDto {
            gas_user_id: u.id,
            enterprise_id: u.enterprise_id,
            enterprise_name: name(&ents, u.enterprise_id),
            region_name: state.regions.name(&u.region_code),
            region_code: u.region_code.clone(),
            township: u.township.clone(),
            community_id: u.community_id,
            community_name: name(&comms, u.community_id),
            holder_name: holder(&u),
            category_name: name_of(CATEGORIES, &u.category),
            account_no: u.account_no,
            category: u.category,
            address_masked: u.address_masked,
            last_inspected_on: u.last_inspected_on,
        })
        .collect())
}

const DUE_COLUMNS: &[Column] = &[
    Column { key: "region", header: "区划", required: false, choices: &[], width: 12.0, note: "" },
    Column { key: "township", header: "乡镇街道", required: false, choices: &[], width: 14.0, note: "" },
    Column { key: "community", header: "小区/村", required: false, choices: &[], width: 18.0, note: "" },
    Column { key: "enterprise", header: "供气企业", required: false, choices: &[], width: 24.0, note: "" },
    Column { key: "account_no", header: "用户户号", required: false, choices: &[], width: 16.0, note: "" },
    Column { key: "holder_name", header: "用户名称", required: false, choices: &[], width: 14.0, note: "" },
    Column { key: "category", header: "用户类别", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "address", header: "地址", required: false, choices: &[], width: 28.0, note: "" },
    Column { key: "last", header: "最近安检日期", required: false, choices: &[], width: 14.0, note: "" },
];

/// The due users as an Excel file, audited with the filter.
pub async fn export_due(
    state: &AppState,
    actor: &Actor,
    rows: Vec<gas_user::Model>,
    filter: &DueFilter,
) -> AppResult<axum::response::Response> {
    let rows: Vec<Vec<String>> = due_dtos(state, rows)
        .await?
        .into_iter()
        .map(|d| {
            vec![
                d.region_name,
                d.township.unwrap_or_default(),
                d.community_name,
                d.enterprise_name,
                d.account_no,
                d.holder_name,
                d.category_name,
                d.address_masked.unwrap_or_default(),
                d.last_inspected_on.map(|d| d.to_string()).unwrap_or_else(|| "从未安检".into()),
            ]
        })
        .collect();
    let cond = [
        ("区划", filter.region_code.clone()),
        ("企业", filter.enterprise_id.map(|e| e.to_string())),
        ("小区", filter.community_id.map(|c| c.to_string())),
        ("用户类别", filter.category.clone()),
        ("状态", filter.state.clone()),
    ];
    export_sheet(state, actor, "未按期安检用户", "home-inspection-due", DUE_COLUMNS, rows, &cond).await
}

/// One inspection with its photos, within the caller's scope.
pub async fn detail(state: &AppState, scope: &Scope, id: i64) -> AppResult<HomeInspectionDetail> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let m = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let photos = photo::Entity::find()
        .filter(photo::Column::InspectionId.eq(id))
        .order_by_asc(photo::Column::Id)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|p| InspectionPhoto {
            id: p.id,
            file_name: p.file_name,
            size: p.size,
            uploaded_by: p.uploaded_by,
            uploaded_at: p.uploaded_at,
        })
        .collect();
    Ok(HomeInspectionDetail { inspection: to_dtos(state, vec![m]).await?.remove(0), photos })
}

/// Attach a photo taken during the inspection (by the enterprise or an authority in scope); the same
/// file twice is kept once.
pub async fn attach_photo(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<HomeInspectionDetail> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let scope = p.scope();
    let m = store::get(&state.db.conn, &scope, id).await?.ok_or(AppError::NotFound)?;
    if !p.role.may_edit_staff_ledger() {
        return Err(AppError::Forbidden("本账号不能上传入户安检照片".into()));
    }
    let (kind, sha) =
        crate::platform::files::accept_photo(&state.config.data_dir, &bytes, state.config.photo_max_bytes).await?;
    let exists = photo::Entity::find()
        .filter(photo::Column::InspectionId.eq(id))
        .filter(photo::Column::Sha256.eq(sha.clone()))
        .one(&state.db.conn)
        .await?
        .is_some();
    if !exists {
        let txn = state.db.write_txn().await?;
        photo::ActiveModel {
            inspection_id: Set(id),
            file_name: Set(name.chars().take(200).collect()),
            content_type: Set(kind.into()),
            size: Set(bytes.len() as i64),
            sha256: Set(sha),
            uploaded_by: Set(p.display_name.clone()),
            uploaded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        let e = Event::ok("home_inspection.photo", "home_inspection", id)
            .detail(format!("{} 上传照片 {name}", m.record_no));
        audit::append(&*txn, &Actor::of(p, ip), e).await?;
        txn.commit().await?;
    }
    detail(state, &scope, id).await
}

/// A photo of an inspection (type and bytes), within the caller's scope.
pub async fn photo_bytes(state: &AppState, scope: &Scope, id: i64, pid: i64) -> AppResult<(String, Vec<u8>)> {
    use sea_orm::{ColumnTrait, QueryFilter};
    store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let ph = photo::Entity::find_by_id(pid)
        .filter(photo::Column::InspectionId.eq(id))
        .one(&state.db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((ph.content_type, crate::platform::files::read(&state.config.data_dir, &ph.sha256).await?))
}
