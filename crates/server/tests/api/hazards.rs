//! Hazards (隐患): reported through the ingestion pipeline or found by home inspections, rectified
//! step by step with evidence photos, reviewed by the authority, supervised when overdue; rates and
//! overdue lists; scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn day(offset: i64) -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() + chrono::Duration::days(offset)
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-evidence";

async fn hazard_by_code(app: &TestApp, token: &str, code: &str) -> Value {
    let r = app.get(&format!("/api/v1/safety/hazards?q={code}"), token).await;
    let id = r.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{code}: {}", r.body));
    app.get(&format!("/api/v1/safety/hazards/{id}"), token).await.body
}

async fn step(app: &TestApp, token: &str, id: &Value, action: &str, note: Option<&str>) -> Resp {
    app.post(&format!("/api/v1/safety/hazards/{id}/transitions"), token, json!({"action": action, "note": note})).await
}

#[tokio::test]
async fn a_reported_hazard_is_rectified_reviewed_and_closed() {
    let app = spawn_app_with(|c| c.photo_max_bytes = 4096).await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap().to_string();
    app.create_user("hz-ent", "enterprise_admin", app.enterprise_org(ent["id"].as_i64().unwrap()).await).await;
    let company = app.login("hz-ent").await;
    let batch = json!([
        {"enterprise_code": code, "code": "HZ-1", "source": "巡查巡检", "level": "一般隐患", "category": "管网",
         "description": "调压箱锈蚀", "place_kind": "位置点", "lng": 117.95, "lat": 28.45, "found_on": day(-5).to_string(),
         "finder": "周巡线", "deadline": day(20).to_string()},
        {"enterprise_code": code, "code": "HZ-2", "source": "企业自查", "level": "一般隐患", "criterion": "燃气管道及设施被建筑物、构筑物占压，或安全间距不足",
         "category": "管网", "description": "中压管道上方违章搭建", "place_kind": "位置点", "lng": 117.96, "lat": 28.44,
         "found_on": day(-3).to_string(), "finder": "周巡线", "deadline": day(30).to_string()},
        {"enterprise_code": code, "code": "HZ-3", "source": "企业自查", "level": "一般隐患", "category": "管网", "description": "期限早于发现",
         "place_kind": "位置点", "lng": 117.9, "lat": 28.4, "found_on": day(-3).to_string(), "finder": "周", "deadline": day(-4).to_string()},
        {"enterprise_code": code, "code": "HZ-4", "source": "企业自查", "level": "一般隐患", "category": "管网", "description": "未来发现",
         "place_kind": "位置点", "lng": 117.9, "lat": 28.4, "found_on": day(2).to_string(), "finder": "周", "deadline": day(9).to_string()},
        {"enterprise_code": code, "code": "HZ-5", "source": "企业自查", "level": "一般隐患", "category": "用户", "description": "没有的用户",
         "place_kind": "燃气用户", "place_ref": "NO-SUCH-ACCOUNT", "found_on": day(-1).to_string(), "finder": "周", "deadline": day(9).to_string()},
        {"enterprise_code": code, "code": "HZ-6", "source": "企业自查", "level": "特大", "category": "管网", "description": "坏等级和位置",
         "place_kind": "位置点", "lng": 121.5, "lat": 31.2, "found_on": day(-1).to_string(), "finder": "周", "deadline": day(9).to_string()},
        {"enterprise_code": code, "code": "HZ-7", "source": "企业自查", "level": "一般隐患", "category": "管网", "description": "缺坐标",
         "place_kind": "位置点", "found_on": day(-1).to_string(), "finder": "周", "deadline": day(9).to_string()}
    ]);
    let r = app.post("/api/v1/safety/hazards/batch", &county, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let has = |row: u64, field: &str| errors.iter().any(|e| e["row"] == row && e["field"] == field);
    assert!(
        has(3, "deadline")
            && has(4, "found_on")
            && has(5, "place_ref")
            && has(6, "level")
            && has(6, "lng")
            && has(7, "lng"),
        "{errors:?}"
    );
    assert_eq!(app.post("/api/v1/safety/hazards/batch", &county, batch).await.body["unchanged"], 2);

    // A finding that meets a major-hazard criterion is major whatever level it was reported with.
    let major = hazard_by_code(&app, &county, "HZ-2").await;
    assert_eq!((major["level"].as_str(), major["state"].as_str()), (Some("major"), Some("found")));
    assert_eq!(major["history"][0]["action"], "reported");
    let id = major["id"].clone();
    // The authority cannot start the enterprise's rectification; nobody may close an unreviewed hazard.
    step(&app, &county, &id, "start", None).await.assert_problem(403, "forbidden");
    let r = step(&app, &company, &id, "close", None).await;
    r.assert_problem(409, "illegal_transition");
    assert_eq!(r.body["allowed"], json!(["start"]), "{}", r.body);
    assert_eq!(step(&app, &company, &id, "start", None).await.body["state"], "rectifying");
    step(&app, &company, &id, "submit", Some(" ")).await.assert_problem(422, "validation_failed");
    // Evidence photos: JPEG/PNG/WebP only, within the size limit; they join the next step.
    let photo_url = format!("/api/v1/safety/hazards/{id}/photos");
    app.upload(&photo_url, &company, b"not a photo".to_vec(), "x.txt")
        .await
        .assert_problem(415, "unsupported_media_type");
    let mut big = PNG.to_vec();
    big.resize(5000, 0);
    app.upload(&photo_url, &company, big, "big.png").await.assert_problem(413, "payload_too_large");
    let r = app.upload(&photo_url, &company, PNG.to_vec(), "拆除后.png").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["pending_photos"].as_array().unwrap().len(), 1);
    let r = step(&app, &company, &id, "submit", Some("已拆除违章搭建，见照片")).await;
    assert_eq!(r.body["state"], "awaiting_review", "{}", r.body);
    let last = r.body["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["action"].as_str(), last["photos"].as_array().map(Vec::len)), (Some("submit"), Some(1)));
    let pid = last["photos"][0]["id"].as_i64().unwrap();
    let photo = app.get(&format!("{photo_url}/{pid}"), &county).await;
    assert_eq!((photo.bytes.as_ref(), photo.content_type()), (PNG, "image/png"));
    // An enterprise may not close its own major hazard: the authority reviews it.
    let r = step(&app, &company, &id, "close", None).await;
    r.assert_problem(409, "illegal_transition");
    assert!(r.body["detail"].as_str().unwrap().contains("复核"), "{}", r.body);
    step(&app, &county, &id, "reject", None).await.assert_problem(422, "validation_failed");
    assert_eq!(step(&app, &county, &id, "reject", Some("照片未显示管道上方")).await.body["state"], "rectifying");
    step(&app, &company, &id, "submit", Some("补充照片")).await;
    let closed = step(&app, &county, &id, "close", Some("现场复核通过")).await;
    assert_eq!(
        (closed.body["state"].as_str(), closed.body["allowed"].as_array().map(Vec::len)),
        (Some("closed"), Some(0))
    );
    app.upload(&photo_url, &company, PNG.to_vec(), "late.png").await.assert_problem(409, "conflict");
    let actions: Vec<&str> =
        closed.body["history"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["reported", "start", "submit", "reject", "submit", "close"]);

    // A general hazard may be closed by the enterprise once it has submitted its rectification; the
    // rates count it at once.
    let closed_now = || async {
        app.get("/api/v1/safety/hazards/rectification", &county).await.body["summary"]["closed"].as_i64().unwrap()
    };
    let before = closed_now().await;
    let general = hazard_by_code(&app, &company, "HZ-1").await;
    let gid = general["id"].clone();
    step(&app, &company, &gid, "start", None).await;
    step(&app, &company, &gid, "submit", Some("已除锈刷漆")).await;
    assert_eq!(step(&app, &company, &gid, "close", None).await.body["state"], "closed");
    assert_eq!(closed_now().await, before + 1);

    // Another county sees none of it and cannot act on it; an inspector may look but not act.
    let other = app.login("county-361103").await;
    app.get(&format!("/api/v1/safety/hazards/{id}"), &other).await.assert_problem(404, "not_found");
    step(&app, &other, &gid, "reject", Some("x")).await.assert_problem(404, "not_found");
    let inspector = app.login("inspector-361102").await;
    assert_eq!(app.get(&format!("/api/v1/safety/hazards/{id}"), &inspector).await.status, StatusCode::OK);
    step(&app, &inspector, &id, "close", None).await.assert_problem(403, "forbidden");

    let stats = app.get("/api/v1/safety/hazards/rectification?group=level", &county).await;
    let major_row = stats.body["items"].as_array().unwrap().iter().find(|s| s["key"] == "major").unwrap().clone();
    assert!(major_row["closed"].as_i64().unwrap() >= 1, "{}", stats.body);
    let s = &stats.body["summary"];
    assert_eq!(s["found"].as_i64().unwrap(), s["closed"].as_i64().unwrap() + s["open"].as_i64().unwrap());
}

#[tokio::test]
async fn inspections_raise_hazards_and_overdue_ones_are_supervised() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let user = app.get("/api/v1/industry/gas-users?page_size=1", &county).await.body["items"][0].clone();
    let ent = app.get(&format!("/api/v1/industry/enterprises/{}", user["enterprise_id"]), &county).await.body;
    let code = ent["code"].as_str().unwrap().to_string();
    let found_on = day(-40);
    let inspection = json!([{"enterprise_code": code, "record_no": "HZ-AJ-1", "account_no": user["account_no"],
        "inspected_on": found_on.to_string(), "inspector": "钱安检", "outcome": "发现隐患", "hazards": "胶管老化、灶具无熄火保护"}]);
    let r = app.post("/api/v1/safety/home-inspections/batch", &county, inspection.clone()).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let list = app.get("/api/v1/safety/hazards?source=home_inspection&q=HZ-AJ-1-03", &county).await;
    assert_eq!(list.body["total"], 1, "{}", list.body);
    let h = list.body["items"][0].clone();
    assert_eq!((h["description"].as_str(), h["place_ref"].as_str()), (Some("胶管老化"), user["account_no"].as_str()));
    assert_eq!(h["deadline"], (found_on + chrono::Duration::days(30)).to_string(), "30 days to rectify by default");
    assert_eq!(h["overdue"], true);
    // Sending the inspection again raises nothing twice.
    app.post("/api/v1/safety/home-inspections/batch", &county, inspection).await;
    let all = app.get("/api/v1/safety/hazards?source=home_inspection&q=HZ-AJ-1", &county).await;
    let by_record = app.get("/api/v1/safety/hazards?source=home_inspection&page_size=200", &county).await;
    let mine = by_record.body["items"].as_array().unwrap().iter().filter(|x| x["source_ref"] == "HZ-AJ-1").count();
    assert_eq!(mine, 2, "{}", all.body);

    // The scheduler's job, on a controllable day: overdue supervision once per hazard.
    let today = day(0);
    let marked = ranjian_server::safety::hazard::service::mark_overdue(&app.state, today).await.unwrap();
    assert!(marked >= 2, "{marked}");
    assert_eq!(ranjian_server::safety::hazard::service::mark_overdue(&app.state, today).await.unwrap(), 0);
    let detail = app.get(&format!("/api/v1/safety/hazards/{}", h["id"]), &county).await.body;
    let overdue_steps = detail["history"].as_array().unwrap().iter().filter(|e| e["action"] == "overdue").count();
    assert_eq!(overdue_steps, 1);
    let overdue = app.get("/api/v1/safety/hazards?overdue=true&page_size=200", &county).await;
    assert!(overdue.body["items"].as_array().unwrap().iter().any(|x| x["id"] == h["id"]));
    assert!(overdue.body["items"].as_array().unwrap().iter().all(|x| x["overdue"] == true && x["state"] != "closed"));
    // A hazard not yet due is marked only once its day has come.
    let soon = json!([{"enterprise_code": code, "code": "HZ-SOON", "source": "企业自查", "level": "一般隐患", "category": "管网",
        "description": "阀门井积水", "place_kind": "位置点", "lng": 117.95, "lat": 28.45, "found_on": day(0).to_string(),
        "finder": "周", "deadline": day(10).to_string()}]);
    assert_eq!(app.post("/api/v1/safety/hazards/batch", &county, soon).await.body["inserted"], 1);
    let mark = |d| ranjian_server::safety::hazard::service::mark_overdue(&app.state, d);
    let steps = || async { hazard_by_code(&app, &county, "HZ-SOON").await["history"].as_array().unwrap().len() };
    mark(day(0)).await.unwrap();
    mark(day(10)).await.unwrap();
    assert_eq!(steps().await, 1, "due on its deadline, overdue the day after");
    mark(day(11)).await.unwrap();
    assert_eq!(steps().await, 2);
    let by_region = app.get("/api/v1/safety/hazards/rectification", &county).await;
    let xz = by_region.body["items"].as_array().unwrap().iter().find(|s| s["key"] == "361102").unwrap().clone();
    assert!(xz["overdue"].as_i64().unwrap() >= 2, "{}", by_region.body);
    let other = app.login("county-361103").await;
    let theirs = app.get("/api/v1/safety/hazards/rectification", &other).await;
    assert!(theirs.body["items"].as_array().unwrap().iter().all(|s| s["key"] != "361102"));
    app.get("/api/v1/safety/hazards/rectification?group=colour", &county)
        .await
        .assert_problem(422, "validation_failed");
    // Export → import changes nothing.
    let export = app.get("/api/v1/safety/hazards?q=HZ-AJ-1-03&format=xlsx", &county).await;
    let r = app.upload("/api/v1/safety/hazards/import", &county, export.bytes.clone(), "x.xlsx").await;
    assert_eq!(
        (r.body["unchanged"].as_u64(), r.body["errors"].as_array().map(Vec::len)),
        (Some(1), Some(0)),
        "{}",
        r.body
    );
}
