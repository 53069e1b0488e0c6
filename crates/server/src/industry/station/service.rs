//! Use cases of the station and facility ledger: validation (location in Shangrao and in its
//! county), upsert by enterprise + facility code, statistics.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::geo;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::today;
use crate::platform::reference::RegionIndex;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};
use std::collections::HashMap;

pub const KINDS: &[(&str, &str)] = &[
    ("gate_station", "门站"),
    ("storage_distribution", "储配站"),
    ("lng_station", "LNG气化站"),
    ("cng_station", "CNG站"),
    ("regulator_station", "调压站"),
    ("regulator_box", "调压箱（柜）"),
    ("lpg_station", "液化石油气储配站"),
    ("bottle_supply_point", "瓶装液化石油气供应站"),
    ("valve", "阀门（井）"),
    ("other", "其他"),
];
const KIND_CHOICES: &[&str] = &[
    "门站",
    "储配站",
    "LNG气化站",
    "CNG站",
    "调压站",
    "调压箱（柜）",
    "液化石油气储配站",
    "瓶装液化石油气供应站",
    "阀门（井）",
    "其他",
];
const STATUSES: &[(&str, &str)] = &[("in_service", "在用"), ("out_of_service", "停用")];
const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];

pub fn kind_name(code: &str) -> &str {
    KINDS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or(code)
}

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
        header: "设施编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "企业内唯一；同一企业按设施编号更新。",
    },
    Column { key: "name", header: "设施名称", required: true, choices: &[], width: 24.0, note: "" },
    Column { key: "kind", header: "设施类型", required: true, choices: KIND_CHOICES, width: 18.0, note: "" },
    Column {
        key: "lng", header: "经度", required: true, choices: &[], width: 12.0, note: "CGCS2000，如 117.9431。"
    },
    Column {
        key: "lat", header: "纬度", required: true, choices: &[], width: 12.0, note: "CGCS2000，如 28.4552。"
    },
    Column { key: "address", header: "地址", required: false, choices: &[], width: 30.0, note: "" },
    Column { key: "capacity", header: "设计规模", required: false, choices: &[], width: 10.0, note: "数字。" },
    Column {
        key: "capacity_unit",
        header: "规模单位",
        required: false,
        choices: &[],
        width: 10.0,
        note: "如 m³、万m³/日、吨。",
    },
    Column { key: "commissioned_on", header: "投运日期", required: false, choices: &[], width: 12.0, note: "" },
    Column {
        key: "major_hazard",
        header: "是否重大危险源",
        required: false,
        choices: &["是", "否"],
        width: 12.0,
        note: "默认否。",
    },
    Column {
        key: "region_code",
        header: "所属区划",
        required: false,
        choices: &[],
        width: 10.0,
        note: "不填时按坐标所在区县确定。",
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

pub struct ValidStation {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: String,
    kind: &'static str,
    lng: f64,
    lat: f64,
    address: Option<String>,
    capacity: Option<f64>,
    capacity_unit: Option<String>,
    commissioned_on: Option<NaiveDate>,
    major_hazard: bool,
    status: &'static str,
}

fn validate_row(
    input: &StationInput,
    ents: &HashMap<String, enterprise::Model>,
    regions: &RegionIndex,
    scope: &Scope,
    day: NaiveDate,
) -> Result<ValidStation, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "权属企业");
    let code = c.required("code", "设施编号", &input.code, 64);
    let name = c.required("name", "设施名称", &input.name, 100);
    let kind = c.choice("kind", "设施类型", &input.kind, KINDS, true);
    let lng = c.number("lng", "经度", &input.lng, -180.0, 180.0);
    let lat = c.number("lat", "纬度", &input.lat, -90.0, 90.0);
    if input.lng.is_none() {
        c.error("lng", "经度不能为空");
    }
    if input.lat.is_none() {
        c.error("lat", "纬度不能为空");
    }
    let point = match (lng, lat) {
        (Some(x), Some(y)) => geo::point(x, y).map_err(|e| c.error("lng", e)).ok(),
        _ => None,
    };
    let address = c.text("address", "地址", &input.address, 200);
    let capacity = c.number("capacity", "设计规模", &input.capacity, 0.0, 1e12);
    let capacity_unit = c.text("capacity_unit", "规模单位", &input.capacity_unit, 20);
    let commissioned_on = c.date("commissioned_on", "投运日期", &input.commissioned_on);
    if commissioned_on.is_some_and(|d| d > day) {
        c.error("commissioned_on", "投运日期不能晚于今天");
    }
    let major_hazard = c.choice("major_hazard", "是否重大危险源", &input.major_hazard, YES_NO, false) == Some("true");
    let found = point.and_then(|p| regions.county_at(p.x(), p.y())).map(|r| r.code.clone());
    let region = match opt(&input.region_code) {
        Some(r) => match regions.resolve_record_region(&r) {
            None => {
                c.error("region_code", format!("所属区划“{r}”不存在，应为本市的区县"));
                None
            }
            Some(reg) => {
                if found.as_deref().is_some_and(|f| !reg.code.starts_with(f) && !f.starts_with(&reg.code)) {
                    c.error(
                        "region_code",
                        format!(
                            "坐标位于{}，与所属区划“{}”不符",
                            regions.name(found.as_deref().unwrap_or("")),
                            reg.name
                        ),
                    );
                }
                Some(reg.code.clone())
            }
        },
        None => {
            if point.is_some() && found.is_none() {
                c.error("region_code", "无法根据坐标确定所属区县，请填写所属区划");
            }
            found
        }
    };
    if let Some(r) = &region {
        if !scope.allows_region(r) {
            c.error("region_code", format!("所属区划“{}”不在本账号的管辖范围内", regions.name(r)));
        }
    }
    let status = c.choice("status", "状态", &input.status, STATUSES, false).unwrap_or("in_service");
    c.finish(|| {
        let ent = ent.expect("checked");
        let p = point.expect("checked");
        ValidStation {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            region_code: region.expect("checked"),
            code,
            name,
            kind: kind.expect("checked"),
            lng: p.x(),
            lat: p.y(),
            address,
            capacity,
            capacity_unit,
            commissioned_on,
            major_hazard,
            status,
        }
    })
}

