use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

fn id_number(first17: &str) -> String {
    ranjian_domain::IdNumber::complete(first17).unwrap().as_str().to_string()
}

async fn own_enterprise_code(app: &TestApp, token: &str) -> String {
    let me = app.get("/api/v1/auth/me", token).await;
    let eid = me.body["user"]["enterprise_id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/enterprises/{eid}"), token).await.body["code"].as_str().unwrap().to_string()
}

fn person(enterprise_code: &str, id: &str) -> serde_json::Value {
    json!({
        "enterprise_code": enterprise_code, "name": "赵测试", "id_number": id, "post": "safety_manager",
        "certificate_no": "赣燃培2025T001", "certificate_issued_on": "2025-03-01", "certificate_expires_on": "2028-02-28",
        "phone": "13907931234"
    })
}

#[tokio::test]
async fn lists_are_scoped_and_personal_data_is_masked_and_encrypted() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let r = app.get("/api/v1/industry/practitioners?page_size=200", &county).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let items = r.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for p in items {
        assert_eq!(p["region_code"], "361102");
        let masked = p["id_number_masked"].as_str().unwrap();
        assert!(masked.contains('*') && masked.len() == 18, "{masked}");
        assert!(p.get("id_number").is_none());
    }
    let ent = app.login("enterprise-demo").await;
    let mine = app.get("/api/v1/industry/practitioners?page_size=200", &ent).await;
    let eid = app.get("/api/v1/auth/me", &ent).await.body["user"]["enterprise_id"].as_i64().unwrap();
    assert!(mine.body["items"].as_array().unwrap().iter().all(|p| p["enterprise_id"].as_i64() == Some(eid)));
    // Another county's practitioner is a 404.
    let city = app.login("city-admin").await;
    let foreign = app.get("/api/v1/industry/practitioners?region_code=361103&page_size=1", &city).await;
    let fid = foreign.body["items"][0]["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/practitioners/{fid}"), &county).await.assert_problem(404, "not_found");

    // At rest the ID number is ciphertext; the API finds a person by the whole number.
    let code = own_enterprise_code(&app, &ent).await;
    let id = id_number("36110219900101123");
    let r = app.post("/api/v1/industry/practitioners", &ent, person(&code, &id)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["id_number_masked"], format!("361***********{}", &id[14..]));
    assert_eq!(r.body["phone_masked"], "139****1234");
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db.conn;
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id_number_enc, phone_enc FROM practitioner",
        ))
        .await
        .unwrap();
    for row in rows {
        let enc: String = row.try_get("", "id_number_enc").unwrap();
        assert!(!enc.contains(&id) && enc.len() > 2 * (12 + 16), "stored as SM4-GCM ciphertext");
        assert_eq!(app.state.crypto.decrypt(&enc).map(|s| s.len()), Some(18));
    }
    let found = app.get(&format!("/api/v1/industry/practitioners?q={id}"), &ent).await;
    assert_eq!(found.body["total"], 1);
    assert_eq!(found.body["items"][0]["name"], "赵测试");
    // Another enterprise's staff with the same number are not found by a county of another region.
    let other_county = app.login("county-361103").await;
    assert_eq!(app.get(&format!("/api/v1/industry/practitioners?q={id}"), &other_county).await.body["total"], 0);
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_duplicates_409() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let code = own_enterprise_code(&app, &ent).await;
    let before = app.get("/api/v1/industry/practitioners", &ent).await.body["total"].as_u64().unwrap();
    let wrong_check = {
        let good = id_number("36110219900101123");
        let last = if good.ends_with('0') { '1' } else { '0' };
        format!("{}{last}", &good[..17])
    };
    let mut bad = person(&code, &wrong_check);
    bad["certificate_issued_on"] = json!("2099-01-01");
    bad["certificate_expires_on"] = json!("2020-01-01");
    bad["post"] = json!("厨师");
    let r = app.post("/api/v1/industry/practitioners", &ent, bad).await;
    r.assert_problem(422, "validation_failed");
    for f in ["id_number", "certificate_issued_on", "certificate_expires_on", "post"] {
        assert_eq!(r.field_errors(f).len(), 1, "{f}: {}", r.body);
    }
    // An enterprise cannot register staff for another enterprise.
    let other = app.enterprise_in("361103").await;
    let r = app
        .post(
            "/api/v1/industry/practitioners",
            &ent,
            person(other["code"].as_str().unwrap(), &id_number("36110219900101124")),
        )
        .await;
    assert!(r.field_errors("enterprise_code")[0].contains("不在管辖范围"));
    let id = id_number("36110219900101125");
    assert_eq!(app.post("/api/v1/industry/practitioners", &ent, person(&code, &id)).await.status, StatusCode::CREATED);
    app.post("/api/v1/industry/practitioners", &ent, person(&code, &id)).await.assert_problem(409, "conflict");
    let after = app.get("/api/v1/industry/practitioners", &ent).await.body["total"].as_u64().unwrap();
    assert_eq!(after, before + 1);
    // Editing without an ID number keeps it.
    let pid =
        app.get(&format!("/api/v1/industry/practitioners?q={id}"), &ent).await.body["items"][0]["id"].as_i64().unwrap();
    let mut edit = person(&code, "");
    edit["name"] = json!("赵改名");
    edit.as_object_mut().unwrap().remove("phone");
    let r = app.put(&format!("/api/v1/industry/practitioners/{pid}"), &ent, edit).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["name"], "赵改名");
    assert_eq!(r.body["phone_masked"], "139****1234", "a phone left out of an edit is kept");
    let mut clear = person(&code, "");
    clear["phone"] = json!("");
    let r = app.put(&format!("/api/v1/industry/practitioners/{pid}"), &ent, clear).await;
    assert_eq!(r.body["phone_masked"], serde_json::Value::Null, "an empty phone clears it");
    assert_eq!(app.get(&format!("/api/v1/industry/practitioners?q={id}"), &ent).await.body["items"][0]["id"], pid);
    // Inspectors and officers without the right to write get 403.
    let xinzhou = app.authority_org("361102").await;
    app.create_user("p-inspector", "inspector", xinzhou).await;
    let insp = app.login("p-inspector").await;
    app.post("/api/v1/industry/practitioners", &insp, person(&code, &id_number("36110219900101126")))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn certificate_filters_and_certified_rates() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let code = own_enterprise_code(&app, &ent).await;
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let d = |days: i64| (today + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
    let people = vec![
        json!({"enterprise_code": code, "name": "将到期", "id_number": id_number("36110219800101001"), "post": "operator", "certificate_no": "C1", "certificate_issued_on": d(-1000), "certificate_expires_on": d(30)}),
        json!({"enterprise_code": code, "name": "已过期", "id_number": id_number("36110219800101002"), "post": "operator", "certificate_no": "C2", "certificate_issued_on": d(-1200), "certificate_expires_on": d(-1)}),
        json!({"enterprise_code": code, "name": "无证", "id_number": id_number("36110219800101003"), "post": "operator"}),
        json!({"enterprise_code": code, "name": "其他岗位", "id_number": id_number("36110219800101004"), "post": "其他从业人员"}),
    ];
    let before = app.get("/api/v1/industry/practitioners/stats?group=enterprise", &ent).await.body["summary"].clone();
    let r = app.post("/api/v1/industry/practitioners/batch", &ent, json!(people)).await;
    assert_eq!(r.body["inserted"], 4, "{}", r.body);
    let expiring = app.get("/api/v1/industry/practitioners?certificate=expiring&page_size=200", &ent).await;
    assert!(expiring.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "将到期" && p["certificate_status_name"] == "即将到期"));
    assert!(expiring.body["items"].as_array().unwrap().iter().all(|p| p["certificate_status"] == "expiring"));
    let expired = app.get("/api/v1/industry/practitioners?certificate=expired&page_size=200", &ent).await;
    assert!(expired.body["items"].as_array().unwrap().iter().any(|p| p["name"] == "已过期"));
    let after = app.get("/api/v1/industry/practitioners/stats?group=enterprise", &ent).await;
    assert_eq!(after.body["items"].as_array().unwrap().len(), 1, "an enterprise sees only itself");
    let (b, a) = (&before, &after.body["summary"]);
    let n = |v: &serde_json::Value, k: &str| v[k].as_i64().unwrap();
    assert_eq!(n(a, "total"), n(b, "total") + 4);
    assert_eq!(n(a, "required"), n(b, "required") + 3, "the other post needs no certificate");
    assert_eq!(n(a, "certified"), n(b, "certified") + 1, "an expiring certificate is still in force");
    assert_eq!(n(a, "expired"), n(b, "expired") + 1);
    assert_eq!(n(a, "none"), n(b, "none") + 1);
    let rate = a["rate"].as_f64().unwrap();
    assert!((rate - n(a, "certified") as f64 / n(a, "required") as f64).abs() < 1e-9);
    // By region, the city sees all 12 counties; a county only itself.
    let city = app.login("city-admin").await;
    assert_eq!(
        app.get("/api/v1/industry/practitioners/stats?group=region", &city).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let county = app.login("county-361102").await;
    let mine = app.get("/api/v1/industry/practitioners/stats?group=region", &county).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["items"][0]["name"], "信州区");
}

