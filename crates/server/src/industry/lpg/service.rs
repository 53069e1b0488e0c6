//! Use cases of bottled LPG: registering cylinders (a code belongs to one enterprise; a scrapped
//! code is void for ever), fillings checked against the refusal rules (refused ones are recorded as
//! violations and reported), and a cylinder's trace.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::today;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use ranjian_domain::cylinder::{
    holding_anomaly, refill_anomaly, Circulation, CylinderRules, FlowAnomaly, ANOMALY_KINDS,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::HashMap;

const STATUSES: &[(&str, &str)] = &[("in_use", "在用"), ("scrapped", "报废")];
const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];

pub fn rules(state: &AppState) -> CylinderRules {
    CylinderRules {
        inspection_years: state.config.lpg_inspection_years,
        service_life_years: state.config.lpg_service_life_years,
    }
}

pub const CYLINDER_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "充装单位统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "钢瓶登记的充装单位。",
    },
    Column {
        key: "code",
        header: "钢印号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "全市唯一；报废后作废，不得再次登记。",
    },
    Column { key: "qr_code", header: "二维码编号", required: false, choices: &[], width: 20.0, note: "" },
    Column {
        key: "spec",
        header: "规格型号",
        required: true,
        choices: &["YSP-5", "YSP-10", "YSP-15", "YSP-50"],
        width: 10.0,
        note: "",
    },
    Column { key: "manufacturer", header: "制造单位", required: false, choices: &[], width: 24.0, note: "" },
    Column { key: "manufactured_on", header: "制造日期", required: true, choices: &[], width: 12.0, note: "" },
    Column {
        key: "registration_no", header: "使用登记证编号", required: false, choices: &[], width: 18.0, note: ""
    },
    Column {
        key: "last_inspected_on", header: "上次检验日期", required: false, choices: &[], width: 12.0, note: ""
    },
    Column {
        key: "next_inspection_on",
        header: "下次检验日期",
        required: false,
        choices: &[],
        width: 12.0,
        note: "不填时按检验周期推算。",
    },
    Column {
        key: "status",
        header: "状态",
        required: false,
        choices: &["在用", "报废"],
        width: 8.0,
        note: "默认在用。",
    },
];

pub const FILLING_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "充装单位统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "station_code", header: "充装站设施编号", required: false, choices: &[], width: 14.0, note: ""
    },
    Column { key: "cylinder_code", header: "钢印号", required: true, choices: &[], width: 16.0, note: "" },
    Column {
        key: "filled_at",
        header: "充装时间",
        required: true,
        choices: &[],
        width: 18.0,
        note: "北京时间，如 2026-11-28 09:30。",
    },
    Column { key: "net_weight_kg", header: "充装净重(kg)", required: false, choices: &[], width: 12.0, note: "" },
    Column {
        key: "pre_check",
        header: "充装前检查合格",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "默认是。",
    },
    Column {
        key: "post_check",
        header: "充装后检查合格",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "默认是。",
    },
    Column { key: "filler_name", header: "充装人员", required: false, choices: &[], width: 10.0, note: "" },
];

pub struct ValidCylinder {
    enterprise_id: i64,
    region_code: String,
    code: String,
    qr_code: Option<String>,
    spec: String,
    manufacturer: Option<String>,
    manufactured_on: NaiveDate,
    registration_no: Option<String>,
    last_inspected_on: Option<NaiveDate>,
    next_inspection_on: NaiveDate,
    status: &'static str,
}

