//! Use cases of the major hazard source ledger: validation (the facility must be the enterprise's
//! own), upsert by enterprise + source number, due dates of the periodic assessment and equipment
//! maintenance (`major_hazard_assessment_years`, `major_hazard_maintenance_months`), statistics,
//! and the assessment report files.

use super::model::*;
use super::store::{self, Cutoffs};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::industry::station::model::station;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{name_of, opt, Checker};
use crate::platform::files;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{all, today, PageParams};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{Months, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::HashMap;

pub const RECORD: &str = "major-hazard-sources";
pub const LEVELS: &[(&str, &str)] = &[("1", "一级"), ("2", "二级"), ("3", "三级"), ("4", "四级")];
const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];
pub const SAFEGUARDS: [&str; 3] = ["泄漏检测报警", "紧急切断", "视频监控"];

pub fn level_name(level: i32) -> String {
    name_of(LEVELS, &level.to_string())
}

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "code",
        header: "危险源编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "企业内唯一（如备案编号）；同一企业按编号更新。",
    },
    Column { key: "name", header: "危险源名称", required: true, choices: &[], width: 24.0, note: "" },
    Column {
        key: "station_code",
        header: "所在厂站设施编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "须为本企业厂站设施台账中的设施。",
    },
    Column {
        key: "level",
        header: "危险源等级",
        required: true,
        choices: &["一级", "二级", "三级", "四级"],
        width: 10.0,
        note: "一级最高。",
    },
    Column {
        key: "substance",
        header: "危险物质",
        required: true,
        choices: &[],
        width: 14.0,
        note: "如 液化天然气、液化石油气、天然气。",
    },
    Column { key: "quantity_t", header: "最大储量（吨）", required: false, choices: &[], width: 12.0, note: "" },
    Column { key: "identified_on", header: "辨识日期", required: false, choices: &[], width: 12.0, note: "" },
    Column {
        key: "leak_detection",
        header: "泄漏检测报警",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "是否设置。默认否。",
    },
    Column {
        key: "emergency_shutoff",
        header: "紧急切断",
        required: false,
        choices: &["是", "否"],
        width: 10.0,
        note: "是否设置。默认否。",
    },
    Column {
        key: "video",
        header: "视频监控",
        required: false,
        choices: &["是", "否"],
        width: 10.0,
        note: "是否设置。默认否。",
    },
    Column { key: "responsible", header: "包保责任人", required: false, choices: &[], width: 12.0, note: "" },
];

pub struct ValidSource {
    key: String,
    enterprise_id: i64,
    code: String,
    name: String,
    station_code: String,
    level: i32,
    substance: String,
    quantity_t: Option<f64>,
    identified_on: Option<NaiveDate>,
    leak_detection: bool,
    emergency_shutoff: bool,
    video: bool,
    responsible: Option<String>,
}

fn validate_row(
    input: &MajorHazardInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    day: NaiveDate,
) -> Result<ValidSource, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "企业");
    let code = c.required("code", "危险源编号", &input.code, 64);
    let name = c.required("name", "危险源名称", &input.name, 100);
    let station_code = c.required("station_code", "所在厂站设施编号", &input.station_code, 64);
    let level = c.choice("level", "危险源等级", &input.level, LEVELS, true).and_then(|l| l.parse::<i32>().ok());
    let substance = c.required("substance", "危险物质", &input.substance, 50);
    let quantity_t = c.number("quantity_t", "最大储量（吨）", &input.quantity_t, 0.0, 1e7);
    let identified_on = c.date("identified_on", "辨识日期", &input.identified_on);
    if identified_on.is_some_and(|d| d > day) {
        c.error("identified_on", "辨识日期不能晚于今天");
    }
    let mut yes =
        |field: &str, label: &str, v: &Option<String>| c.choice(field, label, v, YES_NO, false) == Some("true");
    let leak_detection = yes("leak_detection", "泄漏检测报警", &input.leak_detection);
    let emergency_shutoff = yes("emergency_shutoff", "紧急切断", &input.emergency_shutoff);
    let video = yes("video", "视频监控", &input.video);
    let responsible = c.text("responsible", "包保责任人", &input.responsible, 50);
    c.finish(|| {
        let ent = ent.expect("checked");
        ValidSource {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            code,
            name,
            station_code,
            level: level.expect("checked"),
            substance,
            quantity_t,
            identified_on,
            leak_detection,
            emergency_shutoff,
            video,
            responsible,
        }
    })
}

