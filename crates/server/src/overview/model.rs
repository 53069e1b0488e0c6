//! DTOs of the map.

use crate::platform::error::{AppError, AppResult};
use crate::platform::scope::Scope;
use ranjian_domain::codes::{prefix_range, RegionCode};
use sea_orm::{ColumnTrait, Condition};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Where the map opens, and the optional licensed raster base layer.
#[derive(Debug, Serialize, ToSchema)]
pub struct MapConfig {
    /// [lng, lat]
    pub center: [f64; 2],
    pub zoom: f64,
    /// [min lng, min lat, max lng, max lat]
    pub bounds: [f64; 4],
    /// XYZ raster tile URL template (e.g. Tianditu with the customer's key), when configured.
    pub raster_tile_url: Option<String>,
}

/// A tile address in the Web Mercator tile grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileId {
    pub z: u32,
    pub x: u32,
    pub y: u32,
}

/// Vector tile layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Pipeline segments in service, by pressure class.
    Pipelines,
    /// Stations and facilities in service, every kind.
    Stations,
    /// Communities and villages (居民小区/村) with their number of active gas users.
    Communities,
    /// Bottled LPG: storage/filling stations and bottle supply points (瓶装燃气供应点), a subset of
    /// `stations` that the map switches on separately.
    Lpg,
}

/// The station kinds of the `lpg` layer.
pub const LPG_KINDS: [&str; 2] = ["lpg_station", "bottle_supply_point"];

impl Layer {
    pub fn parse(s: &str) -> Option<Layer> {
        match s {
            "pipelines" => Some(Layer::Pipelines),
            "stations" => Some(Layer::Stations),
            "communities" => Some(Layer::Communities),
            "lpg" => Some(Layer::Lpg),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Pipelines => "pipelines",
            Layer::Stations => "stations",
            Layer::Communities => "communities",
            Layer::Lpg => "lpg",
        }
    }
}

/// Optional narrowing of a tile, always within the caller's scope (it can never widen it).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TileQuery {
    /// Only this enterprise's features.
    pub enterprise_id: Option<i64>,
    /// Only features of this division and below: the city (361100), a county (361102) or a township
    /// (9 digits).
    pub region_code: Option<String>,
}

/// A checked [`TileQuery`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TileFilter {
    /// Region codes starting with this prefix only.
    pub region_prefix: Option<String>,
    pub enterprise_id: Option<i64>,
}

impl TileFilter {
    pub fn parse(q: &TileQuery) -> AppResult<TileFilter> {
        let region_prefix = match q.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                RegionCode::parse(s)
                    .map_err(|_| AppError::field("region_code", "行政区划代码应为6、9或12位数字"))?
                    .subtree_prefix()
                    .to_string(),
            ),
        };
        Ok(TileFilter { region_prefix, enterprise_id: q.enterprise_id })
    }

    /// Whether nothing can pass both this filter and the scope (a county asking for another
    /// county, an enterprise account asking for another enterprise): the tile is empty.
    pub fn excludes_all_of(&self, scope: &Scope) -> bool {
        let regions_apart = match (self.region_prefix.as_deref(), scope.region_prefix()) {
            (Some(f), Some(s)) => !f.starts_with(s) && !s.starts_with(f),
            _ => false,
        };
        let enterprises_apart = matches!((self.enterprise_id, scope.enterprise_id()), (Some(f), Some(s)) if f != s);
        regions_apart || enterprises_apart
    }

    /// The condition of the filter (added to the scope's, never instead of it).
    pub fn condition<C: ColumnTrait>(&self, region_col: C, enterprise_col: C) -> Condition {
        let mut cond = Condition::all();
        if let Some(p) = &self.region_prefix {
            let (lo, hi) = prefix_range(p);
            cond = cond.add(region_col.gte(lo)).add(region_col.lt(hi));
        }
        if let Some(e) = self.enterprise_id {
            cond = cond.add(enterprise_col.eq(e));
        }
        cond
    }

    /// Whether a record with this region and enterprise passes the filter.
    pub fn allows(&self, region_code: &str, enterprise_id: i64) -> bool {
        self.region_prefix.as_deref().is_none_or(|p| region_code.starts_with(p))
            && self.enterprise_id.is_none_or(|e| e == enterprise_id)
    }

    /// The part of a cache key that tells filters apart.
    pub fn key(&self) -> String {
        format!(
            "r={}|e={}",
            self.region_prefix.as_deref().unwrap_or("*"),
            self.enterprise_id.map(|e| e.to_string()).unwrap_or_else(|| "*".into())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(region: Option<&str>, enterprise: Option<i64>) -> TileFilter {
        TileFilter::parse(&TileQuery { region_code: region.map(String::from), enterprise_id: enterprise }).unwrap()
    }

    #[test]
    fn filters_parse_to_subtree_prefixes() {
        assert_eq!(f(Some("361100"), None).region_prefix.as_deref(), Some("3611"));
        assert_eq!(f(Some(" 361102 "), None).region_prefix.as_deref(), Some("361102"));
        assert_eq!(f(Some("361102001"), None).region_prefix.as_deref(), Some("361102001"));
        assert_eq!(f(Some(""), None), TileFilter::default());
        for bad in ["3611", "36110x", "1' OR 1=1", "3611020"] {
            assert!(TileFilter::parse(&TileQuery { region_code: Some(bad.into()), enterprise_id: None }).is_err());
        }
    }

    #[test]
    fn disjoint_filters_are_seen_before_any_query() {
        let county = Scope::region("361102");
        assert!(!f(None, None).excludes_all_of(&county));
        assert!(!f(Some("361100"), None).excludes_all_of(&county), "wider than the scope: the scope stays");
        assert!(!f(Some("361102001"), Some(9)).excludes_all_of(&county));
        assert!(f(Some("361103"), None).excludes_all_of(&county));
        let ent = Scope::enterprise("3611", 7);
        assert!(!f(Some("361103"), Some(7)).excludes_all_of(&ent));
        assert!(f(None, Some(8)).excludes_all_of(&ent));
        assert_ne!(f(None, Some(8)).key(), f(None, None).key());
        assert_ne!(f(Some("361102"), None).key(), f(Some("361103"), None).key());
    }
}
