//! Cases: intake (public form, clerk's form, hotline import, enterprise upload), the handling
//! workflow level by level with its stages and deadlines in working days, overdue supervision by
//! the scheduler, tracking and rating by the person, and statistics.

use super::model::*;
use super::store::{self, local_day};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::db::WriteTxn;
use crate::platform::entities::org;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::excel::Column;
use crate::platform::fields::{opt, parse_date, Checker};
use crate::platform::files;
use crate::platform::ingest::{IngestCtx, RecordType, Upserted};
use crate::platform::list::{today, PageParams};
use crate::platform::names::name;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use crate::system::notification::{self, Note};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use ranjian_domain::case::{
    Actor as CaseActor, CaseAction, CaseError, CaseFacts, CaseState, CaseType, Channel, GasCategory, Level,
    Satisfaction, Stage, StepInput,
};
use ranjian_domain::enterprise::is_valid_phone;
use ranjian_domain::person::mask;
use ranjian_domain::{OrgKind, Role};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use std::collections::{HashMap, HashSet};

/// Photos the public may attach to a case.
pub const MAX_PHOTOS: usize = 4;
/// The record types of the ingestion pipeline that write cases (their list caches and tallies).
const KIND: &str = "cases";

pub fn level_of(kind: &str) -> Level {
    match OrgKind::parse(kind) {
        Some(OrgKind::CityAuthority) => Level::City,
        Some(OrgKind::CountyAuthority) => Level::County,
        _ => Level::Enterprise,
    }
}

fn level_str(l: Level) -> &'static str {
    match l {
        Level::City => "city",
        Level::County => "county",
        Level::Enterprise => "enterprise",
    }
}

fn parse_level(s: &str) -> Level {
    match s {
        "city" => Level::City,
        "county" => Level::County,
        _ => Level::Enterprise,
    }
}

