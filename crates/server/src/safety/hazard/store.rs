//! Queries of hazards, all within the caller's scope.

use super::model::{event, hazard, photo, HazardFilter, RectificationQuery};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use crate::platform::tally::{FastMap, Interner, Table};
use chrono::{Datelike, NaiveDate};
use ranjian_domain::hazard::HazardState;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

use hazard::Column as Z;

pub fn filtered(scope: &Scope, f: &HazardFilter, today: NaiveDate) -> Select<hazard::Entity> {
    let mut q = region_range(
        hazard::Entity::find().filter(scope.condition(Z::RegionCode, Some(Z::EnterpriseId))),
        Z::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(Z::Code.eq(t)).add(Z::Description.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(Z::EnterpriseId.eq(e));
    }
    match f.state.as_deref().filter(|s| !s.is_empty()) {
        Some("open") => q = q.filter(Z::State.ne(HazardState::Closed.as_str())),
        Some(s) => q = q.filter(Z::State.eq(s)),
        None => {}
    }
    if let Some(l) = f.level.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(Z::Level.eq(l));
    }
    if let Some(s) = f.source.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(Z::Source.eq(s));
    }
    if f.overdue == Some(true) {
        q = q.filter(Z::State.ne(HazardState::Closed.as_str())).filter(Z::Deadline.lt(today));
    }
    q
}

pub async fn list<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &HazardFilter,
    page: &PageParams,
    today: NaiveDate,
) -> Result<(Vec<hazard::Model>, u64), DbErr> {
    // Overdue lists read most urgent first; others newest first.
    let base = filtered(scope, f, today);
    let ordered = if f.overdue == Some(true) {
        base.order_by_asc(Z::Deadline).order_by_asc(Z::Id)
    } else {
        base.order_by_desc(Z::FoundOn).order_by_desc(Z::Id)
    };
    let rows = ordered.offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, today)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<hazard::Model>, DbErr> {
    hazard::Entity::find()
        .filter(scope.condition(Z::RegionCode, Some(Z::EnterpriseId)))
        .filter(Z::Id.eq(id))
        .one(conn)
        .await
}

/// Stored records by (enterprise, code).
pub async fn by_codes<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), hazard::Model>, DbErr> {
    by_enterprise_codes::<hazard::Entity, _>(conn, keys, (Z::EnterpriseId, Z::Code), |m| {
        (m.enterprise_id, m.code.clone())
    })
    .await
}

pub async fn events_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find().filter(event::Column::HazardId.eq(id)).order_by_asc(event::Column::Id).all(conn).await
}

pub async fn photos_of<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<photo::Model>, DbErr> {
    photo::Entity::find().filter(photo::Column::HazardId.eq(id)).order_by_asc(photo::Column::Id).all(conn).await
}

/// Open hazards past their deadline not yet marked overdue (for the scheduler).
pub async fn newly_overdue<C: ConnectionTrait>(conn: &C, today: NaiveDate) -> Result<Vec<hazard::Model>, DbErr> {
    hazard::Entity::find()
        .filter(Z::State.ne(HazardState::Closed.as_str()))
        .filter(Z::Deadline.lt(today))
        .filter(Z::Overdue.eq(false))
        .order_by_asc(Z::Id)
        .all(conn)
        .await
}

/// A hazard as the rectification rates count it.
struct Counted {
    region: u32,
    level: u32,
    source: u32,
    state: u32,
    enterprise: i64,
    closed: bool,
    found_on: NaiveDate,
    deadline: NaiveDate,
}

/// Every hazard, in memory, for the rectification rates and the lists without a search text;
/// reloaded whole after a hazard write on this node (keyed by the hazards' generation).
#[derive(Default)]
pub struct HazardTally {
    hazards: FastMap<i64, Counted>,
    /// Division codes, levels and sources.
    texts: Interner,
}

/// (id, region, enterprise, level, source, state, found on, deadline)
pub type CountedRow = (i64, String, i64, String, String, String, NaiveDate, NaiveDate);

impl Table for HazardTally {
    type Key = i64;
    type Row = CountedRow;

    fn apply(&mut self, keys: &[i64], rows: Vec<CountedRow>) {
        for k in keys {
            self.hazards.remove(k);
        }
        for (id, region, enterprise, level, source, state, found_on, deadline) in rows {
            let c = Counted {
                region: self.texts.id(&region),
                level: self.texts.id(&level),
                source: self.texts.id(&source),
                state: self.texts.id(&state),
                enterprise,
                closed: state == HazardState::Closed.as_str(),
                found_on,
                deadline,
            };
            self.hazards.insert(id, c);
        }
    }
}

