//! Use cases of alarms: writing the alarms readings and silence raise (with the notifications
//! configuration routes by severity), the lifecycle steps of the owning enterprise, escalation of
//! unacknowledged alarms and overdue supervision (督办) of unhandled ones, statistics, and the live
//! feed to open browsers.

use super::model::*;
use super::store;
use crate::complaints::case::model::notice;
use crate::industry::enterprise::store as enterprise_store;
use crate::monitoring::live::LivePoint;
use crate::monitoring::point::model::point;
use crate::monitoring::point::store as point_store;
use crate::monitoring::reading::model::RaisedAlarm;
use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::Principal;
use crate::platform::entities::org;
use crate::platform::error::{AppError, AppResult, FieldError};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use crate::system::notification::{self, Note};
use chrono::{DateTime, Duration, Utc};
use ranjian_domain::monitoring::{
    self as domain, escalation_due, AlarmAction, AlarmState, Condition, EscalationPolicy, PointKind, Severity,
};
use ranjian_domain::OrgKind;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::sync::Arc;

/// What a reading or the clock did to a point, to be written.
pub struct Change {
    pub point: Arc<LivePoint>,
    pub change: domain::Change,
    /// The reading's time (ms), or the time of the check.
    pub ts: i64,
    pub value: Option<f64>,
}

/// A message of the live feed, with what decides who receives it.
pub struct FeedItem {
    pub message: FeedMessage,
    pub region_code: String,
    pub enterprise_id: i64,
    pub severity: Severity,
}

/// The severity configured for a condition of a point kind.
pub fn severity_of(state: &AppState, kind: PointKind, c: Condition) -> Severity {
    let s = &state.config.monitoring.severity;
    s.get(&format!("{}.{}", kind.as_str(), c.as_str()))
        .or_else(|| s.get(c.as_str()))
        .and_then(|v| Severity::parse(v))
        .unwrap_or_else(|| c.default_severity(kind))
}

/// Whether alarms of `severity` reach organisations of `level` (enterprise | county | city).
pub fn routed(state: &AppState, level: &str, severity: Severity) -> bool {
    state.config.monitoring.routes.get(level).is_some_and(|v| v.iter().any(|s| s == severity.as_str()))
}

fn level_of(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Enterprise => "enterprise",
        OrgKind::CountyAuthority => "county",
        OrgKind::CityAuthority => "city",
    }
}

/// The organisations an alarm concerns: the enterprise's, the county authority's, the city's.
struct Orgs {
    enterprise: HashMap<i64, org::Model>,
    county: HashMap<String, org::Model>,
    city: Option<org::Model>,
}

impl Orgs {
    async fn load<C: ConnectionTrait>(conn: &C) -> AppResult<Orgs> {
        let all = org::Entity::find().all(conn).await?;
        let mut o = Orgs { enterprise: HashMap::new(), county: HashMap::new(), city: None };
        for m in all {
            match OrgKind::parse(&m.kind) {
                Some(OrgKind::Enterprise) => {
                    if let Some(e) = m.enterprise_id {
                        o.enterprise.insert(e, m);
                    }
                }
                Some(OrgKind::CountyAuthority) => {
                    o.county.insert(m.region_code.clone(), m);
                }
                Some(OrgKind::CityAuthority) => o.city = Some(m),
                None => {}
            }
        }
        Ok(o)
    }

    fn county_of(&self, region: &str) -> Option<&org::Model> {
        self.county.get(&region.chars().take(6).collect::<String>())
    }
}

fn system_event(alarm_id: i64, action: AlarmAction, note: Option<String>, now: DateTime<Utc>) -> event::ActiveModel {
    event::ActiveModel {
        alarm_id: Set(alarm_id),
        action: Set(action.as_str().into()),
        user_id: Set(None),
        actor_name: Set("系统".into()),
        org_id: Set(None),
        org_name: Set("燃监平台".into()),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    }
}

fn fmt_value(v: Option<f64>, unit: &str) -> String {
    match v {
        Some(v) => format!("{}{unit}", (v * 10_000.0).round() / 10_000.0),
        None => "—".into(),
    }
}

