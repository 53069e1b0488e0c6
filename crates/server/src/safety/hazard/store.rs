//! Queries of hazards, all within the caller's scope.

use super::model::{event, hazard, photo, HazardFilter, RectificationQuery};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use ranjian_domain::hazard::HazardState;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
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

/// SUM(CASE WHEN cond THEN 1 ELSE 0 END)
fn count_if(cond: Expr) -> Expr {
    let case: Expr = Expr::case(cond, 1).finally(0).into();
    Func::sum(case).into()
}

/// (key, found, closed, overdue, major open) per group.
pub async fn rectification<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &RectificationQuery,
    today: NaiveDate,
) -> Result<Vec<(Option<String>, i64, i64, i64, i64)>, DbErr> {
    let key = match q.group.as_deref() {
        Some("enterprise") => Expr::col(Z::EnterpriseId).cast_as(Alias::new("text")),
        Some("level") => Expr::col(Z::Level),
        Some("source") => Expr::col(Z::Source),
        _ => Expr::col(Z::RegionCode),
    };
    let mut sel = region_range(
        hazard::Entity::find().filter(scope.condition(Z::RegionCode, Some(Z::EnterpriseId))),
        Z::RegionCode,
        q.region_code.as_deref(),
    );
    if let Some(e) = q.enterprise_id {
        sel = sel.filter(Z::EnterpriseId.eq(e));
    }
    if let Some(d) = q.from {
        sel = sel.filter(Z::FoundOn.gte(d));
    }
    if let Some(d) = q.to {
        sel = sel.filter(Z::FoundOn.lte(d));
    }
    let closed = Expr::col(Z::State).eq(HazardState::Closed.as_str());
    let open = Expr::col(Z::State).ne(HazardState::Closed.as_str());
    sel.select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(count_if(closed), "c")
        .column_as(count_if(open.clone().and(Expr::col(Z::Deadline).lt(today))), "o")
        .column_as(count_if(open.and(Expr::col(Z::Level).eq("major"))), "m")
        .group_by(key)
        .into_tuple()
        .all(conn)
        .await
}
