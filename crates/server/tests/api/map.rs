use crate::helpers::*;
use reqwest::StatusCode;

fn tile_of(lng: f64, lat: f64, z: u32) -> (u32, u32) {
    let n = (1u64 << z) as f64;
    let r = lat.to_radians();
    (
        ((lng + 180.0) / 360.0 * n) as u32,
        ((1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32,
    )
}

async fn tile(app: &TestApp, token: &str, layer: &str, z: u32, (x, y): (u32, u32)) -> Resp {
    app.get(&format!("/api/v1/map/tiles/{layer}/{z}/{x}/{y}.mvt"), token).await
}

#[tokio::test]
async fn vector_tiles_hold_only_what_the_caller_may_see() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    // A segment of 广丰区 and the tile that holds its first point.
    let seg = app.get("/api/v1/industry/pipeline-segments?region_code=361103&page_size=1", &city).await.body["items"]
        [0]
    .clone();
    let code = seg["code"].as_str().unwrap().to_string();
    let p = &seg["geometry"]["coordinates"][0];
    let (lng, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
    // Zoomed out, only the trunk lines are drawn: sub-high and high pressure up to z11, medium from
    // z12, every pipe from z14.
    let class = seg["pressure_class"].as_str().unwrap().to_string();
    let first_zoom = match class.as_str() {
        "low" => 14,
        "medium_b" | "medium_a" => 12,
        _ => 0,
    };
    for z in [10, 12, 14, 16] {
        let t = tile_of(lng, lat, z);
        let mine = tile(&app, &city, "pipelines", z, t).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert_eq!(mine.content_type(), "application/vnd.mapbox-vector-tile");
        let has = |r: &Resp| r.bytes.windows(code.len()).any(|w| w == code.as_bytes());
        assert_eq!(has(&mine), z >= first_zoom, "the city sees {code} ({class}) at z{z}: {}", z >= first_zoom);
        let theirs = tile(&app, &county, "pipelines", z, t).await;
        assert_eq!(theirs.status, StatusCode::OK);
        assert!(!has(&theirs), "信州区 must not see 广丰区's {code} at z{z}");
    }
    // A low-pressure pipe appears only in a neighbourhood's tiles.
    let low = app.get("/api/v1/industry/pipeline-segments?pressure_class=low&page_size=1", &city).await.body["items"]
        [0]
    .clone();
    let (code, p) = (low["code"].as_str().unwrap().to_string(), &low["geometry"]["coordinates"][0]);
    let at = |z| tile_of(p[0].as_f64().unwrap(), p[1].as_f64().unwrap(), z);
    let has = |r: &Resp| r.bytes.windows(code.len()).any(|w| w == code.as_bytes());
    assert!(!has(&tile(&app, &city, "pipelines", 11, at(11)).await), "{code} is not drawn at z11");
    assert!(!has(&tile(&app, &city, "pipelines", 13, at(13)).await), "{code} is not drawn at z13");
    assert!(has(&tile(&app, &city, "pipelines", 14, at(14)).await), "{code} is drawn at z14");
    // Stations likewise.
    let st = app.get("/api/v1/industry/stations?region_code=361103&page_size=1", &city).await.body["items"][0].clone();
    let t = tile_of(st["lng"].as_f64().unwrap(), st["lat"].as_f64().unwrap(), 15);
    let name = st["code"].as_str().unwrap().to_string();
    let has = |r: &Resp| r.bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has(&tile(&app, &city, "stations", 15, t).await));
    assert!(!has(&tile(&app, &county, "stations", 15, t).await));
    // Bad addresses are 404s; no session is a 401.
    app.get("/api/v1/map/tiles/pipelines/3/8/0.mvt", &city).await.assert_problem(404, "not_found");
    app.get("/api/v1/map/tiles/rivers/10/0/0.mvt", &city).await.assert_problem(404, "not_found");
    app.get("/api/v1/map/tiles/pipelines/10/1/x.mvt", &city).await.assert_problem(404, "not_found");
    app.send(reqwest::Method::GET, "/api/v1/map/tiles/pipelines/10/0/0.mvt", None, None)
        .await
        .assert_problem(401, "unauthenticated");
    // A tile far from Shangrao is empty but valid.
    assert_eq!(tile(&app, &city, "pipelines", 10, (0, 0)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn boundaries_mark_the_callers_own_county() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let r = app.get("/api/v1/map/regions", &county).await;
    let features = r.body["features"].as_array().unwrap();
    assert_eq!(features.len(), 12);
    let mine: Vec<_> = features.iter().filter(|f| f["properties"]["in_scope"] == true).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["properties"]["name"], "信州区");
    assert_eq!(mine[0]["geometry"]["type"], "Polygon");
    let cfg = app.get("/api/v1/map/config", &county).await;
    assert_eq!(cfg.body["bounds"].as_array().unwrap().len(), 4);
}
