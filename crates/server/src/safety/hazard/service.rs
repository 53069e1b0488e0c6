//! Hazards: the record type of the data standard (enterprises' own findings, patrols, passed-on
//! complaints), hazards raised by home inspections, the rectification steps with their evidence,
//! overdue supervision by the scheduler, and rectification rates.

use super::model::*;
use super::store;
use crate::industry::community::model::gas_user;
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::pipeline::store as segments;
use crate::industry::station::store as stations;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{name_of, opt, Checker};
use crate::platform::files;
use crate::platform::geo;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{today, PageParams};
use crate::platform::names::name;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{Duration, NaiveDate, Utc};
use ranjian_domain::hazard::{
    classify, criterion_name, HazardAction, HazardActor, HazardError, HazardLevel, HazardState, LEVELS, MAJOR_CRITERIA,
};
use ranjian_domain::safety::{hazard_name, HOME_HAZARDS};
use ranjian_domain::OrgKind;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use std::collections::HashMap;

pub const SOURCES: &[(&str, &str)] = &[
    ("self_inspection", "企业自查"),
    ("patrol", "巡查巡检"),
    ("home_inspection", "入户安检"),
    ("spot_check", "监督抽查"),
    ("complaint", "投诉"),
    ("report", "举报"),
];
pub const PLACE_KINDS: &[(&str, &str)] =
    &[("user", "燃气用户"), ("station", "厂站设施"), ("segment", "管段"), ("point", "位置点")];

fn level_choices() -> Vec<(&'static str, &'static str)> {
    LEVELS.iter().map(|l| (l.as_str(), l.name_zh())).collect()
}

