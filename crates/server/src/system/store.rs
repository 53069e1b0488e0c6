//! Queries of accounts, organisations and the audit log, all within the caller's scope.

use super::model::{AuditFilter, OrgFilter, UserFilter};
use crate::platform::entities::{app_user, audit_log, org};
use crate::platform::list::PageParams;
use crate::platform::scope::Scope;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select,
};

fn org_condition(scope: &Scope) -> Condition {
    scope.condition(org::Column::RegionCode, Some(org::Column::EnterpriseId))
}

pub async fn orgs<C: ConnectionTrait>(conn: &C, scope: &Scope, f: &OrgFilter) -> Result<Vec<org::Model>, DbErr> {
    let mut q = org::Entity::find().filter(org_condition(scope));
    if let Some(s) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(org::Column::Name.contains(s));
    }
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(org::Column::Kind.eq(k));
    }
    q.order_by_asc(org::Column::Kind)
        .order_by_asc(org::Column::RegionCode)
        .order_by_asc(org::Column::Id)
        .limit(std::cmp::min(f.limit.unwrap_or(1000), 5000))
        .all(conn)
        .await
}

pub async fn org<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<org::Model>, DbErr> {
    org::Entity::find().filter(org_condition(scope)).filter(org::Column::Id.eq(id)).one(conn).await
}

fn users_in_scope(scope: &Scope) -> Select<app_user::Entity> {
    let orgs = org::Entity::find().select_only().column(org::Column::Id).filter(org_condition(scope)).into_query();
    app_user::Entity::find().filter(app_user::Column::OrgId.in_subquery(orgs))
}

pub async fn users<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    f: &UserFilter,
    page: &PageParams,
) -> Result<(Vec<app_user::Model>, u64), DbErr> {
    let mut q = users_in_scope(scope);
    if let Some(s) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any().add(app_user::Column::Username.contains(s)).add(app_user::Column::DisplayName.contains(s)),
        );
    }
    if let Some(r) = f.role.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(app_user::Column::Role.eq(r));
    }
    if let Some(o) = f.org_id {
        q = q.filter(app_user::Column::OrgId.eq(o));
    }
    let total = q.clone().count(conn).await?;
    let items = q
        .order_by_asc(app_user::Column::OrgId)
        .order_by_asc(app_user::Column::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn)
        .await?;
    Ok((items, total))
}

pub async fn user<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<app_user::Model>, DbErr> {
    users_in_scope(scope).filter(app_user::Column::Id.eq(id)).one(conn).await
}

pub async fn user_by_username<C: ConnectionTrait>(conn: &C, username: &str) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find().filter(app_user::Column::Username.eq(username)).one(conn).await
}

pub async fn orgs_by_ids<C: ConnectionTrait>(conn: &C, ids: Vec<i64>) -> Result<Vec<org::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    org::Entity::find().filter(org::Column::Id.is_in(ids)).all(conn).await
}

/// Audit entries visible to the caller. `include_unattributed` adds entries with no region (the
/// command line, failed logins of unknown names): only the city sees those.
pub async fn audit<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    include_unattributed: bool,
    f: &AuditFilter,
    page: &PageParams,
) -> Result<(Vec<audit_log::Model>, u64), DbErr> {
    let mut visible =
        Condition::any().add(scope.condition(audit_log::Column::RegionCode, Some(audit_log::Column::EnterpriseId)));
    if include_unattributed {
        visible = visible.add(audit_log::Column::RegionCode.is_null());
    }
    let mut q = audit_log::Entity::find().filter(visible);
    if let Some(u) = f.username.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(audit_log::Column::Username.contains(u));
    }
    if let Some(a) = f.action.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Expr::col(audit_log::Column::Action).like(format!("{}%", a.replace('%', ""))));
    }
    if let Some(o) = f.outcome.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_log::Column::Outcome.eq(o));
    }
    if let Some(t) = f.from {
        q = q.filter(audit_log::Column::At.gte(t));
    }
    if let Some(t) = f.to {
        q = q.filter(audit_log::Column::At.lte(t));
    }
    let total = q.clone().count(conn).await?;
    let items = q.order_by_desc(audit_log::Column::Seq).offset(page.offset()).limit(page.page_size()).all(conn).await?;
    Ok((items, total))
}
