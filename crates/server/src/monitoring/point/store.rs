//! Queries of the monitoring point ledger, all within the caller's scope.

use super::model::{point, PointFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use point::Column as C;

pub fn scoped(scope: &Scope) -> Select<point::Entity> {
    point::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

pub fn in_region(q: Select<point::Entity>, region: Option<&str>) -> Select<point::Entity> {
    match region.map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => {
            let (lo, hi) = prefix_range(r);
            q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi))
        }
        None => q,
    }
}

/// The filter; `ids` are the points whose live state matches the state asked for (none: any).
pub fn filtered(scope: &Scope, f: &PointFilter, ids: Option<&[i64]>) -> Select<point::Entity> {
    let mut q = in_region(scoped(scope), f.region_code.as_deref());
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(C::Code.contains(t)).add(C::Name.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Kind.eq(k));
    }
    if let Some(ids) = ids {
        q = q.filter(C::Id.is_in(ids.iter().copied().take(30_000)));
    }
    q
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &PointFilter,
    ids: Option<&[i64]>,
    page: &PageParams,
) -> Result<(Vec<point::Model>, u64), DbErr> {
    let (col, desc) = match page.sort_spec() {
        Some(("code", d)) => (C::Code, d),
        Some(("name", d)) => (C::Name, d),
        Some(("kind", d)) => (C::Kind, d),
        _ => (C::RegionCode, false),
    };
    let q = filtered(scope, f, ids);
    let q = if desc { q.order_by_desc(col) } else { q.order_by_asc(col) };
    let rows = q.order_by_asc(C::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, ids)))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<point::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

pub async fn find_by_codes<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<point::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(point::Entity::find().filter(C::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

pub async fn by_ids<X: ConnectionTrait>(conn: &X, ids: &[i64]) -> Result<Vec<point::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(point::Entity::find().filter(C::Id.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}
