//! Service supervision (article 6): a case filed by the public with the anti-bot check and rate
//! limit, tracked with number + phone; handed down the levels, returned up, answered, fed back,
//! rated, reopened once, closed; deadlines in working days on the calendar, warnings and overdue
//! supervision by the scheduler with a controllable day; privacy of the person; hotline and
//! enterprise uploads; statistics; scope.

use crate::helpers::{spawn_app, spawn_app_with, TestApp};
use chrono::{Datelike, Duration, NaiveDate};
use ranjian_server::complaints::case::service::supervise;
use reqwest::StatusCode;
use serde_json::{json, Value};

const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xFC, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x05, 0x02, 0x00, 0x5F, 0xC8, 0xF1,
    0xD2, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn today() -> NaiveDate {
    (chrono::Utc::now() + Duration::hours(8)).date_naive()
}

/// The answer to the anti-bot question (a sum of two digits).
async fn challenge(app: &TestApp) -> (String, String) {
    let r = app.http.get(app.url("/api/v1/public/challenge")).send().await.unwrap();
    let c: Value = r.json().await.unwrap();
    let q = c["question"].as_str().unwrap();
    let n: Vec<u32> = q.split(|ch: char| !ch.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
    (c["token"].as_str().unwrap().to_string(), (n[0] + n[1]).to_string())
}

fn form(overrides: Value) -> Value {
    let mut v = json!({
        "case_type": "complaint",
        "gas_category": "pipeline_gas",
        "region_code": "361102",
        "place": "信州区带湖路88号3栋",
        "description": "楼道燃气立管有异味已报修两次，至今无人处理",
        "contact_name": "王先生",
        "contact_phone": "13907931234",
    });
    for (k, x) in overrides.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

/// File on the public form (multipart), answering the anti-bot question right unless told otherwise.
async fn file(app: &TestApp, case: Value, photos: Vec<(&str, Vec<u8>)>, answer_right: bool) -> crate::helpers::Resp {
    let (token, answer) = challenge(app).await;
    let mut case = case;
    case["challenge_token"] = json!(token);
    case["challenge_answer"] = json!(if answer_right { answer } else { "99".into() });
    let mut f = reqwest::multipart::Form::new().text("case", case.to_string());
    for (name, bytes) in photos {
        f = f.part("photos", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    }
    let r = app.http.post(app.url("/api/v1/public/cases")).multipart(f).send().await.unwrap();
    TestApp::read(r).await
}

async fn case_count(app: &TestApp) -> u64 {
    let city = app.login("city-admin").await;
    app.get("/api/v1/complaints/cases?page_size=1", &city).await.body["total"].as_u64().unwrap()
}

async fn find(app: &TestApp, token: &str, tracking_no: &str) -> crate::helpers::Resp {
    app.get(&format!("/api/v1/complaints/cases?q={tracking_no}"), token).await
}

async fn id_of(app: &TestApp, tracking_no: &str) -> i64 {
    let city = app.login("city-admin").await;
    find(app, &city, tracking_no).await.body["items"][0]["id"].as_i64().expect("case found")
}

async fn step(app: &TestApp, token: &str, id: i64, body: Value) -> crate::helpers::Resp {
    app.post(&format!("/api/v1/complaints/cases/{id}/transitions"), token, body).await
}

#[tokio::test]
async fn the_public_form_refuses_bad_input_and_writes_nothing_half() {
    // Every attempt counts against the address's limit: allow this test's.
    let app = spawn_app_with(|c| {
        c.public_cases_per_hour = 100;
        c.photo_max_bytes = 64;
    })
    .await;
    let before = case_count(&app).await;

    let r = file(&app, form(json!({})), vec![], false).await;
    r.assert_problem(422, "validation_failed");
    assert!(!r.field_errors("challenge_answer").is_empty(), "{}", r.body);

    let r = file(&app, form(json!({"description": "  "})), vec![], true).await;
    assert!(r.field_errors("description")[0].contains("不能为空"), "{}", r.body);
    let r = file(&app, form(json!({"contact_phone": "12345"})), vec![], true).await;
    assert!(r.field_errors("contact_phone")[0].contains("不正确"), "{}", r.body);
    let r = file(&app, form(json!({"contact_phone": null})), vec![], true).await;
    assert!(!r.field_errors("contact_phone").is_empty(), "a complaint needs a phone: {}", r.body);
    let r = file(&app, form(json!({"region_code": "110101"})), vec![], true).await;
    assert!(!r.field_errors("region_code").is_empty());
    let r = file(&app, form(json!({"anonymous": true})), vec![], true).await;
    assert!(r.field_errors("anonymous")[0].contains("举报"), "only reports are anonymous: {}", r.body);
    let r = file(&app, form(json!({})), vec![("恶意.exe", b"MZ\x90\x00not an image".to_vec())], true).await;
    assert!(r.field_errors("photos")[0].contains("不是 JPEG、PNG 或 WebP"), "{}", r.body);
    let r = file(&app, form(json!({})), vec![("大图.png", PNG_1X1.to_vec())], true).await;
    assert!(r.field_errors("photos").first().is_some_and(|e| e.contains("超过1KB")), "{}", r.body);
    let five = (0..5).map(|_| ("p.png", PNG_1X1.to_vec())).collect();
    let r = file(&app, form(json!({})), five, true).await;
    assert!(r.field_errors("photos").first().is_some_and(|e| e.contains("最多4张")), "{}", r.body);
    // The hidden field a bot fills in.
    let r = file(&app, form(json!({"website": "http://spam.example"})), vec![], true).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A challenge is answered once.
    let (token, answer) = challenge(&app).await;
    let mut c = form(json!({}));
    c["challenge_token"] = json!(token);
    c["challenge_answer"] = json!(answer);
    let send = |c: Value| {
        let f = reqwest::multipart::Form::new().text("case", c.to_string());
        app.http.post(app.url("/api/v1/public/cases")).multipart(f).send()
    };
    assert_eq!(send(c.clone()).await.unwrap().status(), StatusCode::OK);
    let again = TestApp::read(send(c).await.unwrap()).await;
    assert!(again.field_errors("challenge_answer")[0].contains("已使用"), "{}", again.body);
    assert_eq!(case_count(&app).await, before + 1, "only the good submission is stored");
}

#[tokio::test]
async fn the_public_form_is_rate_limited_per_address() {
    let app = spawn_app_with(|c| c.public_cases_per_hour = 2).await;
    assert_eq!(file(&app, form(json!({})), vec![], true).await.status, StatusCode::OK);
    assert_eq!(file(&app, form(json!({})), vec![], true).await.status, StatusCode::OK);
    file(&app, form(json!({})), vec![], true).await.assert_problem(429, "too_many_requests");
}

#[tokio::test]
async fn a_case_goes_down_the_levels_and_back_up_to_the_person() {
    let app = spawn_app().await;
    let (city, county, ent) =
        (app.login("city-admin").await, app.login("county-361102").await, app.login("enterprise-demo").await);
    let filed = file(&app, form(json!({})), vec![("燃气表.png", PNG_1X1.to_vec())], true).await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
    let no = filed.body["tracking_no"].as_str().unwrap().to_string();
    assert!(no.starts_with("TS") && no.len() == 16, "{no}");
    let id = id_of(&app, &no).await;

    // The person tracks it: the same answer for a wrong phone as for an unknown number.
    let track = |no: &str, phone: &str| {
        app.http.post(app.url("/api/v1/public/cases/track")).json(&json!({"tracking_no": no, "phone": phone})).send()
    };
    let ok = TestApp::read(track(&no, "13907931234").await.unwrap()).await;
    assert_eq!(ok.body["state_name"], "待受理", "{}", ok.body);
    let wrong_phone = TestApp::read(track(&no, "13900000000").await.unwrap()).await;
    let unknown = TestApp::read(track("TS20260101999999", "13907931234").await.unwrap()).await;
    assert_eq!(wrong_phone.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong_phone.body, unknown.body, "a wrong phone tells nothing more than an unknown number");

    // The enterprise cannot see the case before it is handed to it.
    assert_eq!(app.get(&format!("/api/v1/complaints/cases/{id}"), &ent).await.status, StatusCode::NOT_FOUND);
    let r = step(&app, &ent, id, json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The city receives it: the photo is there, the contact in full (it handles the case).
    let d = app.get(&format!("/api/v1/complaints/cases/{id}"), &city).await.body;
    assert_eq!(d["contact_phone"], "13907931234");
    assert_eq!(d["history"][0]["photos"].as_array().unwrap().len(), 1);
    assert_eq!(d["allowed"], json!(["accept", "decline"]));
    // An illegal step: 409 with what is allowed now.
    let r = step(&app, &city, id, json!({"action": "close"})).await;
    r.assert_problem(409, "illegal_transition");
    assert_eq!(r.body["allowed"], json!(["accept", "decline"]));
    // The county may not act on what the city holds.
    step(&app, &county, id, json!({"action": "accept"})).await.assert_problem(403, "forbidden");
    let r = step(&app, &city, id, json!({"action": "accept"})).await;
    assert_eq!(r.body["state"], "accepted", "{}", r.body);

    // City → county only (level by level): an enterprise is not among the targets.
    let targets = app.get(&format!("/api/v1/complaints/cases/{id}/transfer-targets"), &city).await.body;
    assert_eq!(targets[0]["region_code"], "361102", "the county of the place first: {targets}");
    assert!(targets.as_array().unwrap().iter().all(|t| t["name"].as_str().unwrap().contains("城市管理局")));
    let ent_org = app.enterprise_org(1).await;
    let r = step(&app, &city, id, json!({"action": "transfer", "to_org_id": ent_org})).await;
    assert!(!r.field_errors("to_org_id").is_empty(), "{}", r.body);
    let r = step(&app, &city, id, json!({"action": "transfer"})).await;
    assert!(!r.field_errors("to_org_id").is_empty(), "{}", r.body);
    let county_org = targets[0]["id"].as_i64().unwrap();
    let r =
        step(&app, &city, id, json!({"action": "transfer", "to_org_id": county_org, "note": "请信州区核实处理"})).await;
    assert_eq!(r.body["state"], "transferred", "{}", r.body);
    assert_eq!(r.body["holder_org_name"], "信州区城市管理局");

    // The county passes it to the enterprise; the enterprise returns it (not its supply area).
    let targets = app.get(&format!("/api/v1/complaints/cases/{id}/transfer-targets"), &county).await.body;
    assert!(targets.as_array().unwrap().iter().any(|t| t["id"] == ent_org), "{targets}");
    let r = step(&app, &county, id, json!({"action": "transfer", "to_org_id": ent_org})).await;
    assert_eq!(r.body["enterprise_id"], 1, "{}", r.body);
    let seen = app.get(&format!("/api/v1/complaints/cases/{id}"), &ent).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["allowed"], json!(["handle", "return"]));
    let r = step(&app, &ent, id, json!({"action": "return"})).await;
    assert_eq!(r.field_errors("note"), vec!["退回时必须填写退回理由"]);
    let r = step(&app, &ent, id, json!({"action": "return", "note": "该地址不在本公司供气范围"})).await;
    assert_eq!(r.body["state"], "returned", "{}", r.body);
    assert!(r.body["contact_phone"].is_null(), "out of the enterprise's hands: {}", r.body);
    let gone = app.get(&format!("/api/v1/complaints/cases/{id}"), &ent).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "returned: no longer the enterprise's case");
    let d = app.get(&format!("/api/v1/complaints/cases/{id}"), &county).await.body;
    assert_eq!((d["state"].as_str(), d["holder_org_name"].as_str()), (Some("returned"), Some("信州区城市管理局")));
    let notes = app.get("/api/v1/system/notifications?unread=true", &county).await.body;
    assert!(notes["items"].as_array().unwrap().iter().any(|n| n["kind"] == "case_returned"), "{notes}");

    // Sent again; the enterprise handles and answers with an evidence photo.
    step(&app, &county, id, json!({"action": "transfer", "to_org_id": ent_org})).await;
    let r = step(&app, &ent, id, json!({"action": "handle"})).await;
    assert_eq!(r.body["contact_phone"], "13907931234", "the enterprise handling it may call the person back");
    let up = app.upload(&format!("/api/v1/complaints/cases/{id}/photos"), &ent, PNG_1X1.to_vec(), "整改后.png").await;
    assert_eq!(up.body["pending_photos"].as_array().unwrap().len(), 1, "{}", up.body);
    let bad = app.upload(&format!("/api/v1/complaints/cases/{id}/photos"), &ent, b"%PDF-1.4".to_vec(), "x.pdf").await;
    bad.assert_problem(415, "unsupported_media_type");
    let r = step(&app, &ent, id, json!({"action": "answer"})).await;
    assert!(!r.field_errors("note").is_empty());
    let r = step(&app, &ent, id, json!({"action": "answer", "note": "已上门更换立管阀门，检测无泄漏"})).await;
    assert_eq!(r.body["state"], "answered", "{}", r.body);
    assert_eq!(r.body["holder_org_name"], "上饶市城市管理局", "the answer goes back to the city");
    assert!(r.body["allowed"].as_array().unwrap().is_empty(), "the enterprise has done its part");

    // The city tells the person; the person rates: dissatisfied; the city reopens it once.
    step(&app, &city, id, json!({"action": "follow_up", "note": "已电话告知办理结果"})).await;
    let rate = |s: &str| {
        app.http
            .post(app.url("/api/v1/public/cases/rate"))
            .json(&json!({"tracking_no": no, "phone": "13907931234", "satisfaction": s, "comment": "阀门还是漏"}))
            .send()
    };
    let r = TestApp::read(rate("dissatisfied").await.unwrap()).await;
    assert_eq!(r.body["state_name"], "已评价", "{}", r.body);
    assert!(!r.body["can_rate"].as_bool().unwrap());
    TestApp::read(rate("satisfied").await.unwrap()).await.assert_problem(409, "illegal_transition");
    let r = step(&app, &city, id, json!({"action": "reopen", "note": "请再次上门核实"})).await;
    assert_eq!(r.body["state"], "handling", "{}", r.body);
    step(&app, &ent, id, json!({"action": "answer", "note": "已更换整段立管"})).await;
    step(&app, &city, id, json!({"action": "follow_up", "note": "已告知"})).await;
    let r = step(&app, &city, id, json!({"action": "rate", "satisfaction": "dissatisfied"})).await;
    assert_eq!(r.body["state"], "rated");
    let r = step(&app, &city, id, json!({"action": "reopen", "note": "再次"})).await;
    r.assert_problem(409, "illegal_transition");
    assert!(r.body["detail"].as_str().unwrap().contains("重新办理过一次"), "{}", r.body);
    let r = step(&app, &city, id, json!({"action": "close"})).await;
    assert_eq!(r.body["state"], "closed", "{}", r.body);

    // The person sees every public step and the answer, none of the internal opinions.
    let t = TestApp::read(track(&no, "13907931234").await.unwrap()).await.body;
    assert_eq!(t["state_name"], "已办结");
    assert_eq!(t["answer"], "已更换整段立管");
    let titles: Vec<&str> = t["steps"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"已转交承办单位办理") && titles.contains(&"重新办理"), "{titles:?}");
    assert!(!t.to_string().contains("不在本公司供气范围"), "a return's reason is internal");
    let history = app.get(&format!("/api/v1/complaints/cases/{id}"), &city).await.body["history"].clone();
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        vec![
            "receive",
            "accept",
            "transfer",
            "transfer",
            "return",
            "transfer",
            "handle",
            "answer",
            "follow_up",
            "rate",
            "reopen",
            "answer",
            "follow_up",
            "rate",
            "close"
        ]
    );
    let answer = history.as_array().unwrap().iter().find(|e| e["action"] == "answer").unwrap();
    assert_eq!(answer["photos"].as_array().unwrap().len(), 1, "the photo is the answer's evidence");
}

