//! Demo data for Shangrao, deterministic from a seed: `small` for `make run`, `city` for
//! benchmarks (the sizes of a real prefecture city). Loading twice changes nothing.

use crate::industry::enterprise::service::{insert as insert_enterprise, ValidEnterprise};
use crate::industry::enterprise::store::find_by_codes;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::hash_password;
use crate::platform::entities::{app_user, org};
use crate::platform::reference::{counties, CITY_CODE};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ranjian_domain::codes::CREDIT_CODE_CHARSET;
use ranjian_domain::{CreditCode, EnterpriseKind, OrgKind, Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

pub const DEMO_PASSWORD: &str = "Ranjian@2026";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    City,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Scale> {
        match s {
            "small" => Some(Scale::Small),
            "city" => Some(Scale::City),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::City => "city",
        }
    }
    fn enterprises(self) -> usize {
        match self {
            Scale::Small => 360,
            Scale::City => 2400,
        }
    }
}

/// What a load did.
#[derive(Debug, Default)]
pub struct DemoSummary {
    pub enterprises_created: usize,
    pub enterprises_total: usize,
    pub users_created: usize,
    pub practitioners_created: usize,
    pub segments_created: usize,
    pub stations_created: usize,
    /// (communities, gas users) created.
    pub users: (usize, usize),
    /// (cylinders, fillings) created.
    pub cylinders: (usize, usize),
    /// Home safety inspections created.
    pub inspections: usize,
    /// Third-party construction sites created.
    pub third_party_constructions: usize,
    /// Major hazard sources created.
    pub major_hazard_sources: usize,
    /// Patrol records created.
    pub patrols: usize,
    /// Items of the demo supervision tasks.
    pub check_items: usize,
    /// Complaints, reports, service requests and suggestions.
    pub cases: usize,
    /// (monitoring points, readings, alarms) created.
    pub monitoring: (usize, usize, usize),
}

/// Relative weight of each county (by population), in the order of the GeoJSON.
fn weight(code: &str) -> u32 {
    match code {
        "361102" => 14, // 信州区
        "361103" => 9,  // 广丰区
        "361104" => 8,  // 广信区
        "361123" => 7,  // 玉山县
        "361124" => 5,  // 铅山县
        "361125" => 3,  // 横峰县
        "361126" => 4,  // 弋阳县
        "361127" => 9,  // 余干县
        "361128" => 12, // 鄱阳县
        "361129" => 4,  // 万年县
        "361130" => 4,  // 婺源县
        "361181" => 3,  // 德兴市
        _ => 1,
    }
}

const WORDS: &[&str] = &[
    "信达", "华润", "昌盛", "恒通", "安捷", "鑫源", "永安", "瑞丰", "泰和", "金阳", "宏远", "兴旺", "广源", "福顺",
    "中燃", "新奥", "港华", "天然", "惠民", "东方", "长江", "赣东", "三清", "灵山", "龙虎", "鄱湖", "饶州", "信江",
    "丰溪", "怀玉", "葛源", "铜都", "徽韵", "茶乡", "明珠", "四通", "万家", "金鼎", "康达", "顺发", "宝丰", "佳禾",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "程", "汪", "叶", "余", "占", "祝", "毛", "饶",
];
const GIVEN: &[&str] = &[
    "建国", "志强", "海燕", "丽华", "国平", "小军", "红梅", "德明", "文斌", "春生", "秀英", "伟", "芳", "敏", "静",
    "磊", "涛", "鹏", "晓东", "金水", "水根", "有才", "美玲", "卫东",
];
const ROADS: &[&str] = &[
    "解放路",
    "中山路",
    "胜利路",
    "五三大道",
    "凤凰大道",
    "信州大道",
    "滨江路",
    "人民路",
    "建设路",
    "迎宾大道",
    "工业园路",
    "站前路",
    "新城大道",
    "交通路",
];

fn short_name(county: &str) -> &str {
    county.trim_end_matches(['区', '县', '市'])
}

fn random_credit_code(rng: &mut StdRng, county: &str) -> CreditCode {
    let cs: Vec<char> = CREDIT_CODE_CHARSET.chars().collect();
    let body: String = (0..9).map(|_| cs[rng.gen_range(0..cs.len())]).collect();
    CreditCode::complete(&format!("91{county}{body}")).expect("generated code is well-formed")
}

fn phone(rng: &mut StdRng) -> String {
    if rng.gen_bool(0.6) {
        format!("0793-{}", rng.gen_range(8_000_000..8_999_999))
    } else {
        format!("1{}{:09}", [3, 5, 7, 8, 9][rng.gen_range(0..5)], rng.gen_range(0..1_000_000_000u64))
    }
}

/// The enterprises of the demo city, deterministic from the seed.
pub fn enterprises(scale: Scale, seed: u64) -> Vec<ValidEnterprise> {
    let mut rng = StdRng::seed_from_u64(seed);
    let cs = counties();
    let total_weight: u32 = cs.iter().map(|(c, _, _)| weight(c)).sum();
    let n = scale.enterprises();
    let mut out = Vec::with_capacity(n);
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    for (code, county, _) in &cs {
        let count = (n as u32 * weight(code)).div_ceil(total_weight) as usize;
        let short = short_name(county);
        for i in 0..count {
            let roll = rng.gen_range(0..100);
            let kind = match roll {
                0..=9 => EnterpriseKind::PipelineGas,
                10..=69 => EnterpriseKind::BottledLpg,
                70..=89 => EnterpriseKind::VehicleStation,
                _ => EnterpriseKind::Other,
            };
            // The first enterprise of every county is its pipeline gas company.
            let kind = if i == 0 { EnterpriseKind::PipelineGas } else { kind };
            let word = WORDS[rng.gen_range(0..WORDS.len())];
            let suffix = match kind {
                EnterpriseKind::PipelineGas => "燃气有限公司",
                EnterpriseKind::BottledLpg => ["液化气有限公司", "液化石油气供应站", "燃气经营部"][rng.gen_range(0..3)],
                EnterpriseKind::VehicleStation => ["加气站", "CNG加气站", "LNG加气站"][rng.gen_range(0..3)],
                EnterpriseKind::Other => "能源有限公司",
            };
            let mut name =
                format!("{}{word}{suffix}", if i == 0 { format!("上饶市{short}") } else { short.to_string() });
            let mut k = 2;
            while names.contains(&name) {
                name = format!("{short}{word}{suffix}（第{k}分部）");
                k += 1;
            }
            names.insert(name.clone());
            let mut credit = random_credit_code(&mut rng, code);
            while codes.contains(credit.as_str()) {
                credit = random_credit_code(&mut rng, code);
            }
            codes.insert(credit.as_str().to_string());
            let year = rng.gen_range(2021..=2025);
            let from = NaiveDate::from_ymd_opt(year, rng.gen_range(1..=12), rng.gen_range(1..=28)).expect("valid date");
            let to = NaiveDate::from_ymd_opt(from.year() + 3, from.month(), from.day()).expect("valid date")
                - chrono::Days::new(1);
            let legal =
                format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())]);
            out.push(ValidEnterprise {
                code: credit.as_str().to_string(),
                name,
                kind,
                licence_no: Some(format!("赣{year}{}{:04}", &code[4..], out.len() + 1)),
                licence_valid_from: Some(from),
                licence_valid_to: Some(to),
                legal_representative: Some(legal),
                address: Some(format!(
                    "上饶市{county}{}{}号",
                    ROADS[rng.gen_range(0..ROADS.len())],
                    rng.gen_range(1..400)
                )),
                region_code: code.clone(),
                phone: Some(phone(&mut rng)),
            });
        }
    }
    out
}

/// Load the demo data into the database.
pub async fn load(state: &AppState, scale: Scale, seed: u64) -> anyhow::Result<DemoSummary> {
    let mut summary = DemoSummary::default();
    let list = enterprises(scale, seed);
    summary.enterprises_total = list.len();
    let txn = state.db.write_txn().await?;
    let codes: Vec<String> = list.iter().map(|e| e.code.clone()).collect();
    let existing: HashSet<String> = find_by_codes(&*txn, &codes).await?.into_iter().map(|m| m.code).collect();
    let mut created = Vec::new();
    for e in list.iter().filter(|e| !existing.contains(&e.code)) {
        created.push(insert_enterprise(&*txn, e).await?);
        summary.enterprises_created += 1;
    }
    summary.practitioners_created = practitioners(&*txn, &state.crypto, &created, seed).await?;
    summary.segments_created = pipelines(&*txn, &state.regions, &created, scale, seed).await?;
    summary.stations_created = stations(&*txn, &state.regions, &created, seed).await?;
    summary.users = communities(&*txn, &state.regions, &state.crypto, &created, scale, seed).await?;
    summary.cylinders = cylinders(&*txn, &created, scale, state.config.lpg_holding_limit, seed).await?;
    summary.inspections = home_inspections(&*txn, &created, seed).await?;
    summary.third_party_constructions = third_party_constructions(&*txn, &state.regions, &created, scale, seed).await?;
    summary.major_hazard_sources = major_hazard_sources(&*txn, &created, seed).await?;
    summary.patrols = patrols(&*txn, &created, &state.config.patrol_plan, seed).await?;
    summary.cases = cases(state, &*txn, &created, scale, seed).await?;

    // Demo accounts: the city, every county authority, an inspector, and one enterprise.
    let hash = hash_password(DEMO_PASSWORD)?;
    let authority = |kind: OrgKind, region: String| {
        org::Entity::find().filter(org::Column::Kind.eq(kind.as_str())).filter(org::Column::RegionCode.eq(region))
    };
    let city = authority(OrgKind::CityAuthority, CITY_CODE.into())
        .one(&*txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("city authority missing: run migrate"))?;
    let mut accounts: Vec<(String, String, Role, i64)> = vec![
        ("city-admin".into(), "市管理员".into(), Role::CityAdmin, city.id),
        ("city-officer".into(), "市燃气科".into(), Role::CityOfficer, city.id),
    ];
    for (code, county, _) in counties() {
        if let Some(o) = authority(OrgKind::CountyAuthority, code.clone()).one(&*txn).await? {
            accounts.push((format!("county-{code}"), format!("{county}管理员"), Role::CountyAdmin, o.id));
            if code == "361102" {
                accounts.push(("inspector-361102".into(), "信州区检查员".into(), Role::Inspector, o.id));
            }
        }
    }
    let first_in_xinzhou = list.iter().find(|e| e.region_code == "361102").map(|e| e.code.clone());
    if let Some(code) = first_in_xinzhou {
        if let Some(ent) = find_by_codes(&*txn, &[code]).await?.pop() {
            if let Some(o) = org::Entity::find()
                .filter(org::Column::EnterpriseId.eq(ent.id))
                .order_by_asc(org::Column::Id)
                .one(&*txn)
                .await?
            {
                accounts.push(("enterprise-demo".into(), "企业管理员".into(), Role::EnterpriseAdmin, o.id));
            }
        }
    }
    if summary.enterprises_created > 0 {
        let xinzhou = authority(OrgKind::CountyAuthority, "361102".into()).one(&*txn).await?;
        summary.check_items = crate::safety::supervision::service::demo_tasks(&*txn, &city, xinzhou.as_ref()).await?;
    }
    for (username, name, role, org_id) in accounts {
        let exists = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(username.as_str()))
            .one(&*txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        crate::system::service::insert_user(&*txn, &username, &name, hash.clone(), role, org_id, None).await?;
        summary.users_created += 1;
    }
    if summary.enterprises_created > 0 || summary.users_created > 0 {
        let detail = format!(
            "规模 {}，种子 {seed}：新增企业{}家，从业人员{}人，管段{}段，厂站设施{}处，小区{}个，燃气用户{}户，钢瓶{}只，充装记录{}条，入户安检记录{}条，第三方施工工地{}处，重大危险源{}处，巡查记录{}条，监督抽查检查项{}个，投诉举报{}件，新增账号{}个",
            scale.as_str(),
            summary.enterprises_created,
            summary.practitioners_created,
            summary.segments_created,
            summary.stations_created,
            summary.users.0,
            summary.users.1,
            summary.cylinders.0,
            summary.cylinders.1,
            summary.inspections,
            summary.third_party_constructions,
            summary.major_hazard_sources,
            summary.patrols,
            summary.check_items,
            summary.cases,
            summary.users_created
        );
        audit::append(
            &*txn,
            &Actor::system("ranjian demo"),
            Event { action: "demo.load", target_type: None, target_id: None, success: true, detail: Some(detail) },
        )
        .await?;
    }
    txn.commit().await?;
    // A freshly loaded database has no planner statistics: PostgreSQL would take a lookup of 500
    // accounts among a million users for a table scan until autovacuum gets round to it.
    if summary.enterprises_created > 0 {
        sea_orm::ConnectionTrait::execute_unprepared(&state.db.conn, "ANALYZE").await?;
    }
    state.lists.invalidate(crate::industry::enterprise::service::RECORD);
    if summary.enterprises_created > 0 {
        summary.monitoring = monitoring(state, &created, scale, seed).await?;
    }
    Ok(summary)
}

