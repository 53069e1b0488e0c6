//! Use cases of the monitoring point ledger: validation (kind and unit, thresholds that agree, the
//! facility it sits on), upsert by enterprise + point code, the live status of every point.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::industry::pipeline::model::segment;
use crate::industry::station::model::station;
use crate::monitoring::live::{status_of, LivePoint};
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::geo;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::by_enterprise_codes;
use crate::platform::reference::RegionIndex;
use crate::platform::scope::Scope;
use crate::safety::major_hazard::model::source;
use crate::startup::AppState;
use chrono::{DateTime, Utc};
use ranjian_domain::monitoring::{PointKind, Thresholds, POINT_KINDS};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};
use std::collections::HashMap;
use std::sync::Arc;

pub const TARGET_TYPES: &[(&str, &str)] =
    &[("station", "厂站设施"), ("pipeline", "管段"), ("major_hazard", "重大危险源"), ("place", "人员密集场所")];
const STATUSES: &[(&str, &str)] = &[("in_service", "在用"), ("out_of_service", "停用")];

pub fn target_type_name(code: &str) -> &str {
    TARGET_TYPES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or(code)
}

const KIND_CHOICES: &[&str] = &["压力", "流量", "可燃气体浓度", "温度", "液位", "阀门状态", "其他"];

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "权属企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "",
    },
    Column {
        key: "code",
        header: "监测点编号",
        required: true,
        choices: &[],
        width: 18.0,
        note: "企业内唯一；上报读数时以此编号指明监测点。",
    },
    Column { key: "name", header: "监测点名称", required: true, choices: &[], width: 24.0, note: "" },
    Column { key: "kind", header: "监测类型", required: true, choices: KIND_CHOICES, width: 14.0, note: "" },
    Column {
        key: "unit",
        header: "计量单位",
        required: true,
        choices: &[],
        width: 10.0,
        note: "压力 MPa/kPa/Pa；流量 m³/h、Nm³/h；可燃气体 %LEL、ppm、%VOL；温度 ℃；液位 %、m。",
    },
    Column {
        key: "target_type",
        header: "监测对象类型",
        required: true,
        choices: &["厂站设施", "管段", "重大危险源", "人员密集场所"],
        width: 14.0,
        note: "",
    },
    Column {
        key: "target_code",
        header: "监测对象编号",
        required: false,
        choices: &[],
        width: 16.0,
        note: "厂站设施、管段、重大危险源填其企业内编号（须已登记）。",
    },
    Column {
        key: "target_name",
        header: "场所名称",
        required: false,
        choices: &[],
        width: 20.0,
        note: "人员密集场所必填，如某农贸市场。",
    },
    Column {
        key: "lng", header: "经度", required: false, choices: &[], width: 12.0, note: "厂站设施可不填。"
    },
    Column {
        key: "lat", header: "纬度", required: false, choices: &[], width: 12.0, note: "厂站设施可不填。"
    },
    Column {
        key: "interval_s",
        header: "上报周期（秒）",
        required: false,
        choices: &[],
        width: 12.0,
        note: "默认60。",
    },
    Column { key: "high_high", header: "高高限", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "high", header: "高限", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "low", header: "低限", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "low_low", header: "低低限", required: false, choices: &[], width: 10.0, note: "" },
    Column {
        key: "rate_of_change",
        header: "变化率限值（每分钟）",
        required: false,
        choices: &[],
        width: 14.0,
        note: "",
    },
    Column {
        key: "deadband",
        header: "回差",
        required: false,
        choices: &[],
        width: 10.0,
        note: "数值回到限值以内超过回差才算恢复；默认为限值的2%。",
    },
    Column {
        key: "status",
        header: "状态",
        required: false,
        choices: &["在用", "停用"],
        width: 8.0,
        note: "默认在用。",
    },
];