pub const COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "隐患责任企业。",
    },
    Column {
        key: "code",
        header: "隐患编号",
        required: true,
        choices: &[],
        width: 18.0,
        note: "企业自编，企业内唯一；重复导入同一编号即更新隐患描述（不改变整改状态）。",
    },
    Column {
        key: "source",
        header: "隐患来源",
        required: true,
        choices: &["企业自查", "巡查巡检", "入户安检", "监督抽查", "投诉", "举报"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "level",
        header: "隐患等级",
        required: true,
        choices: &["一般隐患", "较大隐患", "重大隐患"],
        width: 12.0,
        note: "符合重大隐患判定标准的，无论填写何等级均按重大隐患管理。",
    },
    Column {
        key: "criterion",
        header: "重大隐患判定情形",
        required: false,
        choices: &[],
        width: 30.0,
        note: "《城镇燃气经营安全重大隐患判定标准》中的情形，填写后即判定为重大隐患。",
    },
    Column {
        key: "category",
        header: "隐患类别",
        required: true,
        choices: &[],
        width: 12.0,
        note: "如管网、场站、用户、瓶装燃气、管理。",
    },
    Column { key: "description", header: "隐患描述", required: true, choices: &[], width: 36.0, note: "" },
    Column {
        key: "place_kind",
        header: "隐患位置类型",
        required: true,
        choices: &["燃气用户", "厂站设施", "管段", "位置点"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "place_ref",
        header: "位置编号",
        required: false,
        choices: &[],
        width: 18.0,
        note: "燃气用户填户号，厂站设施、管段填其编号（须在台账中登记）；位置点不填。",
    },
    Column { key: "lng", header: "经度", required: false, choices: &[], width: 12.0, note: "位置点必填。" },
    Column { key: "lat", header: "纬度", required: false, choices: &[], width: 12.0, note: "位置点必填。" },
    Column {
        key: "found_on", header: "发现日期", required: true, choices: &[], width: 12.0, note: "不能晚于今天。"
    },
    Column { key: "finder", header: "发现人", required: true, choices: &[], width: 12.0, note: "" },
    Column {
        key: "deadline",
        header: "整改期限",
        required: true,
        choices: &[],
        width: 12.0,
        note: "不能早于发现日期。",
    },
];

pub struct ValidHazard {
    key: String,
    enterprise: enterprise::Model,
    code: String,
    source: &'static str,
    level: HazardLevel,
    criterion: Option<&'static str>,
    category: String,
    description: String,
    place_kind: &'static str,
    place_ref: Option<String>,
    point: Option<(f64, f64)>,
    found_on: NaiveDate,
    finder: String,
    deadline: NaiveDate,
}

fn validate(
    input: &HazardInput,
    ents: &HashMap<String, enterprise::Model>,
    scope: &Scope,
    day: NaiveDate,
) -> Result<ValidHazard, Vec<FieldError>> {
    let mut c = Checker::default();
    let ent = enterprises::checked(&mut c, ents, &input.enterprise_code, scope, "企业");
    let code = c.required("code", "隐患编号", &input.code, 64);
    let source = c.choice("source", "隐患来源", &input.source, SOURCES, true);
    let level = c.choice("level", "隐患等级", &input.level, &level_choices(), true).and_then(HazardLevel::parse);
    let criterion = c.choice("criterion", "重大隐患判定情形", &input.criterion, MAJOR_CRITERIA, false);
    let category = c.required("category", "隐患类别", &input.category, 50);
    let description = c.required("description", "隐患描述", &input.description, 500);
    let place_kind = c.choice("place_kind", "隐患位置类型", &input.place_kind, PLACE_KINDS, true);
    let place_ref = c.text("place_ref", "位置编号", &input.place_ref, 64);
    if matches!(place_kind, Some("user" | "station" | "segment")) && place_ref.is_none() {
        c.error("place_ref", "燃气用户、厂站设施、管段须填写位置编号");
    }
    let lng = c.number("lng", "经度", &input.lng, -180.0, 180.0);
    let lat = c.number("lat", "纬度", &input.lat, -90.0, 90.0);
    let point = match (lng, lat) {
        (Some(x), Some(y)) => match geo::point(x, y) {
            Ok(_) => Some((x, y)),
            Err(e) => {
                c.error("lng", e);
                None
            }
        },
        (None, None) => None,
        _ => {
            c.error("lat", "经度和纬度须同时填写");
            None
        }
    };
    if place_kind == Some("point") && point.is_none() && opt(&input.lng).is_none() {
        c.error("lng", "位置点须填写经纬度");
    }
    let found_on = c.date("found_on", "发现日期", &input.found_on);
    if opt(&input.found_on).is_none() {
        c.error("found_on", "发现日期不能为空");
    }
    if found_on.is_some_and(|d| d > day) {
        c.error("found_on", "发现日期不能晚于今天");
    }
    let finder = c.required("finder", "发现人", &input.finder, 50);
    let deadline = c.date("deadline", "整改期限", &input.deadline);
    if opt(&input.deadline).is_none() {
        c.error("deadline", "整改期限不能为空");
    }
    if let (Some(f), Some(d)) = (found_on, deadline) {
        if d < f {
            c.error("deadline", "整改期限不能早于发现日期");
        }
    }
    c.finish(|| {
        let ent = ent.expect("checked").clone();
        ValidHazard {
            key: format!("{}:{code}", ent.id),
            enterprise: ent,
            code,
            source: source.expect("checked"),
            level: classify(level.expect("checked"), criterion),
            criterion,
            category,
            description,
            place_kind: place_kind.expect("checked"),
            place_ref,
            point,
            found_on: found_on.expect("checked"),
            finder,
            deadline: deadline.expect("checked"),
        }
    })
}

/// Where a hazard lies: its place's id, division and position.
struct Place {
    id: Option<i64>,
    region_code: String,
    township: Option<String>,
    point: Option<(f64, f64)>,
}

/// Look the places of the rows up in the ledgers: None for a row whose place is not registered.
async fn places<C: ConnectionTrait>(conn: &C, rows: &[(u32, ValidHazard)]) -> AppResult<Vec<Option<Place>>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let refs = |kind: &str| -> Vec<String> {
        rows.iter().filter(|(_, v)| v.place_kind == kind).filter_map(|(_, v)| v.place_ref.clone()).collect()
    };
    let users: HashMap<(i64, String), gas_user::Model> = {
        let accounts = refs("user");
        let mut out = HashMap::new();
        for chunk in accounts.chunks(500) {
            for u in
                gas_user::Entity::find().filter(gas_user::Column::AccountNo.is_in(chunk.to_vec())).all(conn).await?
            {
                out.insert((u.enterprise_id, u.account_no.clone()), u);
            }
        }
        out
    };
    let facilities: HashMap<(i64, String), _> = stations::find_by_codes(conn, &refs("station"))
        .await?
        .into_iter()
        .map(|s| ((s.enterprise_id, s.code.clone()), s))
        .collect();
    let lines: HashMap<(i64, String), _> = segments::find_by_codes(conn, &refs("segment"))
        .await?
        .into_iter()
        .map(|s| ((s.enterprise_id, s.code.clone()), s))
        .collect();
    Ok(rows
        .iter()
        .map(|(_, v)| {
            let key = (v.enterprise.id, v.place_ref.clone().unwrap_or_default());
            match v.place_kind {
                "user" => users.get(&key).map(|u| Place {
                    id: Some(u.id),
                    region_code: u.region_code.clone(),
                    township: u.township.clone(),
                    point: v.point,
                }),
                "station" => facilities.get(&key).map(|s| Place {
                    id: Some(s.id),
                    region_code: s.region_code.clone(),
                    township: None,
                    point: v.point.or(Some((s.lng, s.lat))),
                }),
                "segment" => lines.get(&key).map(|s| Place {
                    id: Some(s.id),
                    region_code: s.region_code.clone(),
                    township: None,
                    point: v.point,
                }),
                _ => Some(Place {
                    id: None,
                    region_code: v.enterprise.region_code.clone(),
                    township: None,
                    point: v.point,
                }),
            }
        })
        .collect())
}

