//! Queries of cases, and the tally the statistics count on.

use super::model::{case, event, party, photo, stage, CaseFilter, CaseStatsQuery};
use crate::platform::list::{count, region_range, PageParams};
use crate::platform::scope::Scope;
use crate::platform::tally::{FastMap, Interner, Table};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ranjian_domain::case::{CaseState, CaseType, Channel, GasCategory, Satisfaction, Stage, STAGES};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

use case::Column as K;

/// States in which the holder acts, and those in which the origin does.
pub const HOLDER_STATES: [CaseState; 5] =
    [CaseState::Received, CaseState::Accepted, CaseState::Transferred, CaseState::Handling, CaseState::Returned];
pub const ORIGIN_STATES: [CaseState; 3] = [CaseState::Answered, CaseState::FedBack, CaseState::Rated];

fn codes(states: &[CaseState]) -> Vec<&'static str> {
    states.iter().map(|s| s.as_str()).collect()
}

/// The local (Asia/Shanghai) day of an instant.
pub fn local_day(t: DateTime<Utc>) -> NaiveDate {
    (t + chrono::Duration::hours(8)).date_naive()
}

/// The first instant of a local day, in UTC.
fn day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).expect("midnight").and_utc() - chrono::Duration::hours(8)
}

pub fn filtered(scope: &Scope, f: &CaseFilter, my_org: i64, today: NaiveDate) -> Select<case::Entity> {
    let mut q = region_range(
        case::Entity::find().filter(scope.condition(K::RegionCode, Some(K::EnterpriseId))),
        K::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any()
                .add(K::TrackingNo.eq(t))
                .add(K::ExternalNo.eq(t))
                .add(K::Description.contains(t))
                .add(K::Place.contains(t)),
        );
    }
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(v) = text(&f.case_type) {
        q = q.filter(K::CaseType.eq(v));
    }
    if let Some(v) = text(&f.channel) {
        q = q.filter(K::Channel.eq(v));
    }
    if let Some(v) = text(&f.gas_category) {
        q = q.filter(K::GasCategory.eq(v));
    }
    match text(&f.state).as_deref() {
        Some("open") => q = q.filter(K::State.ne(CaseState::Closed.as_str())),
        Some(s) => q = q.filter(K::State.eq(s)),
        None => {}
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(K::EnterpriseId.eq(e));
    }
    if f.overdue == Some(true) {
        q = q.filter(K::State.ne(CaseState::Closed.as_str())).filter(K::Deadline.lt(today));
    }
    if f.todo == Some(true) {
        q = q.filter(
            Condition::any()
                .add(Condition::all().add(K::HolderOrgId.eq(my_org)).add(K::State.is_in(codes(&HOLDER_STATES))))
                .add(Condition::all().add(K::OriginOrgId.eq(my_org)).add(K::State.is_in(codes(&ORIGIN_STATES)))),
        );
        // The enterprise-received ones are reported finished by the enterprise, not worked here.
        q = q.filter(K::Channel.ne(Channel::Enterprise.as_str()));
    }
    if let Some(d) = f.from {
        q = q.filter(K::ReceivedAt.gte(day_start(d)));
    }
    if let Some(d) = f.to {
        q = q.filter(K::ReceivedAt.lt(day_start(d + chrono::Duration::days(1))));
    }
    q
}

pub async fn list<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &CaseFilter,
    my_org: i64,
    page: &PageParams,
    today: NaiveDate,
) -> Result<(Vec<case::Model>, u64), DbErr> {
    let base = filtered(scope, f, my_org, today);
    let ordered = if f.overdue == Some(true) || f.todo == Some(true) {
        // Nearest deadline first; steps without a deadline (rating, closing) after them.
        base.order_by(Expr::col(K::Deadline).is_null(), Order::Asc).order_by_asc(K::Deadline).order_by_asc(K::Id)
    } else {
        base.order_by_desc(K::ReceivedAt).order_by_desc(K::Id)
    };
    let rows = ordered.offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, my_org, today)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<case::Model>, DbErr> {
    case::Entity::find()
        .filter(scope.condition(K::RegionCode, Some(K::EnterpriseId)))
        .filter(K::Id.eq(id))
        .one(conn)
        .await
}

