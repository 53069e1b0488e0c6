use crate::helpers::*;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseBackend};
use serde_json::json;

#[tokio::test]
async fn logins_writes_and_exports_are_logged_with_who_what_and_where() {
    let app = spawn_app().await;
    app.try_login("county-361102", "Wrong@2026").await;
    app.try_login("ghost", "Wrong@2026").await;
    let t = app.login("county-361102").await;
    let r =
        app.post("/api/v1/industry/enterprises", &t, new_enterprise(&credit_code("91361102MA35AUD00"), "361102")).await;
    let id = r.body["id"].as_i64().unwrap().to_string();
    let city = app.login("city-admin").await;
    let log = app.get("/api/v1/system/audit?page_size=50", &city).await;
    let items = log.body["items"].as_array().unwrap();
    let find = |action: &str, outcome: &str, user: &str| {
        items.iter().find(|e| e["action"] == action && e["outcome"] == outcome && e["username"] == user).cloned()
    };
    let failed = find("auth.login", "failure", "county-361102").expect("failed login logged");
    assert_eq!(failed["ip"], "127.0.0.1");
    assert!(find("auth.login", "failure", "ghost").is_some());
    assert!(find("auth.login", "success", "county-361102").is_some());
    let created = find("enterprise.create", "success", "county-361102").expect("write logged");
    assert_eq!(created["target_id"], id.as_str());
    assert_eq!(created["action_name"], "新增企业");
    assert_eq!(created["org_name"], "信州区城市管理局");
    // The county administrator sees its county's entries only.
    let county = app.get("/api/v1/system/audit?page_size=200", &t).await;
    assert!(county.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["username"] != "ghost" && e["username"] != "city-admin"));
    // Bad input that writes nothing writes no audit entry either.
    let n = app.audit_count().await;
    app.post("/api/v1/industry/enterprises", &t, json!({"code": "bad"})).await;
    assert_eq!(app.audit_count().await, n);
}

async fn tamper(app: &TestApp, sql: &str) {
    let db = &app.state.db.conn;
    // An attacker with database access first removes the append-only triggers.
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared("DROP TRIGGER audit_log_no_change ON audit_log").await.unwrap();
        }
        _ => {
            db.execute_unprepared("DROP TRIGGER audit_log_no_update").await.unwrap();
            db.execute_unprepared("DROP TRIGGER audit_log_no_delete").await.unwrap();
        }
    }
    db.execute_unprepared(sql).await.unwrap();
}

#[tokio::test]
async fn the_database_refuses_to_change_the_audit_log() {
    let app = spawn_app().await;
    app.login("city-admin").await;
    let db = &app.state.db.conn;
    assert!(db.execute_unprepared("UPDATE audit_log SET detail = 'x' WHERE seq = 1").await.is_err());
    assert!(db.execute_unprepared("DELETE FROM audit_log WHERE seq = 1").await.is_err());
}

#[tokio::test]
async fn verify_finds_an_altered_entry() {
    let app = spawn_app().await;
    let t = app.login("city-admin").await;
    for _ in 0..3 {
        app.login("county-361102").await;
    }
    let ok = app.get("/api/v1/system/audit/verify", &t).await;
    assert_eq!(ok.body["ok"], true, "{}", ok.body);
    assert!(ok.body["checked"].as_u64().unwrap() >= 5);
    tamper(&app, "UPDATE audit_log SET username = 'someone-else' WHERE seq = 3").await;
    let bad = app.get("/api/v1/system/audit/verify", &t).await;
    assert_eq!(bad.body["ok"], false);
    assert_eq!(bad.body["first_bad_seq"], 3);
    assert!(bad.body["reason"].as_str().unwrap().contains("篡改"));
    // Only the city administrator runs the check.
    let county = app.login("county-361102").await;
    app.get("/api/v1/system/audit/verify", &county).await.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn verify_finds_a_removed_entry_and_a_removed_tail() {
    let app = spawn_app().await;
    let t = app.login("city-admin").await;
    for _ in 0..3 {
        app.login("county-361102").await;
    }
    tamper(&app, "DELETE FROM audit_log WHERE seq = 2").await;
    let bad = app.get("/api/v1/system/audit/verify", &t).await;
    assert_eq!((bad.body["ok"].as_bool(), bad.body["first_bad_seq"].as_i64()), (Some(false), Some(2)));

    let app = spawn_app().await;
    let t = app.login("city-admin").await;
    app.login("county-361102").await;
    let last: i64 = app.get("/api/v1/system/audit?page_size=1", &t).await.body["items"][0]["seq"].as_i64().unwrap();
    tamper(&app, &format!("DELETE FROM audit_log WHERE seq = {last}")).await;
    let bad = app.get("/api/v1/system/audit/verify", &t).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert_eq!(bad.body["ok"], false);
    // The verify request itself appended nothing (reads are not logged), so the missing one is `last`.
    assert_eq!(bad.body["first_bad_seq"].as_i64(), Some(last));
}