fn validate_cylinder(
    input: &CylinderInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    rules: CylinderRules,
    day: NaiveDate,
) -> Result<ValidCylinder, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "充装单位");
    let code = c.required("code", "钢印号", &input.code, 64).to_uppercase();
    let qr_code = c.text("qr_code", "二维码编号", &input.qr_code, 128);
    let spec = c.required("spec", "规格型号", &input.spec, 20).to_uppercase();
    if !spec.is_empty() && !spec.starts_with("YSP") {
        c.error("spec", format!("规格型号“{spec}”无效，应为YSP系列，如YSP-15"));
    }
    let manufacturer = c.text("manufacturer", "制造单位", &input.manufacturer, 100);
    let made = c.date("manufactured_on", "制造日期", &input.manufactured_on);
    if input.manufactured_on.as_deref().map(str::trim).unwrap_or("").is_empty() {
        c.error("manufactured_on", "制造日期不能为空");
    }
    if made.is_some_and(|d| d > day) {
        c.error("manufactured_on", "制造日期不能晚于今天");
    }
    let registration_no = c.text("registration_no", "使用登记证编号", &input.registration_no, 64);
    let last = c.date("last_inspected_on", "上次检验日期", &input.last_inspected_on);
    if last.is_some_and(|d| d > day) {
        c.error("last_inspected_on", "上次检验日期不能晚于今天");
    }
    if let (Some(l), Some(m)) = (last, made) {
        if l < m {
            c.error("last_inspected_on", "上次检验日期不能早于制造日期");
        }
    }
    let next = c.date("next_inspection_on", "下次检验日期", &input.next_inspection_on);
    let status = c.choice("status", "状态", &input.status, STATUSES, false).unwrap_or("in_use");
    c.finish(|| {
        let ent = ent.expect("checked");
        let made = made.expect("checked");
        ValidCylinder {
            enterprise_id: ent.id,
            region_code: ent.region_code.clone(),
            code,
            qr_code,
            spec,
            manufacturer,
            manufactured_on: made,
            registration_no,
            last_inspected_on: last,
            next_inspection_on: next.unwrap_or_else(|| rules.next_inspection(last.unwrap_or(made))),
            status,
        }
    })
}

fn apply_cylinder(am: &mut cylinder::ActiveModel, v: &ValidCylinder) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.qr_code = Set(v.qr_code.clone());
    am.spec = Set(v.spec.clone());
    am.manufacturer = Set(v.manufacturer.clone());
    am.manufactured_on = Set(v.manufactured_on);
    am.registration_no = Set(v.registration_no.clone());
    am.last_inspected_on = Set(v.last_inspected_on);
    am.next_inspection_on = Set(v.next_inspection_on);
    am.status = Set(v.status.to_string());
    am.updated_at = Set(Utc::now());
}

fn same_cylinder(m: &cylinder::Model, v: &ValidCylinder) -> bool {
    m.enterprise_id == v.enterprise_id
        && m.qr_code == v.qr_code
        && m.spec == v.spec
        && m.manufacturer == v.manufacturer
        && m.manufactured_on == v.manufactured_on
        && m.registration_no == v.registration_no
        && m.last_inspected_on == v.last_inspected_on
        && m.next_inspection_on == v.next_inspection_on
        && m.status == v.status
}

pub struct CylinderRecord;

impl RecordType for CylinderRecord {
    const NAME: &'static str = "cylinders";
    const TITLE: &'static str = "液化石油气钢瓶台账";
    type Row = CylinderInput;
    type Valid = ValidCylinder;

