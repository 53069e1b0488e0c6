//! Use cases of patrols: validation (the segment or facility must be the enterprise's own; a track
//! in Shangrao), upsert by enterprise + record number, and completion against the plan: for each
//! segment and facility in service, the patrol days the plan asks for in a period (the period's
//! days divided by the interval of its pressure class or kind, rounded up) and the distinct days
//! patrolled, capped at that number.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::industry::pipeline::model::segment;
use crate::industry::station::model::station;
use crate::industry::station::service::kind_name;
use crate::overview::store::{segment_layer, station_layer, SegmentFeature, StationFeature};
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{name_of, opt, Checker};
use crate::platform::geo;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{today, PageParams};
use crate::platform::names::name;
use crate::platform::scope::Scope;
use crate::platform::spatial::Layer;
use crate::platform::tally::{FastMap, Interner};
use crate::startup::AppState;
use chrono::{NaiveDate, NaiveDateTime, Utc};
use ranjian_domain::network::PressureClass;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

pub const RECORD: &str = "patrols";
pub const TARGET_KINDS: &[(&str, &str)] = &[("segment", "管段"), ("station", "厂站设施")];
pub const RESULTS: &[(&str, &str)] = &[("normal", "正常"), ("abnormal", "发现异常")];

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
        header: "巡查记录编号",
        required: true,
        choices: &[],
        width: 18.0,
        note: "企业内唯一；同一企业按编号更新。",
    },
    Column {
        key: "target_kind",
        header: "巡查对象类型",
        required: true,
        choices: &["管段", "厂站设施"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "target_code",
        header: "管段或设施编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "须为本企业管网或厂站设施台账中的编号。",
    },
    Column {
        key: "patrolled_at",
        header: "巡查时间",
        required: true,
        choices: &[],
        width: 18.0,
        note: "YYYY-MM-DD 或 YYYY-MM-DD HH:MM（北京时间）。",
    },
    Column { key: "patroller", header: "巡查人", required: true, choices: &[], width: 12.0, note: "" },
    Column {
        key: "track",
        header: "巡查轨迹（GeoJSON）",
        required: false,
        choices: &[],
        width: 30.0,
        note: "LineString（轨迹）或 MultiPoint（打卡点）。",
    },
    Column {
        key: "result",
        header: "巡查结果",
        required: false,
        choices: &["正常", "发现异常"],
        width: 10.0,
        note: "默认正常；发现的隐患另行报送隐患台账（来源：巡查巡检）。",
    },
    Column { key: "findings", header: "发现情况", required: false, choices: &[], width: 30.0, note: "" },
];

pub struct ValidPatrol {
    key: String,
    enterprise_id: i64,
    code: String,
    target_kind: &'static str,
    target_code: String,
    patrolled_on: NaiveDate,
    patrolled_time: Option<String>,
    patroller: String,
    track: Option<String>,
    track_length_m: Option<f64>,
    result: &'static str,
    findings: Option<String>,
}

/// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" (also with a T): the day and the time "HH:MM".
fn parse_when(s: &str) -> Option<(NaiveDate, Option<String>)> {
    let s = s.trim();
    if let Some(d) = crate::platform::fields::parse_date(s) {
        return Some((d, None));
    }
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|t| (t.date(), Some(t.format("%H:%M").to_string())))
}

/// A track: a LineString (with its length) or a MultiPoint, every point in Shangrao.
fn parse_track(text: &str) -> Result<(String, Option<f64>), String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|_| "巡查轨迹不是有效的GeoJSON".to_string())?;
    match v["type"].as_str() {
        Some("LineString") => {
            let line = geo::line_string(&v)?;
            Ok((geo::line_geojson(&line), Some((geo::geodesic_length_m(&line) * 10.0).round() / 10.0)))
        }
        Some("MultiPoint") => {
            let pts = v["coordinates"].as_array().ok_or("MultiPoint缺少coordinates")?;
            if pts.is_empty() {
                return Err("打卡点至少需要一个".into());
            }
            let mut out = Vec::with_capacity(pts.len());
            for c in pts {
                let (Some(x), Some(y)) = (c.get(0).and_then(|x| x.as_f64()), c.get(1).and_then(|y| y.as_f64())) else {
                    return Err("坐标应为[经度, 纬度]数字对".into());
                };
                geo::point(x, y)?;
                out.push([x, y]);
            }
            Ok((serde_json::json!({"type": "MultiPoint", "coordinates": out}).to_string(), None))
        }
        _ => Err("巡查轨迹应为GeoJSON的LineString（轨迹）或MultiPoint（打卡点）".into()),
    }
}

