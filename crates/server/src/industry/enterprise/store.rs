//! Queries of the enterprise ledger. Every one takes the caller's `Scope`.

use super::model::{enterprise, EnterpriseFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

fn scoped(scope: &Scope) -> Select<enterprise::Entity> {
    enterprise::Entity::find().filter(scope.condition(enterprise::Column::RegionCode, Some(enterprise::Column::Id)))
}

fn filtered(scope: &Scope, f: &EnterpriseFilter) -> Select<enterprise::Entity> {
    let mut cond = Condition::all();
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        cond = cond.add(
            Condition::any()
                .add(
                    Expr::col(enterprise::Column::Name)
                        .like(sea_orm::sea_query::LikeExpr::new(like.clone()).escape('\\')),
                )
                .add(
                    Expr::expr(Func::upper(Expr::col(enterprise::Column::Code)))
                        .like(sea_orm::sea_query::LikeExpr::new(like.to_uppercase()).escape('\\')),
                ),
        );
    }
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        cond = cond.add(enterprise::Column::RegionCode.gte(lo)).add(enterprise::Column::RegionCode.lt(hi));
    }
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(enterprise::Column::Kind.eq(k));
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(enterprise::Column::Status.eq(s));
    }
    scoped(scope).filter(cond)
}

fn sorted(q: Select<enterprise::Entity>, page: &PageParams) -> Select<enterprise::Entity> {
    use enterprise::Column as C;
    let (col, desc) = match page.sort_spec() {
        Some(("name", d)) => (C::Name, d),
        Some(("code", d)) => (C::Code, d),
        Some(("region_code", d)) => (C::RegionCode, d),
        Some(("licence_valid_to", d)) => (C::LicenceValidTo, d),
        Some(("created_at", d)) => (C::CreatedAt, d),
        Some(("updated_at", d)) => (C::UpdatedAt, d),
        _ => (C::RegionCode, false),
    };
    let q = if desc { q.order_by_desc(col) } else { q.order_by_asc(col) };
    // A stable tie-break so pages never overlap.
    q.order_by_asc(C::Id)
}

pub async fn list<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &EnterpriseFilter,
    page: &PageParams,
) -> Result<(Vec<enterprise::Model>, u64), DbErr> {
    let page_rows = sorted(filtered(scope, f), page).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(page_rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

/// All matching rows for an export, up to `max`.
pub async fn list_all<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &EnterpriseFilter,
    page: &PageParams,
    max: u64,
) -> Result<Vec<enterprise::Model>, DbErr> {
    sorted(filtered(scope, f), page).limit(max).all(conn).await
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<enterprise::Model>, DbErr> {
    scoped(scope).filter(enterprise::Column::Id.eq(id)).one(conn).await
}

/// By credit code across the whole database: codes are unique city-wide (used for the duplicate
/// check and for upserts, never to show a record outside the caller's scope).
pub async fn find_by_code<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<enterprise::Model>, DbErr> {
    enterprise::Entity::find().filter(enterprise::Column::Code.eq(code)).one(conn).await
}

pub async fn find_by_codes<C: ConnectionTrait>(conn: &C, codes: &[String]) -> Result<Vec<enterprise::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(enterprise::Entity::find().filter(enterprise::Column::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// Enterprise names by id (for lists that show whose a record is).
pub async fn names_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<HashMap<i64, String>, DbErr> {
    Ok(find_by_ids(conn, ids).await?.into_iter().map(|e| (e.id, e.name)).collect())
}

/// Enterprise credit codes by id (for exports in the data standard's columns).
pub async fn codes_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<HashMap<i64, String>, DbErr> {
    Ok(find_by_ids(conn, ids).await?.into_iter().map(|e| (e.id, e.code)).collect())
}

pub async fn find_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<enterprise::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(enterprise::Entity::find().filter(enterprise::Column::Id.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}
