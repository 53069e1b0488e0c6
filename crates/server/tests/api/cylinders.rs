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
    let theirs = app.get("/api/v1/industry/cylinders/violations?region_code=361103", &county).await;
    assert_eq!(theirs.body["total"], 0, "a county filtering on another county sees nothing");
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

#[tokio::test]
async fn circulation_events_build_the_trace_and_abnormal_flows_are_flagged() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let city = app.login("city-admin").await;
    let lpg = app.get("/api/v1/industry/enterprises?region_code=361102&kind=bottled_lpg&page_size=2", &city).await;
    let (a, b) = (
        lpg.body["items"][0]["code"].as_str().unwrap().to_string(),
        lpg.body["items"][1]["code"].as_str().unwrap().to_string(),
    );
    let made = ((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive() - chrono::Days::new(300)).to_string();
    let cylinders: Vec<_> = (1..=6)
        .map(|i| json!({"enterprise_code": a, "code": format!("CIR{i:04}"), "spec": "YSP-15", "manufactured_on": made}))
        .collect();
    let r = app.post("/api/v1/industry/cylinders/batch", &county, json!(cylinders)).await;
    assert_eq!(r.body["inserted"], 6, "{}", r.body);
    let at = |hours_ago: i64| {
        (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(hours_ago))
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let fill = |code: &str, h: i64| json!({"enterprise_code": a, "cylinder_code": code, "filled_at": at(h)});
    let mv = |code: &str, event: &str, h: i64, user: Option<&str>| {
        json!({"enterprise_code": a, "cylinder_code": code, "event": event, "occurred_at": at(h),
               "user_account": user, "place": "信州区胜利路8号", "operator_name": "王师傅"})
    };
    let r = app
        .post(
            "/api/v1/industry/cylinder-fillings/batch",
            &county,
            json!((1..=6).map(|i| fill(&format!("CIR{i:04}"), 50)).collect::<Vec<_>>()),
        )
        .await;
    assert_eq!(r.body["inserted"], 6, "{}", r.body);

    // Bad input: each row refused with its reason, the good rows written.
    let batch = json!([
        mv("CIR0001", "配送出站", 48, Some("U-ONE")),
        mv("CIR0001", "入户使用", 47, Some("U-ONE")),
        mv("CIR0002", "配送出站", 46, None),
        mv("NOPE0001", "回收", 46, None),
        mv("CIR0002", "丢失", 46, None),
        mv("CIR0002", "回收", -48, None),
        json!({"enterprise_code": b, "cylinder_code": "CIR0003", "event": "回收", "occurred_at": at(45)})
    ]);
    let r = app.post("/api/v1/industry/cylinder-movements/batch", &county, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["inserted"], 2, "{}", r.body);
    let errors = r.body["errors"].as_array().unwrap();
    let reason = |row: u64, field: &str| {
        errors
            .iter()
            .find(|e| e["row"] == row && e["field"] == field)
            .unwrap_or_else(|| panic!("no error on row {row} {field}: {errors:?}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason(3, "user_account").contains("户号"));
    assert!(reason(4, "cylinder_code").contains("未登记"));
    assert!(reason(5, "event").contains("流转环节"));
    assert!(reason(6, "occurred_at").contains("不能晚于当前时间"));
    assert!(reason(7, "cylinder_code").contains("未登记在上报单位名下"));
    // Re-sending changes nothing.
    let again = app.post("/api/v1/industry/cylinder-movements/batch", &county, batch).await;
    assert_eq!((again.body["inserted"].as_u64(), again.body["unchanged"].as_u64()), (Some(0), Some(2)));

    // Filled again while still at the user's: accepted, and flagged.
    let r = app.post("/api/v1/industry/cylinder-fillings/batch", &county, json!([fill("CIR0001", 20)])).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let flagged = app.get("/api/v1/industry/cylinders/anomalies?kind=refilled_without_return", &county).await;
    let item = flagged.body["items"].as_array().unwrap().iter().find(|i| i["cylinder_code"] == "CIR0001").cloned();
    let item = item.unwrap_or_else(|| panic!("not flagged: {}", flagged.body));
    assert_eq!((item["kind_name"].as_str(), item["user_account"].as_str()), (Some("未回收即再充装"), Some("U-ONE")));

    // One user receiving a fourth cylinder (limit 3) is flagged once it goes over.
    let deliveries: Vec<_> = (2..=5).map(|i| mv(&format!("CIR{i:04}"), "配送出站", 40 - i, Some("U-BIG"))).collect();
    let r = app.post("/api/v1/industry/cylinder-movements/batch", &county, json!(deliveries)).await;
    assert_eq!(r.body["inserted"], 4, "{}", r.body);
    let over = app.get("/api/v1/industry/cylinders/anomalies?kind=over_holding", &county).await;
    let mine: Vec<_> =
        over.body["items"].as_array().unwrap().iter().filter(|i| i["user_account"] == "U-BIG").cloned().collect();
    assert_eq!(mine.len(), 1, "{}", over.body);
    assert_eq!(mine[0]["cylinder_code"], "CIR0005");
    assert!(mine[0]["detail"].as_str().unwrap().contains("4只"), "{}", mine[0]);
    // Returning two brings the user back under the limit: the next delivery (3 held) is not flagged.
    let back = json!([mv("CIR0002", "回收", 30, None), mv("CIR0003", "回收", 30, None)]);
    app.post("/api/v1/industry/cylinder-movements/batch", &county, back).await;
    app.post(
        "/api/v1/industry/cylinder-movements/batch",
        &county,
        json!([mv("CIR0006", "配送出站", 29, Some("U-BIG"))]),
    )
    .await;
    let over = app.get("/api/v1/industry/cylinders/anomalies?kind=over_holding", &county).await;
    assert_eq!(over.body["items"].as_array().unwrap().iter().filter(|i| i["user_account"] == "U-BIG").count(), 1);

    // The trace: fillings and events in one timeline, newest first; the cylinder's place.
    let t = app.get("/api/v1/industry/cylinders/trace?code=CIR0001", &county).await;
    let kinds: Vec<&str> = t.body["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["filled", "at_user", "delivered", "filled"], "{}", t.body);
    assert_eq!(t.body["events"][1]["kind_name"], "入户使用");
    assert_eq!(t.body["events"][1]["user_account"], "U-ONE");
    assert_eq!(t.body["cylinder"]["circulation_name"], "充装");
    let t = app.get("/api/v1/industry/cylinders/trace?code=CIR0005", &county).await;
    assert_eq!(
        (t.body["cylinder"]["circulation_state"].as_str(), t.body["cylinder"]["holder_account"].as_str()),
        (Some("delivered"), Some("U-BIG"))
    );

    // Scrapping ends the cylinder: its code is void, a later filling refused.
    let r =
        app.post("/api/v1/industry/cylinder-movements/batch", &county, json!([mv("CIR0004", "报废", 10, None)])).await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    let r = app.post("/api/v1/industry/cylinder-fillings/batch", &county, json!([fill("CIR0004", 5)])).await;
    assert!(r.body["errors"][0]["reason"].as_str().unwrap().contains("报废"), "{}", r.body);
    let t = app.get("/api/v1/industry/cylinders/trace?code=CIR0004", &county).await;
    assert_eq!(t.body["cylinder"]["status"], "scrapped");

    // Another county sees none of this.
    let other = app.login("county-361103").await;
    let theirs = app.get("/api/v1/industry/cylinders/anomalies?page_size=100", &other).await;
    assert!(theirs.body["items"].as_array().unwrap().iter().all(|i| i["region_code"] == "361103"), "{}", theirs.body);
    assert!(theirs.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| !i["cylinder_code"].as_str().unwrap().starts_with("CIR")));
}