/// Monitoring points of newly created enterprises' key stations and major hazard sources (pressure
/// at gate and regulator stations, flow at gate stations, combustible gas at major hazard sources
/// and LPG stations) with thresholds, a day of readings every 15 minutes, and a current reading that
/// leaves a few points in alarm — raised through the real ingestion path.
async fn monitoring(
    state: &AppState,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    seed: u64,
) -> anyhow::Result<(usize, usize, usize)> {
    use crate::industry::station::model::station;
    use crate::monitoring::camera::model::camera;
    use crate::monitoring::point::model::point;
    use crate::monitoring::reading::{service as readings, store as reading_store};
    use sea_orm::ActiveValue::Set;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x6d6f_6e69);
    let now = chrono::Utc::now();
    let ids: Vec<i64> = enterprises.iter().map(|e| e.id).collect();
    let mut rows = Vec::new();
    let mut cameras = Vec::new();
    // (high-high, high, low, low-low, kind, unit, name suffix)
    type Spec = (Option<f64>, Option<f64>, Option<f64>, Option<f64>, &'static str, &'static str, &'static str);
    for chunk in ids.chunks(500) {
        let stations = station::Entity::find()
            .filter(station::Column::EnterpriseId.is_in(chunk.to_vec()))
            .filter(station::Column::Kind.is_in([
                "gate_station",
                "storage_distribution",
                "regulator_station",
                "lng_station",
                "cng_station",
                "lpg_station",
            ]))
            .order_by_asc(station::Column::Id)
            .all(&state.db.conn)
            .await?;
        for st in stations {
            let mut specs: Vec<Spec> = match st.kind.as_str() {
                "gate_station" => vec![
                    (Some(0.45), Some(0.4), Some(0.2), Some(0.15), "pressure", "MPa", "出站压力"),
                    (Some(20000.0), Some(16000.0), None, None, "flow", "m³/h", "出站流量"),
                ],
                "regulator_station" => {
                    vec![(Some(3.5), Some(3.2), Some(1.8), Some(1.5), "pressure", "kPa", "出口压力")]
                }
                "storage_distribution" => {
                    vec![(Some(1.1), Some(1.0), Some(0.4), Some(0.3), "pressure", "MPa", "储罐压力")]
                }
                "lng_station" | "cng_station" => {
                    vec![(Some(50.0), Some(20.0), None, None, "methane", "%LEL", "可燃气体浓度")]
                }
                _ => vec![(Some(50.0), Some(20.0), None, None, "methane", "%LEL", "储罐区可燃气体浓度")],
            };
            if st.major_hazard && !specs.iter().any(|s| s.4 == "methane") {
                specs.push((Some(50.0), Some(20.0), None, None, "methane", "%LEL", "可燃气体浓度"));
            }
            if scale == Scale::City && st.kind == "regulator_station" && rng.gen_bool(0.5) {
                continue;
            }
            if st.kind != "regulator_station" {
                // The key stations' video, on a stream gateway the deployment provides (none here).
                let code = format!("{}-C1", st.code);
                cameras.push(camera::ActiveModel {
                    enterprise_id: Set(st.enterprise_id),
                    region_code: Set(st.region_code.clone()),
                    stream_url: Set(format!("http://127.0.0.1:8554/live/{code}/index.m3u8")),
                    code: Set(code),
                    name: Set(format!("{}全景", st.name)),
                    station_id: Set(Some(st.id)),
                    station_code: Set(Some(st.code.clone())),
                    lng: Set(st.lng),
                    lat: Set(st.lat),
                    checked_at: Set(None),
                    online: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                });
            }
            for (i, (hh, h, l, ll, kind, unit, label)) in specs.iter().enumerate() {
                rows.push(point::ActiveModel {
                    enterprise_id: Set(st.enterprise_id),
                    region_code: Set(st.region_code.clone()),
                    code: Set(format!("{}-P{}", st.code, i + 1)),
                    name: Set(format!("{}{label}", st.name)),
                    kind: Set(kind.to_string()),
                    unit: Set(unit.to_string()),
                    target_type: Set("station".into()),
                    target_id: Set(Some(st.id)),
                    target_code: Set(Some(st.code.clone())),
                    target_name: Set(Some(st.name.clone())),
                    lng: Set(st.lng),
                    lat: Set(st.lat),
                    interval_s: Set(900),
                    high_high: Set(*hh),
                    high: Set(*h),
                    low: Set(*l),
                    low_low: Set(*ll),
                    rate_of_change: Set(None),
                    deadband: Set(None),
                    status: Set("in_service".into()),
                    created_at: Set(now - chrono::Duration::days(30)),
                    updated_at: Set(now - chrono::Duration::days(30)),
                    ..Default::default()
                });
            }
        }
    }
    let n_points = rows.len();
    {
        let txn = state.db.write_txn().await?;
        let mut it = rows.into_iter().peekable();
        while it.peek().is_some() {
            let chunk: Vec<_> = it.by_ref().take(500).collect();
            point::Entity::insert_many(chunk).exec_without_returning(&*txn).await?;
        }
        let mut it = cameras.into_iter().peekable();
        while it.peek().is_some() {
            let chunk: Vec<_> = it.by_ref().take(500).collect();
            camera::Entity::insert_many(chunk).exec_without_returning(&*txn).await?;
        }
        txn.commit().await?;
    }
    let points = point::Entity::find()
        .filter(point::Column::EnterpriseId.is_in(ids.clone()))
        .order_by_asc(point::Column::Id)
        .all(&state.db.conn)
        .await?;
    // A day of history every 15 minutes, up to half an hour ago: a daily swing around the nominal value.
    let step = 15 * 60_000;
    let end = reading_store::bucket(now.timestamp_millis(), step) - 2 * step;
    let nominal = |p: &point::Model| -> (f64, f64) {
        match (p.kind.as_str(), p.unit.as_str()) {
            ("pressure", "MPa") if p.high.unwrap_or(0.0) > 0.9 => (0.8, 0.05),
            ("pressure", "MPa") => (0.32, 0.03),
            ("pressure", _) => (2.6, 0.25),
            ("flow", _) => (8000.0, 2500.0),
            _ => (1.0, 0.5),
        }
    };
    let mut cols = reading_store::Columns::default();
    for p in &points {
        let (base, spread) = nominal(p);
        let phase = rng.gen_range(0.0..std::f64::consts::TAU);
        let mut t = end - 24 * 3_600_000;
        while t <= end {
            let day = (t as f64 / 86_400_000.0) * std::f64::consts::TAU;
            let v = base + spread * (day + phase).sin() + rng.gen_range(-0.1..0.1) * spread;
            cols.point.push(p.id);
            cols.ts.push(t);
            cols.value.push((v.max(0.0) * 1000.0).round() / 1000.0);
            t += step;
        }
    }
    let n_readings = cols.point.len();
    // History, older than anything a point will report next: straight into `reading`.
    reading_store::insert(&state.db, &cols, &[], &|_| i64::MAX).await?;
    state.live.load(&state.db.conn).await?;
    // The current reading, through the real path: about one point in twenty-five out of range.
    let mut by_ent: HashMap<i64, Vec<readings::Incoming>> = HashMap::new();
    let ts = reading_store::bucket(now.timestamp_millis(), 60_000) - 60_000;
    for (i, p) in points.iter().enumerate() {
        let (base, spread) = nominal(p);
        let value = if rng.gen_bool(0.04) {
            p.high_high.or(p.high).map(|h| h * 1.05).unwrap_or(base)
        } else {
            base + rng.gen_range(-0.5..0.5) * spread
        };
        by_ent.entry(p.enterprise_id).or_default().push(readings::Incoming {
            index: i as u32,
            point: Some(p.code.clone()),
            enterprise_code: None,
            ts: Ok(ts),
            value: Ok((value * 1000.0).round() / 1000.0),
            unit: None,
        });
    }
    let mut alarms = 0;
    for (eid, rows) in by_ent {
        let w = readings::Writer { scope: Scope::system(), enterprise_id: Some(eid) };
        alarms += readings::ingest(state, &w, None, rows, readings::Source::Http).await?.alarms.len();
    }
    Ok((n_points, n_readings + points.len(), alarms))
}