pub struct ValidPoint {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: String,
    kind: PointKind,
    unit: String,
    target_type: &'static str,
    target_id: Option<i64>,
    target_code: Option<String>,
    target_name: Option<String>,
    lng: f64,
    lat: f64,
    interval_s: i32,
    th: Thresholds,
    status: &'static str,
}

/// The facilities, segments and major hazard sources that rows refer to, by (enterprise, code).
#[derive(Default)]
pub struct Targets {
    stations: HashMap<(i64, String), station::Model>,
    segments: HashMap<(i64, String), segment::Model>,
    sources: HashMap<(i64, String), source::Model>,
}

fn validate_row(
    input: &PointInput,
    ents: &HashMap<String, enterprise::Model>,
    targets: &Targets,
    regions: &RegionIndex,
    scope: &Scope,
) -> Result<ValidPoint, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "权属企业");
    let code = c.required("code", "监测点编号", &input.code, 64);
    let name = c.required("name", "监测点名称", &input.name, 100);
    let kind = match opt(&input.kind) {
        None => {
            c.error("kind", "监测类型不能为空");
            None
        }
        Some(k) => match PointKind::parse(&k) {
            Some(k) => Some(k),
            None => {
                let names: Vec<&str> = POINT_KINDS.iter().map(|k| k.name_zh()).collect();
                c.error("kind", format!("监测类型“{k}”不正确，应为：{}", names.join("、")));
                None
            }
        },
    };
    let unit = c.required("unit", "计量单位", &input.unit, 20);
    if let Some(k) = kind {
        if !unit.is_empty() && !k.units().is_empty() && !k.units().contains(&unit.as_str()) {
            c.error("unit", format!("{}的计量单位应为：{}", k.name_zh(), k.units().join("、")));
        }
    }
    let target_type = c.choice("target_type", "监测对象类型", &input.target_type, TARGET_TYPES, true);
    let target_code = c.text("target_code", "监测对象编号", &input.target_code, 64);
    let target_name_in = c.text("target_name", "场所名称", &input.target_name, 100);
    let mut lng = c.number("lng", "经度", &input.lng, -180.0, 180.0);
    let mut lat = c.number("lat", "纬度", &input.lat, -90.0, 90.0);
    let mut target_id = None;
    let mut target_name = target_name_in.clone();
    if let (Some(t), Some(e)) = (target_type, ent) {
        let key = |code: &String| (e.id, code.clone());
        match (t, &target_code) {
            ("place", _) => {
                if target_name_in.is_none() {
                    c.error("target_name", "人员密集场所须填写场所名称");
                }
            }
            (_, None) => c.error("target_code", format!("{}须填写监测对象编号", target_type_name(t))),
            ("station", Some(tc)) => match targets.stations.get(&key(tc)) {
                Some(s) => {
                    target_id = Some(s.id);
                    target_name = Some(s.name.clone());
                    lng = lng.or(Some(s.lng));
                    lat = lat.or(Some(s.lat));
                }
                None => c.error("target_code", format!("本企业没有编号为“{tc}”的厂站设施")),
            },
            ("pipeline", Some(tc)) => match targets.segments.get(&key(tc)) {
                Some(s) => {
                    target_id = Some(s.id);
                    target_name = s.name.clone().or_else(|| Some(s.code.clone()));
                }
                None => c.error("target_code", format!("本企业没有编号为“{tc}”的管段")),
            },
            (_, Some(tc)) => match targets.sources.get(&key(tc)) {
                Some(s) => {
                    target_id = Some(s.id);
                    target_name = Some(s.name.clone());
                }
                None => c.error("target_code", format!("本企业没有编号为“{tc}”的重大危险源")),
            },
        }
    }
    // A station's location is the station's; when the station is unknown, that is the error.
    let located_by_station = target_type == Some("station");
    if lng.is_none() && !c_has(&c, "lng") && !located_by_station {
        c.error("lng", "经度不能为空（监测对象为厂站设施时可不填）");
    }
    if lat.is_none() && !c_has(&c, "lat") && !located_by_station {
        c.error("lat", "纬度不能为空（监测对象为厂站设施时可不填）");
    }
    let point = match (lng, lat) {
        (Some(x), Some(y)) => geo::point(x, y).map_err(|e| c.error("lng", e)).ok(),
        _ => None,
    };
    let region = point.and_then(|p| regions.county_at(p.x(), p.y())).map(|r| r.code.clone());
    if point.is_some() && region.is_none() {
        c.error("lng", "坐标不在上饶市范围内");
    }
    if let Some(r) = &region {
        if !scope.allows_region(r) {
            c.error("lng", format!("坐标位于{}，不在本账号的管辖范围内", regions.name(r)));
        }
    }
    let interval = c.number("interval_s", "上报周期", &input.interval_s, 1.0, 86_400.0).unwrap_or(60.0);
    let th = Thresholds {
        high_high: c.number("high_high", "高高限", &input.high_high, -1e9, 1e9),
        high: c.number("high", "高限", &input.high, -1e9, 1e9),
        low: c.number("low", "低限", &input.low, -1e9, 1e9),
        low_low: c.number("low_low", "低低限", &input.low_low, -1e9, 1e9),
        rate_of_change: c.number("rate_of_change", "变化率限值", &input.rate_of_change, -1e9, 1e9),
        deadband: c.number("deadband", "回差", &input.deadband, -1e9, 1e9),
    };
    for p in th.problems() {
        c.error("high", p);
    }
    let status = c.choice("status", "状态", &input.status, STATUSES, false).unwrap_or("in_service");
    c.finish(|| {
        let ent = ent.expect("checked");
        let p = point.expect("checked");
        ValidPoint {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            region_code: region.expect("checked"),
            code,
            name,
            kind: kind.expect("checked"),
            unit,
            target_type: target_type.expect("checked"),
            target_id,
            target_code,
            target_name,
            lng: p.x(),
            lat: p.y(),
            interval_s: interval.round() as i32,
            th,
            status,
        }
    })
}

