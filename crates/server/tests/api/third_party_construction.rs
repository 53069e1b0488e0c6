//! Third-party construction (第三方施工): sites reported through the ingestion pipeline, the
//! pipelines within the configured distance found for each, the flag for a site near a
//! medium-pressure or higher pipeline without a protection agreement; statistics and scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn line(points: &[[f64; 2]]) -> Value {
    json!({"type": "LineString", "coordinates": points})
}

/// Metres north of a latitude, in degrees.
fn north(m: f64) -> f64 {
    m / 110_574.0
}

async fn site_by_code(app: &TestApp, token: &str, code: &str) -> Value {
    let r = app.get(&format!("/api/v1/safety/third-party-constructions?q={code}"), token).await;
    let id = r.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{code}: {}", r.body));
    app.get(&format!("/api/v1/safety/third-party-constructions/{id}"), token).await.body
}

fn nearby_distance(detail: &Value, segment_code: &str) -> Option<f64> {
    detail["nearby"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == segment_code)
        .map(|s| s["distance_m"].as_f64().unwrap())
}

#[tokio::test]
async fn sites_near_medium_pressure_pipelines_without_an_agreement_are_flagged() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap().to_string();
    // Two pipelines of our own, east–west, 1 km apart: medium pressure A and low pressure.
    let (x, y_mid, y_low) = (117.985, 28.425, 28.434);
    let segments = json!([
        {"enterprise_code": code, "code": "CS-MID", "pressure_class": "中压A", "material": "钢管",
         "geometry": line(&[[x - 0.002, y_mid], [x + 0.002, y_mid]])},
        {"enterprise_code": code, "code": "CS-LOW", "pressure_class": "低压", "material": "pe",
         "geometry": line(&[[x - 0.002, y_low], [x + 0.002, y_low]])}
    ]);
    let r = app.post("/api/v1/industry/pipeline-segments/batch", &county, segments).await;
    assert_eq!(r.body["inserted"], 2, "{}", r.body);

    let site = |c: &str, lng: f64, lat: f64, agreement: &str| {
        json!({"enterprise_code": code, "code": c, "name": "滨江路雨污分流改造工程", "contractor": "江西示例市政工程有限公司",
               "permit_no": "361102202611010101", "starts_on": "2026-11-01", "ends_on": "2027-01-31",
               "lng": lng, "lat": lat, "agreement_signed": agreement, "guardian": "王工"})
    };
    // A square 30 m on a side whose south edge is 10 m north of the medium-pressure line.
    let (dx, s) = (0.00015, y_mid + north(10.0));
    let square = json!({"type": "Polygon", "coordinates": [[[x - dx, s], [x + dx, s], [x + dx, s + north(30.0)], [x - dx, s + north(30.0)], [x - dx, s]]]});
    let batch = json!([
        site("CS-A", x, y_mid + north(20.0), "否"),
        site("CS-B", x, y_mid + north(20.0), "是"),
        site("CS-C", x, y_mid + north(120.0), "否"),
        site("CS-D", x, y_low + north(15.0), "否"),
        {"enterprise_code": code, "code": "CS-E", "name": "管沟开挖", "contractor": "某建设公司", "starts_on": "2026-10-01",
         "ends_on": "2026-12-31", "geometry": square.to_string()},
    ]);
    let r = app.post("/api/v1/safety/third-party-constructions/batch", &county, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["inserted"].as_u64(), r.body["errors"].as_array().unwrap().len()), (Some(5), 0), "{}", r.body);

    // 20 m from the medium-pressure line, no agreement: flagged, with the line in its list.
    let a = site_by_code(&app, &county, "CS-A").await;
    assert_eq!(a["distance_m"], 50.0, "the default search distance");
    let d = nearby_distance(&a, "CS-MID").expect("the medium-pressure line is near");
    assert!((d - 20.0).abs() < 0.5, "{d}");
    assert_eq!((a["flagged"].as_bool(), a["agreement_signed"].as_bool()), (Some(true), Some(false)));
    assert_eq!(a["highest_pressure"], "medium_a");
    assert!(a["nearest_m"].as_f64().unwrap() <= d);
    assert_eq!(a["region_code"], "361102", "the county is found from the location");
    assert_eq!(
        a["status"],
        if chrono::Utc::now().date_naive() >= chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() {
            "active"
        } else {
            "planned"
        }
    );
    let mid = a["nearby"].as_array().unwrap().iter().find(|s| s["code"] == "CS-MID").unwrap().clone();
    assert_eq!(
        (mid["pressure_class_name"].as_str(), mid["geometry"]["type"].as_str()),
        (Some("中压A"), Some("LineString"))
    );
    // The same place with an agreement is near but not flagged; 120 m away it is not near that line.
    let b = site_by_code(&app, &county, "CS-B").await;
    assert!(nearby_distance(&b, "CS-MID").is_some() && b["flagged"] == false);
    let c = site_by_code(&app, &county, "CS-C").await;
    assert!(nearby_distance(&c, "CS-MID").is_none(), "{}", c["nearby"]);
    // Near a low-pressure line only: not flagged.
    let dd = site_by_code(&app, &county, "CS-D").await;
    assert!((nearby_distance(&dd, "CS-LOW").unwrap() - 15.0).abs() < 0.5);
    assert_eq!(
        (dd["highest_pressure"].as_str(), dd["flagged"].as_bool()),
        (Some("low"), Some(false)),
        "{}",
        dd["nearby"]
    );
    // An area is measured from its edge.
    let e = site_by_code(&app, &county, "CS-E").await;
    assert!((nearby_distance(&e, "CS-MID").unwrap() - 10.0).abs() < 0.5, "{}", e["nearby"]);
    assert_eq!((e["geometry"]["type"].as_str(), e["flagged"].as_bool()), (Some("Polygon"), Some(true)));

    // The flagged list holds only flagged sites, ours among them; the map features say the same.
    let flagged = app.get("/api/v1/safety/third-party-constructions?flagged=true&page_size=200", &county).await.body;
    let items = flagged["items"].as_array().unwrap();
    assert!(items.iter().all(|s| s["flagged"] == true && s["agreement_signed"] == false));
    let codes: Vec<&str> = items.iter().filter_map(|s| s["code"].as_str()).collect();
    assert!(codes.contains(&"CS-A") && codes.contains(&"CS-E") && !codes.contains(&"CS-B") && !codes.contains(&"CS-D"));
    assert_eq!(flagged["total"].as_u64().unwrap(), items.len() as u64);
    let features = app.get("/api/v1/safety/third-party-constructions/features?flagged=true", &county).await.body;
    assert_eq!(features["features"].as_array().unwrap().len(), items.len());

    // Statistics per county count the same.
    let stats = app.get("/api/v1/safety/third-party-constructions/stats", &county).await.body;
    let xz = stats["items"].as_array().unwrap().iter().find(|s| s["key"] == "361102").unwrap().clone();
    assert_eq!(xz["flagged"].as_u64().unwrap(), items.len() as u64);
    assert!(xz["near_pipelines"].as_u64().unwrap() >= 4 && xz["total"].as_u64().unwrap() >= 5);
    let rate = xz["agreement_rate"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&rate));

    // Sending the batch again changes nothing; the export re-imports unchanged.
    let again = app.post("/api/v1/safety/third-party-constructions/batch", &county, batch).await;
    assert_eq!(
        (again.body["inserted"].as_u64(), again.body["unchanged"].as_u64()),
        (Some(0), Some(5)),
        "{}",
        again.body
    );
    let total =
        app.get("/api/v1/safety/third-party-constructions?page_size=1", &county).await.body["total"].as_u64().unwrap();
    let export = app.get("/api/v1/safety/third-party-constructions?format=xlsx", &county).await;
    assert_eq!(export.status, StatusCode::OK);
    assert_eq!(read_sheet(&export.bytes).len() as u64 - 1, total);
    let r =
        app.upload("/api/v1/safety/third-party-constructions/import", &county, export.bytes.clone(), "x.xlsx").await;
    assert_eq!(
        (r.body["unchanged"].as_u64(), r.body["errors"].as_array().map(Vec::len)),
        (Some(total), Some(0)),
        "{}",
        r.body
    );

    // A smaller search distance is configuration.
    let narrow = spawn_app_with(|c| c.third_party_construction_radius_m = 5.0).await;
    let t = narrow.login("county-361102").await;
    narrow.post("/api/v1/industry/pipeline-segments/batch", &t, json!([{"enterprise_code": code, "code": "CS-MID", "pressure_class": "中压A", "material": "钢管", "geometry": line(&[[x - 0.002, y_mid], [x + 0.002, y_mid]])}])).await;
    narrow
        .post("/api/v1/safety/third-party-constructions/batch", &t, json!([site("CS-A", x, y_mid + north(20.0), "否")]))
        .await;
    let a5 = site_by_code(&narrow, &t, "CS-A").await;
    assert_eq!((a5["distance_m"].as_f64(), nearby_distance(&a5, "CS-MID")), (Some(5.0), None));
}

