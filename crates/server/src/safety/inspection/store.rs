//! Queries of home safety inspections and of the users' inspection state, all within the caller's
//! scope.

use super::model::{home_inspection, CompletionQuery, DueFilter, HomeInspectionFilter};
use crate::industry::community::model::gas_user;
use crate::platform::list::{count, region_range, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use ranjian_domain::safety::InspectionOutcome;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

use gas_user::Column as U;
use home_inspection::Column as H;

pub fn filtered(scope: &Scope, f: &HomeInspectionFilter) -> Select<home_inspection::Entity> {
    let mut q = region_range(
        home_inspection::Entity::find().filter(scope.condition(H::RegionCode, Some(H::EnterpriseId))),
        H::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any().add(H::RecordNo.eq(t)).add(
                H::GasUserId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(U::Id)
                        .from(gas_user::Entity)
                        .and_where(U::AccountNo.eq(t))
                        .to_owned(),
                ),
            ),
        );
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(H::EnterpriseId.eq(e));
    }
    if let Some(c) = f.community_id {
        q = q.filter(H::CommunityId.eq(c));
    }
    if let Some(u) = f.gas_user_id {
        q = q.filter(H::GasUserId.eq(u));
    }
    if let Some(o) = f.outcome.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(H::Outcome.eq(o));
    }
    if let Some(d) = f.from {
        q = q.filter(H::InspectedOn.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(H::InspectedOn.lte(d));
    }
    q
}

pub async fn list<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &HomeInspectionFilter,
    page: &PageParams,
) -> Result<(Vec<home_inspection::Model>, u64), DbErr> {
    let rows = filtered(scope, f)
        .order_by_desc(H::InspectedOn)
        .order_by_desc(H::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<home_inspection::Model>, DbErr> {
    home_inspection::Entity::find()
        .filter(scope.condition(H::RegionCode, Some(H::EnterpriseId)))
        .filter(H::Id.eq(id))
        .one(conn)
        .await
}

/// Gas users by (enterprise, account number), one indexed query per enterprise.
pub async fn users_by_accounts<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), gas_user::Model>, DbErr> {
    let mut by_ent: HashMap<i64, Vec<String>> = HashMap::new();
    for (e, a) in keys {
        by_ent.entry(*e).or_default().push(a.clone());
    }
    let mut out = HashMap::new();
    for (e, accounts) in by_ent {
        for chunk in accounts.chunks(500) {
            let rows = gas_user::Entity::find()
                .filter(U::EnterpriseId.eq(e))
                .filter(U::AccountNo.is_in(chunk.to_vec()))
                .all(conn)
                .await?;
            out.extend(rows.into_iter().map(|u| ((u.enterprise_id, u.account_no.clone()), u)));
        }
    }
    Ok(out)
}

/// Stored inspections by (enterprise, record number), one indexed query per enterprise.
pub async fn by_records<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), home_inspection::Model>, DbErr> {
    let mut by_ent: HashMap<i64, Vec<String>> = HashMap::new();
    for (e, r) in keys {
        by_ent.entry(*e).or_default().push(r.clone());
    }
    let mut out = HashMap::new();
    for (e, records) in by_ent {
        for chunk in records.chunks(500) {
            let rows = home_inspection::Entity::find()
                .filter(H::EnterpriseId.eq(e))
                .filter(H::RecordNo.is_in(chunk.to_vec()))
                .all(conn)
                .await?;
            out.extend(rows.into_iter().map(|r| ((r.enterprise_id, r.record_no.clone()), r)));
        }
    }
    Ok(out)
}

/// A user's last completed inspection, from its inspections (for `UPDATE gas_user SET …`).
pub fn last_inspected_expr() -> Expr {
    let [a, b] = InspectionOutcome::completing();
    Expr::cust(format!(
        "(SELECT MAX(h.inspected_on) FROM home_inspection h WHERE h.gas_user_id = gas_user.id \
         AND h.outcome IN ('{a}', '{b}'))"
    ))
}