fn c_has(c: &Checker, field: &str) -> bool {
    c.errors.iter().any(|e| e.field == field)
}

fn same(m: &point::Model, v: &ValidPoint) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.kind == v.kind.as_str()
        && m.unit == v.unit
        && m.target_type == v.target_type
        && m.target_id == v.target_id
        && m.target_code == v.target_code
        && m.target_name == v.target_name
        && m.lng == v.lng
        && m.lat == v.lat
        && m.interval_s == v.interval_s
        && crate::monitoring::live::thresholds_of(m) == v.th
        && m.status == v.status
}

fn apply(am: &mut point::ActiveModel, v: &ValidPoint) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.kind = Set(v.kind.as_str().into());
    am.unit = Set(v.unit.clone());
    am.target_type = Set(v.target_type.into());
    am.target_id = Set(v.target_id);
    am.target_code = Set(v.target_code.clone());
    am.target_name = Set(v.target_name.clone());
    am.lng = Set(v.lng);
    am.lat = Set(v.lat);
    am.interval_s = Set(v.interval_s);
    am.high_high = Set(v.th.high_high);
    am.high = Set(v.th.high);
    am.low = Set(v.th.low);
    am.low_low = Set(v.th.low_low);
    am.rate_of_change = Set(v.th.rate_of_change);
    am.deadband = Set(v.th.deadband);
    am.status = Set(v.status.into());
    am.updated_at = Set(Utc::now());
}

pub struct PointRecord;