/// Staff of newly created demo enterprises: a principal, safety managers, operators and others,
/// most with a certificate (some expired or expiring, as in real ledgers).
async fn practitioners<C: sea_orm::ConnectionTrait>(
    conn: &C,
    crypto: &crate::platform::crypto::Crypto,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::practitioner::model::practitioner;
    use crate::industry::practitioner::service::demo_row;
    use ranjian_domain::{IdNumber, Post};
    let mut rng = StdRng::seed_from_u64(seed ^ 0x05ee_d0f5_7aff);
    let today = crate::platform::list::today();
    let mut rows = Vec::new();
    for ent in enterprises {
        let n = match ent.kind.as_str() {
            "pipeline_gas" => rng.gen_range(12..30),
            _ => rng.gen_range(3..10),
        };
        for i in 0..n {
            let post = match i {
                0 => Post::Principal,
                1 | 2 => Post::SafetyManager,
                _ if rng.gen_bool(0.15) => Post::Other,
                _ => Post::Operator,
            };
            let birth =
                NaiveDate::from_ymd_opt(rng.gen_range(1965..2002), rng.gen_range(1..=12), rng.gen_range(1..=28))
                    .expect("valid date");
            let first17 = format!("{}{}{:03}", &ent.region_code[..6], birth.format("%Y%m%d"), rng.gen_range(0..1000));
            let Some(id) = IdNumber::complete(&first17) else { continue };
            let name =
                format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())]);
            let certificate = (post.needs_certificate() && rng.gen_bool(0.88)).then(|| {
                let issued = today - chrono::Days::new(rng.gen_range(30..1300));
                let expires = NaiveDate::from_ymd_opt(issued.year() + 3, issued.month(), issued.day().min(28))
                    .expect("valid date");
                (format!("赣燃培{}{:05}", issued.year(), rng.gen_range(0..100_000)), issued, expires)
            });
            let phone = rng
                .gen_bool(0.7)
                .then(|| format!("1{}{:09}", [3, 5, 8, 9][rng.gen_range(0..4)], rng.gen_range(0..1_000_000_000u64)));
            rows.push(demo_row(ent, name, &id, post, certificate, phone, crypto));
        }
    }
    let n = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        practitioner::Entity::insert_many(chunk).exec_without_returning(conn).await?;
    }
    trainings(conn, enterprises, &mut rng).await?;
    Ok(n)
}

/// Training and examination records of the new demo staff: the qualification exam behind each
/// certificate and the yearly safety training most staff attend.
async fn trainings<C: sea_orm::ConnectionTrait>(
    conn: &C,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    rng: &mut StdRng,
) -> anyhow::Result<()> {
    use crate::industry::practitioner::model::{practitioner, training};
    use sea_orm::ActiveValue::Set;
    let today = crate::platform::list::today();
    let now = chrono::Utc::now();
    let ids: Vec<i64> = enterprises.iter().map(|e| e.id).collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(500) {
        let staff = practitioner::Entity::find()
            .filter(practitioner::Column::EnterpriseId.is_in(chunk.to_vec()))
            .all(conn)
            .await?;
        for p in staff {
            let row = |kind: &str, held_on, topic: &str, hours: f64, result: Option<&str>, score: Option<f64>| {
                training::ActiveModel {
                    practitioner_id: Set(p.id),
                    enterprise_id: Set(p.enterprise_id),
                    region_code: Set(p.region_code.clone()),
                    kind: Set(kind.into()),
                    held_on: Set(held_on),
                    topic: Set(topic.into()),
                    hours: Set(Some(hours)),
                    organiser: Set(Some("上饶市城市管理局".into())),
                    result: Set(result.map(str::to_string)),
                    score: Set(score),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            };
            if let Some(issued) = p.certificate_issued_on {
                let topic = match p.post.as_str() {
                    "principal" => "燃气经营企业主要负责人专业培训考核",
                    "safety_manager" => "燃气经营企业安全生产管理人员专业培训考核",
                    _ => "燃气经营企业运行、维护和抢修人员专业培训考核",
                };
                let exam_on = issued - chrono::Days::new(rng.gen_range(10..40));
                rows.push(row("exam", exam_on, topic, 32.0, Some("passed"), Some(rng.gen_range(62..98) as f64)));
            }
            if rng.gen_bool(0.8) {
                let on = today - chrono::Days::new(rng.gen_range(5..330));
                rows.push(row("training", on, "年度燃气安全生产教育培训", 8.0, None, None));
            }
        }
    }
    for chunk in rows.chunks(500) {
        training::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
    }
    Ok(())
}

/// The networks of newly created pipeline-gas enterprises: short segments (about 100 m, as
/// surveyed between fittings) laid as random walks inside the enterprise's county.
async fn pipelines<C: sea_orm::ConnectionTrait>(
    conn: &C,
    regions: &crate::platform::reference::RegionIndex,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::pipeline::model::segment;
    use crate::industry::pipeline::service::demo_segment;
    use ranjian_domain::PressureClass;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x0919_e11e);
    let owners: Vec<_> = enterprises.iter().filter(|e| e.kind == "pipeline_gas").collect();
    if owners.is_empty() {
        return Ok(0);
    }
    let per_owner = match scale {
        Scale::Small => 40,
        Scale::City => 80_000 / owners.len(),
    };
    let mut rows = Vec::new();
    let mut total = 0;
    for ent in owners {
        let inside = |x: f64, y: f64| regions.county_at(x, y).is_some_and(|r| r.code == ent.region_code);
        let Some((mut x, mut y)) = town_point(&mut rng, regions, &ent.region_code, 0.0) else { continue };
        let mut heading: f64 = rng.gen_range(0.0..std::f64::consts::TAU);
        for i in 0..per_owner {
            let mut pts = vec![(x, y)];
            for _ in 0..rng.gen_range(1..4) {
                heading += rng.gen_range(-0.6..0.6);
                let step = rng.gen_range(0.0003..0.0006);
                let (nx, ny) = (x + step * heading.cos(), y + step * heading.sin());
                if inside(nx, ny) {
                    x = nx;
                    y = ny;
                    pts.push((x, y));
                } else {
                    heading += std::f64::consts::PI;
                }
            }
            if pts.len() < 2 {
                continue;
            }
            let pc = match rng.gen_range(0..100) {
                0..=49 => PressureClass::Low,
                50..=64 => PressureClass::MediumB,
                65..=89 => PressureClass::MediumA,
                90..=95 => PressureClass::SubhighB,
                96..=97 => PressureClass::SubhighA,
                _ => PressureClass::HighB,
            };
            let material = match (pc, rng.gen_range(0..100)) {
                (PressureClass::Low | PressureClass::MediumB, 0..=64) => "pe",
                (_, 0..=79) => "steel",
                (_, 80..=89) => "ductile_iron",
                (_, 90..=94) => "galvanised_steel",
                _ => "grey_cast_iron",
            };
            let dn = match pc {
                PressureClass::Low => [50, 63, 90, 110][rng.gen_range(0..4)],
                PressureClass::MediumB | PressureClass::MediumA => [110, 160, 200, 250, 300][rng.gen_range(0..5)],
                _ => [300, 400, 500, 600][rng.gen_range(0..4)],
            };
            let year = 2025 - (rng.gen_range(0.0f64..1.0).powf(1.6) * 32.0) as i32;
            let depth = (rng.gen_range(0.8..1.8f64) * 10.0).round() / 10.0;
            let code = format!("{}-{:05}", &ent.code[8..14], i + 1);
            let line = ::geo::LineString::from(pts);
            rows.push(demo_segment(ent, &ent.region_code, code, pc, material, dn, year, depth, &line));
            if rows.len() >= 1000 {
                total += rows.len();
                segment::Entity::insert_many(std::mem::take(&mut rows)).exec_without_returning(conn).await?;
            }
        }
    }
    total += rows.len();
    if !rows.is_empty() {
        segment::Entity::insert_many(rows).exec_without_returning(conn).await?;
    }
    Ok(total)
}

/// A point inside a county, near its middle (where its towns are), within `spread` degrees.
fn town_point(
    rng: &mut StdRng,
    regions: &crate::platform::reference::RegionIndex,
    county: &str,
    spread: f64,
) -> Option<(f64, f64)> {
    let bbox = regions.county_bbox(county)?;
    let inside = |x: f64, y: f64| regions.county_at(x, y).is_some_and(|r| r.code == county);
    let (cx, cy) = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0);
    for attempt in 0..400 {
        let s = if attempt < 200 { spread } else { (bbox[2] - bbox[0]) / 2.0 };
        let (x, y) = if s > 0.0 { (cx + rng.gen_range(-s..s), cy + rng.gen_range(-s..s)) } else { (cx, cy) };
        if inside(x, y) {
            return Some((x, y));
        }
        if s == 0.0 {
            return town_point(rng, regions, county, 0.05);
        }
    }
    None
}

