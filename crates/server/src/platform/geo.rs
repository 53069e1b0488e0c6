//! Coordinates and geometry (ARCHITECTURE.md §7): longitude/latitude (CGCS2000 ≈ WGS84), GeoJSON in
//! the database, geodesic lengths, and the checks every located record gets.

use geo::{Area, Centroid, Distance, Euclidean, Geodesic, Length, LineString, Point, Polygon};

/// Shangrao's bounding box [min lng, min lat, max lng, max lat], from the county boundaries, with a
/// margin of about 1 km.
pub const BBOX: [f64; 4] = [116.22, 27.79, 118.50, 29.71];

pub fn in_bbox(lng: f64, lat: f64) -> bool {
    (BBOX[0]..=BBOX[2]).contains(&lng) && (BBOX[1]..=BBOX[3]).contains(&lat)
}

/// A point given as longitude and latitude, checked to lie in Shangrao.
pub fn point(lng: f64, lat: f64) -> Result<Point<f64>, String> {
    if !in_bbox(lng, lat) {
        return Err(format!(
            "坐标（{lng}，{lat}）不在上饶市范围内（经度{}–{}，纬度{}–{}）",
            BBOX[0], BBOX[2], BBOX[1], BBOX[3]
        ));
    }
    Ok(Point::new(lng, lat))
}

/// A GeoJSON LineString (text or object): at least two points, all in Shangrao.
pub fn line_string(v: &serde_json::Value) -> Result<LineString<f64>, String> {
    let parsed;
    let v = match v {
        serde_json::Value::String(s) => {
            parsed = serde_json::from_str::<serde_json::Value>(s).map_err(|_| "几何不是有效的GeoJSON".to_string())?;
            &parsed
        }
        other => other,
    };
    if v["type"] != "LineString" {
        return Err("几何应为GeoJSON的LineString（线）".into());
    }
    let coords = v["coordinates"].as_array().ok_or("LineString缺少coordinates")?;
    if coords.len() < 2 {
        return Err("管线几何至少需要两个点".into());
    }
    let mut pts = Vec::with_capacity(coords.len());
    for c in coords {
        let (Some(x), Some(y)) = (c.get(0).and_then(|x| x.as_f64()), c.get(1).and_then(|y| y.as_f64())) else {
            return Err("坐标应为[经度, 纬度]数字对".into());
        };
        point(x, y)?;
        pts.push((x, y));
    }
    Ok(LineString::from(pts))
}

/// Length on the ellipsoid, in metres.
pub fn geodesic_length_m(line: &LineString<f64>) -> f64 {
    Geodesic.length(line)
}

/// [min lng, min lat, max lng, max lat] of a line.
pub fn bbox_of(line: &LineString<f64>) -> [f64; 4] {
    line.coords().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, c| {
        [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)]
    })
}

/// The line as GeoJSON text, for storage.
pub fn line_geojson(line: &LineString<f64>) -> String {
    // 7 decimals of a degree is about 1 cm: more is noise from conversions.
    let r = |v: f64| (v * 1e7).round() / 1e7;
    let coords: Vec<[f64; 2]> = line.coords().map(|c| [r(c.x), r(c.y)]).collect();
    serde_json::json!({"type": "LineString", "coordinates": coords}).to_string()
}

/// A place given as a point or an area: a construction site, a spot-checked place.
#[derive(Debug, Clone, PartialEq)]
pub enum Site {
    Point(Point<f64>),
    Area(Polygon<f64>),
}

fn coord_pair(c: &serde_json::Value) -> Result<(f64, f64), String> {
    let (Some(x), Some(y)) = (c.get(0).and_then(|x| x.as_f64()), c.get(1).and_then(|y| y.as_f64())) else {
        return Err("坐标应为[经度, 纬度]数字对".into());
    };
    point(x, y)?;
    Ok((x, y))
}

/// A GeoJSON Point or Polygon (text or object), all in Shangrao; a polygon's outer ring has at least
/// three distinct points and an area (holes are not needed for a site and are refused).
pub fn site(v: &serde_json::Value) -> Result<Site, String> {
    let parsed;
    let v = match v {
        serde_json::Value::String(s) => {
            parsed = serde_json::from_str::<serde_json::Value>(s).map_err(|_| "几何不是有效的GeoJSON".to_string())?;
            &parsed
        }
        other => other,
    };
    match v["type"].as_str() {
        Some("Point") => {
            let (x, y) = coord_pair(&v["coordinates"])?;
            Ok(Site::Point(Point::new(x, y)))
        }
        Some("Polygon") => {
            let rings = v["coordinates"].as_array().ok_or("Polygon缺少coordinates")?;
            if rings.len() != 1 {
                return Err("施工范围应为一个不带内环的多边形".into());
            }
            let ring = rings[0].as_array().ok_or("多边形的环应为坐标数组")?;
            let mut pts = ring.iter().map(coord_pair).collect::<Result<Vec<_>, _>>()?;
            if pts.len() > 1 && pts.first() == pts.last() {
                pts.pop();
            }
            pts.dedup();
            if pts.len() < 3 {
                return Err("多边形至少需要三个不同的点".into());
            }
            let poly = Polygon::new(LineString::from(pts), vec![]);
            if poly.unsigned_area() <= 0.0 {
                return Err("多边形的面积为零（各点在一条直线上）".into());
            }
            Ok(Site::Area(poly))
        }
        _ => Err("几何应为GeoJSON的Point（点）或Polygon（面）".into()),
    }
}