impl RecordType for PointRecord {
    const NAME: &'static str = "monitoring-points";
    const TITLE: &'static str = "监测点";
    type Row = PointInput;
    type Valid = ValidPoint;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = crate::industry::enterprise::service::example_code();
        [
            &ent[..],
            "XZ-MZ-01-P01",
            "信州门站出站压力",
            "压力",
            "MPa",
            "厂站设施",
            "XZ-MZ-01",
            "",
            "",
            "",
            "60",
            "0.45",
            "0.4",
            "0.1",
            "0.05",
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

    fn code(v: &ValidPoint) -> &str {
        &v.key
    }

    async fn validate(ctx: &IngestCtx<'_>, rows: &[PointInput]) -> AppResult<Vec<Result<ValidPoint, Vec<FieldError>>>> {
        let conn = &ctx.state.db.conn;
        let ents = enterprises::by_codes(conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let keys = |t: &str| -> Vec<(i64, String)> {
            rows.iter()
                .filter(|r| opt(&r.target_type).is_some_and(|x| x == t || target_type_name(t) == x))
                .filter_map(|r| {
                    let e = ents.get(&opt(&r.enterprise_code)?)?;
                    Some((e.id, opt(&r.target_code)?))
                })
                .collect()
        };
        let targets = Targets {
            stations: by_enterprise_codes::<station::Entity, _>(
                conn,
                &keys("station"),
                (station::Column::EnterpriseId, station::Column::Code),
                |m| (m.enterprise_id, m.code.clone()),
            )
            .await?,
            segments: by_enterprise_codes::<segment::Entity, _>(
                conn,
                &keys("pipeline"),
                (segment::Column::EnterpriseId, segment::Column::Code),
                |m| (m.enterprise_id, m.code.clone()),
            )
            .await?,
            sources: crate::safety::major_hazard::store::by_codes(conn, &keys("major_hazard")).await?,
        };
        Ok(rows.iter().map(|r| validate_row(r, &ents, &targets, &ctx.state.regions, ctx.scope)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidPoint)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<(i64, String), point::Model> = store::find_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        let mut out = Upserted::default();
        let mut written = Vec::new();
        for (_, v) in rows {
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let mut am: point::ActiveModel = m.into();
                    apply(&mut am, &v);
                    let m = am.update(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("monitoring_point.import", "monitoring_point", m.id)
                            .detail(format!("更新 {} {}", m.code, m.name)),
                    )
                    .await?;
                    written.push(m);
                    out.updated += 1;
                }
                None => {
                    let mut am = point::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v);
                    let m = am.insert(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("monitoring_point.import", "monitoring_point", m.id)
                            .detail(format!("新增 {} {}", m.code, m.name)),
                    )
                    .await?;
                    written.push(m);
                    out.inserted += 1;
                }
            }
        }
        // The live state learns of the points once they are durable.
        let live = ctx.state.live.clone();
        txn.after_commit(move || live.upsert(&written));
        Ok(out)
    }
}

pub fn live_dto(p: Option<&LivePoint>) -> LiveDto {
    let Some(p) = p else {
        return LiveDto {
            value: None,
            at: None,
            state: "never",
            state_name: "未上报",
            condition: None,
            condition_name: None,
        };
    };
    let s = p.snapshot();
    let (state, state_name, cond) = status_of(p);
    LiveDto {
        value: s.last.map(|(_, v)| v),
        at: s.last.and_then(|(t, _)| DateTime::<Utc>::from_timestamp_millis(t)),
        state,
        state_name,
        condition: cond.map(|c| c.as_str()),
        condition_name: cond.map(|c| c.name_zh()),
    }
}

pub async fn to_dtos(state: &AppState, rows: Vec<point::Model>) -> AppResult<Vec<PointDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            let live = state.live.get(m.id);
            PointDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                name: m.name,
                kind_name: PointKind::parse(&m.kind).map(|k| k.name_zh()).unwrap_or("其他").to_string(),
                kind: m.kind,
                unit: m.unit,
                target_type_name: target_type_name(&m.target_type).to_string(),
                target_type: m.target_type,
                target_id: m.target_id,
                target_code: m.target_code,
                target_name: m.target_name,
                lng: m.lng,
                lat: m.lat,
                interval_s: m.interval_s,
                high_high: m.high_high,
                high: m.high,
                low: m.low,
                low_low: m.low_low,
                rate_of_change: m.rate_of_change,
                deadband: m.deadband,
                status: m.status,
                live: live_dto(live.as_deref()),
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// The live points in the caller's scope whose state is `state` (for the state filter).
pub fn ids_in_state(state: &AppState, scope: &Scope, wanted: &str) -> Vec<i64> {
    state
        .live
        .all()
        .into_iter()
        .filter(|p| scope.allows(&p.region_code, Some(p.enterprise_id)) && status_of(p).0 == wanted)
        .map(|p| p.id)
        .collect()
}