fn apply(am: &mut hazard::ActiveModel, v: &ValidHazard, place: &Place) {
    am.enterprise_id = Set(v.enterprise.id);
    am.region_code = Set(place.region_code.clone());
    am.township = Set(place.township.clone());
    am.code = Set(v.code.clone());
    am.source = Set(v.source.to_string());
    am.level = Set(v.level.as_str().to_string());
    am.criterion = Set(v.criterion.map(str::to_string));
    am.category = Set(v.category.clone());
    am.description = Set(v.description.clone());
    am.place_kind = Set(v.place_kind.to_string());
    am.place_ref = Set(v.place_ref.clone());
    am.place_id = Set(place.id);
    am.lng = Set(place.point.map(|p| p.0));
    am.lat = Set(place.point.map(|p| p.1));
    am.found_on = Set(v.found_on);
    am.finder = Set(v.finder.clone());
    am.deadline = Set(v.deadline);
    am.updated_at = Set(Utc::now());
}

fn same(m: &hazard::Model, v: &ValidHazard, place: &Place) -> bool {
    m.source == v.source
        && m.level == v.level.as_str()
        && m.criterion.as_deref() == v.criterion
        && m.category == v.category
        && m.description == v.description
        && m.place_kind == v.place_kind
        && m.place_ref == v.place_ref
        && m.place_id == place.id
        && m.lng == place.point.map(|p| p.0)
        && m.lat == place.point.map(|p| p.1)
        && m.found_on == v.found_on
        && m.finder == v.finder
        && m.deadline == v.deadline
}

/// The first step of every hazard's history.
fn reported_event(hazard_id: i64, actor: &Actor, note: String) -> event::ActiveModel {
    event::ActiveModel {
        hazard_id: Set(hazard_id),
        action: Set("reported".into()),
        from_state: Set(None),
        to_state: Set(HazardState::Found.as_str().into()),
        note: Set(Some(note)),
        actor: Set(actor.username.clone().unwrap_or_else(|| "system".into())),
        actor_org: Set(None),
        at: Set(Utc::now()),
        ..Default::default()
    }
}

pub struct HazardRecord;

impl RecordType for HazardRecord {
    const NAME: &'static str = "hazards";
    const TITLE: &'static str = "隐患台账";
    const CODE_FIELD: &'static str = "code";
    type Row = HazardInput;
    type Valid = ValidHazard;