#[tokio::test]
async fn an_anonymous_report_never_reveals_its_source() {
    let app = spawn_app().await;
    let (city, county, ent) =
        (app.login("city-admin").await, app.login("county-361102").await, app.login("enterprise-demo").await);
    let filed = file(
        &app,
        form(json!({"case_type": "report", "anonymous": true, "contact_name": "李四", "contact_phone": "13800001111",
                    "enterprise_id": 1, "description": "该公司送气工使用未检钢瓶"})),
        vec![],
        true,
    )
    .await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
    let no = filed.body["tracking_no"].as_str().unwrap().to_string();
    let id = id_of(&app, &no).await;
    step(&app, &city, id, json!({"action": "accept"})).await;
    let county_org = app.authority_org("361102").await;
    step(&app, &city, id, json!({"action": "transfer", "to_org_id": county_org})).await;
    step(&app, &county, id, json!({"action": "transfer", "to_org_id": app.enterprise_org(1).await})).await;
    for t in [&city, &county, &ent] {
        let d = app.get(&format!("/api/v1/complaints/cases/{id}"), t).await;
        assert_eq!(d.status, StatusCode::OK);
        assert!(d.body["contact_name"].is_null() && d.body["contact_phone"].is_null(), "{}", d.body);
        assert!(!d.bytes.windows(4).any(|w| w == "李四".as_bytes()), "the name appears nowhere");
        assert!(!String::from_utf8_lossy(&d.bytes).contains("13800001111"));
    }
    // The phone was kept only to let the person track it.
    let r = app
        .http
        .post(app.url("/api/v1/public/cases/track"))
        .json(&json!({"tracking_no": no, "phone": "13800001111"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Nor does the export show it.
    let x = app.get(&format!("/api/v1/complaints/cases?q={no}&format=xlsx"), &city).await;
    let sheet = crate::helpers::read_sheet(&x.bytes);
    assert!(sheet.iter().flatten().all(|c| !c.contains("李四") && !c.contains("13800001111")));
    assert!(sheet.iter().flatten().any(|c| c == "匿名"));
}

#[tokio::test]
async fn scope_and_the_persons_contact_follow_the_handlers() {
    let app = spawn_app().await;
    let (city, county, other) =
        (app.login("city-admin").await, app.login("county-361102").await, app.login("county-361103").await);
    let no = file(&app, form(json!({})), vec![], true).await.body["tracking_no"].as_str().unwrap().to_string();
    let id = id_of(&app, &no).await;
    // 信州区 sees its county's case, but not the person's phone until the case is handed to it.
    let d = app.get(&format!("/api/v1/complaints/cases/{id}"), &county).await.body;
    assert_eq!(d["contact_phone"], "139****1234", "{d}");
    assert_eq!(d["contact_visible"], false);
    assert!(d["allowed"].as_array().unwrap().is_empty());
    // Another county sees nothing of it: not the detail, list, stats, or targets.
    assert_eq!(app.get(&format!("/api/v1/complaints/cases/{id}"), &other).await.status, StatusCode::NOT_FOUND);
    assert_eq!(find(&app, &other, &no).await.body["total"], 0);
    let s = app.get("/api/v1/complaints/cases/stats?group=region", &other).await.body;
    assert!(s["items"].as_array().unwrap().iter().all(|g| g["key"] == "361103"), "{s}");
    step(&app, &city, id, json!({"action": "accept"})).await;
    step(&app, &city, id, json!({"action": "transfer", "to_org_id": app.authority_org("361102").await})).await;
    let d = app.get(&format!("/api/v1/complaints/cases/{id}"), &county).await.body;
    assert_eq!(d["contact_phone"], "13907931234");
    // The county's to-do holds it; the city's does not.
    let todo = app.get("/api/v1/complaints/cases?todo=true&page_size=200", &county).await.body;
    assert!(todo["items"].as_array().unwrap().iter().any(|c| c["id"] == id));
    let todo = app.get("/api/v1/complaints/cases?todo=true&page_size=200", &city).await.body;
    assert!(todo["items"].as_array().unwrap().iter().all(|c| c["id"] != id));
    // An inspector neither handles cases nor reads contacts.
    let inspector = app.login("inspector-361102").await;
    step(&app, &inspector, id, json!({"action": "handle"})).await.assert_problem(403, "forbidden");
    // Exports carry the contact masked even for the handler.
    let x = app.get(&format!("/api/v1/complaints/cases?q={no}&format=xlsx"), &county).await;
    let sheet = crate::helpers::read_sheet(&x.bytes);
    assert!(sheet.iter().flatten().any(|c| c == "139****1234"), "{sheet:?}");
}

#[tokio::test]
async fn deadlines_count_working_days_and_the_scheduler_supervises_them() {
    let app = spawn_app().await;
    let (city, admin_county) = (app.login("city-admin").await, app.login("county-361102").await);
    // This year's and next year's calendar: the next two weekdays are declared holidays.
    let t = today();
    let mut holidays = Vec::new();
    let mut d = t;
    while holidays.len() < 2 {
        d += Duration::days(1);
        if d.weekday().num_days_from_monday() < 5 {
            holidays.push(d);
        }
    }
    for year in [t.year(), t.year() + 1] {
        let days: Vec<Value> = holidays
            .iter()
            .filter(|h| h.year() == year)
            .map(|h| json!({"date": h.to_string(), "kind": "holiday", "name": "测试假日"}))
            .collect();
        let r = app.put(&format!("/api/v1/system/calendar/{year}"), &city, json!({"days": days})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // A clerk registers a call: accepted at once, the handling clock starts today.
    let r = app
        .post(
            "/api/v1/complaints/cases",
            &admin_county,
            json!({"case_type": "service_request", "gas_category": "pipeline_gas", "region_code": "361102",
                   "place": "信州区五三大道1号", "description": "申请燃气表移位", "contact_name": "赵女士",
                   "contact_phone": "0793-8221234"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["state"].as_str(), r.body["channel"].as_str()), (Some("accepted"), Some("phone")));
    let id = r.body["id"].as_i64().unwrap();
    let stages = r.body["stages"].as_array().unwrap().clone();
    let handle = stages.iter().find(|s| s["stage"] == "handle").unwrap();
    // Three working days for a service request, the two holidays skipped.
    let mut expected = t;
    let mut left = 3;
    while left > 0 {
        expected += Duration::days(1);
        if expected.weekday().num_days_from_monday() < 5 && !holidays.contains(&expected) {
            left -= 1;
        }
    }
    assert_eq!(handle["deadline"], expected.to_string(), "{stages:?}");
    assert_eq!(r.body["deadline"], expected.to_string());
    // The person tracks it with the number written either way.
    let no = r.body["tracking_no"].as_str().unwrap();
    let tracked =
        app.http.post(app.url("/api/v1/public/cases/track")).json(&json!({"tracking_no": no, "phone": "07938221234"}));
    assert_eq!(tracked.send().await.unwrap().status(), StatusCode::OK);

    // Before the warning day: nothing. On the deadline: a warning, once. After it: supervision.
    let s = supervise(&app.state, t).await.unwrap();
    let none_of_ours = app.get(&format!("/api/v1/complaints/cases/{id}"), &city).await.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] != "warning");
    assert!(none_of_ours, "{s:?}");
    supervise(&app.state, expected).await.unwrap();
    supervise(&app.state, expected).await.unwrap();
    let h = app.get(&format!("/api/v1/complaints/cases/{id}"), &city).await.body["history"].clone();
    assert_eq!(h.as_array().unwrap().iter().filter(|e| e["action"] == "warning").count(), 1, "{h}");
    let late = expected + Duration::days(1);
    let first = supervise(&app.state, late).await.unwrap();
    assert!(first.overdue >= 1);
    assert_eq!(supervise(&app.state, late).await.unwrap().overdue, 0, "each stage supervised once");
    let d = app.get(&format!("/api/v1/complaints/cases/{id}"), &city).await.body;
    let supervised: Vec<&Value> =
        d["history"].as_array().unwrap().iter().filter(|e| e["action"] == "supervise").collect();
    assert_eq!(supervised.len(), 1);
    assert!(supervised[0]["note"].as_str().unwrap().contains("超时督办"));
    assert!(d["stages"].as_array().unwrap().iter().any(|s| s["stage"] == "handle" && s["supervised"] == true));
    // The handler (信州区) and its superior (the city) are told.
    let mine = app.get("/api/v1/system/notifications?unread=true&page_size=200", &admin_county).await.body;
    assert!(mine["items"].as_array().unwrap().iter().any(|n| n["kind"] == "case_overdue"), "{mine}");
    let above = app.get("/api/v1/system/notifications?unread=true&page_size=200", &city).await.body;
    let ours = above["items"].as_array().unwrap().iter().find(|n| n["kind"] == "case_overdue_below").cloned();
    let ours = ours.expect("the superior is told");
    assert!(ours["link"].as_str().unwrap().contains(&format!("id={id}")));
    let r = app.post("/api/v1/system/notifications/read", &city, json!({"ids": [ours["id"]]})).await;
    assert_eq!(r.body["unread"].as_u64().unwrap(), above["unread"].as_u64().unwrap() - 1);
}

#[tokio::test]
async fn the_calendar_is_data_an_administrator_maintains() {
    let app = spawn_app().await;
    let (city, county) = (app.login("city-admin").await, app.login("county-361102").await);
    let r = app.get("/api/v1/system/calendar?year=2026", &county).await;
    assert_eq!(r.body["known"], true, "the shipped calendar is seeded: {}", r.body);
    assert!(r.body["days"].as_array().unwrap().iter().any(|d| d["date"] == "2026-10-01" && d["kind"] == "holiday"));
    let before = r.body["days"].as_array().unwrap().len();
    // Only the city administrator changes it.
    let r = app.put("/api/v1/system/calendar/2026", &county, json!({"days": []})).await;
    r.assert_problem(403, "forbidden");
    // Bad rows: each reported, nothing written.
    let r = app
        .put(
            "/api/v1/system/calendar/2026",
            &city,
            json!({"days": [{"date": "2026-13-01", "kind": "holiday", "name": "x"},
                            {"date": "2026-06-03", "kind": "workday", "name": "调休"},
                            {"date": "2025-06-06", "kind": "holiday", "name": "x"}]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.field_errors("days[0].date")[0].contains("YYYY-MM-DD"));
    let r = app
        .put(
            "/api/v1/system/calendar/2026",
            &city,
            json!({"days": [{"date": "2026-06-03", "kind": "workday", "name": "调休"},
                            {"date": "2025-06-06", "kind": "holiday", "name": "x"}]}),
        )
        .await;
    assert!(r.field_errors("days[0].kind")[0].contains("是工作日"), "{}", r.body);
    assert!(r.field_errors("days[1].date")[0].contains("不在 2026 年"), "{}", r.body);
    let r = app.get("/api/v1/system/calendar?year=2026", &county).await;
    assert_eq!(r.body["days"].as_array().unwrap().len(), before);
    // Next year's notice, imported as CSV.
    let csv = "date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-09,workday,国庆节\n";
    let r = app.upload("/api/v1/system/calendar/import", &city, csv.as_bytes().to_vec(), "2027.csv").await;
    assert_eq!(r.body["years"], json!([2027]), "{}", r.body);
    let r = app.get("/api/v1/system/calendar?year=2027", &county).await;
    assert_eq!(r.body["days"].as_array().unwrap().len(), 2);
    let bad = "date,kind,name\n2027-10-01,休假,国庆节\n";
    let r = app.upload("/api/v1/system/calendar/import", &city, bad.as_bytes().to_vec(), "bad.csv").await;
    assert!(r.field_errors("file")[0].contains("第2行"), "{}", r.body);
    let r = app.get("/api/v1/system/calendar/export", &county).await;
    assert!(String::from_utf8_lossy(&r.bytes).contains("2027-10-09,workday,国庆节"));
}

#[tokio::test]
async fn hotline_orders_and_enterprise_cases_come_through_the_ingestion_pipeline() {
    let app = spawn_app().await;
    let (city, ent) = (app.login("city-admin").await, app.login("enterprise-demo").await);
    let before = app.get("/api/v1/complaints/cases/stats?group=channel", &city).await.body;
    let csv = "工单编号,诉求类型,燃气类别,所属县（市、区）,事发地点,诉求内容,来电人,来电号码,来电时间\n\
               GD-T-0001,投诉,管道燃气,信州区,信州区水南街1号,燃气灶点不着,钱先生,13600000001,2026-11-20 09:30\n\
               GD-T-0002,咨询,管道燃气,信州区,x,y,,,2026-11-20 09:30\n\
               GD-T-0003,举报,瓶装液化石油气,北京市,信州区,黑气点,,,2099-01-01 00:00\n";
    let r = app.upload("/api/v1/complaints/hotline-orders/import", &city, csv.as_bytes().to_vec(), "工单.csv").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(
        fields.contains(&"case_type") && fields.contains(&"region") && fields.contains(&"received_at"),
        "{fields:?}"
    );
    // Re-sending the same orders changes nothing.
    let again =
        app.upload("/api/v1/complaints/hotline-orders/import", &city, csv.as_bytes().to_vec(), "工单.csv").await;
    assert_eq!((again.body["inserted"].as_i64(), again.body["unchanged"].as_i64()), (Some(0), Some(1)));
    let hit = app.get("/api/v1/complaints/cases?q=GD-T-0001", &city).await.body;
    assert_eq!(hit["total"], 1);
    assert_eq!(
        (hit["items"][0]["channel"].as_str(), hit["items"][0]["state"].as_str()),
        (Some("hotline"), Some("received"))
    );
    // An enterprise cannot import hotline orders.
    let r = app.upload("/api/v1/complaints/hotline-orders/import", &ent, csv.as_bytes().to_vec(), "工单.csv").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The enterprise reports the complaints it received itself.
    let me = app.get("/api/v1/auth/me", &ent).await.body;
    let code = app.get(&format!("/api/v1/industry/enterprises/{}", me["user"]["enterprise_id"]), &ent).await.body
        ["code"]
        .as_str()
        .unwrap()
        .to_string();
    let batch = json!([
        {"enterprise_code": code, "code": "QY-T-1", "case_type": "服务申请", "gas_category": "管道燃气",
         "place": "信州区滨江路12号", "description": "申请燃气表移位", "received_at": "2026-11-20 10:00",
         "answer": "已移表", "answered_at": "2026-11-21 10:00", "satisfaction": "满意", "closed_at": "2026-11-21 12:00"},
        {"enterprise_code": code, "code": "QY-T-2", "case_type": "投诉", "gas_category": "管道燃气",
         "place": "信州区滨江路14号", "description": "抄表不准", "received_at": "2026-11-22 10:00",
         "closed_at": "2026-11-21 12:00"},
    ]);
    let r = app.post("/api/v1/complaints/enterprise-cases/batch", &ent, batch.clone()).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let fields: Vec<&str> = r.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"closed_at") && fields.contains(&"answer"), "{}", r.body);
    let r = app.post("/api/v1/complaints/enterprise-cases/batch", &ent, json!([batch[0].clone()])).await;
    assert_eq!(r.body["unchanged"], 1, "{}", r.body);
    // Marked as enterprise-received, counted in the same statistics; not worked on the platform.
    let after = app.get("/api/v1/complaints/cases/stats?group=channel", &city).await.body;
    let n = |v: &Value, k: &str| {
        v["items"].as_array().unwrap().iter().find(|g| g["key"] == k).map_or(0, |g| g["total"].as_i64().unwrap())
    };
    assert_eq!(n(&after, "enterprise"), n(&before, "enterprise") + 1);
    assert_eq!(n(&after, "hotline"), n(&before, "hotline") + 1);
    assert_eq!(
        after["summary"]["enterprise_received"].as_i64().unwrap(),
        before["summary"]["enterprise_received"].as_i64().unwrap() + 1
    );
    let mine = app.get("/api/v1/complaints/cases?q=QY-T-1", &ent).await.body;
    assert_eq!(mine["items"][0]["state"], "closed");
    let id = mine["items"][0]["id"].as_i64().unwrap();
    step(&app, &ent, id, json!({"action": "reopen", "note": "x"})).await.assert_problem(409, "conflict");
}

#[tokio::test]
async fn statistics_count_types_timeliness_satisfaction_and_repeats() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let base = app.get("/api/v1/complaints/cases/stats", &city).await.body;
    // Three cases about the same place, one rated satisfied, one dissatisfied.
    let mut nos = Vec::new();
    for _ in 0..3 {
        let r = file(&app, form(json!({"place": "信州区 测试路 9 号"})), vec![], true).await;
        nos.push(r.body["tracking_no"].as_str().unwrap().to_string());
    }
    for (i, no) in nos.iter().take(2).enumerate() {
        let id = id_of(&app, no).await;
        step(&app, &city, id, json!({"action": "accept"})).await;
        step(&app, &city, id, json!({"action": "handle"})).await;
        step(&app, &city, id, json!({"action": "answer", "note": "已处理"})).await;
        step(&app, &city, id, json!({"action": "follow_up", "note": "已告知"})).await;
        let s = if i == 0 { "satisfied" } else { "dissatisfied" };
        step(&app, &city, id, json!({"action": "rate", "satisfaction": s})).await;
    }
    let s = app.get("/api/v1/complaints/cases/stats", &city).await.body;
    let get = |v: &Value, p: &[&str]| p.iter().fold(v.clone(), |v, k| v[*k].clone()).as_i64().unwrap();
    assert_eq!(get(&s, &["summary", "total"]), get(&base, &["summary", "total"]) + 3);
    assert_eq!(get(&s, &["summary", "rated"]), get(&base, &["summary", "rated"]) + 2);
    assert_eq!(get(&s, &["satisfaction", "satisfied"]), get(&base, &["satisfaction", "satisfied"]) + 1);
    assert_eq!(get(&s, &["satisfaction", "dissatisfied"]), get(&base, &["satisfaction", "dissatisfied"]) + 1);
    let complaint = |v: &Value| {
        v["items"].as_array().unwrap().iter().find(|g| g["key"] == "complaint").unwrap()["total"].as_i64().unwrap()
    };
    assert_eq!(complaint(&s), complaint(&base) + 3);
    let accept = |v: &Value| {
        v["stages"].as_array().unwrap().iter().find(|g| g["stage"] == "accept").unwrap()["on_time"].as_i64().unwrap()
    };
    assert_eq!(accept(&s), accept(&base) + 2, "two accepted on time today");
    let rep = s["repeats"].as_array().unwrap().iter().find(|r| r["place"] == "信州区测试路9号").cloned();
    assert_eq!(rep.expect("the place repeats")["count"], 3);
    let month = today().format("%Y-%m").to_string();
    let m = s["months"].as_array().unwrap().iter().find(|x| x["month"] == month.as_str()).unwrap().clone();
    assert!(m["complaint"].as_i64().unwrap() >= 3);
    // Bad group → 422; Excel export of the groups.
    app.get("/api/v1/complaints/cases/stats?group=weather", &city).await.assert_problem(422, "validation_failed");
    let x = app.get("/api/v1/complaints/cases/stats?group=region&format=xlsx", &city).await;
    let sheet = crate::helpers::read_sheet(&x.bytes);
    assert!(sheet.iter().any(|r| r.first().is_some_and(|c| c == "信州区")), "{sheet:?}");
    assert_eq!(sheet.last().unwrap()[0], "合计");
}