    fn columns() -> &'static [Column] {
        CYLINDER_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "SR2301234",
            "36110200012345",
            "YSP-15",
            "浙江某钢瓶有限公司",
            "2023-05-10",
            "赣R3611-000123",
            "",
            "",
            "在用",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidCylinder) -> &str {
        &v.code
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[CylinderInput],
    ) -> AppResult<Vec<Result<ValidCylinder, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let (r, day) = (rules(ctx.state), today());
        Ok(rows.iter().map(|row| validate_cylinder(row, &ents, ctx.scope, r, day)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidCylinder)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<String, cylinder::Model> =
            store::cylinders_by_codes(conn, &codes).await?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let mut out = Upserted::default();
        for (row, v) in rows {
            match existing.remove(&v.code) {
                Some(m) if same_cylinder(&m, &v) => out.unchanged += 1,
                Some(m) if m.status == "scrapped" => out
                    .errors
                    .push((row, FieldError::new("code", "该钢印号的钢瓶已报废，编号作废，不得再次登记或修改"))),
                Some(m) if m.enterprise_id != v.enterprise_id => {
                    out.errors.push((row, FieldError::new("code", "该钢印号已登记在其他充装单位名下")))
                }
                Some(m) => {
                    let mut am: cylinder::ActiveModel = m.into();
                    apply_cylinder(&mut am, &v);
                    let m = am.update(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("cylinder.import", "cylinder", m.id).detail(format!("更新 {}", m.code)),
                    )
                    .await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = cylinder::ActiveModel {
                        created_at: Set(Utc::now()),
                        last_filled_at: Set(None),
                        ..Default::default()
                    };
                    apply_cylinder(&mut am, &v);
                    let m = am.insert(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("cylinder.import", "cylinder", m.id).detail(format!("登记 {}", m.code)),
                    )
                    .await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// A filling time as Beijing local time (or RFC 3339).
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s.trim(), f).ok())
        .map(|t| (t - Duration::hours(8)).and_utc())
}

pub struct ValidFilling {
    key: String,
    enterprise_id: i64,
    region_code: String,
    station_code: Option<String>,
    cylinder_code: String,
    filled_at: DateTime<Utc>,
    net_weight_kg: Option<f64>,
    pre_check_ok: bool,
    post_check_ok: bool,
    filler_name: Option<String>,
}

fn validate_filling(
    input: &FillingInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
) -> Result<ValidFilling, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "充装单位");
    let station_code = c.text("station_code", "充装站设施编号", &input.station_code, 64);
    let cylinder_code = c.required("cylinder_code", "钢印号", &input.cylinder_code, 64).to_uppercase();
    let filled_at = match opt(&input.filled_at) {
        None => {
            c.error("filled_at", "充装时间不能为空");
            None
        }
        Some(s) => match parse_time(&s) {
            None => {
                c.error("filled_at", format!("充装时间“{s}”无效，格式应为 YYYY-MM-DD HH:MM"));
                None
            }
            Some(t) if t > Utc::now() + Duration::minutes(10) => {
                c.error("filled_at", "充装时间不能晚于当前时间");
                None
            }
            t => t,
        },
    };
    let net_weight_kg = c.number("net_weight_kg", "充装净重", &input.net_weight_kg, 0.0, 60.0);
    let pre = c.choice("pre_check", "充装前检查合格", &input.pre_check, YES_NO, false) != Some("false");
    let post = c.choice("post_check", "充装后检查合格", &input.post_check, YES_NO, false) != Some("false");
    let filler_name = c.text("filler_name", "充装人员", &input.filler_name, 50);
    c.finish(|| {
        let ent = ent.expect("checked");
        let filled_at = filled_at.expect("checked");
        ValidFilling {
            key: format!("{cylinder_code}@{}", filled_at.timestamp()),
            enterprise_id: ent.id,
            region_code: ent.region_code.clone(),
            station_code,
            cylinder_code,
            filled_at,
            net_weight_kg,
            pre_check_ok: pre,
            post_check_ok: post,
            filler_name,
        }
    })
}

pub struct FillingRecord;

impl RecordType for FillingRecord {
    const NAME: &'static str = "cylinder-fillings";
    const TITLE: &'static str = "钢瓶充装记录";
    const CODE_FIELD: &'static str = "cylinder_code";
    type Row = FillingInput;
    type Valid = ValidFilling;