#[tokio::test]
async fn export_is_full_only_for_roles_that_may_see_it_and_round_trips() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let export = app.get("/api/v1/industry/practitioners?format=xlsx", &ent).await;
    assert_eq!(export.status, StatusCode::OK);
    let rows = read_sheet(&export.bytes);
    assert_eq!(rows[0][2], "身份证号");
    assert!(
        rows[1..].iter().all(|r| r[2].len() == 18 && !r[2].contains('*')),
        "the enterprise sees its own staff in full"
    );
    // Exported and imported back, nothing changes.
    let part = reqwest::multipart::Part::bytes(export.bytes.clone()).file_name("从业人员.xlsx");
    let form = reqwest::multipart::Form::new().part("file", part);
    let r = app
        .http
        .post(app.url("/api/v1/industry/practitioners/import"))
        .bearer_auth(&ent)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let r = TestApp::read(r).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!((r.body["inserted"].as_u64(), r.body["updated"].as_u64()), (Some(0), Some(0)), "{}", r.body);
    assert_eq!(r.body["unchanged"].as_u64(), Some(rows.len() as u64 - 1));
    // An officer's export is masked.
    let officer = app.login("city-officer").await;
    let masked = app.get("/api/v1/industry/practitioners?format=xlsx&region_code=361102", &officer).await;
    let rows = read_sheet(&masked.bytes);
    assert!(rows.len() > 1 && rows[1..].iter().all(|r| r[2].contains('*')));
    let city = app.login("city-admin").await;
    let log = app.get("/api/v1/system/audit?action=practitioner.export", &city).await;
    assert!(log.body["items"].as_array().unwrap().iter().any(|e| e["detail"].as_str().unwrap().contains("已脱敏")));
}

