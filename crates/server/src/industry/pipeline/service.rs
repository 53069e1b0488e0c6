//! Use cases of the pipeline network: validation of geometry and attributes (one path for batches
//! and sheets), upsert by enterprise + segment code, statistics.

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
use crate::platform::reference::RegionIndex;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use ::geo as geo_types;
use chrono::{Datelike, Utc};
use ranjian_domain::network::{material_name, MATERIALS};
use ranjian_domain::PressureClass;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};
use std::collections::HashMap;

const PRESSURE_CHOICES: &[&str] = &["低压", "中压B", "中压A", "次高压B", "次高压A", "高压B", "高压A"];
const MATERIAL_CHOICES: &[&str] =
    &["钢管", "聚乙烯（PE）管", "灰口铸铁管", "球墨铸铁管", "镀锌钢管", "钢骨架复合管", "其他"];
const STATUSES: &[(&str, &str)] = &[("in_service", "在用"), ("abandoned", "废弃")];

pub const COLUMNS: &[Column] = &[
    Column { key: "enterprise_code", header: "权属企业统一社会信用代码", required: true, choices: &[], width: 24.0, note: "" },
    Column { key: "code", header: "管段编号", required: true, choices: &[], width: 18.0, note: "企业内唯一；同一企业按管段编号更新。" },
    Column { key: "name", header: "管段名称", required: false, choices: &[], width: 20.0, note: "" },
    Column { key: "pressure_class", header: "压力级制", required: true, choices: PRESSURE_CHOICES, width: 10.0, note: "GB 50028；也可填设计压力，如 0.4MPa。" },
    Column { key: "material", header: "管材", required: true, choices: MATERIAL_CHOICES, width: 14.0, note: "" },
    Column { key: "nominal_diameter", header: "公称直径(DN)", required: false, choices: &[], width: 12.0, note: "毫米，如 200。" },
    Column { key: "construction_year", header: "建设年份", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "burial_depth", header: "埋深(米)", required: false, choices: &[], width: 10.0, note: "" },
    Column { key: "region_code", header: "所属区划", required: false, choices: &[], width: 10.0, note: "不填时按几何起点所在区县确定。" },
    Column { key: "geometry", header: "几何(GeoJSON)", required: true, choices: &[], width: 50.0, note: "GeoJSON LineString，经纬度（CGCS2000），如 {\"type\":\"LineString\",\"coordinates\":[[117.94,28.45],[117.95,28.46]]}。" },
    Column { key: "status", header: "状态", required: false, choices: &["在用", "废弃"], width: 8.0, note: "默认在用。" },
];

pub struct ValidSegment {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: Option<String>,
    pressure_class: PressureClass,
    material: &'static str,
    nominal_diameter: Option<i32>,
    construction_year: Option<i32>,
    burial_depth: Option<f64>,
    geometry: String,
    length_m: f64,
    bbox: [f64; 4],
    status: &'static str,
}

fn validate_row(
    input: &SegmentInput,
    ents: &HashMap<String, enterprise::Model>,
    regions: &RegionIndex,
    scope: &Scope,
) -> Result<ValidSegment, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "权属企业");
    let code = c.required("code", "管段编号", &input.code, 64);
    let name = c.text("name", "管段名称", &input.name, 100);
    let pressure_class = match opt(&input.pressure_class) {
        None => {
            c.error("pressure_class", "压力级制不能为空");
            None
        }
        Some(p) => {
            let parsed = PressureClass::parse(&p);
            if parsed.is_none() {
                c.error(
                    "pressure_class",
                    format!("压力级制“{p}”无效，应为：{}，或0至4.0MPa的设计压力", PRESSURE_CHOICES.join("、")),
                );
            }
            parsed
        }
    };
    let material = c.choice("material", "管材", &input.material, MATERIALS, true);
    let dn = c.number("nominal_diameter", "公称直径", &input.nominal_diameter, 10.0, 2000.0).map(|n| n.round() as i32);
    let this_year = Utc::now().year() as f64;
    let year = c.number("construction_year", "建设年份", &input.construction_year, 1949.0, this_year);
    if year.is_some_and(|y| y.fract() != 0.0) {
        c.error("construction_year", "建设年份应为整数年份");
    }
    let depth = c.number("burial_depth", "埋深", &input.burial_depth, 0.0, 30.0);
    let line = match &input.geometry {
        None | Some(serde_json::Value::Null) => {
            c.error("geometry", "几何不能为空");
            None
        }
        Some(v) => geo::line_string(v).map_err(|e| c.error("geometry", e)).ok(),
    };
    let region = match opt(&input.region_code) {
        Some(r) => match regions.resolve_record_region(&r) {
            None => {
                c.error("region_code", format!("所属区划“{r}”不存在，应为本市的区县"));
                None
            }
            Some(reg) => Some(reg.code.clone()),
        },
        None => line.as_ref().and_then(|l| {
            let first = l.0.first()?;
            let found = regions.county_at(first.x, first.y).map(|r| r.code.clone());
            if found.is_none() {
                c.error("region_code", "无法根据几何起点确定所属区县，请填写所属区划");
            }
            found
        }),
    };
    if let Some(r) = &region {
        if !scope.allows_region(r) && scope.enterprise_id().is_none() {
            c.error("region_code", format!("所属区划“{}”不在本账号的管辖范围内", regions.name(r)));
        }
    }
    let status = c.choice("status", "状态", &input.status, STATUSES, false).unwrap_or("in_service");
    c.finish(|| {
        let ent = ent.expect("checked");
        let line = line.expect("checked");
        ValidSegment {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            region_code: region.expect("checked"),
            code,
            name,
            pressure_class: pressure_class.expect("checked"),
            material: material.expect("checked"),
            nominal_diameter: dn,
            construction_year: year.map(|y| y as i32),
            burial_depth: depth,
            length_m: (geo::geodesic_length_m(&line) * 100.0).round() / 100.0,
            bbox: geo::bbox_of(&line),
            geometry: geo::line_geojson(&line),
            status,
        }
    })
}