/// Set each user's last completed inspection from its inspections.
pub async fn refresh_last_inspected<C: ConnectionTrait>(conn: &C, user_ids: &[i64]) -> Result<(), DbErr> {
    for chunk in user_ids.chunks(1000) {
        gas_user::Entity::update_many()
            .col_expr(U::LastInspectedOn, last_inspected_expr())
            .filter(U::Id.is_in(chunk.to_vec()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Active users in scope, narrowed by the query's division and enterprise.
fn active_users(scope: &Scope, region: Option<&str>, enterprise: Option<i64>) -> Select<gas_user::Entity> {
    let mut q = region_range(
        gas_user::Entity::find().filter(scope.condition(U::RegionCode, Some(U::EnterpriseId))),
        U::RegionCode,
        region,
    )
    .filter(U::Status.eq("active"));
    if let Some(e) = enterprise {
        q = q.filter(U::EnterpriseId.eq(e));
    }
    q
}

/// The date a user's last inspection must be on or after, by category (households have the longer
/// cycle). Built as expressions, so each backend gets its own placeholders.
fn cutoff_expr(household: NaiveDate, others: NaiveDate) -> Expr {
    Expr::case(Expr::col(U::Category).eq("household"), household).finally(others).into()
}

/// SUM(CASE WHEN cond THEN 1 ELSE 0 END)
fn count_if(cond: Expr) -> Expr {
    let case: Expr = Expr::case(cond, 1).finally(0).into();
    Func::sum(case).into()
}

/// (key, users, inspected within the cycle, never inspected) per group.
pub async fn completion<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    q: &CompletionQuery,
    cutoffs: (NaiveDate, NaiveDate),
) -> Result<Vec<(Option<String>, i64, i64, i64)>, DbErr> {
    let key = match q.group.as_deref() {
        Some("community") => Expr::col(U::CommunityId).cast_as(Alias::new("text")),
        Some("township") => Expr::col(U::Township),
        Some("enterprise") => Expr::col(U::EnterpriseId).cast_as(Alias::new("text")),
        Some("category") => Expr::col(U::Category),
        _ => Expr::col(U::RegionCode),
    };
    let inspected = count_if(Expr::col(U::LastInspectedOn).gte(cutoff_expr(cutoffs.0, cutoffs.1)));
    let never = count_if(Expr::col(U::LastInspectedOn).is_null());
    active_users(scope, q.region_code.as_deref(), q.enterprise_id)
        .select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(inspected, "i")
        .column_as(never, "v")
        .group_by(key)
        .into_tuple()
        .all(conn)
        .await
}

fn due_filtered(scope: &Scope, f: &DueFilter, cutoffs: (NaiveDate, NaiveDate)) -> Select<gas_user::Entity> {
    let mut q = active_users(scope, f.region_code.as_deref(), f.enterprise_id);
    if let Some(c) = f.community_id {
        q = q.filter(U::CommunityId.eq(c));
    }
    if let Some(c) = f.category.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(U::Category.eq(c));
    }
    let never = U::LastInspectedOn.is_null();
    let lapsed = Expr::col(U::LastInspectedOn).lt(cutoff_expr(cutoffs.0, cutoffs.1));
    match f.state.as_deref() {
        Some("never") => q.filter(never),
        Some("lapsed") => q.filter(lapsed),
        _ => q.filter(Condition::any().add(never).add(lapsed)),
    }
}

/// Active users never inspected, or not within their cycle.
pub async fn due<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &DueFilter,
    cutoffs: (NaiveDate, NaiveDate),
    page: &PageParams,
) -> Result<(Vec<gas_user::Model>, u64), DbErr> {
    let rows = due_filtered(scope, f, cutoffs)
        .order_by_asc(U::RegionCode)
        .order_by_asc(U::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, due_filtered(scope, f, cutoffs)))?;
    Ok((items, total))
}

/// Every due user, for an export.
pub fn due_all(scope: &Scope, f: &DueFilter, cutoffs: (NaiveDate, NaiveDate)) -> Select<gas_user::Entity> {
    due_filtered(scope, f, cutoffs)
}
