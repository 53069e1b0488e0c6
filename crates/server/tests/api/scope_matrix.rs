//! Roles × endpoints × scopes. The endpoints come from the served OpenAPI document, so a route
//! added later is in the matrix without anyone remembering to add it.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

struct Caller {
    name: &'static str,
    token: Option<String>,
    /// Region prefix and enterprise this caller may see (None: everything).
    region: Option<&'static str>,
    enterprise: Option<i64>,
}

fn endpoints(spec: &Value) -> Vec<(Method, String)> {
    let mut out = Vec::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for m in ops.as_object().unwrap().keys() {
            let method = match m.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                "put" => Method::PUT,
                "delete" => Method::DELETE,
                "patch" => Method::PATCH,
                _ => continue,
            };
            out.push((method, path.clone()));
        }
    }
    out
}

/// Every item of a list answer must lie inside the caller's scope.
fn assert_items_in_scope(c: &Caller, path: &str, body: &Value) {
    let items: Vec<&Value> = match body {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => o.get("items").and_then(|i| i.as_array()).map(|a| a.iter().collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    for item in items {
        // The public form's lists (counties, enterprise names) are public by design: they carry a
        // code or id and a name, nothing else.
        if path.starts_with("/api/v1/public/") {
            let keys: Vec<&String> = item.as_object().map(|o| o.keys().collect()).unwrap_or_default();
            assert!(keys.iter().all(|k| ["id", "code", "name"].contains(&k.as_str())), "{path} tells more: {item}");
            continue;
        }
        if let (Some(prefix), Some(region)) = (c.region, item.get("region_code").and_then(|r| r.as_str())) {
            // Regions themselves: the city row is above a county's scope but harmless; records are not.
            if !path.ends_with("/regions") {
                assert!(region.starts_with(prefix), "{} sees {region} at {path}: {item}", c.name);
            } else if item["level"] != "city" {
                assert!(region.starts_with(prefix) || c.enterprise.is_some(), "{} sees region {region}", c.name);
            }
        }
        if let Some(eid) = c.enterprise {
            if let Some(e) = item.get("enterprise_id").and_then(|e| e.as_i64()) {
                assert_eq!(e, eid, "{} sees enterprise {e} at {path}", c.name);
            }
            if path.ends_with("/enterprises") {
                assert_eq!(item["id"].as_i64(), Some(eid), "{} sees another enterprise", c.name);
            }
        }
    }
}

#[tokio::test]
async fn no_role_reads_or_writes_outside_its_scope_on_any_endpoint() {
    let app = spawn_app().await;
    let spec: Value = app.http.get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let eps = endpoints(&spec);
    assert!(eps.len() >= 19, "{} endpoints", eps.len());

    // One account of every role.
    let xinzhou = app.authority_org("361102").await;
    let city_org = app.authority_org("361100").await;
    app.create_user("m-county-officer", "county_officer", xinzhou).await;
    app.create_user("m-inspector", "inspector", city_org).await;
    let demo = app.login("enterprise-demo").await;
    let demo_eid = app.get("/api/v1/auth/me", &demo).await.body["user"]["enterprise_id"].as_i64().unwrap();
    let demo_org = app.enterprise_org(demo_eid).await;
    app.create_user("m-ent-user", "enterprise_user", demo_org).await;

    // Records of another county: an enterprise and an account.
    let foreign_ent = app.enterprise_in("361103").await;
    let foreign_ent_id = foreign_ent["id"].as_i64().unwrap();
    let city_token = app.login("city-admin").await;
    let foreign_prac_id =
        app.get("/api/v1/industry/practitioners?region_code=361103&page_size=1", &city_token).await.body["items"][0]
            ["id"]
            .as_i64()
            .unwrap();
    // The detail, with its training records: none may change.
    let foreign_prac = app.get(&format!("/api/v1/industry/practitioners/{foreign_prac_id}"), &city_token).await.body;
    let foreign_seg =
        app.get("/api/v1/industry/pipeline-segments?region_code=361103&page_size=1", &city_token).await.body["items"]
            [0]
        .clone();
    let foreign_seg_id = foreign_seg["id"].as_i64().unwrap();
    let foreign_station =
        app.get("/api/v1/industry/stations?region_code=361103&page_size=1", &city_token).await.body["items"][0].clone();
    let foreign_station_id = foreign_station["id"].as_i64().unwrap();
    let first_id = |path: &str| {
        let app = &app;
        let city_token = &city_token;
        let path = path.to_string();
        async move { app.get(&path, city_token).await.body["items"][0]["id"].as_i64().unwrap() }
    };
    let foreign_user_id = first_id("/api/v1/industry/gas-users?region_code=361103&page_size=1").await;
    let foreign_comm_id = first_id("/api/v1/industry/communities?region_code=361103&page_size=1").await;
    let guangfeng = app.authority_org("361103").await;
    let foreign_user = app.create_user("m-foreign", "county_officer", guangfeng).await;

    let callers = [
        Caller { name: "anonymous", token: None, region: Some("-"), enterprise: None },
        Caller { name: "city_admin", token: Some(app.login("city-admin").await), region: None, enterprise: None },
        Caller { name: "city_officer", token: Some(app.login("city-officer").await), region: None, enterprise: None },
        Caller { name: "inspector(city)", token: Some(app.login("m-inspector").await), region: None, enterprise: None },
        Caller {
            name: "county_admin",
            token: Some(app.login("county-361102").await),
            region: Some("361102"),
            enterprise: None,
        },
        Caller {
            name: "county_officer",
            token: Some(app.login("m-county-officer").await),
            region: Some("361102"),
            enterprise: None,
        },
        Caller {
            name: "enterprise_admin",
            token: Some(demo.clone()),
            region: Some("3611"),
            enterprise: Some(demo_eid),
        },
        Caller {
            name: "enterprise_user",
            token: Some(app.login("m-ent-user").await),
            region: Some("3611"),
            enterprise: Some(demo_eid),
        },
    ];

    // Callers who may not see the other county go first; the record is checked untouched after them.
    let (narrow, wide): (Vec<&Caller>, Vec<&Caller>) = callers.iter().partition(|c| c.region.is_some());
    let mut checked = 0;
    for (round, group) in [narrow, wide].into_iter().enumerate() {
        if round == 1 {
            let city = app.login("city-admin").await;
            let after = app.get(&format!("/api/v1/industry/enterprises/{foreign_ent_id}"), &city).await;
            assert_eq!(after.body, foreign_ent, "another county's enterprise changed");
            let p = app.get(&format!("/api/v1/industry/practitioners/{foreign_prac_id}"), &city).await;
            assert_eq!(p.body, foreign_prac, "another county's practitioner changed");
            let u = app.get("/api/v1/system/users?q=m-foreign", &city).await;
            assert_eq!(u.body["items"][0]["status"], "active");
            assert_eq!(app.try_login("m-foreign", PASSWORD).await.status, StatusCode::OK);
        }
        for c in group {
            for (method, path) in &eps {
                // Logging in needs no session; logging out would end the caller's own.
                if path == "/api/v1/auth/login" || path == "/api/v1/auth/logout" {
                    continue;
                }
                let concrete = path
                    .replace("enterprises/{id}", &format!("enterprises/{foreign_ent_id}"))
                    .replace("gas-users/{id}", &format!("gas-users/{foreign_user_id}"))
                    .replace("system/users/{id}", &format!("system/users/{foreign_user}"))
                    .replace("practitioners/{id}", &format!("practitioners/{foreign_prac_id}"))
                    .replace("pipeline-segments/{id}", &format!("pipeline-segments/{foreign_seg_id}"))
                    .replace("stations/{id}", &format!("stations/{foreign_station_id}"))
                    .replace("communities/{id}", &format!("communities/{foreign_comm_id}"))
                    .replace("{aid}", "1")
                    .replace("{id}", "987654321");
                // A live feed never ends: only its answer's status is read (what reaches whom is
                // tested in monitoring.rs).
                if path.ends_with("/stream") {
                    let mut rb = app.http.get(app.url(&concrete));
                    if let Some(t) = &c.token {
                        rb = rb.bearer_auth(t);
                    }
                    let status = rb.send().await.expect("stream answered").status();
                    let want = if c.token.is_some() { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
                    assert_eq!(status, want, "{} GET {concrete}", c.name);
                    checked += 1;
                    continue;
                }
                let body = if *method == Method::GET { None } else { Some(json!({})) };
                let r = app.send(method.clone(), &concrete, c.token.as_deref(), body).await;
                checked += 1;
                if c.token.is_none() {
                    // The public's own forms (filing, tracking) answer without a login; they are
                    // tested in cases.rs. Everything else wants one.
                    if !path.starts_with("/api/v1/public/") {
                        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "anonymous {method} {concrete}");
                    }
                    continue;
                }
                let sees_foreign = c.region.is_none();
                if path.contains("{id}") && !sees_foreign {
                    assert!(!r.status.is_success(), "{} {method} {concrete} answered {}", c.name, r.status);
                    if *method == Method::GET {
                        assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {method} {concrete}", c.name);
                    }
                }
                if *method == Method::GET && r.status.is_success() {
                    assert_items_in_scope(c, path, &r.body);
                }
                assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{} {method} {concrete}: {}", c.name, r.body);
            }
        }
    }
    assert!(checked > 100);
}