fn validate_row(
    input: &PatrolInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    day: NaiveDate,
) -> Result<ValidPatrol, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "企业");
    let code = c.required("code", "巡查记录编号", &input.code, 64);
    let target_kind = c.choice("target_kind", "巡查对象类型", &input.target_kind, TARGET_KINDS, true);
    let target_code = c.required("target_code", "管段或设施编号", &input.target_code, 64);
    let when = match opt(&input.patrolled_at) {
        None => {
            c.error("patrolled_at", "巡查时间不能为空");
            None
        }
        Some(s) => match parse_when(&s) {
            None => {
                c.error("patrolled_at", format!("巡查时间“{s}”无效，格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM"));
                None
            }
            Some((d, _)) if d > day => {
                c.error("patrolled_at", "巡查时间不能晚于今天");
                None
            }
            Some(w) => Some(w),
        },
    };
    let patroller = c.required("patroller", "巡查人", &input.patroller, 50);
    let track = opt(&input.track).and_then(|t| parse_track(&t).map_err(|e| c.error("track", e)).ok());
    let result = c.choice("result", "巡查结果", &input.result, RESULTS, false).unwrap_or("normal");
    let findings = c.text("findings", "发现情况", &input.findings, 500);
    c.finish(|| {
        let ent = ent.expect("checked");
        let (patrolled_on, patrolled_time) = when.expect("checked");
        let (track, track_length_m) = match track {
            Some((t, l)) => (Some(t), l),
            None => (None, None),
        };
        ValidPatrol {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            code,
            target_kind: target_kind.expect("checked"),
            target_code,
            patrolled_on,
            patrolled_time,
            patroller,
            track,
            track_length_m,
            result,
            findings,
        }
    })
}

/// A segment or facility of an enterprise: (id, region).
type Targets = HashMap<(&'static str, i64, String), (i64, String)>;

async fn targets_of(conn: &DatabaseTransaction, rows: &[(u32, ValidPatrol)]) -> AppResult<Targets> {
    let mut out = Targets::new();
    let codes = |kind: &str| -> Vec<String> {
        rows.iter().filter(|(_, v)| v.target_kind == kind).map(|(_, v)| v.target_code.clone()).collect()
    };
    for s in crate::industry::pipeline::store::find_by_codes(conn, &codes("segment")).await? {
        out.insert(("segment", s.enterprise_id, s.code), (s.id, s.region_code));
    }
    for s in crate::industry::station::store::find_by_codes(conn, &codes("station")).await? {
        out.insert(("station", s.enterprise_id, s.code), (s.id, s.region_code));
    }
    Ok(out)
}

fn same(m: &patrol::Model, v: &ValidPatrol, target: i64) -> bool {
    m.target_kind == v.target_kind
        && m.target_id == target
        && m.patrolled_on == v.patrolled_on
        && m.patrolled_time == v.patrolled_time
        && m.patroller == v.patroller
        && m.track == v.track
        && m.result == v.result
        && m.findings == v.findings
}

fn apply(am: &mut patrol::ActiveModel, v: &ValidPatrol, (target, region): &(i64, String)) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(region.clone());
    am.code = Set(v.code.clone());
    am.target_kind = Set(v.target_kind.into());
    am.target_id = Set(*target);
    am.patrolled_on = Set(v.patrolled_on);
    am.patrolled_time = Set(v.patrolled_time.clone());
    am.patroller = Set(v.patroller.clone());
    am.track = Set(v.track.clone());
    am.track_length_m = Set(v.track_length_m);
    am.result = Set(v.result.into());
    am.findings = Set(v.findings.clone());
    am.updated_at = Set(Utc::now());
}

pub struct PatrolRecord;