/// The stations and point facilities of newly created enterprises.
async fn stations<C: sea_orm::ConnectionTrait>(
    conn: &C,
    regions: &crate::platform::reference::RegionIndex,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::station::model::station;
    use crate::industry::station::service::demo_station;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x57a7_1035);
    let today = crate::platform::list::today();
    let mut rows = Vec::new();
    for ent in enterprises {
        let short: String = ent.name.trim_start_matches("上饶市").chars().take(4).collect();
        let plan: Vec<(&'static str, usize)> = match ent.kind.as_str() {
            "pipeline_gas" => vec![
                ("gate_station", 1),
                ("storage_distribution", rng.gen_range(0..2)),
                ("regulator_station", rng.gen_range(2..6)),
                ("regulator_box", rng.gen_range(8..20)),
                ("valve", rng.gen_range(8..20)),
            ],
            "bottled_lpg" if ent.name.contains("公司") => {
                vec![("lpg_station", 1), ("bottle_supply_point", rng.gen_range(1..4))]
            }
            "bottled_lpg" => vec![("bottle_supply_point", 1)],
            "vehicle_station" => vec![(if ent.name.contains("LNG") { "lng_station" } else { "cng_station" }, 1)],
            _ => vec![("other", 1)],
        };
        let mut n = 0;
        for (kind, count) in plan {
            for _ in 0..count {
                n += 1;
                let Some(p) = town_point(&mut rng, regions, &ent.region_code, 0.08) else { continue };
                let (label, capacity, hazard) = match kind {
                    "gate_station" => ("门站", Some((rng.gen_range(5..60) as f64, "万m³/日")), true),
                    "storage_distribution" => ("储配站", Some((rng.gen_range(2..20) as f64 * 1000.0, "m³")), true),
                    "regulator_station" => ("调压站", Some((rng.gen_range(2..30) as f64 * 1000.0, "m³/h")), false),
                    "regulator_box" => ("调压箱", Some((rng.gen_range(1..20) as f64 * 100.0, "m³/h")), false),
                    "valve" => ("阀门井", None, false),
                    "lpg_station" => {
                        ("液化石油气储配站", Some((rng.gen_range(20..200) as f64, "m³")), rng.gen_bool(0.5))
                    }
                    "bottle_supply_point" => ("供应站", None, false),
                    "lng_station" | "cng_station" => ("加气站", Some((rng.gen_range(1..3) as f64, "万m³/日")), false),
                    _ => ("站点", None, false),
                };
                let since = today - chrono::Days::new(rng.gen_range(200..9000));
                rows.push(demo_station(
                    ent,
                    format!("{}-{:03}", &ent.code[8..14], n),
                    format!("{short}{label}{n}号"),
                    kind,
                    p,
                    capacity,
                    since,
                    hazard,
                ));
            }
        }
    }
    let total = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(500).collect();
        station::Entity::insert_many(chunk).exec_without_returning(conn).await?;
    }
    Ok(total)
}

const COMMUNITY_WORDS: &[&str] = &[
    "凤凰", "锦绣", "阳光", "翠苑", "书香", "滨江", "紫园", "金桂", "丰溪", "信江", "怀玉", "龙潭", "桂花", "东湖",
    "湖畔",
];
const COMMUNITY_SUFFIX: &[&str] = &["花园", "小区", "新村", "家园", "公馆", "雅苑"];
const TOWNSHIPS: &[&str] =
    &["城东街道", "城西街道", "城南街道", "城北街道", "茅家岭街道", "沙溪镇", "朝阳镇", "秦峰镇"];

/// Communities of newly created pipeline-gas enterprises and their users with safety devices
/// (household installation rates as in a city midway through its safety-device campaign).
async fn communities<C: sea_orm::ConnectionTrait>(
    conn: &C,
    regions: &crate::platform::reference::RegionIndex,
    crypto: &crate::platform::crypto::Crypto,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    seed: u64,
) -> anyhow::Result<(usize, usize)> {
    use crate::industry::community::model::{community, gas_user};
    use crate::industry::community::service::{demo_community, demo_user};
    use sea_orm::{EntityTrait, QueryFilter};
    let mut rng = StdRng::seed_from_u64(seed ^ 0xc033_0417);
    let (mut n_comm, mut n_users) = (0, 0);
    let owners = enterprises.iter().filter(|e| e.kind == "pipeline_gas").count().max(1);
    // City scale: ≈6,000 communities with ≈200 users each (≈1.2 M users).
    let (per_enterprise, users_per_community) = match scale {
        Scale::Small => (8, 20..40),
        Scale::City => ((6_000 / owners).max(8), 120..280),
    };
    for ent in enterprises.iter().filter(|e| e.kind == "pipeline_gas") {
        let mut rows = Vec::new();
        for i in 0..per_enterprise {
            let Some(p) = town_point(&mut rng, regions, &ent.region_code, 0.06) else { continue };
            let name = format!(
                "{}{}",
                COMMUNITY_WORDS[rng.gen_range(0..COMMUNITY_WORDS.len())],
                COMMUNITY_SUFFIX[rng.gen_range(0..COMMUNITY_SUFFIX.len())]
            );
            let kind = if i % 8 == 7 { "village" } else { "community" };
            let name =
                if kind == "village" { format!("{}村", &name.chars().take(2).collect::<String>()) } else { name };
            let township = TOWNSHIPS[rng.gen_range(0..TOWNSHIPS.len())].to_string();
            rows.push(demo_community(ent, format!("{}-C{:03}", &ent.code[8..14], i + 1), name, kind, township, p));
        }
        n_comm += rows.len();
        community::Entity::insert_many(rows).exec_without_returning(conn).await?;
        let comms = community::Entity::find()
            .filter(sea_orm::ColumnTrait::eq(&community::Column::EnterpriseId, ent.id))
            .all(conn)
            .await?;
        let mut users = Vec::new();
        for c in &comms {
            for u in 0..rng.gen_range(users_per_community.clone()) {
                let household = rng.gen_bool(0.92);
                let category = if household {
                    "household"
                } else {
                    ["catering", "commercial", "institutional", "industrial"][rng.gen_range(0..4)]
                };
                let holder = if household {
                    format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())])
                } else {
                    format!("{}{}", c.name, ["饭店", "超市", "小学", "加工厂"][rng.gen_range(0..4)])
                };
                let address = format!(
                    "{}{}栋{}单元{}",
                    c.name,
                    rng.gen_range(1..20),
                    rng.gen_range(1..4),
                    rng.gen_range(101..1802)
                );
                let phone = rng.gen_bool(0.8).then(|| {
                    format!("1{}{:09}", [3, 5, 8, 9][rng.gen_range(0..4)], rng.gen_range(0..1_000_000_000u64))
                });
                let devices =
                    [rng.gen_bool(0.62), rng.gen_bool(0.35), rng.gen_bool(0.55), rng.gen_bool(0.81), rng.gen_bool(0.7)];
                let account = format!("{}{:04}{:04}", &ent.code[10..14], c.id % 10_000, u + 1);
                users.push(demo_user(c, account, category, holder, address, phone, devices, crypto));
            }
        }
        n_users += users.len();
        for chunk in users.chunks(500) {
            gas_user::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
    }
    Ok((n_comm, n_users))
}