fn same(m: &source::Model, v: &ValidSource, st: &station::Model) -> bool {
    m.station_id == st.id
        && m.region_code == st.region_code
        && m.name == v.name
        && m.level == v.level
        && m.substance == v.substance
        && m.quantity_t == v.quantity_t
        && m.identified_on == v.identified_on
        && m.leak_detection == v.leak_detection
        && m.emergency_shutoff == v.emergency_shutoff
        && m.video == v.video
        && m.responsible == v.responsible
}

fn apply(am: &mut source::ActiveModel, v: &ValidSource, st: &station::Model) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(st.region_code.clone());
    am.station_id = Set(st.id);
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.level = Set(v.level);
    am.substance = Set(v.substance.clone());
    am.quantity_t = Set(v.quantity_t);
    am.identified_on = Set(v.identified_on);
    am.leak_detection = Set(v.leak_detection);
    am.emergency_shutoff = Set(v.emergency_shutoff);
    am.video = Set(v.video);
    am.responsible = Set(v.responsible.clone());
    am.updated_at = Set(Utc::now());
}

pub struct MajorHazardRecord;

impl RecordType for MajorHazardRecord {
    const NAME: &'static str = RECORD;
    const TITLE: &'static str = "重大危险源台账";
    type Row = MajorHazardInput;
    type Valid = ValidSource;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = enterprises::example_code();
        [
            &ent[..],
            "ZDWXY-001",
            "LNG储罐区",
            "XZ-MZ-01",
            "三级",
            "液化天然气",
            "120",
            "2024-05-10",
            "是",
            "是",
            "是",
            "张三",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidSource) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[MajorHazardInput],
    ) -> AppResult<Vec<Result<ValidSource, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate_row(r, &ents, ctx.scope, day)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidSource)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let station_codes: Vec<String> = rows.iter().map(|(_, v)| v.station_code.clone()).collect();
        let stations: HashMap<(i64, String), station::Model> =
            crate::industry::station::store::find_by_codes(conn, &station_codes)
                .await?
                .into_iter()
                .map(|s| ((s.enterprise_id, s.code.clone()), s))
                .collect();
        let keys: Vec<(i64, String)> = rows.iter().map(|(_, v)| (v.enterprise_id, v.code.clone())).collect();
        let mut existing = store::by_codes(conn, &keys).await?;
        let mut out = Upserted::default();
        for (row, v) in rows {
            let Some(st) = stations.get(&(v.enterprise_id, v.station_code.clone())) else {
                out.errors.push((
                    row,
                    FieldError::new(
                        "station_code",
                        format!("本企业厂站设施台账中没有编号为“{}”的设施", v.station_code),
                    ),
                ));
                continue;
            };
            if !ctx.scope.allows_region(&st.region_code) {
                out.errors.push((row, FieldError::new("station_code", "该设施不在本账号的管辖范围内")));
                continue;
            }
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v, st) => out.unchanged += 1,
                Some(m) => {
                    let mut am: source::ActiveModel = m.into();
                    apply(&mut am, &v, st);
                    let m = am.update(conn).await?;
                    let e = Event::ok("major_hazard.import", "major_hazard_source", m.id)
                        .detail(format!("更新 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = source::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v, st);
                    if !st.major_hazard {
                        // The facility holds a major hazard source: the station ledger says so too.
                        station::Entity::update_many()
                            .col_expr(station::Column::MajorHazard, sea_orm::sea_query::Expr::value(true))
                            .filter(station::Column::Id.eq(st.id))
                            .exec(conn)
                            .await?;
                        ctx.state
                            .lists
                            .invalidate(<crate::industry::station::service::StationRecord as RecordType>::NAME);
                    }
                    let m = am.insert(conn).await?;
                    let e = Event::ok("major_hazard.import", "major_hazard_source", m.id)
                        .detail(format!("新增 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// The days before which an assessment or maintenance is past its period, as of `day`.
pub fn cutoffs(state: &AppState, day: NaiveDate) -> Cutoffs {
    let years = state.config.major_hazard_assessment_years;
    let months = state.config.major_hazard_maintenance_months;
    Cutoffs {
        assessment: day.checked_sub_months(Months::new(years * 12)).unwrap_or(day),
        maintenance: day.checked_sub_months(Months::new(months)).unwrap_or(day),
    }
}

fn due(last: Option<NaiveDate>, months: u32) -> Option<NaiveDate> {
    last.and_then(|d| d.checked_add_months(Months::new(months)))
}

pub async fn to_dtos(state: &AppState, rows: Vec<source::Model>) -> AppResult<Vec<MajorHazardDto>> {
    let ent_ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(&state.db.conn, &ent_ids).await?.into_iter().map(|e| (e.id, e)).collect();
    let station_ids: Vec<i64> = rows.iter().map(|r| r.station_id).collect();
    let mut stations: HashMap<i64, station::Model> = HashMap::new();
    for chunk in station_ids.chunks(500) {
        let found =
            station::Entity::find().filter(station::Column::Id.is_in(chunk.to_vec())).all(&state.db.conn).await?;
        stations.extend(found.into_iter().map(|s| (s.id, s)));
    }
    let cut = cutoffs(state, today());
    let years = state.config.major_hazard_assessment_years;
    let months = state.config.major_hazard_maintenance_months;
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            let st = stations.get(&m.station_id);
            let assessment_due_on = due(m.last_assessed_on, years * 12);
            let maintenance_due_on = due(m.last_maintained_on, months);
            let missing_safeguards = [m.leak_detection, m.emergency_shutoff, m.video]
                .iter()
                .zip(SAFEGUARDS)
                .filter(|(has, _)| !**has)
                .map(|(_, n)| n.to_string())
                .collect();
            MajorHazardDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                name: m.name,
                station_id: m.station_id,
                station_code: st.map(|s| s.code.clone()).unwrap_or_default(),
                station_name: st.map(|s| s.name.clone()).unwrap_or_default(),
                lng: st.map(|s| s.lng),
                lat: st.map(|s| s.lat),
                level: m.level,
                level_name: level_name(m.level),
                substance: m.substance,
                quantity_t: m.quantity_t,
                identified_on: m.identified_on,
                leak_detection: m.leak_detection,
                emergency_shutoff: m.emergency_shutoff,
                video: m.video,
                missing_safeguards,
                responsible: m.responsible,
                last_assessed_on: m.last_assessed_on,
                assessment_due_on,
                // The same rule as the overdue filter and the statistics (last day before the cutoff).
                assessment_overdue: m.last_assessed_on.is_none_or(|d| d < cut.assessment),
                last_maintained_on: m.last_maintained_on,
                maintenance_due_on,
                maintenance_overdue: m.last_maintained_on.is_none_or(|d| d < cut.maintenance),
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

pub async fn list(
    state: &AppState,
    scope: &Scope,
    f: &MajorHazardFilter,
    page: &PageParams,
) -> AppResult<MajorHazardList> {
    let cut = cutoffs(state, today());
    let (rows, total) = store::page(&state.db.conn, scope, f, page, &cut).await?;
    Ok(MajorHazardList {
        items: to_dtos(state, rows).await?,
        total,
        assessment_years: state.config.major_hazard_assessment_years,
        maintenance_months: state.config.major_hazard_maintenance_months,
    })
}

/// Every source matching the filter, for the export.
pub async fn export_rows(state: &AppState, scope: &Scope, f: &MajorHazardFilter) -> AppResult<Vec<Vec<String>>> {
    let cut = cutoffs(state, today());
    let q = store::filtered(scope, f, &cut);
    let rows = all(&state.db.conn, q, source::Column::Id, state.config.export_max_rows).await?;
    Ok(to_dtos(state, rows).await?.iter().map(sheet_row).collect())
}

pub const CONCLUSIONS: &[(&str, &str)] = &[("pass", "合格"), ("conditional", "基本合格"), ("fail", "不合格")];
pub const RESULTS: &[(&str, &str)] = &[("normal", "正常"), ("repaired", "维修后正常"), ("abnormal", "异常待处理")];

pub async fn detail(state: &AppState, scope: &Scope, id: i64) -> AppResult<MajorHazardDetail> {
    let m = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let ids = [id];
    let (a, mt) =
        tokio::try_join!(store::assessments_of(&state.db.conn, &ids), store::maintenance_of(&state.db.conn, &ids))?;
    let assessments = a
        .into_iter()
        .map(|a| AssessmentDto {
            id: a.id,
            assessed_on: a.assessed_on,
            body: a.body,
            conclusion_name: name_of(CONCLUSIONS, &a.conclusion),
            conclusion: a.conclusion,
            report_no: a.report_no,
            report_name: a.report_name,
            report_size: a.report_size,
        })
        .collect();
    let maintenance = mt
        .into_iter()
        .map(|r| MaintenanceDto {
            id: r.id,
            maintained_on: r.maintained_on,
            equipment: r.equipment,
            content: r.content,
            maintainer: r.maintainer,
            result_name: name_of(RESULTS, &r.result),
            result: r.result,
        })
        .collect();
    Ok(MajorHazardDetail { source: to_dtos(state, vec![m]).await?.remove(0), assessments, maintenance })
}

/// Sources per county, enterprise or level: by level, overdue assessment and maintenance, and
/// how many have every technical safeguard.
pub async fn stats(state: &AppState, scope: &Scope, q: &MajorHazardStatsQuery) -> AppResult<MajorHazardStats> {
    let group = q.group.as_deref().unwrap_or("region");
    if !["region", "enterprise", "level"].contains(&group) {
        return Err(AppError::field("group", "分组应为 region、enterprise 或 level"));
    }
    let rows = store::stat_rows(&state.db.conn, scope, q.region_code.as_deref()).await?;
    let cut = cutoffs(state, today());
    let names = if group == "enterprise" { Some(enterprises::names(state).await?) } else { None };
    let mut groups: HashMap<String, MajorHazardStat> = HashMap::new();
    let mut summary = MajorHazardStat { key: "all".into(), name: "合计".into(), ..Default::default() };
    for (region, ent, level, assessed, maintained, leak, shutoff, video) in rows {
        let (key, name) = match group {
            "enterprise" => (ent.to_string(), crate::platform::names::name(names.as_ref().expect("loaded"), ent)),
            "level" => (level.to_string(), level_name(level)),
            _ => (region.clone(), state.regions.name(&region)),
        };
        let g = groups.entry(key.clone()).or_insert_with(|| MajorHazardStat { key, name, ..Default::default() });
        for s in [&mut *g, &mut summary] {
            s.total += 1;
            if (1..=4).contains(&level) {
                s.by_level[(level - 1) as usize] += 1;
            }
            s.assessment_overdue += u64::from(assessed.is_none_or(|d| d < cut.assessment));
            s.maintenance_overdue += u64::from(maintained.is_none_or(|d| d < cut.maintenance));
            s.safeguards_complete += u64::from(leak && shutoff && video);
        }
    }
    let mut items: Vec<MajorHazardStat> = groups.into_values().collect();
    match group {
        "enterprise" => items.sort_by(|a, b| {
            (b.assessment_overdue + b.maintenance_overdue)
                .cmp(&(a.assessment_overdue + a.maintenance_overdue))
                .then(a.key.cmp(&b.key))
        }),
        _ => items.sort_by(|a, b| a.key.cmp(&b.key)),
    }
    Ok(MajorHazardStats { items, summary })
}

/// A source as a row of the import template (export → import changes nothing).
pub fn sheet_row(d: &MajorHazardDto) -> Vec<String> {
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.name.clone(),
        d.station_code.clone(),
        d.level_name.clone(),
        d.substance.clone(),
        d.quantity_t.map(|q| q.to_string()).unwrap_or_default(),
        d.identified_on.map(|v| v.to_string()).unwrap_or_default(),
        yes(d.leak_detection),
        yes(d.emergency_shutoff),
        yes(d.video),
        d.responsible.clone().unwrap_or_default(),
    ]
}

/// Attach the report file (PDF, JPEG or PNG) of an assessment; it replaces an earlier one.
pub async fn attach_report(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    (id, aid): (i64, i64),
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<MajorHazardDetail> {
    let scope = p.scope();
    store::get(&state.db.conn, &scope, id).await?.ok_or(AppError::NotFound)?;
    if !p.role.may_edit_staff_ledger() {
        return Err(AppError::Forbidden("本账号不能上传评估报告".into()));
    }
    let a = assessment::Entity::find_by_id(aid)
        .filter(assessment::Column::SourceId.eq(id))
        .one(&state.db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let content_type = files::document_type(&bytes)
        .filter(|t| *t != "application/zip")
        .ok_or_else(|| AppError::UnsupportedMediaType("评估报告须为PDF、JPEG或PNG文件".into()))?;
    let sha = files::store(&state.config.data_dir, &bytes).await?;
    let txn = state.db.write_txn().await?;
    let mut am: assessment::ActiveModel = a.into();
    am.report_name = Set(Some(name.chars().take(200).collect()));
    am.report_type = Set(Some(content_type.into()));
    am.report_size = Set(Some(bytes.len() as i64));
    am.report_sha256 = Set(Some(sha));
    let a = am.update(&*txn).await?;
    let e = Event::ok("major_hazard.report", "major_hazard_source", id).detail(format!(
        "{} 评估报告 {}",
        a.assessed_on,
        a.report_name.clone().unwrap_or_default()
    ));
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    txn.commit().await?;
    detail(state, &scope, id).await
}

/// The report file of an assessment (name, type, bytes), within the caller's scope.
pub async fn report(state: &AppState, scope: &Scope, id: i64, aid: i64) -> AppResult<(String, String, Vec<u8>)> {
    store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let a = assessment::Entity::find_by_id(aid)
        .filter(assessment::Column::SourceId.eq(id))
        .one(&state.db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Some(name), Some(kind), Some(sha)) = (a.report_name, a.report_type, a.report_sha256) else {
        return Err(AppError::NotFound);
    };
    Ok((name, kind, files::read(&state.config.data_dir, &sha).await?))
}
