//! What lies in a tile, within the caller's scope.

use crate::industry::pipeline::model::segment;
use crate::industry::station::model::station;
use crate::platform::scope::Scope;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// [min lng, min lat, max lng, max lat]
pub type Bounds = [f64; 4];

/// Segments in service whose bounding box meets the tile; below `min_zoom_all` only medium
/// pressure and above (the trunk network reads at city scale).
pub async fn segments<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    b: Bounds,
    trunk_only: bool,
    limit: u64,
) -> Result<Vec<segment::Model>, DbErr> {
    use segment::Column as S;
    let mut q = segment::Entity::find()
        .filter(scope.condition(S::RegionCode, Some(S::EnterpriseId)))
        .filter(S::Status.eq("in_service"))
        .filter(S::MaxLng.gte(b[0]))
        .filter(S::MinLng.lte(b[2]))
        .filter(S::MaxLat.gte(b[1]))
        .filter(S::MinLat.lte(b[3]));
    if trunk_only {
        q = q.filter(S::PressureClass.ne("low"));
    }
    q.order_by_asc(S::Id).limit(limit).all(conn).await
}

/// Facilities in service inside the tile; when zoomed out, the small ones (valves, boxes) are left out.
pub async fn stations<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    b: Bounds,
    major_only: bool,
    limit: u64,
) -> Result<Vec<station::Model>, DbErr> {
    use station::Column as T;
    let mut q = station::Entity::find()
        .filter(scope.condition(T::RegionCode, Some(T::EnterpriseId)))
        .filter(T::Status.eq("in_service"))
        .filter(T::Lng.between(b[0], b[2]))
        .filter(T::Lat.between(b[1], b[3]));
    if major_only {
        q = q.filter(T::Kind.is_not_in(["valve", "regulator_box"]));
    }
    q.order_by_asc(T::Id).limit(limit).all(conn).await
}
