//! Every ledger's Excel export is its import template filled in: exporting and importing the file
//! back changes nothing, the export keeps to the caller's scope and is audited.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn export_then_import_changes_nothing_on_every_ledger() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    for (list, import, title) in [
        ("pipeline-segments", "pipeline-segments", "燃气管网台账"),
        ("stations", "stations", "厂站设施台账"),
        ("communities", "communities", "居民小区"),
        ("gas-users", "gas-users", "燃气用户台账"),
        ("cylinders", "cylinders", "液化石油气钢瓶台账"),
    ] {
        let total =
            app.get(&format!("/api/v1/industry/{list}?page_size=1"), &county).await.body["total"].as_u64().unwrap();
        assert!(total > 0, "{list}: the demo has rows in 信州区");
        let audit_before = app.audit_count().await;
        let export = app.get(&format!("/api/v1/industry/{list}?format=xlsx"), &county).await;
        assert_eq!(export.status, StatusCode::OK, "{list}");
        let disposition = export.headers.get("content-disposition").unwrap().to_str().unwrap().to_string();
        assert!(disposition.contains("attachment"), "{list}: {disposition}");
        let rows = read_sheet(&export.bytes);
        assert_eq!(rows.len() as u64 - 1, total, "{list}: every row in scope, nothing more");
        let region_col = rows[0].iter().position(|h| h == "所属区划");
        if let Some(c) = region_col {
            assert!(rows[1..].iter().all(|r| r[c].starts_with("361102")), "{list}: only 信州区");
        }
        assert_eq!(app.audit_count().await, audit_before + 1, "{list}: the export is audited");

        let r = app.upload(&format!("/api/v1/industry/{import}/import"), &county, export.bytes.clone(), "x.xlsx").await;
        assert_eq!(r.status, StatusCode::OK, "{list}: {}", r.body);
        assert_eq!(r.body["errors"].as_array().unwrap().len(), 0, "{list} ({title}): {}", r.body);
        assert_eq!(
            (r.body["inserted"].as_u64(), r.body["updated"].as_u64(), r.body["unchanged"].as_u64()),
            (Some(0), Some(0), Some(total)),
            "{list}: {}",
            r.body
        );
    }
    // Personal data: in full for roles that may see it (so the file re-imports), masked otherwise.
    let full = read_sheet(&app.get("/api/v1/industry/gas-users?format=xlsx", &county).await.bytes);
    let phone = full[0].iter().position(|h| h == "联系电话").unwrap();
    assert!(full[1..].iter().any(|r| r[phone].len() == 11 && !r[phone].contains('*')));
    app.create_user("rt-inspector", "inspector", app.authority_org("361102").await).await;
    let insp = app.login("rt-inspector").await;
    let masked = read_sheet(&app.get("/api/v1/industry/gas-users?format=xlsx", &insp).await.bytes);
    assert!(masked[1..].iter().filter(|r| !r[phone].is_empty()).all(|r| r[phone].contains('*')));
}
