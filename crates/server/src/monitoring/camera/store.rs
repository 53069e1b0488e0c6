//! Queries of station cameras, all within the caller's scope.

use super::model::{camera, CameraFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use ranjian_domain::codes::prefix_range;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use camera::Column as C;

pub fn scoped(scope: &Scope) -> Select<camera::Entity> {
    camera::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

pub fn filtered(scope: &Scope, f: &CameraFilter) -> Select<camera::Entity> {
    let mut q = scoped(scope);
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi));
    }
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(C::Code.contains(t)).add(C::Name.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(s) = f.station_id {
        q = q.filter(C::StationId.eq(s));
    }
    if let Some(s) = f.station_code.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::StationCode.eq(s));
    }
    if let Some(o) = f.online {
        q = q.filter(C::Online.eq(o));
    }
    q
}

pub async fn list<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &CameraFilter,
    page: &PageParams,
) -> Result<(Vec<camera::Model>, u64), DbErr> {
    let rows = filtered(scope, f)
        .order_by_asc(C::RegionCode)
        .order_by_asc(C::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<X: ConnectionTrait>(conn: &X, scope: &Scope, id: i64) -> Result<Option<camera::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

pub async fn find_by_codes<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<camera::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(camera::Entity::find().filter(C::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}
