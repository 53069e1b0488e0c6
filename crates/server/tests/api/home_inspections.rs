//! Home safety inspections (入户安检): records matched to the enterprise's users, bad rows reported,
//! completion over the cycle (households 24 months, others 12), the users who are due, export and
//! re-import, scope.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn days_ago(n: i64) -> String {
    ((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() - chrono::Duration::days(n)).to_string()
}

/// A community of three users of a 信州区 enterprise: two households (A, B) and a restaurant (C).
async fn setup(app: &TestApp, token: &str) -> (String, i64) {
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap().to_string();
    let comm = json!([{"enterprise_code": code, "code": "AJ-C1", "name": "安检花园", "township": "城北街道", "lng": 117.96, "lat": 28.46}]);
    assert_eq!(app.post("/api/v1/industry/communities/batch", token, comm).await.body["inserted"], 1);
    let users = json!([
        {"enterprise_code": code, "account_no": "AJ-A", "category": "居民", "holder_name": "张三", "community_code": "AJ-C1"},
        {"enterprise_code": code, "account_no": "AJ-B", "category": "居民", "holder_name": "李四", "community_code": "AJ-C1"},
        {"enterprise_code": code, "account_no": "AJ-C", "category": "餐饮", "holder_name": "安检饭店", "community_code": "AJ-C1"}
    ]);
    assert_eq!(app.post("/api/v1/industry/gas-users/batch", token, users).await.body["inserted"], 3);
    let cid = app.get("/api/v1/industry/communities?q=AJ-C1", token).await.body["items"][0]["id"].as_i64().unwrap();
    (code, cid)
}

