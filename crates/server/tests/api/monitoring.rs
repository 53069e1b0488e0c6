//! Operation monitoring: readings by every HTTP path with per-reading errors, alarms with
//! hysteresis, offline detection and escalation under a clock of the test's choosing, the alarm
//! lifecycle and its supervision, the live feed's scope, charts from rollups.

use crate::helpers::*;
use chrono::{Duration, Utc};
use ranjian_server::startup::run_monitoring_jobs;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The demo enterprise's code and a point of its own to play with (registered here, so its
/// thresholds are the test's).
async fn own_point(app: &TestApp, token: &str, code: &str, interval_s: u32) -> (String, i64) {
    let me = app.get("/api/v1/auth/me", token).await.body;
    let eid = me["user"]["enterprise_id"].as_i64().unwrap();
    let ent = app.get(&format!("/api/v1/industry/enterprises/{eid}"), token).await.body;
    let ent_code = ent["code"].as_str().unwrap().to_string();
    let station =
        app.get("/api/v1/industry/stations?kind=gate_station&page_size=1", token).await.body["items"][0].clone();
    let r = app
        .post(
            "/api/v1/monitoring/points/batch",
            token,
            json!([{
                "enterprise_code": ent_code, "code": code, "name": format!("测试{code}"), "kind": "压力", "unit": "MPa",
                "target_type": "厂站设施", "target_code": station["code"], "interval_s": interval_s.to_string(),
                "high_high": "2.0", "high": "1.0", "low": "0.2", "deadband": "0.05"
            }]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let p = app.get(&format!("/api/v1/monitoring/points?q={code}"), token).await.body["items"][0].clone();
    assert_eq!(p["lng"], station["lng"], "a station's point takes its location");
    (ent_code, p["id"].as_i64().unwrap())
}

fn at(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339()
}

async fn readings(app: &TestApp, token: &str, body: Value) -> Value {
    let r = app.post("/api/v1/monitoring/readings", token, body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

async fn alarms_of(app: &TestApp, token: &str, point: i64) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/monitoring/alarms?point_id={point}&page_size=100"), token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut items = r.body["items"].as_array().unwrap().clone();
    items.reverse();
    items
}

#[tokio::test]
async fn each_bad_reading_is_refused_with_its_reason_and_the_rest_stored_once() {
    let app = spawn_app_with(|c| c.monitoring.batch_max = 20).await;
    let ent = app.login("enterprise-demo").await;
    let (_, id) = own_point(&app, &ent, "T-BAD-1", 60).await;
    let now = Utc::now() - Duration::seconds(5);
    let body = json!({"readings": [
        {"point": "T-BAD-1", "ts": at(now - Duration::seconds(60)), "value": 0.5, "unit": "MPa"},
        {"point": "NO-SUCH", "ts": at(now), "value": 0.5},
        {"point": "T-BAD-1", "ts": at(now), "value": 0.5, "unit": "kPa"},
        {"point": "T-BAD-1", "ts": at(now), "value": "NaN"},
        {"point": "T-BAD-1", "ts": at(now), "value": "高"},
        {"point": "T-BAD-1", "ts": at(now + Duration::hours(1)), "value": 0.5},
        {"point": "T-BAD-1", "ts": at(now - Duration::days(400)), "value": 0.5},
        {"point": "T-BAD-1", "ts": "昨天", "value": 0.5},
        {"point": "T-BAD-1", "ts": at(now)},
        {"point": "T-BAD-1", "ts": at(now), "value": "0.6"}
    ]});
    let r = readings(&app, &ent, body.clone()).await;
    assert_eq!((r["received"].as_u64(), r["stored"].as_u64()), (Some(10), Some(2)), "{r}");
    let fields: Vec<(u64, &str)> = r["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![(1, "point"), (2, "unit"), (3, "value"), (4, "value"), (5, "ts"), (6, "ts"), (7, "ts"), (8, "value")]
    );
    assert!(r["rejected"][0]["reason"].as_str().unwrap().contains("不存在"));
    assert!(r["rejected"][1]["reason"].as_str().unwrap().contains("MPa"));
    // Sent again after a network drop: nothing is stored twice.
    let again = readings(&app, &ent, body.clone()).await;
    assert_eq!((again["stored"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)), "{again}");
    let p = app.get(&format!("/api/v1/monitoring/points/{id}"), &ent).await.body;
    assert_eq!(p["live"]["value"], 0.6);
    assert_eq!(p["live"]["state"], "normal");
    let series = app.get(&format!("/api/v1/monitoring/points/{id}/series?grain=raw"), &ent).await.body;
    assert_eq!(series["items"].as_array().unwrap().len(), 2, "{series}");
    // Once the readings have moved from the inbox into the point's history, a re-sent one is still
    // found there, and a late one (older than what moved) is stored there once.
    run_monitoring_jobs(&app.state, Utc::now(), false).await;
    let again = readings(&app, &ent, body).await;
    assert_eq!((again["stored"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)), "{again}");
    let late = json!({"readings": [{"point": "T-BAD-1", "ts": at(now - Duration::seconds(30)), "value": 0.55}]});
    assert_eq!(readings(&app, &ent, late.clone()).await["stored"], 1);
    let again = readings(&app, &ent, late).await;
    assert_eq!((again["stored"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(1)), "{again}");
    let series = app.get(&format!("/api/v1/monitoring/points/{id}/series?grain=raw"), &ent).await.body;
    let times: Vec<i64> = series["items"].as_array().unwrap().iter().map(|x| x["t"].as_i64().unwrap()).collect();
    assert_eq!(times.len(), 3, "{series}");
    assert!(times.windows(2).all(|w| w[0] < w[1]), "oldest first, once each: {times:?}");

    // The same as CSV, Chinese headers, and as a manual-reporting sheet.
    let csv = format!(
        "监测点编号,监测时间,监测值,计量单位\nT-BAD-1,{},0.7,MPa\nT-BAD-1,{},abc,MPa\n",
        at(now + Duration::seconds(1)),
        at(now)
    );
    let r = app
        .http
        .post(app.url("/api/v1/monitoring/readings"))
        .bearer_auth(&ent)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    let r = TestApp::read(r).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["stored"].as_u64(), r.body["rejected"][0]["field"].as_str()), (Some(1), Some("value")));
    assert_eq!(r.body["rejected"][0]["index"], 3, "the file's line");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(
            format!(
                "监测点编号,监测时间,监测值\nT-BAD-1,{},0.8\n",
                (now + Duration::hours(8) + Duration::seconds(2)).format("%Y-%m-%d %H:%M:%S")
            )
            .into_bytes(),
        )
        .file_name("人工抄报.csv"),
    );
    let r = app.http.post(app.url("/api/v1/monitoring/readings/import")).bearer_auth(&ent).multipart(form).send().await;
    let r = TestApp::read(r.unwrap()).await;
    assert_eq!(r.body["stored"], 1, "China time in a manual sheet: {}", r.body);
    let t =
        app.http.get(app.url("/api/v1/monitoring/readings/import-template")).bearer_auth(&ent).send().await.unwrap();
    assert!(t.status().is_success());

    // Too many at once: 413, nothing stored.
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"point": "T-BAD-1", "ts": at(now - Duration::seconds(100 + i)), "value": 0.5}))
        .collect();
    let r = app.post("/api/v1/monitoring/readings", &ent, json!({"readings": many})).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let series = app.get(&format!("/api/v1/monitoring/points/{id}/series?grain=raw"), &ent).await.body;
    assert_eq!(series["items"].as_array().unwrap().len(), 5);
    // Not JSON: 400.
    let r = app
        .http
        .post(app.url("/api/v1/monitoring/readings"))
        .bearer_auth(&ent)
        .header("content-type", "application/json")
        .body("{readings:")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn nobody_writes_readings_to_points_outside_their_reach() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let city = app.login("city-admin").await;
    let (ent_code, id) = own_point(&app, &ent, "T-SCOPE-1", 60).await;
    let now = Utc::now() - Duration::seconds(5);
    // Another enterprise's point, named by that enterprise's code: refused.
    let other =
        app.get("/api/v1/monitoring/points?region_code=361103&page_size=1", &city).await.body["items"][0].clone();
    let r = readings(
        &app,
        &ent,
        json!({"enterprise_code": other["enterprise_code"], "readings": [{"point": other["code"], "ts": at(now), "value": 1.0}]}),
    )
    .await;
    assert_eq!(r["stored"], 0);
    assert_eq!(r["rejected"][0]["field"], "enterprise_code");
    // Without the code, the enterprise's own points are searched: the other's code is unknown there.
    let r = readings(&app, &ent, json!({"readings": [{"point": other["code"], "ts": at(now), "value": 1.0}]})).await;
    assert_eq!(r["rejected"][0]["field"], "point");
    // A county administrator reports for an enterprise of its own county, not of another.
    let xinzhou = app.login("county-361102").await;
    let r = readings(
        &app,
        &xinzhou,
        json!({"readings": [
            {"enterprise_code": ent_code, "point": "T-SCOPE-1", "ts": at(now), "value": 0.5},
            {"enterprise_code": other["enterprise_code"], "point": other["code"], "ts": at(now), "value": 1.0}
        ]}),
    )
    .await;
    assert_eq!(r["stored"], 1, "{r}");
    assert_eq!(r["rejected"][0]["index"], 1);
    assert!(r["rejected"][0]["reason"].as_str().unwrap().contains("无权"));
    // An authority's officer does not report; an anonymous caller is not heard.
    let officer = app.create_user("t-officer", "county_officer", app.authority_org("361102").await).await;
    let _ = officer;
    let tok = app.login("t-officer").await;
    let r = app.post("/api/v1/monitoring/readings", &tok, json!({"readings": []})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The county sees the point; another county does not.
    assert_eq!(app.get(&format!("/api/v1/monitoring/points/{id}"), &xinzhou).await.status, StatusCode::OK);
    let guangfeng = app.login("county-361103").await;
    assert_eq!(app.get(&format!("/api/v1/monitoring/points/{id}"), &guangfeng).await.status, StatusCode::NOT_FOUND);
    let pts = app.get("/api/v1/monitoring/points?page_size=100", &guangfeng).await.body;
    assert!(pts["items"].as_array().unwrap().iter().all(|p| p["region_code"].as_str().unwrap().starts_with("361103")));
}

