//! Patrols (巡查巡检): records through the ingestion pipeline, completion against the planned
//! frequency per pressure class and facility kind, the targets behind plan, and scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn day(offset: i64) -> String {
    ((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() + chrono::Duration::days(offset)).to_string()
}

#[tokio::test]
async fn patrols_count_against_the_plan() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    // A new enterprise with one medium-pressure segment (every 3 days), one low-pressure segment
    // (every 7 days) and a regulator box (every 30 days).
    let code = credit_code("91361102MA35PATR0");
    let r = app.post("/api/v1/industry/enterprises", &county, new_enterprise(&code, "361102")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let ent_id = r.body["id"].as_i64().unwrap();
    let line = |y: f64| json!({"type": "LineString", "coordinates": [[117.95, y], [117.951, y]]});
    let segs = json!([
        {"enterprise_code": code, "code": "P-MID", "pressure_class": "中压B", "material": "pe", "geometry": line(28.45)},
        {"enterprise_code": code, "code": "P-LOW", "pressure_class": "低压", "material": "pe", "geometry": line(28.451)},
    ]);
    assert_eq!(app.post("/api/v1/industry/pipeline-segments/batch", &county, segs).await.body["inserted"], 2);
    let st = json!([{"enterprise_code": code, "code": "P-BOX", "name": "测试调压箱", "kind": "调压箱（柜）", "lng": 117.95, "lat": 28.452}]);
    assert_eq!(app.post("/api/v1/industry/stations/batch", &county, st).await.body["inserted"], 1);

    let patrol = |c: &str, kind: &str, target: &str, at: String| json!({"enterprise_code": code, "code": c, "target_kind": kind, "target_code": target, "patrolled_at": at, "patroller": "周巡线"});
    // In the 30 days ending today: the medium segment on 5 distinct days (two records on one day), the
    // low segment on 5 days (more than the 5 planned: counted as 5), the box never.
    let mut batch: Vec<Value> = (0..5).map(|i| patrol(&format!("M{i}"), "管段", "P-MID", day(-(i * 6)))).collect();
    batch.push(patrol("M-same-day", "管段", "P-MID", format!("{} 16:20", day(0))));
    batch.extend((0..6).map(|i| patrol(&format!("L{i}"), "segment", "P-LOW", day(-(i * 5)))));
    batch.push(patrol("OLD", "管段", "P-MID", day(-40)));
    // Bad rows.
    batch.push(patrol("B1", "管段", "NO-SUCH", day(0)));
    batch.push(patrol("B2", "厂站设施", "P-MID", day(0)));
    batch.push(patrol("B3", "管段", "P-MID", day(2)));
    batch.push(patrol("B4", "管道", "P-MID", "昨天".into()));
    let mut b5 = patrol("B5", "管段", "P-MID", day(0));
    b5["track"] = json!("{\"type\":\"LineString\",\"coordinates\":[[120.5,28.45],[117.95,28.45]]}");
    batch.push(b5);
    let mut good_track = patrol("T1", "管段", "P-MID", format!("{} 09:30", day(-1)));
    good_track["track"] =
        json!({"type": "LineString", "coordinates": [[117.95, 28.45], [117.95, 28.46]]}).to_string().into();
    good_track["result"] = json!("发现异常");
    good_track["findings"] = json!("管道上方违章堆放");
    batch.push(good_track);
    let r = app.post("/api/v1/safety/patrols/batch", &county, json!(batch)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 14, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let reason = |row: u64, field: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["field"] == field)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("row {row} {field}: {errors:?}"))
    };
    assert!(reason(14, "target_code").contains("管网台账"));
    assert!(reason(15, "target_code").contains("厂站设施台账"));
    assert!(reason(16, "patrolled_at").contains("晚于今天"));
    assert!(!reason(17, "target_kind").is_empty() && !reason(17, "patrolled_at").is_empty());
    assert!(reason(18, "track").contains("不在上饶市"));

    let list = app.get(&format!("/api/v1/safety/patrols?enterprise_id={ent_id}&result=abnormal"), &county).await.body;
    let t1 = &list["items"][0];
    assert_eq!((t1["code"].as_str(), t1["patrolled_time"].as_str()), (Some("T1"), Some("09:30")));
    assert!((t1["track_length_m"].as_f64().unwrap() - 1108.0).abs() < 5.0);
    assert_eq!((t1["target_code"].as_str(), t1["target_class_name"].as_str()), (Some("P-MID"), Some("中压B")));

    // Completion over the last 30 days: medium 10 planned, 6 days done (days 0,6,…,24 and day 1);
    // low 5 planned, 5 done; the box 1 planned, 0 done.
    let q = format!("enterprise_id={ent_id}&from={}&to={}", day(-29), day(0));
    let by_class = app.get(&format!("/api/v1/safety/patrols/completion?group=class&{q}"), &county).await.body;
    let class = |k: &str| by_class["items"].as_array().unwrap().iter().find(|s| s["key"] == k).cloned().unwrap();
    assert_eq!(
        (class("segment:medium_b")["required"].as_u64(), class("segment:medium_b")["done"].as_u64()),
        (Some(10), Some(6))
    );
    assert_eq!((class("segment:low")["required"].as_u64(), class("segment:low")["done"].as_u64()), (Some(5), Some(5)));
    assert_eq!(
        (class("station:regulator_box")["required"].as_u64(), class("station:regulator_box")["done"].as_u64()),
        (Some(1), Some(0))
    );
    let s = &by_class["summary"];
    assert_eq!(
        (s["targets"].as_u64(), s["required"].as_u64(), s["done"].as_u64(), s["behind"].as_u64()),
        (Some(3), Some(16), Some(11), Some(2))
    );
    assert!((s["rate"].as_f64().unwrap() - 11.0 / 16.0).abs() < 1e-9);
    assert_eq!(by_class["items"][0]["key"], "station:regulator_box", "lowest rate first");

    let behind = app.get(&format!("/api/v1/safety/patrols/behind?{q}"), &county).await.body;
    let codes: Vec<&str> =
        behind["items"].as_array().unwrap().iter().filter_map(|t| t["target_code"].as_str()).collect();
    assert_eq!(codes, vec!["P-MID", "P-BOX"], "largest shortfall first");
    assert_eq!(behind["items"][0]["last_patrolled_on"], day(0));
    assert_eq!(behind["items"][0]["interval_days"], 3);
    // A patrol of the box sent now is counted at once, and the box is no longer behind.
    let r =
        app.post("/api/v1/safety/patrols/batch", &county, json!([patrol("BOX-1", "厂站设施", "P-BOX", day(0))])).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let by_class = app.get(&format!("/api/v1/safety/patrols/completion?group=class&{q}"), &county).await.body;
    let class = |k: &str| by_class["items"].as_array().unwrap().iter().find(|s| s["key"] == k).cloned().unwrap();
    assert_eq!(class("station:regulator_box")["done"].as_u64(), Some(1));
    let behind = app.get(&format!("/api/v1/safety/patrols/behind?{q}"), &county).await.body;
    assert_eq!(behind["total"], 1, "{behind}");

    // Searching by the patrolled segment's code finds its records, newest first by day and time.
    let by_target =
        app.get(&format!("/api/v1/safety/patrols?q=P-MID&enterprise_id={ent_id}&page_size=50"), &county).await.body;
    assert_eq!(by_target["total"], 8, "{by_target}");
    assert_eq!(by_target["items"][0]["code"], "M-same-day", "16:20 today before the undated record of today");
    // One class only; and the last patrol ever, even before the period.
    let mid = app.get(&format!("/api/v1/safety/patrols/behind?{q}&class=medium_b"), &county).await.body;
    assert_eq!(mid["total"], 1);
    let earlier = format!("enterprise_id={ent_id}&from={}&to={}", day(-64), day(-35));
    let old = app.get(&format!("/api/v1/safety/patrols/behind?{earlier}&class=medium_b"), &county).await.body;
    assert_eq!(
        (old["items"][0]["done"].as_u64(), old["items"][0]["last_patrolled_on"].as_str()),
        (Some(1), Some(day(0).as_str()))
    );

    // The county figure includes the demo enterprises'; per enterprise ours is there.
    let by_ent = app.get("/api/v1/safety/patrols/completion?group=enterprise", &county).await.body;
    let key = ent_id.to_string();
    assert!(by_ent["items"].as_array().unwrap().iter().any(|s| s["key"] == key.as_str()));
    let plan = app.get("/api/v1/safety/patrols/plan", &county).await.body;
    assert!(plan.as_array().unwrap().iter().any(|p| p["class"] == "medium_b" && p["interval_days"] == 3));
    app.get("/api/v1/safety/patrols/completion?group=colour", &county).await.assert_problem(422, "validation_failed");
    app.get(&format!("/api/v1/safety/patrols/completion?from={}&to={}", day(0), day(-5)), &county)
        .await
        .assert_problem(422, "validation_failed");

    // A different plan is configuration: patrolling medium pressure weekly, the segment is on plan.
    let weekly = spawn_app_with(|c| {
        c.patrol_plan.pipeline.insert("medium_b".into(), 7);
    })
    .await;
    let t = weekly.login("county-361102").await;
    let plan = weekly.get("/api/v1/safety/patrols/plan", &t).await.body;
    assert!(plan.as_array().unwrap().iter().any(|p| p["class"] == "medium_b" && p["interval_days"] == 7));

    // Scope: another county sees none of it; the export re-imports unchanged.
    let other = app.login("county-361103").await;
    let theirs = app.get(&format!("/api/v1/safety/patrols?enterprise_id={ent_id}"), &other).await.body;
    assert_eq!(theirs["total"], 0);
    let theirs = app.get(&format!("/api/v1/safety/patrols/behind?enterprise_id={ent_id}"), &other).await.body;
    assert_eq!(theirs["total"], 0);
    let export = app.get(&format!("/api/v1/safety/patrols?format=xlsx&enterprise_id={ent_id}"), &county).await;
    assert_eq!(read_sheet(&export.bytes).len(), 16);
    let r = app.upload("/api/v1/safety/patrols/import", &county, export.bytes.clone(), "x.xlsx").await;
    assert_eq!(
        (r.body["unchanged"].as_u64(), r.body["errors"].as_array().map(Vec::len)),
        (Some(15), Some(0)),
        "{}",
        r.body
    );
}
