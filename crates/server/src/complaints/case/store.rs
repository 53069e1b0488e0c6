//! Queries of cases, and the tally the statistics count on.

use super::model::{case, event, party, photo, stage, CaseFilter, CaseStatsQuery};
use crate::platform::list::{count, region_range, PageParams};
use crate::platform::scope::Scope;
use crate::platform::tally::{FastMap, Interner, Table};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ranjian_domain::case::{CaseState, CaseType, Channel, GasCategory, Satisfaction, Stage, STAGES};
use sea_orm::sea_query::Expr;
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
    use sea_orm::sea_query::ExprTrait;
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

/// A case, compact: what the statistics count. Stages that have ended are counted already (on time
/// or late never changes); only the open ones are judged against the day of the request.
struct Counted {
    id: i64,
    region: u32,
    enterprise: i64,
    kind: u8,
    category: u8,
    channel: u8,
    closed: bool,
    /// 0: not rated; else the rating's place in SATISFACTIONS + 1.
    rating: u8,
    received: NaiveDate,
    received_at: DateTime<Utc>,
    /// Months since year 0 of the day received.
    month: i32,
    deadline: Option<NaiveDate>,
    place: u32,
    /// Ended stages per stage kind: on time, late.
    on_time: [u8; 4],
    late: [u8; 4],
    /// Open stages: (kind, deadline).
    open: Option<Box<[(u8, NaiveDate)]>>,
}

/// Every case, compact, in one dense array: the statistics page counts here in one pass.
#[derive(Default)]
pub struct CaseTally {
    cases: Vec<Counted>,
    at: FastMap<i64, usize>,
    regions: Interner,
    places: Interner,
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

impl CaseTally {
    fn remove(&mut self, id: i64) {
        if let Some(i) = self.at.remove(&id) {
            self.cases.swap_remove(i);
            if let Some(moved) = self.cases.get(i) {
                self.at.insert(moved.id, i);
            }
        }
    }
}

impl Table for CaseTally {
    type Key = i64;
    type Row = CountedRow;

