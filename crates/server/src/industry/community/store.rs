//! Queries of communities and gas users, all within the caller's scope.

use super::model::{community, gas_user, CommunityFilter, DeviceStatsQuery, GasUserFilter};
use crate::platform::list::{count, region_range, PageParams};
use crate::platform::scope::Scope;
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use community::Column as CC;
use gas_user::Column as U;

pub fn communities_filtered(scope: &Scope, f: &CommunityFilter) -> Select<community::Entity> {
    let mut q = region_range(
        community::Entity::find().filter(scope.condition(CC::RegionCode, Some(CC::EnterpriseId))),
        CC::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q
            .filter(Condition::any().add(CC::Code.contains(t)).add(CC::Name.contains(t)).add(CC::Township.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(CC::EnterpriseId.eq(e));
    }
    q
}

pub async fn communities<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &CommunityFilter,
    page: &PageParams,
) -> Result<(Vec<community::Model>, u64), DbErr> {
    let rows = communities_filtered(scope, f)
        .order_by_asc(CC::RegionCode)
        .order_by_asc(CC::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, communities_filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn community_by_id<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    id: i64,
) -> Result<Option<community::Model>, DbErr> {
    community::Entity::find()
        .filter(scope.condition(CC::RegionCode, Some(CC::EnterpriseId)))
        .filter(CC::Id.eq(id))
        .one(conn)
        .await
}

pub async fn communities_by_codes<X: ConnectionTrait>(
    conn: &X,
    codes: &[String],
) -> Result<Vec<community::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(community::Entity::find().filter(CC::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

pub async fn communities_by_ids<X: ConnectionTrait>(conn: &X, ids: &[i64]) -> Result<Vec<community::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(community::Entity::find().filter(CC::Id.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

pub fn users_filtered(scope: &Scope, f: &GasUserFilter) -> Select<gas_user::Entity> {
    let mut q = region_range(
        gas_user::Entity::find().filter(scope.condition(U::RegionCode, Some(U::EnterpriseId))),
        U::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(U::AccountNo.eq(t)).add(U::HolderName.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(U::EnterpriseId.eq(e));
    }
    if let Some(c) = f.community_id {
        q = q.filter(U::CommunityId.eq(c));
    }
    if let Some(c) = f.category.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(U::Category.eq(c));
    }
    if let Some(g) = f.gas_type.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(U::GasType.eq(g));
    }
    let missing = match f.missing.as_deref() {
        Some("leak_alarm") => Some(U::LeakAlarm),
        Some("auto_shutoff_valve") => Some(U::AutoShutoffValve),
        Some("self_closing_valve") => Some(U::SelfClosingValve),
        Some("metal_hose") => Some(U::MetalHose),
        Some("flame_failure_cooker") => Some(U::FlameFailureCooker),
        _ => None,
    };
    if let Some(col) = missing {
        q = q.filter(col.eq(false));
    }
    q
}

/// Give the users of a community the community's division.
pub async fn move_users<X: ConnectionTrait>(
    conn: &X,
    community_id: i64,
    region_code: &str,
    township: Option<&str>,
) -> Result<(), DbErr> {
    gas_user::Entity::update_many()
        .col_expr(U::RegionCode, Expr::value(region_code))
        .col_expr(U::Township, Expr::value(township.map(str::to_string)))
        .filter(U::CommunityId.eq(community_id))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn users<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &GasUserFilter,
    page: &PageParams,
) -> Result<(Vec<gas_user::Model>, u64), DbErr> {
    // The users of one community share its division and enterprise (a user is filed under its
    // enterprise's community and moves with it): when the community lies in the scope, so do all of
    // its users, and the list and its count read only the (community_id, …) indexes.
    let scope = match f.community_id {
        Some(c) => match community_by_id(conn, scope, c).await? {
            Some(_) => &Scope::system(),
            None => return Ok((Vec::new(), 0)),
        },
        None => scope,
    };
    // Within one community the list reads straight off (community_id, id).
    let base = users_filtered(scope, f);
    let ordered =
        if f.community_id.is_some() { base.order_by_asc(U::CommunityId) } else { base.order_by_asc(U::RegionCode) };
    let rows = ordered.order_by_asc(U::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, users_filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn user_by_id<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    id: i64,
) -> Result<Option<gas_user::Model>, DbErr> {
    gas_user::Entity::find()
        .filter(scope.condition(U::RegionCode, Some(U::EnterpriseId)))
        .filter(U::Id.eq(id))
        .one(conn)
        .await
}

pub async fn users_by_accounts<X: ConnectionTrait>(
    conn: &X,
    accounts: &[String],
) -> Result<Vec<gas_user::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in accounts.chunks(500) {
        out.extend(gas_user::Entity::find().filter(U::AccountNo.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// (key, users, and the five device counts) per group, active users only.
pub async fn device_stats<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    q: &DeviceStatsQuery,
) -> Result<Vec<(Option<String>, i64, i64, i64, i64, i64, i64)>, DbErr> {
    let key = match q.group.as_deref() {
        Some("community") => Expr::col(U::CommunityId).cast_as(Alias::new("text")),
        Some("township") => Expr::col(U::Township),
        Some("enterprise") => Expr::col(U::EnterpriseId).cast_as(Alias::new("text")),
        Some("category") => Expr::col(U::Category),
        _ => Expr::col(U::RegionCode),
    };
    let sum = |c: &str| Expr::cust(format!("SUM(CASE WHEN {c} THEN 1 ELSE 0 END)"));
    let mut sel = region_range(
        gas_user::Entity::find().filter(scope.condition(U::RegionCode, Some(U::EnterpriseId))),
        U::RegionCode,
        q.region_code.as_deref(),
    )
    .filter(U::Status.eq("active"));
    if let Some(e) = q.enterprise_id {
        sel = sel.filter(U::EnterpriseId.eq(e));
    }
    sel.select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .column_as(sum("leak_alarm"), "a")
        .column_as(sum("auto_shutoff_valve"), "b")
        .column_as(sum("self_closing_valve"), "c")
        .column_as(sum("metal_hose"), "d")
        .column_as(sum("flame_failure_cooker"), "e")
        .group_by(key)
        .into_tuple()
        .all(conn)
        .await
}