impl RecordType for PatrolRecord {
    const NAME: &'static str = RECORD;
    const TITLE: &'static str = "巡查巡检记录";
    type Row = PatrolInput;
    type Valid = ValidPatrol;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = enterprises::example_code();
        [
            &ent[..],
            "XC-20261120-01",
            "管段",
            "XZ-ZY-0001",
            "2026-11-20 09:30",
            "周巡线",
            "{\"type\":\"LineString\",\"coordinates\":[[117.94,28.45],[117.95,28.45]]}",
            "正常",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidPatrol) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[PatrolInput],
    ) -> AppResult<Vec<Result<ValidPatrol, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate_row(r, &ents, ctx.scope, day)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidPatrol)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let targets = targets_of(conn, &rows).await?;
        let keys: Vec<(i64, String)> = rows.iter().map(|(_, v)| (v.enterprise_id, v.code.clone())).collect();
        let mut existing = store::by_codes(conn, &keys).await?;
        let mut out = Upserted::default();
        let mut touched: HashSet<store::Target> = HashSet::new();
        for (row, v) in rows {
            let Some(target) = targets.get(&(v.target_kind, v.enterprise_id, v.target_code.clone())) else {
                let ledger = if v.target_kind == "segment" { "管网台账" } else { "厂站设施台账" };
                out.errors.push((
                    row,
                    FieldError::new("target_code", format!("本企业{ledger}中没有编号为“{}”的对象", v.target_code)),
                ));
                continue;
            };
            if !ctx.scope.allows_region(&target.1) {
                out.errors.push((row, FieldError::new("target_code", "该巡查对象不在本账号的管辖范围内")));
                continue;
            }
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v, target.0) => out.unchanged += 1,
                Some(m) => {
                    touched.insert((if m.target_kind == "station" { "station" } else { "segment" }, m.target_id));
                    touched.insert((v.target_kind, target.0));
                    let mut am: patrol::ActiveModel = m.into();
                    apply(&mut am, &v, target);
                    let m = am.update(conn).await?;
                    let e = Event::ok("patrol.import", "patrol", m.id).detail(format!("更新 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    touched.insert((v.target_kind, target.0));
                    let mut am = patrol::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v, target);
                    let m = am.insert(conn).await?;
                    let e = Event::ok("patrol.import", "patrol", m.id).detail(format!("新增 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        ctx.state.tallies.of::<store::PatrolDays>().touch_on_commit(txn, touched.into_iter().collect());
        Ok(out)
    }
}

fn pressure_name(code: &str) -> &str {
    PressureClass::parse(code).map(|p| p.name_zh()).unwrap_or(code)
}

pub async fn to_dtos(state: &AppState, rows: Vec<patrol::Model>) -> AppResult<Vec<PatrolDto>> {
    let conn = &state.db.conn;
    let ids = |kind: &str| -> Vec<i64> { rows.iter().filter(|r| r.target_kind == kind).map(|r| r.target_id).collect() };
    let mut segs: HashMap<i64, (String, String)> = HashMap::new();
    for chunk in ids("segment").chunks(500) {
        for s in segment::Entity::find().filter(segment::Column::Id.is_in(chunk.to_vec())).all(conn).await? {
            segs.insert(s.id, (s.code, pressure_name(&s.pressure_class).to_string()));
        }
    }
    let mut stations: HashMap<i64, (String, String)> = HashMap::new();
    for chunk in ids("station").chunks(500) {
        for s in station::Entity::find().filter(station::Column::Id.is_in(chunk.to_vec())).all(conn).await? {
            stations.insert(s.id, (s.code, kind_name(&s.kind).to_string()));
        }
    }
    let ent_ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(conn, &ent_ids).await?.into_iter().map(|e| (e.id, e)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            let t = if m.target_kind == "segment" { segs.get(&m.target_id) } else { stations.get(&m.target_id) };
            PatrolDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                target_kind_name: name_of(TARGET_KINDS, &m.target_kind),
                target_kind: m.target_kind,
                target_id: m.target_id,
                target_code: t.map(|t| t.0.clone()).unwrap_or_default(),
                target_class_name: t.map(|t| t.1.clone()).unwrap_or_default(),
                patrolled_on: m.patrolled_on,
                patrolled_time: m.patrolled_time,
                patroller: m.patroller,
                track: m.track.and_then(|t| serde_json::from_str(&t).ok()),
                track_length_m: m.track_length_m,
                result_name: name_of(RESULTS, &m.result),
                result: m.result,
                findings: m.findings,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// The segments and facilities in scope whose code is the search text.
pub async fn targets_named(state: &AppState, scope: &Scope, q: Option<&str>) -> AppResult<Vec<(&'static str, i64)>> {
    let Some(t) = q.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(Vec::new()) };
    let mut out: Vec<(&'static str, i64)> = Vec::new();
    for s in segment_layer(state).await?.items() {
        if s.code == t && scope.allows(&s.region_code, Some(s.enterprise_id)) {
            out.push(("segment", s.id));
        }
    }
    for s in station_layer(state).await?.items() {
        if s.code == t && scope.allows(&s.region_code, Some(s.enterprise_id)) {
            out.push(("station", s.id));
        }
    }
    Ok(out)
}

pub async fn list(state: &AppState, scope: &Scope, f: &PatrolFilter, page: &PageParams) -> AppResult<PatrolList> {
    let targets = targets_named(state, scope, f.q.as_deref()).await?;
    let (rows, total) = store::page(&state.db.conn, scope, f, &targets, page).await?;
    Ok(PatrolList { items: to_dtos(state, rows).await?, total })
}

pub async fn get(state: &AppState, scope: &Scope, id: i64) -> AppResult<PatrolDto> {
    let m = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    Ok(to_dtos(state, vec![m]).await?.remove(0))
}

/// A record as a row of the import template (export → import changes nothing).
pub fn sheet_row(d: &PatrolDto) -> Vec<String> {
    let when = match &d.patrolled_time {
        Some(t) => format!("{} {t}", d.patrolled_on),
        None => d.patrolled_on.to_string(),
    };
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.target_kind_name.clone(),
        d.target_code.clone(),
        when,
        d.patroller.clone(),
        d.track.as_ref().map(|t| t.to_string()).unwrap_or_default(),
        d.result_name.clone(),
        d.findings.clone().unwrap_or_default(),
    ]
}

/// The plan in force, pipelines by pressure class then facilities by kind.
pub fn plan(state: &AppState) -> Vec<PlanEntry> {
    let p = &state.config.patrol_plan;
    let mut out: Vec<PlanEntry> = PressureClass::ALL
        .iter()
        .filter_map(|c| {
            p.pipeline.get(c.as_str()).map(|d| PlanEntry {
                target_kind: "segment".into(),
                class: c.as_str().into(),
                class_name: c.name_zh().into(),
                interval_days: *d,
            })
        })
        .collect();
    out.extend(crate::industry::station::service::KINDS.iter().filter_map(|(k, n)| {
        p.facility.get(*k).map(|d| PlanEntry {
            target_kind: "station".into(),
            class: k.to_string(),
            class_name: n.to_string(),
            interval_days: *d,
        })
    }));
    out
}

/// A segment or facility in service with a planned frequency, packed so that a rate over the
/// whole city is a scan of a few megabytes rather than of the map layers' records.
struct PlanTarget {
    id: i64,
    enterprise_id: i64,
    /// Position in its layer's records.
    pos: u32,
    /// Division code and class (pressure class or facility kind) by text number.
    region: u32,
    class: u32,
    interval: u32,
    station: bool,
}

impl PlanTarget {
    fn kind(&self) -> &'static str {
        if self.station {
            "station"
        } else {
            "segment"
        }
    }
}

/// The planned targets of the layers in service, built once per pair of layers (a pipeline or
/// facility write brings new layers).
struct PlanTargets {
    segments: Arc<Layer<SegmentFeature>>,
    stations: Arc<Layer<StationFeature>>,
    targets: Vec<PlanTarget>,
    texts: Interner,
}

impl PlanTargets {
    fn build(state: &AppState, segments: Arc<Layer<SegmentFeature>>, stations: Arc<Layer<StationFeature>>) -> Self {
        let plan = &state.config.patrol_plan;
        let mut texts = Interner::default();
        let mut targets = Vec::new();
        for (pos, s) in segments.items().iter().enumerate() {
            if let Some(&interval) = plan.pipeline.get(&s.pressure_class) {
                targets.push(PlanTarget {
                    id: s.id,
                    enterprise_id: s.enterprise_id,
                    pos: pos as u32,
                    region: texts.id(&s.region_code),
                    class: texts.id(&s.pressure_class),
                    interval,
                    station: false,
                });
            }
        }
        for (pos, s) in stations.items().iter().enumerate() {
            if let Some(&interval) = plan.facility.get(&s.kind) {
                targets.push(PlanTarget {
                    id: s.id,
                    enterprise_id: s.enterprise_id,
                    pos: pos as u32,
                    region: texts.id(&s.region_code),
                    class: texts.id(&s.kind),
                    interval,
                    station: true,
                });
            }
        }
        PlanTargets { segments, stations, targets, texts }
    }

    fn code(&self, t: &PlanTarget) -> &str {
        if t.station {
            &self.stations.items()[t.pos as usize].code
        } else {
            &self.segments.items()[t.pos as usize].code
        }
    }

    fn name(&self, t: &PlanTarget) -> &str {
        if t.station {
            &self.stations.items()[t.pos as usize].name
        } else {
            self.code(t)
        }
    }

    fn class_name(&self, t: &PlanTarget) -> &str {
        let class = self.texts.name(t.class);
        if t.station {
            kind_name(class)
        } else {
            pressure_name(class)
        }
    }
}

/// The planned targets kept for the current layers.
#[derive(Default)]
pub struct KeptTargets(Mutex<Option<Arc<PlanTargets>>>);

async fn plan_targets(state: &AppState) -> AppResult<Arc<PlanTargets>> {
    let (segments, stations) = (segment_layer(state).await?, station_layer(state).await?);
    let kept = state.tallies.memo::<KeptTargets>();
    let mut kept = kept.0.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = kept.as_ref() {
        if Arc::ptr_eq(&t.segments, &segments) && Arc::ptr_eq(&t.stations, &stations) {
            return Ok(t.clone());
        }
    }
    let built = Arc::new(PlanTargets::build(state, segments, stations));
    *kept = Some(built.clone());
    Ok(built)
}

/// A planned target and what was done in the period.
struct Planned<'a> {
    t: &'a PlanTarget,
    required: u64,
    done: u64,
    /// The last patrol ever.
    last: Option<NaiveDate>,
}

fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> AppResult<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or_else(today);
    let from = from.unwrap_or(to - chrono::Duration::days(29));
    if from > to {
        return Err(AppError::field("from", "开始日期不能晚于结束日期"));
    }
    if (to - from).num_days() > 366 {
        return Err(AppError::field("from", "统计区间不能超过一年"));
    }
    Ok((from, to))
}

