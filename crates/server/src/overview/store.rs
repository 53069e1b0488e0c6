//! What the map shows of each located record, held in memory layers (platform/spatial.rs) that are
//! loaded from the ledgers and rebuilt when a ledger they show is written. A tile reads only memory:
//! the layer's R-tree names what lies in the tile, the caller's scope and the map's filters choose.

use super::model::{TileFilter, LPG_KINDS};
use crate::industry::community::model::{community, gas_user};
use crate::industry::community::service::{CommunityRecord, GasUserRecord};
use crate::industry::enterprise::model::enterprise;
use crate::industry::enterprise::service::RECORD as ENTERPRISES;
use crate::industry::pipeline::model::segment;
use crate::industry::pipeline::service::SegmentRecord;
use crate::industry::station::model::station;
use crate::industry::station::service::StationRecord;
use crate::platform::ingest::RecordType;
use crate::platform::scope::Scope;
use crate::platform::spatial::{self, Bounds, Layer, Picked};
use crate::startup::AppState;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;

/// Which facilities a station tile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StationKinds {
    /// Every kind; when zoomed out, the small ones (valves, boxes) are left out.
    All { major_only: bool },
    /// Bottled LPG stations and supply points only.
    Lpg,
}

/// A pipeline segment in service, as drawn.
pub struct SegmentFeature {
    pub id: i64,
    pub enterprise_id: i64,
    pub region_code: String,
    pub code: String,
    pub pressure_class: String,
    pub material: String,
    pub nominal_diameter: Option<i32>,
    pub construction_year: Option<i32>,
    /// [lng, lat] vertices.
    pub line: Vec<[f64; 2]>,
}

/// A facility in service.
pub struct StationFeature {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: Arc<str>,
    pub region_code: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub major_hazard: bool,
    pub lng: f64,
    pub lat: f64,
}

/// A located community with its count of active gas users.
pub struct CommunityFeature {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: Arc<str>,
    pub region_code: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub township: Option<String>,
    pub users: u64,
    pub lng: f64,
    pub lat: f64,
}

/// Whether a feature passes both the scope and the map's filters.
fn visible(scope: &Scope, filter: &TileFilter, region_code: &str, enterprise_id: i64) -> bool {
    scope.allows(region_code, Some(enterprise_id)) && filter.allows(region_code, enterprise_id)
}

