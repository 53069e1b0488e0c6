//! What lies in a tile, within the caller's scope and the map's filters.

use super::model::{TileFilter, LPG_KINDS};
use crate::industry::community::model::{community, gas_user};
use crate::industry::pipeline::model::segment;
use crate::industry::pipeline::service::SegmentRecord;
use crate::industry::station::model::station;
use crate::platform::ingest::RecordType;
use crate::platform::scope::Scope;
use crate::platform::spatial;
use crate::startup::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// [min lng, min lat, max lng, max lat]
pub type Bounds = [f64; 4];

/// Which facilities a station tile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StationKinds {
    /// Every kind; when zoomed out, the small ones (valves, boxes) are left out.
    All { major_only: bool },
    /// Bottled LPG stations and supply points only.
    Lpg,
}

/// Segments in service whose bounding box meets the tile; below `min_zoom_all` only medium
/// pressure and above (the trunk network reads at city scale). The R-tree of segment boxes names
/// the candidates; the database is asked only for those, within scope and filters.
pub async fn segments(
    state: &AppState,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    trunk_only: bool,
    limit: u64,
) -> Result<Vec<segment::Model>, DbErr> {
    use segment::Column as S;
    let conn = &state.db.conn;
    let kind = SegmentRecord::NAME;
    let load = || async {
        let rows: Vec<(i64, f64, f64, f64, f64, String)> = segment::Entity::find()
            .select_only()
            .columns([S::Id, S::MinLng, S::MinLat, S::MaxLng, S::MaxLat, S::PressureClass])
            .filter(S::Status.eq("in_service"))
            .into_tuple()
            .all(conn)
            .await?;
        Ok::<_, DbErr>(
            rows.into_iter().map(|(id, a, b, c, d, p)| spatial::entry(id, [a, b, c, d], p == "low")).collect(),
        )
    };
    let ids: Vec<i64> = state
        .spatial
        .query(kind, state.lists.generation(kind), b, load)
        .await?
        .into_iter()
        .filter(|(_, low)| !(trunk_only && *low))
        .map(|(id, _)| id)
        .collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(2_000) {
        if out.len() as u64 >= limit {
            break;
        }
        let rows = segment::Entity::find()
            .filter(S::Id.is_in(chunk.to_vec()))
            .filter(scope.condition(S::RegionCode, Some(S::EnterpriseId)))
            .filter(filter.condition(S::RegionCode, S::EnterpriseId))
            .filter(S::Status.eq("in_service"))
            .order_by_asc(S::Id)
            .limit(limit - out.len() as u64)
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// Facilities in service inside the tile.
pub async fn stations<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    kinds: StationKinds,
    limit: u64,
) -> Result<Vec<station::Model>, DbErr> {
    use station::Column as T;
    let mut q = station::Entity::find()
        .filter(scope.condition(T::RegionCode, Some(T::EnterpriseId)))
        .filter(filter.condition(T::RegionCode, T::EnterpriseId))
        .filter(T::Status.eq("in_service"))
        .filter(T::Lng.between(b[0], b[2]))
        .filter(T::Lat.between(b[1], b[3]));
    q = match kinds {
        StationKinds::All { major_only: true } => q.filter(T::Kind.is_not_in(["valve", "regulator_box"])),
        StationKinds::All { major_only: false } => q,
        StationKinds::Lpg => q.filter(T::Kind.is_in(LPG_KINDS)),
    };
    q.order_by_asc(T::Id).limit(limit).all(conn).await
}

/// What the map shows of a community.
#[derive(Debug, Clone, FromQueryResult)]
pub struct CommunityPoint {
    pub id: i64,
    pub enterprise_id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub township: Option<String>,
    pub lng: f64,
    pub lat: f64,
}

/// Communities with a position inside the tile (only the columns the tile shows).
pub async fn communities<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    limit: u64,
) -> Result<Vec<CommunityPoint>, DbErr> {
    use community::Column as CC;
    community::Entity::find()
        .select_only()
        .columns([CC::Id, CC::EnterpriseId, CC::Code, CC::Name, CC::Kind, CC::Township, CC::Lng, CC::Lat])
        .filter(scope.condition(CC::RegionCode, Some(CC::EnterpriseId)))
        .filter(filter.condition(CC::RegionCode, CC::EnterpriseId))
        .filter(CC::Lng.between(b[0], b[2]))
        .filter(CC::Lat.between(b[1], b[3]))
        .order_by_asc(CC::Id)
        .limit(limit)
        .into_model::<CommunityPoint>()
        .all(conn)
        .await
}

/// Active gas users per community, for these communities: one grouped query (an index range
/// count per community, on `(community_id, status)`), split in up to four parts that run at once
/// on their own connections — a zoom-10 tile over a city centre counts some 300,000 users.
pub async fn active_users<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<HashMap<i64, i64>, DbErr> {
    let size = ids.len().div_ceil(4).max(500);
    let mut parts = ids.chunks(size);
    let mut next = || parts.next().unwrap_or(&[]);
    let (a, b, c, d) = tokio::try_join!(
        count_active(conn, next()),
        count_active(conn, next()),
        count_active(conn, next()),
        count_active(conn, next())
    )?;
    Ok(a.into_iter().chain(b).chain(c).chain(d).collect())
}

async fn count_active<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<(i64, i64)>, DbErr> {
    use gas_user::Column as U;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    gas_user::Entity::find()
        .select_only()
        .column(U::CommunityId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(U::CommunityId.is_in(ids.iter().copied()))
        .filter(U::Status.eq("active"))
        .group_by(U::CommunityId)
        .into_tuple()
        .all(conn)
        .await
}