#[tokio::test]
async fn a_value_hovering_at_the_limit_raises_one_alarm_that_clears_when_it_is_back() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (_, id) = own_point(&app, &ent, "T-HYS-1", 60).await;
    let t0 = Utc::now() - Duration::minutes(30);
    let values = [0.5, 1.01, 0.99, 1.02, 0.97, 1.03, 0.96, 1.01, 0.5];
    let rows: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| json!({"point": "T-HYS-1", "ts": at(t0 + Duration::minutes(i as i64)), "value": v}))
        .collect();
    // One by one, as a device reports.
    let mut raised = 0;
    for r in rows {
        raised += readings(&app, &ent, json!({"readings": [r]})).await["alarms"].as_array().unwrap().len();
    }
    assert_eq!(raised, 1);
    let list = alarms_of(&app, &ent, id).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["condition"], "high");
    assert_eq!(list[0]["value"], 1.01);
    assert_eq!(list[0]["threshold"], 1.0);
    assert!(list[0]["cleared_at"].is_string(), "back to normal: {}", list[0]);
    assert_eq!(list[0]["state"], "raised", "clearing does not end the lifecycle");
    // Worse: high-high, a new alarm; the point is in alarm until it is back.
    let r = readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-HYS-1", "ts": at(t0 + Duration::minutes(10)), "value": 2.4}]}),
    )
    .await;
    assert_eq!(r["alarms"][0]["condition"], "high_high");
    assert_eq!(r["alarms"][0]["severity"], "major");
    let p = app.get(&format!("/api/v1/monitoring/points/{id}"), &ent).await.body;
    assert_eq!((p["live"]["state"].as_str(), p["live"]["condition"].as_str()), (Some("alarm"), Some("high_high")));
    let inalarm = app.get("/api/v1/monitoring/points?state=alarm&page_size=200", &ent).await.body;
    assert!(inalarm["items"].as_array().unwrap().iter().any(|x| x["id"] == id));
    // A late reading (older than the newest) is stored but judges nothing.
    let r = readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-HYS-1", "ts": at(t0 + Duration::seconds(30)), "value": 9.0}]}),
    )
    .await;
    assert_eq!((r["stored"].as_u64(), r["alarms"].as_array().unwrap().len()), (Some(1), 0));
    // The history says what happened.
    let d = app.get(&format!("/api/v1/monitoring/alarms/{}", list[0]["id"]), &ent).await.body;
    let steps: Vec<&str> = d["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(steps, vec!["raise", "clear"]);
}