/// Home safety inspections of the users of newly created pipeline-gas enterprises over the last
/// thirty months: most users inspected within their cycle, some lapsed, some never; a tenth of the
/// inspections find hazards, some visits find nobody home or are refused.
async fn home_inspections<C: sea_orm::ConnectionTrait>(
    conn: &C,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::community::model::gas_user;
    use crate::safety::hazard::service::{from_inspections, InspectionFinding};
    use crate::safety::inspection::model::home_inspection;
    use ranjian_domain::safety::{InspectionOutcome, HOME_HAZARDS};
    use sea_orm::ActiveValue::Set;
    use sea_orm::QuerySelect;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x1a5e_c7ed);
    let today = crate::platform::list::today();
    let now = chrono::Utc::now();
    let mut n = 0;
    for ent in enterprises.iter().filter(|e| e.kind == "pipeline_gas") {
        type UserRow = (i64, i64, String, Option<String>, String, String);
        let users: Vec<UserRow> = gas_user::Entity::find()
            .select_only()
            .columns([
                gas_user::Column::Id,
                gas_user::Column::CommunityId,
                gas_user::Column::RegionCode,
                gas_user::Column::Township,
                gas_user::Column::Category,
                gas_user::Column::AccountNo,
            ])
            .filter(gas_user::Column::EnterpriseId.eq(ent.id))
            .into_tuple()
            .all(conn)
            .await?;
        let inspectors: Vec<String> = (0..6)
            .map(|_| format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())]))
            .collect();
        let mut rows = Vec::new();
        let mut findings = Vec::new();
        for (id, community_id, region_code, township, category, account_no) in users {
            if rng.gen_bool(0.08) {
                continue; // never inspected
            }
            let span = if category == "household" { 900 } else { 540 };
            let on = today - chrono::Duration::days(rng.gen_range(0..span));
            let roll = rng.gen_range(0..100);
            let outcome = match roll {
                0..80 => InspectionOutcome::Passed,
                80..90 => InspectionOutcome::HazardFound,
                90..96 => InspectionOutcome::NobodyHome,
                _ => InspectionOutcome::Refused,
            };
            let hazards: Vec<&'static str> = if outcome == InspectionOutcome::HazardFound {
                let mut h: Vec<&str> = (0..rng.gen_range(1..3))
                    .map(|_| HOME_HAZARDS[rng.gen_range(0..HOME_HAZARDS.len() - 1)].0)
                    .collect();
                h.sort_unstable();
                h.dedup();
                h
            } else {
                Vec::new()
            };
            n += 1;
            let record_no = format!("AJ{}{:08}", &ent.code[10..14], n);
            let inspector = inspectors[rng.gen_range(0..inspectors.len())].clone();
            findings.extend(hazards.iter().map(|h| InspectionFinding {
                enterprise_id: ent.id,
                region_code: region_code.clone(),
                township: township.clone(),
                record_no: record_no.clone(),
                hazard: h,
                user_id: id,
                account_no: account_no.clone(),
                inspected_on: on,
                inspector: inspector.clone(),
            }));
            rows.push(home_inspection::ActiveModel {
                enterprise_id: Set(ent.id),
                region_code: Set(region_code),
                township: Set(township),
                community_id: Set(community_id),
                gas_user_id: Set(id),
                record_no: Set(record_no),
                inspected_on: Set(on),
                inspector: Set(inspector),
                outcome: Set(outcome.as_str().to_string()),
                hazard_count: Set(hazards.len() as i32),
                hazards: Set(hazards.join(",")),
                note: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        for chunk in rows.chunks(1000) {
            home_inspection::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
        from_inspections(conn, &Actor::system("ranjian demo"), findings, 30).await?;
        gas_user::Entity::update_many()
            .col_expr(gas_user::Column::LastInspectedOn, crate::safety::inspection::store::last_inspected_expr())
            .filter(gas_user::Column::EnterpriseId.eq(ent.id))
            .exec(conn)
            .await?;
    }
    // Most hazards past their deadline were rectified and closed; some are being rectified or
    // await review (each step in their history, as the workflow would have written it).
    let cond = |m: &str| format!("state = 'found' AND source = 'home_inspection' AND {m} AND deadline < '{today}'");
    // (action, from, to, note) of each step.
    type Step = (&'static str, &'static str, &'static str, &'static str);
    const START: Step = ("start", "found", "rectifying", "已通知用户整改");
    const SUBMIT: Step = ("submit", "rectifying", "awaiting_review", "用户已整改，附整改照片");
    const CLOSE: Step = ("close", "awaiting_review", "closed", "复核通过，予以销号");
    let steps: [(&str, &str, &[Step]); 3] = [
        ("(id % 10) < 7", "closed", &[START, SUBMIT, CLOSE]),
        ("(id % 10) = 7", "rectifying", &[START]),
        ("(id % 10) = 8", "awaiting_review", &[START, SUBMIT]),
    ];
    for (which, to, events) in steps {
        for (action, from, into, note) in events {
            conn.execute_unprepared(&format!(
                "INSERT INTO hazard_event (hazard_id, action, from_state, to_state, note, actor, actor_org, at) \
                 SELECT id, '{action}', '{from}', '{into}', '{note}', '演示数据', NULL, updated_at FROM hazard WHERE {}",
                cond(which)
            ))
            .await?;
        }
        let closed_on = if to == "closed" { "deadline" } else { "NULL" };
        conn.execute_unprepared(&format!(
            "UPDATE hazard SET state = '{to}', closed_on = {closed_on} WHERE {}",
            cond(which)
        ))
        .await?;
    }
    Ok(n)
}

const WORKS: &[&str] =
    &["道路改造", "雨污分流改造", "电力管沟", "通信管道", "供水管网改造", "地铁前期勘探", "桥梁维修"];

/// Third-party construction sites beside the enterprises' own pipelines: most within a few tens of
/// metres of a segment (some with a protection agreement, some without), a few farther off.
async fn third_party_constructions<C: sea_orm::ConnectionTrait>(
    conn: &C,
    regions: &crate::platform::reference::RegionIndex,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::pipeline::model::segment;
    use crate::platform::geo::Site;
    use crate::safety::third_party_construction::model::site;
    use crate::safety::third_party_construction::service::demo_site;
    use sea_orm::QuerySelect;
    let mut rng = StdRng::seed_from_u64(seed ^ 0xc0_5e17e);
    let owners: Vec<_> = enterprises.iter().filter(|e| e.kind == "pipeline_gas").collect();
    if owners.is_empty() {
        return Ok(0);
    }
    let per_owner = match scale {
        Scale::Small => 4,
        Scale::City => (1_200 / owners.len()).max(1),
    };
    let today = crate::platform::list::today();
    let mut rows = Vec::new();
    for ent in owners {
        let lines: Vec<String> = segment::Entity::find()
            .select_only()
            .column(segment::Column::Geometry)
            .filter(segment::Column::EnterpriseId.eq(ent.id))
            .limit(200)
            .into_tuple()
            .all(conn)
            .await?;
        if lines.is_empty() {
            continue;
        }
        for i in 0..per_owner {
            let line: serde_json::Value = serde_json::from_str(&lines[rng.gen_range(0..lines.len())])?;
            let coords = line["coordinates"].as_array().cloned().unwrap_or_default();
            let Some(v) = coords.get(rng.gen_range(0..coords.len().max(1))) else { continue };
            let (x0, y0) = (v[0].as_f64().unwrap_or_default(), v[1].as_f64().unwrap_or_default());
            // Most sites 5–45 m from the pipe, one in five 80–200 m away.
            let off = if rng.gen_bool(0.8) { rng.gen_range(5.0..45.0) } else { rng.gen_range(80.0..200.0) };
            let a: f64 = rng.gen_range(0.0..std::f64::consts::TAU);
            let kx = 111_320.0 * y0.to_radians().cos();
            let (x, y) = (x0 + off * a.cos() / kx, y0 + off * a.sin() / 110_574.0);
            let site = if rng.gen_bool(0.3) {
                let (dx, dy) = (20.0 / kx, 15.0 / 110_574.0);
                Site::Area(::geo::Polygon::new(
                    ::geo::LineString::from(vec![
                        (x - dx, y - dy),
                        (x + dx, y - dy),
                        (x + dx, y + dy),
                        (x - dx, y + dy),
                    ]),
                    vec![],
                ))
            } else {
                Site::Point(::geo::Point::new(x, y))
            };
            let starts = today - chrono::Duration::days(rng.gen_range(-30..150));
            let ends = starts + chrono::Duration::days(rng.gen_range(20..150));
            let road = ROADS[rng.gen_range(0..ROADS.len())];
            let work = WORKS[rng.gen_range(0..WORKS.len())];
            let contractor = format!("江西{}建设工程有限公司", WORDS[rng.gen_range(0..WORDS.len())]);
            let guardian = rng.gen_bool(0.7).then(|| {
                format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())])
            });
            let centre = site.centre();
            let region = regions.county_at(centre.x(), centre.y()).map(|r| r.code.clone());
            rows.push(demo_site(
                ent,
                region,
                format!("SG{}-{:03}", starts.format("%Y%m"), i + 1),
                format!("{road}{work}工程"),
                &contractor,
                site,
                (starts, ends),
                rng.gen_bool(0.6),
                guardian,
            ));
        }
    }
    let n = rows.len();
    for chunk in rows.chunks(500) {
        site::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
    }
    Ok(n)
}

const ASSESSORS: &[&str] = &["江西赣安安全评价有限公司", "江西信达安全技术咨询有限公司", "南昌中安安全评价有限公司"];
const SAFETY_EQUIPMENT: &[(&str, &str)] = &[
    ("可燃气体探测器", "年度检定、标定"),
    ("紧急切断阀", "动作试验、密封检查"),
    ("储罐液位计", "校验"),
    ("安全阀", "年度校验"),
    ("视频监控系统", "巡检、存储检查"),
];

/// A major hazard source at every demo facility marked as one, with its safety assessments (most
/// within three years, some overdue) and equipment maintenance (most within the year).
async fn major_hazard_sources<C: sea_orm::ConnectionTrait>(
    conn: &C,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::station::model::station;
    use crate::safety::major_hazard::model::{assessment, maintenance, source};
    use sea_orm::ActiveValue::Set;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x3a_2a4d);
    let ids: Vec<i64> = enterprises.iter().map(|e| e.id).collect();
    let today = crate::platform::list::today();
    let now = chrono::Utc::now();
    let mut n = 0;
    for chunk in ids.chunks(500) {
        let stations = station::Entity::find()
            .filter(station::Column::EnterpriseId.is_in(chunk.to_vec()))
            .filter(station::Column::MajorHazard.eq(true))
            .order_by_asc(station::Column::Id)
            .all(conn)
            .await?;
        for st in stations {
            let (substance, level, quantity) = match st.kind.as_str() {
                "lpg_station" | "bottle_supply_point" => {
                    ("液化石油气", rng.gen_range(2..=4), rng.gen_range(20.0..200.0))
                }
                "lng_station" => ("液化天然气", rng.gen_range(2..=4), rng.gen_range(30.0..300.0)),
                _ => ("天然气", rng.gen_range(3..=4), rng.gen_range(5.0..60.0)),
            };
            let src = source::ActiveModel {
                enterprise_id: Set(st.enterprise_id),
                region_code: Set(st.region_code.clone()),
                code: Set(format!("ZDWXY-{}", st.code)),
                name: Set(format!("{}储存区", st.name)),
                station_id: Set(st.id),
                level: Set(level),
                substance: Set(substance.into()),
                quantity_t: Set(Some((quantity * 10.0_f64).round() / 10.0)),
                identified_on: Set(st.commissioned_on),
                leak_detection: Set(rng.gen_bool(0.92)),
                emergency_shutoff: Set(rng.gen_bool(0.85)),
                video: Set(rng.gen_bool(0.9)),
                responsible: Set(Some(format!(
                    "{}{}",
                    SURNAMES[rng.gen_range(0..SURNAMES.len())],
                    GIVEN[rng.gen_range(0..GIVEN.len())]
                ))),
                last_assessed_on: Set(None),
                last_maintained_on: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            let src = sea_orm::ActiveModelTrait::insert(src, conn).await?;
            // Assessments three years apart, the latest 0–4 years ago (some past their period).
            let mut assessed = today - chrono::Duration::days(rng.gen_range(30..1_500));
            let mut last_assessed = None;
            for _ in 0..rng.gen_range(1..=2) {
                let a = assessment::ActiveModel {
                    source_id: Set(src.id),
                    assessed_on: Set(assessed),
                    body: Set(ASSESSORS[rng.gen_range(0..ASSESSORS.len())].into()),
                    conclusion: Set(if rng.gen_bool(0.85) { "pass" } else { "conditional" }.into()),
                    report_no: Set(Some(format!("PJ-{}-{:04}", assessed.format("%Y"), rng.gen_range(1..9999)))),
                    created_at: Set(now),
                    ..Default::default()
                };
                sea_orm::ActiveModelTrait::insert(a, conn).await?;
                last_assessed = last_assessed.max(Some(assessed));
                assessed -= chrono::Duration::days(365 * 3);
            }
            let mut last_maintained = None;
            for (equipment, content) in SAFETY_EQUIPMENT.iter().take(rng.gen_range(2..=5)) {
                let on = today - chrono::Duration::days(rng.gen_range(10..480));
                let r = maintenance::ActiveModel {
                    source_id: Set(src.id),
                    maintained_on: Set(on),
                    equipment: Set(equipment.to_string()),
                    content: Set(content.to_string()),
                    maintainer: Set("江西示例计量检测有限公司".into()),
                    result: Set(if rng.gen_bool(0.9) { "normal" } else { "repaired" }.into()),
                    created_at: Set(now),
                    ..Default::default()
                };
                sea_orm::ActiveModelTrait::insert(r, conn).await?;
                last_maintained = last_maintained.max(Some(on));
            }
            let mut am: source::ActiveModel = src.into();
            am.last_assessed_on = Set(last_assessed);
            am.last_maintained_on = Set(last_maintained);
            sea_orm::ActiveModelTrait::update(am, conn).await?;
            n += 1;
        }
    }
    Ok(n)
}