/// Points, in alarm, offline and never reported, by county or enterprise, from the live state.
pub async fn summary(state: &AppState, scope: &Scope, q: &SummaryQuery) -> AppResult<Summary> {
    let by_enterprise = q.by.as_deref() == Some("enterprise");
    let mut rows: HashMap<String, SummaryRow> = HashMap::new();
    let points: Vec<Arc<LivePoint>> = state
        .live
        .all()
        .into_iter()
        .filter(|p| p.in_service && scope.allows(&p.region_code, Some(p.enterprise_id)))
        .collect();
    for p in &points {
        let key =
            if by_enterprise { p.enterprise_id.to_string() } else { p.region_code.chars().take(6).collect::<String>() };
        let r = rows.entry(key.clone()).or_insert_with(|| SummaryRow {
            key,
            name: String::new(),
            total: 0,
            alarm: 0,
            offline: 0,
            never: 0,
        });
        r.total += 1;
        match status_of(p).0 {
            "alarm" => r.alarm += 1,
            "offline" => r.offline += 1,
            "never" => r.never += 1,
            _ => {}
        }
    }
    let mut items: Vec<SummaryRow> = rows.into_values().collect();
    if by_enterprise {
        let ids: Vec<i64> = items.iter().filter_map(|r| r.key.parse().ok()).collect();
        let ents: HashMap<i64, String> =
            enterprise_store::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e.name)).collect();
        for r in &mut items {
            r.name = r.key.parse().ok().and_then(|id: i64| ents.get(&id).cloned()).unwrap_or_default();
        }
    } else {
        for r in &mut items {
            r.name = state.regions.name(&r.key);
        }
    }
    items.sort_by(|a, b| b.alarm.cmp(&a.alarm).then(b.offline.cmp(&a.offline)).then(a.key.cmp(&b.key)));
    Ok(Summary { items })
}

/// The points of the caller's scope as GeoJSON, with their live value and status (the map layer).
pub async fn geojson(state: &AppState, scope: &Scope, f: &MapFilter) -> AppResult<serde_json::Value> {
    let filter =
        PointFilter { region_code: f.region_code.clone(), enterprise_id: f.enterprise_id, ..Default::default() };
    let rows = crate::platform::list::all(
        &state.db.conn,
        store::filtered(scope, &filter, None),
        point::Column::Id,
        state.config.export_max_rows,
    )
    .await?;
    let dtos = to_dtos(state, rows).await?;
    let features: Vec<serde_json::Value> = dtos
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [d.lng, d.lat]},
                "properties": {
                    "id": d.id, "code": d.code, "name": d.name, "kind_name": d.kind_name, "unit": d.unit,
                    "state": d.live.state, "state_name": d.live.state_name, "value": d.live.value,
                    "enterprise_name": d.enterprise_name,
                }
            })
        })
        .collect();
    Ok(serde_json::json!({"type": "FeatureCollection", "features": features}))
}

pub fn sheet_row(d: &PointDto) -> Vec<String> {
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.name.clone(),
        d.kind_name.clone(),
        d.unit.clone(),
        d.target_type_name.clone(),
        d.target_code.clone().unwrap_or_default(),
        d.target_name.clone().unwrap_or_default(),
        d.lng.to_string(),
        d.lat.to_string(),
        d.interval_s.to_string(),
        n(d.high_high),
        n(d.high),
        n(d.low),
        n(d.low_low),
        n(d.rate_of_change),
        n(d.deadband),
        if d.status == "in_service" { "在用" } else { "停用" }.to_string(),
    ]
}