/// Count on the patrol days held in memory (see `store::PatrolDays`).
async fn counted<R>(state: &AppState, f: impl FnOnce(&store::PatrolDays) -> R) -> AppResult<R> {
    let conn = &state.db.conn;
    let tally = state.tallies.of::<store::PatrolDays>();
    // Every patrol write names its targets, so the tally never needs a new key.
    Ok(tally.read(0, || store::patrol_days(conn, None), |t| store::patrol_days(conn, Some(t)), f).await?)
}

/// Every target in the scope and the query with a planned frequency, and its patrol days.
fn planned<'a>(
    targets: &'a PlanTargets,
    days: &'a store::PatrolDays,
    scope: &Scope,
    q: &CompletionQuery,
    (from, to): (NaiveDate, NaiveDate),
) -> impl Iterator<Item = Planned<'a>> + 'a {
    let period_days = (to - from).num_days() as u64 + 1;
    let region = q.region_code.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let class = q.class.as_deref().filter(|c| !c.is_empty());
    let names = targets.texts.names();
    let region_ok: Vec<bool> =
        names.iter().map(|n| scope.allows_region(n) && region.is_none_or(|r| n.starts_with(r))).collect();
    let class_ok: Vec<bool> = names.iter().map(|n| class.is_none_or(|c| **n == *c)).collect();
    let enterprise = scope.enterprise_id();
    let (wanted_enterprise, kind) = (q.enterprise_id, q.target_kind.clone());
    targets
        .targets
        .iter()
        .filter(move |t| {
            region_ok[t.region as usize]
                && class_ok[t.class as usize]
                && enterprise.is_none_or(|e| e == t.enterprise_id)
                && wanted_enterprise.is_none_or(|e| e == t.enterprise_id)
                && kind.as_deref().is_none_or(|k| k == t.kind())
        })
        .map(move |t| {
            let (n, last) = days.done((t.kind(), t.id), (from, to));
            let required = period_days.div_ceil(t.interval.max(1) as u64);
            Planned { t, required, done: n.min(required), last }
        })
}

