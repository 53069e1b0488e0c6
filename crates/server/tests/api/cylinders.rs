use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn fillings_follow_the_refusal_rules_and_refused_ones_are_violations() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let city = app.login("city-admin").await;
    let lpg = app.get("/api/v1/industry/enterprises?region_code=361102&kind=bottled_lpg&page_size=2", &city).await;
    let (a, b) = (
        lpg.body["items"][0]["code"].as_str().unwrap().to_string(),
        lpg.body["items"][1]["code"].as_str().unwrap().to_string(),
    );
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let ago = |days: u64| (today - chrono::Days::new(days)).to_string();
    let cylinders = json!([
        {"enterprise_code": a, "code": "TST0001", "qr_code": "QR-TST-1", "spec": "YSP-15", "manufactured_on": ago(400)},
        {"enterprise_code": a, "code": "TST0002", "spec": "YSP-15", "manufactured_on": ago(2000), "next_inspection_on": ago(30)},
        {"enterprise_code": a, "code": "TST0003", "spec": "YSP-15", "manufactured_on": ago(3200), "last_inspected_on": ago(300)},
        {"enterprise_code": a, "code": "TST0004", "spec": "YSP-5", "manufactured_on": ago(500), "status": "报废"},
        {"enterprise_code": a, "code": "TST0005", "spec": "煤气罐", "manufactured_on": "2999-01-01"}
    ]);
    let r = app.post("/api/v1/industry/cylinders/batch", &county, cylinders).await;
    assert_eq!(r.body["inserted"], 4, "{}", r.body);
    assert!(r.body["errors"].as_array().unwrap().iter().any(|e| e["row"] == 5 && e["field"] == "spec"));
    // The code belongs to one enterprise; a scrapped code is void for ever.
    let r = app.post("/api/v1/industry/cylinders/batch", &county, json!([
        {"enterprise_code": b, "code": "TST0001", "spec": "YSP-15", "manufactured_on": ago(400)},
        {"enterprise_code": a, "code": "TST0004", "spec": "YSP-5", "manufactured_on": ago(500), "status": "在用"}
    ])).await;
    let reasons: Vec<String> =
        r.body["errors"].as_array().unwrap().iter().map(|e| e["reason"].as_str().unwrap().to_string()).collect();
    assert!(reasons[0].contains("其他充装单位") && reasons[1].contains("作废"), "{reasons:?}");

    let when = (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(2))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let later = (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(1))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let fill_at = |ent: &str, code: &str, at: &str| json!({"enterprise_code": ent, "cylinder_code": code, "filled_at": at, "net_weight_kg": 14.5, "filler_name": "李师傅"});
    let fill = |ent: &str, code: &str| fill_at(ent, code, &when);
    let before = app.get("/api/v1/industry/cylinders/violations", &county).await.body["total"].as_u64().unwrap();
    let batch = json!([
        fill(&a, "TST0001"),
        fill(&a, "TST0002"),
        fill(&a, "TST0003"),
        fill(&a, "TST0004"),
        fill_at(&b, "tst0001", &later),
        fill(&a, "NOPE999")
    ]);
    let r = app.post("/api/v1/industry/cylinder-fillings/batch", &county, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let reason = |row: u64| {
        r.body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["row"] == row)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert!(reason(2).contains("超期未检验"));
    assert!(reason(3).contains("设计使用年限"));
    assert!(reason(4).contains("报废"));
    assert!(reason(5).contains("未在本充装单位登记"));
    assert!(reason(6).contains("未登记"));
    let after = app.get("/api/v1/industry/cylinders/violations", &county).await;
    assert_eq!(after.body["total"].as_u64().unwrap(), before + 5);
    assert!(after.body["items"].as_array().unwrap().iter().all(|f| f["refused"] == true));
    // Re-sending changes nothing.
    let again = app.post("/api/v1/industry/cylinder-fillings/batch", &county, batch).await;
    assert_eq!((again.body["inserted"].as_u64(), again.body["unchanged"].as_u64()), (Some(0), Some(6)));
    assert_eq!(
        app.get("/api/v1/industry/cylinders/violations", &county).await.body["total"].as_u64().unwrap(),
        before + 5
    );

    // The trace by steel-seal number or QR code.
    let t = app.get("/api/v1/industry/cylinders/trace?code=qr-tst-1", &county).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.body);
    assert_eq!(t.body["cylinder"]["code"], "TST0001");
    assert_eq!(t.body["cylinder"]["status_name"], "在用");
    let fillings = t.body["fillings"].as_array().unwrap();
    assert_eq!(fillings.iter().filter(|f| f["refused"] == false).count(), 1);
    assert_eq!(
        fillings.iter().filter(|f| f["refused"] == true).count(),
        1,
        "the other enterprise's refused attempt is on the trace"
    );
    assert!(t.body["cylinder"]["last_filled_at"].is_string());
    let due = app.get("/api/v1/industry/cylinders?status=due&q=TST", &county).await;
    assert_eq!(due.body["items"][0]["code"], "TST0002");
    // Another county cannot trace it.
    let other = app.login("county-361103").await;
    app.get("/api/v1/industry/cylinders/trace?code=TST0001", &other).await.assert_problem(404, "not_found");
}
