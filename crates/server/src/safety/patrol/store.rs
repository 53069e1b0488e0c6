//! Queries of patrols, all within the caller's scope.

use super::model::{patrol, PatrolFilter};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use crate::platform::tally::{FastMap, Table};
use chrono::NaiveDate;
use sea_orm::sea_query::NullOrdering;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::{HashMap, HashSet};

use patrol::Column as P;

/// `targets`: the segments and facilities whose code is the search text (kind, id).
pub fn filtered(scope: &Scope, f: &PatrolFilter, targets: &[(&str, i64)]) -> Select<patrol::Entity> {
    let mut q = region_range(
        patrol::Entity::find().filter(scope.condition(P::RegionCode, Some(P::EnterpriseId))),
        P::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let mut any = Condition::any().add(P::Code.starts_with(t)).add(P::Patroller.contains(t));
        for (kind, id) in targets {
            any = any.add(Condition::all().add(P::TargetKind.eq(*kind)).add(P::TargetId.eq(*id)));
        }
        q = q.filter(any);
    }
    if let Some(id) = f.target_id {
        q = q.filter(P::TargetId.eq(id));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(P::EnterpriseId.eq(e));
    }
    if let Some(k) = f.target_kind.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(P::TargetKind.eq(k));
    }
    if let Some(r) = f.result.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(P::Result.eq(r));
    }
    if let Some(d) = f.from {
        q = q.filter(P::PatrolledOn.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(P::PatrolledOn.lte(d));
    }
    q
}

pub async fn page<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &PatrolFilter,
    targets: &[(&str, i64)],
    page: &PageParams,
) -> Result<(Vec<patrol::Model>, u64), DbErr> {
    let rows = filtered(scope, f, targets)
        .order_by_desc(P::PatrolledOn)
        // A record without a time comes after those of the same day with one, on both databases
        // (PostgreSQL sorts NULL first when descending, SQLite last).
        .order_by_with_nulls(P::PatrolledTime, Order::Desc, NullOrdering::Last)
        .order_by_desc(P::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, targets)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<patrol::Model>, DbErr> {
    patrol::Entity::find()
        .filter(scope.condition(P::RegionCode, Some(P::EnterpriseId)))
        .filter(P::Id.eq(id))
        .one(conn)
        .await
}

/// Stored records by (enterprise, code).
pub async fn by_codes<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), patrol::Model>, DbErr> {
    by_enterprise_codes::<patrol::Entity, _>(conn, keys, (P::EnterpriseId, P::Code), |m| {
        (m.enterprise_id, m.code.clone())
    })
    .await
}

/// A patrolled segment or facility: ("segment" | "station", id).
pub type Target = (&'static str, i64);

fn target_kind(kind: &str) -> &'static str {
    if kind == "station" {
        "station"
    } else {
        "segment"
    }
}

/// The distinct days each segment and facility was patrolled, in memory: completion over a period
/// counts days by binary search instead of a GROUP BY over every patrol of the period. Patrols
/// re-read the targets they touch once committed.
#[derive(Default)]
pub struct PatrolDays {
    days: FastMap<Target, Vec<NaiveDate>>,
}

/// (kind, target id, day)
pub type DayRow = (String, i64, NaiveDate);

impl Table for PatrolDays {
    type Key = Target;
    type Row = DayRow;

    fn apply(&mut self, keys: &[Target], rows: Vec<DayRow>) {
        for k in keys {
            self.days.remove(k);
        }
        let mut fresh = HashSet::new();
        for (kind, id, day) in rows {
            let k = (target_kind(&kind), id);
            self.days.entry(k).or_default().push(day);
            fresh.insert(k);
        }
        for k in fresh {
            if let Some(d) = self.days.get_mut(&k) {
                d.sort_unstable();
                d.dedup();
            }
        }
    }
}

impl PatrolDays {
    /// Distinct days patrolled within [from, to], and the last day ever.
    pub fn done(&self, target: Target, (from, to): (NaiveDate, NaiveDate)) -> (u64, Option<NaiveDate>) {
        match self.days.get(&target) {
            None => (0, None),
            Some(d) => {
                let n = d.partition_point(|x| *x <= to) - d.partition_point(|x| *x < from);
                (n as u64, d.last().copied())
            }
        }
    }
}

/// The distinct patrol days of every target, or of these.
pub async fn patrol_days<C: ConnectionTrait>(conn: &C, targets: Option<Vec<Target>>) -> Result<Vec<DayRow>, DbErr> {
    let q = || patrol::Entity::find().select_only().columns([P::TargetKind, P::TargetId, P::PatrolledOn]).distinct();
    let Some(targets) = targets else {
        return q().into_tuple().all(conn).await;
    };
    let mut out = Vec::new();
    for kind in ["segment", "station"] {
        let ids: Vec<i64> = targets.iter().filter(|(k, _)| *k == kind).map(|(_, id)| *id).collect();
        for chunk in ids.chunks(500) {
            let q = q().filter(P::TargetKind.eq(kind)).filter(P::TargetId.is_in(chunk.to_vec()));
            out.extend(q.into_tuple::<DayRow>().all(conn).await?);
        }
    }
    Ok(out)
}
