use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_access_filing_goes_through_its_state_machine_with_history() {
    let app = spawn_app().await;
    let ent = app.login("enterprise-demo").await;
    let county = app.login("county-361102").await;
    let filing = json!({"community_name": "信州测试新城", "developer": "上饶某置业有限公司", "households": 860, "region_code": "信州区", "planned_gas_on": "2027-06-30"});
    // Authorities do not file; bad input is refused.
    app.post("/api/v1/industry/access-filings", &county, filing.clone()).await.assert_problem(403, "forbidden");
    let r = app.post("/api/v1/industry/access-filings", &ent, json!({"households": 0})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_errors("households").len(), 1);
    let r = app.post("/api/v1/industry/access-filings", &ent, filing).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    assert_eq!(r.body["state_name"], "待审核");
    let base = format!("/api/v1/industry/access-filings/{id}");

    // A document: a PDF is accepted, a text file is not.
    let upload = |bytes: Vec<u8>, name: &str| {
        let form = reqwest::multipart::Form::new()
            .text("kind", "设计文件")
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
        app.http.post(app.url(&format!("{base}/attachments"))).bearer_auth(&ent).multipart(form).send()
    };
    let r = TestApp::read(upload(b"%PDF-1.4 design".to_vec(), "设计图.pdf").await.unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let aid = r.body["attachments"][0]["id"].as_i64().unwrap();
    TestApp::read(upload(b"plain text".to_vec(), "a.txt").await.unwrap())
        .await
        .assert_problem(415, "unsupported_media_type");
    let d = app.get(&format!("{base}/attachments/{aid}"), &county).await;
    assert_eq!(d.bytes, b"%PDF-1.4 design");

    // Return needs a reason; the enterprise cannot decide; then approve after a resubmission.
    app.post(&format!("{base}/return"), &county, json!({"reason": " "})).await.assert_problem(422, "validation_failed");
    app.post(&format!("{base}/approve"), &ent, json!({})).await.assert_problem(403, "forbidden");
    let r = app.post(&format!("{base}/return"), &county, json!({"reason": "缺少竣工验收资料"})).await;
    assert_eq!(
        (r.body["state"].as_str(), r.body["return_reason"].as_str()),
        (Some("returned"), Some("缺少竣工验收资料"))
    );
    app.post(&format!("{base}/approve"), &county, json!({})).await.assert_problem(409, "conflict");
    let mut fixed = json!({"community_name": "信州测试新城", "developer": "上饶某置业有限公司", "households": 880, "region_code": "361102"});
    let r = app.post(&format!("{base}/resubmit"), &ent, fixed.clone()).await;
    assert_eq!((r.body["state"].as_str(), r.body["households"].as_i64()), (Some("submitted"), Some(880)));
    fixed["households"] = json!(900);
    app.post(&format!("{base}/resubmit"), &ent, fixed).await.assert_problem(409, "conflict");
    let r = app.post(&format!("{base}/approve"), &county, json!({})).await;
    assert_eq!(r.body["state_name"], "已备案");
    app.post(&format!("{base}/approve"), &county, json!({})).await.assert_problem(409, "conflict");
    let states: Vec<&str> =
        r.body["history"].as_array().unwrap().iter().map(|h| h["to_state"].as_str().unwrap()).collect();
    assert_eq!(states, ["submitted", "returned", "submitted", "approved"]);
    assert!(r.body["history"][1]["actor"].as_str().unwrap().contains("信州区城市管理局"));
    // Another county sees nothing of it.
    let other = app.login("county-361103").await;
    app.get(&base, &other).await.assert_problem(404, "not_found");
    app.post(&format!("{base}/return"), &other, json!({"reason": "x"})).await.assert_problem(404, "not_found");
    app.get(&format!("{base}/attachments/{aid}"), &other).await.assert_problem(404, "not_found");
}