fn same(m: &station::Model, v: &ValidStation) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.kind == v.kind
        && m.lng == v.lng
        && m.lat == v.lat
        && m.address == v.address
        && m.capacity == v.capacity
        && m.capacity_unit == v.capacity_unit
        && m.commissioned_on == v.commissioned_on
        && m.major_hazard == v.major_hazard
        && m.status == v.status
}

fn apply(am: &mut station::ActiveModel, v: &ValidStation) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.kind = Set(v.kind.to_string());
    am.lng = Set(v.lng);
    am.lat = Set(v.lat);
    am.address = Set(v.address.clone());
    am.capacity = Set(v.capacity);
    am.capacity_unit = Set(v.capacity_unit.clone());
    am.commissioned_on = Set(v.commissioned_on);
    am.major_hazard = Set(v.major_hazard);
    am.status = Set(v.status.to_string());
    am.updated_at = Set(Utc::now());
}

pub struct StationRecord;

impl RecordType for StationRecord {
    const NAME: &'static str = "stations";
    const TITLE: &'static str = "厂站设施台账";
    type Row = StationInput;
    type Valid = ValidStation;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = crate::industry::enterprise::service::example_code();
        [
            &ent[..],
            "XZ-MZ-01",
            "信州门站",
            "门站",
            "117.9431",
            "28.4552",
            "上饶市信州区示例路1号",
            "30",
            "万m³/日",
            "2012-06-30",
            "是",
            "信州区",
            "在用",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidStation) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[StationInput],
    ) -> AppResult<Vec<Result<ValidStation, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate_row(r, &ents, &ctx.state.regions, ctx.scope, day)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidStation)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<(i64, String), station::Model> = store::find_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        let mut out = Upserted::default();
        for (_, v) in rows {
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let mut am: station::ActiveModel = m.into();
                    apply(&mut am, &v);
                    let m = am.update(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("station.import", "station", m.id).detail(format!("更新 {} {}", m.code, m.name)),
                    )
                    .await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = station::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v);
                    let m = am.insert(conn).await?;
                    audit::append(
                        conn,
                        ctx.actor,
                        Event::ok("station.import", "station", m.id).detail(format!("新增 {} {}", m.code, m.name)),
                    )
                    .await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

