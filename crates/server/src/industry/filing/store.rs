//! Queries of access filings, within the caller's scope.

use super::model::{attachment, filing, history, FilingFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};

use filing::Column as F;

fn filtered(scope: &Scope, f: &FilingFilter) -> Select<filing::Entity> {
    let mut q = filing::Entity::find().filter(scope.condition(F::RegionCode, Some(F::EnterpriseId)));
    if let Some(s) = f.state.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(F::State.eq(s));
    }
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(F::RegionCode.gte(lo)).filter(F::RegionCode.lt(hi));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(F::EnterpriseId.eq(e));
    }
    q
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &FilingFilter,
    page: &PageParams,
) -> Result<(Vec<filing::Model>, u64), DbErr> {
    let rows = filtered(scope, f).order_by_desc(F::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<filing::Model>, DbErr> {
    filing::Entity::find()
        .filter(scope.condition(F::RegionCode, Some(F::EnterpriseId)))
        .filter(F::Id.eq(id))
        .one(conn)
        .await
}

pub async fn history_of<X: ConnectionTrait>(conn: &X, ids: &[i64]) -> Result<Vec<history::Model>, DbErr> {
    history::Entity::find()
        .filter(history::Column::FilingId.is_in(ids.to_vec()))
        .order_by_asc(history::Column::Id)
        .all(conn)
        .await
}

pub async fn attachments_of<X: ConnectionTrait>(conn: &X, ids: &[i64]) -> Result<Vec<attachment::Model>, DbErr> {
    attachment::Entity::find()
        .filter(attachment::Column::FilingId.is_in(ids.to_vec()))
        .order_by_asc(attachment::Column::Id)
        .all(conn)
        .await
}