/// Write the alarms raised and cleared by readings or the offline check, with their history and
/// notifications, in one transaction; then tell the live feed. Returns the alarms raised.
pub async fn apply_changes(state: &AppState, changes: Vec<Change>) -> AppResult<Vec<RaisedAlarm>> {
    let now = Utc::now();
    let txn = state.db.write_txn().await?;
    let conn = &*txn;
    let orgs = Orgs::load(conn).await?;
    let mut raised = Vec::new();
    let mut feed: Vec<(i64, &'static str)> = Vec::new();
    let mut notes = Vec::new();
    for c in &changes {
        let p = &c.point;
        match c.change {
            domain::Change::Raise(cond) => {
                let severity = severity_of(state, p.kind, cond);
                let threshold = p.thresholds.limit_of(cond);
                let m = alarm::ActiveModel {
                    code: Set(String::new()),
                    point_id: Set(p.id),
                    enterprise_id: Set(p.enterprise_id),
                    region_code: Set(p.region_code.to_string()),
                    condition: Set(cond.as_str().into()),
                    severity: Set(severity.as_str().into()),
                    state: Set(AlarmState::Raised.as_str().into()),
                    value: Set(c.value),
                    threshold: Set(threshold),
                    raised_ts: Set(c.ts),
                    raised_at: Set(now),
                    cleared_at: Set(None),
                    acknowledged_at: Set(None),
                    handling_at: Set(None),
                    handled_at: Set(None),
                    disposal: Set(None),
                    reminders: Set(0),
                    escalation: Set(0),
                    supervised: Set(false),
                    ..Default::default()
                }
                .insert(conn)
                .await?;
                let local = now + Duration::hours(8);
                let code = format!("BJ{}{:06}", local.format("%Y%m%d"), m.id);
                let mut am: alarm::ActiveModel = m.into();
                am.code = Set(code.clone());
                let m = am.update(conn).await?;
                let what = match cond {
                    Condition::Offline => {
                        format!("监测点已{}个上报周期未上报数据", state.config.monitoring.offline_intervals)
                    }
                    Condition::RateOfChange => {
                        format!(
                            "监测值 {}，变化率超过每分钟 {}",
                            fmt_value(c.value, &p.unit),
                            fmt_value(threshold, &p.unit)
                        )
                    }
                    _ => format!("监测值 {}，限值 {}", fmt_value(c.value, &p.unit), fmt_value(threshold, &p.unit)),
                };
                system_event(m.id, AlarmAction::Raise, Some(what.clone()), now).insert(conn).await?;
                let title = format!("【{}】{} {}", severity.name_zh(), p.name, cond.name_zh());
                let link = Some(format!("/monitoring/alarms?id={}", m.id));
                let mut targets = Vec::new();
                if routed(state, "enterprise", severity) {
                    targets.extend(orgs.enterprise.get(&p.enterprise_id).map(|o| o.id));
                }
                if routed(state, "county", severity) {
                    targets.extend(orgs.county_of(&p.region_code).map(|o| o.id));
                }
                if routed(state, "city", severity) {
                    targets.extend(orgs.city.as_ref().map(|o| o.id));
                }
                for org_id in targets {
                    notes.push(Note {
                        org_id,
                        kind: "alarm_raised",
                        title: title.clone(),
                        body: format!("报警编号 {code}：{what}。"),
                        link: link.clone(),
                    });
                }
                raised.push(RaisedAlarm {
                    id: m.id,
                    code,
                    point_id: p.id,
                    condition: cond.as_str(),
                    severity: severity.as_str(),
                });
                feed.push((m.id, "raised"));
            }
            domain::Change::Clear(cond) => {
                let conds: Vec<&str> = match cond {
                    Condition::HighHigh | Condition::High | Condition::Low | Condition::LowLow => {
                        vec!["high_high", "high", "low", "low_low"]
                    }
                    other => vec![other.as_str()],
                };
                let standing = alarm::Entity::find()
                    .filter(alarm::Column::PointId.eq(p.id))
                    .filter(alarm::Column::ClearedAt.is_null())
                    .filter(alarm::Column::Condition.is_in(conds))
                    .all(conn)
                    .await?;
                for a in standing {
                    let id = a.id;
                    let mut am: alarm::ActiveModel = a.into();
                    am.cleared_at = Set(Some(now));
                    am.update(conn).await?;
                    let note = match c.value {
                        Some(v) => format!("监测值 {} 已恢复正常", fmt_value(Some(v), &p.unit)),
                        None => "已恢复正常".into(),
                    };
                    system_event(id, AlarmAction::Clear, Some(note), now).insert(conn).await?;
                    feed.push((id, "cleared"));
                }
            }
        }
    }
    notification::send(conn, notes).await?;
    txn.commit().await?;
    metrics::counter!("ranjian_alarms_raised_total").increment(raised.len() as u64);
    publish(state, &feed).await;
    Ok(raised)
}

/// Tell the live feed about alarms (after their write is durable).
async fn publish(state: &AppState, items: &[(i64, &'static str)]) {
    if items.is_empty() || state.live.feed.receiver_count() == 0 {
        return;
    }
    let ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
    let rows = match alarm::Entity::find().filter(alarm::Column::Id.is_in(ids)).all(&state.db.conn).await {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, "alarm feed: read failed");
            return;
        }
    };
    let Ok(dtos) = to_dtos(state, rows).await else { return };
    let by_id: HashMap<i64, AlarmDto> = dtos.into_iter().map(|d| (d.id, d)).collect();
    for (id, ev) in items {
        if let Some(d) = by_id.get(id) {
            let item = FeedItem {
                region_code: d.region_code.clone(),
                enterprise_id: d.enterprise_id,
                severity: Severity::parse(&d.severity).unwrap_or(Severity::Warning),
                message: FeedMessage { event: ev, alarm: d.clone() },
            };
            let _ = state.live.feed.send(Arc::new(item));
        }
    }
}

/// Whether a subscriber receives a feed item: within their scope, and of a severity routed to their
/// level (an enterprise always hears of its own alarms being cleared or updated).
pub fn feed_reaches(state: &AppState, p: &Principal, scope: &Scope, item: &FeedItem) -> bool {
    scope.allows(&item.region_code, Some(item.enterprise_id)) && routed(state, level_of(p.org_kind), item.severity)
}

fn minutes(a: DateTime<Utc>, b: Option<DateTime<Utc>>) -> Option<f64> {
    b.map(|b| ((b - a).num_seconds() as f64 / 60.0 * 10.0).round() / 10.0)
}

pub async fn to_dtos(state: &AppState, rows: Vec<alarm::Model>) -> AppResult<Vec<AlarmDto>> {
    let conn = &state.db.conn;
    let point_ids: Vec<i64> = rows.iter().map(|r| r.point_id).collect();
    let points: HashMap<i64, point::Model> =
        point_store::by_ids(conn, &point_ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let ent_ids: Vec<i64> = rows.iter().map(|r| r.enterprise_id).collect();
    let ents: HashMap<i64, String> =
        enterprise_store::find_by_ids(conn, &ent_ids).await?.into_iter().map(|e| (e.id, e.name)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let p = points.get(&m.point_id);
            let kind = p.and_then(|p| PointKind::parse(&p.kind)).unwrap_or(PointKind::Other);
            let cond = Condition::parse(&m.condition);
            let sev = Severity::parse(&m.severity);
            let st = AlarmState::parse(&m.state);
            AlarmDto {
                id: m.id,
                code: m.code,
                point_id: m.point_id,
                point_code: p.map(|p| p.code.clone()).unwrap_or_default(),
                point_name: p.map(|p| p.name.clone()).unwrap_or_default(),
                kind: kind.as_str().into(),
                kind_name: kind.name_zh().into(),
                unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                enterprise_id: m.enterprise_id,
                enterprise_name: ents.get(&m.enterprise_id).cloned().unwrap_or_default(),
                region_name: state.regions.name(&m.region_code),
                region_code: m.region_code,
                condition_name: cond.map(|c| c.name_zh()).unwrap_or("").into(),
                condition: m.condition,
                severity_name: sev.map(|s| s.name_zh()).unwrap_or("").into(),
                severity: m.severity,
                state_name: st.map(|s| s.name_zh()).unwrap_or("").into(),
                state: m.state,
                value: m.value,
                threshold: m.threshold,
                minutes_to_ack: minutes(m.raised_at, m.acknowledged_at),
                minutes_to_handle: minutes(m.raised_at, m.handled_at),
                raised_at: m.raised_at,
                cleared_at: m.cleared_at,
                acknowledged_at: m.acknowledged_at,
                handling_at: m.handling_at,
                handled_at: m.handled_at,
                disposal: m.disposal,
                reminders: m.reminders,
                escalation: m.escalation,
                supervised: m.supervised,
                lng: p.map(|p| p.lng).unwrap_or_default(),
                lat: p.map(|p| p.lat).unwrap_or_default(),
            }
        })
        .collect())
}