/// Completion against the plan per enterprise, county or class, lowest rate first.
pub async fn completion(state: &AppState, scope: &Scope, q: &CompletionQuery) -> AppResult<PatrolCompletion> {
    let group = q.group.as_deref().unwrap_or("enterprise");
    if !["enterprise", "region", "class"].contains(&group) {
        return Err(AppError::field("group", "分组应为 enterprise、region 或 class"));
    }
    let (from, to) = period(q.from, q.to)?;
    let targets = plan_targets(state).await?;
    let names = if group == "enterprise" { Some(enterprises::names(state).await?) } else { None };
    let (items, summary) = counted(state, |days| {
        // Groups by enterprise id, division (text number) or kind and class (text number).
        let mut groups: FastMap<(bool, i64), CompletionStat> = Default::default();
        let mut summary = CompletionStat { key: "all".into(), name: "合计".into(), ..Default::default() };
        for p in planned(&targets, days, scope, q, (from, to)) {
            let t = p.t;
            let k = match group {
                "enterprise" => (false, t.enterprise_id),
                "region" => (false, t.region as i64),
                _ => (t.station, t.class as i64),
            };
            let g = groups.entry(k).or_insert_with(|| {
                let (key, name) = match group {
                    "enterprise" => {
                        (t.enterprise_id.to_string(), name(names.as_ref().expect("loaded"), t.enterprise_id))
                    }
                    "region" => {
                        let r = targets.texts.name(t.region);
                        (r.to_string(), state.regions.name(r))
                    }
                    _ => (format!("{}:{}", t.kind(), targets.texts.name(t.class)), targets.class_name(t).to_string()),
                };
                CompletionStat { key, name, ..Default::default() }
            });
            for s in [&mut *g, &mut summary] {
                s.targets += 1;
                s.required += p.required;
                s.done += p.done;
                s.behind += u64::from(p.done < p.required);
            }
        }
        (groups.into_values().collect::<Vec<_>>(), summary)
    })
    .await?;
    let rate = |s: &mut CompletionStat| s.rate = (s.required > 0).then(|| s.done as f64 / s.required as f64);
    let (mut items, mut summary) = (items, summary);
    items.iter_mut().for_each(rate);
    rate(&mut summary);
    items.sort_by(|a, b| a.rate.unwrap_or(1.0).total_cmp(&b.rate.unwrap_or(1.0)).then(a.key.cmp(&b.key)));
    Ok(PatrolCompletion { items, summary, from, to })
}