    fn columns() -> &'static [Column] {
        FILLING_COLUMNS
    }
    fn example() -> Vec<String> {
        [&enterprises::example_code()[..], "XZ-LPG-01", "SR2301234", "2026-11-28 09:30", "14.5", "是", "是", "李师傅"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidFilling) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[FillingInput],
    ) -> AppResult<Vec<Result<ValidFilling, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        Ok(rows.iter().map(|r| validate_filling(r, &ents, ctx.scope)).collect())
    }
    /// Each filling is checked against its cylinder; a refused one is stored as a violation and
    /// reported for its row. Re-sending a filling (same cylinder and time) changes nothing.
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidFilling)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.cylinder_code.clone()).collect();
        let mut cylinders: HashMap<String, cylinder::Model> =
            store::cylinders_by_codes(conn, &codes).await?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let done: std::collections::HashSet<(String, i64)> = store::existing_fillings(conn, &codes)
            .await?
            .into_iter()
            .map(|f| (f.cylinder_code, f.filled_at.timestamp()))
            .collect();
        let r = rules(ctx.state);
        let mut out = Upserted::default();
        for (row, v) in rows {
            if done.contains(&(v.cylinder_code.clone(), v.filled_at.timestamp())) {
                out.unchanged += 1;
                continue;
            }
            let cyl = cylinders.get(&v.cylinder_code).cloned();
            let cyl = cyl.as_ref();
            let day = (v.filled_at + Duration::hours(8)).date_naive();
            let refusal = match cyl {
                None => Some("钢瓶未登记，不得充装".to_string()),
                Some(c) => r
                    .check_filling(
                        c.enterprise_id,
                        v.enterprise_id,
                        c.status == "scrapped",
                        c.manufactured_on,
                        c.next_inspection_on,
                        day,
                    )
                    .err()
                    .map(|e| e.to_string()),
            };
            let am = filling::ActiveModel {
                cylinder_id: Set(cyl.map(|c| c.id)),
                cylinder_code: Set(v.cylinder_code.clone()),
                enterprise_id: Set(v.enterprise_id),
                region_code: Set(v.region_code.clone()),
                station_code: Set(v.station_code.clone()),
                filled_at: Set(v.filled_at),
                net_weight_kg: Set(v.net_weight_kg),
                pre_check_ok: Set(v.pre_check_ok),
                post_check_ok: Set(v.post_check_ok),
                filler_name: Set(v.filler_name.clone()),
                refused: Set(refusal.is_some()),
                refusal_reason: Set(refusal.clone()),
                created_at: Set(Utc::now()),
                ..Default::default()
            };
            let f = am.insert(conn).await?;
            match refusal {
                Some(reason) => {
                    let e = Event {
                        action: "cylinder.filling_refused",
                        target_type: Some("cylinder_filling"),
                        target_id: Some(f.id.to_string()),
                        success: false,
                        detail: Some(format!("{} {reason}", v.cylinder_code)),
                    };
                    audit::append(conn, ctx.actor, e).await?;
                    out.errors.push((row, FieldError::new("cylinder_code", format!("拒绝充装并记录违规：{reason}"))));
                }
                None => {
                    if let Some(c) = cylinders.get_mut(&v.cylinder_code) {
                        filled(conn, c, v.filled_at).await?;
                    }
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

pub async fn cylinder_dtos(state: &AppState, rows: Vec<cylinder::Model>) -> AppResult<Vec<CylinderDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> = enterprise_store::names_by_ids(&state.db.conn, &ids).await?;
    let (r, day) = (rules(state), today());
    Ok(rows
        .into_iter()
        .map(|m| {
            let status = if m.status == "scrapped" {
                "scrapped"
            } else if m.next_inspection_on < day {
                "due"
            } else {
                "in_use"
            };
            CylinderDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_name: ents.get(&m.enterprise_id).cloned().unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                qr_code: m.qr_code,
                spec: m.spec,
                manufacturer: m.manufacturer,
                manufactured_on: m.manufactured_on,
                registration_no: m.registration_no,
                last_inspected_on: m.last_inspected_on,
                next_inspection_on: m.next_inspection_on,
                end_of_life: r.end_of_life(m.manufactured_on),
                status: status.to_string(),
                status_name: match status {
                    "scrapped" => "报废",
                    "due" => "待检验",
                    _ => "在用",
                }
                .to_string(),
                last_filled_at: m.last_filled_at,
                circulation_name: m
                    .circulation_state
                    .as_deref()
                    .and_then(Circulation::parse)
                    .map(|c| c.name().to_string()),
                circulation_state: m.circulation_state,
                holder_account: m.holder_account,
            }
        })
        .collect())
}

pub async fn filling_dtos(state: &AppState, rows: Vec<filling::Model>) -> AppResult<Vec<FillingDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> = enterprise_store::names_by_ids(&state.db.conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|f| FillingDto {
            id: f.id,
            cylinder_code: f.cylinder_code,
            enterprise_name: ents.get(&f.enterprise_id).cloned().unwrap_or_default(),
            station_code: f.station_code,
            filled_at: f.filled_at,
            net_weight_kg: f.net_weight_kg,
            pre_check_ok: f.pre_check_ok,
            post_check_ok: f.post_check_ok,
            filler_name: f.filler_name,
            refused: f.refused,
            refusal_reason: f.refusal_reason,
        })
        .collect())
}

