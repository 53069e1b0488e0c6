use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn facilities_are_located_in_their_county_and_counted() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap();
    let before = app.get("/api/v1/industry/stations/stats", &county).await.body["summary"].clone();
    let gate = json!({"enterprise_code": code, "code": "GS-T1", "name": "测试门站", "kind": "门站", "lng": 117.95, "lat": "28.45",
        "capacity": 30, "capacity_unit": "万m³/日", "commissioned_on": "2012-06-30", "major_hazard": "是"});
    let batch = json!([
        gate,
        {"enterprise_code": code, "code": "GS-T2", "name": "界外", "kind": "调压站", "lng": 121.47, "lat": 31.23},
        {"enterprise_code": code, "code": "GS-T3", "name": "未来", "kind": "阀门（井）", "lng": 117.95, "lat": 28.451, "commissioned_on": "2999-01-01"},
        {"enterprise_code": code, "code": "GS-T4", "name": "错区", "kind": "调压箱（柜）", "lng": 117.95, "lat": 28.452, "region_code": "婺源县"},
        {"enterprise_code": code, "code": "GS-T5", "name": "坏类型", "kind": "加油站", "lat": 28.45}
    ]);
    let r = app.post("/api/v1/industry/stations/batch", &county, batch).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let has = |row: u64, field: &str, text: &str| {
        errors.iter().any(|e| e["row"] == row && e["field"] == field && e["reason"].as_str().unwrap().contains(text))
    };
    assert!(has(2, "lng", "不在上饶市"), "{errors:?}");
    assert!(has(3, "commissioned_on", "晚于今天"));
    assert!(has(4, "region_code", "不符"));
    assert!(has(5, "kind", "无效") && has(5, "lng", "不能为空"));
    let found = app.get("/api/v1/industry/stations?q=GS-T1", &county).await;
    let s = &found.body["items"][0];
    assert_eq!(
        (s["region_code"].as_str(), s["kind_name"].as_str(), s["major_hazard"].as_bool()),
        (Some("361102"), Some("门站"), Some(true))
    );
    let after = app.get("/api/v1/industry/stations/stats", &county).await.body["summary"].clone();
    assert_eq!(after["count"].as_i64().unwrap(), before["count"].as_i64().unwrap() + 1);
    assert_eq!(after["major_hazard"].as_i64().unwrap(), before["major_hazard"].as_i64().unwrap() + 1);
    assert_eq!(app.post("/api/v1/industry/stations/batch", &county, json!([gate])).await.body["unchanged"], 1);
    // Scope: lists and statistics.
    let list = app.get("/api/v1/industry/stations?page_size=200&major_hazard=true", &county).await;
    assert!(list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["region_code"] == "361102" && s["major_hazard"] == true));
    let city = app.login("city-admin").await;
    let regions = app.get("/api/v1/industry/stations/stats?group=region", &city).await;
    assert_eq!(regions.body["items"].as_array().unwrap().len(), 12);
    let foreign = app.get("/api/v1/industry/stations?region_code=361103&page_size=1", &city).await;
    let fid = foreign.body["items"][0]["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/stations/{fid}"), &county).await.assert_problem(404, "not_found");
}