#[tokio::test]
async fn a_silent_point_goes_offline_under_the_clock_and_comes_back_with_a_reading() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (_, id) = own_point(&app, &ent, "T-OFF-1", 60).await;
    let now = Utc::now();
    readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-OFF-1", "ts": at(now - Duration::seconds(1)), "value": 0.5}]}),
    )
    .await;
    run_monitoring_jobs(&app.state, now + Duration::minutes(2), false).await;
    assert!(alarms_of(&app, &ent, id).await.is_empty(), "two intervals of silence are within three");
    let run = run_monitoring_jobs(&app.state, now + Duration::minutes(4), false).await;
    assert!(run.offline >= 1);
    run_monitoring_jobs(&app.state, now + Duration::minutes(6), false).await;
    let list = alarms_of(&app, &ent, id).await;
    assert_eq!(list.len(), 1, "once: {list:?}");
    assert_eq!((list[0]["condition"].as_str(), list[0]["severity"].as_str()), (Some("offline"), Some("warning")));
    let p = app.get(&format!("/api/v1/monitoring/points/{id}"), &ent).await.body;
    assert_eq!(p["live"]["state"], "offline");
    let sum = app.get("/api/v1/monitoring/points/summary?by=enterprise", &ent).await.body;
    assert!(sum["items"][0]["offline"].as_u64().unwrap() >= 1, "{sum}");
    readings(&app, &ent, json!({"readings": [{"point": "T-OFF-1", "ts": at(Utc::now()), "value": 0.5}]})).await;
    let list = alarms_of(&app, &ent, id).await;
    assert!(list[0]["cleared_at"].is_string());
    assert_eq!(app.get(&format!("/api/v1/monitoring/points/{id}"), &ent).await.body["live"]["state"], "normal");
}