pub async fn to_dtos(state: &AppState, rows: Vec<station::Model>) -> AppResult<Vec<StationDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            StationDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                name: m.name,
                kind_name: kind_name(&m.kind).to_string(),
                kind: m.kind,
                lng: m.lng,
                lat: m.lat,
                address: m.address,
                capacity: m.capacity,
                capacity_unit: m.capacity_unit,
                commissioned_on: m.commissioned_on,
                major_hazard: m.major_hazard,
                status: m.status,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

pub async fn stats(state: &AppState, scope: &Scope, q: &StationStatsQuery) -> AppResult<StationStats> {
    let rows = store::stats(&state.db.conn, scope, q).await?;
    let group = q.group.as_deref().unwrap_or("kind");
    let ent_names: HashMap<String, String> = if group == "enterprise" {
        let ids: Vec<i64> = rows.iter().filter_map(|r| r.0.parse().ok()).collect();
        enterprise_store::find_by_ids(&state.db.conn, &ids)
            .await?
            .into_iter()
            .map(|e| (e.id.to_string(), e.name))
            .collect()
    } else {
        HashMap::new()
    };
    let mut items: Vec<StationStat> = rows
        .iter()
        .map(|(k, n, h)| StationStat {
            key: k.clone(),
            name: match group {
                "region" => state.regions.name(k),
                "enterprise" => ent_names.get(k).cloned().unwrap_or_else(|| k.clone()),
                _ => kind_name(k).to_string(),
            },
            count: *n,
            major_hazard: *h,
        })
        .collect();
    let order = |k: &str| KINDS.iter().position(|(c, _)| *c == k).unwrap_or(99);
    match group {
        "kind" => items.sort_by_key(|i| order(&i.key)),
        "region" => items.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => items.sort_by_key(|i| std::cmp::Reverse(i.count)),
    }
    let (n, h) = rows.iter().fold((0, 0), |(n, h), r| (n + r.1, h + r.2));
    Ok(StationStats {
        items,
        summary: StationStat { key: "all".into(), name: "合计".into(), count: n, major_hazard: h },
    })
}

/// A demo facility (the generator makes valid data; validation is skipped).
#[allow(clippy::too_many_arguments)]
pub fn demo_station(
    ent: &enterprise::Model,
    code: String,
    name: String,
    kind: &'static str,
    (lng, lat): (f64, f64),
    capacity: Option<(f64, &str)>,
    commissioned_on: NaiveDate,
    major_hazard: bool,
) -> station::ActiveModel {
    let v = ValidStation {
        key: String::new(),
        enterprise_id: ent.id,
        region_code: ent.region_code.clone(),
        code,
        name,
        kind,
        lng: (lng * 1e7).round() / 1e7,
        lat: (lat * 1e7).round() / 1e7,
        address: ent.address.clone(),
        capacity: capacity.map(|c| c.0),
        capacity_unit: capacity.map(|c| c.1.to_string()),
        commissioned_on: Some(commissioned_on),
        major_hazard,
        status: "in_service",
    };
    let mut am = station::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply(&mut am, &v);
    am
}

/// A facility as a row of the import template (export → import changes nothing).
pub fn sheet_row(d: &StationDto) -> Vec<String> {
    let text = |v: Option<String>| v.unwrap_or_default();
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.name.clone(),
        d.kind_name.clone(),
        d.lng.to_string(),
        d.lat.to_string(),
        text(d.address.clone()),
        text(d.capacity.map(|v| v.to_string())),
        text(d.capacity_unit.clone()),
        text(d.commissioned_on.map(|v| v.to_string())),
        if d.major_hazard { "是" } else { "否" }.to_string(),
        d.region_code.clone(),
        STATUSES.iter().find(|(c, _)| *c == d.status).map(|(_, n)| *n).unwrap_or(&d.status).to_string(),
    ]
}