/// Whether this caller acts on the alarm: an account of the enterprise that owns the point.
fn may_act(p: &Principal, a: &alarm::Model) -> bool {
    p.org_kind == OrgKind::Enterprise && p.enterprise_id == Some(a.enterprise_id)
}

pub async fn detail(state: &AppState, p: &Principal, id: i64) -> AppResult<AlarmDetail> {
    let conn = &state.db.conn;
    let a = store::get(conn, &p.scope(), id).await?.ok_or(AppError::NotFound)?;
    let history = store::history(conn, id)
        .await?
        .into_iter()
        .map(|e| HistoryDto {
            action_name: AlarmAction::parse(&e.action).map(|a| a.name_zh()).unwrap_or("").into(),
            action: e.action,
            actor_name: e.actor_name,
            org_name: e.org_name,
            note: e.note,
            created_at: e.created_at,
        })
        .collect();
    let allowed = if may_act(p, &a) {
        AlarmState::parse(&a.state)
            .map(domain::allowed)
            .unwrap_or_default()
            .into_iter()
            .map(|a| ActionDto { action: a.as_str(), name: a.name_zh() })
            .collect()
    } else {
        Vec::new()
    };
    let alarm = to_dtos(state, vec![a]).await?.remove(0);
    Ok(AlarmDetail { alarm, history, allowed })
}

