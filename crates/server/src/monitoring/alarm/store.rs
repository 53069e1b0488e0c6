//! Queries of alarms, all within the caller's scope.

use super::model::{alarm, event, AlarmFilter};
use crate::platform::error::{AppError, AppResult};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use chrono::{DateTime, Utc};
use ranjian_domain::codes::prefix_range;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};

use alarm::Column as C;

pub fn scoped(scope: &Scope) -> Select<alarm::Entity> {
    alarm::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

/// A bound of a time filter: RFC 3339, or a date (the start of that day in China time).
pub fn time_bound(s: &Option<String>, field: &str) -> AppResult<Option<DateTime<Utc>>> {
    let Some(s) = s.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    if let Some(d) = crate::platform::fields::parse_date(s) {
        let t = d.and_hms_opt(0, 0, 0).expect("midnight") - chrono::Duration::hours(8);
        return Ok(Some(t.and_utc()));
    }
    Err(AppError::field(field, format!("时间“{s}”格式不正确")))
}

pub fn filtered(scope: &Scope, f: &AlarmFilter) -> AppResult<Select<alarm::Entity>> {
    let mut q = scoped(scope);
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi));
    }
    if let Some(s) = f.state.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::State.eq(s));
    }
    if let Some(s) = f.severity.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Severity.eq(s));
    }
    if let Some(s) = f.condition.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Condition.eq(s));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(p) = f.point_id {
        q = q.filter(C::PointId.eq(p));
    }
    if f.open == Some(true) {
        q = q.filter(C::State.ne("handled"));
    }
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(C::Code.contains(t));
    }
    if let Some(t) = time_bound(&f.from, "from")? {
        q = q.filter(C::RaisedAt.gte(t));
    }
    if let Some(t) = time_bound(&f.to, "to")? {
        q = q.filter(C::RaisedAt.lt(t));
    }
    Ok(q)
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &AlarmFilter,
    page: &PageParams,
) -> AppResult<(Vec<alarm::Model>, u64)> {
    let q = filtered(scope, f)?;
    let rows = q.clone().order_by_desc(C::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, q))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<alarm::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

pub async fn history<X: ConnectionTrait>(conn: &X, id: i64) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find().filter(event::Column::AlarmId.eq(id)).order_by_asc(event::Column::Id).all(conn).await
}