pub async fn by_tracking_no<C: ConnectionTrait>(conn: &C, no: &str) -> Result<Option<case::Model>, DbErr> {
    case::Entity::find().filter(K::TrackingNo.eq(no)).one(conn).await
}

pub async fn by_external_keys<C: ConnectionTrait>(
    conn: &C,
    keys: &[String],
) -> Result<HashMap<String, case::Model>, DbErr> {
    let mut out = HashMap::new();
    for chunk in keys.chunks(500) {
        for m in case::Entity::find().filter(K::ExternalKey.is_in(chunk.to_vec())).all(conn).await? {
            out.insert(m.external_key.clone(), m);
        }
    }
    Ok(out)
}

pub async fn events_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find().filter(event::Column::CaseId.eq(id)).order_by_asc(event::Column::Id).all(conn).await
}

pub async fn photos_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<photo::Model>, DbErr> {
    photo::Entity::find().filter(photo::Column::CaseId.eq(id)).order_by_asc(photo::Column::Id).all(conn).await
}

pub async fn stages_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<stage::Model>, DbErr> {
    stage::Entity::find().filter(stage::Column::CaseId.eq(id)).order_by_asc(stage::Column::Id).all(conn).await
}

pub async fn is_party<C: ConnectionTrait>(conn: &C, case_id: i64, org_id: i64) -> Result<bool, DbErr> {
    Ok(party::Entity::find_by_id((case_id, org_id)).one(conn).await?.is_some())
}

