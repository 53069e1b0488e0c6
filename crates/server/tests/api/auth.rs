use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn login_returns_a_token_a_cookie_and_the_user() {
    let app = spawn_app().await;
    let r = app.try_login("county-361102", PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["token"].as_str().unwrap().len(), 64);
    assert_eq!(r.body["user"]["role"], "county_admin");
    assert_eq!(r.body["user"]["region_name"], "信州区");
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cookie.starts_with("ranjian_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
    );
    let me = app.get("/api/v1/auth/me", r.body["token"].as_str().unwrap()).await;
    assert_eq!(me.body["user"]["username"], "county-361102");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let app = spawn_app().await;
    let a = app.try_login("county-361102", "Wrong@2026").await;
    a.assert_problem(401, "unauthenticated");
    let b = app.try_login("nobody-here", "Wrong@2026").await;
    b.assert_problem(401, "unauthenticated");
    assert!(a.body["detail"].as_str().unwrap().starts_with("用户名或密码错误"));
    assert!(b.body["detail"].as_str().unwrap().starts_with("用户名或密码错误"));
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_even_for_the_right_password() {
    let app = spawn_app().await;
    for i in 1..=4 {
        let r = app.try_login("county-361102", "Wrong@2026").await;
        r.assert_problem(401, "unauthenticated");
        assert!(r.body["detail"].as_str().unwrap().contains(&format!("再失败{}次", 5 - i)), "{}", r.body);
    }
    app.try_login("county-361102", "Wrong@2026").await.assert_problem(423, "account_locked");
    let r = app.try_login("county-361102", PASSWORD).await;
    r.assert_problem(423, "account_locked");
    assert!(r.body["detail"].as_str().unwrap().contains("锁定至"));
    // Another account is not affected.
    app.login("county-361103").await;
    // An administrator unlocks it.
    let city = app.login("city-admin").await;
    let users = app.get("/api/v1/system/users?q=county-361102", &city).await;
    let id = users.body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(users.body["items"][0]["status"], "locked");
    assert_eq!(app.post(&format!("/api/v1/system/users/{id}/unlock"), &city, json!({})).await.status, StatusCode::OK);
    app.login("county-361102").await;
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.try_login("county-361102", "Wrong@2026").await;
    }
    app.login("county-361102").await;
    for _ in 0..4 {
        app.try_login("county-361102", "Wrong@2026").await.assert_problem(401, "unauthenticated");
    }
    app.login("county-361102").await;
}

#[tokio::test]
async fn requests_without_or_with_a_bad_token_get_401() {
    let app = spawn_app().await;
    let r = app.send(Method::GET, "/api/v1/industry/enterprises", None, None).await;
    r.assert_problem(401, "unauthenticated");
    app.get("/api/v1/industry/enterprises", "not-a-token").await.assert_problem(401, "unauthenticated");
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let t = app.login("city-admin").await;
    assert_eq!(app.post("/api/v1/auth/logout", &t, json!({})).await.status, StatusCode::NO_CONTENT);
    app.get("/api/v1/auth/me", &t).await.assert_problem(401, "unauthenticated");
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app_with(|c| c.session_idle_minutes = 30).await;
    let t = app.login("city-admin").await;
    let me = app.get("/api/v1/auth/me", &t).await;
    assert_eq!(me.status, StatusCode::OK);
    let uid = me.body["user"]["id"].as_i64().unwrap();
    // The session was last used 31 minutes ago.
    use ranjian_server::platform::entities::session;
    use sea_orm::{sea_query::Expr, EntityTrait};
    let past = chrono::Utc::now() - chrono::Duration::minutes(31);
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(past))
        .exec(&app.state.db.conn)
        .await
        .unwrap();
    app.state.sessions.forget_user(uid);
    let r = app.get("/api/v1/auth/me", &t).await;
    r.assert_problem(401, "unauthenticated");
    assert!(r.body["detail"].as_str().unwrap().contains("超时"));
}

#[tokio::test]
async fn browser_writes_need_the_csrf_token() {
    let app = spawn_app().await;
    let login = app.try_login("county-361102", PASSWORD).await;
    let cookie = login.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    let csrf = login.body["csrf_token"].as_str().unwrap().to_string();
    let body = new_enterprise(&credit_code("91361102MA35TEXT0"), "361102");
    // Reading with the cookie needs no token.
    let r = app.http.get(app.url("/api/v1/industry/enterprises")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .http
        .post(app.url("/api/v1/industry/enterprises"))
        .header("cookie", &cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    TestApp::read(r).await.assert_problem(403, "csrf_failed");
    let r = app
        .http
        .post(app.url("/api/v1/industry/enterprises"))
        .header("cookie", &cookie)
        .header("x-csrf-token", "0".repeat(64))
        .json(&body)
        .send()
        .await
        .unwrap();
    TestApp::read(r).await.assert_problem(403, "csrf_failed");
    let r = app
        .http
        .post(app.url("/api/v1/industry/enterprises"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn password_change_enforces_the_policy() {
    let app = spawn_app().await;
    let t = app.login("county-361103").await;
    let r = app.post("/api/v1/auth/password", &t, json!({"old_password": PASSWORD, "new_password": "short1A"})).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.field_errors("new_password")[0].contains("至少8位"));
    let r =
        app.post("/api/v1/auth/password", &t, json!({"old_password": PASSWORD, "new_password": "alllowercase1"})).await;
    r.assert_problem(422, "validation_failed");
    let r = app
        .post("/api/v1/auth/password", &t, json!({"old_password": "Wrong@2026", "new_password": "Better#Pass1"}))
        .await;
    assert_eq!(r.field_errors("old_password"), vec!["原密码不正确".to_string()]);
    let r =
        app.post("/api/v1/auth/password", &t, json!({"old_password": PASSWORD, "new_password": "Better#Pass1"})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    app.try_login("county-361103", PASSWORD).await.assert_problem(401, "unauthenticated");
    assert_eq!(app.try_login("county-361103", "Better#Pass1").await.status, StatusCode::OK);
}

#[tokio::test]
async fn health_readiness_metrics_and_openapi_are_served() {
    let app = spawn_app().await;
    let get = |p: &str| app.http.get(app.url(p)).send();
    assert_eq!(get("/healthz").await.unwrap().text().await.unwrap(), "ok");
    assert_eq!(get("/readyz").await.unwrap().status(), StatusCode::OK);
    let t = app.login("city-admin").await;
    app.get("/api/v1/industry/enterprises", &t).await;
    let m = get("/metrics").await.unwrap().text().await.unwrap();
    assert!(m.contains("http_requests_total") && m.contains("/api/v1/industry/enterprises"), "{m}");
    let spec: serde_json::Value = get("/api/openapi.json").await.unwrap().json().await.unwrap();
    assert!(spec["paths"]["/api/v1/industry/enterprises"]["get"].is_object());
    let docs = get("/api/docs").await.unwrap().text().await.unwrap();
    assert!(docs.contains("/api/openapi.json"));
    // Unknown API paths are problem+json 404s, not the web UI.
    let r = app.send(Method::GET, "/api/v1/nothing-here", Some(&t), None).await;
    r.assert_problem(404, "not_found");
}

#[tokio::test]
async fn behind_https_the_cookie_is_marked_secure() {
    let app = spawn_app_with(|c| c.cookie_secure = true).await;
    let r = app.try_login("city-admin", PASSWORD).await;
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}