    fn columns() -> &'static [Column] {
        COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "YH-2026-0031",
            "巡查巡检",
            "较大隐患",
            "",
            "管网",
            "中压管道上方违章搭建临时棚屋",
            "管段",
            "XZ-PE-0012",
            "",
            "",
            "2026-10-12",
            "周巡线",
            "2026-11-12",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidHazard) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[HazardInput],
    ) -> AppResult<Vec<Result<ValidHazard, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let day = today();
        Ok(rows.iter().map(|r| validate(r, &ents, ctx.scope, day)).collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidHazard)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let places = places(conn, &rows).await?;
        let keys: Vec<(i64, String)> = rows.iter().map(|(_, v)| (v.enterprise.id, v.code.clone())).collect();
        let mut existing = store::by_codes(conn, &keys).await?;
        let mut out = Upserted::default();
        for ((row, v), place) in rows.into_iter().zip(places) {
            let Some(place) = place else {
                let what = name_of(PLACE_KINDS, v.place_kind);
                out.errors.push((row, FieldError::new("place_ref", format!("该企业{what}台账中没有此编号"))));
                continue;
            };
            match existing.remove(&(v.enterprise.id, v.code.clone())) {
                Some(m) if same(&m, &v, &place) => out.unchanged += 1,
                Some(m) => {
                    let mut am: hazard::ActiveModel = m.into();
                    apply(&mut am, &v, &place);
                    let m = am.update(conn).await?;
                    let e = Event::ok("hazard.import", "hazard", m.id).detail(format!("更新隐患 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.updated += 1;
                }
                None => {
                    let mut am = hazard::ActiveModel {
                        state: Set(HazardState::Found.as_str().into()),
                        overdue: Set(false),
                        closed_on: Set(None),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    };
                    apply(&mut am, &v, &place);
                    let m = am.insert(conn).await?;
                    reported_event(m.id, ctx.actor, format!("{}上报：{}", name_of(SOURCES, &m.source), m.description))
                        .insert(conn)
                        .await?;
                    let e = Event::ok("hazard.import", "hazard", m.id).detail(format!("新增隐患 {}", m.code));
                    audit::append(conn, ctx.actor, e).await?;
                    out.inserted += 1;
                }
            }
        }
        Ok(out)
    }
}

/// A hazard found by a home inspection.
pub struct InspectionFinding {
    pub enterprise_id: i64,
    pub region_code: String,
    pub township: Option<String>,
    pub record_no: String,
    pub hazard: &'static str,
    pub user_id: i64,
    pub account_no: String,
    pub inspected_on: NaiveDate,
    pub inspector: String,
}

/// A hazard the platform raises itself (from a home inspection or a spot check).
pub struct NewHazard {
    pub enterprise_id: i64,
    pub region_code: String,
    pub township: Option<String>,
    /// Its number: the record that found it and the finding's place.
    pub code: String,
    pub source: &'static str,
    pub source_ref: String,
    pub level: HazardLevel,
    pub criterion: Option<String>,
    pub category: &'static str,
    pub description: String,
    /// user | station | segment | point
    pub place_kind: &'static str,
    pub place_ref: Option<String>,
    pub place_id: Option<i64>,
    pub lng: Option<f64>,
    pub lat: Option<f64>,
    pub found_on: NaiveDate,
    pub finder: String,
    /// The first step of its history, e.g. 入户安检（记录…）发现：胶管老化.
    pub reported: String,
}