/// Thirty days of patrols of the enterprises' pipelines and facilities: each enterprise keeps to its
/// plan more or less well (from half the planned days to all of them).
async fn patrols<C: sea_orm::ConnectionTrait>(
    conn: &C,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    plan: &crate::platform::config::PatrolPlan,
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::industry::pipeline::model::segment;
    use crate::industry::station::model::station;
    use crate::safety::patrol::model::patrol;
    use sea_orm::ActiveValue::Set;
    use sea_orm::QuerySelect;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x9a_7201);
    let today = crate::platform::list::today();
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    let mut n = 0;
    for ent in enterprises {
        // (kind, id, county, interval, the segment's line and length: a walked track).
        type Target = (&'static str, i64, String, u32, Option<(String, f64)>);
        let mut targets: Vec<Target> = Vec::new();
        let segs: Vec<(i64, String, String, String, f64)> = segment::Entity::find()
            .select_only()
            .columns([
                segment::Column::Id,
                segment::Column::RegionCode,
                segment::Column::PressureClass,
                segment::Column::Geometry,
                segment::Column::LengthM,
            ])
            .filter(segment::Column::EnterpriseId.eq(ent.id))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, region, class, line, length) in segs {
            if let Some(d) = plan.pipeline.get(&class) {
                targets.push(("segment", id, region, *d, Some((line, length))));
            }
        }
        let stations: Vec<(i64, String, String)> = station::Entity::find()
            .select_only()
            .columns([station::Column::Id, station::Column::RegionCode, station::Column::Kind])
            .filter(station::Column::EnterpriseId.eq(ent.id))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, region, kind) in stations {
            if let Some(d) = plan.facility.get(&kind) {
                targets.push(("station", id, region, *d, None));
            }
        }
        if targets.is_empty() {
            continue;
        }
        let diligence: f64 = rng.gen_range(0.5..1.0);
        let patroller =
            format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())]);
        let mut seq = 0;
        for (kind, id, region, interval, line) in targets {
            let mut back = rng.gen_range(0..interval as i64);
            while back < 30 {
                if rng.gen_bool(diligence) {
                    seq += 1;
                    let on = today - chrono::Duration::days(back);
                    let abnormal = rng.gen_bool(0.03);
                    // A third of the pipeline patrols upload the track walked (along the pipe).
                    let track = line.as_ref().filter(|_| rng.gen_bool(0.33));
                    let finding = if kind == "segment" {
                        "管道上方有违章堆放，已要求清理"
                    } else {
                        "站内阀门井积水，已安排抽排"
                    };
                    rows.push(patrol::ActiveModel {
                        enterprise_id: Set(ent.id),
                        region_code: Set(region.clone()),
                        code: Set(format!("XC{}-{seq:05}", on.format("%Y%m%d"))),
                        target_kind: Set(kind.into()),
                        target_id: Set(id),
                        patrolled_on: Set(on),
                        patrolled_time: Set(Some(format!("{:02}:{:02}", rng.gen_range(8..17), rng.gen_range(0..60)))),
                        patroller: Set(patroller.clone()),
                        track: Set(track.map(|t| t.0.clone())),
                        track_length_m: Set(track.map(|t| (t.1 * 10.0).round() / 10.0)),
                        result: Set(if abnormal { "abnormal" } else { "normal" }.into()),
                        findings: Set(abnormal.then(|| finding.to_string())),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    });
                }
                back += interval as i64;
            }
        }
        if rows.len() >= 5_000 {
            n += rows.len();
            for chunk in rows.chunks(500) {
                patrol::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
            }
            rows.clear();
        }
    }
    n += rows.len();
    for chunk in rows.chunks(500) {
        patrol::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
    }
    Ok(n)
}