pub async fn parties_among<C: ConnectionTrait>(
    conn: &C,
    case_ids: &[i64],
    org_id: i64,
) -> Result<std::collections::HashSet<i64>, DbErr> {
    Ok(party::Entity::find()
        .filter(party::Column::OrgId.eq(org_id))
        .filter(party::Column::CaseId.is_in(case_ids.to_vec()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.case_id)
        .collect())
}

/// Open stages whose warning day has come and that were not warned yet.
pub async fn stages_to_warn<C: ConnectionTrait>(conn: &C, today: NaiveDate) -> Result<Vec<stage::Model>, DbErr> {
    stage::Entity::find()
        .filter(stage::Column::Open.eq(true))
        .filter(stage::Column::WarnFrom.lte(today))
        .filter(stage::Column::Warned.eq(false))
        .filter(stage::Column::Deadline.gte(today))
        .order_by_asc(stage::Column::Id)
        .all(conn)
        .await
}

/// Open stages past their deadline without overdue supervision yet.
pub async fn stages_overdue<C: ConnectionTrait>(conn: &C, today: NaiveDate) -> Result<Vec<stage::Model>, DbErr> {
    stage::Entity::find()
        .filter(stage::Column::Open.eq(true))
        .filter(stage::Column::Deadline.lt(today))
        .filter(stage::Column::Overdue.eq(false))
        .order_by_asc(stage::Column::Id)
        .all(conn)
        .await
}

// ---- The tally the statistics count on ----------------------------------------------------------

struct Counted {
    region: u32,
    enterprise: i64,
    kind: u8,
    category: u8,
    channel: u8,
    closed: bool,
    /// 0: not rated; else the rating's place in SATISFACTIONS + 1.
    rating: u8,
    received_at: DateTime<Utc>,
    received: NaiveDate,
    deadline: Option<NaiveDate>,
    place: u32,
    /// (stage, deadline, local day it ended)
    stages: Vec<(u8, NaiveDate, Option<NaiveDate>)>,
}

/// Every case, compact, with its stages: the statistics page counts here.
#[derive(Default)]
pub struct CaseTally {
    cases: FastMap<i64, Counted>,
    texts: Interner,
}

/// A case as the tally reads it.
pub struct CountedRow {
    case: CaseRow,
    stages: StageTimes,
}

/// (stage, deadline, ended at) of a case's stages.
type StageTimes = Vec<(String, NaiveDate, Option<DateTime<Utc>>)>;

type CaseRow = (
    i64,
    String,
    Option<i64>,
    String,
    String,
    String,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<NaiveDate>,
    String,
);

fn pos<T: PartialEq + Copy>(all: &[T], v: Option<T>) -> u8 {
    v.and_then(|v| all.iter().position(|x| *x == v)).map_or(u8::MAX, |i| i as u8)
}

impl Table for CaseTally {
    type Key = i64;
    type Row = CountedRow;

    fn apply(&mut self, keys: &[i64], rows: Vec<CountedRow>) {
        for k in keys {
            self.cases.remove(k);
        }
        use ranjian_domain::case::{CASE_TYPES, CHANNELS, GAS_CATEGORIES, SATISFACTIONS};
        for r in rows {
            let (id, region, enterprise, kind, category, channel, state, sat, received_at, deadline, place) = r.case;
            let stages =
                r.stages.into_iter().map(|(s, d, e)| (pos(STAGES, Stage::parse(&s)), d, e.map(local_day))).collect();
            let c = Counted {
                region: self.texts.id(&region),
                enterprise: enterprise.unwrap_or(0),
                kind: pos(CASE_TYPES, CaseType::parse(&kind)),
                category: pos(GAS_CATEGORIES, GasCategory::parse(&category)),
                channel: pos(CHANNELS, Channel::parse(&channel)),
                closed: state == CaseState::Closed.as_str(),
                rating: sat.as_deref().and_then(Satisfaction::parse).map_or(0, |s| pos(SATISFACTIONS, Some(s)) + 1),
                received: local_day(received_at),
                received_at,
                deadline,
                place: self.texts.id(&place),
                stages,
            };
            self.cases.insert(id, c);
        }
    }
}

pub async fn counted_cases<C: ConnectionTrait>(conn: &C, ids: Option<Vec<i64>>) -> Result<Vec<CountedRow>, DbErr> {
    let q = || {
        case::Entity::find().select_only().columns([
            K::Id,
            K::RegionCode,
            K::EnterpriseId,
            K::CaseType,
            K::GasCategory,
            K::Channel,
            K::State,
            K::Satisfaction,
            K::ReceivedAt,
            K::Deadline,
            K::PlaceKey,
        ])
    };
    let s = || {
        stage::Entity::find().select_only().columns([
            stage::Column::CaseId,
            stage::Column::Stage,
            stage::Column::Deadline,
            stage::Column::EndedAt,
        ])
    };
    type StageRow = (i64, String, NaiveDate, Option<DateTime<Utc>>);
    let (cases, stages): (Vec<CaseRow>, Vec<StageRow>) = match ids {
        None => (q().into_tuple().all(conn).await?, s().into_tuple().all(conn).await?),
        Some(ids) => {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for chunk in ids.chunks(1000) {
                a.extend(q().filter(K::Id.is_in(chunk.to_vec())).into_tuple::<CaseRow>().all(conn).await?);
                b.extend(
                    s().filter(stage::Column::CaseId.is_in(chunk.to_vec())).into_tuple::<StageRow>().all(conn).await?,
                );
            }
            (a, b)
        }
    };
    let mut by_case: FastMap<i64, StageTimes> = FastMap::default();
    for (id, st, d, e) in stages {
        by_case.entry(id).or_default().push((st, d, e));
    }
    Ok(cases.into_iter().map(|c| CountedRow { stages: by_case.remove(&c.0).unwrap_or_default(), case: c }).collect())
}

/// Counts of one group.
#[derive(Default, Clone)]
pub struct Counts {
    pub total: i64,
    pub closed: i64,
    pub overdue: i64,
    pub enterprise_received: i64,
    pub on_time: i64,
    pub late: i64,
    pub rated: i64,
    pub pleased: i64,
}

/// What the statistics page shows, counted in one pass.
#[derive(Default)]
pub struct StatsCounts {
    /// Group key → counts.
    pub groups: Vec<(String, Counts)>,
    pub stages: [(i64, i64); 4],
    pub ratings: [i64; 3],
    /// YYYY-MM → [total, per type ×4, closed]
    pub months: Vec<(String, [i64; 6])>,
    /// (place, region code, count, last received, last id)
    pub repeats: Vec<(String, String, i64, DateTime<Utc>, i64)>,
}

impl CaseTally {
    pub fn stats(&self, scope: &Scope, q: &CaseStatsQuery, today: NaiveDate) -> StatsCounts {
        let region = q.region_code.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let region_ok: Vec<bool> = self
            .texts
            .names()
            .iter()
            .map(|n| scope.allows_region(n) && region.is_none_or(|r| n.starts_with(r)))
            .collect();
        let kind = q.case_type.as_deref().and_then(CaseType::parse);
        let kind = kind.map(|k| pos(ranjian_domain::case::CASE_TYPES, Some(k)));
        let group = q.group.as_deref().unwrap_or("case_type");
        let mut groups: FastMap<i64, Counts> = FastMap::default();
        let mut out = StatsCounts::default();
        let mut months: FastMap<i32, [i64; 6]> = FastMap::default();
        let mut places: FastMap<u32, (i64, DateTime<Utc>, i64, u32)> = FastMap::default();
        let enterprise_channel = pos(ranjian_domain::case::CHANNELS, Some(Channel::Enterprise));
        for (id, c) in &self.cases {
            let shown = region_ok[c.region as usize]
                && scope.enterprise_id().is_none_or(|e| e == c.enterprise)
                && q.enterprise_id.is_none_or(|e| e == c.enterprise)
                && kind.is_none_or(|k| k == c.kind)
                && q.from.is_none_or(|d| c.received >= d)
                && q.to.is_none_or(|d| c.received <= d);
            if !shown {
                continue;
            }
            let key = match group {
                "gas_category" => c.category as i64,
                "region" => c.region as i64,
                "enterprise" => c.enterprise,
                "channel" => c.channel as i64,
                _ => c.kind as i64,
            };
            let g = groups.entry(key).or_default();
            g.total += 1;
            g.closed += i64::from(c.closed);
            g.overdue += i64::from(!c.closed && c.deadline.is_some_and(|d| d < today));
            g.enterprise_received += i64::from(c.channel == enterprise_channel);
            for (s, deadline, ended) in &c.stages {
                let late = match ended {
                    Some(e) => Some(e > deadline),
                    None if *deadline < today => Some(true),
                    None => None,
                };
                if let (Some(late), Some(slot)) = (late, out.stages.get_mut(*s as usize)) {
                    if late {
                        slot.1 += 1;
                        g.late += 1;
                    } else {
                        slot.0 += 1;
                        g.on_time += 1;
                    }
                }
            }
            if c.rating > 0 {
                g.rated += 1;
                g.pleased += i64::from(c.rating <= 2);
                out.ratings[(c.rating - 1) as usize] += 1;
            }
            let m = months.entry(c.received.year() * 100 + c.received.month() as i32).or_default();
            m[0] += 1;
            if (c.kind as usize) < 4 {
                m[1 + c.kind as usize] += 1;
            }
            m[5] += i64::from(c.closed);
            let p = places.entry(c.place).or_insert((0, c.received_at, *id, c.region));
            p.0 += 1;
            if (c.received_at, *id) > (p.1, p.2) {
                (p.1, p.2) = (c.received_at, *id);
            }
        }
        use ranjian_domain::case::{CASE_TYPES, CHANNELS, GAS_CATEGORIES};
        out.groups = groups
            .into_iter()
            .map(|(k, v)| {
                let name = |all: &[&'static str]| all.get(k as usize).copied().unwrap_or("").to_string();
                let key = match group {
                    "gas_category" => name(&GAS_CATEGORIES.iter().map(|x| x.as_str()).collect::<Vec<_>>()),
                    "region" => self.texts.name(k as u32).to_string(),
                    "enterprise" => k.to_string(),
                    "channel" => name(&CHANNELS.iter().map(|x| x.as_str()).collect::<Vec<_>>()),
                    _ => name(&CASE_TYPES.iter().map(|x| x.as_str()).collect::<Vec<_>>()),
                };
                (key, v)
            })
            .collect();
        let mut months: Vec<(i32, [i64; 6])> = months.into_iter().collect();
        months.sort_unstable_by_key(|m| m.0);
        out.months = months.into_iter().map(|(k, v)| (format!("{}-{:02}", k / 100, k % 100), v)).collect();
        let mut repeats: Vec<_> = places.into_iter().filter(|(_, p)| p.0 > 1).collect();
        repeats.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then(b.1 .1.cmp(&a.1 .1)));
        out.repeats = repeats
            .into_iter()
            .take(20)
            .map(|(place, (n, at, id, region))| {
                (self.texts.name(place).to_string(), self.texts.name(region).to_string(), n, at, id)
            })
            .collect();
        out
    }
}