#[tokio::test]
async fn alarms_are_escalated_supervised_and_disposed_by_their_enterprise_only() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (_, id) = own_point(&app, &ent, "T-LIFE-1", 60).await;
    let eid = app.get("/api/v1/auth/me", &ent).await.body["user"]["enterprise_id"].as_i64().unwrap();
    let ent_org = app.enterprise_org(eid).await;
    app.create_user("t-ent-user", "enterprise_user", ent_org).await;
    let ent_user = app.login("t-ent-user").await;
    let county = app.login("county-361102").await;
    let r = readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-LIFE-1", "ts": at(Utc::now() - Duration::seconds(2)), "value": 2.5}]}),
    )
    .await;
    let aid = r["alarms"][0]["id"].as_i64().unwrap();
    let url = format!("/api/v1/monitoring/alarms/{aid}/actions");

    // The county sees it (a major alarm reaches it) but does not act on it.
    let d = app.get(&format!("/api/v1/monitoring/alarms/{aid}"), &county).await.body;
    assert_eq!(d["allowed"], json!([]));
    assert_eq!(app.post(&url, &county, json!({"action": "acknowledge"})).await.status, StatusCode::FORBIDDEN);
    let notes = app.get("/api/v1/system/notifications", &county).await.body;
    assert!(notes["items"].as_array().unwrap().iter().any(|n| n["kind"] == "alarm_raised"));
    // Out of order: 409 with what is allowed.
    let r = app.post(&url, &ent, json!({"action": "dispose", "note": "已处理"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.body["allowed"], json!(["acknowledge"]));

    // Not acknowledged: reminders, then the enterprise's manager, then the county authority.
    let raised = Utc::now();
    let run = run_monitoring_jobs(&app.state, raised + Duration::minutes(9), false).await;
    assert_eq!(run.reminded, 0);
    run_monitoring_jobs(&app.state, raised + Duration::minutes(21), false).await;
    let a = app.get(&format!("/api/v1/monitoring/alarms/{aid}"), &ent).await.body["alarm"].clone();
    assert_eq!((a["reminders"].as_i64(), a["escalation"].as_i64()), (Some(2), Some(0)));
    run_monitoring_jobs(&app.state, raised + Duration::minutes(31), false).await;
    run_monitoring_jobs(&app.state, raised + Duration::minutes(41), false).await;
    run_monitoring_jobs(&app.state, raised + Duration::minutes(41), false).await;
    let d = app.get(&format!("/api/v1/monitoring/alarms/{aid}"), &ent).await.body;
    assert_eq!((d["alarm"]["reminders"].as_i64(), d["alarm"]["escalation"].as_i64()), (Some(2), Some(2)));
    let steps: Vec<&str> = d["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(steps, vec!["raise", "remind", "remind", "escalate", "escalate"], "each step once");
    // This alarm's notifications (the demo enterprise has alarms of its own).
    let link = format!("/monitoring/alarms?id={aid}");
    let kinds = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["link"] == link.as_str())
            .map(|n| n["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let admin_notes = kinds(&app.get("/api/v1/system/notifications?page_size=100", &ent).await.body);
    assert!(admin_notes.contains(&"alarm_escalated".to_string()), "{admin_notes:?}");
    assert_eq!(admin_notes.iter().filter(|k| *k == "alarm_reminder").count(), 2);
    let user_notes = kinds(&app.get("/api/v1/system/notifications?page_size=100", &ent_user).await.body);
    assert!(!user_notes.contains(&"alarm_escalated".to_string()), "the manager's, not every account's");
    assert!(user_notes.contains(&"alarm_reminder".to_string()));
    let county_notes = kinds(&app.get("/api/v1/system/notifications?page_size=100", &county).await.body);
    assert!(county_notes.contains(&"alarm_escalated".to_string()));

    // Acknowledged and handling, but not done within the major severity's 240 minutes: supervised once.
    assert_eq!(app.post(&url, &ent_user, json!({"action": "acknowledge"})).await.status, StatusCode::OK);
    let r = app.post(&url, &ent, json!({"action": "handle", "note": "已派抢修人员"})).await;
    assert_eq!(r.body["alarm"]["state"], "handling", "{}", r.body);
    assert_eq!(r.body["allowed"][0]["action"], "dispose");
    let run = run_monitoring_jobs(&app.state, raised + Duration::minutes(241), false).await;
    assert!(run.supervised >= 1, "this one and the demo's own open alarms");
    assert_eq!(run_monitoring_jobs(&app.state, raised + Duration::minutes(300), false).await.supervised, 0);
    let county_notes = kinds(&app.get("/api/v1/system/notifications?page_size=100", &county).await.body);
    assert!(county_notes.contains(&"alarm_overdue_below".to_string()));
    let open = app.get("/api/v1/monitoring/alarms?open=true&page_size=100", &county).await.body;
    let mine = open["items"].as_array().unwrap().iter().find(|a| a["id"] == aid).unwrap().clone();
    assert_eq!(mine["supervised"], true);

    // Disposal wants its report.
    let r = app.post(&url, &ent, json!({"action": "dispose", "note": "  "})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["errors"][0]["field"], "note");
    let r = app.post(&url, &ent, json!({"action": "dispose", "note": "调压器皮膜破损，已更换，压力恢复正常"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["alarm"]["state"], "handled");
    assert!(r.body["alarm"]["minutes_to_ack"].as_f64().is_some());
    assert_eq!(r.body["allowed"], json!([]));
    let stats = app.get("/api/v1/monitoring/alarms/stats?by=enterprise", &county).await.body;
    let row = stats["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"].as_str() == Some(eid.to_string().as_str()))
        .unwrap()
        .clone();
    assert!(row["avg_ack_minutes"].is_number() && row["avg_handle_minutes"].is_number(), "{row}");
    assert!(row["supervised"].as_u64().unwrap() >= 1);
    let x = app.http.get(app.url("/api/v1/monitoring/alarms?format=xlsx")).bearer_auth(&county).send().await.unwrap();
    assert!(x.status().is_success());
    let _ = id;
}

/// Reads the live feed until `want` alarm messages came or `ms` passed.
async fn feed(app: &TestApp, token: &str, ms: u64) -> tokio::task::JoinHandle<Vec<Value>> {
    let r = app.http.get(app.url("/api/v1/monitoring/alarms/stream")).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    tokio::spawn(async move {
        let mut r = r;
        let mut buf = String::new();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(ms);
        while let Ok(Ok(Some(chunk))) = tokio::time::timeout_at(deadline, r.chunk()).await {
            buf.push_str(&String::from_utf8_lossy(&chunk));
        }
        buf.split("\n\n")
            .filter(|m| m.contains("event: alarm"))
            .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("data: ")).and_then(|d| serde_json::from_str(d).ok()))
            .collect()
    })
}

#[tokio::test]
async fn the_live_feed_reaches_open_browsers_in_scope_within_a_second() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    own_point(&app, &ent, "T-FEED-1", 60).await;
    let xinzhou = feed(&app, &app.login("county-361102").await, 1500).await;
    let guangfeng = feed(&app, &app.login("county-361103").await, 1500).await;
    let own = feed(&app, &ent, 1500).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let sent = std::time::Instant::now();
    // A major alarm (high-high) and a minor one (low) of another point.
    readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-FEED-1", "ts": at(Utc::now() - Duration::seconds(1)), "value": 2.5}]}),
    )
    .await;
    let latency = sent.elapsed();
    let xinzhou = xinzhou.await.unwrap();
    assert_eq!(xinzhou.len(), 1, "{xinzhou:?}");
    assert_eq!(xinzhou[0]["event"], "raised");
    assert_eq!(xinzhou[0]["alarm"]["point_code"], "T-FEED-1");
    assert!(latency < std::time::Duration::from_secs(1));
    assert!(guangfeng.await.unwrap().is_empty(), "another county hears nothing");
    assert_eq!(own.await.unwrap().len(), 1);

    // A minor alarm is the enterprise's business, not the county's (configured routes).
    let (_, _) = (own_point(&app, &ent, "T-FEED-2", 60).await, ());
    let xinzhou = feed(&app, &app.login("county-361102").await, 1000).await;
    let own = feed(&app, &ent, 1000).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-FEED-2", "ts": at(Utc::now() - Duration::seconds(1)), "value": 0.1}]}),
    )
    .await;
    assert!(xinzhou.await.unwrap().is_empty());
    let own = own.await.unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["alarm"]["severity"], "minor");
}

