//! Major hazard sources (重大危险源): the ledger at enterprises' facilities, safety assessments and
//! equipment maintenance through the ingestion pipeline, overdue flags from the configured periods,
//! report files, statistics and scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn day(offset: i64) -> String {
    ((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() + chrono::Duration::days(offset)).to_string()
}

async fn source_by_code(app: &TestApp, token: &str, code: &str) -> Value {
    let r = app.get(&format!("/api/v1/safety/major-hazard-sources?q={code}"), token).await;
    let id = r.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{code}: {}", r.body));
    app.get(&format!("/api/v1/safety/major-hazard-sources/{id}"), token).await.body
}

#[tokio::test]
async fn sources_with_assessments_and_maintenance_are_flagged_when_past_their_period() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap().to_string();
    let st = json!([{"enterprise_code": code, "code": "MH-ST", "name": "测试LNG气化站", "kind": "LNG气化站",
        "lng": 117.96, "lat": 28.44, "major_hazard": "否"}]);
    assert_eq!(app.post("/api/v1/industry/stations/batch", &county, st).await.body["inserted"], 1);
    let sources = json!([
        {"enterprise_code": code, "code": "MH-1", "name": "LNG储罐区", "station_code": "MH-ST", "level": "二级",
         "substance": "液化天然气", "quantity_t": "150", "identified_on": day(-800), "leak_detection": "是",
         "emergency_shutoff": "是", "video": "否", "responsible": "张三"},
        {"enterprise_code": code, "code": "MH-2", "name": "气化区", "station_code": "MH-ST", "level": "4", "substance": "天然气"},
        {"enterprise_code": code, "code": "MH-3", "name": "无此设施", "station_code": "NO-SUCH", "level": "三级", "substance": "天然气"},
        {"enterprise_code": code, "code": "MH-4", "name": "等级错误", "station_code": "MH-ST", "level": "五级", "substance": "", "identified_on": day(3)},
    ]);
    let r = app.post("/api/v1/safety/major-hazard-sources/batch", &county, sources.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let has = |row: u64, field: &str, text: &str| {
        errors.iter().any(|e| e["row"] == row && e["field"] == field && e["reason"].as_str().unwrap().contains(text))
    };
    assert!(has(3, "station_code", "NO-SUCH"), "{errors:?}");
    assert!(has(4, "level", "") && has(4, "substance", "") && has(4, "identified_on", "晚于今天"), "{errors:?}");

    // The facility is now marked as a major hazard source in the station ledger too.
    let station = app.get("/api/v1/industry/stations?q=MH-ST", &county).await.body;
    assert_eq!(station["items"][0]["major_hazard"], true, "{station}");

    // Never assessed nor maintained: both overdue; the missing safeguard is named.
    let s1 = source_by_code(&app, &county, "MH-1").await;
    assert_eq!((s1["level_name"].as_str(), s1["station_name"].as_str()), (Some("二级"), Some("测试LNG气化站")));
    assert_eq!((s1["assessment_overdue"].as_bool(), s1["maintenance_overdue"].as_bool()), (Some(true), Some(true)));
    assert_eq!(s1["missing_safeguards"], json!(["视频监控"]));
    assert_eq!(s1["region_code"], "361102", "the source is where its facility is");

    // Assessments and maintenance: the latest counts; an assessment 4 years old is past 3 years.
    let assessments = json!([
        {"enterprise_code": code, "source_code": "MH-1", "assessed_on": day(-200), "body": "江西示例安全评价有限公司", "conclusion": "合格", "report_no": "PJ-1"},
        {"enterprise_code": code, "source_code": "MH-1", "assessed_on": day(-1300), "body": "江西示例安全评价有限公司", "conclusion": "基本合格"},
        {"enterprise_code": code, "source_code": "MH-2", "assessed_on": day(-1500), "body": "某评价机构", "conclusion": "合格"},
        {"enterprise_code": code, "source_code": "MH-9", "assessed_on": day(-10), "body": "某评价机构", "conclusion": "合格"},
        {"enterprise_code": code, "source_code": "MH-1", "assessed_on": day(5), "body": "某评价机构", "conclusion": "优秀"},
    ]);
    let r = app.post("/api/v1/safety/major-hazard-assessments/batch", &county, assessments.clone()).await;
    assert_eq!(r.body["inserted"], 3, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap().clone();
    assert!(errors.iter().any(|e| e["row"] == 4 && e["field"] == "source_code"), "{errors:?}");
    assert!(errors.iter().any(|e| e["row"] == 5 && e["field"] == "assessed_on"), "{errors:?}");
    assert!(errors.iter().any(|e| e["row"] == 5 && e["field"] == "conclusion"), "{errors:?}");
    let again = app.post("/api/v1/safety/major-hazard-assessments/batch", &county, assessments).await;
    assert_eq!((again.body["inserted"].as_u64(), again.body["unchanged"].as_u64()), (Some(0), Some(3)));
    let maintenance = json!([
        {"enterprise_code": code, "source_code": "MH-1", "maintained_on": day(-30), "equipment": "可燃气体探测器",
         "content": "年度检定", "maintainer": "江西示例计量检测有限公司", "result": "正常"},
        {"enterprise_code": code, "source_code": "MH-2", "maintained_on": day(-400), "equipment": "紧急切断阀",
         "content": "动作试验", "maintainer": "本企业", "result": "维修后正常"},
        {"enterprise_code": code, "source_code": "MH-2", "maintained_on": day(-10), "equipment": "",
         "content": "动作试验", "maintainer": "本企业", "result": "坏了"},
    ]);
    let r = app.post("/api/v1/safety/major-hazard-maintenance/batch", &county, maintenance).await;
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    assert_eq!(r.body["errors"].as_array().unwrap().len(), 2, "{}", r.body);

    let s1 = source_by_code(&app, &county, "MH-1").await;
    assert_eq!(
        (s1["last_assessed_on"].as_str(), s1["assessment_overdue"].as_bool()),
        (Some(day(-200).as_str()), Some(false))
    );
    assert_eq!(s1["maintenance_overdue"], false);
    assert_eq!(s1["assessments"].as_array().unwrap().len(), 2, "newest first: {}", s1["assessments"]);
    assert_eq!(s1["assessments"][0]["conclusion_name"], "合格");
    assert_eq!(s1["maintenance"][0]["equipment"], "可燃气体探测器");
    let s2 = source_by_code(&app, &county, "MH-2").await;
    assert_eq!((s2["assessment_overdue"].as_bool(), s2["maintenance_overdue"].as_bool()), (Some(true), Some(true)));

    // Overdue lists.
    let list = |q: &str| {
        let (app, county) = (&app, &county);
        let q = q.to_string();
        async move { app.get(&format!("/api/v1/safety/major-hazard-sources?page_size=200&{q}"), county).await.body }
    };
    let overdue = list("overdue=assessment").await;
    let codes: Vec<&str> = overdue["items"].as_array().unwrap().iter().filter_map(|s| s["code"].as_str()).collect();
    assert!(codes.contains(&"MH-2") && !codes.contains(&"MH-1"), "{codes:?}");
    assert!(overdue["items"].as_array().unwrap().iter().all(|s| s["assessment_overdue"] == true));
    assert_eq!(overdue["assessment_years"], 3);
    let missing = list("missing_safeguard=true").await;
    assert!(missing["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| !s["missing_safeguards"].as_array().unwrap().is_empty()));
    // A shorter maintenance period is configuration.
    let strict = spawn_app_with(|c| c.major_hazard_maintenance_months = 1).await;
    let t = strict.login("county-361102").await;
    let strict_list = strict.get("/api/v1/safety/major-hazard-sources?page_size=200", &t).await.body;
    let cutoff = day(-31);
    let expected = strict_list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["last_maintained_on"].as_str().is_none_or(|d| d < cutoff.as_str()))
        .count() as u64;
    let over = strict.get("/api/v1/safety/major-hazard-sources?overdue=maintenance&page_size=1", &t).await.body;
    assert_eq!(over["total"].as_u64(), Some(expected));
    assert!(expected > list("overdue=maintenance").await["total"].as_u64().unwrap(), "a month is stricter than a year");
    // A report file: PDF accepted, other types refused, downloaded in scope only.
    let aid = s1["assessments"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/safety/major-hazard-sources/{}/assessments/{aid}/report", s1["id"]);
    let r = app.upload(&path, &county, b"%PDF-1.7 report".to_vec(), "安全评估报告.pdf").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["assessments"][0]["report_name"], "安全评估报告.pdf");
    let bad = app.upload(&path, &county, b"MZ not a report".to_vec(), "x.exe").await;
    assert_eq!(bad.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let got = app.get(&path, &county).await;
    assert_eq!((got.status, got.bytes.as_ref()), (StatusCode::OK, b"%PDF-1.7 report".as_ref()));
    let other = app.login("county-361103").await;
    assert_eq!(app.get(&path, &other).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/api/v1/safety/major-hazard-sources/{}", s1["id"]), &other).await.status,
        StatusCode::NOT_FOUND
    );
    let theirs = app.get("/api/v1/safety/major-hazard-sources?page_size=200", &other).await.body;
    assert!(theirs["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["region_code"].as_str().unwrap().starts_with("361103")));

    // Statistics per county and by level.
    let stats = app.get("/api/v1/safety/major-hazard-sources/stats", &county).await.body;
    let xz = stats["items"].as_array().unwrap().iter().find(|s| s["key"] == "361102").unwrap().clone();
    let total = list("").await["total"].as_u64().unwrap();
    assert_eq!(xz["total"].as_u64(), Some(total));
    assert_eq!(xz["by_level"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).sum::<u64>(), total);
    assert_eq!(xz["assessment_overdue"].as_u64(), overdue["total"].as_u64());
    let by_level = app.get("/api/v1/safety/major-hazard-sources/stats?group=level", &county).await.body;
    assert!(by_level["items"].as_array().unwrap().iter().any(|s| s["name"] == "二级"));
    app.get("/api/v1/safety/major-hazard-sources/stats?group=colour", &county)
        .await
        .assert_problem(422, "validation_failed");

    // The export re-imports unchanged.
    let export = app.get("/api/v1/safety/major-hazard-sources?format=xlsx", &county).await;
    assert_eq!(read_sheet(&export.bytes).len() as u64 - 1, total);
    let r = app.upload("/api/v1/safety/major-hazard-sources/import", &county, export.bytes.clone(), "x.xlsx").await;
    assert_eq!(
        (r.body["unchanged"].as_u64(), r.body["errors"].as_array().map(Vec::len)),
        (Some(total), Some(0)),
        "{}",
        r.body
    );
    let _ = sources;
}
