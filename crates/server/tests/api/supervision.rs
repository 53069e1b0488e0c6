//! Supervision checks and spot checks (监督检查/抽查): a city task split into county parts with a
//! random sample, assigned to inspectors, executed once from the phone (replays change nothing),
//! hazards from failed points, the comparison with the enterprise's own records, progress per
//! level, recurring tasks and scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn day(offset: i64) -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() + chrono::Duration::days(offset)
}

const POINTS: [&str; 8] = [
    "no_leak_alarm",
    "no_auto_shutoff_valve",
    "aged_rubber_hose",
    "rubber_hose_too_long",
    "no_flame_failure",
    "unauthorised_alteration",
    "meter_or_pipe_leak",
    "poor_ventilation",
];

fn answers(fail: &[&str]) -> Value {
    let m: serde_json::Map<String, Value> =
        POINTS.iter().map(|p| (p.to_string(), json!(if fail.contains(p) { "fail" } else { "ok" }))).collect();
    Value::Object(m)
}

async fn spot_hazards(app: &TestApp, token: &str) -> u64 {
    app.get("/api/v1/safety/hazards?source=spot_check&page_size=1", token).await.body["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_city_spot_check_runs_down_to_the_inspector_and_back() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    let task = json!({"title": "2026年冬季燃气用户入户安全抽查", "template": "home_spot_check",
        "counties": ["361102", "361103"], "sample_size": 3, "deadline": day(10).to_string()});

    // Bad tasks are refused whole.
    let bad = app
        .post(
            "/api/v1/safety/supervision/tasks",
            &city,
            json!({"template": "no_such", "counties": ["999999"], "deadline": day(-1).to_string()}),
        )
        .await;
    bad.assert_problem(422, "validation_failed");
    for f in ["title", "template", "counties", "deadline"] {
        assert!(!bad.field_errors(f).is_empty(), "{f}: {}", bad.body);
    }
    let no_sample = app
        .post(
            "/api/v1/safety/supervision/tasks",
            &city,
            json!({"title": "x", "template": "home_spot_check", "deadline": day(3).to_string()}),
        )
        .await;
    assert!(!no_sample.field_errors("sample_size").is_empty(), "{}", no_sample.body);
    let other_county = app.post("/api/v1/safety/supervision/tasks", &county, json!({"title": "x", "template": "enterprise_check", "counties": ["361103"], "deadline": day(3).to_string()})).await;
    assert!(!other_county.field_errors("counties").is_empty());
    let ent = app.enterprise_in("361102").await;
    app.create_user("sc-ent", "enterprise_admin", app.enterprise_org(ent["id"].as_i64().unwrap()).await).await;
    let company = app.login("sc-ent").await;
    assert_eq!(
        app.post("/api/v1/safety/supervision/tasks", &company, task.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get("/api/v1/safety/supervision/tasks", &company).await.status, StatusCode::FORBIDDEN);

    // The city issues: one part per county, three users drawn in each.
    let r = app.post("/api/v1/safety/supervision/tasks", &city, task).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let top = r.body.clone();
    assert_eq!(top["subtasks"].as_array().unwrap().len(), 2);
    assert_eq!((top["total"].as_u64(), top["state"].as_str()), (Some(6), Some("issued")));
    assert_eq!(top["points"].as_array().unwrap().len(), 8);
    let part = top["subtasks"].as_array().unwrap().iter().find(|s| s["region_code"] == "361102").unwrap().clone();

    // The county sees its part (not the other county's); items are its users.
    let mine = app.get("/api/v1/safety/supervision/tasks?q=2026年冬季", &county).await.body;
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(
        (mine["items"][0]["id"].clone(), mine["items"][0]["issuer_level"].as_str()),
        (part["id"].clone(), Some("city"))
    );
    let all = app.get("/api/v1/safety/supervision/tasks?page_size=200", &county).await.body;
    assert!(all["items"].as_array().unwrap().iter().all(|t| t["region_code"] == "361102"), "{all}");
    let detail = app.get(&format!("/api/v1/safety/supervision/tasks/{}", part["id"]), &county).await.body;
    let items = detail["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i["region_code"].as_str().unwrap().starts_with("361102") && i["state"] == "pending"));
    let other = app.login("county-361103").await;
    let theirs = top["subtasks"].as_array().unwrap().iter().find(|s| s["region_code"] == "361103").unwrap().clone();
    assert_eq!(
        app.get(&format!("/api/v1/safety/supervision/tasks/{}", part["id"]), &other).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/api/v1/safety/supervision/tasks/{}", theirs["id"]), &other).await.status,
        StatusCode::OK
    );

    // Whom to assign to: the county authority's active accounts, inspectors first.
    let inspector_id = app.create_user("sc-insp", "inspector", app.authority_org("361102").await).await;
    let who = app.get(&format!("/api/v1/safety/supervision/tasks/{}/assignees", part["id"]), &county).await.body;
    let names: Vec<&str> = who.as_array().unwrap().iter().filter_map(|u| u["username"].as_str()).collect();
    assert!(names.contains(&"sc-insp") && names.contains(&"county-361102"), "{names:?}");
    assert_eq!(who[0]["role"], "inspector");
    assert_eq!(
        app.get(&format!("/api/v1/safety/supervision/tasks/{}/assignees", part["id"]), &other).await.status,
        StatusCode::NOT_FOUND
    );
    // Assign two items to a 信州区 inspector; not to someone of another county.
    let stranger = app.create_user("sc-other", "inspector", app.authority_org("361103").await).await;
    let ids: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let path = format!("/api/v1/safety/supervision/tasks/{}/assign", part["id"]);
    let r = app.post(&path, &county, json!({"item_ids": [ids[0]], "assignee_id": stranger})).await;
    assert!(!r.field_errors("assignee_id").is_empty(), "{}", r.body);
    let r = app.post(&path, &county, json!({"item_ids": [ids[0], ids[1]], "assignee_id": inspector_id})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["assigned"].as_u64(), r.body["pending"].as_u64()), (Some(2), Some(1)));

    // The enterprise's own record for the first user says 合格.
    let user = app.get(&format!("/api/v1/industry/gas-users/{}", items[0]["target_id"]), &county).await.body;
    let owner = app.get(&format!("/api/v1/industry/enterprises/{}", user["enterprise_id"]), &county).await.body;
    let rec = json!([{"enterprise_code": owner["code"], "record_no": "SC-R1", "account_no": user["account_no"],
        "inspected_on": day(-20).to_string(), "inspector": "王安检", "outcome": "合格"}]);
    let r = app.post("/api/v1/safety/home-inspections/batch", &county, rec).await;
    assert_eq!(r.body["inserted"], 1, "{} {user}", r.body);

    // The inspector's phone: the items given to them.
    let insp = app.login("sc-insp").await;
    let my = app.get("/api/v1/safety/supervision/my-items", &insp).await.body;
    assert_eq!(my["total"], 2);
    let item = &items[0];
    let (lng, lat) = (item["target_lng"].as_f64().unwrap(), item["target_lat"].as_f64().unwrap());
    let result = json!({"client_uuid": "phone-1", "answers": answers(&["aged_rubber_hose"]), "note": "胶管已龟裂",
        "location": {"lng": lng, "lat": lat + 0.0002, "accuracy_m": 12.0},
        "trail": [{"lng": lng, "lat": lat, "accuracy_m": 15.0}, {"lng": lng, "lat": lat + 0.0002, "accuracy_m": 12.0}]});
    let before = spot_hazards(&app, &county).await;
    let rpath = format!("/api/v1/safety/supervision/items/{}/result", ids[0]);
    // Someone else cannot record it; an incomplete checklist is refused.
    let not_mine = app.login("sc-other").await;
    assert_eq!(app.post(&rpath, &not_mine, result.clone()).await.status, StatusCode::NOT_FOUND);
    let mut partial = result.clone();
    partial["answers"].as_object_mut().unwrap().remove("poor_ventilation");
    partial["answers"]["no_leak_alarm"] = json!("maybe");
    let r = app.post(&rpath, &insp, partial).await;
    r.assert_problem(422, "validation_failed");
    assert!(
        !r.field_errors("answers.poor_ventilation").is_empty() && !r.field_errors("answers.no_leak_alarm").is_empty()
    );
    let mut no_uuid = result.clone();
    no_uuid["client_uuid"] = Value::Null;
    assert!(!app.post(&rpath, &insp, no_uuid).await.field_errors("client_uuid").is_empty());

    // An item not yet assigned takes no result (409); one assigned to someone else not from the county (403).
    let pending = format!("/api/v1/safety/supervision/items/{}/result", ids[2]);
    app.post(&pending, &county, result.clone()).await.assert_problem(409, "illegal_transition");
    assert_eq!(app.post(&rpath, &county, result.clone()).await.status, StatusCode::FORBIDDEN);

    let r = app.post(&rpath, &insp, result.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done = r.body.clone();
    assert_eq!(done["points"].as_array().unwrap().len(), 8, "the checklist travels with the item");
    assert_eq!(done["state"], "done");
    assert_eq!(done["failed_points"], json!(["连接软管无老化、龟裂"]));
    assert!((done["distance_m"].as_f64().unwrap() - 22.1).abs() < 1.0, "{}", done["distance_m"]);
    assert_eq!(done["location_flag"], Value::Null);
    assert_eq!(done["trail"].as_array().unwrap().len(), 2);
    assert_eq!((done["enterprise_outcome"].as_str(), done["discrepancy"].as_bool()), (Some("passed"), Some(true)));
    assert_eq!(done["hazards"].as_array().unwrap().len(), 1);
    assert_eq!(spot_hazards(&app, &county).await, before + 1);
    // The same upload again (after a network drop) changes nothing; another one is a conflict.
    let again = app.post(&rpath, &insp, result.clone()).await;
    assert_eq!((again.status, again.body["id"].clone()), (StatusCode::OK, done["id"].clone()));
    assert_eq!(spot_hazards(&app, &county).await, before + 1);
    let mut second = result.clone();
    second["client_uuid"] = json!("phone-2");
    assert_eq!(app.post(&rpath, &insp, second).await.status, StatusCode::CONFLICT);
    // A done item cannot be reassigned.
    let r = app.post(&path, &county, json!({"item_ids": [ids[0]], "assignee_id": inspector_id})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // A doubtful location is kept, and flagged.
    let far = json!({"client_uuid": "phone-3", "answers": answers(&[]), "location": {"lng": 121.5, "lat": 31.2, "accuracy_m": 8.0}});
    let r = app.post(&format!("/api/v1/safety/supervision/items/{}/result", ids[1]), &insp, far).await;
    assert_eq!(
        (r.body["location_flag"].as_str(), r.body["lng"].as_f64()),
        (Some("outside"), Some(121.5)),
        "{}",
        r.body
    );

    // Photos: the same file twice is kept once; other types are refused.
    let ppath = format!("/api/v1/safety/supervision/items/{}/photos", ids[0]);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-site".to_vec();
    assert_eq!(app.upload(&ppath, &insp, png.clone(), "现场.png").await.status, StatusCode::OK);
    let r = app.upload(&ppath, &insp, png, "现场.png").await;
    assert_eq!(r.body["photos"].as_array().unwrap().len(), 1);
    assert_eq!(app.upload(&ppath, &insp, b"GIF89a".to_vec(), "x.gif").await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // The city follows progress and the discrepancy with the enterprise's records.
    let tasks = app.get("/api/v1/safety/supervision/tasks", &city).await.body;
    let t = tasks["items"].as_array().unwrap().iter().find(|t| t["id"] == top["id"]).unwrap().clone();
    assert_eq!(
        (t["done"].as_u64(), t["with_hazards"].as_u64(), t["discrepancies"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(t["state"], "in_progress");
    let d = app.get(&format!("/api/v1/safety/supervision/discrepancies?task_id={}", top["id"]), &city).await.body;
    assert_eq!(d["summary"]["discrepancies"], 1);
    assert_eq!(d["checks"][0]["id"], done["id"]);
    assert_eq!(d["items"][0]["key"], user["enterprise_id"].to_string());
    let theirs = app.get("/api/v1/safety/supervision/discrepancies", &other).await.body;
    assert_eq!(theirs["summary"]["compared"], 0, "another county sees none of 信州区's checks");
    let by_region = app.get("/api/v1/safety/supervision/discrepancies?group=region", &city).await.body;
    assert_eq!(by_region["items"][0]["key"], "361102");
}

#[tokio::test]
async fn a_recurring_county_task_starts_each_period_once() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let r = app
        .post(
            "/api/v1/safety/supervision/tasks",
            &county,
            json!({"title": "燃气企业月度监督检查", "template": "enterprise_check", "recurrence": "monthly"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let top = r.body.clone();
    assert_eq!(top["recurrence_name"], "每月");
    assert_eq!(top["issuer_level"], "county");
    let end = top["deadline"].as_str().unwrap().to_string();
    assert!(top["total"].as_u64().unwrap() > 0, "every active enterprise of 信州区");
    let spawn = |d| ranjian_server::safety::supervision::service::spawn_recurring(&app.state, d);
    assert_eq!(spawn(day(0)).await.unwrap(), 0, "this period's task is there");
    let next = chrono::NaiveDate::parse_from_str(&end, "%Y-%m-%d").unwrap() + chrono::Duration::days(1);
    assert_eq!(spawn(next).await.unwrap(), 2, "this series and the demo's");
    assert_eq!(spawn(next).await.unwrap(), 0, "once per period");
    let tasks = app.get("/api/v1/safety/supervision/tasks?q=燃气企业月度监督检查&page_size=200", &county).await.body;
    assert_eq!(tasks["total"], 2, "two periods of this series: {tasks}");
    let mut labels: Vec<&str> =
        tasks["items"].as_array().unwrap().iter().filter_map(|t| t["period_label"].as_str()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), 2, "{labels:?}");
}