/// Enter hazards into the rectification workflow, each once (a number already there is left
/// alone), with the configured time to rectify.
pub async fn raise<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    hazards: Vec<NewHazard>,
    days_to_rectify: u32,
) -> AppResult<usize> {
    let keys: Vec<(i64, String)> = hazards.iter().map(|h| (h.enterprise_id, h.code.clone())).collect();
    let existing = store::by_codes(conn, &keys).await?;
    let mut n = 0;
    for h in hazards.into_iter().filter(|h| !existing.contains_key(&(h.enterprise_id, h.code.clone()))) {
        let m = hazard::ActiveModel {
            enterprise_id: Set(h.enterprise_id),
            region_code: Set(h.region_code),
            township: Set(h.township),
            code: Set(h.code),
            source: Set(h.source.into()),
            source_ref: Set(Some(h.source_ref)),
            level: Set(h.level.as_str().into()),
            criterion: Set(h.criterion),
            category: Set(h.category.into()),
            description: Set(h.description),
            place_kind: Set(h.place_kind.into()),
            place_ref: Set(h.place_ref),
            place_id: Set(h.place_id),
            lng: Set(h.lng),
            lat: Set(h.lat),
            found_on: Set(h.found_on),
            finder: Set(h.finder),
            deadline: Set(h.found_on + Duration::days(days_to_rectify as i64)),
            state: Set(HazardState::Found.as_str().into()),
            overdue: Set(false),
            closed_on: Set(None),
            created_at: Set(Utc::now()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        reported_event(m.id, actor, h.reported).insert(conn).await?;
        n += 1;
    }
    Ok(n)
}

/// Enter the hazards home inspections found into the rectification workflow (each once: its number
/// is the inspection's record number and the hazard's place in the list), with the configured time
/// to rectify.
pub async fn from_inspections<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    findings: Vec<InspectionFinding>,
    days_to_rectify: u32,
) -> AppResult<usize> {
    // The hazard's number: the inspection's record number and the hazard's place in the published
    // list (01 未安装燃气泄漏报警器 … 13 其他), e.g. AJ-2026-000123-03.
    let hazards = findings
        .into_iter()
        .map(|f| {
            let n = HOME_HAZARDS.iter().position(|(c, _)| *c == f.hazard).map_or(0, |i| i + 1);
            let description = hazard_name(f.hazard).unwrap_or(f.hazard).to_string();
            NewHazard {
                enterprise_id: f.enterprise_id,
                region_code: f.region_code,
                township: f.township,
                code: format!("{}-{n:02}", f.record_no),
                source: "home_inspection",
                source_ref: f.record_no.clone(),
                level: HazardLevel::General,
                criterion: None,
                category: "用户",
                reported: format!("入户安检（记录{}）发现：{description}", f.record_no),
                description,
                place_kind: "user",
                place_ref: Some(f.account_no),
                place_id: Some(f.user_id),
                lng: None,
                lat: None,
                found_on: f.inspected_on,
                finder: f.inspector,
            }
        })
        .collect();
    raise(conn, actor, hazards, days_to_rectify).await
}

fn actor_kind(p: &Principal) -> AppResult<HazardActor> {
    if p.org_kind == OrgKind::Enterprise {
        if p.role.may_edit_staff_ledger() {
            return Ok(HazardActor::Enterprise);
        }
    } else if p.role.may_edit_enterprise_ledger() {
        return Ok(HazardActor::Authority);
    }
    Err(AppError::Forbidden("当前账号不能办理隐患整改".into()))
}

fn allowed_for(p: &Principal, m: &hazard::Model) -> Vec<String> {
    let (Ok(actor), Some(state), Some(level)) =
        (actor_kind(p), HazardState::parse(&m.state), HazardLevel::parse(&m.level))
    else {
        return Vec::new();
    };
    state.allowed(actor, level).into_iter().map(|a| a.as_str().to_string()).collect()
}

/// One rectification step on a hazard.
pub async fn transition(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    input: &TransitionInput,
) -> AppResult<HazardDto> {
    let scope = p.scope();
    let actor = actor_kind(p)?;
    let action = HazardAction::parse(input.action.trim())
        .ok_or_else(|| AppError::field("action", "操作应为 start、submit、close 或 reject"))?;
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    let txn = state.db.write_txn().await?;
    let m = store::get(&*txn, &scope, id).await?.ok_or(AppError::NotFound)?;
    let bad = || AppError::Internal(anyhow::anyhow!("bad hazard row {}", m.id));
    let (from, level) = (HazardState::parse(&m.state).ok_or_else(bad)?, HazardLevel::parse(&m.level).ok_or_else(bad)?);
    let to = from.apply(action, actor, level, note.as_deref()).map_err(|e| {
        let allowed: Vec<HazardAction> = from.allowed(actor, level);
        let names: Vec<&str> = allowed.iter().map(|a| a.name_zh()).collect();
        match e {
            HazardError::NoteRequired(_) => AppError::field("note", e.to_string()),
            HazardError::WrongActor(..) => AppError::Forbidden(e.to_string()),
            _ => AppError::IllegalTransition {
                detail: if names.is_empty() {
                    format!("{e}；当前无可办理的操作")
                } else {
                    format!("{e}；当前可办理：{}", names.join("、"))
                },
                allowed: allowed.iter().map(|a| a.as_str().to_string()).collect(),
            },
        }
    })?;
    let code = m.code.clone();
    let mut am: hazard::ActiveModel = m.into();
    am.state = Set(to.as_str().into());
    if to == HazardState::Closed {
        am.closed_on = Set(Some(today()));
    }
    am.updated_at = Set(Utc::now());
    am.update(&*txn).await?;
    let ev = event::ActiveModel {
        hazard_id: Set(id),
        action: Set(action.as_str().into()),
        from_state: Set(Some(from.as_str().into())),
        to_state: Set(to.as_str().into()),
        note: Set(note.clone()),
        actor: Set(p.display_name.clone()),
        actor_org: Set(Some(p.org_name.clone())),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    // Photos uploaded since the last step are this step's evidence.
    use sea_orm::{ColumnTrait, QueryFilter};
    photo::Entity::update_many()
        .col_expr(photo::Column::EventId, sea_orm::sea_query::Expr::value(ev.id))
        .filter(photo::Column::HazardId.eq(id))
        .filter(photo::Column::EventId.is_null())
        .exec(&*txn)
        .await?;
    let detail = match &note {
        Some(n) => format!("{code} {}：{n}", action.name_zh()),
        None => format!("{code} {}", action.name_zh()),
    };
    let e = Event::ok(format_action(action), "hazard", id).detail(detail);
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    txn.commit().await?;
    state.lists.invalidate(HazardRecord::NAME);
    get(state, p, id).await
}

fn format_action(a: HazardAction) -> &'static str {
    match a {
        HazardAction::Start => "hazard.start",
        HazardAction::Submit => "hazard.submit",
        HazardAction::Close => "hazard.close",
        HazardAction::Reject => "hazard.reject",
    }
}

/// Attach an evidence photo (JPEG, PNG or WebP) to an open hazard; it joins the next step.
pub async fn attach_photo(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<HazardDto> {
    let scope = p.scope();
    actor_kind(p)?;
    let m = store::get(&state.db.conn, &scope, id).await?.ok_or(AppError::NotFound)?;
    if m.state == HazardState::Closed.as_str() {
        return Err(AppError::Conflict("隐患已销号，不能再上传照片".into()));
    }
    let (content_type, sha) = files::accept_photo(&state.config.data_dir, &bytes, state.config.photo_max_bytes).await?;
    let txn = state.db.write_txn().await?;
    photo::ActiveModel {
        hazard_id: Set(id),
        event_id: Set(None),
        file_name: Set(name.chars().take(200).collect()),
        content_type: Set(content_type.into()),
        size: Set(bytes.len() as i64),
        sha256: Set(sha),
        uploaded_by: Set(p.display_name.clone()),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let e = Event::ok("hazard.photo", "hazard", id).detail(format!("{} 上传照片 {name}", m.code));
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    txn.commit().await?;
    get(state, p, id).await
}

pub async fn photo_bytes(state: &AppState, scope: &Scope, id: i64, pid: i64) -> AppResult<(photo::Model, Vec<u8>)> {
    store::get(&state.db.conn, scope, id).await?.ok_or(AppError::NotFound)?;
    let ph = store::photos_of(&state.db.conn, id).await?.into_iter().find(|x| x.id == pid).ok_or(AppError::NotFound)?;
    let bytes = files::read(&state.config.data_dir, &ph.sha256).await?;
    Ok((ph, bytes))
}

/// Overdue supervision (超期督办): mark open hazards past their deadline as overdue, once each,
/// with a step in their history and an audit entry. Idempotent; run by the scheduler.
pub async fn mark_overdue(state: &AppState, day: NaiveDate) -> AppResult<usize> {
    let txn = state.db.write_txn().await?;
    let due = store::newly_overdue(&*txn, day).await?;
    let actor = Actor::system("scheduler");
    for m in &due {
        let mut am: hazard::ActiveModel = m.clone().into();
        am.overdue = Set(true);
        am.updated_at = Set(Utc::now());
        am.update(&*txn).await?;
        event::ActiveModel {
            hazard_id: Set(m.id),
            action: Set("overdue".into()),
            from_state: Set(Some(m.state.clone())),
            to_state: Set(m.state.clone()),
            note: Set(Some(format!("整改期限{}已过，未销号，予以督办", m.deadline))),
            actor: Set("系统".into()),
            actor_org: Set(None),
            at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
    }
    if !due.is_empty() {
        let e = Event {
            action: "hazard.overdue",
            target_type: Some("hazard"),
            target_id: None,
            success: true,
            detail: Some(format!("{}条隐患超过整改期限，已督办", due.len())),
        };
        audit::append(&*txn, &actor, e).await?;
    }
    txn.commit().await?;
    if !due.is_empty() {
        state.lists.invalidate(HazardRecord::NAME);
    }
    Ok(due.len())
}

fn photo_dto(x: photo::Model) -> HazardPhotoDto {
    HazardPhotoDto {
        id: x.id,
        file_name: x.file_name,
        content_type: x.content_type,
        size: x.size,
        uploaded_by: x.uploaded_by,
        uploaded_at: x.uploaded_at,
    }
}

fn action_name(a: &str) -> String {
    match a {
        "reported" => "上报".into(),
        "overdue" => "超期督办".into(),
        other => HazardAction::parse(other).map(|a| a.name_zh().to_string()).unwrap_or_else(|| other.to_string()),
    }
}

pub async fn to_dtos(state: &AppState, p: &Principal, rows: Vec<hazard::Model>) -> AppResult<Vec<HazardDto>> {
    let ents = enterprises::names(state).await?;
    let day = today();
    Ok(rows
        .into_iter()
        .map(|m| {
            let allowed = allowed_for(p, &m);
            let state_name = HazardState::parse(&m.state).map(|s| s.name_zh()).unwrap_or("").to_string();
            HazardDto {
                id: m.id,
                enterprise_id: m.enterprise_id,
                enterprise_name: name(&ents, m.enterprise_id),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                township: m.township,
                code: m.code,
                source_name: name_of(SOURCES, &m.source),
                source: m.source,
                source_ref: m.source_ref,
                level_name: HazardLevel::parse(&m.level).map(|l| l.name_zh()).unwrap_or("").to_string(),
                level: m.level,
                criterion_name: m.criterion.as_deref().and_then(criterion_name).map(str::to_string),
                criterion: m.criterion,
                category: m.category,
                description: m.description,
                place_kind_name: name_of(PLACE_KINDS, &m.place_kind),
                place_kind: m.place_kind,
                place_ref: m.place_ref,
                lng: m.lng,
                lat: m.lat,
                found_on: m.found_on,
                finder: m.finder,
                deadline: m.deadline,
                overdue: m.state != HazardState::Closed.as_str() && m.deadline < day,
                state: m.state,
                state_name,
                closed_on: m.closed_on,
                allowed,
                history: None,
                pending_photos: None,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

/// One hazard with its history and photos.
pub async fn get(state: &AppState, p: &Principal, id: i64) -> AppResult<HazardDto> {
    let conn = &state.db.conn;
    let m = store::get(conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    let (events, photos) = tokio::try_join!(store::events_of(conn, id), store::photos_of(conn, id))?;
    let mut by_event: HashMap<Option<i64>, Vec<HazardPhotoDto>> = HashMap::new();
    for x in photos {
        by_event.entry(x.event_id).or_default().push(photo_dto(x));
    }
    let mut dto = to_dtos(state, p, vec![m]).await?.remove(0);
    dto.history = Some(
        events
            .into_iter()
            .map(|e| HazardEventDto {
                photos: by_event.remove(&Some(e.id)).unwrap_or_default(),
                id: e.id,
                action_name: action_name(&e.action),
                action: e.action,
                from_state: e.from_state,
                to_state_name: HazardState::parse(&e.to_state).map(|s| s.name_zh()).unwrap_or("").to_string(),
                to_state: e.to_state,
                note: e.note,
                actor: e.actor,
                actor_org: e.actor_org,
                at: e.at,
            })
            .collect(),
    );
    dto.pending_photos = Some(by_event.remove(&None).unwrap_or_default());
    Ok(dto)
}

/// Count on the hazards held in memory (see `store::HazardTally`), as of this node's hazard writes.
async fn counted<R>(state: &AppState, f: impl FnOnce(&store::HazardTally) -> R) -> AppResult<R> {
    let key = state.lists.generation(HazardRecord::NAME);
    let conn = &state.db.conn;
    let tally = state.tallies.of::<store::HazardTally>();
    Ok(tally.read(key, || store::counted_hazards(conn, None), |ids| store::counted_hazards(conn, Some(ids)), f).await?)
}

/// One page of hazards: a search text is looked up in the database, every other filter in memory.
pub async fn list(state: &AppState, p: &Principal, f: &HazardFilter, page: &PageParams) -> AppResult<HazardList> {
    let (scope, day) = (p.scope(), today());
    let (rows, total) = if f.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        store::list(&state.db.conn, &scope, f, page, day).await?
    } else {
        let (ids, total) = counted(state, |t| t.page(&scope, f, day, page)).await?;
        let mut by_id: HashMap<i64, hazard::Model> = hazard::Entity::find()
            .filter(hazard::Column::Id.is_in(ids.clone()))
            .all(&state.db.conn)
            .await?
            .into_iter()
            .map(|h| (h.id, h))
            .collect();
        (ids.iter().filter_map(|id| by_id.remove(id)).collect(), total)
    };
    Ok(HazardList { items: to_dtos(state, p, rows).await?, total })
}

/// Found, closed, open, overdue and major-open hazards per county, enterprise, level or source.
pub async fn rectification(state: &AppState, scope: &Scope, q: &RectificationQuery) -> AppResult<RectificationStats> {
    let day = today();
    let rows = counted(state, |t| t.rectification(scope, q, day)).await?;
    let group = q.group.as_deref().unwrap_or("region");
    let ents = if group == "enterprise" { Some(enterprises::names(state).await?) } else { None };
    let stat = |key: String, label: String, found: i64, closed: i64, overdue: i64, major_open: i64| RectificationStat {
        key,
        name: label,
        found,
        closed,
        open: found - closed,
        overdue,
        major_open,
        rate: if found > 0 { closed as f64 / found as f64 } else { 0.0 },
    };
    let mut items: Vec<RectificationStat> = rows
        .into_iter()
        .map(|(k, found, closed, overdue, major)| {
            let key = k.unwrap_or_default();
            let label = match group {
                "enterprise" => ents.as_ref().map(|b| name(b, key.parse().unwrap_or(0))).unwrap_or_default(),
                "level" => HazardLevel::parse(&key).map(|l| l.name_zh().to_string()).unwrap_or_else(|| key.clone()),
                "source" => name_of(SOURCES, &key),
                _ => state.regions.name(&key),
            };
            stat(key, label, found, closed, overdue, major)
        })
        .collect();
    items.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.rate.total_cmp(&b.rate)).then_with(|| a.key.cmp(&b.key)));
    let t =
        items.iter().fold((0, 0, 0, 0), |t, s| (t.0 + s.found, t.1 + s.closed, t.2 + s.overdue, t.3 + s.major_open));
    Ok(RectificationStats { items, summary: stat("total".into(), "合计".into(), t.0, t.1, t.2, t.3) })
}

/// Hazards in the columns of the import template (export → import changes nothing).
pub async fn sheet(state: &AppState, rows: Vec<hazard::Model>) -> AppResult<Vec<Vec<String>>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let codes = crate::industry::enterprise::store::codes_by_ids(&state.db.conn, &ids).await?;
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|m| {
            vec![
                codes.get(&m.enterprise_id).cloned().unwrap_or_default(),
                m.code,
                name_of(SOURCES, &m.source),
                HazardLevel::parse(&m.level).map(|l| l.name_zh().to_string()).unwrap_or_default(),
                m.criterion.as_deref().and_then(criterion_name).unwrap_or("").to_string(),
                m.category,
                m.description,
                name_of(PLACE_KINDS, &m.place_kind),
                m.place_ref.unwrap_or_default(),
                if m.place_kind == "station" { String::new() } else { num(m.lng) },
                if m.place_kind == "station" { String::new() } else { num(m.lat) },
                m.found_on.to_string(),
                m.finder,
                m.deadline.to_string(),
            ]
        })
        .collect())
}
