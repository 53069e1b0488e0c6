//! Queries of the pipeline network, all within the caller's scope.

use super::model::{segment, NetworkStatsQuery, SegmentFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use segment::Column as C;

fn scoped(scope: &Scope) -> Select<segment::Entity> {
    segment::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

fn in_region(q: Select<segment::Entity>, region: Option<&str>) -> Select<segment::Entity> {
    match region.map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => {
            let (lo, hi) = prefix_range(r);
            q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi))
        }
        None => q,
    }
}

pub fn filtered(scope: &Scope, f: &SegmentFilter) -> Select<segment::Entity> {
    let mut q = in_region(scoped(scope), f.region_code.as_deref());
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(C::Code.contains(t)).add(C::Name.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(p) = f.pressure_class.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::PressureClass.eq(p));
    }
    if let Some(m) = f.material.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Material.eq(m));
    }
    q
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &SegmentFilter,
    page: &PageParams,
) -> Result<(Vec<segment::Model>, u64), DbErr> {
    let (col, desc) = match page.sort_spec() {
        Some(("code", d)) => (C::Code, d),
        Some(("length_m", d)) => (C::LengthM, d),
        Some(("construction_year", d)) => (C::ConstructionYear, d),
        _ => (C::RegionCode, false),
    };
    let q = filtered(scope, f);
    let q = if desc { q.order_by_desc(col) } else { q.order_by_asc(col) };
    let rows = q.order_by_asc(C::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<segment::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

/// Existing segments with any of these codes (any scope; the caller matches enterprise too).
pub async fn find_by_codes<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<segment::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(segment::Entity::find().filter(C::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// (key, segments, metres) per group, segments in service only.
pub async fn stats<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    q: &NetworkStatsQuery,
) -> Result<Vec<(Option<String>, i64, f64)>, DbErr> {
    let key = match q.group.as_deref() {
        Some("material") => Expr::col(C::Material),
        Some("region") => Expr::col(C::RegionCode),
        Some("enterprise") => Expr::col(C::EnterpriseId).cast_as(Alias::new("text")),
        Some("decade") => Expr::cust("(construction_year / 10) * 10").cast_as(Alias::new("text")),
        _ => Expr::col(C::PressureClass),
    };
    let mut sel = in_region(scoped(scope), q.region_code.as_deref()).filter(C::Status.eq("in_service"));
    if let Some(e) = q.enterprise_id {
        sel = sel.filter(C::EnterpriseId.eq(e));
    }
    sel.select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(Expr::cust("SUM(length_m)"), "m")
        .group_by(key)
        .into_tuple::<(Option<String>, i64, f64)>()
        .all(conn)
        .await
}
