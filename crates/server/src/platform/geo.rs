//! Coordinates and geometry (ARCHITECTURE.md §7): longitude/latitude (CGCS2000 ≈ WGS84), GeoJSON in
//! the database, geodesic lengths, and the checks every located record gets.

use geo::{Geodesic, Length, LineString, Point};

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

#[cfg(test)]
mod tests {
    use super::*;

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
