use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn users_name_a_known_community_and_their_personal_data_is_protected() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let ent = app.enterprise_in("361102").await;
    let code = ent["code"].as_str().unwrap();
    let comm = json!([{"enterprise_code": code, "code": "T-C1", "name": "测试花园", "township": "城东街道", "lng": 117.95, "lat": 28.45}]);
    let r = app.post("/api/v1/industry/communities/batch", &county, comm).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    // A bad longitude is one error, on the longitude; one coordinate alone asks for the other.
    let bad = json!([
        {"enterprise_code": code, "code": "T-C9", "name": "坏坐标", "lng": 200, "lat": 28.45},
        {"enterprise_code": code, "code": "T-C8", "name": "缺纬度", "lng": 117.95}
    ]);
    let r = app.post("/api/v1/industry/communities/batch", &county, bad).await;
    let errors = r.body["errors"].as_array().unwrap();
    let row1: Vec<&str> = errors.iter().filter(|e| e["row"] == 1).map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(row1, ["lng"], "{}", r.body);
    assert!(errors.iter().any(|e| e["row"] == 2 && e["reason"].as_str().unwrap().contains("同时填写")), "{}", r.body);
    let users = json!([
        {"enterprise_code": code, "account_no": 9000001, "category": "居民", "holder_name": "王小明", "community_code": "T-C1",
         "address": "测试花园3栋2单元501", "phone": "13907935678", "leak_alarm": "是", "auto_shutoff_valve": "否", "metal_hose": true},
        {"enterprise_code": code, "account_no": "9000002", "category": "餐饮", "holder_name": "测试饭店", "community_code": "T-C1", "leak_alarm": "否"},
        {"enterprise_code": code, "account_no": "9000003", "category": "居民", "holder_name": "无小区", "community_code": "NO-SUCH"},
        {"enterprise_code": "91110000600037341L", "account_no": "9000004", "category": "居民", "holder_name": "无企业", "community_code": "T-C1"},
        {"enterprise_code": code, "account_no": "9000005", "category": "外星人", "holder_name": "坏类别", "community_code": "T-C1", "phone": "123"}
    ]);
    let r = app.post("/api/v1/industry/gas-users/batch", &county, users.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let has = |row: u64, field: &str| errors.iter().any(|e| e["row"] == row && e["field"] == field);
    assert!(
        has(3, "community_code") && has(4, "enterprise_code") && has(5, "category") && has(5, "phone"),
        "{errors:?}"
    );
    assert_eq!(app.post("/api/v1/industry/gas-users/batch", &county, users).await.body["unchanged"], 2);

    let cid = app.get("/api/v1/industry/communities?q=T-C1", &county).await.body["items"][0]["id"].as_i64().unwrap();
    let list = app.get(&format!("/api/v1/industry/gas-users?community_id={cid}"), &county).await;
    assert_eq!(list.body["total"], 2);
    let u = list.body["items"].as_array().unwrap().iter().find(|u| u["account_no"] == "9000001").unwrap().clone();
    assert_eq!(u["holder_name"], "王**");
    assert_eq!(u["phone_masked"], "139****5678");
    assert!(u["address_masked"].as_str().unwrap().ends_with('*'));
    assert_eq!(u["region_code"], "361102");
    assert_eq!(u["township"], "城东街道");
    // An edit that leaves out the (masked) address and phone keeps them.
    let edit = json!([{"enterprise_code": code, "account_no": "9000001", "category": "居民", "holder_name": "王小明",
        "community_code": "T-C1", "leak_alarm": "是", "auto_shutoff_valve": "是", "metal_hose": "是"}]);
    assert_eq!(app.post("/api/v1/industry/gas-users/batch", &county, edit).await.body["updated"], 1);
    let again = app.get(&format!("/api/v1/industry/gas-users/{}", u["id"]), &county).await;
    assert_eq!(
        (again.body["phone_masked"].as_str(), again.body["auto_shutoff_valve"].as_bool()),
        (Some("139****5678"), Some(true))
    );
    assert_eq!(again.body["address_masked"], u["address_masked"]);
    assert_eq!(
        (u["leak_alarm"].as_bool(), u["auto_shutoff_valve"].as_bool(), u["metal_hose"].as_bool()),
        (Some(true), Some(false), Some(true))
    );
    // Stored encrypted.
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db.conn;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT address_enc, phone_enc FROM gas_user WHERE account_no = '9000001'",
        ))
        .await
        .unwrap()
        .unwrap();
    let addr: String = row.try_get("", "address_enc").unwrap();
    // Ciphertext, not the address (a random ciphertext may well contain "501": test the words).
    assert!(!addr.contains("测试花园") && !addr.contains("单元"), "{addr}");
    assert_eq!(app.state.crypto.decrypt(&addr).as_deref(), Some("测试花园3栋2单元501"));
    // Rates of the new community: 1 of 2 users has a leak alarm.
    let stats = app.get("/api/v1/industry/gas-users/stats?group=community", &county).await;
    let mine =
        stats.body["items"].as_array().unwrap().iter().find(|s| s["key"] == cid.to_string().as_str()).unwrap().clone();
    assert_eq!((mine["users"].as_i64(), mine["leak_alarm"].as_i64()), (Some(2), Some(1)));
    assert!((mine["leak_alarm_rate"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert_eq!(mine["name"], "测试花园");
    // Users lacking a leak alarm.
    let lacking = app.get(&format!("/api/v1/industry/gas-users?community_id={cid}&missing=leak_alarm"), &county).await;
    assert_eq!(lacking.body["total"], 1);
    // A community filed under another township takes its users with it.
    let moved = json!([{"enterprise_code": code, "code": "T-C1", "name": "测试花园", "township": "城西街道", "lng": 117.95, "lat": 28.45}]);
    assert_eq!(app.post("/api/v1/industry/communities/batch", &county, moved).await.body["updated"], 1);
    let list = app.get(&format!("/api/v1/industry/gas-users?community_id={cid}"), &county).await;
    let townships: Vec<&str> =
        list.body["items"].as_array().unwrap().iter().map(|u| u["township"].as_str().unwrap()).collect();
    assert_eq!(townships, ["城西街道", "城西街道"]);
}

#[tokio::test]
async fn installation_rates_and_user_lists_are_scoped() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let county = app.login("county-361102").await;
    let by_region = app.get("/api/v1/industry/gas-users/stats?group=region", &city).await;
    assert_eq!(by_region.body["items"].as_array().unwrap().len(), 12);
    let total: i64 = by_region.body["items"].as_array().unwrap().iter().map(|s| s["users"].as_i64().unwrap()).sum();
    assert_eq!(total, by_region.body["summary"]["users"].as_i64().unwrap());
    let mine = app.get("/api/v1/industry/gas-users/stats?group=category", &county).await;
    let names: Vec<&str> = mine.body["items"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"居民"), "{names:?}");
    let xinzhou = by_region.body["items"].as_array().unwrap().iter().find(|s| s["key"] == "361102").unwrap()["users"]
        .as_i64()
        .unwrap();
    assert_eq!(mine.body["summary"]["users"].as_i64().unwrap(), xinzhou);
    let list = app.get("/api/v1/industry/gas-users?page_size=200", &county).await;
    assert!(list.body["items"].as_array().unwrap().iter().all(|u| u["region_code"] == "361102"));
    let foreign = app.get("/api/v1/industry/gas-users?region_code=361103&page_size=1", &city).await;
    let fid = foreign.body["items"][0]["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/gas-users/{fid}"), &county).await.assert_problem(404, "not_found");
    let fc = app.get("/api/v1/industry/communities?region_code=361103&page_size=1", &city).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    app.get(&format!("/api/v1/industry/communities/{fc}"), &county).await.assert_problem(404, "not_found");
    // Another county's community lists none of its users.
    let theirs = app.get(&format!("/api/v1/industry/gas-users?community_id={fc}"), &county).await;
    assert_eq!((theirs.body["total"].as_i64(), theirs.body["items"].as_array().map(Vec::len)), (Some(0), Some(0)));
    assert!(
        app.get(&format!("/api/v1/industry/gas-users?community_id={fc}"), &city).await.body["total"].as_i64() > Some(0)
    );
}