#[tokio::test]
async fn training_and_examination_records_attach_to_the_practitioner() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let code = own_enterprise_code(&app, &ent).await;
    let id = id_number("36110219910203123");
    let r = app.post("/api/v1/industry/practitioners", &ent, person(&code, &id)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let pid = r.body["id"].as_i64().unwrap();
    let rec = |kind: &str, on: &str, topic: &str, result: Option<&str>| {
        json!({"enterprise_code": code, "id_number": id, "kind": kind, "held_on": on, "topic": topic,
               "hours": "16", "organiser": "上饶市城市管理局", "result": result, "score": "88"})
    };
    let batch = json!([
        rec("考核", "2026-03-02", "安全生产管理人员专业培训考核", Some("合格")),
        rec("培训", "2026-09-10", "年度燃气安全生产教育培训", None),
        rec("考核", "2026-04-01", "缺少结果", None),
        rec("培训", "2999-01-01", "未来", None),
        json!({"enterprise_code": code, "id_number": id_number("36110219910203124"), "kind": "培训", "held_on": "2026-01-05", "topic": "无此人"}),
        json!({"enterprise_code": code, "id_number": "123", "kind": "学习", "held_on": "2026-01-05", "topic": "x", "score": "150"})
    ]);
    let r = app.post("/api/v1/industry/practitioner-trainings/batch", &ent, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    let errors: Vec<(u64, String)> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string()))
        .collect();
    for expected in [(3, "result"), (4, "held_on"), (5, "id_number"), (6, "id_number"), (6, "kind"), (6, "score")] {
        assert!(errors.contains(&(expected.0, expected.1.to_string())), "{expected:?} missing in {errors:?}");
    }
    // Re-sending changes nothing; a changed score updates the record.
    let again = app.post("/api/v1/industry/practitioner-trainings/batch", &ent, batch).await;
    assert_eq!((again.body["inserted"].as_u64(), again.body["unchanged"].as_u64()), (Some(0), Some(2)));
    let mut changed = rec("考核", "2026-03-02", "安全生产管理人员专业培训考核", Some("合格"));
    changed["score"] = json!("91");
    let r = app.post("/api/v1/industry/practitioner-trainings/batch", &ent, json!([changed])).await;
    assert_eq!(r.body["updated"], 1, "{}", r.body);

    let d = app.get(&format!("/api/v1/industry/practitioners/{pid}"), &ent).await;
    let t = d.body["trainings"].as_array().unwrap();
    assert_eq!(t.len(), 2, "{}", d.body);
    assert_eq!((t[0]["kind_name"].as_str(), t[0]["held_on"].as_str()), (Some("培训"), Some("2026-09-10")));
    assert_eq!((t[1]["result_name"].as_str(), t[1]["score"].as_f64()), (Some("合格"), Some(91.0)));
    // Lists do not carry the records.
    let list = app.get("/api/v1/industry/practitioners?page_size=1", &ent).await;
    assert!(list.body["items"][0].get("trainings").is_none());
    // Another county's user cannot write records for this enterprise's staff.
    let other = app.login("county-361103").await;
    let r = app
        .post("/api/v1/industry/practitioner-trainings/batch", &other, json!([rec("培训", "2026-09-11", "越权", None)]))
        .await;
    assert_eq!(r.body["inserted"], 0, "{}", r.body);
    assert_eq!(r.body["errors"][0]["field"], "enterprise_code");
}
