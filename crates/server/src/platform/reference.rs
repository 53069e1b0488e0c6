//! Reference data every deployment has: the city, its counties (with their real boundaries) and
//! the authorities that supervise them. Loaded idempotently at `migrate` and `serve`.

use super::entities::{org, region};
use super::fields::{opt, Checker};
use super::scope::Scope;
use chrono::Utc;
use ranjian_domain::{OrgKind, RegionCode, RegionLevel};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

const COUNTIES_GEOJSON: &str = include_str!("../../../../data/geo/shangrao-counties.geojson");
pub const CITY_CODE: &str = "361100";
pub const CITY_NAME: &str = "上饶市";
pub const CITY_AUTHORITY: &str = "上饶市城市管理局";

/// The county divisions as (code, name, GeoJSON geometry).
pub fn counties() -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(COUNTIES_GEOJSON).expect("embedded GeoJSON is valid");
    v["features"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    (
                        f["properties"]["adcode"].as_str().unwrap_or_default().to_string(),
                        f["properties"]["name"].as_str().unwrap_or_default().to_string(),
                        f["geometry"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Insert or refresh the regions and authority organisations.
pub async fn seed<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let mut rows =
        vec![(CITY_CODE.to_string(), CITY_NAME.to_string(), Some("360000".to_string()), RegionLevel::City, None)];
    for (code, name, geom) in counties() {
        rows.push((code, name, Some(CITY_CODE.to_string()), RegionLevel::County, Some(geom)));
    }
    for (code, name, parent, level, boundary) in rows {
        let existing = region::Entity::find_by_id(code.clone()).one(conn).await?;
        let am = region::ActiveModel {
            code: Set(code.clone()),
            name: Set(name.clone()),
            parent_code: Set(parent),
            level: Set(level.as_str().to_string()),
            boundary: Set(boundary),
        };
        if existing.is_some() {
            am.update(conn).await?;
        } else {
            region::Entity::insert(am).exec_without_returning(conn).await?;
        }
        let (kind, org_name) = match level {
            RegionLevel::City => (OrgKind::CityAuthority, CITY_AUTHORITY.to_string()),
            _ => (OrgKind::CountyAuthority, format!("{name}城市管理局")),
        };
        let has_org = org::Entity::find()
            .filter(org::Column::Kind.eq(kind.as_str()))
            .filter(org::Column::RegionCode.eq(code.as_str()))
            .one(conn)
            .await?
            .is_some();
        if !has_org {
            org::ActiveModel {
                name: Set(org_name),
                kind: Set(kind.as_str().to_string()),
                region_code: Set(code),
                enterprise_id: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionInfo {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub level: String,
}

/// All regions, in memory: they are few and read on every ledger row.
#[derive(Debug, Default)]
pub struct RegionIndex {
    pub list: Vec<RegionInfo>,
    by_code: HashMap<String, usize>,
    /// County boundaries, for finding the county of a point.
    boundaries: Vec<(String, geo::Polygon<f64>)>,
}

fn polygon(geojson: &str) -> Option<geo::Polygon<f64>> {
    let v: serde_json::Value = serde_json::from_str(geojson).ok()?;
    let ring = |r: &serde_json::Value| -> Option<geo::LineString<f64>> {
        let pts: Option<Vec<(f64, f64)>> =
            r.as_array()?.iter().map(|c| Some((c.get(0)?.as_f64()?, c.get(1)?.as_f64()?))).collect();
        Some(geo::LineString::from(pts?))
    };
    let rings = v["coordinates"].as_array()?;
    let exterior = ring(rings.first()?)?;
    let holes = rings.iter().skip(1).filter_map(ring).collect();
    Some(geo::Polygon::new(exterior, holes))
}

impl RegionIndex {
    pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<Self, DbErr> {
        let rows = region::Entity::find().order_by_asc(region::Column::Code).all(conn).await?;
        let boundaries = rows.iter().filter_map(|r| Some((r.code.clone(), polygon(r.boundary.as_deref()?)?))).collect();
        let list: Vec<RegionInfo> = rows
            .into_iter()
            .map(|r| RegionInfo { code: r.code, name: r.name, parent_code: r.parent_code, level: r.level })
            .collect();
        let by_code = list.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
        Ok(RegionIndex { list, by_code, boundaries })
    }

    /// [min lng, min lat, max lng, max lat] of a county's boundary.
    pub fn county_bbox(&self, code: &str) -> Option<[f64; 4]> {
        use geo::BoundingRect;
        let (_, poly) = self.boundaries.iter().find(|(c, _)| c == code)?;
        let r = poly.bounding_rect()?;
        Some([r.min().x, r.min().y, r.max().x, r.max().y])
    }

    /// The county whose boundary contains the point.
    pub fn county_at(&self, lng: f64, lat: f64) -> Option<&RegionInfo> {
        use geo::Contains;
        let p = geo::Point::new(lng, lat);
        self.boundaries.iter().find(|(_, poly)| poly.contains(&p)).and_then(|(code, _)| self.get(code))
    }

    pub fn get(&self, code: &str) -> Option<&RegionInfo> {
        self.by_code.get(code).map(|i| &self.list[*i])
    }

    pub fn name(&self, code: &str) -> String {
        self.get(code).map(|r| r.name.clone()).unwrap_or_else(|| code.to_string())
    }

    /// A region given by code or by name (as typed in Excel); only county level or below, since
    /// records belong to a county.
    pub fn resolve_record_region(&self, input: &str) -> Option<&RegionInfo> {
        let s = input.trim();
        let r = self.get(s).or_else(|| self.list.iter().find(|r| r.name == s))?;
        let level = RegionCode::parse(&r.code).ok()?.level();
        matches!(level, RegionLevel::County | RegionLevel::Township | RegionLevel::Village).then_some(r)
    }
}

/// Region from a given code/name or from the coordinates; checked against the caller's scope.
pub fn locate(
    c: &mut Checker,
    regions: &RegionIndex,
    scope: &Scope,
    given: &Option<String>,
    point: Option<(f64, f64)>,
) -> Option<String> {
    let region = match opt(given) {
        Some(r) => match regions.resolve_record_region(&r) {
            None => {
                c.error("region_code", format!("所属区划“{r}”不存在，应为本市的区县"));
                None
            }
            Some(reg) => Some(reg.code.clone()),
        },
        None => match point {
            Some((x, y)) => {
                let found = regions.county_at(x, y).map(|r| r.code.clone());
                if found.is_none() {
                    c.error("region_code", "无法根据坐标确定所属区县，请填写所属区划");
                }
                found
            }
            None => {
                c.error("region_code", "所属区划和坐标不能都为空");
                None
            }
        },
    };
    if let Some(r) = &region {
        if !scope.allows_region(r) {
            c.error("region_code", format!("所属区划“{}”不在本账号的管辖范围内", regions.name(r)));
        }
    }
    region
}