/// A lifecycle step by the owning enterprise: acknowledge, start handling, dispose with a report.
pub async fn act(
    state: &AppState,
    p: &Principal,
    ip: Option<String>,
    id: i64,
    input: &AlarmActionInput,
) -> AppResult<AlarmDetail> {
    let scope = p.scope();
    let action = AlarmAction::parse(&input.action).filter(|a| AlarmAction::MANUAL.contains(a)).ok_or_else(|| {
        AppError::field("action", "操作应为 acknowledge（确认）、handle（开始处置）或 dispose（处置完成）")
    })?;
    let note = input.note.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(AppError::field("note", "说明不能超过2000字"));
    }
    let txn = state.db.write_txn().await?;
    let conn = &*txn;
    let a = store::get(conn, &scope, id).await?.ok_or(AppError::NotFound)?;
    if !may_act(p, &a) {
        return Err(AppError::Forbidden("只有报警所属企业的账号可以确认和处置报警".into()));
    }
    let from = AlarmState::parse(&a.state).unwrap_or(AlarmState::Raised);
    let to = domain::apply(from, action).map_err(|allowed| AppError::IllegalTransition {
        detail: format!("报警当前为“{}”，不能{}", from.name_zh(), action.name_zh()),
        allowed: allowed.iter().map(|a| a.as_str().to_string()).collect(),
    })?;
    if action == AlarmAction::Dispose && note.is_none() {
        return Err(AppError::validation(vec![FieldError::new("note", "请填写处置报告：原因、采取的措施和结果")]));
    }
    let now = Utc::now();
    let code = a.code.clone();
    let mut am: alarm::ActiveModel = a.into();
    am.state = Set(to.as_str().into());
    match action {
        AlarmAction::Acknowledge => am.acknowledged_at = Set(Some(now)),
        AlarmAction::Handle => am.handling_at = Set(Some(now)),
        _ => {
            am.handled_at = Set(Some(now));
            am.disposal = Set(note.clone());
        }
    }
    am.update(conn).await?;
    event::ActiveModel {
        alarm_id: Set(id),
        action: Set(action.as_str().into()),
        user_id: Set(Some(p.user_id)),
        actor_name: Set(p.display_name.clone()),
        org_id: Set(Some(p.org_id)),
        org_name: Set(p.org_name.clone()),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    audit::append(
        conn,
        &Actor::of(p, ip),
        Event::ok("alarm.action", "alarm", id).detail(format!("{} {code}", action.name_zh())),
    )
    .await?;
    txn.commit().await?;
    publish(state, &[(id, "updated")]).await;
    detail(state, p, id).await
}

/// What one run of the escalation did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Escalated {
    pub reminded: usize,
    pub escalated: usize,
    pub supervised: usize,
}