/// A cylinder's whole trace by steel-seal number or QR code (404 outside the caller's scope): its
/// fillings, accepted and refused, and every circulation event, in one timeline.
pub async fn trace(state: &AppState, scope: &Scope, code: &str) -> AppResult<CylinderTrace> {
    let code = code.trim().to_uppercase();
    let conn = &state.db.conn;
    let c = store::cylinder_by_code(conn, scope, &code).await?.ok_or(AppError::NotFound)?;
    let (fillings, moves) = tokio::try_join!(store::fillings_of(conn, &c.code), store::movements_of(conn, &c.code))?;
    let ids: Vec<i64> = fillings.iter().map(|f| f.enterprise_id).chain(moves.iter().map(|m| m.enterprise_id)).collect();
    let names: HashMap<i64, String> = enterprise_store::names_by_ids(conn, &ids).await?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let mut events: Vec<TraceEvent> = fillings
        .iter()
        .map(|f| TraceEvent {
            at: f.filled_at,
            kind: if f.refused { "refused" } else { "filled" }.into(),
            kind_name: if f.refused { "拒绝充装" } else { "充装" }.into(),
            enterprise_name: name(f.enterprise_id),
            place: f.station_code.clone(),
            operator: f.filler_name.clone(),
            user_account: None,
            detail: if f.refused { f.refusal_reason.clone() } else { f.net_weight_kg.map(|w| format!("净重{w}kg")) },
        })
        .chain(moves.iter().map(|m| TraceEvent {
            at: m.occurred_at,
            kind: m.event.clone(),
            kind_name: Circulation::parse(&m.event).map(|c| c.name()).unwrap_or_default().into(),
            enterprise_name: name(m.enterprise_id),
            place: m.place.clone(),
            operator: m.operator_name.clone(),
            user_account: m.user_account.clone(),
            detail: None,
        }))
        .collect();
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    let fillings = filling_dtos(state, fillings).await?;
    Ok(CylinderTrace { cylinder: cylinder_dtos(state, vec![c]).await?.remove(0), fillings, events })
}

