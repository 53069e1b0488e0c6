//! Use cases of third-party construction: validation (a point or an area in Shangrao, a time
//! window), upsert by enterprise + site code, and the pipelines near each site — found in the
//! in-memory pipeline layer's R-tree, then measured exactly — with the flag for a site near a
//! medium-pressure or higher pipeline without a signed protection agreement.

use super::model::*;
use super::store;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::enterprise::store as enterprise_store;
use crate::overview::store::{segment_layer, SegmentFeature};
use crate::platform::audit::{self, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, Checker};
use crate::platform::geo::{self, Site};
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{all, today, PageParams};
use crate::platform::reference::{locate, RegionIndex};
use crate::platform::scope::Scope;
use crate::platform::spatial::Layer;
use crate::startup::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use ranjian_domain::network::{material_name, PressureClass};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What the audit log and the list caches call this record type.
pub const RECORD: &str = "third-party-constructions";
const YES_NO: &[(&str, &str)] = &[("true", "是"), ("false", "否")];
pub const STATUSES: &[(&str, &str)] = &[("planned", "未开工"), ("active", "施工中"), ("finished", "已完工")];

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "燃气企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "报送该工地的燃气经营企业（其管线受施工影响）。",
    },
    Column {
        key: "code",
        header: "工地编号",
        required: true,
        choices: &[],
        width: 16.0,
        note: "企业内唯一；同一企业按工地编号更新。",
    },
    Column { key: "name", header: "工程名称", required: true, choices: &[], width: 28.0, note: "" },
    Column { key: "contractor", header: "施工单位", required: true, choices: &[], width: 24.0, note: "" },
    Column { key: "permit_no", header: "施工许可证号", required: false, choices: &[], width: 18.0, note: "" },
    Column { key: "address", header: "施工地点", required: false, choices: &[], width: 28.0, note: "" },
    Column { key: "starts_on", header: "开工日期", required: true, choices: &[], width: 12.0, note: "" },
    Column { key: "ends_on", header: "完工日期", required: true, choices: &[], width: 12.0, note: "不早于开工日期。" },
    Column {
        key: "lng",
        header: "经度",
        required: false,
        choices: &[],
        width: 12.0,
        note: "施工点位；填写了施工范围时可不填。",
    },
    Column { key: "lat", header: "纬度", required: false, choices: &[], width: 12.0, note: "" },
    Column {
        key: "geometry",
        header: "施工范围（GeoJSON）",
        required: false,
        choices: &[],
        width: 30.0,
        note: "GeoJSON 多边形（Polygon），如 {\"type\":\"Polygon\",\"coordinates\":[[[117.94,28.45],[117.95,28.45],[117.95,28.46],[117.94,28.45]]]}；与经纬度二选一。",
    },
    Column {
        key: "agreement_signed",
        header: "是否签订管道保护协议",
        required: false,
        choices: &["是", "否"],
        width: 14.0,
        note: "默认否。",
    },
    Column { key: "guardian", header: "现场监护人", required: false, choices: &[], width: 12.0, note: "" },
    Column {
        key: "region_code",
        header: "所属区划",
        required: false,
        choices: &[],
        width: 10.0,
        note: "不填时按位置所在区县确定。",
    },
];

pub struct ValidSite {
    key: String,
    enterprise_id: i64,
    region_code: String,
    code: String,
    name: String,
    contractor: String,
    permit_no: Option<String>,
    address: Option<String>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    site: Site,
    agreement_signed: bool,
    guardian: Option<String>,
}