/// Remind, escalate and supervise alarms at `now`: an unacknowledged alarm is reminded every
/// `reminder_minutes` after `ack_minutes`, then goes to the enterprise's manager, then to the county
/// authority; an alarm not handled within its severity's `handle_minutes` raises overdue
/// supervision (督办) on the enterprise, told to the county authority. Each step once.
pub async fn escalate(state: &AppState, now: DateTime<Utc>) -> AppResult<Escalated> {
    let cfg = &state.config.monitoring;
    let policy = EscalationPolicy {
        ack_minutes: cfg.ack_minutes,
        reminder_minutes: cfg.reminder_minutes,
        reminders: cfg.reminders,
    };
    let open = alarm::Entity::find()
        .filter(alarm::Column::State.ne(AlarmState::Handled.as_str()))
        .order_by_asc(alarm::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut out = Escalated::default();
    if open.is_empty() {
        return Ok(out);
    }
    let txn = state.db.write_txn().await?;
    let conn = &*txn;
    let orgs = Orgs::load(conn).await?;
    let names: HashMap<i64, String> = point_store::by_ids(conn, &open.iter().map(|a| a.point_id).collect::<Vec<_>>())
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut changed = Vec::new();
    for a in open {
        let age = (now - a.raised_at).num_minutes();
        let name = names.get(&a.point_id).cloned().unwrap_or_default();
        let sev = Severity::parse(&a.severity).unwrap_or(Severity::Warning);
        let link = Some(format!("/monitoring/alarms?id={}", a.id));
        let ent_org = orgs.enterprise.get(&a.enterprise_id).map(|o| o.id);
        let county_org = orgs.county_of(&a.region_code).map(|o| o.id);
        let mut am: alarm::ActiveModel = a.clone().into();
        let mut touched = false;
        if a.state == AlarmState::Raised.as_str() {
            let (reminders, level) = escalation_due(&policy, age);
            for n in (i64::from(a.reminders) + 1)..=reminders {
                let note = format!("报警已{age}分钟未确认，第{n}次提醒");
                system_event(a.id, AlarmAction::Remind, Some(note.clone()), now).insert(conn).await?;
                if let Some(o) = ent_org {
                    notification::send(
                        conn,
                        vec![Note {
                            org_id: o,
                            kind: "alarm_reminder",
                            title: format!("【报警待确认】{name}"),
                            body: format!("报警编号 {}：{note}，请立即确认并处置。", a.code),
                            link: link.clone(),
                        }],
                    )
                    .await?;
                }
                out.reminded += 1;
                am.reminders = Set(n as i32);
                touched = true;
            }
            for l in (a.escalation + 1)..=i32::from(level) {
                let (note, target, role) = if l == 1 {
                    ("报警超时未确认，已上报企业负责人", ent_org, Some("enterprise_admin"))
                } else {
                    ("报警超时未确认，已上报区县燃气主管部门", county_org, None)
                };
                system_event(a.id, AlarmAction::Escalate, Some(note.into()), now).insert(conn).await?;
                if let Some(o) = target {
                    notification::send_for_role(
                        conn,
                        vec![Note {
                            org_id: o,
                            kind: "alarm_escalated",
                            title: format!("【报警升级】{name}"),
                            body: format!("报警编号 {}（{}）已{age}分钟未确认：{note}。", a.code, sev.name_zh()),
                            link: link.clone(),
                        }],
                        role,
                    )
                    .await?;
                }
                out.escalated += 1;
                am.escalation = Set(l);
                touched = true;
            }
        }
        let limit = cfg.handle_minutes.get(sev.as_str()).copied().unwrap_or(240);
        if !a.supervised && age >= limit {
            let reason = format!("报警超过{limit}分钟未处置完毕");
            let deadline = (a.raised_at + Duration::minutes(limit) + Duration::hours(8)).date_naive();
            if let Some(o) = ent_org {
                notice::ActiveModel {
                    subject_type: Set("alarm".into()),
                    subject_id: Set(a.id),
                    subject_ref: Set(a.code.clone()),
                    stage: Set("handle".into()),
                    org_id: Set(o),
                    superior_org_id: Set(county_org),
                    region_code: Set(a.region_code.clone()),
                    enterprise_id: Set(Some(a.enterprise_id)),
                    deadline: Set(deadline),
                    reason: Set(reason.clone()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(conn)
                .await?;
            }
            system_event(a.id, AlarmAction::Supervise, Some(reason.clone()), now).insert(conn).await?;
            let notes = [(ent_org, "alarm_overdue"), (county_org, "alarm_overdue_below")]
                .into_iter()
                .filter_map(|(o, kind)| {
                    Some(Note {
                        org_id: o?,
                        kind,
                        title: format!("【超时督办】{name}"),
                        body: format!("报警编号 {}：{reason}，请督促企业尽快处置并提交处置报告。", a.code),
                        link: link.clone(),
                    })
                })
                .collect();
            notification::send(conn, notes).await?;
            am.supervised = Set(true);
            out.supervised += 1;
            touched = true;
        }
        if touched {
            am.update(conn).await?;
            changed.push((a.id, "updated"));
        }
    }
    txn.commit().await?;
    publish(state, &changed).await;
    Ok(out)
}

/// Raise an offline alarm for every point in service silent for the configured number of
/// intervals at `now_ms`. Returns how many.
pub async fn detect_offline(state: &AppState, now_ms: i64) -> AppResult<usize> {
    let n = state.config.monitoring.offline_intervals;
    let mut changes = Vec::new();
    for p in state.live.all() {
        if !p.in_service {
            continue;
        }
        let c = p.state.lock().unwrap_or_else(|e| e.into_inner()).check_offline(now_ms, p.since_ms, p.interval_s, n);
        if let Some(c) = c {
            changes.push(Change { point: p.clone(), change: c, ts: now_ms, value: None });
        }
    }
    let count = changes.len();
    if count > 0 {
        let points: Vec<Arc<LivePoint>> = changes.iter().map(|c| c.point.clone()).collect();
        if let Err(e) = apply_changes(state, changes).await {
            // Not written: let the next check find them again.
            for p in points {
                p.state.lock().unwrap_or_else(|e| e.into_inner()).offline = false;
            }
            return Err(e);
        }
    }
    Ok(count)
}

/// Alarms by enterprise or county: how many, still open, unacknowledged, supervised, and the mean
/// minutes to acknowledge and to handle.
pub async fn stats(state: &AppState, scope: &Scope, q: &AlarmStatsQuery) -> AppResult<AlarmStats> {
    let by_enterprise = q.by.as_deref() != Some("region");
    let f = AlarmFilter { from: q.from.clone(), to: q.to.clone(), ..Default::default() };
    let rows = store::filtered(scope, &f)?.all(&state.db.conn).await?;
    #[derive(Default)]
    struct Acc {
        total: u64,
        open: u64,
        unack: u64,
        supervised: u64,
        ack: (f64, u64),
        handle: (f64, u64),
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    for a in &rows {
        let key = if by_enterprise { a.enterprise_id.to_string() } else { a.region_code.chars().take(6).collect() };
        let e = acc.entry(key).or_default();
        e.total += 1;
        if a.state != "handled" {
            e.open += 1;
        }
        if a.state == "raised" {
            e.unack += 1;
        }
        if a.supervised {
            e.supervised += 1;
        }
        if let Some(m) = minutes(a.raised_at, a.acknowledged_at) {
            e.ack.0 += m;
            e.ack.1 += 1;
        }
        if let Some(m) = minutes(a.raised_at, a.handled_at) {
            e.handle.0 += m;
            e.handle.1 += 1;
        }
    }
    let names: HashMap<String, String> = if by_enterprise {
        let ids: Vec<i64> = acc.keys().filter_map(|k| k.parse().ok()).collect();
        enterprise_store::find_by_ids(&state.db.conn, &ids)
            .await?
            .into_iter()
            .map(|e| (e.id.to_string(), e.name))
            .collect()
    } else {
        acc.keys().map(|k| (k.clone(), state.regions.name(k))).collect()
    };
    let avg = |(s, n): (f64, u64)| if n == 0 { None } else { Some((s / n as f64 * 10.0).round() / 10.0) };
    let mut items: Vec<AlarmStatsRow> = acc
        .into_iter()
        .map(|(k, a)| AlarmStatsRow {
            name: names.get(&k).cloned().unwrap_or_default(),
            key: k,
            total: a.total,
            open: a.open,
            unacknowledged: a.unack,
            supervised: a.supervised,
            avg_ack_minutes: avg(a.ack),
            avg_handle_minutes: avg(a.handle),
        })
        .collect();
    items.sort_by(|a, b| b.total.cmp(&a.total).then(a.key.cmp(&b.key)));
    Ok(AlarmStats { items })
}

pub fn sheet_row(d: &AlarmDto) -> Vec<String> {
    let t = |x: Option<DateTime<Utc>>| {
        x.map(|t| (t + Duration::hours(8)).format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default()
    };
    vec![
        d.code.clone(),
        d.severity_name.clone(),
        d.point_code.clone(),
        d.point_name.clone(),
        d.enterprise_name.clone(),
        d.region_name.clone(),
        d.condition_name.clone(),
        fmt_value(d.value, &d.unit),
        fmt_value(d.threshold, &d.unit),
        t(Some(d.raised_at)),
        t(d.cleared_at),
        d.state_name.clone(),
        t(d.acknowledged_at),
        t(d.handled_at),
        d.disposal.clone().unwrap_or_default(),
        if d.supervised { "是" } else { "否" }.into(),
    ]
}
