//! The one map: Web Mercator tile math, Mapbox Vector Tile encoding, county boundaries.

use super::model::{Layer, MapConfig, TileFilter, TileId};
use super::store::{self, StationKinds};
use crate::industry::community::service::{CommunityRecord, GasUserRecord, COMMUNITY_KINDS};
use crate::industry::enterprise::service::RECORD as ENTERPRISES;
use crate::industry::pipeline::service::SegmentRecord;
use crate::industry::station::service::{kind_name, StationRecord};
use crate::platform::error::{AppError, AppResult};
use crate::platform::geo::BBOX;
use crate::platform::ingest::RecordType;
use crate::platform::reference::counties;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use axum::body::Bytes;
use mvt::{GeomData, GeomEncoder, GeomType, Tile};
use ranjian_domain::network::material_name;
use ranjian_domain::PressureClass;
use std::f64::consts::PI;
use std::time::Duration;

pub const EXTENT: u32 = 4096;
/// Features in one tile at most (a tile that would hold more is thinned to this).
const MAX_FEATURES: usize = 20_000;

impl TileId {
    pub fn new(z: u32, x: u32, y: u32) -> AppResult<TileId> {
        if z > 22 || x >= (1 << z) || y >= (1 << z) {
            return Err(AppError::NotFound);
        }
        Ok(TileId { z, x, y })
    }

    /// [min lng, min lat, max lng, max lat] of the tile, widened by `margin` of a tile.
    pub fn bounds(self, margin: f64) -> [f64; 4] {
        let n = (1u64 << self.z) as f64;
        let lng = |x: f64| x / n * 360.0 - 180.0;
        let lat = |y: f64| (PI * (1.0 - 2.0 * y / n)).sinh().atan().to_degrees();
        let (x, y) = (self.x as f64, self.y as f64);
        [lng(x - margin), lat(y + 1.0 + margin), lng(x + 1.0 + margin), lat(y - margin)]
    }

    /// Tile pixel coordinates of a point.
    pub fn project(self, lng: f64, lat: f64) -> (f64, f64) {
        let n = (1u64 << self.z) as f64;
        let fx = (lng + 180.0) / 360.0 * n;
        let r = lat.to_radians();
        let fy = (1.0 - (r.tan() + 1.0 / r.cos()).ln() / PI) / 2.0 * n;
        ((fx - self.x as f64) * EXTENT as f64, (fy - self.y as f64) * EXTENT as f64)
    }
}

fn mvt_err(e: mvt::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("mvt: {e:?}"))
}

fn overlaps_city(t: TileId) -> bool {
    let b = t.bounds(0.0);
    b[2] >= BBOX[0] && b[0] <= BBOX[2] && b[3] >= BBOX[1] && b[1] <= BBOX[3]
}

fn point_geometry(t: TileId, lng: f64, lat: f64) -> AppResult<GeomData> {
    let (x, y) = t.project(lng, lat);
    GeomEncoder::new(GeomType::Point).point(x, y).map_err(mvt_err)?.encode().map_err(mvt_err)
}

/// A line in tile pixels, leaving out vertices that fall on the pixel of the one before (a
/// zoomed-out tile draws a long segment in a few pixels).
fn line_geometry(t: TileId, line: &[[f64; 2]]) -> Option<GeomData> {
    let mut enc = GeomEncoder::new(GeomType::Linestring);
    let mut last = None;
    let mut n = 0;
    for c in line {
        let (x, y) = t.project(c[0], c[1]);
        let px = (x.round() as i64, y.round() as i64);
        if last == Some(px) {
            continue;
        }
        last = Some(px);
        enc.add_point(x, y).ok()?;
        n += 1;
    }
    if n < 2 {
        // The whole segment falls on one pixel: draw it as a dot of two vertices.
        let c = line.first()?;
        let (x, y) = t.project(c[0], c[1]);
        enc.add_point(x + 1.0, y).ok()?;
    }
    enc.encode().ok()
}