impl Site {
    /// [min lng, min lat, max lng, max lat]
    pub fn bbox(&self) -> [f64; 4] {
        match self {
            Site::Point(p) => [p.x(), p.y(), p.x(), p.y()],
            Site::Area(a) => bbox_of(a.exterior()),
        }
    }

    /// A representative point (the point itself, or the area's centroid).
    pub fn centre(&self) -> Point<f64> {
        match self {
            Site::Point(p) => *p,
            Site::Area(a) => a.centroid().unwrap_or_else(|| a.exterior().0[0].into()),
        }
    }

    /// The site as GeoJSON text, for storage (7 decimals, about 1 cm).
    pub fn geojson(&self) -> String {
        let r = |v: f64| (v * 1e7).round() / 1e7;
        match self {
            Site::Point(p) => serde_json::json!({"type": "Point", "coordinates": [r(p.x()), r(p.y())]}).to_string(),
            Site::Area(a) => {
                let ring: Vec<[f64; 2]> = a.exterior().coords().map(|c| [r(c.x), r(c.y)]).collect();
                serde_json::json!({"type": "Polygon", "coordinates": [ring]}).to_string()
            }
        }
    }

    /// The shortest distance in metres from the site to a line of [lng, lat] vertices (0 when they
    /// meet), on a local plane through the site's centre: at the tens of metres that matter near a
    /// pipeline the error is far below a metre.
    pub fn distance_m(&self, line: &[[f64; 2]]) -> f64 {
        let c = self.centre();
        let kx = 111_320.0 * c.y().to_radians().cos();
        let ky = 110_574.0;
        let local = |x: f64, y: f64| ((x - c.x()) * kx, (y - c.y()) * ky);
        let l = LineString::from(line.iter().map(|p| local(p[0], p[1])).collect::<Vec<_>>());
        match self {
            Site::Point(p) => Euclidean.distance(&Point::from(local(p.x(), p.y())), &l),
            Site::Area(a) => {
                let ring: Vec<(f64, f64)> = a.exterior().coords().map(|q| local(q.x, q.y)).collect();
                Euclidean.distance(&l, &Polygon::new(LineString::from(ring), vec![]))
            }
        }
    }

    /// The site's box widened by `metres` on every side, in degrees.
    pub fn search_box(&self, metres: f64) -> [f64; 4] {
        let b = self.bbox();
        let dy = metres / 110_574.0;
        let dx = metres / (111_320.0 * self.centre().y().to_radians().cos());
        [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_and_their_distance_to_a_line() {
        let p = site(&serde_json::json!({"type": "Point", "coordinates": [117.95, 28.45]})).unwrap();
        // A line 0.0005° of latitude north of the point: about 55 m.
        let line = [[117.94, 28.4505], [117.96, 28.4505]];
        assert!((p.distance_m(&line) - 55.3).abs() < 0.5, "{}", p.distance_m(&line));
        let area = site(&serde_json::json!("{\"type\":\"Polygon\",\"coordinates\":[[[117.949,28.449],[117.951,28.449],[117.951,28.4503],[117.949,28.4503],[117.949,28.449]]]}")).unwrap();
        // The area's north edge is 0.0002° (≈22 m) from the line; a line crossing it is at 0.
        assert!((area.distance_m(&line) - 22.1).abs() < 0.5, "{}", area.distance_m(&line));
        assert_eq!(area.distance_m(&[[117.95, 28.44], [117.95, 28.46]]), 0.0);
        let b = p.search_box(50.0);
        assert!(b[0] < 117.95 && b[3] > 28.45 && (b[3] - 28.45 - 50.0 / 110_574.0).abs() < 1e-12);
        assert!(site(
            &serde_json::json!({"type": "Polygon", "coordinates": [[[117.9, 28.4], [117.91, 28.4], [117.92, 28.4]]]})
        )
        .unwrap_err()
        .contains("面积为零"));
        assert!(site(&serde_json::json!({"type": "Polygon", "coordinates": [[[117.9, 28.4], [117.91, 28.4]]]}))
            .unwrap_err()
            .contains("三个"));
        assert!(site(&serde_json::json!({"type": "Point", "coordinates": [120.0, 28.4]}))
            .unwrap_err()
            .contains("不在上饶市"));
        assert!(
            site(&serde_json::json!({"type": "LineString", "coordinates": [[117.9, 28.4], [117.91, 28.4]]})).is_err()
        );
        assert_eq!(site(&serde_json::Value::String(p.geojson())).unwrap(), p);
    }

    #[test]
    fn lengths_and_checks() {
        // One hundredth of a degree of latitude is about 1.1 km.
        let l =
            line_string(&serde_json::json!({"type": "LineString", "coordinates": [[117.95, 28.45], [117.95, 28.46]]}))
                .unwrap();
        let m = geodesic_length_m(&l);
        assert!((m - 1108.0).abs() < 5.0, "{m}");
        assert!(line_string(&serde_json::json!("{\"type\":\"LineString\",\"coordinates\":[[117.9,28.4]]}"))
            .unwrap_err()
            .contains("两个点"));
        assert!(line_string(&serde_json::json!({"type": "LineString", "coordinates": [[116.0, 28.4], [117.9, 28.4]]}))
            .unwrap_err()
            .contains("不在上饶市"));
        assert!(line_string(&serde_json::json!({"type": "Point", "coordinates": [117.9, 28.4]})).is_err());
        assert!(line_string(&serde_json::json!("not json")).is_err());
        assert_eq!(bbox_of(&l), [117.95, 28.45, 117.95, 28.46]);
    }
}