/// Beijing time for messages.
fn beijing(t: DateTime<Utc>) -> String {
    (t + Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()
}

async fn record_anomaly(
    conn: &DatabaseTransaction,
    c: &cylinder::Model,
    a: &FlowAnomaly,
    user: Option<String>,
    at: DateTime<Utc>,
    detail: String,
) -> AppResult<()> {
    anomaly::ActiveModel {
        kind: Set(a.kind().into()),
        cylinder_id: Set(c.id),
        cylinder_code: Set(c.code.clone()),
        user_account: Set(user),
        enterprise_id: Set(c.enterprise_id),
        region_code: Set(c.region_code.clone()),
        occurred_at: Set(at),
        detail: Set(detail),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Move a cylinder's circulation state to `to` at `at` (only when newer than what is known).
async fn circulate(
    conn: &DatabaseTransaction,
    c: &mut cylinder::Model,
    to: Circulation,
    holder: Option<String>,
    at: DateTime<Utc>,
) -> AppResult<bool> {
    let newer = c.circulation_at.is_none_or(|t| t <= at);
    if newer || to == Circulation::Scrapped {
        c.circulation_state = Some(to.as_str().into());
        c.holder_account = if to.with_user() { holder } else { None };
        c.circulation_at = Some(c.circulation_at.map_or(at, |t| t.max(at)));
        if to == Circulation::Scrapped {
            c.status = "scrapped".into();
        }
        if to == Circulation::Filled && c.last_filled_at.is_none_or(|t| t < at) {
            c.last_filled_at = Some(at);
        }
        let mut am: cylinder::ActiveModel = c.clone().into();
        am.circulation_state = Set(c.circulation_state.clone());
        am.holder_account = Set(c.holder_account.clone());
        am.circulation_at = Set(c.circulation_at);
        am.status = Set(c.status.clone());
        am.last_filled_at = Set(c.last_filled_at);
        am.update(conn).await?;
    }
    Ok(newer)
}

/// An accepted filling: flags a cylinder filled again while still out with a user.
async fn filled(conn: &DatabaseTransaction, c: &mut cylinder::Model, at: DateTime<Utc>) -> AppResult<()> {
    let before = c.circulation_state.as_deref().and_then(Circulation::parse);
    let (holder, since) = (c.holder_account.clone(), c.circulation_at);
    if circulate(conn, c, Circulation::Filled, None, at).await? {
        if let Some(a) = refill_anomaly(before) {
            let detail = format!(
                "钢瓶{}于{}{}至用户{}，未回收即于{}再次充装",
                c.code,
                since.map(beijing).unwrap_or_default(),
                before.map(|b| b.name()).unwrap_or_default(),
                holder.clone().unwrap_or_default(),
                beijing(at)
            );
            record_anomaly(conn, c, &a, holder, at, detail).await?;
        }
    } else if c.last_filled_at.is_none_or(|t| t < at) {
        // A late-reported older filling still counts as the cylinder's last one when it is.
        c.last_filled_at = Some(at);
        cylinder::Entity::update_many()
            .col_expr(cylinder::Column::LastFilledAt, at.into())
            .filter(cylinder::Column::Id.eq(c.id))
            .exec(conn)
            .await?;
    }
    Ok(())
}

const EVENTS: &[(&str, &str)] =
    &[("delivered", "配送出站"), ("at_user", "入户使用"), ("returned", "回收"), ("scrapped", "报废")];

pub const MOVEMENT_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "上报单位统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "钢瓶登记的充装单位。",
    },
    Column { key: "cylinder_code", header: "钢印号", required: true, choices: &[], width: 16.0, note: "" },
    Column {
        key: "event",
        header: "流转环节",
        required: true,
        choices: &["配送出站", "入户使用", "回收", "报废"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "occurred_at",
        header: "发生时间",
        required: true,
        choices: &[],
        width: 18.0,
        note: "北京时间，如 2026-11-28 15:10。",
    },
    Column {
        key: "user_account",
        header: "燃气用户户号",
        required: false,
        choices: &[],
        width: 16.0,
        note: "配送出站、入户使用时必填。",
    },
    Column { key: "place", header: "地点", required: false, choices: &[], width: 28.0, note: "" },
    Column { key: "operator_name", header: "经办人", required: false, choices: &[], width: 10.0, note: "" },
];

pub struct ValidMovement {
    key: String,
    enterprise_id: i64,
    cylinder_code: String,
    event: Circulation,
    occurred_at: DateTime<Utc>,
    user_account: Option<String>,
    place: Option<String>,
    operator_name: Option<String>,
}

/// A time as Beijing local time (or RFC 3339), not in the future.
fn checked_time(c: &mut Checker, field: &str, label: &str, input: &Option<String>) -> Option<DateTime<Utc>> {
    match opt(input) {
        None => {
            c.error(field, format!("{label}不能为空"));
            None
        }
        Some(s) => match parse_time(&s) {
            None => {
                c.error(field, format!("{label}“{s}”无效，格式应为 YYYY-MM-DD HH:MM"));
                None
            }
            Some(t) if t > Utc::now() + Duration::minutes(10) => {
                c.error(field, format!("{label}不能晚于当前时间"));
                None
            }
            t => t,
        },
    }
}

fn validate_movement(
    input: &MovementInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
) -> Result<ValidMovement, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "上报单位");
    let cylinder_code = c.required("cylinder_code", "钢印号", &input.cylinder_code, 64).to_uppercase();
    let event = c.choice("event", "流转环节", &input.event, EVENTS, true).and_then(Circulation::parse);
    let occurred_at = checked_time(&mut c, "occurred_at", "发生时间", &input.occurred_at);
    let user_account = c.text("user_account", "燃气用户户号", &input.user_account, 64);
    if event.is_some_and(|e| e.needs_user()) && user_account.is_none() {
        c.error("user_account", "配送出站、入户使用须填写燃气用户户号");
    }
    let place = c.text("place", "地点", &input.place, 200);
    let operator_name = c.text("operator_name", "经办人", &input.operator_name, 50);
    c.finish(|| {
        let (event, at) = (event.expect("checked"), occurred_at.expect("checked"));
        ValidMovement {
            key: format!("{cylinder_code}@{}@{}", at.timestamp(), event.as_str()),
            enterprise_id: ent.expect("checked").id,
            cylinder_code,
            event,
            occurred_at: at,
            user_account,
            place,
            operator_name,
        }
    })
}

pub struct MovementRecord;

impl RecordType for MovementRecord {
    const NAME: &'static str = "cylinder-movements";
    const TITLE: &'static str = "钢瓶流转记录";
    const CODE_FIELD: &'static str = "cylinder_code";
    type Row = MovementInput;
    type Valid = ValidMovement;