fn same(m: &segment::Model, v: &ValidSegment) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.pressure_class == v.pressure_class.as_str()
        && m.material == v.material
        && m.nominal_diameter == v.nominal_diameter
        && m.construction_year == v.construction_year
        && m.burial_depth == v.burial_depth
        && m.geometry == v.geometry
        && m.status == v.status
}

fn apply(am: &mut segment::ActiveModel, v: &ValidSegment) {
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.pressure_class = Set(v.pressure_class.as_str().to_string());
    am.material = Set(v.material.to_string());
    am.nominal_diameter = Set(v.nominal_diameter);
    am.construction_year = Set(v.construction_year);
    am.burial_depth = Set(v.burial_depth);
    am.length_m = Set(v.length_m);
    am.geometry = Set(v.geometry.clone());
    am.min_lng = Set(v.bbox[0]);
    am.min_lat = Set(v.bbox[1]);
    am.max_lng = Set(v.bbox[2]);
    am.max_lat = Set(v.bbox[3]);
    am.status = Set(v.status.to_string());
    am.updated_at = Set(Utc::now());
}

/// A new segment row (also used by the demo loader).
pub fn new_row(v: &ValidSegment) -> segment::ActiveModel {
    let mut am = segment::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply(&mut am, v);
    am
}

pub struct SegmentRecord;

