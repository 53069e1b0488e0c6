use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_county_admin_manages_accounts_of_its_county_only() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let list = app.get("/api/v1/system/users?page_size=200", &t).await;
    assert!(list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["region_code"].as_str().unwrap().starts_with("361102")));
    let own_org = app.authority_org("361102").await;
    let other_org = app.authority_org("361103").await;
    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "xz-officer", "display_name": "王科员", "password": "Xinzhou#2026", "role": "county_officer", "org_id": own_org}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["role_name"], "县级业务人员");
    let new_id = r.body["id"].as_i64().unwrap();
    assert_eq!(app.try_login("xz-officer", "Xinzhou#2026").await.status, StatusCode::OK);

    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "gf-officer", "display_name": "x", "password": "Xinzhou#2026", "role": "county_officer", "org_id": other_org}))
        .await;
    assert!(r.field_errors("org_id")[0].contains("不在管辖范围"));
    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "bad-admin", "display_name": "x", "password": "Xinzhou#2026", "role": "city_admin", "org_id": own_org}))
        .await;
    assert!(r.field_errors("role")[0].contains("无权授予"));
    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "weak", "display_name": "x", "password": "password", "role": "county_officer", "org_id": own_org}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_errors("password").len(), 1);
    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "xz-officer", "display_name": "x", "password": "Xinzhou#2026", "role": "county_officer", "org_id": own_org}))
        .await;
    r.assert_problem(409, "conflict");
    // A county officer cannot belong to an enterprise.
    let ent = app.enterprise_in("361102").await;
    let ent_org = app.enterprise_org(ent["id"].as_i64().unwrap()).await;
    let r = app
        .post("/api/v1/system/users", &t, json!({"username": "mixed", "display_name": "x", "password": "Xinzhou#2026", "role": "county_officer", "org_id": ent_org}))
        .await;
    assert!(r.field_errors("role")[0].contains("不能属于"));
    // Accounts of another county are invisible.
    let foreign = app.create_user("gf-user", "county_officer", other_org).await;
    app.post(&format!("/api/v1/system/users/{foreign}/lock"), &t, json!({})).await.assert_problem(404, "not_found");
    app.put(&format!("/api/v1/system/users/{foreign}"), &t, json!({"display_name": "x", "role": "county_officer"}))
        .await
        .assert_problem(404, "not_found");
    app.post(&format!("/api/v1/system/users/{foreign}/reset-password"), &t, json!({"password": "Another#2026"}))
        .await
        .assert_problem(404, "not_found");
    app.login("gf-user").await;

    // Editing an own account.
    let r = app
        .put(
            &format!("/api/v1/system/users/{new_id}"),
            &t,
            json!({"display_name": "王科长", "role": "inspector", "phone": "13907930002"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["role"], "inspector");
}

#[tokio::test]
async fn locking_ends_sessions_and_blocks_login_until_unlocked() {
    let app = spawn_app().await;
    let admin = app.login("city-admin").await;
    let victim = app.login("county-361104").await;
    let list = app.get("/api/v1/system/users?q=county-361104", &admin).await;
    let id = list.body["items"][0]["id"].as_i64().unwrap();
    let r = app.post(&format!("/api/v1/system/users/{id}/lock"), &admin, json!({})).await;
    assert_eq!(r.body["status"], "locked");
    app.get("/api/v1/auth/me", &victim).await.assert_problem(401, "unauthenticated");
    let r = app.try_login("county-361104", PASSWORD).await;
    r.assert_problem(423, "account_locked");
    assert!(r.body["detail"].as_str().unwrap().contains("管理员"));
    app.post(&format!("/api/v1/system/users/{id}/unlock"), &admin, json!({})).await;
    app.login("county-361104").await;
    // Reset password: old sessions end, the new password works.
    let t = app.login("county-361104").await;
    assert_eq!(
        app.post(&format!("/api/v1/system/users/{id}/reset-password"), &admin, json!({"password": "Reset#2026x"}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    app.get("/api/v1/auth/me", &t).await.assert_problem(401, "unauthenticated");
    assert_eq!(app.try_login("county-361104", "Reset#2026x").await.status, StatusCode::OK);
    // An administrator cannot lock themself out.
    let me = app.get("/api/v1/auth/me", &admin).await;
    let my_id = me.body["user"]["id"].as_i64().unwrap();
    app.post(&format!("/api/v1/system/users/{my_id}/lock"), &admin, json!({})).await.assert_problem(409, "conflict");
}

#[tokio::test]
async fn only_administrators_see_accounts_and_an_enterprise_admin_sees_its_own() {
    let app = spawn_app().await;
    let officer = app.login("city-officer").await;
    app.get("/api/v1/system/users", &officer).await.assert_problem(403, "forbidden");
    let ent = app.login("enterprise-demo").await;
    let list = app.get("/api/v1/system/users", &ent).await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["username"], "enterprise-demo");
    let org_id = items[0]["org_id"].as_i64().unwrap();
    let r = app.post("/api/v1/system/users", &ent, json!({"username": "ent-clerk", "display_name": "填报员", "password": "Clerk#2026x", "role": "enterprise_user", "org_id": org_id})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app.post("/api/v1/system/users", &ent, json!({"username": "ent-boss", "display_name": "x", "password": "Clerk#2026x", "role": "county_admin", "org_id": org_id})).await;
    assert!(!r.field_errors("role").is_empty());
}