    fn columns() -> &'static [Column] {
        MOVEMENT_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "SR2301234",
            "配送出站",
            "2026-11-28 15:10",
            "LPG36110200001",
            "信州区凤凰花园3栋2单元502",
            "王师傅",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidMovement) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[MovementInput],
    ) -> AppResult<Vec<Result<ValidMovement, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        Ok(rows.iter().map(|r| validate_movement(r, &ents, ctx.scope)).collect())
    }
    /// Events are applied in time order; a re-sent event (same cylinder, time and step) changes
    /// nothing. Delivering to a user who then holds more than the limit is flagged.
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, mut rows: Vec<(u32, ValidMovement)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        rows.sort_by_key(|(_, v)| v.occurred_at);
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.cylinder_code.clone()).collect();
        let mut cylinders: HashMap<String, cylinder::Model> =
            store::cylinders_by_codes(conn, &codes).await?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let done: std::collections::HashSet<String> = store::existing_movements(conn, &codes)
            .await?
            .into_iter()
            .map(|m| format!("{}@{}@{}", m.cylinder_code, m.occurred_at.timestamp(), m.event))
            .collect();
        let limit = ctx.state.config.lpg_holding_limit;
        let mut out = Upserted::default();
        for (row, v) in rows {
            if done.contains(&v.key) {
                out.unchanged += 1;
                continue;
            }
            let Some(c) = cylinders.get_mut(&v.cylinder_code) else {
                out.errors.push((row, FieldError::new("cylinder_code", "钢瓶未登记，不能上报流转")));
                continue;
            };
            if c.enterprise_id != v.enterprise_id {
                out.errors.push((row, FieldError::new("cylinder_code", "该钢瓶未登记在上报单位名下")));
                continue;
            }
            if c.status == "scrapped" {
                out.errors.push((row, FieldError::new("cylinder_code", "该钢瓶已报废，编号作废，不得再流转")));
                continue;
            }
            movement::ActiveModel {
                cylinder_id: Set(c.id),
                cylinder_code: Set(c.code.clone()),
                enterprise_id: Set(v.enterprise_id),
                region_code: Set(c.region_code.clone()),
                event: Set(v.event.as_str().into()),
                occurred_at: Set(v.occurred_at),
                user_account: Set(v.user_account.clone()),
                place: Set(v.place.clone()),
                operator_name: Set(v.operator_name.clone()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(conn)
            .await?;
            let newer = circulate(conn, c, v.event, v.user_account.clone(), v.occurred_at).await?;
            if v.event == Circulation::Scrapped {
                let e = Event::ok("cylinder.scrap", "cylinder", c.id).detail(format!("报废 {}，编号作废", c.code));
                audit::append(conn, ctx.actor, e).await?;
            }
            if let (true, true, Some(user)) = (newer, v.event.with_user(), v.user_account.clone()) {
                let held = store::held_by(conn, &user).await? as u32;
                if let Some(a) = holding_anomaly(held, limit) {
                    let detail = format!("用户{user}持有钢瓶{held}只，超过上限{limit}只（{}配送/入户）", c.code);
                    record_anomaly(conn, c, &a, Some(user), v.occurred_at, detail).await?;
                }
            }
            out.inserted += 1;
        }
        Ok(out)
    }
}

pub async fn anomaly_dtos(state: &AppState, rows: Vec<anomaly::Model>) -> AppResult<Vec<AnomalyDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> = enterprise_store::names_by_ids(&state.db.conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|a| AnomalyDto {
            id: a.id,
            kind_name: ANOMALY_KINDS.iter().find(|(k, _)| *k == a.kind).map(|(_, n)| *n).unwrap_or_default().into(),
            kind: a.kind,
            cylinder_code: a.cylinder_code,
            user_account: a.user_account,
            enterprise_name: ents.get(&a.enterprise_id).cloned().unwrap_or_default(),
            region_name: state.regions.name(&a.region_code),
            region_code: a.region_code,
            detected_at: a.occurred_at,
            detail: a.detail,
        })
        .collect())
}

/// Cylinders as rows of the import template (export → import changes nothing).
pub async fn cylinder_sheet(state: &AppState, rows: Vec<cylinder::Model>) -> AppResult<Vec<Vec<String>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let codes: HashMap<i64, String> = enterprise_store::codes_by_ids(&state.db.conn, &ids).await?;
    let text = |v: Option<String>| v.unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|m| {
            vec![
                codes.get(&m.enterprise_id).cloned().unwrap_or_default(),
                m.code,
                text(m.qr_code),
                m.spec,
                text(m.manufacturer),
                m.manufactured_on.to_string(),
                text(m.registration_no),
                text(m.last_inspected_on.map(|d| d.to_string())),
                m.next_inspection_on.to_string(),
                STATUSES.iter().find(|(c, _)| *c == m.status).map(|(_, n)| *n).unwrap_or(&m.status).to_string(),
            ]
        })
        .collect())
}
