//! Queries of construction sites, all within the caller's scope.

use super::model::{site, ThirdPartyConstructionFilter};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

use site::Column as S;

/// Sites in scope matching the filter (all but `flagged`, which needs the pipelines).
pub fn filtered(scope: &Scope, f: &ThirdPartyConstructionFilter, today: NaiveDate) -> Select<site::Entity> {
    let mut q = region_range(
        site::Entity::find().filter(scope.condition(S::RegionCode, Some(S::EnterpriseId))),
        S::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any().add(S::Code.starts_with(t)).add(S::Name.contains(t)).add(S::Contractor.contains(t)),
        );
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(S::EnterpriseId.eq(e));
    }
    match f.status.as_deref() {
        Some("planned") => q = q.filter(S::StartsOn.gt(today)),
        Some("active") => q = q.filter(S::StartsOn.lte(today)).filter(S::EndsOn.gte(today)),
        Some("finished") => q = q.filter(S::EndsOn.lt(today)),
        _ => {}
    }
    q
}

/// Newest first.
pub fn ordered(q: Select<site::Entity>) -> Select<site::Entity> {
    q.order_by_desc(S::StartsOn).order_by_desc(S::Id)
}

pub async fn page<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &ThirdPartyConstructionFilter,
    page: &PageParams,
    today: NaiveDate,
) -> Result<(Vec<site::Model>, u64), DbErr> {
    let rows = ordered(filtered(scope, f, today)).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, today)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<site::Model>, DbErr> {
    site::Entity::find()
        .filter(scope.condition(S::RegionCode, Some(S::EnterpriseId)))
        .filter(S::Id.eq(id))
        .one(conn)
        .await
}

/// Stored records by (enterprise, code).
pub async fn by_codes<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), site::Model>, DbErr> {
    by_enterprise_codes::<site::Entity, _>(conn, keys, (S::EnterpriseId, S::Code), |m| {
        (m.enterprise_id, m.code.clone())
    })
    .await
}
