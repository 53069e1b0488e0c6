use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

fn line(points: &[[f64; 2]]) -> serde_json::Value {
    json!({"type": "LineString", "coordinates": points})
}

#[tokio::test]
async fn segments_are_validated_measured_and_placed_in_their_county() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap();
    let before = app.get("/api/v1/industry/pipeline-segments/stats", &county).await.body["summary"].clone();
    // 信州区 city centre; 0.01° of latitude is about 1,108 m.
    let good = json!({"enterprise_code": code, "code": "T-001", "pressure_class": "0.3MPa", "material": "钢管",
        "nominal_diameter": 200, "construction_year": "2015", "burial_depth": 1.2,
        "geometry": line(&[[117.95, 28.45], [117.95, 28.46]])});
    let batch = json!([
        good,
        {"enterprise_code": code, "code": "T-002", "pressure_class": "低压", "material": "pe", "geometry": "{\"type\":\"LineString\",\"coordinates\":[[117.96,28.45]]}"},
        {"enterprise_code": code, "code": "T-003", "pressure_class": "低压", "material": "pe", "geometry": line(&[[116.0, 28.45], [117.96, 28.46]])},
        {"enterprise_code": code, "code": "T-004", "pressure_class": "低压", "material": "pe", "geometry": "not geojson"},
        {"enterprise_code": code, "code": "T-005", "pressure_class": "超高压", "material": "木头", "construction_year": 2999, "geometry": line(&[[117.95, 28.45], [117.951, 28.451]])},
        {"enterprise_code": code, "code": "T-006", "pressure_class": "低压", "material": "pe", "region_code": "361103", "geometry": line(&[[117.95, 28.45], [117.951, 28.451]])}
    ]);
    let r = app.post("/api/v1/industry/pipeline-segments/batch", &county, batch).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let reason = |row: u64, field: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["field"] == field)
            .map(|e| e["reason"].as_str().unwrap().to_string())
    };
    assert!(reason(2, "geometry").unwrap().contains("两个点"));
    assert!(reason(3, "geometry").unwrap().contains("不在上饶市"));
    assert!(reason(4, "geometry").unwrap().contains("GeoJSON"));
    assert!(
        reason(5, "pressure_class").is_some()
            && reason(5, "material").is_some()
            && reason(5, "construction_year").is_some()
    );
    assert!(reason(6, "region_code").unwrap().contains("管辖范围"));

    let list = app.get("/api/v1/industry/pipeline-segments?q=T-001", &county).await;
    let seg = &list.body["items"][0];
    assert_eq!(seg["region_code"], "361102", "the county is found from the geometry");
    assert_eq!(seg["pressure_class"], "medium_a");
    assert_eq!(seg["pressure_class_name"], "中压A");
    let len = seg["length_m"].as_f64().unwrap();
    assert!((len - 1108.5).abs() < 5.0, "geodesic length {len}");
    let after = app.get("/api/v1/industry/pipeline-segments/stats", &county).await.body["summary"].clone();
    assert_eq!(after["segments"].as_i64().unwrap(), before["segments"].as_i64().unwrap() + 1);
    let added = after["length_km"].as_f64().unwrap() - before["length_km"].as_f64().unwrap();
    assert!((added - 1.11).abs() < 0.02, "{added}");
    // Sending it again changes nothing; a changed attribute updates it.
    let again = app.post("/api/v1/industry/pipeline-segments/batch", &county, json!([good])).await;
    assert_eq!(again.body["unchanged"], 1);
    let mut changed = good.clone();
    changed["burial_depth"] = json!("1.5");
    assert_eq!(
        app.post("/api/v1/industry/pipeline-segments/batch", &county, json!([changed])).await.body["updated"],
        1
    );
}

#[tokio::test]
async fn network_statistics_and_lists_are_scoped() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    let by_region = app.get("/api/v1/industry/pipeline-segments/stats?group=region", &city).await;
    let items = by_region.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    let sum: f64 = items.iter().map(|i| i["length_km"].as_f64().unwrap()).sum();
    assert!((sum - by_region.body["summary"]["length_km"].as_f64().unwrap()).abs() < 0.05);
    let xinzhou_km = items.iter().find(|i| i["key"] == "361102").unwrap()["length_km"].as_f64().unwrap();
    let mine = app.get("/api/v1/industry/pipeline-segments/stats?group=pressure_class", &county).await;
    assert!((mine.body["summary"]["length_km"].as_f64().unwrap() - xinzhou_km).abs() < 0.05);
    let names: Vec<&str> = mine.body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names[0], "低压", "pressure classes in GB 50028 order: {names:?}");
    for group in ["material", "decade", "enterprise"] {
        let r = app.get(&format!("/api/v1/industry/pipeline-segments/stats?group={group}"), &county).await;
        assert_eq!(r.status, StatusCode::OK);
        let total: i64 = r.body["items"].as_array().unwrap().iter().map(|i| i["segments"].as_i64().unwrap()).sum();
        assert_eq!(total, mine.body["summary"]["segments"].as_i64().unwrap(), "{group}");
    }
    let list = app.get("/api/v1/industry/pipeline-segments?page_size=200", &county).await;
    assert!(list.body["items"].as_array().unwrap().iter().all(|s| s["region_code"] == "361102"));
    let foreign = app.get("/api/v1/industry/pipeline-segments?region_code=361103&page_size=1", &city).await;
    let fid = foreign.body["items"][0]["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/pipeline-segments/{fid}"), &county).await.assert_problem(404, "not_found");
    let one = app.get(&format!("/api/v1/industry/pipeline-segments/{fid}"), &city).await;
    assert_eq!(one.body["geometry"]["type"], "LineString");
}