fn completion_of(body: &Value, key: &str) -> (i64, i64, i64, i64) {
    let items = body["items"].as_array().unwrap_or_else(|| panic!("{body}"));
    let s = items.iter().find(|s| s["key"] == key).expect("group present").clone();
    (
        s["users"].as_i64().unwrap(),
        s["inspected"].as_i64().unwrap(),
        s["never"].as_i64().unwrap(),
        s["lapsed"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn inspections_count_towards_the_cycle_and_bad_rows_are_reported() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let (code, cid) = setup(&app, &county).await;
    let before = app.get("/api/v1/safety/home-inspections?page_size=1", &county).await.body["total"].as_u64().unwrap();
    let batch = json!([
        {"enterprise_code": code, "record_no": "R1", "account_no": "AJ-A", "inspected_on": days_ago(400), "inspector": "王安检", "outcome": "合格"},
        {"enterprise_code": code, "record_no": "R2", "account_no": "AJ-C", "inspected_on": days_ago(400), "inspector": "王安检",
         "outcome": "发现隐患", "hazards": "胶管老化、未安装燃气泄漏报警器"},
        {"enterprise_code": code, "record_no": "R3", "account_no": "AJ-B", "inspected_on": days_ago(30), "inspector": "王安检", "outcome": "拒绝入户"},
        {"enterprise_code": code, "record_no": "R4", "account_no": "NO-SUCH", "inspected_on": days_ago(3), "inspector": "王安检", "outcome": "合格"},
        {"enterprise_code": code, "record_no": "R5", "account_no": "AJ-A", "inspected_on": days_ago(-2), "inspector": "王安检", "outcome": "合格"},
        {"enterprise_code": code, "record_no": "R6", "account_no": "AJ-A", "inspected_on": days_ago(3), "inspector": "王安检", "outcome": "发现隐患"},
        {"enterprise_code": code, "record_no": "R7", "account_no": "AJ-A", "inspected_on": days_ago(3), "inspector": "王安检", "outcome": "合格", "hazards": "胶管老化"},
        {"enterprise_code": code, "record_no": "R8", "account_no": "AJ-A", "inspected_on": days_ago(3), "inspector": "王安检", "outcome": "发现隐患", "hazards": "漏水"},
        {"enterprise_code": code, "record_no": "R9", "account_no": "AJ-A", "inspected_on": "2026-02-30", "inspector": "", "outcome": "良好"}
    ]);
    let r = app.post("/api/v1/safety/home-inspections/batch", &county, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 3, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let has = |row: u64, field: &str, words: &str| {
        errors.iter().any(|e| e["row"] == row && e["field"] == field && e["reason"].as_str().unwrap().contains(words))
    };
    assert!(has(4, "account_no", "没有此户号"), "{errors:?}");
    assert!(has(5, "inspected_on", "不能晚于今天"), "{errors:?}");
    assert!(has(6, "hazards", "须填写"), "{errors:?}");
    assert!(has(7, "hazards", "不应填写"), "{errors:?}");
    assert!(has(8, "hazards", "漏水"), "{errors:?}");
    assert!(
        has(9, "inspected_on", "不是有效日期") && has(9, "inspector", "不能为空") && has(9, "outcome", "无效"),
        "{errors:?}"
    );
    let total = app.get("/api/v1/safety/home-inspections?page_size=1", &county).await.body["total"].as_u64().unwrap();
    assert_eq!(total, before + 3, "only the good rows are written");
    // Sending the same batch again changes nothing.
    assert_eq!(app.post("/api/v1/safety/home-inspections/batch", &county, batch).await.body["unchanged"], 3);

    let list = app.get(&format!("/api/v1/safety/home-inspections?community_id={cid}"), &county).await;
    assert_eq!(list.body["total"], 3);
    let r2 = list.body["items"].as_array().unwrap().iter().find(|i| i["record_no"] == "R2").unwrap().clone();
    let names: Vec<&str> = r2["hazards"].as_array().unwrap().iter().map(|h| h["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"胶管老化") && names.contains(&"未安装燃气泄漏报警器"), "{names:?}");
    assert_eq!((r2["outcome_name"].as_str(), r2["community_name"].as_str()), (Some("发现隐患"), Some("安检花园")));
    let r1 = list.body["items"].as_array().unwrap().iter().find(|i| i["record_no"] == "R1").unwrap().clone();
    assert_eq!(r1["holder_name"], "张*", "a household's name is masked");
    let detail = app.get(&format!("/api/v1/safety/home-inspections/{}", r1["id"]), &county).await;
    assert_eq!(detail.body["account_no"], "AJ-A");

    // A (household, 400 days ago) is within its 24 months; C (restaurant, 400 days ago) is past its
    // 12; B refused entry, which is a visit, not an inspection.
    let by_comm = app.get("/api/v1/safety/home-inspections/completion?group=community", &county).await;
    assert_eq!(completion_of(&by_comm.body, &cid.to_string()), (3, 1, 1, 1));
    let due = app.get(&format!("/api/v1/safety/home-inspections/due-users?community_id={cid}"), &county).await;
    let accounts: Vec<&str> =
        due.body["items"].as_array().unwrap().iter().map(|u| u["account_no"].as_str().unwrap()).collect();
    assert_eq!(accounts, ["AJ-B", "AJ-C"]);
    let never =
        app.get(&format!("/api/v1/safety/home-inspections/due-users?community_id={cid}&state=never"), &county).await;
    assert_eq!(never.body["total"], 1);
    assert_eq!(never.body["items"][0]["account_no"], "AJ-B");
    // A new inspection of the restaurant under the same record number brings it back into the cycle.
    let again = json!([{"enterprise_code": code, "record_no": "R2", "account_no": "AJ-C", "inspected_on": days_ago(10),
        "inspector": "王安检", "outcome": "发现隐患", "hazards": "胶管老化"}]);
    assert_eq!(app.post("/api/v1/safety/home-inspections/batch", &county, again).await.body["updated"], 1);
    let by_comm = app.get("/api/v1/safety/home-inspections/completion?group=community", &county).await;
    assert_eq!(completion_of(&by_comm.body, &cid.to_string()), (3, 2, 1, 0));
    // The user ledger moves the counts at once: a new user is due, a closed account is no longer
    // counted (B, never inspected, closes; D joins).
    let users = json!([
        {"enterprise_code": code, "account_no": "AJ-B", "category": "居民", "holder_name": "李四", "community_code": "AJ-C1", "status": "销户"},
        {"enterprise_code": code, "account_no": "AJ-D", "category": "居民", "holder_name": "赵六", "community_code": "AJ-C1"}
    ]);
    let r = app.post("/api/v1/industry/gas-users/batch", &county, users).await;
    assert_eq!((r.body["inserted"].as_i64(), r.body["updated"].as_i64()), (Some(1), Some(1)), "{}", r.body);
    let by_comm = app.get("/api/v1/safety/home-inspections/completion?group=community", &county).await;
    assert_eq!(completion_of(&by_comm.body, &cid.to_string()), (3, 2, 1, 0));
    let never =
        app.get(&format!("/api/v1/safety/home-inspections/due-users?community_id={cid}&state=never"), &county).await;
    assert_eq!(never.body["items"][0]["account_no"], "AJ-D");
    // The county's figures add up, whatever the grouping.
    for group in ["region", "township", "enterprise", "category"] {
        let s = app.get(&format!("/api/v1/safety/home-inspections/completion?group={group}"), &county).await;
        assert_eq!(s.status, StatusCode::OK, "{group}: {}", s.body);
        let users: i64 = s.body["items"].as_array().unwrap().iter().map(|i| i["users"].as_i64().unwrap()).sum();
        assert_eq!(users, s.body["summary"]["users"].as_i64().unwrap(), "{group}");
    }
    app.get("/api/v1/safety/home-inspections/completion?group=planet", &county)
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn exports_reimport_unchanged_and_scope_holds() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let (code, cid) = setup(&app, &county).await;
    let batch = json!([
        {"enterprise_code": code, "record_no": "X1", "account_no": "AJ-A", "inspected_on": days_ago(5), "inspector": "赵", "outcome": "合格", "note": "检查正常"},
        {"enterprise_code": code, "record_no": "X2", "account_no": "AJ-C", "inspected_on": days_ago(6), "inspector": "赵", "outcome": "发现隐患", "hazards": "灶具无熄火保护"}
    ]);
    assert_eq!(app.post("/api/v1/safety/home-inspections/batch", &county, batch).await.body["inserted"], 2);
    let audit_before = app.audit_count().await;
    let export = app.get(&format!("/api/v1/safety/home-inspections?community_id={cid}&format=xlsx"), &county).await;
    assert_eq!(export.status, StatusCode::OK);
    let rows = read_sheet(&export.bytes);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].contains(&"安检记录编号".to_string()) && rows[0].contains(&"发现隐患".to_string()),
        "{:?}",
        rows[0]
    );
    assert_eq!(app.audit_count().await, audit_before + 1, "the export is audited");
    let r = app.upload("/api/v1/safety/home-inspections/import", &county, export.bytes.clone(), "x.xlsx").await;
    assert_eq!(
        (r.body["unchanged"].as_u64(), r.body["errors"].as_array().map(Vec::len)),
        (Some(2), Some(0)),
        "{}",
        r.body
    );
    let due =
        app.get(&format!("/api/v1/safety/home-inspections/due-users?community_id={cid}&format=xlsx"), &county).await;
    let due_rows = read_sheet(&due.bytes);
    assert_eq!(due_rows.len(), 2, "only AJ-B is due: {due_rows:?}");
    assert!(due_rows[1].contains(&"从未安检".to_string()), "{due_rows:?}");
    let template = app.get("/api/v1/safety/home-inspections/template", &county).await;
    assert_eq!(read_sheet(&template.bytes)[0][0], "*企业统一社会信用代码", "required columns are starred");

    // Another county sees none of it, cannot file for this enterprise, and its figures leave it out.
    let other = app.login("county-361103").await;
    let theirs = app.get("/api/v1/safety/home-inspections?q=X1", &other).await;
    assert_eq!(theirs.body["total"], 0);
    let id = app.get("/api/v1/safety/home-inspections?q=X1", &county).await.body["items"][0]["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/safety/home-inspections/{id}"), &other).await.assert_problem(404, "not_found");
    let due = app.get(&format!("/api/v1/safety/home-inspections/due-users?community_id={cid}"), &other).await;
    assert_eq!(due.body["total"], 0);
    let stats = app.get("/api/v1/safety/home-inspections/completion?group=community", &other).await;
    assert!(stats.body["items"].as_array().unwrap().iter().all(|s| s["key"] != cid.to_string().as_str()));
    let foreign = json!([{"enterprise_code": code, "record_no": "X3", "account_no": "AJ-B", "inspected_on": days_ago(1), "inspector": "赵", "outcome": "合格"}]);
    let r = app.post("/api/v1/safety/home-inspections/batch", &other, foreign).await;
    assert_eq!(r.body["inserted"], 0);
    assert_eq!(r.body["errors"][0]["field"], "enterprise_code", "{}", r.body);
    // The city sees both counties.
    let city = app.login("city-admin").await;
    let by_region = app.get("/api/v1/safety/home-inspections/completion", &city).await;
    assert_eq!(by_region.body["items"].as_array().unwrap().len(), 12, "{}", by_region.body);
}

#[tokio::test]
async fn inspection_photos_are_kept_once_and_checked() {
    let app = spawn_app_with(|c| c.photo_max_bytes = 4096).await;
    let county = app.login("county-361102").await;
    let list = app.get("/api/v1/safety/home-inspections?page_size=1", &county).await.body;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/safety/home-inspections/{id}/photos");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-kitchen".to_vec();
    let r = app.upload(&path, &county, png.clone(), "厨房.png").await;
    assert_eq!(r.status, reqwest::StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["photos"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["record_no"], list["items"][0]["record_no"], "the detail is the inspection with its photos");
    let again = app.upload(&path, &county, png.clone(), "厨房.png").await;
    assert_eq!(again.body["photos"].as_array().unwrap().len(), 1, "a replayed upload adds nothing");
    assert_eq!(
        app.upload(&path, &county, b"GIF89a".to_vec(), "x.gif").await.status,
        reqwest::StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let mut big = png.clone();
    big.resize(5000, 0);
    assert_eq!(app.upload(&path, &county, big, "big.png").await.status, reqwest::StatusCode::PAYLOAD_TOO_LARGE);
    let pid = r.body["photos"][0]["id"].as_i64().unwrap();
    let got = app.get(&format!("{path}/{pid}"), &county).await;
    assert_eq!((got.status, got.bytes.to_vec()), (reqwest::StatusCode::OK, png));
    let other = app.login("county-361103").await;
    assert_eq!(app.get(&format!("{path}/{pid}"), &other).await.status, reqwest::StatusCode::NOT_FOUND);
    assert_eq!(
        app.upload(&path, &other, b"\x89PNG\r\n\x1a\nX".to_vec(), "x.png").await.status,
        reqwest::StatusCode::NOT_FOUND
    );
}