pub async fn counted_hazards<C: ConnectionTrait>(conn: &C, ids: Option<Vec<i64>>) -> Result<Vec<CountedRow>, DbErr> {
    let q = || {
        hazard::Entity::find().select_only().columns([
            Z::Id,
            Z::RegionCode,
            Z::EnterpriseId,
            Z::Level,
            Z::Source,
            Z::State,
            Z::FoundOn,
            Z::Deadline,
        ])
    };
    match ids {
        None => q().into_tuple().all(conn).await,
        Some(ids) => {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(1000) {
                out.extend(q().filter(Z::Id.is_in(chunk.to_vec())).into_tuple::<CountedRow>().all(conn).await?);
            }
            Ok(out)
        }
    }
}

impl HazardTally {
    /// Division codes in scope and under the filter's division, by text number.
    fn regions_ok(&self, scope: &Scope, region: Option<&str>) -> Vec<bool> {
        let region = region.map(str::trim).filter(|r| !r.is_empty());
        self.texts.names().iter().map(|n| scope.allows_region(n) && region.is_none_or(|r| n.starts_with(r))).collect()
    }

    /// One page of the hazards `filtered` selects (without its search text), in the list's order,
    /// and how many there are.
    pub fn page(&self, scope: &Scope, f: &HazardFilter, today: NaiveDate, page: &PageParams) -> (Vec<i64>, u64) {
        let region_ok = self.regions_ok(scope, f.region_code.as_deref());
        let text = |t: &Option<String>| t.as_deref().filter(|s| !s.is_empty()).map(|s| s.to_string());
        let (state, level, source) = (text(&f.state), text(&f.level), text(&f.source));
        let overdue = f.overdue == Some(true);
        let is = |id: u32, want: &Option<String>| want.as_deref().is_none_or(|w| self.texts.name(id) == w);
        // Ordered by a key that sorts ascending: (deadline, id) for overdue lists, otherwise newest
        // first by (found on, id).
        let mut hits: Vec<(i64, i64)> = self
            .hazards
            .iter()
            .filter(|(_, h)| {
                region_ok[h.region as usize]
                    && scope.enterprise_id().is_none_or(|e| e == h.enterprise)
                    && f.enterprise_id.is_none_or(|e| e == h.enterprise)
                    && match state.as_deref() {
                        Some("open") => !h.closed,
                        Some(_) => is(h.state, &state),
                        None => true,
                    }
                    && is(h.level, &level)
                    && is(h.source, &source)
                    && (!overdue || (!h.closed && h.deadline < today))
            })
            .map(|(id, h)| {
                let day = if overdue { h.deadline } else { h.found_on };
                let day = day.num_days_from_ce() as i64;
                if overdue {
                    (day, *id)
                } else {
                    (-day, -*id)
                }
            })
            .collect();
        let total = hits.len() as u64;
        let (from, n) = (page.offset() as usize, page.page_size() as usize);
        if from >= hits.len() {
            return (Vec::new(), total);
        }
        let end = (from + n).min(hits.len());
        if end < hits.len() {
            hits.select_nth_unstable(end);
            hits.truncate(end);
        }
        hits.sort_unstable();
        (hits[from..].iter().map(|(_, id)| id.abs()).collect(), total)
    }

    /// (key, found, closed, overdue, major open) per group.
    pub fn rectification(
        &self,
        scope: &Scope,
        q: &RectificationQuery,
        today: NaiveDate,
    ) -> Vec<(Option<String>, i64, i64, i64, i64)> {
        let region_ok = self.regions_ok(scope, q.region_code.as_deref());
        let group = q.group.as_deref().unwrap_or("region");
        let mut groups: HashMap<i64, (i64, i64, i64, i64)> = HashMap::new();
        for h in self.hazards.values() {
            let shown = region_ok[h.region as usize]
                && scope.enterprise_id().is_none_or(|e| e == h.enterprise)
                && q.enterprise_id.is_none_or(|e| e == h.enterprise)
                && q.from.is_none_or(|d| h.found_on >= d)
                && q.to.is_none_or(|d| h.found_on <= d);
            if !shown {
                continue;
            }
            let k = match group {
                "enterprise" => h.enterprise,
                "level" => h.level as i64,
                "source" => h.source as i64,
                _ => h.region as i64,
            };
            let g = groups.entry(k).or_default();
            g.0 += 1;
            g.1 += i64::from(h.closed);
            g.2 += i64::from(!h.closed && h.deadline < today);
            g.3 += i64::from(!h.closed && self.texts.name(h.level) == "major");
        }
        groups
            .into_iter()
            .map(|(k, (n, c, o, m))| {
                let key = if group == "enterprise" { k.to_string() } else { self.texts.name(k as u32).to_string() };
                (Some(key), n, c, o, m)
            })
            .collect()
    }
}