async fn city_org<C: ConnectionTrait>(conn: &C) -> AppResult<org::Model> {
    org::Entity::find()
        .filter(org::Column::Kind.eq(OrgKind::CityAuthority.as_str()))
        .one(conn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no city authority")))
}

async fn county_org<C: ConnectionTrait>(conn: &C, region_code: &str) -> AppResult<Option<org::Model>> {
    let county: String = region_code.chars().take(6).collect();
    Ok(org::Entity::find()
        .filter(org::Column::Kind.eq(OrgKind::CountyAuthority.as_str()))
        .filter(org::Column::RegionCode.eq(county))
        .one(conn)
        .await?)
}

/// The organisation above one (for returns and for notifying the superior of an overdue handler).
async fn superior<C: ConnectionTrait>(conn: &C, o: &org::Model, case_region: &str) -> AppResult<Option<org::Model>> {
    Ok(match level_of(&o.kind) {
        Level::City => None,
        Level::County => Some(city_org(conn).await?),
        Level::Enterprise => county_org(conn, case_region).await?,
    })
}

async fn org_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<org::Model> {
    org::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no org {id}")))
}

/// Normalise a place for finding repeat cases: the gas user's account when known, else the
/// address without spaces and punctuation.
pub fn place_key(place: &str, user_account: Option<&str>) -> String {
    if let Some(a) = user_account.map(str::trim).filter(|a| !a.is_empty()) {
        return format!("户号{a}");
    }
    place
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、；：（）".contains(*c))
        .collect()
}

/// A phone as matched for tracking: without spaces and dashes (0793-8221234 = 07938221234).
pub fn phone_index(crypto: &crate::platform::crypto::Crypto, phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    crypto.blind_index("case_phone", &digits)
}

fn new_tracking_no(now: DateTime<Utc>) -> String {
    use rand::Rng;
    format!("TS{}{:06}", local_day(now).format("%Y%m%d"), rand::thread_rng().gen_range(0..1_000_000))
}

fn counties(state: &AppState) -> Vec<(String, String)> {
    state.regions.list.iter().filter(|r| r.level == "county").map(|r| (r.code.clone(), r.name.clone())).collect()
}

/// A case checked: what intake writes.
pub struct ValidCase {
    case_type: CaseType,
    gas_category: GasCategory,
    region_code: String,
    township: Option<String>,
    named_enterprise_id: Option<i64>,
    place: String,
    point: Option<(f64, f64)>,
    user_account: Option<String>,
    description: String,
    anonymous: bool,
    contact_name: Option<String>,
    contact_phone: Option<String>,
}

fn choice<T: Copy>(
    c: &mut Checker,
    field: &str,
    label: &str,
    v: &Option<String>,
    choices: Vec<(&'static str, &'static str)>,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    c.choice(field, label, v, &choices, true).and_then(parse)
}

/// Check a case as filed on a form (the public's or a clerk's).
async fn validate_form(state: &AppState, input: &CaseInput) -> AppResult<ValidCase> {
    let mut c = Checker::default();
    let case_type = choice(&mut c, "case_type", "类型", &input.case_type, CaseType::choices(), CaseType::parse);
    let gas_category =
        choice(&mut c, "gas_category", "燃气类别", &input.gas_category, GasCategory::choices(), GasCategory::parse);
    let region = opt(&input.region_code);
    let counties = counties(state);
    let region_code = match region.as_deref() {
        None => {
            c.error("region_code", "请选择事发所在县（市、区）");
            None
        }
        Some(r) => match counties.iter().find(|(code, name)| code == r || name == r) {
            Some((code, _)) => Some(code.clone()),
            None => {
                c.error("region_code", format!("“{r}”不是上饶市的县（市、区）"));
                None
            }
        },
    };
    let township = c.text("township", "乡镇（街道）", &input.township, 50);
    let place = c.required("place", "事发地点", &input.place, 200);
    let user_account = c.text("user_account", "燃气户号", &input.user_account, 64);
    let description = c.required("description", "诉求内容", &input.description, 1000);
    let point = match (input.lng, input.lat) {
        (Some(x), Some(y)) => match crate::platform::geo::point(x, y) {
            Ok(_) => Some((x, y)),
            Err(e) => {
                c.error("lng", e);
                None
            }
        },
        _ => None,
    };
    let anonymous = input.anonymous;
    if anonymous && case_type.is_some_and(|t| t != CaseType::Report) {
        c.error("anonymous", "只有举报可以匿名");
    }
    let contact_name = c.text("contact_name", "姓名", &input.contact_name, 50);
    let contact_phone = opt(&input.contact_phone);
    if !anonymous && contact_name.is_none() {
        c.error("contact_name", "姓名不能为空");
    }
    match contact_phone.as_deref() {
        None if !anonymous => c.error("contact_phone", "联系电话不能为空"),
        Some(p) if !is_valid_phone(p) => {
            c.error("contact_phone", format!("联系电话“{p}”不正确，应为11位手机号码或带区号的固定电话"))
        }
        _ => {}
    }
    let named = match input.enterprise_id {
        Some(id) => {
            let e = enterprise::Entity::find_by_id(id).one(&state.db.conn).await?;
            if e.is_none() {
                c.error("enterprise_id", "所涉企业不存在");
            }
            e.map(|e| e.id)
        }
        None => None,
    };
    c.finish(|| ValidCase {
        case_type: case_type.expect("checked"),
        gas_category: gas_category.expect("checked"),
        region_code: region_code.expect("checked"),
        township,
        named_enterprise_id: named,
        place,
        point,
        user_account,
        description,
        anonymous,
        contact_name: if anonymous { None } else { contact_name },
        contact_phone,
    })
    .map_err(AppError::validation)
}

/// Where a new case starts: who received it, who holds it, its state.
struct Intake {
    channel: Channel,
    origin: org::Model,
    state: CaseState,
    external_no: Option<String>,
    external_key: Option<String>,
    received_at: DateTime<Utc>,
    actor_name: String,
    actor_org: Option<String>,
}

fn stage_row(
    state: &AppState,
    case_id: i64,
    stage: Stage,
    kind: CaseType,
    org_id: i64,
    at: DateTime<Utc>,
) -> stage::ActiveModel {
    let cal = state.calendar.get();
    let d = state.config.case_deadlines.domain();
    let start = local_day(at);
    let deadline = d.deadline(&cal, stage, kind, start);
    stage::ActiveModel {
        case_id: Set(case_id),
        stage: Set(stage.as_str().into()),
        org_id: Set(org_id),
        started_at: Set(at),
        warn_from: Set(d.warn_from(&cal, start, deadline)),
        deadline: Set(deadline),
        ended_at: Set(None),
        open: Set(true),
        warned: Set(false),
        overdue: Set(false),
        late: Set(false),
        ..Default::default()
    }
}

/// End the open stages of these kinds (judged against their deadline).
async fn end_stages<C: ConnectionTrait>(conn: &C, case_id: i64, kinds: &[Stage], at: DateTime<Utc>) -> AppResult<()> {
    let open = stage::Entity::find()
        .filter(stage::Column::CaseId.eq(case_id))
        .filter(stage::Column::Open.eq(true))
        .filter(stage::Column::Stage.is_in(kinds.iter().map(|s| s.as_str())))
        .all(conn)
        .await?;
    for s in open {
        let late = local_day(at) > s.deadline;
        let mut am: stage::ActiveModel = s.into();
        am.ended_at = Set(Some(at));
        am.open = Set(false);
        am.late = Set(late);
        am.update(conn).await?;
    }
    Ok(())
}

/// The nearest open deadline and whether it has passed.
async fn refresh_deadline<C: ConnectionTrait>(conn: &C, am: &mut case::ActiveModel, case_id: i64) -> AppResult<()> {
    let open = stage::Entity::find()
        .filter(stage::Column::CaseId.eq(case_id))
        .filter(stage::Column::Open.eq(true))
        .all(conn)
        .await?;
    let deadline = open.iter().map(|s| s.deadline).min();
    am.deadline = Set(deadline);
    am.overdue = Set(deadline.is_some_and(|d| d < today()));
    Ok(())
}

async fn add_party<C: ConnectionTrait>(conn: &C, case_id: i64, org_id: i64) -> AppResult<()> {
    if !store::is_party(conn, case_id, org_id).await? {
        party::ActiveModel { case_id: Set(case_id), org_id: Set(org_id) }.insert(conn).await?;
    }
    Ok(())
}

async fn insert_case(
    state: &AppState,
    txn: &DatabaseTransaction,
    v: &ValidCase,
    intake: Intake,
) -> AppResult<(case::Model, i64)> {
    let crypto = &state.crypto;
    let now = Utc::now();
    let level = level_of(&intake.origin.kind);
    let mut m = None;
    // A tracking number is random within the day; on the rare clash, draw again.
    for _ in 0..5 {
        let no = new_tracking_no(intake.received_at);
        if store::by_tracking_no(txn, &no).await?.is_some() {
            continue;
        }
        let am = case::ActiveModel {
            tracking_no: Set(no.clone()),
            channel: Set(intake.channel.as_str().into()),
            case_type: Set(v.case_type.as_str().into()),
            gas_category: Set(v.gas_category.as_str().into()),
            region_code: Set(v.region_code.clone()),
            township: Set(v.township.clone()),
            named_enterprise_id: Set(v.named_enterprise_id),
            enterprise_id: Set(None),
            place: Set(v.place.clone()),
            place_key: Set(place_key(&v.place, v.user_account.as_deref())),
            lng: Set(v.point.map(|p| p.0)),
            lat: Set(v.point.map(|p| p.1)),
            user_account: Set(v.user_account.clone()),
            description: Set(v.description.clone()),
            anonymous: Set(v.anonymous),
            contact_name: Set(v.contact_name.as_deref().map(|n| crypto.encrypt(n))),
            contact_phone: Set(if v.anonymous { None } else { v.contact_phone.as_deref().map(|p| crypto.encrypt(p)) }),
            contact_index: Set(v.contact_phone.as_deref().map(|p| phone_index(crypto, p))),
            external_no: Set(intake.external_no.clone()),
            external_key: Set(intake
                .external_key
                .clone()
                .unwrap_or_else(|| format!("{}:{no}", intake.channel.as_str()))),
            origin_org_id: Set(intake.origin.id),
            origin_level: Set(level_str(level).into()),
            holder_org_id: Set(intake.origin.id),
            holder_level: Set(level_str(level).into()),
            handler_org_id: Set(None),
            state: Set(intake.state.as_str().into()),
            reopened: Set(false),
            answer: Set(None),
            satisfaction: Set(None),
            rating_comment: Set(None),
            deadline: Set(None),
            overdue: Set(false),
            received_at: Set(intake.received_at),
            accepted_at: Set((intake.state == CaseState::Accepted).then_some(now)),
            answered_at: Set(None),
            rated_at: Set(None),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        m = Some(am.insert(txn).await?);
        break;
    }
    let m = m.ok_or_else(|| AppError::Internal(anyhow::anyhow!("no free tracking number")))?;
    add_party(txn, m.id, intake.origin.id).await?;
    let received = event::ActiveModel {
        case_id: Set(m.id),
        action: Set("receive".into()),
        from_state: Set(None),
        to_state: Set(CaseState::Received.as_str().into()),
        note: Set(Some(format!("{}：{}", intake.channel.name_zh(), v.case_type.name_zh()))),
        actor: Set(intake.actor_name.clone()),
        actor_org: Set(intake.actor_org.clone()),
        to_org_id: Set(None),
        at: Set(intake.received_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut stages = vec![stage_row(state, m.id, Stage::Accept, v.case_type, intake.origin.id, intake.received_at)];
    if intake.state == CaseState::Accepted {
        event::ActiveModel {
            case_id: Set(m.id),
            action: Set(CaseAction::Accept.as_str().into()),
            from_state: Set(Some(CaseState::Received.as_str().into())),
            to_state: Set(CaseState::Accepted.as_str().into()),
            note: Set(None),
            actor: Set(intake.actor_name.clone()),
            actor_org: Set(intake.actor_org.clone()),
            to_org_id: Set(None),
            at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        stages[0].ended_at = Set(Some(now));
        stages[0].open = Set(false);
        stages.push(stage_row(state, m.id, Stage::Handle, v.case_type, intake.origin.id, now));
    }
    stage::Entity::insert_many(stages).exec_without_returning(txn).await?;
    let mut am: case::ActiveModel = m.into();
    refresh_deadline(txn, &mut am, received.case_id).await?;
    let m = am.update(txn).await?;
    Ok((m, received.id))
}

fn touch(state: &AppState, txn: &WriteTxn, ids: Vec<i64>) {
    state.tallies.of::<store::CaseTally>().touch_on_commit(txn, ids);
    let lists = state.lists.clone();
    txn.after_commit(move || lists.invalidate(KIND));
}

/// Check photos of the public form: how many, their type and size (a field error, not a status).
fn check_photos(state: &AppState, photos: &[(String, Vec<u8>)]) -> AppResult<()> {
    if photos.len() > MAX_PHOTOS {
        return Err(AppError::field("photos", format!("照片最多{MAX_PHOTOS}张")));
    }
    let max = state.config.photo_max_bytes;
    for (name, bytes) in photos {
        if files::image_type(bytes).is_none() {
            return Err(AppError::field("photos", format!("“{name}”不是 JPEG、PNG 或 WebP 图片")));
        }
        if bytes.len() > max {
            let limit = if max >= 1024 * 1024 {
                format!("{}MB", max / 1024 / 1024)
            } else {
                format!("{}KB", max.div_ceil(1024))
            };
            return Err(AppError::field("photos", format!("“{name}”超过{limit}，请压缩后再上传")));
        }
    }
    Ok(())
}

async fn store_photos(
    state: &AppState,
    txn: &DatabaseTransaction,
    case_id: i64,
    event_id: Option<i64>,
    by: &str,
    photos: Vec<(String, Vec<u8>)>,
) -> AppResult<()> {
    for (name, bytes) in photos {
        let (content_type, sha) =
            files::accept_photo(&state.config.data_dir, &bytes, state.config.photo_max_bytes).await?;
        photo::ActiveModel {
            case_id: Set(case_id),
            event_id: Set(event_id),
            file_name: Set(name.chars().take(200).collect()),
            content_type: Set(content_type.into()),
            size: Set(bytes.len() as i64),
            sha256: Set(sha),
            uploaded_by: Set(by.into()),
            uploaded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A case filed on the public form: rate-limited per address, with the anti-bot check; received
/// by the city authority.
pub async fn file_public(
    state: &AppState,
    ip: Option<String>,
    input: &CaseInput,
    photos: Vec<(String, Vec<u8>)>,
) -> AppResult<FiledCase> {
    state.guard.filing(ip.as_deref())?;
    if opt(&input.website).is_some() {
        return Err(AppError::field("challenge_answer", "提交未通过校验，请刷新页面后重试"));
    }
    state.guard.verify(input.challenge_token.as_deref(), input.challenge_answer.as_deref())?;
    let v = validate_form(state, input).await?;
    check_photos(state, &photos)?;
    let txn = state.db.write_txn().await?;
    let origin = city_org(&*txn).await?;
    let name = if v.anonymous { "匿名举报人".to_string() } else { "投诉人".to_string() };
    let intake = Intake {
        channel: Channel::Web,
        origin,
        state: CaseState::Received,
        external_no: None,
        external_key: None,
        received_at: Utc::now(),
        actor_name: name.clone(),
        actor_org: None,
    };
    let (m, ev) = insert_case(state, &txn, &v, intake).await?;
    store_photos(state, &txn, m.id, Some(ev), &name, photos).await?;
    let actor = Actor { ip, ..Actor::system("public") };
    let e = Event::ok("case.file", "case", m.id).detail(format!("网上{} {}", v.case_type.name_zh(), m.tracking_no));
    audit::append(&*txn, &actor, e).await?;
    touch(state, &txn, vec![m.id]);
    txn.commit().await?;
    let track = if v.contact_phone.is_some() {
        "请凭受理编号和手机号码查询办理进度。"
    } else {
        "您未留电话，将无法查询办理进度。"
    };
    Ok(FiledCase {
        message: format!(
            "您的{}已提交，受理编号 {}。我们将在{}个工作日内受理。{track}",
            v.case_type.name_zh(),
            m.tracking_no,
            state.config.case_deadlines.accept
        ),
        tracking_no: m.tracking_no,
        received_at: m.received_at,
    })
}

fn may_work(p: &Principal) -> AppResult<()> {
    let ok = match p.org_kind {
        OrgKind::Enterprise => p.role.may_edit_staff_ledger(),
        _ => p.role.may_edit_enterprise_ledger(),
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden("当前账号不能办理投诉举报".into()))
    }
}

/// A call registered by a clerk of an authority (来电登记): received and accepted by the clerk's
/// organisation.
pub async fn register(state: &AppState, p: &Principal, ip: Option<String>, input: &CaseInput) -> AppResult<CaseDto> {
    may_work(p)?;
    if p.org_kind == OrgKind::Enterprise {
        return Err(AppError::Forbidden("企业直接受理的投诉请通过“企业受理上报”导入".into()));
    }
    let v = validate_form(state, input).await?;
    if !p.scope().allows_region(&v.region_code) {
        return Err(AppError::field("region_code", "只能登记本辖区的来电"));
    }
    let txn = state.db.write_txn().await?;
    let origin = org_by_id(&*txn, p.org_id).await?;
    let intake = Intake {
        channel: Channel::Phone,
        origin,
        state: CaseState::Accepted,
        external_no: None,
        external_key: None,
        received_at: Utc::now(),
        actor_name: p.display_name.clone(),
        actor_org: Some(p.org_name.clone()),
    };
    let (m, _) = insert_case(state, &txn, &v, intake).await?;
    let e =
        Event::ok("case.register", "case", m.id).detail(format!("来电登记{} {}", v.case_type.name_zh(), m.tracking_no));
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    touch(state, &txn, vec![m.id]);
    txn.commit().await?;
    get(state, p, m.id).await
}

fn actor_of(p: &Principal, m: &case::Model) -> CaseActor {
    CaseActor { holder: p.org_id == m.holder_org_id, origin: p.org_id == m.origin_org_id, public: false }
}

fn facts_of(m: &case::Model) -> CaseFacts {
    CaseFacts {
        holder_level: parse_level(&m.holder_level),
        origin_level: parse_level(&m.origin_level),
        reopened: m.reopened,
        rating: m.satisfaction.as_deref().and_then(Satisfaction::parse),
        contactable: !m.anonymous && m.contact_index.is_some(),
    }
}

fn allowed_for(p: &Principal, m: &case::Model) -> Vec<CaseAction> {
    if may_work(p).is_err() || m.channel == Channel::Enterprise.as_str() {
        return Vec::new();
    }
    CaseState::parse(&m.state).map(|s| s.allowed(actor_of(p, m), facts_of(m))).unwrap_or_default()
}

/// The organisations the holder may hand the case down to: from the city, the county authority of
/// the case's county first, then the others; from a county, the enterprises of the county.
pub async fn transfer_targets(state: &AppState, p: &Principal, id: i64) -> AppResult<Vec<OrgOption>> {
    let conn = &state.db.conn;
    let m = store::get(conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    if p.org_id != m.holder_org_id {
        return Ok(Vec::new());
    }
    let orgs = targets(conn, &m).await?;
    Ok(orgs.into_iter().map(|o| OrgOption { id: o.id, name: o.name, region_code: o.region_code }).collect())
}

async fn targets<C: ConnectionTrait>(conn: &C, m: &case::Model) -> AppResult<Vec<org::Model>> {
    Ok(match parse_level(&m.holder_level).below() {
        Some(Level::County) => {
            let mut all =
                org::Entity::find().filter(org::Column::Kind.eq(OrgKind::CountyAuthority.as_str())).all(conn).await?;
            all.sort_by_key(|o| (o.region_code != m.region_code, o.region_code.clone()));
            all
        }
        Some(Level::Enterprise) => {
            let county: String = m.region_code.chars().take(6).collect();
            let (lo, hi) = ranjian_domain::codes::prefix_range(&county);
            let mut all = org::Entity::find()
                .filter(org::Column::Kind.eq(OrgKind::Enterprise.as_str()))
                .filter(org::Column::RegionCode.gte(lo))
                .filter(org::Column::RegionCode.lt(hi))
                .all(conn)
                .await?;
            // The enterprise the person named first.
            all.sort_by_key(|o| (o.enterprise_id != m.named_enterprise_id, o.name.clone()));
            all
        }
        _ => Vec::new(),
    })
}

fn link(id: i64) -> Option<String> {
    Some(format!("/complaints/cases?id={id}"))
}

/// One workflow step on a case.
pub async fn transition(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    step: &CaseStep,
) -> AppResult<CaseDto> {
    may_work(p)?;
    let action = CaseAction::parse(step.action.trim()).ok_or_else(|| {
        AppError::field(
            "action",
            "操作应为 accept、decline、transfer、handle、return、answer、follow_up、rate、close 或 reopen",
        )
    })?;
    let note = step.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    let satisfaction = match step.satisfaction.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(Satisfaction::parse(s).ok_or_else(|| {
            AppError::field("satisfaction", "满意度应为 satisfied、basically_satisfied 或 dissatisfied")
        })?),
        None => None,
    };
    let txn = state.db.write_txn().await?;
    let m = store::get(&*txn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    if m.channel == Channel::Enterprise.as_str() {
        return Err(AppError::Conflict("企业直接受理的案件由企业上报办理情况，不在平台流转".into()));
    }
    let to_org = match (action, step.to_org_id) {
        (CaseAction::Transfer, Some(oid)) => {
            let t = targets(&*txn, &m).await?;
            Some(t.into_iter().find(|o| o.id == oid).ok_or_else(|| {
                AppError::field("to_org_id", "所选单位不是本级可转办的单位（市级转县级，县级转本县燃气企业）")
            })?)
        }
        _ => None,
    };
    let from = CaseState::parse(&m.state).ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad case {id}")))?;
    let (actor, facts) = (actor_of(p, &m), facts_of(&m));
    let input = StepInput { note: note.as_deref(), to_level: to_org.as_ref().map(|o| level_of(&o.kind)), satisfaction };
    let to = from.apply(action, actor, facts, &input).map_err(|e| {
        let allowed = from.allowed(actor, facts);
        let names: Vec<&str> = allowed.iter().map(|a| a.name_zh()).collect();
        match e {
            CaseError::NoteRequired(_, what) => {
                let field = match what {
                    "承办单位" => "to_org_id",
                    "满意度" => "satisfaction",
                    _ => "note",
                };
                AppError::field(field, e.to_string())
            }
            CaseError::WrongActor(..) => AppError::Forbidden(e.to_string()),
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
    let now = Utc::now();
    let kind = CaseType::parse(&m.case_type).unwrap_or(CaseType::Complaint);
    let mut am: case::ActiveModel = m.clone().into();
    am.state = Set(to.as_str().into());
    am.updated_at = Set(now);
    let mut notes = Vec::new();
    let mut went_to: Option<i64> = None;
    let mut new_stages = Vec::new();
    match action {
        CaseAction::Accept => {
            am.accepted_at = Set(Some(now));
            end_stages(&*txn, id, &[Stage::Accept], now).await?;
            new_stages.push(stage_row(state, id, Stage::Handle, kind, m.holder_org_id, now));
        }
        CaseAction::Decline => {
            end_stages(&*txn, id, &[Stage::Accept], now).await?;
            am.closed_at = Set(Some(now));
        }
        CaseAction::Transfer => {
            let o = to_org.expect("checked by apply");
            end_stages(&*txn, id, &[Stage::Sign], now).await?;
            am.holder_org_id = Set(o.id);
            am.holder_level = Set(level_str(level_of(&o.kind)).into());
            if let Some(e) = o.enterprise_id {
                am.enterprise_id = Set(Some(e));
            }
            add_party(&*txn, id, o.id).await?;
            move_handle_stage(&*txn, id, o.id).await?;
            new_stages.push(stage_row(state, id, Stage::Sign, kind, o.id, now));
            notes.push(Note {
                org_id: o.id,
                kind: "case_transferred",
                title: format!("新转办{}：{}", kind.name_zh(), m.tracking_no),
                body: format!("{}转办：{}", p.org_name, short(&m.description)),
                link: link(id),
            });
            went_to = Some(o.id);
        }
        CaseAction::Handle => end_stages(&*txn, id, &[Stage::Sign], now).await?,
        CaseAction::Return => {
            end_stages(&*txn, id, &[Stage::Sign], now).await?;
            let holder = org_by_id(&*txn, m.holder_org_id).await?;
            let up = superior(&*txn, &holder, &m.region_code)
                .await?
                .ok_or_else(|| AppError::Conflict("没有可退回的上级单位".into()))?;
            am.holder_org_id = Set(up.id);
            am.holder_level = Set(level_str(level_of(&up.kind)).into());
            if level_of(&holder.kind) == Level::Enterprise {
                am.enterprise_id = Set(None);
            }
            move_handle_stage(&*txn, id, up.id).await?;
            notes.push(Note {
                org_id: up.id,
                kind: "case_returned",
                title: format!("{}被退回：{}", kind.name_zh(), m.tracking_no),
                body: format!("{}退回：{}", p.org_name, note.clone().unwrap_or_default()),
                link: link(id),
            });
            went_to = Some(up.id);
        }
        CaseAction::Answer => {
            end_stages(&*txn, id, &[Stage::Handle, Stage::Sign], now).await?;
            am.answer = Set(note.clone());
            am.answered_at = Set(Some(now));
            am.handler_org_id = Set(Some(m.holder_org_id));
            am.holder_org_id = Set(m.origin_org_id);
            am.holder_level = Set(m.origin_level.clone());
            new_stages.push(stage_row(state, id, Stage::FollowUp, kind, m.origin_org_id, now));
            if m.origin_org_id != m.holder_org_id {
                notes.push(Note {
                    org_id: m.origin_org_id,
                    kind: "case_answered",
                    title: format!("{}已答复，待回访：{}", kind.name_zh(), m.tracking_no),
                    body: format!("{}答复：{}", p.org_name, short(note.as_deref().unwrap_or(""))),
                    link: link(id),
                });
            }
        }
        CaseAction::FollowUp => end_stages(&*txn, id, &[Stage::FollowUp], now).await?,
        CaseAction::Rate => {
            am.satisfaction = Set(satisfaction.map(|s| s.as_str().to_string()));
            am.rating_comment = Set(note.clone());
            am.rated_at = Set(Some(now));
        }
        CaseAction::Close => am.closed_at = Set(Some(now)),
        CaseAction::Reopen => {
            let handler = org_by_id(&*txn, m.handler_org_id.unwrap_or(m.origin_org_id)).await?;
            am.reopened = Set(true);
            am.satisfaction = Set(None);
            am.rating_comment = Set(None);
            am.rated_at = Set(None);
            am.holder_org_id = Set(handler.id);
            am.holder_level = Set(level_str(level_of(&handler.kind)).into());
            if let Some(e) = handler.enterprise_id {
                am.enterprise_id = Set(Some(e));
            }
            new_stages.push(stage_row(state, id, Stage::Handle, kind, handler.id, now));
            if handler.id != p.org_id {
                notes.push(Note {
                    org_id: handler.id,
                    kind: "case_reopened",
                    title: format!("{}重新办理：{}", kind.name_zh(), m.tracking_no),
                    body: format!("投诉人不满意，{}要求重新办理：{}", p.org_name, note.clone().unwrap_or_default()),
                    link: link(id),
                });
            }
            went_to = Some(handler.id);
        }
    }
    if !new_stages.is_empty() {
        stage::Entity::insert_many(new_stages).exec_without_returning(&*txn).await?;
    }
    refresh_deadline(&*txn, &mut am, id).await?;
    am.update(&*txn).await?;
    let recorded = match (action, satisfaction) {
        (CaseAction::Rate, Some(s)) => Some(match &note {
            Some(n) => format!("{}（{n}）", s.name_zh()),
            None => s.name_zh().to_string(),
        }),
        _ => note.clone(),
    };
    let ev = event::ActiveModel {
        case_id: Set(id),
        action: Set(action.as_str().into()),
        from_state: Set(Some(from.as_str().into())),
        to_state: Set(to.as_str().into()),
        note: Set(recorded.clone()),
        actor: Set(p.display_name.clone()),
        actor_org: Set(Some(p.org_name.clone())),
        to_org_id: Set(went_to),
        at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    photo::Entity::update_many()
        .col_expr(photo::Column::EventId, Expr::value(ev.id))
        .filter(photo::Column::CaseId.eq(id))
        .filter(photo::Column::EventId.is_null())
        .exec(&*txn)
        .await?;
    notification::send(&*txn, notes).await?;
    let detail = match &recorded {
        Some(n) => format!("{} {}：{n}", m.tracking_no, action.name_zh()),
        None => format!("{} {}", m.tracking_no, action.name_zh()),
    };
    audit::append(&*txn, &Actor::of(p, ip), Event::ok(audit_action(action), "case", id).detail(detail)).await?;
    touch(state, &txn, vec![id]);
    txn.commit().await?;
    match store::get(&state.db.conn, &p.scope(), id).await? {
        Some(_) => get(state, p, id).await,
        // Handed back up out of the caller's sight (an enterprise returning a case): the answer
        // shows the step done, without the person's contact.
        None => {
            let m = case::Entity::find_by_id(id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
            let mut dto = to_dtos(state, p, vec![m]).await?.remove(0);
            dto.contact_name = None;
            dto.contact_phone = None;
            dto.contact_visible = false;
            dto.allowed = Vec::new();
            Ok(dto)
        }
    }
}

/// The handling clock runs for whoever holds the case.
async fn move_handle_stage<C: ConnectionTrait>(conn: &C, case_id: i64, org_id: i64) -> AppResult<()> {
    stage::Entity::update_many()
        .col_expr(stage::Column::OrgId, Expr::value(org_id))
        .filter(stage::Column::CaseId.eq(case_id))
        .filter(stage::Column::Open.eq(true))
        .filter(stage::Column::Stage.eq(Stage::Handle.as_str()))
        .exec(conn)
        .await?;
    Ok(())
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn audit_action(a: CaseAction) -> &'static str {
    match a {
        CaseAction::Accept => "case.accept",
        CaseAction::Decline => "case.decline",
        CaseAction::Transfer => "case.transfer",
        CaseAction::Handle => "case.handle",
        CaseAction::Return => "case.return",
        CaseAction::Answer => "case.answer",
        CaseAction::FollowUp => "case.follow_up",
        CaseAction::Rate => "case.rate",
        CaseAction::Close => "case.close",
        CaseAction::Reopen => "case.reopen",
    }
}

/// Attach an evidence photo (JPEG, PNG or WebP) to an open case the caller holds; it joins the
/// caller's next step.
pub async fn attach_photo(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<CaseDto> {
    may_work(p)?;
    let m = store::get(&state.db.conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    if m.state == CaseState::Closed.as_str() {
        return Err(AppError::Conflict("案件已办结，不能再上传照片".into()));
    }
    if m.holder_org_id != p.org_id && m.origin_org_id != p.org_id {
        return Err(AppError::Forbidden("只有当前承办单位可以上传办理照片".into()));
    }
    let (content_type, sha) = files::accept_photo(&state.config.data_dir, &bytes, state.config.photo_max_bytes).await?;
    let txn = state.db.write_txn().await?;
    photo::ActiveModel {
        case_id: Set(id),
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
    let e = Event::ok("case.photo", "case", id).detail(format!("{} 上传照片 {name}", m.tracking_no));
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

// ---- Deadlines: warnings and overdue supervision ------------------------------------------------

/// What one run of the supervision job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Supervised {
    pub warned: usize,
    pub overdue: usize,
}

/// Warn the handlers of stages whose deadline is near, and raise overdue supervision (超时督办) on
/// those past it: a step in the case's history, a supervision notice, a notification to the
/// handler and to its superior. Each stage once; run by the scheduler with the day it is.
pub async fn supervise(state: &AppState, day: NaiveDate) -> AppResult<Supervised> {
    let txn = state.db.write_txn().await?;
    let warn = store::stages_to_warn(&*txn, day).await?;
    let late = store::stages_overdue(&*txn, day).await?;
    if warn.is_empty() && late.is_empty() {
        return Ok(Supervised::default());
    }
    let case_ids: Vec<i64> = warn.iter().chain(&late).map(|s| s.case_id).collect::<HashSet<_>>().into_iter().collect();
    let mut cases: HashMap<i64, case::Model> = HashMap::new();
    for chunk in case_ids.chunks(500) {
        for m in case::Entity::find().filter(case::Column::Id.is_in(chunk.to_vec())).all(&*txn).await? {
            cases.insert(m.id, m);
        }
    }
    let org_ids: Vec<i64> = warn.iter().chain(&late).map(|s| s.org_id).collect::<HashSet<_>>().into_iter().collect();
    let orgs: HashMap<i64, org::Model> =
        crate::system::store::orgs_by_ids(&*txn, org_ids).await?.into_iter().map(|o| (o.id, o)).collect();
    let city = city_org(&*txn).await?;
    let counties: HashMap<String, org::Model> = org::Entity::find()
        .filter(org::Column::Kind.eq(OrgKind::CountyAuthority.as_str()))
        .all(&*txn)
        .await?
        .into_iter()
        .map(|o| (o.region_code.clone(), o))
        .collect();
    let now = Utc::now();
    let mut events = Vec::new();
    let mut notes = Vec::new();
    let mut notices = Vec::new();
    for s in &warn {
        let Some(m) = cases.get(&s.case_id) else { continue };
        let stage_name = Stage::parse(&s.stage).map_or("", |x| x.name_zh());
        events.push(system_event(m, "warning", format!("{stage_name}时限{}即将到期，请及时办理", s.deadline), now));
        notes.push(Note {
            org_id: s.org_id,
            kind: "case_warning",
            title: format!("临期提醒：{} {stage_name}时限{}", m.tracking_no, s.deadline),
            body: short(&m.description),
            link: link(m.id),
        });
    }
    for s in &late {
        let Some(m) = cases.get(&s.case_id) else { continue };
        let stage_name = Stage::parse(&s.stage).map_or("", |x| x.name_zh());
        let handler = orgs.get(&s.org_id);
        let handler_name = handler.map_or(String::new(), |o| o.name.clone());
        let up = match handler.map(|o| level_of(&o.kind)) {
            Some(Level::Enterprise) => counties.get(&m.region_code.chars().take(6).collect::<String>()),
            Some(Level::County) => Some(&city),
            _ => None,
        };
        let reason = format!("{stage_name}时限{}已过，{handler_name}尚未办理，予以超时督办", s.deadline);
        events.push(system_event(m, "supervise", reason.clone(), now));
        notices.push(notice::ActiveModel {
            subject_type: Set("case".into()),
            subject_id: Set(m.id),
            subject_ref: Set(m.tracking_no.clone()),
            stage: Set(s.stage.clone()),
            org_id: Set(s.org_id),
            superior_org_id: Set(up.map(|o| o.id)),
            region_code: Set(m.region_code.clone()),
            enterprise_id: Set(m.enterprise_id),
            deadline: Set(s.deadline),
            reason: Set(reason.clone()),
            created_at: Set(now),
            ..Default::default()
        });
        notes.push(Note {
            org_id: s.org_id,
            kind: "case_overdue",
            title: format!("超时督办：{} {stage_name}已超过时限", m.tracking_no),
            body: reason.clone(),
            link: link(m.id),
        });
        if let Some(up) = up {
            notes.push(Note {
                org_id: up.id,
                kind: "case_overdue_below",
                title: format!("下级超时：{}的{} {stage_name}已超时", handler_name, m.tracking_no),
                body: reason,
                link: link(m.id),
            });
        }
    }
    let (warned, overdue) = (warn.len(), late.len());
    for chunk in events.chunks(500) {
        event::Entity::insert_many(chunk.to_vec()).exec_without_returning(&*txn).await?;
    }
    for chunk in notices.chunks(500) {
        notice::Entity::insert_many(chunk.to_vec()).exec_without_returning(&*txn).await?;
    }
    notification::send(&*txn, notes).await?;
    let warn_ids: Vec<i64> = warn.iter().map(|s| s.id).collect();
    let late_ids: Vec<i64> = late.iter().map(|s| s.id).collect();
    for chunk in warn_ids.chunks(1000) {
        stage::Entity::update_many()
            .col_expr(stage::Column::Warned, Expr::value(true))
            .filter(stage::Column::Id.is_in(chunk.to_vec()))
            .exec(&*txn)
            .await?;
    }
    let late_cases: Vec<i64> = late.iter().map(|s| s.case_id).collect::<HashSet<_>>().into_iter().collect();
    for chunk in late_ids.chunks(1000) {
        stage::Entity::update_many()
            .col_expr(stage::Column::Overdue, Expr::value(true))
            .col_expr(stage::Column::Warned, Expr::value(true))
            .filter(stage::Column::Id.is_in(chunk.to_vec()))
            .exec(&*txn)
            .await?;
    }
    for chunk in late_cases.chunks(1000) {
        case::Entity::update_many()
            .col_expr(case::Column::Overdue, Expr::value(true))
            .filter(case::Column::Id.is_in(chunk.to_vec()))
            .exec(&*txn)
            .await?;
    }
    if overdue > 0 {
        let e = Event {
            action: "case.overdue",
            target_type: Some("case"),
            target_id: None,
            success: true,
            detail: Some(format!("{overdue}个案件办理环节超过时限，已超时督办")),
        };
        audit::append(&*txn, &Actor::system("scheduler"), e).await?;
    }
    touch(state, &txn, case_ids);
    txn.commit().await?;
    Ok(Supervised { warned, overdue })
}

fn system_event(m: &case::Model, action: &str, note: String, at: DateTime<Utc>) -> event::ActiveModel {
    event::ActiveModel {
        case_id: Set(m.id),
        action: Set(action.into()),
        from_state: Set(Some(m.state.clone())),
        to_state: Set(m.state.clone()),
        note: Set(Some(note)),
        actor: Set("系统".into()),
        actor_org: Set(None),
        to_org_id: Set(None),
        at: Set(at),
        ..Default::default()
    }
}

// ---- Tracking and rating by the person ----------------------------------------------------------

/// The case of this number whose phone is this one; an unknown number and a wrong phone get the
/// same answer.
async fn tracked(
    state: &AppState,
    ip: Option<&str>,
    no: &Option<String>,
    phone: &Option<String>,
) -> AppResult<case::Model> {
    state.guard.lookup(ip)?;
    let (Some(no), Some(phone)) = (opt(no), opt(phone)) else {
        return Err(AppError::field("tracking_no", "请输入受理编号和手机号码"));
    };
    let not_found = || AppError::NotFound;
    let m = store::by_tracking_no(&state.db.conn, no.trim()).await?.ok_or_else(not_found)?;
    let index = phone_index(&state.crypto, &phone);
    if m.contact_index.as_deref() != Some(index.as_str()) {
        return Err(not_found());
    }
    Ok(m)
}

fn public_title(e: &event::Model) -> Option<String> {
    Some(match e.action.as_str() {
        "receive" => "已提交".into(),
        "accept" => "已受理".into(),
        "decline" => "不予受理".into(),
        "transfer" => "已转交承办单位办理".into(),
        "handle" => "承办单位办理中".into(),
        "answer" => "已办理答复".into(),
        "follow_up" => "已回访反馈".into(),
        "rate" => "已评价".into(),
        "close" => "已办结".into(),
        "reopen" => "重新办理".into(),
        _ => return None,
    })
}

async fn tracked_dto(state: &AppState, m: case::Model) -> AppResult<TrackedCase> {
    let events = store::events_of(&state.db.conn, m.id).await?;
    let steps = events
        .iter()
        .filter_map(|e| {
            let title = public_title(e)?;
            // Only what is meant for the person: not the internal opinions of transfers or returns.
            let note = match e.action.as_str() {
                "decline" | "answer" | "follow_up" | "rate" => e.note.clone(),
                _ => None,
            };
            Some(TrackedStep { at: e.at, title, note })
        })
        .collect();
    let state_name = CaseState::parse(&m.state).map_or("", |s| s.name_zh()).to_string();
    let can_rate = CaseState::parse(&m.state).is_some_and(|s| {
        s.apply(
            CaseAction::Rate,
            CaseActor::PUBLIC,
            facts_of(&m),
            &StepInput { note: None, to_level: None, satisfaction: Some(Satisfaction::Satisfied) },
        )
        .is_ok()
    });
    Ok(TrackedCase {
        tracking_no: m.tracking_no,
        case_type_name: CaseType::parse(&m.case_type).map_or("", |t| t.name_zh()).to_string(),
        state_name,
        state: m.state,
        received_at: m.received_at,
        steps,
        answer: m.answer,
        can_rate,
        satisfaction_name: m.satisfaction.as_deref().and_then(Satisfaction::parse).map(|s| s.name_zh().to_string()),
    })
}

pub async fn track(state: &AppState, ip: Option<String>, input: &TrackInput) -> AppResult<TrackedCase> {
    let m = tracked(state, ip.as_deref(), &input.tracking_no, &input.phone).await?;
    tracked_dto(state, m).await
}

/// The person rates the handling once they have been told the result.
pub async fn rate_public(state: &AppState, ip: Option<String>, input: &PublicRating) -> AppResult<TrackedCase> {
    let m = tracked(state, ip.as_deref(), &input.tracking_no, &input.phone).await?;
    let satisfaction = opt(&input.satisfaction)
        .and_then(|s| Satisfaction::parse(&s))
        .ok_or_else(|| AppError::field("satisfaction", "请选择满意、基本满意或不满意"))?;
    let comment = opt(&input.comment).map(|c| c.chars().take(500).collect::<String>());
    let from = CaseState::parse(&m.state).ok_or_else(|| AppError::Internal(anyhow::anyhow!("bad case")))?;
    let input_step = StepInput { note: comment.as_deref(), to_level: None, satisfaction: Some(satisfaction) };
    let to = from.apply(CaseAction::Rate, CaseActor::PUBLIC, facts_of(&m), &input_step).map_err(|_| {
        let detail = match from {
            CaseState::Rated | CaseState::Closed if m.satisfaction.is_some() => "您已评价过，不能再次评价".to_string(),
            CaseState::Closed => "案件已办结，不能再评价".to_string(),
            _ if !facts_of(&m).contactable => "匿名举报不参与满意度评价".to_string(),
            _ => format!("案件当前为“{}”，承办单位答复并回访后方可评价", from.name_zh()),
        };
        AppError::IllegalTransition { detail, allowed: Vec::new() }
    })?;
    let txn = state.db.write_txn().await?;
    // Re-read inside the transaction: a rating is given once.
    let fresh = case::Entity::find_by_id(m.id).one(&*txn).await?.ok_or(AppError::NotFound)?;
    if fresh.state != from.as_str() {
        return Err(AppError::IllegalTransition {
            detail: "案件状态已变化，请刷新后重试".into(), allowed: Vec::new()
        });
    }
    let now = Utc::now();
    let id = fresh.id;
    let mut am: case::ActiveModel = fresh.into();
    am.state = Set(to.as_str().into());
    am.satisfaction = Set(Some(satisfaction.as_str().into()));
    am.rating_comment = Set(comment.clone());
    am.rated_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&*txn).await?;
    let note = match &comment {
        Some(c) => format!("{}（{c}）", satisfaction.name_zh()),
        None => satisfaction.name_zh().to_string(),
    };
    event::ActiveModel {
        case_id: Set(id),
        action: Set(CaseAction::Rate.as_str().into()),
        from_state: Set(Some(from.as_str().into())),
        to_state: Set(to.as_str().into()),
        note: Set(Some(note.clone())),
        actor: Set("投诉人".into()),
        actor_org: Set(None),
        to_org_id: Set(None),
        at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    notification::send(
        &*txn,
        vec![Note {
            org_id: m.origin_org_id,
            kind: "case_rated",
            title: format!("投诉人已评价：{} {}", m.tracking_no, satisfaction.name_zh()),
            body: note.clone(),
            link: link(id),
        }],
    )
    .await?;
    let actor = Actor { ip, ..Actor::system("public") };
    audit::append(&*txn, &actor, Event::ok("case.rate", "case", id).detail(format!("{} 评价：{note}", m.tracking_no)))
        .await?;
    touch(state, &txn, vec![id]);
    txn.commit().await?;
    let m = case::Entity::find_by_id(id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
    tracked_dto(state, m).await
}

// ---- Reading ------------------------------------------------------------------------------------

fn masked_name(n: &str) -> String {
    let mut c = n.chars();
    match c.next() {
        Some(first) => format!("{first}{}", "*".repeat(c.count().max(1))),
        None => String::new(),
    }
}

pub async fn to_dtos(state: &AppState, p: &Principal, rows: Vec<case::Model>) -> AppResult<Vec<CaseDto>> {
    let ents = enterprises::names(state).await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let parties = store::parties_among(&state.db.conn, &ids, p.org_id).await?;
    let org_ids: Vec<i64> = rows
        .iter()
        .flat_map(|m| [Some(m.origin_org_id), Some(m.holder_org_id), m.handler_org_id])
        .flatten()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let orgs: HashMap<i64, String> =
        crate::system::store::orgs_by_ids(&state.db.conn, org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let org_name = |id: i64| orgs.get(&id).cloned().unwrap_or_default();
    let day = today();
    let handler_role = p.role != Role::Inspector;
    Ok(rows
        .into_iter()
        .map(|m| {
            let allowed = allowed_for(p, &m).into_iter().map(|a| a.as_str().to_string()).collect();
            let visible = !m.anonymous && handler_role && parties.contains(&m.id);
            let name_plain = m.contact_name.as_deref().and_then(|c| state.crypto.decrypt(c));
            let phone_plain = m.contact_phone.as_deref().and_then(|c| state.crypto.decrypt(c));
            let (contact_name, contact_phone) = if m.anonymous {
                (None, None)
            } else if visible {
                (name_plain, phone_plain)
            } else {
                (name_plain.as_deref().map(masked_name), phone_plain.as_deref().map(|p| mask(p, 3, 4)))
            };
            let open = m.state != CaseState::Closed.as_str();
            CaseDto {
                id: m.id,
                tracking_no: m.tracking_no,
                channel_name: Channel::parse(&m.channel).map_or("", |c| c.name_zh()).into(),
                channel: m.channel,
                case_type_name: CaseType::parse(&m.case_type).map_or("", |c| c.name_zh()).into(),
                case_type: m.case_type,
                gas_category_name: GasCategory::parse(&m.gas_category).map_or("", |c| c.name_zh()).into(),
                gas_category: m.gas_category,
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                township: m.township,
                named_enterprise_name: m.named_enterprise_id.map(|e| name(&ents, e)),
                named_enterprise_id: m.named_enterprise_id,
                enterprise_name: m.enterprise_id.map(|e| name(&ents, e)),
                enterprise_id: m.enterprise_id,
                place: m.place,
                lng: m.lng,
                lat: m.lat,
                user_account: m.user_account,
                description: m.description,
                anonymous: m.anonymous,
                contact_name,
                contact_phone,
                contact_visible: visible,
                external_no: m.external_no,
                origin_org_name: org_name(m.origin_org_id),
                holder_org_id: m.holder_org_id,
                holder_org_name: org_name(m.holder_org_id),
                holder_level: m.holder_level,
                handler_org_name: m.handler_org_id.map(org_name),
                state_name: CaseState::parse(&m.state).map_or("", |s| s.name_zh()).into(),
                state: m.state,
                reopened: m.reopened,
                answer: m.answer,
                satisfaction_name: m.satisfaction.as_deref().and_then(Satisfaction::parse).map(|s| s.name_zh().into()),
                satisfaction: m.satisfaction,
                rating_comment: m.rating_comment,
                overdue: open && m.deadline.is_some_and(|d| d < day),
                deadline: if open { m.deadline } else { None },
                received_at: m.received_at,
                accepted_at: m.accepted_at,
                answered_at: m.answered_at,
                closed_at: m.closed_at,
                allowed,
                history: None,
                stages: None,
                pending_photos: None,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

fn photo_dto(x: photo::Model) -> CasePhotoDto {
    CasePhotoDto {
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
        "receive" => "接收".into(),
        "warning" => "临期预警".into(),
        "supervise" => "超时督办".into(),
        other => CaseAction::parse(other).map(|a| a.name_zh().to_string()).unwrap_or_else(|| other.to_string()),
    }
}

/// One case with its history, stages and photos.
pub async fn get(state: &AppState, p: &Principal, id: i64) -> AppResult<CaseDto> {
    let conn = &state.db.conn;
    let m = store::get(conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    let (events, photos, stages) =
        tokio::try_join!(store::events_of(conn, id), store::photos_of(conn, id), store::stages_of(conn, id))?;
    let org_ids: Vec<i64> = events
        .iter()
        .filter_map(|e| e.to_org_id)
        .chain(stages.iter().map(|s| s.org_id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let orgs: HashMap<i64, String> =
        crate::system::store::orgs_by_ids(conn, org_ids).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let mut by_event: HashMap<Option<i64>, Vec<CasePhotoDto>> = HashMap::new();
    for x in photos {
        by_event.entry(x.event_id).or_default().push(photo_dto(x));
    }
    let mut dto = to_dtos(state, p, vec![m]).await?.remove(0);
    let day = today();
    dto.stages = Some(
        stages
            .into_iter()
            .map(|s| CaseStageDto {
                stage_name: Stage::parse(&s.stage).map_or("", |x| x.name_zh()).into(),
                stage: s.stage,
                org_name: orgs.get(&s.org_id).cloned().unwrap_or_default(),
                started_at: s.started_at,
                deadline: s.deadline,
                ended_at: s.ended_at,
                open: s.open,
                late: s.late || (s.open && s.deadline < day),
                supervised: s.overdue,
            })
            .collect(),
    );
    dto.history = Some(
        events
            .into_iter()
            .map(|e| CaseEventDto {
                photos: by_event.remove(&Some(e.id)).unwrap_or_default(),
                id: e.id,
                action_name: action_name(&e.action),
                action: e.action,
                from_state: e.from_state,
                to_state_name: CaseState::parse(&e.to_state).map_or("", |s| s.name_zh()).into(),
                to_state: e.to_state,
                note: e.note,
                actor: e.actor,
                actor_org: e.actor_org,
                to_org_name: e.to_org_id.and_then(|o| orgs.get(&o).cloned()),
                at: e.at,
            })
            .collect(),
    );
    dto.pending_photos = Some(by_event.remove(&None).unwrap_or_default());
    Ok(dto)
}

pub async fn list(state: &AppState, p: &Principal, f: &CaseFilter, page: &PageParams) -> AppResult<CaseList> {
    let (rows, total) = store::list(&state.db.conn, &p.scope(), f, p.org_id, page, today()).await?;
    Ok(CaseList { items: to_dtos(state, p, rows).await?, total })
}

const fn col(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, required: false, choices: &[], width, note: "" }
}

/// The columns of a case export.
pub const EXPORT_COLUMNS: &[Column] = &[
    col("tracking_no", "受理编号", 18.0),
    col("case_type", "类型", 10.0),
    col("channel", "渠道", 12.0),
    col("gas_category", "燃气类别", 14.0),
    col("region", "区划", 10.0),
    col("place", "事发地点", 30.0),
    col("description", "诉求内容", 40.0),
    col("contact_name", "联系人", 10.0),
    col("contact_phone", "联系电话", 14.0),
    col("enterprise", "所涉企业", 24.0),
    col("holder", "当前承办单位", 24.0),
    col("state", "状态", 10.0),
    col("deadline", "时限", 12.0),
    col("overdue", "是否超时", 10.0),
    col("satisfaction", "满意度", 10.0),
    col("received_at", "受理时间", 18.0),
    col("closed_at", "办结时间", 18.0),
    col("external_no", "热线/企业编号", 18.0),
];

/// The columns of a statistics export.
pub const STATS_COLUMNS: &[Column] = &[
    col("name", "分组", 24.0),
    col("total", "案件数", 10.0),
    col("closed", "已办结", 10.0),
    col("open", "办理中", 10.0),
    col("overdue", "超时未办", 10.0),
    col("enterprise_received", "企业直接受理", 12.0),
    col("on_time_rate", "及时率", 10.0),
    col("rated", "已评价", 10.0),
    col("satisfaction_rate", "满意率", 10.0),
];

/// The rows of an export: masked contacts, Chinese names.
pub async fn sheet(state: &AppState, p: &Principal, rows: Vec<case::Model>) -> AppResult<Vec<Vec<String>>> {
    let dtos = to_dtos(state, p, rows).await?;
    let t = |d: Option<DateTime<Utc>>| {
        d.map(|d| (d + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
    };
    let rows = dtos
        .into_iter()
        .map(|d| {
            // Exports never carry the person's full contact.
            let name = if d.anonymous {
                "匿名".to_string()
            } else {
                d.contact_name.as_deref().map(masked_name).unwrap_or_default()
            };
            let phone = d.contact_phone.as_deref().map(|p| if p.contains('*') { p.to_string() } else { mask(p, 3, 4) });
            vec![
                d.tracking_no,
                d.case_type_name,
                d.channel_name,
                d.gas_category_name,
                d.region_name,
                d.place,
                d.description,
                name,
                phone.unwrap_or_default(),
                d.named_enterprise_name.or(d.enterprise_name).unwrap_or_default(),
                d.holder_org_name,
                d.state_name,
                d.deadline.map(|x| x.to_string()).unwrap_or_default(),
                if d.overdue { "是".into() } else { "否".into() },
                d.satisfaction_name.unwrap_or_default(),
                t(Some(d.received_at)),
                t(d.closed_at),
                d.external_no.unwrap_or_default(),
            ]
        })
        .collect();
    Ok(rows)
}

// ---- Statistics ---------------------------------------------------------------------------------

async fn counted<R>(state: &AppState, f: impl FnOnce(&store::CaseTally) -> R) -> AppResult<R> {
    let key = state.lists.generation(KIND);
    let conn = &state.db.conn;
    let tally = state.tallies.of::<store::CaseTally>();
    Ok(tally.read(key, || store::counted_cases(conn, None), |ids| store::counted_cases(conn, Some(ids)), f).await?)
}

fn rate(n: i64, d: i64) -> f64 {
    if d > 0 {
        n as f64 / d as f64
    } else {
        0.0
    }
}

pub async fn stats(state: &AppState, scope: &Scope, q: &CaseStatsQuery) -> AppResult<CaseStats> {
    let day = today();
    let c = counted(state, |t| t.stats(scope, q, day)).await?;
    let group = q.group.as_deref().unwrap_or("case_type");
    let ents = if group == "enterprise" { Some(enterprises::names(state).await?) } else { None };
    let stat = |key: String, label: String, v: &store::Counts| CaseStat {
        key,
        name: label,
        total: v.total,
        closed: v.closed,
        open: v.total - v.closed,
        overdue: v.overdue,
        enterprise_received: v.enterprise_received,
        on_time_rate: rate(v.on_time, v.on_time + v.late),
        timed_stages: v.on_time + v.late,
        rated: v.rated,
        satisfaction_rate: rate(v.pleased, v.rated),
    };
    let mut sum = store::Counts::default();
    let mut items: Vec<CaseStat> = c
        .groups
        .iter()
        .map(|(k, v)| {
            sum.total += v.total;
            sum.closed += v.closed;
            sum.overdue += v.overdue;
            sum.enterprise_received += v.enterprise_received;
            sum.on_time += v.on_time;
            sum.late += v.late;
            sum.rated += v.rated;
            sum.pleased += v.pleased;
            let label = match group {
                "gas_category" => GasCategory::parse(k).map_or(k.clone(), |x| x.name_zh().into()),
                "region" => state.regions.name(k),
                "enterprise" if k == "0" => "未转至企业".into(),
                "enterprise" => ents.as_ref().map(|b| name(b, k.parse().unwrap_or(0))).unwrap_or_default(),
                "channel" => Channel::parse(k).map_or(k.clone(), |x| x.name_zh().into()),
                _ => CaseType::parse(k).map_or(k.clone(), |x| x.name_zh().into()),
            };
            stat(k.clone(), label, v)
        })
        .collect();
    items.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
    let stages = ranjian_domain::case::STAGES
        .iter()
        .zip(c.stages)
        .map(|(s, (ok, late))| StageStat {
            stage: s.as_str().into(),
            name: s.name_zh().into(),
            on_time: ok,
            late,
            rate: rate(ok, ok + late),
        })
        .collect();
    let [sat, basic, dis] = c.ratings;
    Ok(CaseStats {
        summary: stat("total".into(), "合计".into(), &sum),
        items,
        stages,
        satisfaction: SatisfactionStat {
            satisfied: sat,
            basically_satisfied: basic,
            dissatisfied: dis,
            rate: rate(sat + basic, sat + basic + dis),
        },
        months: c
            .months
            .into_iter()
            .map(|(month, v)| MonthStat {
                month,
                total: v[0],
                complaint: v[1],
                report: v[2],
                service_request: v[3],
                suggestion: v[4],
                closed: v[5],
            })
            .collect(),
        repeats: c
            .repeats
            .into_iter()
            .map(|(place, region, count, at, id)| RepeatPlace {
                place,
                region_name: state.regions.name(&region),
                count,
                last_received_at: Some(at),
                last_case_id: id,
            })
            .collect(),
    })
}

// ---- Records of the data standard: hotline work orders and enterprise-received cases --------------

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let local = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| parse_date(s).and_then(|d| d.and_hms_opt(9, 0, 0)));
    local
        .map(|t| t.and_utc() - chrono::Duration::hours(8))
        .or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| t.to_utc()))
}

fn time_field(
    c: &mut Checker,
    field: &str,
    label: &str,
    v: &Option<String>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let s = opt(v)?;
    match parse_time(&s) {
        Some(t) if t > now + chrono::Duration::minutes(5) => {
            c.error(field, format!("{label}不能晚于现在"));
            None
        }
        Some(t) => Some(t),
        None => {
            c.error(field, format!("{label}“{s}”应为 YYYY-MM-DD HH:MM"));
            None
        }
    }
}

pub const HOTLINE_COLUMNS: &[Column] = &[
    Column {
        key: "order_no",
        header: "工单编号",
        required: true,
        choices: &[],
        width: 20.0,
        note: "12345热线工单编号；重复导入同一编号不会重复登记。",
    },
    Column {
        key: "case_type",
        header: "诉求类型",
        required: true,
        choices: &["投诉", "举报", "服务申请", "意见建议"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "gas_category",
        header: "燃气类别",
        required: true,
        choices: &["管道燃气", "瓶装液化石油气", "车用燃气", "其他"],
        width: 16.0,
        note: "",
    },
    Column {
        key: "region",
        header: "所属县（市、区）",
        required: true,
        choices: &[],
        width: 14.0,
        note: "县（市、区）名称或6位区划代码。",
    },
    Column { key: "place", header: "事发地点", required: true, choices: &[], width: 30.0, note: "" },
    Column { key: "description", header: "诉求内容", required: true, choices: &[], width: 40.0, note: "" },
    Column {
        key: "contact_name",
        header: "来电人",
        required: false,
        choices: &[],
        width: 10.0,
        note: "匿名来电可不填。",
    },
    Column { key: "contact_phone", header: "来电号码", required: false, choices: &[], width: 14.0, note: "" },
    Column {
        key: "received_at",
        header: "来电时间",
        required: true,
        choices: &[],
        width: 18.0,
        note: "YYYY-MM-DD HH:MM，不能晚于现在。",
    },
];

pub struct ValidOrder {
    key: String,
    order_no: String,
    case: ValidCase,
    received_at: DateTime<Utc>,
}

pub struct HotlineOrderRecord;

impl RecordType for HotlineOrderRecord {
    const NAME: &'static str = "hotline-orders";
    const TITLE: &'static str = "12345热线工单";
    const CODE_FIELD: &'static str = "order_no";
    type Row = HotlineOrderInput;
    type Valid = ValidOrder;

    fn columns() -> &'static [Column] {
        HOTLINE_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            "GD2026112900123",
            "投诉",
            "管道燃气",
            "信州区",
            "信州区带湖路88号",
            "小区燃气表箱锈蚀漏气，要求尽快处理",
            "王先生",
            "13907930000",
            "2026-11-29 09:30",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.org_kind != OrgKind::Enterprise && p.role.may_edit_enterprise_ledger()
    }
    fn code(v: &ValidOrder) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[HotlineOrderInput],
    ) -> AppResult<Vec<Result<ValidOrder, Vec<FieldError>>>> {
        let counties = counties(ctx.state);
        let now = Utc::now();
        Ok(rows
            .iter()
            .map(|r| {
                let mut c = Checker::default();
                let order_no = c.required("order_no", "工单编号", &r.order_no, 64);
                let case_type =
                    choice(&mut c, "case_type", "诉求类型", &r.case_type, CaseType::choices(), CaseType::parse);
                let gas_category = choice(
                    &mut c,
                    "gas_category",
                    "燃气类别",
                    &r.gas_category,
                    GasCategory::choices(),
                    GasCategory::parse,
                );
                let region = c.required("region", "所属县（市、区）", &r.region, 20);
                let region_code =
                    counties.iter().find(|(code, name)| *code == region || *name == region).map(|(c, _)| c.clone());
                if region_code.is_none() && !region.is_empty() {
                    c.error("region", format!("“{region}”不是上饶市的县（市、区）"));
                }
                if region_code.as_deref().is_some_and(|r| !ctx.scope.allows_region(r)) {
                    c.error("region", "不在本辖区");
                }
                let place = c.required("place", "事发地点", &r.place, 200);
                let description = c.required("description", "诉求内容", &r.description, 1000);
                let contact_name = c.text("contact_name", "来电人", &r.contact_name, 50);
                let contact_phone = opt(&r.contact_phone);
                if let Some(p) = contact_phone.as_deref().filter(|p| !is_valid_phone(p)) {
                    c.error("contact_phone", format!("来电号码“{p}”不正确"));
                }
                if opt(&r.received_at).is_none() {
                    c.error("received_at", "来电时间不能为空");
                }
                let received_at = time_field(&mut c, "received_at", "来电时间", &r.received_at, now);
                c.finish(|| ValidOrder {
                    key: format!("hotline:{order_no}"),
                    order_no,
                    received_at: received_at.expect("checked"),
                    case: ValidCase {
                        case_type: case_type.expect("checked"),
                        gas_category: gas_category.expect("checked"),
                        region_code: region_code.expect("checked"),
                        township: None,
                        named_enterprise_id: None,
                        place,
                        point: None,
                        user_account: None,
                        description,
                        anonymous: contact_name.is_none() && contact_phone.is_none(),
                        contact_name,
                        contact_phone,
                    },
                })
            })
            .collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidOrder)>) -> AppResult<Upserted> {
        let keys: Vec<String> = rows.iter().map(|(_, v)| v.key.clone()).collect();
        let existing = store::by_external_keys(&**txn, &keys).await?;
        let mut out = Upserted::default();
        let mut touched = Vec::new();
        for (_, v) in rows {
            // A work order is registered once; the case then lives on the platform.
            if existing.contains_key(&v.key) {
                out.unchanged += 1;
                continue;
            }
            let origin = city_org(&**txn).await?;
            let intake = Intake {
                channel: Channel::Hotline,
                origin,
                state: CaseState::Received,
                external_no: Some(v.order_no.clone()),
                external_key: Some(v.key.clone()),
                received_at: v.received_at,
                actor_name: "12345热线".into(),
                actor_org: None,
            };
            let (m, _) = insert_case(ctx.state, txn, &v.case, intake).await?;
            let e = Event::ok("case.hotline_import", "case", m.id)
                .detail(format!("导入热线工单 {} → {}", v.order_no, m.tracking_no));
            audit::append(&**txn, ctx.actor, e).await?;
            touched.push(m.id);
            out.inserted += 1;
        }
        touch(ctx.state, txn, touched);
        Ok(out)
    }
}

pub const ENTERPRISE_COLUMNS: &[Column] = &[
    Column {
        key: "enterprise_code",
        header: "企业统一社会信用代码",
        required: true,
        choices: &[],
        width: 24.0,
        note: "受理企业。",
    },
    Column {
        key: "code",
        header: "企业受理编号",
        required: true,
        choices: &[],
        width: 18.0,
        note: "企业自编，企业内唯一；重复上报同一编号即更新办理情况。",
    },
    Column {
        key: "case_type",
        header: "诉求类型",
        required: true,
        choices: &["投诉", "举报", "服务申请", "意见建议"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "gas_category",
        header: "燃气类别",
        required: true,
        choices: &["管道燃气", "瓶装液化石油气", "车用燃气", "其他"],
        width: 16.0,
        note: "",
    },
    Column { key: "place", header: "地点", required: true, choices: &[], width: 30.0, note: "" },
    Column { key: "user_account", header: "燃气户号", required: false, choices: &[], width: 16.0, note: "" },
    Column { key: "description", header: "诉求内容", required: true, choices: &[], width: 40.0, note: "" },
    Column {
        key: "received_at",
        header: "受理时间",
        required: true,
        choices: &[],
        width: 18.0,
        note: "YYYY-MM-DD HH:MM，不能晚于现在。",
    },
    Column {
        key: "answer", header: "办理结果", required: false, choices: &[], width: 30.0, note: "已办理的填写。"
    },
    Column {
        key: "answered_at",
        header: "答复时间",
        required: false,
        choices: &[],
        width: 18.0,
        note: "不能早于受理时间。",
    },
    Column {
        key: "satisfaction",
        header: "满意度",
        required: false,
        choices: &["满意", "基本满意", "不满意"],
        width: 12.0,
        note: "",
    },
    Column {
        key: "closed_at",
        header: "办结时间",
        required: false,
        choices: &[],
        width: 18.0,
        note: "不能早于受理时间。",
    },
];

pub struct ValidEnterpriseCase {
    key: String,
    code: String,
    enterprise: enterprise::Model,
    case_type: CaseType,
    gas_category: GasCategory,
    place: String,
    user_account: Option<String>,
    description: String,
    received_at: DateTime<Utc>,
    answer: Option<String>,
    answered_at: Option<DateTime<Utc>>,
    satisfaction: Option<Satisfaction>,
    closed_at: Option<DateTime<Utc>>,
}

impl ValidEnterpriseCase {
    fn state(&self) -> CaseState {
        match (self.closed_at, self.satisfaction, &self.answer) {
            (Some(_), _, _) => CaseState::Closed,
            (None, Some(_), _) => CaseState::Rated,
            (None, None, Some(_)) => CaseState::Answered,
            _ => CaseState::Handling,
        }
    }
}

pub struct EnterpriseCaseRecord;

impl RecordType for EnterpriseCaseRecord {
    const NAME: &'static str = "enterprise-cases";
    const TITLE: &'static str = "企业直接受理投诉";
    const CODE_FIELD: &'static str = "code";
    type Row = EnterpriseCaseInput;
    type Valid = ValidEnterpriseCase;

    fn columns() -> &'static [Column] {
        ENTERPRISE_COLUMNS
    }
    fn example() -> Vec<String> {
        [
            &enterprises::example_code()[..],
            "QY-2026-0457",
            "服务申请",
            "管道燃气",
            "信州区滨江路12号3栋",
            "XZ-100234",
            "申请燃气表移位",
            "2026-11-20 10:00",
            "已上门移表并试压合格",
            "2026-11-22 15:00",
            "满意",
            "2026-11-23 09:00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn may_write(p: &Principal) -> bool {
        p.role.may_edit_staff_ledger()
    }
    fn code(v: &ValidEnterpriseCase) -> &str {
        &v.key
    }
    async fn validate(
        ctx: &IngestCtx<'_>,
        rows: &[EnterpriseCaseInput],
    ) -> AppResult<Vec<Result<ValidEnterpriseCase, Vec<FieldError>>>> {
        let ents =
            enterprises::by_codes(&ctx.state.db.conn, rows.iter().filter_map(|r| opt(&r.enterprise_code))).await?;
        let now = Utc::now();
        Ok(rows
            .iter()
            .map(|r| {
                let mut c = Checker::default();
                let ent = enterprises::checked(&mut c, &ents, &r.enterprise_code, ctx.scope, "企业");
                let code = c.required("code", "企业受理编号", &r.code, 64);
                let case_type =
                    choice(&mut c, "case_type", "诉求类型", &r.case_type, CaseType::choices(), CaseType::parse);
                let gas_category = choice(
                    &mut c,
                    "gas_category",
                    "燃气类别",
                    &r.gas_category,
                    GasCategory::choices(),
                    GasCategory::parse,
                );
                let place = c.required("place", "地点", &r.place, 200);
                let user_account = c.text("user_account", "燃气户号", &r.user_account, 64);
                let description = c.required("description", "诉求内容", &r.description, 1000);
                if opt(&r.received_at).is_none() {
                    c.error("received_at", "受理时间不能为空");
                }
                let received_at = time_field(&mut c, "received_at", "受理时间", &r.received_at, now);
                let answer = c.text("answer", "办理结果", &r.answer, 1000);
                let answered_at = time_field(&mut c, "answered_at", "答复时间", &r.answered_at, now);
                let closed_at = time_field(&mut c, "closed_at", "办结时间", &r.closed_at, now);
                let satisfaction = c
                    .choice("satisfaction", "满意度", &r.satisfaction, &Satisfaction::choices(), false)
                    .and_then(Satisfaction::parse);
                for (field, label, t) in
                    [("answered_at", "答复时间", answered_at), ("closed_at", "办结时间", closed_at)]
                {
                    if let (Some(t), Some(r)) = (t, received_at) {
                        if t < r {
                            c.error(field, format!("{label}不能早于受理时间"));
                        }
                    }
                }
                if (answered_at.is_some() || satisfaction.is_some() || closed_at.is_some()) && answer.is_none() {
                    c.error("answer", "已答复、已评价或已办结的须填写办理结果");
                }
                c.finish(|| {
                    let ent = ent.expect("checked").clone();
                    ValidEnterpriseCase {
                        key: format!("enterprise:{}:{code}", ent.id),
                        code,
                        enterprise: ent,
                        case_type: case_type.expect("checked"),
                        gas_category: gas_category.expect("checked"),
                        place,
                        user_account,
                        description,
                        received_at: received_at.expect("checked"),
                        answered_at: answered_at.or(answer.as_ref().and(closed_at)),
                        answer,
                        satisfaction,
                        closed_at,
                    }
                })
            })
            .collect())
    }
    async fn upsert(ctx: &IngestCtx<'_>, txn: &WriteTxn, rows: Vec<(u32, ValidEnterpriseCase)>) -> AppResult<Upserted> {
        let conn: &DatabaseTransaction = txn;
        let keys: Vec<String> = rows.iter().map(|(_, v)| v.key.clone()).collect();
        let existing = store::by_external_keys(conn, &keys).await?;
        let mut out = Upserted::default();
        let mut touched = Vec::new();
        let now = Utc::now();
        for (_, v) in rows {
            let st = v.state();
            let fields = |am: &mut case::ActiveModel| {
                am.case_type = Set(v.case_type.as_str().into());
                am.gas_category = Set(v.gas_category.as_str().into());
                am.place = Set(v.place.clone());
                am.place_key = Set(place_key(&v.place, v.user_account.as_deref()));
                am.user_account = Set(v.user_account.clone());
                am.description = Set(v.description.clone());
                am.received_at = Set(v.received_at);
                am.answer = Set(v.answer.clone());
                am.answered_at = Set(v.answered_at);
                am.satisfaction = Set(v.satisfaction.map(|s| s.as_str().to_string()));
                am.rated_at = Set(v.satisfaction.and(v.answered_at.or(v.closed_at)));
                am.closed_at = Set(v.closed_at);
                am.state = Set(st.as_str().into());
                am.updated_at = Set(now);
            };
            match existing.get(&v.key) {
                Some(m)
                    if m.case_type == v.case_type.as_str()
                        && m.gas_category == v.gas_category.as_str()
                        && m.place == v.place
                        && m.user_account == v.user_account
                        && m.description == v.description
                        && m.received_at == v.received_at
                        && m.answer == v.answer
                        && m.answered_at == v.answered_at
                        && m.satisfaction.as_deref() == v.satisfaction.map(|s| s.as_str())
                        && m.closed_at == v.closed_at =>
                {
                    out.unchanged += 1
                }
                Some(m) => {
                    let mut am: case::ActiveModel = m.clone().into();
                    fields(&mut am);
                    let m = am.update(conn).await?;
                    let e =
                        Event::ok("case.enterprise_import", "case", m.id).detail(format!("更新企业受理 {}", v.code));
                    audit::append(conn, ctx.actor, e).await?;
                    touched.push(m.id);
                    out.updated += 1;
                }
                None => {
                    let Some(o) =
                        org::Entity::find().filter(org::Column::EnterpriseId.eq(v.enterprise.id)).one(conn).await?
                    else {
                        return Err(AppError::Internal(anyhow::anyhow!(
                            "enterprise {} has no organisation",
                            v.enterprise.id
                        )));
                    };
                    let mut no = new_tracking_no(v.received_at);
                    while store::by_tracking_no(conn, &no).await?.is_some() {
                        no = new_tracking_no(v.received_at);
                    }
                    let mut am = case::ActiveModel {
                        tracking_no: Set(no),
                        channel: Set(Channel::Enterprise.as_str().into()),
                        region_code: Set(v.enterprise.region_code.chars().take(6).collect()),
                        township: Set(None),
                        named_enterprise_id: Set(Some(v.enterprise.id)),
                        enterprise_id: Set(Some(v.enterprise.id)),
                        lng: Set(None),
                        lat: Set(None),
                        anonymous: Set(false),
                        contact_name: Set(None),
                        contact_phone: Set(None),
                        contact_index: Set(None),
                        external_no: Set(Some(v.code.clone())),
                        external_key: Set(v.key.clone()),
                        origin_org_id: Set(o.id),
                        origin_level: Set("enterprise".into()),
                        holder_org_id: Set(o.id),
                        holder_level: Set("enterprise".into()),
                        handler_org_id: Set(Some(o.id)),
                        reopened: Set(false),
                        rating_comment: Set(None),
                        deadline: Set(None),
                        overdue: Set(false),
                        accepted_at: Set(Some(v.received_at)),
                        created_at: Set(now),
                        ..Default::default()
                    };
                    fields(&mut am);
                    let m = am.insert(conn).await?;
                    add_party(conn, m.id, o.id).await?;
                    event::ActiveModel {
                        case_id: Set(m.id),
                        action: Set("receive".into()),
                        from_state: Set(None),
                        to_state: Set(m.state.clone()),
                        note: Set(Some(format!("企业直接受理（编号{}），由企业上报", v.code))),
                        actor: Set(v.enterprise.name.clone()),
                        actor_org: Set(Some(v.enterprise.name.clone())),
                        to_org_id: Set(None),
                        at: Set(v.received_at),
                        ..Default::default()
                    }
                    .insert(conn)
                    .await?;
                    let e =
                        Event::ok("case.enterprise_import", "case", m.id).detail(format!("新增企业受理 {}", v.code));
                    audit::append(conn, ctx.actor, e).await?;
                    touched.push(m.id);
                    out.inserted += 1;
                }
            }
        }
        touch(ctx.state, txn, touched);
        Ok(out)
    }
}

/// The enterprises of a county, for the public form's optional choice.
pub async fn public_enterprises(state: &AppState, region_code: Option<&str>) -> AppResult<Vec<PublicEnterprise>> {
    use crate::industry::enterprise::model::enterprise::Column as E;
    let mut q = enterprise::Entity::find();
    if let Some(r) = region_code.map(str::trim).filter(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_digit())) {
        let (lo, hi) = ranjian_domain::codes::prefix_range(r);
        q = q.filter(E::RegionCode.gte(lo)).filter(E::RegionCode.lt(hi));
    }
    let mut rows: Vec<PublicEnterprise> =
        q.all(&state.db.conn).await?.into_iter().map(|e| PublicEnterprise { id: e.id, name: e.name }).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}
