//! Queries of patrols, all within the caller's scope.

use super::model::{patrol, PatrolFilter};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, NullOrdering};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

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

/// Per target patrolled in the period: (kind, id) → (distinct patrol days, last day).
pub async fn days_per_target<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&str>,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<HashMap<(String, i64), (u64, NaiveDate)>, DbErr> {
    let rows: Vec<(String, i64, i64, NaiveDate)> = region_range(
        patrol::Entity::find().filter(scope.condition(P::RegionCode, Some(P::EnterpriseId))),
        P::RegionCode,
        region,
    )
    .filter(P::PatrolledOn.gte(from))
    .filter(P::PatrolledOn.lte(to))
    .select_only()
    .column(P::TargetKind)
    .column(P::TargetId)
    .column_as(Expr::cust("COUNT(DISTINCT patrolled_on)"), "days")
    .column_as(P::PatrolledOn.max(), "last")
    .group_by(P::TargetKind)
    .group_by(P::TargetId)
    .into_tuple()
    .all(conn)
    .await?;
    Ok(rows.into_iter().map(|(k, id, n, last)| ((k, id), (n.max(0) as u64, last))).collect())
}

/// The last patrol ever of each of these targets.
pub async fn last_patrols<C: ConnectionTrait>(
    conn: &C,
    targets: &[(&'static str, i64)],
) -> Result<HashMap<(String, i64), NaiveDate>, DbErr> {
    let mut out = HashMap::new();
    for kind in ["segment", "station"] {
        let ids: Vec<i64> = targets.iter().filter(|(k, _)| *k == kind).map(|(_, id)| *id).collect();
        for chunk in ids.chunks(500) {
            let rows: Vec<(i64, NaiveDate)> = patrol::Entity::find()
                .filter(P::TargetKind.eq(kind))
                .filter(P::TargetId.is_in(chunk.to_vec()))
                .select_only()
                .column(P::TargetId)
                .column_as(P::PatrolledOn.max(), "last")
                .group_by(P::TargetId)
                .into_tuple()
                .all(conn)
                .await?;
            out.extend(rows.into_iter().map(|(id, d)| ((kind.to_string(), id), d)));
        }
    }
    Ok(out)
}