/// Segments and facilities behind their plan, the largest shortfall first.
pub async fn behind(state: &AppState, scope: &Scope, q: &CompletionQuery, page: &PageParams) -> AppResult<BehindList> {
    let (from, to) = period(q.from, q.to)?;
    let targets = plan_targets(state).await?;
    let names = enterprises::names(state).await?;
    let (items, total) = counted(state, |days| {
        let mut late: Vec<Planned> =
            planned(&targets, days, scope, q, (from, to)).filter(|p| p.done < p.required).collect();
        let order = |a: &Planned, b: &Planned| {
            (b.required - b.done).cmp(&(a.required - a.done)).then(a.t.kind().cmp(b.t.kind())).then(a.t.id.cmp(&b.t.id))
        };
        let total = late.len() as u64;
        // Only the pages up to this one need their order.
        let end = (page.offset() + page.page_size()) as usize;
        if end < late.len() {
            late.select_nth_unstable_by(end, order);
            late.truncate(end);
        }
        late.sort_by(order);
        let items: Vec<BehindTarget> = late
            .into_iter()
            .skip(page.offset() as usize)
            .map(|p| {
                let t = p.t;
                let region = targets.texts.name(t.region);
                BehindTarget {
                    last_patrolled_on: p.last,
                    target_kind_name: name_of(TARGET_KINDS, t.kind()),
                    target_kind: t.kind().into(),
                    target_id: t.id,
                    target_code: targets.code(t).to_string(),
                    target_name: targets.name(t).to_string(),
                    target_class_name: targets.class_name(t).to_string(),
                    enterprise_name: name(&names, t.enterprise_id),
                    enterprise_id: t.enterprise_id,
                    region_name: state.regions.name(region),
                    region_code: region.to_string(),
                    interval_days: t.interval,
                    required: p.required,
                    done: p.done,
                }
            })
            .collect();
        (items, total)
    })
    .await?;
    Ok(BehindList { items, total, from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_tracks() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(parse_when("2026-11-20"), Some((d, None)));
        assert_eq!(parse_when("2026-11-20 09:30"), Some((d, Some("09:30".into()))));
        assert_eq!(parse_when("2026-11-20T09:30:15"), Some((d, Some("09:30".into()))));
        assert_eq!(parse_when("20/11/2026"), None);
        let (_, len) =
            parse_track("{\"type\":\"LineString\",\"coordinates\":[[117.95,28.45],[117.95,28.46]]}").unwrap();
        assert!((len.unwrap() - 1108.0).abs() < 5.0);
        assert!(parse_track("{\"type\":\"MultiPoint\",\"coordinates\":[[117.95,28.45]]}").unwrap().1.is_none());
        assert!(parse_track("{\"type\":\"MultiPoint\",\"coordinates\":[[120.0,28.45]]}")
            .unwrap_err()
            .contains("不在上饶市"));
        assert!(parse_track("{\"type\":\"Polygon\",\"coordinates\":[]}").is_err());
    }
}