fn validate_row(
    input: &ThirdPartyConstructionInput,
    ents: &HashMap<String, enterprise::Model>,
    regions: &RegionIndex,
    scope: &Scope,
) -> Result<ValidSite, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "燃气企业");
    let code = c.required("code", "工地编号", &input.code, 64);
    let name = c.required("name", "工程名称", &input.name, 100);
    let contractor = c.required("contractor", "施工单位", &input.contractor, 100);
    let permit_no = c.text("permit_no", "施工许可证号", &input.permit_no, 64);
    let address = c.text("address", "施工地点", &input.address, 200);
    let starts_on = c.date("starts_on", "开工日期", &input.starts_on);
    let ends_on = c.date("ends_on", "完工日期", &input.ends_on);
    if input.starts_on.as_deref().is_none_or(|s| s.trim().is_empty()) {
        c.error("starts_on", "开工日期不能为空");
    }
    if input.ends_on.as_deref().is_none_or(|s| s.trim().is_empty()) {
        c.error("ends_on", "完工日期不能为空");
    }
    if let (Some(s), Some(e)) = (starts_on, ends_on) {
        if e < s {
            c.error("ends_on", "完工日期不能早于开工日期");
        }
    }
    let site = match (opt(&input.geometry), opt(&input.lng), opt(&input.lat)) {
        (Some(g), _, _) => geo::site(&serde_json::Value::String(g)).map_err(|e| c.error("geometry", e)).ok(),
        (None, Some(_), Some(_)) => {
            let lng = c.number("lng", "经度", &input.lng, -180.0, 180.0);
            let lat = c.number("lat", "纬度", &input.lat, -90.0, 90.0);
            match (lng, lat) {
                (Some(x), Some(y)) => geo::point(x, y).map(Site::Point).map_err(|e| c.error("lng", e)).ok(),
                _ => None,
            }
        }
        (None, None, None) => {
            c.error("lng", "请填写施工点位的经纬度，或施工范围");
            None
        }
        (None, lng, _) => {
            c.error(if lng.is_none() { "lng" } else { "lat" }, "经度和纬度应同时填写");
            None
        }
    };
    let agreement_signed =
        c.choice("agreement_signed", "是否签订管道保护协议", &input.agreement_signed, YES_NO, false) == Some("true");
    let guardian = c.text("guardian", "现场监护人", &input.guardian, 50);
    let region = match &site {
        Some(s) => {
            let p = s.centre();
            locate(&mut c, regions, scope, &input.region_code, Some((p.x(), p.y())))
        }
        None => None,
    };
    c.finish(|| {
        let ent = ent.expect("checked");
        ValidSite {
            key: format!("{}:{code}", ent.id),
            enterprise_id: ent.id,
            region_code: region.expect("checked"),
            code,
            name,
            contractor,
            permit_no,
            address,
            starts_on: starts_on.expect("checked"),
            ends_on: ends_on.expect("checked"),
            site: site.expect("checked"),
            agreement_signed,
            guardian,
        }
    })
}

fn same(m: &site::Model, v: &ValidSite) -> bool {
    m.region_code == v.region_code
        && m.name == v.name
        && m.contractor == v.contractor
        && m.permit_no == v.permit_no
        && m.address == v.address
        && m.starts_on == v.starts_on
        && m.ends_on == v.ends_on
        && m.geometry == v.site.geojson()
        && m.agreement_signed == v.agreement_signed
        && m.guardian == v.guardian
}

fn apply(am: &mut site::ActiveModel, v: &ValidSite) {
    let c = v.site.centre();
    let b = v.site.bbox();
    am.enterprise_id = Set(v.enterprise_id);
    am.region_code = Set(v.region_code.clone());
    am.code = Set(v.code.clone());
    am.name = Set(v.name.clone());
    am.contractor = Set(v.contractor.clone());
    am.permit_no = Set(v.permit_no.clone());
    am.address = Set(v.address.clone());
    am.starts_on = Set(v.starts_on);
    am.ends_on = Set(v.ends_on);
    am.geometry = Set(v.site.geojson());
    am.lng = Set((c.x() * 1e7).round() / 1e7);
    am.lat = Set((c.y() * 1e7).round() / 1e7);
    am.min_lng = Set(b[0]);
    am.min_lat = Set(b[1]);
    am.max_lng = Set(b[2]);
    am.max_lat = Set(b[3]);
    am.agreement_signed = Set(v.agreement_signed);
    am.guardian = Set(v.guardian.clone());
    am.updated_at = Set(Utc::now());
}

pub struct ThirdPartyConstructionRecord;

impl RecordType for ThirdPartyConstructionRecord {
    const NAME: &'static str = RECORD;
    const TITLE: &'static str = "第三方施工台账";
    type Row = ThirdPartyConstructionInput;
    type Valid = ValidSite;

