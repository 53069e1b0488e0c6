//! Use cases of supervision checks: issuing a task (a city task splits into one part per county,
//! each with its items drawn: every enterprise, or a random sample of users or facilities),
//! assigning items to inspectors, recording a result from the phone exactly once (checklist,
//! location, trail), raising hazards from failed points, comparing with the enterprise's own
//! records, progress per level, and the next period of a recurring task.

use super::model::*;
use super::store::{self, Counts};
use crate::industry::community::model::{community, gas_user};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service as enterprises;
use crate::industry::station::model::station;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::entities::{app_user, org};
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::fields::name_of;
use crate::platform::files;
use crate::platform::geo;
use crate::platform::list::{region_range, today, PageParams};
use crate::platform::names::name;
use crate::platform::reference::CITY_CODE;
use crate::safety::hazard::service::{raise, NewHazard};
use crate::safety::inspection::model::home_inspection;
use crate::safety::patrol::model::patrol;
use crate::startup::AppState;
use chrono::{NaiveDate, Utc};
use ranjian_domain::hazard::{criterion_name, HazardLevel};
use ranjian_domain::supervision::{template, ItemState, Recurrence, TargetKind, TaskProgress, Template, TEMPLATES};
use ranjian_domain::OrgKind;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

const LOCATION_FLAGS: &[(&str, &str)] = &[("outside", "位置不在上饶市范围内"), ("inaccurate", "定位精度异常")];
/// A fix less precise than this (or with no or an impossible accuracy) is flagged.
const MAX_ACCURACY_M: f64 = 1_000.0;
const MAX_TRAIL: usize = 5_000;
const ANSWERS: &[(&str, &str)] = &[("ok", "符合"), ("fail", "不符合"), ("na", "不适用")];

pub fn templates() -> Vec<TemplateDto> {
    TEMPLATES
        .iter()
        .map(|t| TemplateDto {
            key: t.key.into(),
            name: t.name.into(),
            target_kind: t.target.as_str().into(),
            target_kind_name: t.target.name_zh().into(),
            points: points(t),
        })
        .collect()
}

fn points(t: &Template) -> Vec<CheckPoint> {
    t.points.iter().map(|(c, q)| CheckPoint { code: c.to_string(), text: q.to_string() }).collect()
}

/// City or county authority staff who issue and follow tasks.
fn authority(p: &Principal) -> AppResult<OrgKind> {
    match p.org_kind {
        OrgKind::CityAuthority | OrgKind::CountyAuthority if p.role.may_edit_enterprise_ledger() => Ok(p.org_kind),
        _ => Err(AppError::Forbidden("监督检查任务由市、县燃气主管部门下达和管理".into())),
    }
}

/// What a task asks, however it was issued (by a person or by the recurring schedule).
struct Spec {
    title: String,
    template: &'static Template,
    counties: Vec<String>,
    enterprise_ids: Option<Vec<i64>>,
    sample_size: Option<i32>,
    deadline: NaiveDate,
    recurrence: Option<Recurrence>,
    series_id: Option<i64>,
    issuer_org_id: i64,
    issuer_name: String,
    region_code: String,
    created_by: String,
}