#[tokio::test]
async fn charts_draw_long_ranges_from_rollups_and_late_readings_are_rolled_up_again() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (_, id) = own_point(&app, &ent, "T-ROLL-1", 60).await;
    let now = Utc::now();
    let start = now - Duration::days(3);
    // Three days, a reading every ten minutes: value = the hour of day (China time) / 100.
    let mut rows = Vec::new();
    let mut t = start;
    while t < now - Duration::minutes(5) {
        let h = (t + Duration::hours(8)).format("%H").to_string().parse::<f64>().unwrap();
        rows.push(json!({"point": "T-ROLL-1", "ts": t.timestamp_millis(), "value": h / 100.0}));
        t += Duration::minutes(10);
    }
    let n = rows.len();
    for chunk in rows.chunks(200) {
        readings(&app, &ent, json!({"readings": chunk})).await;
    }
    ranjian_server::monitoring::reading::service::roll_up(&app.state, now.timestamp_millis()).await.unwrap();
    let s =
        app.get(&format!("/api/v1/monitoring/points/{id}/series?from={}", at(start).replace('+', "%2B")), &ent).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert_eq!(s.body["grain"], "minute");
    let s = app
        .get(&format!("/api/v1/monitoring/points/{id}/series?from={}&grain=day", at(start).replace('+', "%2B")), &ent)
        .await
        .body;
    let days = s["items"].as_array().unwrap();
    assert!(days.len() == 3 || days.len() == 4, "{}", days.len());
    assert_eq!(days.iter().map(|d| d["n"].as_i64().unwrap()).sum::<i64>(), n as i64, "every reading counted once");
    let full = days.iter().find(|d| d["n"] == 144).expect("a whole day of readings");
    assert!((full["avg"].as_f64().unwrap() - 0.115).abs() < 1e-9, "{full}");
    assert_eq!((full["min"].as_f64(), full["max"].as_f64()), (Some(0.0), Some(0.23)));
    let hours = app
        .get(&format!("/api/v1/monitoring/points/{id}/series?from={}&grain=hour", at(start).replace('+', "%2B")), &ent)
        .await
        .body;
    assert_eq!(hours["items"].as_array().unwrap().iter().map(|d| d["n"].as_i64().unwrap()).sum::<i64>(), n as i64);

    // A reading of two days ago arrives late (manual reporting): the rollups are redone.
    let late = start + Duration::days(1) + Duration::minutes(5);
    readings(&app, &ent, json!({"readings": [{"point": "T-ROLL-1", "ts": at(late), "value": 5.0}]})).await;
    ranjian_server::monitoring::reading::service::roll_up(&app.state, now.timestamp_millis()).await.unwrap();
    let s = app
        .get(&format!("/api/v1/monitoring/points/{id}/series?from={}&grain=day", at(start).replace('+', "%2B")), &ent)
        .await
        .body;
    let days = s["items"].as_array().unwrap();
    assert_eq!(days.iter().map(|d| d["n"].as_i64().unwrap()).sum::<i64>(), n as i64 + 1);
    assert!(days.iter().any(|d| d["max"] == 5.0));
    // Nonsense ranges: a clear error.
    let r = app.get(&format!("/api/v1/monitoring/points/{id}/series?from=2026-13-01"), &ent).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .get(
            &format!(
                "/api/v1/monitoring/points/{id}/series?from={}&to={}",
                at(now).replace('+', "%2B"),
                at(start).replace('+', "%2B")
            ),
            &ent,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn points_are_validated_like_every_ledger() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (ent_code, _) = own_point(&app, &ent, "T-PT-1", 60).await;
    let r = app
        .post(
            "/api/v1/monitoring/points/batch",
            &ent,
            json!([
                {"enterprise_code": ent_code, "code": "T-PT-2", "name": "错单位", "kind": "压力", "unit": "%LEL", "target_type": "人员密集场所", "target_name": "某农贸市场", "lng": "117.95", "lat": "28.45"},
                {"enterprise_code": ent_code, "code": "T-PT-3", "name": "限值颠倒", "kind": "可燃气体浓度", "unit": "%LEL", "target_type": "人员密集场所", "target_name": "某学校", "lng": "117.95", "lat": "28.45", "high": "50", "high_high": "20"},
                {"enterprise_code": ent_code, "code": "T-PT-4", "name": "无此厂站", "kind": "压力", "unit": "MPa", "target_type": "厂站设施", "target_code": "NO-SUCH"},
                {"enterprise_code": ent_code, "code": "T-PT-5", "name": "省外", "kind": "温度", "unit": "℃", "target_type": "人员密集场所", "target_name": "某处", "lng": "116.0", "lat": "39.9"},
                {"enterprise_code": ent_code, "code": "T-PT-6", "name": "农贸市场可燃气体", "kind": "可燃气体浓度", "unit": "%LEL", "target_type": "人员密集场所", "target_name": "某农贸市场", "lng": "117.95", "lat": "28.45", "high": "20", "high_high": "50"}
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["unit", "high", "target_code", "lng"], "{}", r.body);
    // The new point is known to ingestion at once.
    let r = readings(
        &app,
        &ent,
        json!({"readings": [{"point": "T-PT-6", "ts": at(Utc::now() - Duration::seconds(1)), "value": 60}]}),
    )
    .await;
    assert_eq!(r["alarms"][0]["severity"], "critical", "combustible gas above high-high is a leak");
    let geo = app.get("/api/v1/monitoring/points/geojson", &ent).await.body;
    assert!(geo["features"].as_array().unwrap().iter().any(|f| f["properties"]["state"] == "alarm"));
}

/// A Mosquitto broker of the test's own, on a free port, that the test can stop and start again.
struct Broker {
    port: u16,
    conf: tempfile::NamedTempFile,
    child: Option<std::process::Child>,
}

impl Broker {
    fn start() -> Broker {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let conf = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            conf.path(),
            format!(
                "listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 2000\nmax_queued_messages 100000\n"
            ),
        )
        .unwrap();
        let mut b = Broker { port, conf, child: None };
        b.up();
        b
    }

    fn up(&mut self) {
        let bin = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"].into_iter().find(|p| std::path::Path::new(p).exists());
        let child = std::process::Command::new(bin.expect("mosquitto installed (Debian package mosquitto)"))
            .arg("-c")
            .arg(self.conf.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("mosquitto did not start on {}", self.port);
    }

    fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.down();
    }
}

async fn mqtt_status(app: &TestApp, token: &str) -> Value {
    app.get("/api/v1/monitoring/mqtt-status", token).await.body
}

async fn wait_for(what: &str, mut f: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if f().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn mqtt_readings_take_the_same_path_and_the_subscriber_survives_a_broker_restart() {
    let mut broker = Broker::start();
    let prefix = format!("t{}/readings", std::process::id());
    let (port, p2) = (broker.port, prefix.clone());
    let app = spawn_app_with(move |c| {
        c.monitoring.mqtt_url = Some(format!("mqtt://127.0.0.1:{port}"));
        c.monitoring.mqtt_topic_prefix = p2;
        c.monitoring.mqtt_client_id = format!("ranjian-test-{port}");
    })
    .await;
    let ent = app.login("enterprise-demo").await;
    let (ent_code, id) = own_point(&app, &ent, "T-MQTT-1", 60).await;
    wait_for("the subscription", async || mqtt_status(&app, &ent).await["connected"] == true).await;

    let mut opts = rumqttc::MqttOptions::new(format!("pub-{}", broker.port), "127.0.0.1", broker.port);
    opts.set_keep_alive(std::time::Duration::from_secs(5));
    let (client, mut events) = rumqttc::AsyncClient::new(opts, 100);
    tokio::spawn(async move {
        loop {
            if events.poll().await.is_err() {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
    });
    let topic = |point: &str| format!("{prefix}/{ent_code}/{point}");
    let t0 = Utc::now() - Duration::seconds(30);
    let qos = rumqttc::QoS::AtLeastOnce;
    client
        .publish(topic("T-MQTT-1"), qos, false, json!({"ts": at(t0), "value": 0.5, "unit": "MPa"}).to_string())
        .await
        .unwrap();
    client.publish(topic("T-MQTT-1"), qos, false, "温度高".as_bytes().to_vec()).await.unwrap();
    client
        .publish(
            topic("T-MQTT-1"),
            qos,
            false,
            json!([{"ts": (t0 + Duration::seconds(1)).timestamp_millis(), "value": 0.6}, {"ts": at(t0 + Duration::seconds(2)), "value": 2.5}]).to_string(),
        )
        .await
        .unwrap();
    client.publish(topic("NO-SUCH"), qos, false, json!({"ts": at(t0), "value": 1}).to_string()).await.unwrap();
    client
        .publish(format!("{prefix}/NOTANENTERPRISE/X"), qos, false, json!({"ts": at(t0), "value": 1}).to_string())
        .await
        .unwrap();
    wait_for("three readings stored", async || mqtt_status(&app, &ent).await["stored"] == 3).await;
    wait_for("two messages counted malformed", async || mqtt_status(&app, &ent).await["malformed"] == 2).await;
    let alarms = alarms_of(&app, &ent, id).await;
    assert_eq!(alarms.len(), 1, "thresholds judged as for HTTP: {alarms:?}");
    assert_eq!(alarms[0]["condition"], "high_high");

    // The broker goes away for a while and comes back: the subscriber reconnects by itself.
    broker.down();
    wait_for("the loss to be noticed", async || mqtt_status(&app, &ent).await["connected"] == false).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    broker.up();
    wait_for("the reconnection", async || {
        let s = mqtt_status(&app, &ent).await;
        s["connected"] == true && s["connections"].as_u64().unwrap() >= 2
    })
    .await;
    let mut opts = rumqttc::MqttOptions::new(format!("pub2-{}", broker.port), "127.0.0.1", broker.port);
    opts.set_keep_alive(std::time::Duration::from_secs(5));
    let (client, mut events) = rumqttc::AsyncClient::new(opts, 100);
    tokio::spawn(async move {
        loop {
            if events.poll().await.is_err() {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
    });
    client
        .publish(topic("T-MQTT-1"), qos, false, json!({"ts": at(t0 + Duration::seconds(3)), "value": 0.5}).to_string())
        .await
        .unwrap();
    wait_for("a reading after the restart", async || mqtt_status(&app, &ent).await["stored"] == 4).await;
    let p = app.get(&format!("/api/v1/monitoring/points/{id}"), &ent).await.body;
    assert_eq!(p["live"]["value"], 0.5);
}

#[tokio::test]
async fn station_cameras_are_registered_and_their_streams_checked() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let (ent_code, _) = own_point(&app, &ent, "T-CAM-0", 60).await;
    let station =
        app.get("/api/v1/industry/stations?kind=gate_station&page_size=1", &ent).await.body["items"][0].clone();
    // A stream gateway of the test's own: one playlist, one page that is not a playlist.
    let gw = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gw_port = gw.local_addr().unwrap().port();
    let router = axum::Router::new()
        .route("/live/a/index.m3u8", axum::routing::get(|| async { "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-ENDLIST\n" }))
        .route("/live/b/index.m3u8", axum::routing::get(|| async { "<html>登录</html>" }));
    tokio::spawn(async move { axum::serve(gw, router).await.unwrap() });
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cam = |code: &str, url: String| json!({"enterprise_code": ent_code, "code": code, "name": format!("{code}全景"), "station_code": station["code"], "stream_url": url});
    let r = app
        .post(
            "/api/v1/monitoring/cameras/batch",
            &ent,
            json!([
                cam("T-CAM-A", format!("http://127.0.0.1:{gw_port}/live/a/index.m3u8")),
                cam("T-CAM-B", format!("http://127.0.0.1:{gw_port}/live/b/index.m3u8")),
                cam("T-CAM-C", format!("http://127.0.0.1:{dead}/live/c/index.m3u8")),
                cam("T-CAM-D", "rtsp://127.0.0.1/x".into()),
                {"enterprise_code": ent_code, "code": "T-CAM-E", "name": "无此站", "station_code": "NO-SUCH", "stream_url": "http://x/y.m3u8"}
            ]),
        )
        .await;
    assert_eq!(r.body["inserted"], 3, "{}", r.body);
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["stream_url", "station_code"]);
    let list = app.get("/api/v1/monitoring/cameras?q=T-CAM&page_size=10", &ent).await.body;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|c| c["online_name"] == "未检测" && c["lng"] == station["lng"]));
    let mut online = Vec::new();
    for c in items {
        let r = app.post(&format!("/api/v1/monitoring/cameras/{}/check", c["id"]), &ent, json!({})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        online.push((r.body["code"].as_str().unwrap().to_string(), r.body["online"].as_bool().unwrap()));
    }
    online.sort();
    assert_eq!(
        online,
        vec![("T-CAM-A".into(), true), ("T-CAM-B".into(), false), ("T-CAM-C".into(), false)],
        "a playlist answers; a login page or a closed port does not"
    );
    let on = app.get("/api/v1/monitoring/cameras?online=true&q=T-CAM", &ent).await.body;
    assert_eq!(on["total"], 1);
    // The county of the station sees them; another county does not.
    let id = items[0]["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/monitoring/cameras/{id}"), &app.login("county-361102").await).await.status,
        StatusCode::OK
    );
    let gf = app.login("county-361103").await;
    assert_eq!(app.get(&format!("/api/v1/monitoring/cameras/{id}"), &gf).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.post(&format!("/api/v1/monitoring/cameras/{id}/check"), &gf, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
}