#[tokio::test]
async fn bad_sites_are_refused_row_by_row_and_scope_holds() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap().to_string();
    let base = json!({"enterprise_code": code, "code": "X", "name": "工程", "contractor": "施工单位", "starts_on": "2026-11-01",
        "ends_on": "2026-12-01", "lng": 117.95, "lat": 28.45});
    let with = |c: &str, changes: Value| {
        let mut v = base.clone();
        v["code"] = json!(c);
        for (k, val) in changes.as_object().unwrap() {
            v[k] = val.clone();
        }
        v
    };
    let before =
        app.get("/api/v1/safety/third-party-constructions?page_size=1", &county).await.body["total"].as_u64().unwrap();
    let batch = json!([
        with("B-1", json!({"ends_on": "2026-10-01"})),
        with("B-2", json!({"lng": null, "lat": null})),
        with("B-3", json!({"lng": 120.5})),
        with(
            "B-4",
            json!({"lng": null, "lat": null, "geometry": "{\"type\":\"Polygon\",\"coordinates\":[[[117.95,28.45],[117.951,28.45]]]}"})
        ),
        with(
            "B-5",
            json!({"lng": null, "lat": null, "geometry": "{\"type\":\"LineString\",\"coordinates\":[[117.95,28.45],[117.951,28.45]]}"})
        ),
        with("B-6", json!({"enterprise_code": "91360000000000000X"})),
        with("B-7", json!({"contractor": "", "starts_on": "明天"})),
        with("B-8", json!({"lat": null})),
        with("B-OK", json!({})),
        with("B-OK", json!({"name": "重复"})),
    ]);
    let r = app.post("/api/v1/safety/third-party-constructions/batch", &county, batch).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "only the good row is written: {}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let reason = |row: u64, field: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["field"] == field)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("row {row} {field}: {errors:?}"))
    };
    assert!(reason(1, "ends_on").contains("不能早于开工日期"));
    assert!(reason(2, "lng").contains("经纬度"));
    assert!(reason(3, "lng").contains("不在上饶市"));
    assert!(reason(4, "geometry").contains("三个"));
    assert!(reason(5, "geometry").contains("Polygon"));
    assert!(!reason(6, "enterprise_code").is_empty());
    assert!(reason(7, "contractor").contains("施工单位"));
    assert!(!reason(7, "starts_on").is_empty());
    assert!(reason(8, "lat").contains("同时"));
    assert!(reason(10, "code").contains("重复"));
    let after =
        app.get("/api/v1/safety/third-party-constructions?page_size=1", &county).await.body["total"].as_u64().unwrap();
    assert_eq!(after, before + 1);

    // Another county sees none of 信州区's sites; an enterprise sees only its own.
    let ok = app.get("/api/v1/safety/third-party-constructions?q=B-OK", &county).await.body["items"][0].clone();
    let other = app.login("county-361103").await;
    let theirs = app.get("/api/v1/safety/third-party-constructions?page_size=200", &other).await.body;
    assert!(theirs["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["region_code"].as_str().unwrap().starts_with("361103")));
    assert_eq!(
        app.get(&format!("/api/v1/safety/third-party-constructions/{}", ok["id"]), &other).await.status,
        StatusCode::NOT_FOUND
    );
    let feats = app.get("/api/v1/safety/third-party-constructions/features", &other).await.body;
    assert!(feats["features"].as_array().unwrap().iter().all(|f| f["properties"]["code"] != "B-OK"));
    let stats = app.get("/api/v1/safety/third-party-constructions/stats", &other).await.body;
    assert!(stats["items"].as_array().unwrap().iter().all(|s| s["key"].as_str().unwrap().starts_with("361103")));
    let other_ent = app
        .all_enterprises(&county, "")
        .await
        .into_iter()
        .find(|e| e["id"] != ent["id"] && e["kind"] == "pipeline_gas")
        .unwrap();
    app.create_user("cs-other", "enterprise_admin", app.enterprise_org(other_ent["id"].as_i64().unwrap()).await).await;
    let company = app.login("cs-other").await;
    let mine = app.get("/api/v1/safety/third-party-constructions?page_size=200", &company).await.body;
    assert!(mine["items"].as_array().unwrap().iter().all(|s| s["enterprise_id"] == other_ent["id"]));
    assert_eq!(
        app.get(&format!("/api/v1/safety/third-party-constructions/{}", ok["id"]), &company).await.status,
        StatusCode::NOT_FOUND
    );
    // Nor can it report a site for another enterprise.
    let r = app.post("/api/v1/safety/third-party-constructions/batch", &company, json!([with("B-9", json!({}))])).await;
    assert_eq!(r.body["inserted"], 0, "{}", r.body);
    // The nearby pipelines an enterprise sees are its own.
    if let Some(s) = mine["items"].as_array().unwrap().first() {
        let d = app.get(&format!("/api/v1/safety/third-party-constructions/{}", s["id"]), &company).await.body;
        let name = other_ent["name"].as_str().unwrap();
        assert!(d["nearby"].as_array().unwrap().iter().all(|n| n["enterprise_name"] == name), "{}", d["nearby"]);
    }
}