fn validate_new(state: &AppState, p: &Principal, input: &NewTask, day: NaiveDate) -> AppResult<Spec> {
    let kind = authority(p)?;
    let mut errors = Vec::new();
    let title = input.title.as_deref().map(str::trim).unwrap_or_default().to_string();
    if title.is_empty() {
        errors.push(FieldError::new("title", "任务名称不能为空"));
    } else if title.chars().count() > 100 {
        errors.push(FieldError::new("title", "任务名称不能超过100个字"));
    }
    let tpl = input.template.as_deref().and_then(template);
    if tpl.is_none() {
        let keys: Vec<&str> = TEMPLATES.iter().map(|t| t.key).collect();
        errors.push(FieldError::new("template", format!("检查表应为：{}", keys.join("、"))));
    }
    let recurrence = match input.recurrence.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(r) => match Recurrence::parse(r) {
            Some(r) => Some(r),
            None => {
                errors.push(FieldError::new("recurrence", "周期应为 monthly、quarterly 或 yearly"));
                None
            }
        },
    };
    let deadline = match (recurrence, input.deadline) {
        (Some(r), _) => Some(r.period_end(day)),
        (None, Some(d)) if d < day => {
            errors.push(FieldError::new("deadline", "完成期限不能早于今天"));
            None
        }
        (None, Some(d)) => Some(d),
        (None, None) => {
            errors.push(FieldError::new("deadline", "请填写完成期限，或选择检查周期"));
            None
        }
    };
    let all: Vec<String> = crate::platform::reference::counties().into_iter().map(|(c, _, _)| c).collect();
    let counties = match kind {
        OrgKind::CountyAuthority => {
            if input.counties.as_ref().is_some_and(|c| c.iter().any(|x| x != &p.region_code)) {
                errors.push(FieldError::new("counties", "县级任务只能检查本县（市、区）"));
            }
            vec![p.region_code.clone()]
        }
        _ => match &input.counties {
            Some(list) if !list.is_empty() => {
                for c in list.iter().filter(|c| !all.contains(c)) {
                    errors.push(FieldError::new("counties", format!("“{c}”不是本市的县（市、区）")));
                }
                let mut v = list.clone();
                v.sort();
                v.dedup();
                v
            }
            _ => all,
        },
    };
    if let Some(t) = tpl {
        match (t.target, input.sample_size) {
            (TargetKind::GasUser | TargetKind::Station, None) => {
                errors.push(FieldError::new("sample_size", "抽查用户或设施时须填写每个县的抽查数量"))
            }
            (_, Some(n)) if !(1..=500).contains(&n) => {
                errors.push(FieldError::new("sample_size", "抽查数量应在1至500之间"))
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let _ = state;
    Ok(Spec {
        title,
        template: tpl.expect("checked"),
        counties,
        enterprise_ids: input.enterprise_ids.clone().filter(|v| !v.is_empty()),
        sample_size: input.sample_size,
        deadline: deadline.expect("checked"),
        recurrence,
        series_id: None,
        issuer_org_id: p.org_id,
        issuer_name: p.org_name.clone(),
        region_code: p.region_code.clone(),
        created_by: p.display_name.clone(),
    })
}

fn task_row(s: &Spec, parent: Option<i64>, region: &str, day: NaiveDate) -> task::ActiveModel {
    task::ActiveModel {
        code: Set(String::new()),
        title: Set(s.title.clone()),
        template: Set(s.template.key.into()),
        target_kind: Set(s.template.target.as_str().into()),
        parent_id: Set(parent),
        issuer_org_id: Set(s.issuer_org_id),
        issuer_name: Set(s.issuer_name.clone()),
        region_code: Set(region.into()),
        sample_size: Set(s.sample_size),
        enterprise_ids: Set(s.enterprise_ids.as_ref().map(|v| serde_json::to_string(v).unwrap_or_default())),
        deadline: Set(s.deadline),
        recurrence: Set(s.recurrence.map(|r| r.as_str().to_string())),
        period_label: Set(s.recurrence.map(|r| r.label(day))),
        series_id: Set(s.series_id),
        created_by: Set(s.created_by.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// The items of one county's part: every enterprise (at most the sample size), or a random
/// sample of active users or facilities in service.
async fn draw<C: ConnectionTrait>(conn: &C, s: &Spec, sub: &task::Model) -> AppResult<Vec<item::ActiveModel>> {
    let limit = s.sample_size.map(|n| n as u64);
    let ents = s.enterprise_ids.clone();
    let random = || Expr::cust("RANDOM()");
    let mut out = Vec::new();
    let now = Utc::now();
    let mut push = |ent: i64, region: String, kind: TargetKind, id: i64, label: String, place: Option<(f64, f64)>| {
        out.push(item::ActiveModel {
            task_id: Set(sub.id),
            region_code: Set(region),
            enterprise_id: Set(ent),
            target_kind: Set(kind.as_str().into()),
            target_id: Set(id),
            target_label: Set(label),
            target_lng: Set(place.map(|p| p.0)),
            target_lat: Set(place.map(|p| p.1)),
            state: Set(ItemState::Pending.as_str().into()),
            failed: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
    };
    match s.template.target {
        TargetKind::GasUser => {
            let mut q = region_range(gas_user::Entity::find(), gas_user::Column::RegionCode, Some(&sub.region_code))
                .filter(gas_user::Column::Status.eq("active"));
            if let Some(e) = &ents {
                q = q.filter(gas_user::Column::EnterpriseId.is_in(e.clone()));
            }
            let users: Vec<(i64, i64, String, String, i64)> = q
                .select_only()
                .columns([
                    gas_user::Column::Id,
                    gas_user::Column::EnterpriseId,
                    gas_user::Column::RegionCode,
                    gas_user::Column::AccountNo,
                    gas_user::Column::CommunityId,
                ])
                .order_by(random(), Order::Asc)
                .limit(limit)
                .into_tuple()
                .all(conn)
                .await?;
            let ids: Vec<i64> = users.iter().map(|u| u.4).collect();
            let places: HashMap<i64, community::Model> = community::Entity::find()
                .filter(community::Column::Id.is_in(ids))
                .all(conn)
                .await?
                .into_iter()
                .map(|c| (c.id, c))
                .collect();
            for (id, ent, region, account, cid) in users {
                let c = places.get(&cid);
                let label = format!("{} {}", c.map(|c| c.name.as_str()).unwrap_or(""), account).trim().to_string();
                let place = c.and_then(|c| c.lng.zip(c.lat));
                push(ent, region, TargetKind::GasUser, id, label, place);
            }
        }
        TargetKind::Station => {
            let mut q = region_range(station::Entity::find(), station::Column::RegionCode, Some(&sub.region_code))
                .filter(station::Column::Status.eq("in_service"));
            if let Some(e) = &ents {
                q = q.filter(station::Column::EnterpriseId.is_in(e.clone()));
            }
            for st in q.order_by(random(), Order::Asc).limit(limit).all(conn).await? {
                let label = format!("{}（{}）", st.name, st.code);
                push(st.enterprise_id, st.region_code, TargetKind::Station, st.id, label, Some((st.lng, st.lat)));
            }
        }
        TargetKind::Enterprise => {
            let mut q =
                region_range(enterprise::Entity::find(), enterprise::Column::RegionCode, Some(&sub.region_code))
                    .filter(enterprise::Column::Status.eq("active"));
            if let Some(e) = &ents {
                q = q.filter(enterprise::Column::Id.is_in(e.clone()));
            }
            for e in q.order_by_asc(enterprise::Column::Id).limit(limit).all(conn).await? {
                push(e.id, e.region_code, TargetKind::Enterprise, e.id, e.name, None);
            }
        }
    }
    Ok(out)
}

/// Write a task and its items (in the caller's transaction): a city task gets one part per county
/// holding that county's items; a county's task holds its items itself.
async fn issue<C: ConnectionTrait>(conn: &C, s: &Spec, day: NaiveDate) -> AppResult<(task::Model, usize)> {
    let top = task_row(s, None, &s.region_code, day).insert(conn).await?;
    let code = format!("JC{}-{:05}", day.format("%Y%m"), top.id);
    let series = s.recurrence.map(|_| s.series_id.unwrap_or(top.id));
    let mut am: task::ActiveModel = top.into();
    am.code = Set(code.clone());
    am.series_id = Set(series);
    let top = am.update(conn).await?;
    let parts = if top.region_code == CITY_CODE {
        let mut parts = Vec::new();
        for (i, county) in s.counties.iter().enumerate() {
            let mut sub = task_row(s, Some(top.id), county, day);
            sub.code = Set(format!("{code}-{:02}", i + 1));
            sub.series_id = Set(top.series_id);
            parts.push(sub.insert(conn).await?);
        }
        parts
    } else {
        vec![top.clone()]
    };
    let mut n = 0;
    for part in &parts {
        let items = draw(conn, s, part).await?;
        n += items.len();
        for chunk in items.chunks(500) {
            item::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
        }
    }
    Ok((top, n))
}

pub async fn create(state: &AppState, p: &Principal, ip: Option<String>, input: &NewTask) -> AppResult<TaskDetail> {
    let day = today();
    let spec = validate_new(state, p, input, day)?;
    if let Some(ids) = &spec.enterprise_ids {
        let found = crate::industry::enterprise::store::find_by_ids(&state.db.conn, ids).await?;
        let scope = p.scope();
        for id in ids {
            if !found.iter().any(|e| e.id == *id && scope.allows(&e.region_code, Some(e.id))) {
                return Err(AppError::field("enterprise_ids", format!("企业{id}不存在或不在本账号的管辖范围内")));
            }
        }
    }
    let txn = state.db.write_txn().await?;
    let (top, n) = issue(&*txn, &spec, day).await?;
    let e = Event::ok("supervision.issue", "check_task", top.id).detail(format!(
        "{} {}：{}个县（市、区），检查项{n}个",
        top.code,
        top.title,
        spec.counties.len()
    ));
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    txn.commit().await?;
    detail(state, p, top.id).await
}

/// Demo tasks: the city's quarterly spot check of users (five in each county) and 信州区's monthly
/// check of its enterprises, as issued (their items wait to be assigned).
pub async fn demo_tasks<C: ConnectionTrait>(
    conn: &C,
    city: &org::Model,
    county: Option<&org::Model>,
) -> AppResult<usize> {
    let day = today();
    let all: Vec<String> = crate::platform::reference::counties().into_iter().map(|(c, _, _)| c).collect();
    let spot = Spec {
        title: format!("{}燃气用户入户安全抽查", Recurrence::Quarterly.label(day)),
        template: template("home_spot_check").expect("built in"),
        counties: all,
        enterprise_ids: None,
        sample_size: Some(5),
        deadline: Recurrence::Quarterly.period_end(day),
        recurrence: None,
        series_id: None,
        issuer_org_id: city.id,
        issuer_name: city.name.clone(),
        region_code: city.region_code.clone(),
        created_by: "市燃气科".into(),
    };
    let mut n = issue(conn, &spot, day).await?.1;
    if let Some(c) = county {
        let monthly = Spec {
            title: "燃气经营企业月度监督检查".into(),
            template: template("enterprise_check").expect("built in"),
            counties: vec![c.region_code.clone()],
            enterprise_ids: None,
            sample_size: None,
            deadline: Recurrence::Monthly.period_end(day),
            recurrence: Some(Recurrence::Monthly),
            series_id: None,
            issuer_org_id: c.id,
            issuer_name: c.name.clone(),
            region_code: c.region_code.clone(),
            created_by: "信州区管理员".into(),
        };
        n += issue(conn, &monthly, day).await?.1;
    }
    Ok(n)
}

/// Start each recurring series' task for the period holding `day`, once (the scheduler's job).
pub async fn spawn_recurring(state: &AppState, day: NaiveDate) -> AppResult<usize> {
    let tops = task::Entity::find()
        .filter(task::Column::ParentId.is_null())
        .filter(task::Column::Recurrence.is_not_null())
        .all(&state.db.conn)
        .await?;
    let mut latest: HashMap<i64, task::Model> = HashMap::new();
    for t in tops {
        let series = t.series_id.unwrap_or(t.id);
        match latest.get(&series) {
            Some(l) if l.deadline >= t.deadline => {}
            _ => {
                latest.insert(series, t);
            }
        }
    }
    let mut n = 0;
    for (series, t) in latest {
        let Some(r) = t.recurrence.as_deref().and_then(Recurrence::parse) else { continue };
        if t.deadline >= r.period_start(day) {
            continue;
        }
        let Some(tpl) = template(&t.template) else { continue };
        let subs = store::subtasks(&state.db.conn, &[t.id]).await?;
        let spec = Spec {
            title: t.title.clone(),
            template: tpl,
            counties: if subs.is_empty() {
                vec![t.region_code.clone()]
            } else {
                subs.iter().map(|s| s.region_code.clone()).collect()
            },
            enterprise_ids: t.enterprise_ids.as_deref().and_then(|s| serde_json::from_str(s).ok()),
            sample_size: t.sample_size,
            deadline: r.period_end(day),
            recurrence: Some(r),
            series_id: Some(series),
            issuer_org_id: t.issuer_org_id,
            issuer_name: t.issuer_name.clone(),
            region_code: t.region_code.clone(),
            created_by: t.created_by.clone(),
        };
        let txn = state.db.write_txn().await?;
        let (top, items) = issue(&*txn, &spec, day).await?;
        let e = Event::ok("supervision.issue", "check_task", top.id).detail(format!(
            "{} {}（{}，周期任务）：检查项{items}个",
            top.code,
            top.title,
            r.label(day)
        ));
        audit::append(&*txn, &Actor::system("周期任务"), e).await?;
        txn.commit().await?;
        n += 1;
    }
    Ok(n)
}

fn progress_of(c: &Counts, deadline: NaiveDate, day: NaiveDate) -> Progress {
    let s = TaskProgress::of(c.total, c.done, deadline, day);
    Progress {
        total: c.total,
        pending: c.pending,
        assigned: c.assigned,
        done: c.done,
        with_hazards: c.with_hazards,
        discrepancies: c.discrepancies,
        state: s.as_str().into(),
        state_name: s.name_zh().into(),
    }
}

fn task_dto(state: &AppState, t: task::Model, c: &Counts, day: NaiveDate) -> TaskDto {
    let tpl = template(&t.template);
    // Only the city's tasks have county parts.
    let issuer_level = if t.region_code == CITY_CODE || t.parent_id.is_some() { "city" } else { "county" };
    TaskDto {
        progress: progress_of(c, t.deadline, day),
        id: t.id,
        code: t.code,
        title: t.title,
        template_name: tpl.map(|t| t.name.to_string()).unwrap_or_default(),
        template: t.template,
        target_kind_name: TargetKind::parse(&t.target_kind).map(|k| k.name_zh().to_string()).unwrap_or_default(),
        target_kind: t.target_kind,
        parent_id: t.parent_id,
        issuer_name: t.issuer_name,
        issuer_level: issuer_level.into(),
        region_name: state.regions.name(&t.region_code),
        region_code: t.region_code,
        sample_size: t.sample_size,
        deadline: t.deadline,
        recurrence_name: t.recurrence.as_deref().and_then(Recurrence::parse).map(|r| r.name_zh().to_string()),
        recurrence: t.recurrence,
        period_label: t.period_label,
        created_by: t.created_by,
        created_at: t.created_at,
    }
}

/// The tasks the caller follows: the city its tasks (with every county's progress summed), a
/// county the parts of tasks in its county.
pub async fn list(state: &AppState, p: &Principal, f: &TaskFilter, page: &PageParams) -> AppResult<TaskList> {
    let kind = authority(p)?;
    let conn = &state.db.conn;
    // The city's own tasks have the city's code, so a county's range holds only its own tasks and
    // its parts of the city's.
    let q = match kind {
        OrgKind::CityAuthority => task::Entity::find().filter(task::Column::ParentId.is_null()),
        _ => region_range(task::Entity::find(), task::Column::RegionCode, Some(&p.region_code)),
    };
    let mut q = q.order_by_desc(task::Column::Id);
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            sea_orm::Condition::any().add(task::Column::Code.starts_with(t)).add(task::Column::Title.contains(t)),
        );
    }
    let tasks = q.limit(5_000).all(conn).await?;
    let counts = counts_for(conn, &tasks).await?;
    let day = today();
    let mut dtos: Vec<TaskDto> = tasks
        .into_iter()
        .map(|t| {
            let c = counts.get(&t.id).cloned().unwrap_or_default();
            task_dto(state, t, &c, day)
        })
        .collect();
    if let Some(s) = f.state.as_deref().filter(|s| !s.is_empty()) {
        dtos.retain(|d| d.progress.state == s);
    }
    let total = dtos.len() as u64;
    let items = dtos.into_iter().skip(page.offset() as usize).take(page.page_size() as usize).collect();
    Ok(TaskList { items, total })
}

/// Item counts per task: its own items and those of its county parts.
async fn counts_for<C: ConnectionTrait>(conn: &C, tasks: &[task::Model]) -> AppResult<HashMap<i64, Counts>> {
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let subs = store::subtasks(conn, &ids).await?;
    let mut all = ids.clone();
    all.extend(subs.iter().map(|s| s.id));
    let per = store::counts(conn, &all).await?;
    let mut out: HashMap<i64, Counts> = HashMap::new();
    for t in tasks {
        out.insert(t.id, per.get(&t.id).cloned().unwrap_or_default());
    }
    for s in &subs {
        let c = per.get(&s.id).cloned().unwrap_or_default();
        out.entry(s.parent_id.expect("a part")).or_default().add(&c);
    }
    Ok(out)
}

/// A task the caller may follow: the city any; a county those in its county (to anyone else a task
/// does not exist).
async fn visible_task(state: &AppState, p: &Principal, id: i64) -> AppResult<task::Model> {
    let kind = authority(p).map_err(|_| AppError::NotFound)?;
    let t = task::Entity::find_by_id(id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
    if kind == OrgKind::CityAuthority || (t.region_code != CITY_CODE && p.scope().allows_region(&t.region_code)) {
        Ok(t)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn detail(state: &AppState, p: &Principal, id: i64) -> AppResult<TaskDetail> {
    let t = visible_task(state, p, id).await?;
    let conn = &state.db.conn;
    let day = today();
    let tpl_points = template(&t.template).map(points).unwrap_or_default();
    let subs = store::subtasks(conn, &[t.id]).await?;
    let (subtasks, items) = if !subs.is_empty() {
        let c = store::counts(conn, &subs.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
        let dtos = subs
            .into_iter()
            .map(|s| {
                let cs = c.get(&s.id).cloned().unwrap_or_default();
                task_dto(state, s, &cs, day)
            })
            .collect();
        (dtos, Vec::new())
    } else {
        (Vec::new(), item_dtos(state, store::items_of(conn, &[t.id]).await?).await?)
    };
    let counts = counts_for(conn, std::slice::from_ref(&t)).await?;
    let c = counts.get(&t.id).cloned().unwrap_or_default();
    Ok(TaskDetail { task: task_dto(state, t, &c, day), points: tpl_points, subtasks, items })
}

async fn item_dtos(state: &AppState, rows: Vec<item::Model>) -> AppResult<Vec<ItemDto>> {
    let conn = &state.db.conn;
    let task_ids: Vec<i64> = rows.iter().map(|r| r.task_id).collect();
    let tasks: HashMap<i64, task::Model> = task::Entity::find()
        .filter(task::Column::Id.is_in(task_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut photos: HashMap<i64, Vec<PhotoDto>> = HashMap::new();
    for ph in store::photos_of(conn, &ids).await? {
        photos.entry(ph.item_id).or_default().push(PhotoDto { id: ph.id, file_name: ph.file_name, size: ph.size });
    }
    let refs: Vec<String> = rows.iter().map(|r| item_ref(&tasks, r)).collect();
    let mut hazards: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in refs.chunks(500) {
        use crate::safety::hazard::model::hazard;
        let found: Vec<(String, String)> = hazard::Entity::find()
            .filter(hazard::Column::Source.eq("spot_check"))
            .filter(hazard::Column::SourceRef.is_in(chunk.to_vec()))
            .select_only()
            .columns([hazard::Column::SourceRef, hazard::Column::Code])
            .into_tuple()
            .all(conn)
            .await?;
        for (r, c) in found {
            hazards.entry(r).or_default().push(c);
        }
    }
    let names = enterprises::names(state).await?;
    Ok(rows
        .into_iter()
        .zip(refs)
        .map(|(m, r)| {
            let t = tasks.get(&m.task_id);
            let tpl = t.and_then(|t| template(&t.template));
            let answers: BTreeMap<String, String> =
                m.answers.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default();
            let failed_points = tpl
                .map(|tpl| {
                    tpl.points
                        .iter()
                        .filter(|(c, _)| answers.get(*c).map(String::as_str) == Some("fail"))
                        .map(|(_, q)| q.to_string())
                        .collect()
                })
                .unwrap_or_default();
            let state_name = ItemState::parse(&m.state).map(|s| s.name_zh().to_string()).unwrap_or_default();
            ItemDto {
                id: m.id,
                task_id: m.task_id,
                task_code: t.map(|t| t.code.clone()).unwrap_or_default(),
                task_title: t.map(|t| t.title.clone()).unwrap_or_default(),
                deadline: t.map(|t| t.deadline).unwrap_or_default(),
                template: t.map(|t| t.template.clone()).unwrap_or_default(),
                template_name: tpl.map(|t| t.name.to_string()).unwrap_or_default(),
                points: tpl.map(points).unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                enterprise_name: name(&names, m.enterprise_id),
                enterprise_id: m.enterprise_id,
                target_kind_name: TargetKind::parse(&m.target_kind)
                    .map(|k| k.name_zh().to_string())
                    .unwrap_or_default(),
                target_kind: m.target_kind,
                target_id: m.target_id,
                target_label: m.target_label,
                target_lng: m.target_lng,
                target_lat: m.target_lat,
                state_name,
                state: m.state,
                assignee_id: m.assignee_id,
                assignee_name: m.assignee_name,
                answers,
                failed_points,
                note: m.note,
                checked_at: m.checked_at,
                lng: m.lng,
                lat: m.lat,
                accuracy_m: m.accuracy_m,
                location_flag_name: m.location_flag.as_deref().map(|f| name_of(LOCATION_FLAGS, f)),
                location_flag: m.location_flag,
                distance_m: m.distance_m,
                trail: m.trail.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(serde_json::json!([])),
                enterprise_outcome: m.enterprise_outcome,
                enterprise_record: m.enterprise_record,
                discrepancy: m.discrepancy,
                photos: photos.remove(&m.id).unwrap_or_default(),
                hazards: hazards.remove(&r).unwrap_or_default(),
            }
        })
        .collect())
}

/// How hazards refer to the check that found them.
fn item_ref(tasks: &HashMap<i64, task::Model>, m: &item::Model) -> String {
    format!("{}#{}", tasks.get(&m.task_id).map(|t| t.code.as_str()).unwrap_or(""), m.id)
}

/// The active accounts of the county authority whose part (or own task) this is, inspectors first.
pub async fn assignees(state: &AppState, p: &Principal, task_id: i64) -> AppResult<Vec<Assignee>> {
    let t = visible_task(state, p, task_id).await?;
    if t.region_code == CITY_CODE {
        return Ok(Vec::new());
    }
    let conn = &state.db.conn;
    let orgs: Vec<i64> = org::Entity::find()
        .filter(org::Column::Kind.eq(OrgKind::CountyAuthority.as_str()))
        .filter(org::Column::RegionCode.eq(t.region_code.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let mut users: Vec<Assignee> = app_user::Entity::find()
        .filter(app_user::Column::OrgId.is_in(orgs))
        .filter(app_user::Column::Status.eq("active"))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| Assignee {
            role_name: ranjian_domain::Role::parse(&u.role).map(|r| r.name_zh().to_string()).unwrap_or_default(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
        })
        .collect();
    users.sort_by(|a, b| (b.role == "inspector").cmp(&(a.role == "inspector")).then(a.id.cmp(&b.id)));
    Ok(users)
}

/// Give items of a county's part to one of that county's staff (again, until done).
pub async fn assign(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    task_id: i64,
    input: &AssignInput,
) -> AppResult<TaskDetail> {
    let t = visible_task(state, p, task_id).await?;
    if t.region_code == CITY_CODE {
        return Err(AppError::Conflict("请在各县（市、区）的分任务中分派检查项".into()));
    }
    let conn = &state.db.conn;
    let user = app_user::Entity::find_by_id(input.assignee_id).one(conn).await?;
    let org = match &user {
        Some(u) => org::Entity::find_by_id(u.org_id).one(conn).await?,
        None => None,
    };
    let (Some(user), Some(org)) = (user, org) else {
        return Err(AppError::field("assignee_id", "检查人员不存在"));
    };
    if org.kind != OrgKind::CountyAuthority.as_str() || org.region_code != t.region_code || user.status != "active" {
        return Err(AppError::field("assignee_id", "只能分派给本县（市、区）主管部门的在用账号"));
    }
    if input.item_ids.is_empty() {
        return Err(AppError::field("item_ids", "请选择要分派的检查项"));
    }
    let items = item::Entity::find()
        .filter(item::Column::TaskId.eq(t.id))
        .filter(item::Column::Id.is_in(input.item_ids.clone()))
        .all(conn)
        .await?;
    if items.len() != input.item_ids.len() {
        return Err(AppError::field("item_ids", "有检查项不属于该任务"));
    }
    if let Some(done) = items.iter().find(|i| !ItemState::parse(&i.state).is_some_and(ItemState::may_assign)) {
        return Err(AppError::Conflict(format!("检查项{}已完成，不能再分派", done.target_label)));
    }
    let txn = state.db.write_txn().await?;
    item::Entity::update_many()
        .col_expr(item::Column::State, Expr::value(ItemState::Assigned.as_str()))
        .col_expr(item::Column::AssigneeId, Expr::value(user.id))
        .col_expr(item::Column::AssigneeName, Expr::value(user.display_name.clone()))
        .col_expr(item::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(item::Column::Id.is_in(input.item_ids.clone()))
        .exec(&*txn)
        .await?;
    let e = Event::ok("supervision.assign", "check_task", t.id).detail(format!(
        "{} 分派{}项给{}",
        t.code,
        items.len(),
        user.display_name
    ));
    audit::append(&*txn, &Actor::of(p, ip), e).await?;
    txn.commit().await?;
    detail(state, p, t.id).await
}

/// The items given to the caller, those still to do first.
pub async fn my_items(state: &AppState, p: &Principal) -> AppResult<ItemList> {
    let rows = item::Entity::find()
        .filter(item::Column::AssigneeId.eq(p.user_id))
        .order_by_asc(item::Column::State)
        .order_by_desc(item::Column::Id)
        .limit(500)
        .all(&state.db.conn)
        .await?;
    let items = item_dtos(state, rows).await?;
    Ok(ItemList { total: items.len() as u64, items })
}

/// An item the caller may see: its assignee, or authority staff whose scope holds it.
async fn visible_item(state: &AppState, p: &Principal, id: i64) -> AppResult<item::Model> {
    let m = item::Entity::find_by_id(id).one(&state.db.conn).await?.ok_or(AppError::NotFound)?;
    let staff = authority(p).is_ok() && p.scope().allows(&m.region_code, Some(m.enterprise_id));
    if m.assignee_id == Some(p.user_id) || staff {
        Ok(m)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn get_item(state: &AppState, p: &Principal, id: i64) -> AppResult<ItemDto> {
    let m = visible_item(state, p, id).await?;
    Ok(item_dtos(state, vec![m]).await?.remove(0))
}

fn flag(fix: &GeoFix) -> Option<&'static str> {
    if !geo::in_bbox(fix.lng, fix.lat) {
        Some("outside")
    } else if fix.accuracy_m.is_none_or(|a| !a.is_finite() || a <= 0.0 || a > MAX_ACCURACY_M) {
        Some("inaccurate")
    } else {
        None
    }
}

/// What the enterprise's own records say of the same user or facility: (outcome, text).
async fn enterprise_record<C: ConnectionTrait>(
    conn: &C,
    m: &item::Model,
    day: NaiveDate,
) -> AppResult<(String, String)> {
    use ranjian_domain::safety::InspectionOutcome;
    match TargetKind::parse(&m.target_kind) {
        Some(TargetKind::GasUser) => {
            let last = home_inspection::Entity::find()
                .filter(home_inspection::Column::GasUserId.eq(m.target_id))
                .filter(home_inspection::Column::Outcome.is_in(InspectionOutcome::completing()))
                .order_by_desc(home_inspection::Column::InspectedOn)
                .order_by_desc(home_inspection::Column::Id)
                .one(conn)
                .await?;
            Ok(match last {
                Some(h) => {
                    let name = InspectionOutcome::parse(&h.outcome).map(|o| o.name_zh()).unwrap_or("");
                    (h.outcome.clone(), format!("企业入户安检 {}（{}）：{name}", h.inspected_on, h.record_no))
                }
                None => ("none".into(), "企业无入户安检记录".into()),
            })
        }
        Some(TargetKind::Station) => {
            let last = patrol::Entity::find()
                .filter(patrol::Column::TargetKind.eq("station"))
                .filter(patrol::Column::TargetId.eq(m.target_id))
                .filter(patrol::Column::PatrolledOn.gte(day - chrono::Duration::days(30)))
                .order_by_desc(patrol::Column::PatrolledOn)
                .order_by_desc(patrol::Column::Id)
                .one(conn)
                .await?;
            Ok(match last {
                Some(r) => {
                    let name = if r.result == "normal" { "正常" } else { "发现异常" };
                    (r.result.clone(), format!("企业巡查 {}（{}）：{name}", r.patrolled_on, r.code))
                }
                None => ("none".into(), "企业近30天无巡查记录".into()),
            })
        }
        _ => Ok(("none".into(), "不对比企业记录".into())),
    }
}

/// Record an item's result as the phone sends it. The same upload again (same `client_uuid`)
/// answers the stored result and changes nothing; another upload for a done item is a conflict.
pub async fn record(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    input: &ResultInput,
) -> AppResult<ItemDto> {
    let m = visible_item(state, p, id).await?;
    let uuid = input.client_uuid.as_deref().map(str::trim).unwrap_or_default().to_string();
    if uuid.is_empty() || uuid.len() > 64 {
        return Err(AppError::field("client_uuid", "缺少本次提交的编号（client_uuid）"));
    }
    let st = ItemState::parse(&m.state).unwrap_or(ItemState::Pending);
    if st == ItemState::Done {
        if m.client_uuid.as_deref() == Some(uuid.as_str()) {
            return Ok(item_dtos(state, vec![m]).await?.remove(0));
        }
        return Err(AppError::Conflict("该检查项已提交结果，不能重复提交".into()));
    }
    if !st.may_record() {
        return Err(AppError::IllegalTransition { detail: "该检查项尚未分派".into(), allowed: Vec::new() });
    }
    if m.assignee_id != Some(p.user_id) {
        return Err(AppError::Forbidden("只有被分派的检查人员可以提交检查结果".into()));
    }
    let conn = &state.db.conn;
    let t = task::Entity::find_by_id(m.task_id).one(conn).await?.ok_or(AppError::NotFound)?;
    let tpl = template(&t.template).ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    for (code, _) in tpl.points {
        match input.answers.get(*code).map(String::as_str) {
            Some("ok" | "fail" | "na") => {}
            Some(v) => {
                let allowed: Vec<String> = ANSWERS.iter().map(|(c, n)| format!("{c}（{n}）")).collect();
                errors.push(FieldError::new(
                    format!("answers.{code}"),
                    format!("“{v}”无效，应为：{}", allowed.join("、")),
                ))
            }
            None => errors.push(FieldError::new(format!("answers.{code}"), "该检查点未填写")),
        }
    }
    for k in input.answers.keys().filter(|k| !tpl.points.iter().any(|(c, _)| c == k)) {
        errors.push(FieldError::new(format!("answers.{k}"), "检查表中没有此检查点"));
    }
    if input.note.as_deref().is_some_and(|n| n.chars().count() > 1000) {
        errors.push(FieldError::new("note", "说明不能超过1000个字"));
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let day = today();
    let failed: Vec<(usize, &str, &str)> = tpl
        .points
        .iter()
        .enumerate()
        .filter(|(_, (c, _))| input.answers.get(*c).map(String::as_str) == Some("fail"))
        .map(|(i, (c, q))| (i, *c, *q))
        .collect();
    let fix = input.location.as_ref();
    let distance = match (fix, m.target_lng.zip(m.target_lat)) {
        (Some(f), Some((x, y))) => {
            use ::geo::Distance;
            let d = ::geo::Haversine.distance(::geo::Point::new(f.lng, f.lat), ::geo::Point::new(x, y));
            Some((d * 10.0).round() / 10.0)
        }
        _ => None,
    };
    let trail: Vec<&GeoFix> = input.trail.iter().take(MAX_TRAIL).collect();
    let (outcome, record_text) = enterprise_record(conn, &m, day).await?;
    let discrepancy = match outcome.as_str() {
        "none" => None,
        "passed" | "normal" => Some(!failed.is_empty()),
        _ => Some(false),
    };
    let actor = Actor::of(p, ip);
    let txn = state.db.write_txn().await?;
    let mut am: item::ActiveModel = m.clone().into();
    am.state = Set(ItemState::Done.as_str().into());
    am.answers = Set(Some(serde_json::to_string(&input.answers).unwrap_or_default()));
    am.failed = Set(failed.len() as i32);
    am.note = Set(input.note.clone().filter(|n| !n.trim().is_empty()));
    am.checked_at = Set(Some(input.checked_at.unwrap_or_else(Utc::now)));
    am.lng = Set(fix.map(|f| f.lng));
    am.lat = Set(fix.map(|f| f.lat));
    am.accuracy_m = Set(fix.and_then(|f| f.accuracy_m));
    am.location_flag = Set(fix.and_then(flag).map(str::to_string));
    am.distance_m = Set(distance);
    am.trail = Set(Some(serde_json::to_string(&trail).unwrap_or_else(|_| "[]".into())));
    am.client_uuid = Set(Some(uuid));
    am.enterprise_outcome = Set(Some(outcome));
    am.enterprise_record = Set(Some(record_text));
    am.discrepancy = Set(discrepancy);
    am.updated_at = Set(Utc::now());
    let m = am.update(&*txn).await?;
    let source_ref = format!("{}#{}", t.code, m.id);
    let kind = TargetKind::parse(&m.target_kind).unwrap_or(TargetKind::Enterprise);
    let found_on = m.checked_at.map(|d| (d + chrono::Duration::hours(8)).date_naive()).unwrap_or(day).min(day);
    let hazards = failed
        .iter()
        .map(|(i, code, question)| {
            let major = criterion_name(code).is_some();
            NewHazard {
                enterprise_id: m.enterprise_id,
                region_code: m.region_code.clone(),
                township: None,
                code: format!("{}-{}-{:02}", t.code, m.id, i + 1),
                source: "spot_check",
                source_ref: source_ref.clone(),
                level: if major { HazardLevel::Major } else { HazardLevel::General },
                criterion: major.then(|| code.to_string()),
                category: match kind {
                    TargetKind::GasUser => "用户",
                    TargetKind::Station => "厂站",
                    TargetKind::Enterprise => "企业管理",
                },
                description: format!("不符合：{question}"),
                place_kind: match kind {
                    TargetKind::GasUser => "user",
                    TargetKind::Station => "station",
                    TargetKind::Enterprise => "point",
                },
                place_ref: Some(m.target_label.clone()),
                place_id: (kind != TargetKind::Enterprise).then_some(m.target_id),
                lng: m.lng,
                lat: m.lat,
                found_on,
                finder: p.display_name.clone(),
                reported: format!("监督抽查（{} {}）发现：不符合“{question}”", t.code, m.target_label),
            }
        })
        .collect();
    raise(&*txn, &actor, hazards, state.config.hazard_rectify_days).await?;
    let e = Event::ok("supervision.record", "check_item", m.id).detail(format!(
        "{} {}：不符合{}项",
        t.code,
        m.target_label,
        failed.len()
    ));
    audit::append(&*txn, &actor, e).await?;
    txn.commit().await?;
    state.lists.invalidate(<crate::safety::hazard::service::HazardRecord as crate::platform::ingest::RecordType>::NAME);
    Ok(item_dtos(state, vec![m]).await?.remove(0))
}

/// Attach a photo to an item (the same file twice is kept once, so a replayed upload adds nothing).
pub async fn attach_photo(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<ItemDto> {
    let m = visible_item(state, p, id).await?;
    if m.assignee_id != Some(p.user_id) {
        return Err(AppError::Forbidden("只有被分派的检查人员可以上传现场照片".into()));
    }
    let (kind, sha) = files::accept_photo(&state.config.data_dir, &bytes, state.config.photo_max_bytes).await?;
    let conn = &state.db.conn;
    let exists = photo::Entity::find()
        .filter(photo::Column::ItemId.eq(id))
        .filter(photo::Column::Sha256.eq(sha.clone()))
        .one(conn)
        .await?
        .is_some();
    if !exists {
        let txn = state.db.write_txn().await?;
        photo::ActiveModel {
            item_id: Set(id),
            file_name: Set(file_name.chars().take(200).collect()),
            content_type: Set(kind.into()),
            size: Set(bytes.len() as i64),
            sha256: Set(sha),
            uploaded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        let e = Event::ok("supervision.photo", "check_item", id).detail(format!("{} {file_name}", m.target_label));
        audit::append(&*txn, &Actor::of(p, ip), e).await?;
        txn.commit().await?;
    }
    get_item(state, p, id).await
}

pub async fn photo_bytes(state: &AppState, p: &Principal, id: i64, pid: i64) -> AppResult<(photo::Model, Vec<u8>)> {
    visible_item(state, p, id).await?;
    let ph = photo::Entity::find_by_id(pid)
        .filter(photo::Column::ItemId.eq(id))
        .one(&state.db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes = files::read(&state.config.data_dir, &ph.sha256).await?;
    Ok((ph, bytes))
}

/// Checks compared with the enterprise's own records: the discrepancy rate per enterprise or
/// county, and the discrepant checks.
pub async fn discrepancies(state: &AppState, p: &Principal, q: &DiscrepancyQuery) -> AppResult<DiscrepancyStats> {
    authority(p)?;
    let group = q.group.as_deref().unwrap_or("enterprise");
    if !["enterprise", "region"].contains(&group) {
        return Err(AppError::field("group", "分组应为 enterprise 或 region"));
    }
    let conn = &state.db.conn;
    let scope = p.scope();
    let mut query = region_range(item::Entity::find(), item::Column::RegionCode, q.region_code.as_deref())
        .filter(scope.condition(item::Column::RegionCode, Some(item::Column::EnterpriseId)))
        .filter(item::Column::Discrepancy.is_not_null());
    if let Some(t) = q.task_id {
        let mut ids = vec![t];
        ids.extend(store::subtasks(conn, &[t]).await?.into_iter().map(|s| s.id));
        query = query.filter(item::Column::TaskId.is_in(ids));
    }
    let rows: Vec<(i64, String, i64, bool)> = query
        .clone()
        .select_only()
        .columns([item::Column::Id, item::Column::RegionCode, item::Column::EnterpriseId, item::Column::Discrepancy])
        .into_tuple()
        .all(conn)
        .await?;
    let names = enterprises::names(state).await?;
    let mut groups: HashMap<String, DiscrepancyStat> = HashMap::new();
    let mut summary = DiscrepancyStat { key: "all".into(), name: "合计".into(), ..Default::default() };
    for (_, region, ent, d) in &rows {
        let (key, label) = match group {
            "region" => (region.clone(), state.regions.name(region)),
            _ => (ent.to_string(), name(&names, *ent)),
        };
        let g = groups.entry(key.clone()).or_insert_with(|| DiscrepancyStat { key, name: label, ..Default::default() });
        for s in [&mut *g, &mut summary] {
            s.compared += 1;
            s.discrepancies += u64::from(*d);
        }
    }
    let rate = |s: &mut DiscrepancyStat| s.rate = (s.compared > 0).then(|| s.discrepancies as f64 / s.compared as f64);
    let mut items: Vec<DiscrepancyStat> = groups.into_values().collect();
    items.iter_mut().for_each(rate);
    rate(&mut summary);
    items.sort_by(|a, b| b.rate.unwrap_or(0.0).total_cmp(&a.rate.unwrap_or(0.0)).then(a.key.cmp(&b.key)));
    let checks = query
        .filter(item::Column::Discrepancy.eq(true))
        .order_by_desc(item::Column::CheckedAt)
        .limit(200)
        .all(conn)
        .await?;
    Ok(DiscrepancyStats { items, summary, checks: item_dtos(state, checks).await? })
}