/// Cylinders of newly created LPG enterprises with their fillings and circulation over the last
/// year (a few overdue for inspection, a few scrapped, a few abnormal flows, as in a real register).
/// Written enterprise by enterprise, so the city scale (≈600,000 cylinders, ≈3 M fillings) never
/// sits in memory at once.
async fn cylinders<C: sea_orm::ConnectionTrait>(
    conn: &C,
    enterprises: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    holding_limit: u32,
    seed: u64,
) -> anyhow::Result<(usize, usize)> {
    use crate::industry::lpg::model::{anomaly, cylinder, filling, movement};
    use chrono::{DateTime, Duration, Utc};
    use ranjian_domain::cylinder::{holding_anomaly, CylinderRules};
    use sea_orm::ActiveValue::Set;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let mut rng = StdRng::seed_from_u64(seed ^ 0x0c11_1d3e);
    let rules = CylinderRules::default();
    let today = crate::platform::list::today();
    let now = Utc::now();
    let beijing = |t: DateTime<Utc>| (t + Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string();
    let lpg: Vec<_> = enterprises.iter().filter(|e| e.kind == "bottled_lpg").collect();
    // City scale: ≈600,000 cylinders filled ≈5 times a year each.
    let (per_enterprise, fills_per_cylinder) = match scale {
        Scale::Small => (15, 1..4),
        Scale::City => ((600_000 / lpg.len().max(1)).max(15), 3..8),
    };
    let lpg_users = (per_enterprise / 2).max(8);
    let (mut n_cyl, mut n_fill) = (0, 0);
    for ent in lpg {
        let (mut cyls, mut fills, mut moves, mut anomalies) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // Cylinders out with each user at the end: (since, cylinder code).
        let mut holdings: HashMap<String, Vec<(DateTime<Utc>, String)>> = HashMap::new();
        let movement = |code: &str, event: &str, at, user, place: &str, worker: &str| movement::ActiveModel {
            cylinder_id: Set(0),
            cylinder_code: Set(code.to_string()),
            enterprise_id: Set(ent.id),
            region_code: Set(ent.region_code.clone()),
            event: Set(event.to_string()),
            occurred_at: Set(at),
            user_account: Set(user),
            place: Set(Some(place.to_string())),
            operator_name: Set(Some(worker.to_string())),
            created_at: Set(now),
            ..Default::default()
        };
        let anomaly = |code: &str, kind: &str, user, at, detail| anomaly::ActiveModel {
            kind: Set(kind.to_string()),
            cylinder_id: Set(0),
            cylinder_code: Set(code.to_string()),
            user_account: Set(user),
            enterprise_id: Set(ent.id),
            region_code: Set(ent.region_code.clone()),
            occurred_at: Set(at),
            detail: Set(detail),
            created_at: Set(now),
            ..Default::default()
        };
        for i in 0..per_enterprise {
            let made = today - chrono::Days::new(rng.gen_range(60..3300));
            let inspected = (made + chrono::Days::new(1460) <= today && rng.gen_bool(0.8))
                .then(|| made + chrono::Days::new(rng.gen_range(1400..1460)));
            let next = rules.next_inspection(inspected.unwrap_or(made));
            let scrapped = rules.end_of_life(made) < today && rng.gen_bool(0.7);
            let code = format!("SR{}{:0w$}", &ent.code[10..16], i + 1, w = if per_enterprise > 999 { 5 } else { 3 });
            let spec = ["YSP-15", "YSP-15", "YSP-15", "YSP-5", "YSP-50"][rng.gen_range(0..5)];
            let mut cyl = cylinder::ActiveModel {
                enterprise_id: Set(ent.id),
                region_code: Set(ent.region_code.clone()),
                code: Set(code.clone()),
                qr_code: Set(Some(format!("{}{:07}", &ent.region_code, rng.gen_range(0..10_000_000)))),
                spec: Set(spec.into()),
                manufacturer: Set(Some(
                    ["浙江金盾钢瓶有限公司", "江西华东钢瓶有限公司", "湖南天宇钢瓶有限公司"][rng.gen_range(0..3)]
                        .into(),
                )),
                manufactured_on: Set(made),
                registration_no: Set(Some(format!("赣R{}-{:06}", &ent.region_code[2..6], rng.gen_range(0..1_000_000)))),
                last_inspected_on: Set(inspected),
                next_inspection_on: Set(next),
                status: Set(if scrapped { "scrapped" } else { "in_use" }.into()),
                last_filled_at: Set(None),
                circulation_state: Set(scrapped.then(|| "scrapped".to_string())),
                holder_account: Set(None),
                circulation_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            if scrapped {
                cyls.push(cyl);
                continue;
            }
            let mut times: Vec<DateTime<Utc>> = (0..rng.gen_range(fills_per_cylinder.clone()))
                .map(|k| now - Duration::days(rng.gen_range(1..330)) - Duration::minutes(k * 7 + i as i64 % 60))
                .collect();
            times.sort();
            let mut state: Option<(&str, Option<String>, DateTime<Utc>)> = None;
            let mut last_filled = None;
            let mut out_with: Option<(String, DateTime<Utc>)> = None;
            for k in 0..times.len() {
                let at = times[k];
                let day = (at + Duration::hours(8)).date_naive();
                let refusal = rules.check_filling(ent.id, ent.id, false, made, next, day).err().map(|e| e.to_string());
                fills.push(filling::ActiveModel {
                    cylinder_id: Set(Some(0)),
                    cylinder_code: Set(code.clone()),
                    enterprise_id: Set(ent.id),
                    region_code: Set(ent.region_code.clone()),
                    station_code: Set(None),
                    filled_at: Set(at),
                    net_weight_kg: Set(Some(match spec {
                        "YSP-5" => 4.5,
                        "YSP-50" => 49.5,
                        _ => 14.5,
                    })),
                    pre_check_ok: Set(true),
                    post_check_ok: Set(true),
                    filler_name: Set(Some(format!("{}师傅", SURNAMES[rng.gen_range(0..SURNAMES.len())]))),
                    refused: Set(refusal.is_some()),
                    refusal_reason: Set(refusal.clone()),
                    created_at: Set(now),
                    ..Default::default()
                });
                if refusal.is_some() {
                    continue;
                }
                last_filled = Some(at);
                state = Some(("filled", None, at));
                // Filled again while still out with a user: the flow the platform flags.
                if let Some((user, since)) = out_with.take() {
                    let detail =
                        format!("钢瓶{code}于{}配送至用户{user}，未回收即于{}再次充装", beijing(since), beijing(at));
                    anomalies.push(anomaly(&code, "refilled_without_return", Some(user), at, detail));
                }
                let user = format!("LPG{}{:04}", &ent.code[10..16], rng.gen_range(0..lpg_users));
                let place = format!(
                    "{}路{}号",
                    ["胜利", "中山", "解放", "建设", "人民", "五三"][rng.gen_range(0..6)],
                    rng.gen_range(1..300)
                );
                let worker = format!("{}师傅", SURNAMES[rng.gen_range(0..SURNAMES.len())]);
                let delivered = at + Duration::hours(rng.gen_range(1..6));
                let in_use = delivered + Duration::hours(2);
                let next_fill = times.get(k + 1).copied();
                // Returned some time before the next filling (most), never (the last, or a few abnormal ones).
                let returned = match next_fill {
                    Some(n) if n > in_use + Duration::hours(2) && !rng.gen_bool(0.05) => {
                        Some(in_use + (n - in_use) * rng.gen_range(5..9) / 10)
                    }
                    _ => None,
                };
                if next_fill.is_none() && rng.gen_bool(0.3) {
                    continue; // still at the station
                }
                for (event, t) in [("delivered", Some(delivered)), ("at_user", Some(in_use)), ("returned", returned)] {
                    let Some(t) = t.filter(|t| *t <= now) else { break };
                    let holder = (event != "returned").then(|| user.clone());
                    moves.push(movement(&code, event, t, holder.clone(), &place, &worker));
                    out_with = holder.clone().map(|u| (u, delivered));
                    state = Some((event, holder, t));
                }
                if next_fill.is_none() {
                    if let Some((user, t)) = &out_with {
                        holdings.entry(user.clone()).or_default().push((*t, code.clone()));
                    }
                }
            }
            cyl.last_filled_at = Set(last_filled);
            if let Some((st, holder, at)) = state {
                cyl.circulation_state = Set(Some(st.to_string()));
                cyl.holder_account = Set(holder);
                cyl.circulation_at = Set(Some(at));
            }
            cyls.push(cyl);
        }
        // Users holding more cylinders than the limit, flagged at the delivery that went over it.
        for (user, mut held) in holdings {
            held.sort();
            for (n, (t, code)) in held.iter().enumerate() {
                if holding_anomaly(n as u32 + 1, holding_limit).is_some() {
                    let detail = format!("用户{user}持有钢瓶{}只，超过上限{holding_limit}只（{code}配送/入户）", n + 1);
                    anomalies.push(anomaly(code, "over_holding", Some(user.clone()), *t, detail));
                }
            }
        }
        n_cyl += cyls.len();
        n_fill += fills.len();
        for chunk in cyls.chunks(500) {
            cylinder::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
        let ids: HashMap<String, i64> = cylinder::Entity::find()
            .select_only()
            .column(cylinder::Column::Code)
            .column(cylinder::Column::Id)
            .filter(cylinder::Column::EnterpriseId.eq(ent.id))
            .into_tuple::<(String, i64)>()
            .all(conn)
            .await?
            .into_iter()
            .collect();
        let id_of = |code: &sea_orm::ActiveValue<String>| match code {
            sea_orm::ActiveValue::Set(c) | sea_orm::ActiveValue::Unchanged(c) => ids.get(c).copied().unwrap_or(0),
            _ => 0,
        };
        for f in &mut fills {
            f.cylinder_id = Set(Some(id_of(&f.cylinder_code)));
        }
        for m in &mut moves {
            m.cylinder_id = Set(id_of(&m.cylinder_code));
        }
        for a in &mut anomalies {
            a.cylinder_id = Set(id_of(&a.cylinder_code));
        }
        for chunk in fills.chunks(1000) {
            filling::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
        for chunk in moves.chunks(1000) {
            movement::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
        for chunk in anomalies.chunks(500) {
            anomaly::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
        }
    }
    Ok((n_cyl, n_fill))
}

/// A year of complaints, reports, service requests and suggestions (a few months at small scale),
/// through every channel, walked down the levels as far as their age allows: most old ones closed
/// and rated, some answered late, the recent ones at every step, a few overdue.
async fn cases<C: sea_orm::ConnectionTrait>(
    state: &AppState,
    conn: &C,
    created: &[crate::industry::enterprise::model::enterprise::Model],
    scale: Scale,
    seed: u64,
) -> anyhow::Result<usize> {
    use crate::complaints::case::model::{case, event, stage};
    use crate::complaints::case::service::{phone_index, place_key};
    use crate::complaints::case::store::local_day;
    use chrono::{Duration, Utc};
    use ranjian_domain::case::{CaseState, CaseType, Channel, GasCategory, Satisfaction, Stage};
    use sea_orm::ActiveValue::Set;
    if created.is_empty() {
        return Ok(0);
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0xCA5E);
    let (n, days) = match scale {
        Scale::Small => (240, 120),
        Scale::City => (200_000, 365),
    };
    let orgs = org::Entity::find().all(conn).await?;
    let city =
        orgs.iter().find(|o| o.kind == OrgKind::CityAuthority.as_str()).ok_or_else(|| anyhow::anyhow!("no city"))?;
    let county_of: HashMap<&str, &org::Model> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::CountyAuthority.as_str())
        .map(|o| (o.region_code.as_str(), o))
        .collect();
    let ent_ids: HashSet<i64> = created.iter().map(|e| e.id).collect();
    let mut ents_of: HashMap<String, Vec<&org::Model>> = HashMap::new();
    for o in orgs.iter().filter(|o| o.enterprise_id.is_some_and(|e| ent_ids.contains(&e))) {
        ents_of.entry(o.region_code.chars().take(6).collect()).or_default().push(o);
    }
    let regions: Vec<String> = ents_of.keys().filter(|r| county_of.contains_key(r.as_str())).cloned().collect();
    let mut regions = regions;
    regions.sort();
    if regions.is_empty() {
        return Ok(0);
    }
    let names: HashMap<String, String> = counties().into_iter().map(|(c, n, _)| (c, n)).collect();
    let cal = state.calendar.get();
    let dl = state.config.case_deadlines.domain();
    let crypto = state.crypto.clone();
    let now = Utc::now();
    let today = local_day(now);
    let places_per_county = match scale {
        Scale::Small => 12,
        Scale::City => 3_000,
    };
    const TEXTS: &[(CaseType, &str)] = &[
        (CaseType::Complaint, "燃气公司上门安检人员态度差，约定时间未到"),
        (CaseType::Complaint, "报修燃气表不走字三天无人处理"),
        (CaseType::Complaint, "液化气送气价格高于公示价格"),
        (CaseType::Complaint, "小区燃气管道改造后路面未恢复"),
        (CaseType::Complaint, "燃气费账单与表数不符"),
        (CaseType::Report, "有人在居民楼内私自存放多个液化气钢瓶"),
        (CaseType::Report, "无证流动车辆沿街销售瓶装液化气"),
        (CaseType::Report, "饭店使用过期未检的液化气钢瓶"),
        (CaseType::ServiceRequest, "申请开通管道天然气"),
        (CaseType::ServiceRequest, "申请燃气表移位"),
        (CaseType::ServiceRequest, "申请上门检查燃气热水器安装"),
        (CaseType::Suggestion, "建议在小区设置燃气安全宣传栏"),
        (CaseType::Suggestion, "建议延长燃气营业厅周末服务时间"),
    ];
    let mut total = 0;
    let mut batch: Vec<CasePlan> = Vec::new();
    for i in 0..n {
        let region = &regions[rng.gen_range(0..regions.len())];
        let county = county_of[region.as_str()];
        let ents = &ents_of[region];
        let ent = ents[rng.gen_range(0..ents.len())];
        let (kind, text) = TEXTS[rng.gen_range(0..TEXTS.len())];
        let channel = match rng.gen_range(0..100) {
            0..=34 => Channel::Web,
            35..=49 => Channel::Phone,
            50..=84 => Channel::Hotline,
            _ => Channel::Enterprise,
        };
        let category = match rng.gen_range(0..100) {
            0..=59 => GasCategory::PipelineGas,
            60..=89 => GasCategory::Lpg,
            90..=94 => GasCategory::VehicleGas,
            _ => GasCategory::Other,
        };
        let received_at = now - Duration::minutes(rng.gen_range(30..days * 24 * 60));
        let county_name = names.get(region).cloned().unwrap_or_default();
        let p = rng.gen_range(0..places_per_county);
        let place = format!("{county_name}{}{}号", ROADS[p % ROADS.len()], (p * 37) % 300 + 1);
        let anonymous = kind == CaseType::Report && rng.gen_bool(0.3);
        let contact = (!anonymous).then(|| {
            let surname = SURNAMES[rng.gen_range(0..SURNAMES.len())];
            let title = if rng.gen_bool(0.5) { "先生" } else { "女士" };
            (format!("{surname}{title}"), phone(&mut rng))
        });
        let origin = match channel {
            Channel::Enterprise => ent,
            Channel::Phone if rng.gen_bool(0.5) => county,
            _ => city,
        };
        let no = format!("TS{}{:06}", local_day(received_at).format("%Y%m%d"), i % 1_000_000);
        let external_no = match channel {
            Channel::Hotline => Some(format!("GD{}{:06}", local_day(received_at).format("%Y%m%d"), i)),
            Channel::Enterprise => Some(format!("QY{:07}", i)),
            _ => None,
        };
        let external_key = match (channel, &external_no) {
            (Channel::Hotline, Some(x)) => format!("hotline:{x}"),
            (Channel::Enterprise, Some(x)) => format!("enterprise:{}:{x}", ent.enterprise_id.unwrap_or(0)),
            _ => format!("{}:{no}", channel.as_str()),
        };
        let hours = |rng: &mut StdRng, lo: i64, hi: i64| Duration::minutes(rng.gen_range(lo * 60..hi * 60));
        // A few cases stall where they are (someone did not act): they run past their deadlines.
        let now = if rng.gen_bool(0.04) { (received_at + hours(&mut rng, 2, 300)).min(now) } else { now };
        let mut events = Vec::new();
        let mut stages = Vec::new();
        let mut parties = vec![origin.id];
        let ev = |action: &str,
                  from: Option<CaseState>,
                  to: CaseState,
                  note: Option<String>,
                  actor: &org::Model,
                  at,
                  to_org: Option<i64>| {
            event::ActiveModel {
                action: Set(action.into()),
                from_state: Set(from.map(|s| s.as_str().to_string())),
                to_state: Set(to.as_str().into()),
                note: Set(note),
                actor: Set(format!("{}经办人", actor.name.chars().take(6).collect::<String>())),
                actor_org: Set(Some(actor.name.clone())),
                to_org_id: Set(to_org),
                at: Set(at),
                ..Default::default()
            }
        };
        let stage_of = |s: Stage, org: i64, start: chrono::DateTime<Utc>, end: Option<chrono::DateTime<Utc>>| {
            let d = dl.deadline(&cal, s, kind, local_day(start));
            let late = end.is_some_and(|e| local_day(e) > d);
            stage::ActiveModel {
                stage: Set(s.as_str().into()),
                org_id: Set(org),
                started_at: Set(start),
                warn_from: Set(dl.warn_from(&cal, local_day(start), d)),
                deadline: Set(d),
                ended_at: Set(end),
                open: Set(end.is_none()),
                // Open stages past their deadline are left to the scheduler's first run to supervise.
                warned: Set(end.is_some()),
                overdue: Set(late),
                late: Set(late),
                ..Default::default()
            }
        };
        let mut state = CaseState::Received;
        let mut holder = origin;
        let mut handler = None;
        let (mut accepted_at, mut answered_at, mut rated_at, mut closed_at) = (None, None, None, None);
        let (mut answer, mut satisfaction) = (None, None);
        let mut enterprise_id = None;
        events.push(ev(
            "receive",
            None,
            CaseState::Received,
            Some(format!("{}：{}", channel.name_zh(), kind.name_zh())),
            origin,
            received_at,
            None,
        ));
        if channel == Channel::Enterprise {
            enterprise_id = ent.enterprise_id;
            let done = received_at + hours(&mut rng, 4, 120);
            if done < now {
                answer = Some("已上门处理完毕".to_string());
                answered_at = Some(done);
                satisfaction =
                    Some(if rng.gen_bool(0.85) { Satisfaction::Satisfied } else { Satisfaction::BasicallySatisfied });
                rated_at = Some(done);
                closed_at = Some(done);
                state = CaseState::Closed;
            } else {
                state = CaseState::Handling;
            }
        } else {
            let late_factor = if rng.gen_bool(0.08) { 3 } else { 1 };
            let acc = received_at + hours(&mut rng, 1, 20 * late_factor);
            if acc > now {
                stages.push(stage_of(Stage::Accept, origin.id, received_at, None));
            } else {
                stages.push(stage_of(Stage::Accept, origin.id, received_at, Some(acc)));
                events.push(ev("accept", Some(CaseState::Received), CaseState::Accepted, None, origin, acc, None));
                state = CaseState::Accepted;
                accepted_at = Some(acc);
                let mut t = acc;
                let mut handle_stage = (holder.id, acc);
                // Down the levels.
                let mut chain: Vec<&org::Model> = Vec::new();
                if origin.id == city.id && rng.gen_bool(0.9) {
                    chain.push(county);
                }
                if (origin.id != city.id || !chain.is_empty()) && rng.gen_bool(0.75) {
                    chain.push(ent);
                }
                let mut went_on = true;
                for o in chain {
                    let at = t + hours(&mut rng, 1, 18);
                    if at > now {
                        went_on = false;
                        break;
                    }
                    events.push(ev(
                        "transfer",
                        Some(state),
                        CaseState::Transferred,
                        Some("请按规定办理并答复".into()),
                        holder,
                        at,
                        Some(o.id),
                    ));
                    state = CaseState::Transferred;
                    holder = o;
                    parties.push(o.id);
                    handle_stage.0 = o.id;
                    if o.enterprise_id.is_some() {
                        enterprise_id = o.enterprise_id;
                    }
                    t = at;
                    let signed = t + hours(&mut rng, 1, 20);
                    if signed > now {
                        stages.push(stage_of(Stage::Sign, o.id, t, None));
                        went_on = false;
                        break;
                    }
                    stages.push(stage_of(Stage::Sign, o.id, t, Some(signed)));
                    t = signed;
                }
                if went_on {
                    if state == CaseState::Transferred || state == CaseState::Accepted {
                        events.push(ev("handle", Some(state), CaseState::Handling, None, holder, t, None));
                        state = CaseState::Handling;
                    }
                    let budget = dl.working_days(Stage::Handle, kind) as i64 * 24;
                    let budget = if rng.gen_bool(0.12) { budget * 3 } else { budget };
                    let ans = t + hours(&mut rng, 2, budget);
                    if ans > now {
                        stages.push(stage_of(Stage::Handle, handle_stage.0, acc, None));
                    } else {
                        stages.push(stage_of(Stage::Handle, handle_stage.0, acc, Some(ans)));
                        let text = "经核实，已安排人员上门处理，问题已解决。".to_string();
                        events.push(ev(
                            "answer",
                            Some(CaseState::Handling),
                            CaseState::Answered,
                            Some(text.clone()),
                            holder,
                            ans,
                            None,
                        ));
                        state = CaseState::Answered;
                        answer = Some(text);
                        answered_at = Some(ans);
                        handler = Some(holder.id);
                        holder = origin;
                        let span = if rng.gen_bool(0.1) { 140 } else { 50 };
                        let fb = ans + hours(&mut rng, 2, span);
                        if fb > now {
                            stages.push(stage_of(Stage::FollowUp, origin.id, ans, None));
                        } else {
                            stages.push(stage_of(Stage::FollowUp, origin.id, ans, Some(fb)));
                            events.push(ev(
                                "follow_up",
                                Some(CaseState::Answered),
                                CaseState::FedBack,
                                Some("已电话告知办理结果".into()),
                                origin,
                                fb,
                                None,
                            ));
                            state = CaseState::FedBack;
                            let rt = fb + hours(&mut rng, 1, 30);
                            if contact.is_some() && rng.gen_bool(0.8) && rt < now {
                                let s = match rng.gen_range(0..100) {
                                    0..=74 => Satisfaction::Satisfied,
                                    75..=91 => Satisfaction::BasicallySatisfied,
                                    _ => Satisfaction::Dissatisfied,
                                };
                                events.push(ev(
                                    "rate",
                                    Some(CaseState::FedBack),
                                    CaseState::Rated,
                                    Some(s.name_zh().into()),
                                    origin,
                                    rt,
                                    None,
                                ));
                                state = CaseState::Rated;
                                satisfaction = Some(s);
                                rated_at = Some(rt);
                            }
                            let cl = rt + hours(&mut rng, 1, 20);
                            if cl < now {
                                let note = (state == CaseState::FedBack).then(|| "回访未接通，按规定办结".to_string());
                                events.push(ev("close", Some(state), CaseState::Closed, note, origin, cl, None));
                                state = CaseState::Closed;
                                closed_at = Some(cl);
                            }
                        }
                    }
                }
            }
        }
        let open_deadline = stages
            .iter()
            .filter(|s| matches!(s.open, Set(true)))
            .filter_map(|s| match &s.deadline {
                Set(d) => Some(*d),
                _ => None,
            })
            .min();
        let am = case::ActiveModel {
            tracking_no: Set(no),
            channel: Set(channel.as_str().into()),
            case_type: Set(kind.as_str().into()),
            gas_category: Set(category.as_str().into()),
            region_code: Set(region.clone()),
            township: Set(None),
            named_enterprise_id: Set((rng.gen_bool(0.5) || channel == Channel::Enterprise)
                .then_some(ent.enterprise_id)
                .flatten()),
            enterprise_id: Set(enterprise_id),
            place_key: Set(place_key(&place, None)),
            place: Set(place),
            lng: Set(None),
            lat: Set(None),
            user_account: Set(None),
            description: Set(text.into()),
            anonymous: Set(anonymous),
            contact_name: Set(contact.as_ref().map(|c| crypto.encrypt(&c.0))),
            contact_phone: Set(contact.as_ref().map(|c| crypto.encrypt(&c.1))),
            contact_index: Set(contact.as_ref().map(|c| phone_index(&crypto, &c.1))),
            external_no: Set(external_no),
            external_key: Set(external_key),
            origin_org_id: Set(origin.id),
            origin_level: Set(level_name(origin).into()),
            holder_org_id: Set(holder.id),
            holder_level: Set(level_name(holder).into()),
            handler_org_id: Set(handler.or((channel == Channel::Enterprise).then_some(ent.id))),
            state: Set(state.as_str().into()),
            reopened: Set(false),
            answer: Set(answer),
            satisfaction: Set(satisfaction.map(|s| s.as_str().to_string())),
            rating_comment: Set(None),
            deadline: Set(open_deadline),
            overdue: Set(open_deadline.is_some_and(|d| d < today)),
            received_at: Set(received_at),
            accepted_at: Set(accepted_at.or((channel == Channel::Enterprise).then_some(received_at))),
            answered_at: Set(answered_at),
            rated_at: Set(rated_at),
            closed_at: Set(closed_at),
            created_at: Set(received_at),
            updated_at: Set(now),
            ..Default::default()
        };
        parties.sort_unstable();
        parties.dedup();
        batch.push((am, events, stages, parties));
        // 500 cases of 40 columns stay under SQLite's 32,766 bound parameters per statement.
        if batch.len() == 500 || i + 1 == n {
            total += insert_cases(conn, std::mem::take(&mut batch)).await?;
        }
    }
    Ok(total)
}

fn level_name(o: &org::Model) -> &'static str {
    match OrgKind::parse(&o.kind) {
        Some(OrgKind::CityAuthority) => "city",
        Some(OrgKind::CountyAuthority) => "county",
        _ => "enterprise",
    }
}

type CasePlan = (
    crate::complaints::case::model::case::ActiveModel,
    Vec<crate::complaints::case::model::event::ActiveModel>,
    Vec<crate::complaints::case::model::stage::ActiveModel>,
    Vec<i64>,
);

async fn insert_cases<C: sea_orm::ConnectionTrait>(conn: &C, batch: Vec<CasePlan>) -> anyhow::Result<usize> {
    use crate::complaints::case::model::{case, event, party, stage};
    use sea_orm::ActiveValue::Set;
    let nos: Vec<String> = batch
        .iter()
        .filter_map(|(c, ..)| match &c.tracking_no {
            Set(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    let n = batch.len();
    let (cases, rest): (Vec<_>, Vec<_>) = batch.into_iter().map(|(c, e, s, p)| (c, (e, s, p))).unzip();
    case::Entity::insert_many(cases).exec_without_returning(conn).await?;
    let ids: HashMap<String, i64> = case::Entity::find()
        .filter(case::Column::TrackingNo.is_in(nos.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.tracking_no, m.id))
        .collect();
    let (mut events, mut stages, mut parties) = (Vec::new(), Vec::new(), Vec::new());
    for (no, (e, s, p)) in nos.iter().zip(rest) {
        let id = ids[no];
        events.extend(e.into_iter().map(|mut x| {
            x.case_id = Set(id);
            x
        }));
        stages.extend(s.into_iter().map(|mut x| {
            x.case_id = Set(id);
            x
        }));
        parties.extend(p.into_iter().map(|o| party::ActiveModel { case_id: Set(id), org_id: Set(o) }));
    }
    for chunk in events.chunks(2000) {
        event::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
    }
    for chunk in stages.chunks(2000) {
        stage::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
    }
    for chunk in parties.chunks(2000) {
        party::Entity::insert_many(chunk.to_vec()).exec_without_returning(conn).await?;
    }
    Ok(n)
}
