//! Queries of the station and facility ledger, all within the caller's scope.

use super::model::{station, StationFilter, StationStatsQuery};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use station::Column as C;

fn scoped(scope: &Scope) -> Select<station::Entity> {
    station::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

fn in_region(q: Select<station::Entity>, region: Option<&str>) -> Select<station::Entity> {
    match region.map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => {
            let (lo, hi) = prefix_range(r);
            q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi))
        }
        None => q,
    }
}

pub fn filtered(scope: &Scope, f: &StationFilter) -> Select<station::Entity> {
    let mut q = in_region(scoped(scope), f.region_code.as_deref());
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(C::Code.contains(t)).add(C::Name.contains(t)).add(C::Address.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Kind.eq(k));
    }
    if let Some(m) = f.major_hazard {
        q = q.filter(C::MajorHazard.eq(m));
    }
    q
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &StationFilter,
    page: &PageParams,
) -> Result<(Vec<station::Model>, u64), DbErr> {
    let (col, desc) = match page.sort_spec() {
        Some(("code", d)) => (C::Code, d),
        Some(("name", d)) => (C::Name, d),
        Some(("commissioned_on", d)) => (C::CommissionedOn, d),
        _ => (C::RegionCode, false),
    };
    let q = filtered(scope, f);
    let q = if desc { q.order_by_desc(col) } else { q.order_by_asc(col) };
    let rows = q.order_by_asc(C::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<station::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

pub async fn find_by_codes<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<station::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(station::Entity::find().filter(C::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// (key, count, major hazard count) per kind, region or enterprise, facilities in service.
pub async fn stats<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    q: &StationStatsQuery,
) -> Result<Vec<(String, i64, i64)>, DbErr> {
    let key = match q.group.as_deref() {
        Some("region") => Expr::col(C::RegionCode),
        Some("enterprise") => Expr::col(C::EnterpriseId).cast_as(Alias::new("text")),
        _ => Expr::col(C::Kind),
    };
    in_region(scoped(scope), q.region_code.as_deref())
        .filter(C::Status.eq("in_service"))
        .select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(Expr::cust("SUM(CASE WHEN major_hazard THEN 1 ELSE 0 END)"), "h")
        .group_by(key)
        .into_tuple::<(String, i64, i64)>()
        .all(conn)
        .await
}
