//! DTOs of the map.

use serde::Serialize;
use utoipa::ToSchema;

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
    Pipelines,
    Stations,
}

impl Layer {
    pub fn parse(s: &str) -> Option<Layer> {
        match s {
            "pipelines" => Some(Layer::Pipelines),
            "stations" => Some(Layer::Stations),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Pipelines => "pipelines",
            Layer::Stations => "stations",
        }
    }
}