    fn apply(&mut self, keys: &[i64], rows: Vec<CountedRow>) {
        for k in keys {
            self.remove(*k);
        }
        use ranjian_domain::case::{CASE_TYPES, CHANNELS, GAS_CATEGORIES, SATISFACTIONS};
        for r in rows {
            let (id, region, enterprise, kind, category, channel, state, sat, received_at, deadline, place) = r.case;
            self.remove(id);
            let (mut on_time, mut late, mut open) = ([0u8; 4], [0u8; 4], Vec::new());
            for (st, d, ended) in r.stages {
                let k = pos(STAGES, Stage::parse(&st));
                if k as usize >= 4 {
                    continue;
                }
                match ended.map(local_day) {
                    Some(e) if e > d => late[k as usize] = late[k as usize].saturating_add(1),
                    Some(_) => on_time[k as usize] = on_time[k as usize].saturating_add(1),
                    None => open.push((k, d)),
                }
            }
            let received = local_day(received_at);
            let c = Counted {
                id,
                region: self.regions.id(&region),
                enterprise: enterprise.unwrap_or(0),
                kind: pos(CASE_TYPES, CaseType::parse(&kind)),
                category: pos(GAS_CATEGORIES, GasCategory::parse(&category)),
                channel: pos(CHANNELS, Channel::parse(&channel)),
                closed: state == CaseState::Closed.as_str(),
                rating: sat.as_deref().and_then(Satisfaction::parse).map_or(0, |s| pos(SATISFACTIONS, Some(s)) + 1),
                received,
                received_at,
                month: received.year() * 12 + received.month0() as i32,
                deadline,
                place: self.places.id(&place),
                on_time,
                late,
                open: (!open.is_empty()).then(|| open.into_boxed_slice()),
            };
            self.at.insert(id, self.cases.len());
            self.cases.push(c);
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
        use ranjian_domain::case::{CASE_TYPES, CHANNELS, GAS_CATEGORIES};
        let region = q.region_code.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let region_ok: Vec<bool> = self
            .regions
            .names()
            .iter()
            .map(|n| scope.allows_region(n) && region.is_none_or(|r| n.starts_with(r)))
            .collect();
        let kind = q.case_type.as_deref().and_then(CaseType::parse).map(|k| pos(CASE_TYPES, Some(k)));
        let group = q.group.as_deref().unwrap_or("case_type");
        let enterprise_channel = pos(CHANNELS, Some(Channel::Enterprise));
        let (from, to) = (q.from, q.to);
        // Groups other than enterprises are small dense numbers: counted in an array. The group is
        // read once, not per case.
        #[derive(Clone, Copy, PartialEq)]
        enum By {
            Kind,
            Category,
            Region,
            Channel,
            Enterprise,
        }
        let by = match group {
            "gas_category" => By::Category,
            "region" => By::Region,
            "channel" => By::Channel,
            "enterprise" => By::Enterprise,
            _ => By::Kind,
        };
        let dense = |c: &Counted| -> usize {
            match by {
                By::Category => c.category as usize,
                By::Region => c.region as usize,
                By::Channel => c.channel as usize,
                _ => c.kind as usize,
            }
        };
        let mut dense_groups: Vec<Counts> = vec![Counts::default(); self.regions.names().len().max(8) + 1];
        let mut by_enterprise: FastMap<i64, Counts> = FastMap::default();
        let mut out = StatsCounts::default();
        let (lo, hi) = self.cases.iter().fold((i32::MAX, i32::MIN), |(lo, hi), c| (lo.min(c.month), hi.max(c.month)));
        let mut months: Vec<[i64; 6]> = if lo <= hi { vec![[0; 6]; (hi - lo + 1) as usize] } else { Vec::new() };
        let mut place_n: Vec<u32> = vec![0; self.places.names().len()];
        // The latest case of each place: (received, id, row), kept beside the counts so the pass
        // never jumps back into the array.
        let mut place_last: Vec<(DateTime<Utc>, i64, u32)> =
            vec![(DateTime::<Utc>::MIN_UTC, i64::MIN, u32::MAX); self.places.names().len()];
        for (row, c) in self.cases.iter().enumerate() {
            let shown = region_ok[c.region as usize]
                && scope.enterprise_id().is_none_or(|e| e == c.enterprise)
                && q.enterprise_id.is_none_or(|e| e == c.enterprise)
                && kind.is_none_or(|k| k == c.kind)
                && from.is_none_or(|d| c.received >= d)
                && to.is_none_or(|d| c.received <= d);
            if !shown {
                continue;
            }
            let g = if by == By::Enterprise {
                by_enterprise.entry(c.enterprise).or_default()
            } else {
                let i = dense(c);
                match dense_groups.get_mut(i) {
                    Some(g) => g,
                    None => continue,
                }
            };
            g.total += 1;
            g.closed += i64::from(c.closed);
            g.overdue += i64::from(!c.closed && c.deadline.is_some_and(|d| d < today));
            g.enterprise_received += i64::from(c.channel == enterprise_channel);
            for k in 0..4 {
                let (ok, late) = (c.on_time[k] as i64, c.late[k] as i64);
                out.stages[k].0 += ok;
                out.stages[k].1 += late;
                g.on_time += ok;
                g.late += late;
            }
            if let Some(open) = &c.open {
                for (k, _) in open.iter().filter(|(_, d)| *d < today) {
                    out.stages[*k as usize].1 += 1;
                    g.late += 1;
                }
            }
            if c.rating > 0 {
                g.rated += 1;
                g.pleased += i64::from(c.rating <= 2);
                out.ratings[(c.rating - 1) as usize] += 1;
            }
            let m = &mut months[(c.month - lo) as usize];
            m[0] += 1;
            if (c.kind as usize) < 4 {
                m[1 + c.kind as usize] += 1;
            }
            m[5] += i64::from(c.closed);
            let p = c.place as usize;
            place_n[p] += 1;
            let last = &mut place_last[p];
            if (c.received_at, c.id) > (last.0, last.1) {
                *last = (c.received_at, c.id, row as u32);
            }
        }
        let code = |all: Vec<&'static str>, k: usize| all.get(k).copied().unwrap_or("").to_string();
        out.groups = if group == "enterprise" {
            by_enterprise.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        } else {
            dense_groups
                .into_iter()
                .enumerate()
                .filter(|(_, v)| v.total > 0)
                .map(|(k, v)| {
                    let key = match group {
                        "gas_category" => code(GAS_CATEGORIES.iter().map(|x| x.as_str()).collect(), k),
                        "region" => self.regions.name(k as u32).to_string(),
                        "channel" => code(CHANNELS.iter().map(|x| x.as_str()).collect(), k),
                        _ => code(CASE_TYPES.iter().map(|x| x.as_str()).collect(), k),
                    };
                    (key, v)
                })
                .collect()
        };
        out.months = months
            .into_iter()
            .enumerate()
            .filter(|(_, v)| v[0] > 0)
            .map(|(i, v)| {
                let m = lo + i as i32;
                (format!("{}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1), v)
            })
            .collect();
        let mut repeats: Vec<(u32, usize)> =
            place_n.iter().enumerate().filter(|(_, n)| **n > 1).map(|(p, n)| (*n, p)).collect();
        repeats.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| place_last[b.1].cmp(&place_last[a.1])));
        out.repeats = repeats
            .into_iter()
            .take(20)
            .filter_map(|(n, p)| {
                let last = self.cases.get(place_last[p].2 as usize)?;
                let region = self.regions.name(last.region).to_string();
                Some((self.places.name(p as u32).to_string(), region, n as i64, last.received_at, last.id))
            })
            .collect();
        out
    }
}