impl RecordType for SegmentRecord {
    const NAME: &'static str = "pipeline-segments";
    const TITLE: &'static str = "燃气管网台账";
    type Row = SegmentInput;
    type Valid = ValidSegment;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = crate::industry::enterprise::service::example_code();
        [
            &ent[..],
            "XZ-ZY-0001",
            "凤凰大道中压干管",
            "中压A",
            "钢管",
            "200",
            "2012",
            "1.2",
            "信州区",
            r#"{"type":"LineString","coordinates":[[117.9431,28.4552],[117.9502,28.4583]]}"#,
            "在用",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidSegment) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[SegmentInput],
    ) -> AppResult<Vec<Result<ValidSegment, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        Ok(rows.iter().map(|r| validate_row(r, &ents, &ctx.state.regions, ctx.scope)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidSegment)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let codes: Vec<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
        let mut existing: HashMap<(i64, String), segment::Model> = store::find_by_codes(conn, &codes)
            .await?
            .into_iter()
            .map(|m| ((m.enterprise_id, m.code.clone()), m))
            .collect();
        let mut out = Upserted::default();
        for (_, v) in rows {
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let mut am: segment::ActiveModel = m.into();
                    apply(&mut am, &v);
                    let m = am.update(conn).await?;
                    let e = Event::ok("pipeline.import", "pipeline_segment", m.id).detail(format!("更新 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let m = new_row(&v).insert(conn).await?;
                    let e = Event::ok("pipeline.import", "pipeline_segment", m.id).detail(format!("新增 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

pub async fn to_dtos(state: &AppState, rows: Vec<segment::Model>) -> AppResult<Vec<SegmentDto>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = ents.get(&m.enterprise_id);
            let pc = PressureClass::parse(&m.pressure_class);
            SegmentDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                name: m.name,
                pressure_class_name: pc.map(|p| p.name_zh().to_string()).unwrap_or_default(),
                pressure_class: m.pressure_class,
                material_name: material_name(&m.material).to_string(),
                material: m.material,
                nominal_diameter: m.nominal_diameter,
                construction_year: m.construction_year,
                burial_depth: m.burial_depth,
                length_m: m.length_m,
                geometry: serde_json::from_str(&m.geometry).unwrap_or_default(),
                status: m.status,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// Length and count per pressure class, material, construction decade, region or enterprise.
pub async fn stats(state: &AppState, scope: &Scope, q: &NetworkStatsQuery) -> AppResult<NetworkStats> {
    let rows = store::stats(&state.db.conn, scope, q).await?;
    let group = q.group.as_deref().unwrap_or("pressure_class");
    let ent_names: HashMap<String, String> = if group == "enterprise" {
        let ids: Vec<i64> = rows.iter().filter_map(|r| r.0.as_deref()?.parse().ok()).collect();
        enterprise_store::find_by_ids(&state.db.conn, &ids)
            .await?
            .into_iter()
            .map(|e| (e.id.to_string(), e.name))
            .collect()
    } else {
        HashMap::new()
    };
    let name = |k: &Option<String>| -> String {
        let Some(k) = k.as_deref() else { return "未填写".into() };
        match group {
            "material" => material_name(k).to_string(),
            "region" => state.regions.name(k),
            "enterprise" => ent_names.get(k).cloned().unwrap_or_else(|| k.to_string()),
            "decade" => format!("{k}年代"),
            _ => PressureClass::parse(k).map(|p| p.name_zh().to_string()).unwrap_or_else(|| k.to_string()),
        }
    };
    let mut items: Vec<NetworkStat> = rows
        .iter()
        .map(|(k, n, m)| NetworkStat {
            key: k.clone().unwrap_or_default(),
            name: name(k),
            segments: *n,
            length_km: (m / 10.0).round() / 100.0,
        })
        .collect();
    let order = |k: &str| PressureClass::ALL.iter().position(|p| p.as_str() == k).unwrap_or(99);
    match group {
        "pressure_class" => items.sort_by_key(|i| order(&i.key)),
        "decade" | "region" => items.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => items.sort_by(|a, b| b.length_km.partial_cmp(&a.length_km).unwrap_or(std::cmp::Ordering::Equal)),
    }
    let (n, m) = rows.iter().fold((0, 0.0), |(n, m), r| (n + r.1, m + r.2));
    let summary =
        NetworkStat { key: "all".into(), name: "合计".into(), segments: n, length_km: (m / 10.0).round() / 100.0 };
    Ok(NetworkStats { items, summary })
}

/// A demo segment (the generator makes valid data; validation is skipped).
#[allow(clippy::too_many_arguments)]
pub fn demo_segment(
    ent: &enterprise::Model,
    region_code: &str,
    code: String,
    pressure_class: PressureClass,
    material: &'static str,
    nominal_diameter: i32,
    construction_year: i32,
    burial_depth: f64,
    line: &geo_types::LineString<f64>,
) -> segment::ActiveModel {
    new_row(&ValidSegment {
        key: String::new(),
        enterprise_id: ent.id,
        region_code: region_code.to_string(),
        code,
        name: None,
        pressure_class,
        material,
        nominal_diameter: Some(nominal_diameter),
        construction_year: Some(construction_year),
        burial_depth: Some(burial_depth),
        length_m: (geo::geodesic_length_m(line) * 100.0).round() / 100.0,
        bbox: geo::bbox_of(line),
        geometry: geo::line_geojson(line),
        status: "in_service",
    })
}

/// A segment as a row of the import template (export → import changes nothing).
pub fn sheet_row(d: &SegmentDto) -> Vec<String> {
    let text = |v: Option<String>| v.unwrap_or_default();
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        text(d.name.clone()),
        d.pressure_class_name.clone(),
        d.material_name.clone(),
        text(d.nominal_diameter.map(|v| v.to_string())),
        text(d.construction_year.map(|v| v.to_string())),
        text(d.burial_depth.map(|v| v.to_string())),
        d.region_code.clone(),
        d.geometry.to_string(),
        STATUSES.iter().find(|(c, _)| *c == d.status).map(|(_, n)| *n).unwrap_or(&d.status).to_string(),
    ]
}