async fn encode(state: &AppState, scope: &Scope, filter: &TileFilter, layer: Layer, t: TileId) -> AppResult<Vec<u8>> {
    let mut tile = Tile::new(EXTENT);
    let mut l = tile.create_layer(layer.as_str());
    if overlaps_city(t) && !filter.excludes_all_of(scope) {
        let b = t.bounds(1.0 / 64.0);
        match layer {
            Layer::Pipelines => {
                for s in store::segments(state, scope, filter, b, t.z, MAX_FEATURES).await?.iter() {
                    let Some(data) = line_geometry(t, &s.line) else { continue };
                    let mut f = l.into_feature(data);
                    f.set_id(s.id as u64);
                    f.add_tag_uint("id", s.id as u64);
                    f.add_tag_string("code", &s.code);
                    f.add_tag_string(
                        "pressure_class_name",
                        PressureClass::parse(&s.pressure_class).map(|p| p.name_zh()).unwrap_or(""),
                    );
                    f.add_tag_string("pressure_class", &s.pressure_class);
                    f.add_tag_string("material_name", material_name(&s.material));
                    if let Some(dn) = s.nominal_diameter {
                        f.add_tag_int("nominal_diameter", dn as i64);
                    }
                    if let Some(y) = s.construction_year {
                        f.add_tag_int("construction_year", y as i64);
                    }
                    l = f.into_layer();
                }
            }
            Layer::Stations | Layer::Lpg => {
                let kinds = match layer {
                    Layer::Lpg => StationKinds::Lpg,
                    _ => StationKinds::All { major_only: t.z < 13 },
                };
                for s in store::stations(state, scope, filter, b, kinds, MAX_FEATURES).await?.iter() {
                    let mut f = l.into_feature(point_geometry(t, s.lng, s.lat)?);
                    f.set_id(s.id as u64);
                    f.add_tag_uint("id", s.id as u64);
                    f.add_tag_string("code", &s.code);
                    f.add_tag_string("name", &s.name);
                    f.add_tag_string("kind_name", kind_name(&s.kind));
                    f.add_tag_string("kind", &s.kind);
                    f.add_tag_bool("major_hazard", s.major_hazard);
                    f.add_tag_uint("enterprise_id", s.enterprise_id as u64);
                    f.add_tag_string("enterprise_name", &s.enterprise_name);
                    l = f.into_layer();
                }
            }
            Layer::Communities => {
                for c in store::communities(state, scope, filter, b, MAX_FEATURES).await?.iter() {
                    let mut f = l.into_feature(point_geometry(t, c.lng, c.lat)?);
                    f.set_id(c.id as u64);
                    f.add_tag_uint("id", c.id as u64);
                    f.add_tag_string("code", &c.code);
                    f.add_tag_string("name", &c.name);
                    f.add_tag_string("kind", &c.kind);
                    f.add_tag_string("kind_name", community_kind_name(&c.kind));
                    f.add_tag_string("township", c.township.as_deref().unwrap_or(""));
                    f.add_tag_uint("users", c.users);
                    f.add_tag_uint("enterprise_id", c.enterprise_id as u64);
                    f.add_tag_string("enterprise_name", &c.enterprise_name);
                    l = f.into_layer();
                }
            }
        }
    }
    tile.add_layer(l).map_err(mvt_err)?;
    tile.to_bytes().map_err(mvt_err)
}

fn community_kind_name(code: &str) -> &'static str {
    COMMUNITY_KINDS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or("")
}

/// One vector tile of a layer for a scope and filter, from the short-lived list cache when fresh
/// (dropped by any write of the record types it shows).
pub async fn tile(state: &AppState, scope: &Scope, filter: &TileFilter, layer: Layer, t: TileId) -> AppResult<Bytes> {
    // The record type whose writes drop the tile; the generations of the others it reads (gas
    // users counted in communities, enterprise names) are part of the key.
    let (kind, also) = match layer {
        Layer::Pipelines => (SegmentRecord::NAME, None),
        Layer::Stations | Layer::Lpg => (StationRecord::NAME, None),
        Layer::Communities => (CommunityRecord::NAME, Some(GasUserRecord::NAME)),
    };
    let key = format!(
        "tile|{}|{}|{}|{}|{}.{}|{}/{}/{}",
        layer.as_str(),
        scope.region_prefix().unwrap_or("*"),
        scope.enterprise_id().unwrap_or(0),
        filter.key(),
        state.lists.generation(ENTERPRISES),
        also.map(|k| state.lists.generation(k)).unwrap_or(0),
        t.z,
        t.x,
        t.y
    );
    if let Some(b) = state.lists.get(kind, &key) {
        return Ok(b);
    }
    let generation = state.lists.generation(kind);
    let bytes = Bytes::from(encode(state, scope, filter, layer, t).await?);
    state.lists.put_for(kind, key, generation, bytes.clone(), Duration::from_millis(state.config.tile_cache_ttl_ms));
    Ok(bytes)
}

/// The county boundaries as GeoJSON, each marked whether it lies in the caller's scope.
pub fn regions_geojson(scope: &Scope) -> serde_json::Value {
    let features: Vec<serde_json::Value> = counties()
        .into_iter()
        .map(|(code, name, geometry)| {
            serde_json::json!({
                "type": "Feature",
                "properties": {"code": code, "name": name, "in_scope": scope.allows_region(&code)},
                "geometry": serde_json::from_str::<serde_json::Value>(&geometry).unwrap_or_default(),
            })
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features})
}

pub fn config(state: &AppState) -> MapConfig {
    MapConfig {
        center: [117.97, 28.75],
        zoom: 8.0,
        bounds: BBOX,
        raster_tile_url: state.config.map_tile_url.clone().filter(|u| !u.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_math() {
        let t = TileId::new(0, 0, 0).unwrap();
        let b = t.bounds(0.0);
        assert!((b[0] + 180.0).abs() < 1e-9 && (b[2] - 180.0).abs() < 1e-9 && (b[3] - 85.0511).abs() < 1e-3);
        // 上饶 city centre at zoom 12 lies in tile 3390/1710.
        let (x, y) = (117.97, 28.45);
        let n = 4096.0;
        let tx = ((x + 180.0) / 360.0 * n) as u32;
        let r: f64 = f64::to_radians(y);
        let ty = ((1.0 - (r.tan() + 1.0 / r.cos()).ln() / PI) / 2.0 * n) as u32;
        let t = TileId::new(12, tx, ty).unwrap();
        let (px, py) = t.project(x, y);
        assert!((0.0..4096.0).contains(&px) && (0.0..4096.0).contains(&py));
        let b = t.bounds(0.0);
        assert!(b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3]);
        assert!(TileId::new(3, 8, 0).is_err());
        assert!(TileId::new(23, 0, 0).is_err());
    }
}