    fn columns() -> &'static [Column] {
        COLUMNS
    }

    fn example() -> Vec<String> {
        let ent = enterprises::example_code();
        [
            &ent[..],
            "SG-2026-001",
            "信州区滨江路雨污分流改造工程",
            "江西示例市政工程有限公司",
            "361102202611010101",
            "信州区滨江路与五三大道交叉口",
            "2026-11-01",
            "2027-01-31",
            "117.9431",
            "28.4552",
            "",
            "是",
            "王工",
            "信州区",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }

    fn code(v: &ValidSite) -> &str {
        &v.key
    }

    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[ThirdPartyConstructionInput],
    ) -> AppResult<Vec<Result<ValidSite, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        Ok(rows.iter().map(|r| validate_row(r, &ents, &ctx.state.regions, ctx.scope)).collect())
    }

    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidSite)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let keys: Vec<(i64, String)> = rows.iter().map(|(_, v)| (v.enterprise_id, v.code.clone())).collect();
        let mut existing = store::by_codes(conn, &keys).await?;
        let mut out = Upserted::default();
        for (_, v) in rows {
            match existing.remove(&(v.enterprise_id, v.code.clone())) {
                Some(m) if same(&m, &v) => out.unchanged += 1,
                Some(m) => {
                    let mut am: site::ActiveModel = m.into();
                    apply(&mut am, &v);
                    let m = am.update(conn).await?;
                    let e = Event::ok("third_party_construction.import", "third_party_construction", m.id)
                        .detail(format!("更新 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = site::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
                    apply(&mut am, &v);
                    let m = am.insert(conn).await?;
                    let e = Event::ok("third_party_construction.import", "third_party_construction", m.id)
                        .detail(format!("新增 {} {}", m.code, m.name));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// planned | active | finished on `day`.
pub fn status_on(m: &site::Model, day: NaiveDate) -> &'static str {
    if day < m.starts_on {
        "planned"
    } else if day > m.ends_on {
        "finished"
    } else {
        "active"
    }
}

fn stored_site(m: &site::Model) -> Site {
    geo::site(&serde_json::Value::String(m.geometry.clone())).unwrap_or(Site::Point(::geo::Point::new(m.lng, m.lat)))
}

/// Every segment in service within the radius of each site (before scope), nearest first, as
/// (distance, position in the layer): measured once per site and pipeline layer, then filtered by
/// each caller's scope. A new layer (a pipeline write) or another radius starts it afresh; a site
/// written again is measured again (its key holds its update time).
#[derive(Default)]
pub struct Nearby {
    kept: Mutex<Option<NearbyOf>>,
}

/// (distance in metres, position in the layer) of each segment near a site, nearest first.
type Found = Arc<Vec<(f64, u32)>>;

struct NearbyOf {
    layer: Arc<Layer<SegmentFeature>>,
    radius: f64,
    /// By site id and update time.
    sites: HashMap<(i64, DateTime<Utc>), Found>,
}

impl Nearby {
    fn of(&self, layer: &Arc<Layer<SegmentFeature>>, radius: f64, m: &site::Model) -> Found {
        let key = (m.id, m.updated_at);
        {
            let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(k) = kept.as_ref().filter(|k| Arc::ptr_eq(&k.layer, layer) && k.radius == radius) {
                if let Some(found) = k.sites.get(&key) {
                    return found.clone();
                }
            }
        }
        let s = stored_site(m);
        let items = layer.items();
        let mut found: Vec<(f64, u32)> = layer
            .positions_within(s.search_box(radius))
            .into_iter()
            .map(|i| (s.distance_m(&items[i as usize].line), i))
            .filter(|(d, _)| *d <= radius)
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(items[a.1 as usize].id.cmp(&items[b.1 as usize].id)));
        let found = Arc::new(found);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let k = match kept.as_mut() {
            Some(k) if Arc::ptr_eq(&k.layer, layer) && k.radius == radius => k,
            _ => kept.insert(NearbyOf { layer: layer.clone(), radius, sites: HashMap::new() }),
        };
        // Sites written again leave their old measurements behind: start afresh now and then.
        if k.sites.len() > 100_000 {
            k.sites.clear();
        }
        k.sites.insert(key, found.clone());
        found
    }
}

/// The segments in service, visible to `scope`, within `radius` metres of the site, nearest first.
fn near<'a>(
    state: &AppState,
    layer: &'a Arc<Layer<SegmentFeature>>,
    scope: &Scope,
    m: &site::Model,
    radius: f64,
) -> Vec<(f64, &'a SegmentFeature)> {
    let items = layer.items();
    state
        .tallies
        .memo::<Nearby>()
        .of(layer, radius, m)
        .iter()
        .map(|(d, i)| (*d, &items[*i as usize]))
        .filter(|(_, f)| scope.allows(&f.region_code, Some(f.enterprise_id)))
        .collect()
}

fn summarise(m: &site::Model, found: &[(f64, &SegmentFeature)]) -> Proximity {
    let highest = found.iter().filter_map(|(_, f)| PressureClass::parse(&f.pressure_class)).max();
    Proximity {
        nearby_count: found.len(),
        nearest_m: found.first().map(|(d, _)| (d * 10.0).round() / 10.0),
        highest_pressure: highest.map(|p| p.as_str().to_string()),
        highest_pressure_name: highest.map(|p| p.name_zh().to_string()),
        flagged: !m.agreement_signed && highest.is_some_and(|p| p.is_medium_or_higher()),
    }
}

/// The proximity of each site to the pipelines `scope` may see (one R-tree search per site).
pub async fn proximity(state: &AppState, scope: &Scope, sites: &[site::Model]) -> AppResult<Vec<Proximity>> {
    let layer = segment_layer(state).await?;
    let radius = state.config.third_party_construction_radius_m;
    Ok(sites.iter().map(|m| summarise(m, &near(state, &layer, scope, m, radius))).collect())
}

pub async fn to_dtos(
    state: &AppState,
    scope: &Scope,
    rows: Vec<site::Model>,
) -> AppResult<Vec<ThirdPartyConstructionDto>> {
    let near = proximity(state, scope, &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, enterprise::Model> =
        enterprise_store::find_by_ids(&state.db.conn, &ids).await?.into_iter().map(|e| (e.id, e)).collect();
    let day = today();
    Ok(rows
        .into_iter()
        .zip(near)
        .map(|(m, proximity)| {
            let e = ents.get(&m.enterprise_id);
            let status = status_on(&m, day);
            ThirdPartyConstructionDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_code: e.map(|e| e.code.clone()).unwrap_or_default(),
                enterprise_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                code: m.code,
                name: m.name,
                contractor: m.contractor,
                permit_no: m.permit_no,
                address: m.address,
                starts_on: m.starts_on,
                ends_on: m.ends_on,
                status: status.to_string(),
                status_name: crate::platform::fields::name_of(STATUSES, status),
                geometry: serde_json::from_str(&m.geometry).unwrap_or(serde_json::Value::Null),
                lng: m.lng,
                lat: m.lat,
                agreement_signed: m.agreement_signed,
                guardian: m.guardian,
                proximity,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// Sites matching the filter. With `flagged` the whole filtered set is measured and the page cut
/// from the flagged ones; otherwise the database pages and only the page is measured.
pub async fn list(
    state: &AppState,
    scope: &Scope,
    f: &ThirdPartyConstructionFilter,
    page: &PageParams,
) -> AppResult<(Vec<ThirdPartyConstructionDto>, u64)> {
    let day = today();
    match f.flagged {
        Some(flag) => {
            let rows = every(state, scope, f).await?;
            let near = proximity(state, scope, &rows).await?;
            let kept: Vec<site::Model> =
                rows.into_iter().zip(near).filter(|(_, p)| p.flagged == flag).map(|(m, _)| m).collect();
            let total = kept.len() as u64;
            let page_rows = kept.into_iter().skip(page.offset() as usize).take(page.page_size() as usize).collect();
            Ok((to_dtos(state, scope, page_rows).await?, total))
        }
        None => {
            let (rows, total) = store::page(&state.db.conn, scope, f, page, day).await?;
            Ok((to_dtos(state, scope, rows).await?, total))
        }
    }
}

/// Every site matching the filter (except `flagged`), newest first, up to the export limit.
async fn every(state: &AppState, scope: &Scope, f: &ThirdPartyConstructionFilter) -> AppResult<Vec<site::Model>> {
    let q = store::ordered(store::filtered(scope, f, today()));
    Ok(all(&state.db.conn, q, site::Column::Id, state.config.export_max_rows).await?)
}

/// Every site matching the filter including `flagged`, for the export.
pub async fn export_rows(
    state: &AppState,
    scope: &Scope,
    f: &ThirdPartyConstructionFilter,
) -> AppResult<Vec<ThirdPartyConstructionDto>> {
    let dtos = to_dtos(state, scope, every(state, scope, f).await?).await?;
    Ok(dtos.into_iter().filter(|d| f.flagged.is_none_or(|flag| d.proximity.flagged == flag)).collect())
}

pub async fn detail(state: &AppState, scope: &Scope, id: i64) -> AppResult<ThirdPartyConstructionDetail> {
    let m = store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let layer = segment_layer(state).await?;
    let radius = state.config.third_party_construction_radius_m;
    let found = near(state, &layer, scope, &m, radius);
    let names = enterprises::names(state).await?;
    let nearby = found
        .iter()
        .map(|(d, f)| NearbySegment {
            segment_id: f.id,
            code: f.code.clone(),
            enterprise_name: crate::platform::names::name(&names, f.enterprise_id),
            pressure_class: f.pressure_class.clone(),
            pressure_class_name: PressureClass::parse(&f.pressure_class)
                .map(|p| p.name_zh().to_string())
                .unwrap_or_else(|| f.pressure_class.clone()),
            material_name: material_name(&f.material).to_string(),
            nominal_diameter: f.nominal_diameter,
            distance_m: (d * 10.0).round() / 10.0,
            geometry: serde_json::json!({"type": "LineString", "coordinates": f.line}),
        })
        .collect();
    drop(found);
    let site = to_dtos(state, scope, vec![m]).await?.remove(0);
    Ok(ThirdPartyConstructionDetail { site, distance_m: radius, nearby })
}

/// Sites per county or enterprise: under way, near pipelines, flagged, agreement rate.
pub async fn stats(
    state: &AppState,
    scope: &Scope,
    q: &ThirdPartyConstructionStatsQuery,
) -> AppResult<ThirdPartyConstructionStats> {
    let f = ThirdPartyConstructionFilter { region_code: q.region_code.clone(), ..Default::default() };
    let rows = every(state, scope, &f).await?;
    let near = proximity(state, scope, &rows).await?;
    let by_enterprise = q.group.as_deref() == Some("enterprise");
    let names = if by_enterprise { Some(enterprises::names(state).await?) } else { None };
    let day = today();
    let mut groups: HashMap<String, ThirdPartyConstructionStat> = HashMap::new();
    let blank = |key: String, name: String| ThirdPartyConstructionStat {
        key,
        name,
        total: 0,
        active: 0,
        near_pipelines: 0,
        flagged: 0,
        agreement_rate: None,
    };
    let mut summary = blank("all".into(), "合计".into());
    let mut signed: HashMap<String, u64> = HashMap::new();
    let mut signed_all = 0u64;
    for (m, p) in rows.iter().zip(&near) {
        let key = if by_enterprise { m.enterprise_id.to_string() } else { m.region_code.clone() };
        let name = match &names {
            Some(book) => crate::platform::names::name(book, m.enterprise_id),
            None => state.regions.name(&m.region_code),
        };
        let g = groups.entry(key.clone()).or_insert_with(|| blank(key.clone(), name));
        for s in [&mut *g, &mut summary] {
            s.total += 1;
            s.active += u64::from(status_on(m, day) == "active");
            s.near_pipelines += u64::from(p.nearby_count > 0);
            s.flagged += u64::from(p.flagged);
        }
        if p.nearby_count > 0 && m.agreement_signed {
            *signed.entry(key).or_default() += 1;
            signed_all += 1;
        }
    }
    let rate = |signed: u64, near: u64| (near > 0).then(|| signed as f64 / near as f64);
    let mut items: Vec<ThirdPartyConstructionStat> = groups
        .into_values()
        .map(|mut g| {
            g.agreement_rate = rate(signed.get(&g.key).copied().unwrap_or(0), g.near_pipelines);
            g
        })
        .collect();
    summary.agreement_rate = rate(signed_all, summary.near_pipelines);
    if by_enterprise {
        items.sort_by(|a, b| b.flagged.cmp(&a.flagged).then(b.total.cmp(&a.total)).then(a.key.cmp(&b.key)));
    } else {
        items.sort_by(|a, b| a.key.cmp(&b.key));
    }
    Ok(ThirdPartyConstructionStats { items, summary })
}

/// A site as a row of the import template (export → import changes nothing).
pub fn sheet_row(d: &ThirdPartyConstructionDto) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (lng, lat, area) = match d.geometry["type"].as_str() {
        Some("Polygon") => (String::new(), String::new(), d.geometry.to_string()),
        _ => (d.lng.to_string(), d.lat.to_string(), String::new()),
    };
    vec![
        d.enterprise_code.clone(),
        d.code.clone(),
        d.name.clone(),
        d.contractor.clone(),
        text(&d.permit_no),
        text(&d.address),
        d.starts_on.to_string(),
        d.ends_on.to_string(),
        lng,
        lat,
        area,
        if d.agreement_signed { "是" } else { "否" }.to_string(),
        text(&d.guardian),
        d.region_code.clone(),
    ]
}

/// A demo site (the generator makes valid data; validation is skipped).
#[allow(clippy::too_many_arguments)]
pub fn demo_site(
    ent: &enterprise::Model,
    region_code: Option<String>,
    code: String,
    name: String,
    contractor: &str,
    site: Site,
    (starts_on, ends_on): (NaiveDate, NaiveDate),
    agreement_signed: bool,
    guardian: Option<String>,
) -> site::ActiveModel {
    let v = ValidSite {
        key: String::new(),
        enterprise_id: ent.id,
        region_code: region_code.unwrap_or_else(|| ent.region_code.clone()),
        code,
        name,
        contractor: contractor.to_string(),
        permit_no: None,
        address: None,
        starts_on,
        ends_on,
        site,
        agreement_signed,
        guardian,
    };
    let mut am = site::ActiveModel { created_at: Set(Utc::now()), ..Default::default() };
    apply(&mut am, &v);
    am
}