fn generations(state: &AppState, kinds: &[&'static str]) -> u64 {
    let g: Vec<u64> = kinds.iter().map(|k| state.lists.generation(k)).collect();
    spatial::key(&g)
}

/// The coordinates of a stored GeoJSON LineString.
#[derive(serde::Deserialize)]
struct Line {
    coordinates: Vec<Vec<f64>>,
}

/// Every segment in service, in memory (also the third-party construction proximity search).
pub async fn segment_layer(state: &AppState) -> Result<Arc<Layer<SegmentFeature>>, DbErr> {
    use segment::Column as S;
    let conn = &state.db.conn;
    let key = generations(state, &[SegmentRecord::NAME]);
    state
        .spatial
        .layer("map.segments", key, || async {
            let rows = segment::Entity::find().filter(S::Status.eq("in_service")).all(conn).await?;
            Ok(rows
                .into_iter()
                .map(|s| {
                    let line = serde_json::from_str::<Line>(&s.geometry)
                        .map(|l| l.coordinates.iter().filter(|c| c.len() >= 2).map(|c| [c[0], c[1]]).collect())
                        .unwrap_or_default();
                    let f = SegmentFeature {
                        id: s.id,
                        enterprise_id: s.enterprise_id,
                        region_code: s.region_code,
                        code: s.code,
                        pressure_class: s.pressure_class,
                        material: s.material,
                        nominal_diameter: s.nominal_diameter,
                        construction_year: s.construction_year,
                        line,
                    };
                    ([s.min_lng, s.min_lat, s.max_lng, s.max_lat], f)
                })
                .collect())
        })
        .await
}

/// Whether a segment of this pressure class is drawn at zoom `z` (cartographic generalisation:
/// zoomed out to a county, the sub-high and high trunk lines; a town, medium pressure too; a
/// neighbourhood, every pipe).
pub fn drawn_at(z: u32, pressure_class: &str) -> bool {
    match z {
        0..=11 => matches!(pressure_class, "subhigh_b" | "subhigh_a" | "high_b" | "high_a"),
        12..=13 => pressure_class != "low",
        _ => true,
    }
}

/// Segments in service drawn at zoom `z` whose box meets the tile, in id order, at most `limit`.
pub async fn segments(
    state: &AppState,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    z: u32,
    limit: usize,
) -> Result<Picked<SegmentFeature>, DbErr> {
    let keep =
        |s: &SegmentFeature| drawn_at(z, &s.pressure_class) && visible(scope, filter, &s.region_code, s.enterprise_id);
    Ok(segment_layer(state).await?.pick(b, keep, limit))
}

async fn names(state: &AppState) -> Result<HashMap<i64, Arc<str>>, DbErr> {
    use enterprise::Column as E;
    let rows: Vec<(i64, String)> =
        enterprise::Entity::find().select_only().columns([E::Id, E::Name]).into_tuple().all(&state.db.conn).await?;
    Ok(rows.into_iter().map(|(id, n)| (id, Arc::from(n))).collect())
}

/// Every facility in service, in memory (also the patrol plan).
pub async fn station_layer(state: &AppState) -> Result<Arc<Layer<StationFeature>>, DbErr> {
    use station::Column as T;
    let key = generations(state, &[StationRecord::NAME, ENTERPRISES]);
    state
        .spatial
        .layer("map.stations", key, || async {
            let names = names(state).await?;
            let rows = station::Entity::find().filter(T::Status.eq("in_service")).all(&state.db.conn).await?;
            Ok(rows
                .into_iter()
                .map(|s| {
                    let f = StationFeature {
                        id: s.id,
                        enterprise_id: s.enterprise_id,
                        enterprise_name: names.get(&s.enterprise_id).cloned().unwrap_or_else(|| Arc::from("")),
                        region_code: s.region_code,
                        code: s.code,
                        name: s.name,
                        kind: s.kind,
                        major_hazard: s.major_hazard,
                        lng: s.lng,
                        lat: s.lat,
                    };
                    ([s.lng, s.lat, s.lng, s.lat], f)
                })
                .collect())
        })
        .await
}

/// Facilities in service inside the tile, in id order, at most `limit`.
pub async fn stations(
    state: &AppState,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    kinds: StationKinds,
    limit: usize,
) -> Result<Picked<StationFeature>, DbErr> {
    let wanted = |kind: &str| match kinds {
        StationKinds::All { major_only: true } => kind != "valve" && kind != "regulator_box",
        StationKinds::All { major_only: false } => true,
        StationKinds::Lpg => LPG_KINDS.contains(&kind),
    };
    let keep = |s: &StationFeature| wanted(&s.kind) && visible(scope, filter, &s.region_code, s.enterprise_id);
    Ok(station_layer(state).await?.pick(b, keep, limit))
}

async fn community_layer(state: &AppState) -> Result<Arc<Layer<CommunityFeature>>, DbErr> {
    use community::Column as CC;
    use gas_user::Column as U;
    let key = generations(state, &[CommunityRecord::NAME, GasUserRecord::NAME, ENTERPRISES]);
    state
        .spatial
        .layer("map.communities", key, || async {
            let conn = &state.db.conn;
            let names = names(state).await?;
            // Active users of every community: one pass over the (community_id, status) index.
            let counts: HashMap<i64, i64> = gas_user::Entity::find()
                .select_only()
                .column(U::CommunityId)
                .column_as(Expr::cust("COUNT(*)"), "n")
                .filter(U::Status.eq("active"))
                .group_by(U::CommunityId)
                .into_tuple::<(i64, i64)>()
                .all(conn)
                .await?
                .into_iter()
                .collect();
            let rows =
                community::Entity::find().filter(CC::Lng.is_not_null()).filter(CC::Lat.is_not_null()).all(conn).await?;
            Ok(rows
                .into_iter()
                .filter_map(|c| {
                    let (lng, lat) = (c.lng?, c.lat?);
                    let f = CommunityFeature {
                        id: c.id,
                        enterprise_id: c.enterprise_id,
                        enterprise_name: names.get(&c.enterprise_id).cloned().unwrap_or_else(|| Arc::from("")),
                        region_code: c.region_code,
                        code: c.code,
                        name: c.name,
                        kind: c.kind,
                        township: c.township,
                        users: counts.get(&c.id).copied().unwrap_or(0).max(0) as u64,
                        lng,
                        lat,
                    };
                    Some(([lng, lat, lng, lat], f))
                })
                .collect())
        })
        .await
}

/// Located communities inside the tile, in id order, at most `limit`.
pub async fn communities(
    state: &AppState,
    scope: &Scope,
    filter: &TileFilter,
    b: Bounds,
    limit: usize,
) -> Result<Picked<CommunityFeature>, DbErr> {
    let keep = |c: &CommunityFeature| visible(scope, filter, &c.region_code, c.enterprise_id);
    Ok(community_layer(state).await?.pick(b, keep, limit))
}
