use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_county_sees_only_its_county_and_the_city_sees_every_county() {
    let app = spawn_app().await;
    let county = app.login("county-361102").await;
    let mine = app.all_enterprises(&county, "").await;
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|e| e["region_code"] == "361102" && e["region_name"] == "信州区"));
    let first = app.get("/api/v1/industry/enterprises?page_size=5", &county).await;
    assert_eq!(first.body["total"].as_u64().unwrap() as usize, mine.len());
    assert_eq!(first.body["items"].as_array().unwrap().len(), 5);
    // A filter for another county finds nothing rather than widening the scope.
    let other = app.get("/api/v1/industry/enterprises?region_code=361103", &county).await;
    assert_eq!(other.body["total"], 0);

    let city = app.login("city-admin").await;
    let all = app.all_enterprises(&city, "").await;
    let counties: std::collections::HashSet<_> =
        all.iter().map(|e| e["region_code"].as_str().unwrap().to_string()).collect();
    assert_eq!(counties.len(), 12);
    assert_eq!(all.len() as u64, app.enterprise_count().await);
}

#[tokio::test]
async fn an_enterprise_sees_only_itself() {
    let app = spawn_app().await;
    let t = app.login("enterprise-demo").await;
    let me = app.get("/api/v1/auth/me", &t).await;
    let eid = me.body["user"]["enterprise_id"].as_i64().unwrap();
    let list = app.all_enterprises(&t, "").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"].as_i64().unwrap(), eid);
    let neighbour = app.enterprise_in("361102").await;
    let nid = if neighbour["id"].as_i64().unwrap() == eid {
        app.all_enterprises(&app.login("city-admin").await, "region_code=361102").await[1]["id"].as_i64().unwrap()
    } else {
        neighbour["id"].as_i64().unwrap()
    };
    app.get(&format!("/api/v1/industry/enterprises/{nid}"), &t).await.assert_problem(404, "not_found");
    // Enterprises do not keep the authority's ledger.
    let r = app
        .put(
            &format!("/api/v1/industry/enterprises/{eid}"),
            &t,
            new_enterprise(&credit_code("91361102MA35TEXT0"), "361102"),
        )
        .await;
    r.assert_problem(403, "forbidden");
}

#[tokio::test]
async fn filters_paging_and_sort() {
    let app = spawn_app().await;
    let city = app.login("city-admin").await;
    let lpg = app.all_enterprises(&city, "kind=bottled_lpg").await;
    assert!(!lpg.is_empty() && lpg.iter().all(|e| e["kind"] == "bottled_lpg" && e["kind_name"] == "瓶装液化石油气"));
    let name = lpg[0]["name"].as_str().unwrap().to_string();
    let q = app.all_enterprises(&city, &format!("q={}", urlencode(&name))).await;
    assert!(q.iter().any(|e| e["name"] == name.as_str()));
    let code = lpg[0]["code"].as_str().unwrap().to_lowercase();
    let by_code = app.all_enterprises(&city, &format!("q={}", &code[..10])).await;
    assert!(by_code.iter().any(|e| e["id"] == lpg[0]["id"]));
    let sorted = app.get("/api/v1/industry/enterprises?sort=-name&page_size=50", &city).await;
    let names: Vec<&str> =
        sorted.body["items"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    let mut expect = names.clone();
    expect.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, expect);
    // Pages do not overlap.
    let p1 = app.get("/api/v1/industry/enterprises?page=1&page_size=10", &city).await;
    let p2 = app.get("/api/v1/industry/enterprises?page=2&page_size=10", &city).await;
    let ids1: Vec<_> = p1.body["items"].as_array().unwrap().iter().map(|e| e["id"].clone()).collect();
    assert!(p2.body["items"].as_array().unwrap().iter().all(|e| !ids1.contains(&e["id"])));
    // A wrongly typed parameter is a 422, not a 500.
    app.get("/api/v1/industry/enterprises?page=abc", &city).await.assert_problem(422, "validation_failed");
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn create_read_edit_deactivate() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let code = credit_code("91361102MA35CRUD0");
    let r = app.post("/api/v1/industry/enterprises", &t, new_enterprise(&code.to_lowercase(), "361102")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    assert_eq!(r.body["code"], code.as_str());
    assert_eq!(r.body["status"], "active");
    let got = app.get(&format!("/api/v1/industry/enterprises/{id}"), &t).await;
    assert_eq!(got.body["name"], "上饶市测试燃气有限公司");
    assert_eq!(got.body["licence_valid_to"], "2028-12-31");
    let mut edit = new_enterprise(&code, "信州区");
    edit["name"] = json!("上饶市测试燃气集团有限公司");
    edit["kind"] = json!("瓶装液化石油气");
    let r = app.put(&format!("/api/v1/industry/enterprises/{id}"), &t, edit).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["name"], "上饶市测试燃气集团有限公司");
    assert_eq!(r.body["kind"], "bottled_lpg");
    let r = app.post(&format!("/api/v1/industry/enterprises/{id}/deactivate"), &t, json!({})).await;
    assert_eq!(r.body["status"], "inactive");
    let inactive = app.all_enterprises(&t, "status=inactive").await;
    assert_eq!(inactive.len(), 1);
    let r = app.post(&format!("/api/v1/industry/enterprises/{id}/activate"), &t, json!({})).await;
    assert_eq!(r.body["status"], "active");
    // The new enterprise has an organisation its accounts can join.
    let orgs = app.get("/api/v1/system/orgs?kind=enterprise&q=%E9%9B%86%E5%9B%A2", &t).await;
    assert!(orgs.body.as_array().unwrap().iter().any(|o| o["enterprise_id"].as_i64() == Some(id)));
}

#[tokio::test]
async fn bad_input_is_refused_with_the_field_named_and_nothing_written() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let before = app.enterprise_count().await;
    let good = credit_code("91361102MA35BAD00");
    let wrong_check = {
        let mut c = good.clone();
        let last = c.pop().unwrap();
        c.push(if last == '0' { '1' } else { '0' });
        c
    };
    for (code, fragment) in [
        (wrong_check.as_str(), "校验位"),
        ("91361102", "18位"),
        ("91361102MA35BAD0I0", "不允许的字符"),
        ("", "不能为空"),
    ] {
        let r = app.post("/api/v1/industry/enterprises", &t, new_enterprise(code, "361102")).await;
        r.assert_problem(422, "validation_failed");
        let reasons = r.field_errors("code");
        assert!(reasons.iter().any(|s| s.contains(fragment)), "{code}: {reasons:?}");
    }
    let r = app.post("/api/v1/industry/enterprises", &t, new_enterprise(&good, "999999")).await;
    assert!(r.field_errors("region_code")[0].contains("不存在"));
    let mut missing = new_enterprise(&good, "361102");
    missing.as_object_mut().unwrap().remove("region_code");
    let r = app.post("/api/v1/industry/enterprises", &t, missing).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.field_errors("region_code")[0].contains("不能为空"));
    // Another county is out of this account's jurisdiction.
    let r = app.post("/api/v1/industry/enterprises", &t, new_enterprise(&good, "361103")).await;
    assert!(r.field_errors("region_code")[0].contains("管辖范围"));
    let mut bad = new_enterprise(&good, "361102");
    bad["phone"] = json!("12345");
    bad["licence_valid_from"] = json!("2026-13-01");
    bad["kind"] = json!("煤气");
    let r = app.post("/api/v1/industry/enterprises", &t, bad).await;
    assert_eq!(r.field_errors("phone").len(), 1);
    assert_eq!(r.field_errors("licence_valid_from").len(), 1);
    assert_eq!(r.field_errors("kind").len(), 1);
    // Malformed JSON and a wrong type.
    let raw = app
        .http
        .post(app.url("/api/v1/industry/enterprises"))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    TestApp::read(raw).await.assert_problem(422, "validation_failed");
    let r = app.post("/api/v1/industry/enterprises", &t, json!({"code": 5})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(app.enterprise_count().await, before);

    // A duplicate code is a conflict, in this county or any other.
    assert_eq!(
        app.post("/api/v1/industry/enterprises", &t, new_enterprise(&good, "361102")).await.status,
        StatusCode::CREATED
    );
    app.post("/api/v1/industry/enterprises", &t, new_enterprise(&good, "361102")).await.assert_problem(409, "conflict");
    let other_county = app.login("county-361103").await;
    app.post("/api/v1/industry/enterprises", &other_county, new_enterprise(&good, "361103"))
        .await
        .assert_problem(409, "conflict");
    assert_eq!(app.enterprise_count().await, before + 1);
}

#[tokio::test]
async fn another_counties_records_are_404_for_read_and_write() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let foreign = app.enterprise_in("361103").await;
    let id = foreign["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/industry/enterprises/{id}"), &t).await.assert_problem(404, "not_found");
    let code = foreign["code"].as_str().unwrap();
    app.put(&format!("/api/v1/industry/enterprises/{id}"), &t, new_enterprise(code, "361102"))
        .await
        .assert_problem(404, "not_found");
    app.post(&format!("/api/v1/industry/enterprises/{id}/deactivate"), &t, json!({}))
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/industry/enterprises/99999999", &t).await.assert_problem(404, "not_found");
    app.get("/api/v1/industry/enterprises/abc", &t).await.assert_problem(404, "not_found");
    let city = app.login("city-admin").await;
    let after = app.get(&format!("/api/v1/industry/enterprises/{id}"), &city).await;
    assert_eq!(after.body["status"], "active");
    assert_eq!(after.body["region_code"], "361103");
    assert_eq!(after.body["updated_at"], foreign["updated_at"]);
}

#[tokio::test]
async fn quotes_sql_and_html_are_stored_and_returned_verbatim() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let nasty = r#"<script>alert('x')</script>"; DROP TABLE enterprise; --"#;
    let mut body = new_enterprise(&credit_code("91361102MA35XHH00"), "361102");
    body["name"] = json!(nasty);
    body["address"] = json!("O'Brien \"路\" 1号 & <b>2</b>");
    let r = app.post("/api/v1/industry/enterprises", &t, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    let got = app.get(&format!("/api/v1/industry/enterprises/{id}"), &t).await;
    assert_eq!(got.body["name"], nasty);
    assert_eq!(got.body["address"], "O'Brien \"路\" 1号 & <b>2</b>");
    assert!(got.content_type().starts_with("application/json"));
    let found = app.all_enterprises(&t, "q=DROP%20TABLE").await;
    assert_eq!(found.len(), 1);
    // A search with LIKE wildcards matches them literally.
    assert!(app.all_enterprises(&t, "q=%25").await.is_empty());
    assert!(app.enterprise_count().await > 300);
}

#[tokio::test]
async fn export_gives_the_scoped_filtered_rows_as_xlsx_and_is_audited() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let expected = app.all_enterprises(&t, "kind=bottled_lpg").await;
    let audit_before = app.audit_count().await;
    let r = app.get("/api/v1/industry/enterprises?format=xlsx&kind=bottled_lpg", &t).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().contains("spreadsheetml"));
    assert!(r.headers.get("content-disposition").unwrap().to_str().unwrap().contains("attachment"));
    assert_eq!(&r.bytes[..2], b"PK");
    let rows = read_sheet(&r.bytes);
    assert_eq!(rows[0][0], "统一社会信用代码");
    assert_eq!(rows.len() - 1, expected.len());
    assert!(rows[1..].iter().all(|row| row[8] == "信州区" && row[2] == "瓶装液化石油气"));
    assert_eq!(app.audit_count().await, audit_before + 1);
    let city = app.login("city-admin").await;
    let log = app.get("/api/v1/system/audit?action=enterprise.export", &city).await;
    assert_eq!(log.body["items"][0]["username"], "county-361102");
    assert!(log.body["items"][0]["detail"].as_str().unwrap().contains(&format!("导出{}条", expected.len())));
}

async fn upload(app: &TestApp, token: &str, bytes: Vec<u8>, name: &str) -> Resp {
    app.upload("/api/v1/industry/enterprises/import", token, bytes, name).await
}

fn sheet(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn excel_import_writes_good_rows_and_reports_bad_ones() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let tpl = app.get("/api/v1/industry/enterprises/import-template", &t).await;
    assert_eq!(tpl.status, StatusCode::OK);
    let header = read_sheet(&tpl.bytes)[0].clone();
    assert_eq!(header[0], "*统一社会信用代码");
    assert!(header.contains(&"*所属区划".to_string()));

    let a = credit_code("91361102MA35MPA01");
    let b = credit_code("91361102MA35MPA02");
    let mut bad_check = credit_code("91361102MA35MPA03");
    bad_check.pop();
    bad_check.push(if a.ends_with('0') { '1' } else { '0' });
    let bad_check =
        if ranjian_domain::CreditCode::parse(&bad_check).is_ok() { format!("{bad_check}X") } else { bad_check };
    let c4 = credit_code("91361102MA35MPA04");
    let c5 = credit_code("91361102MA35MPA05");
    let h: Vec<&str> = header.iter().map(|s| s.as_str()).collect();
    let rows = vec![
        h.clone(),
        vec![
            &a,
            "上饶市导入燃气有限公司",
            "管道燃气",
            "赣2026001",
            "2026-01-01",
            "2028-12-31",
            "李四",
            "信州区某路1号",
            "信州区",
            "13907930001",
        ],
        vec![&bad_check, "坏校验位公司", "管道燃气", "", "", "", "", "", "信州区", ""],
        vec![&b, "上饶市导入液化气有限公司", "瓶装液化石油气", "", "", "", "", "", "361102", ""],
        vec![&a, "重复行公司", "管道燃气", "", "", "", "", "", "信州区", ""],
        vec![&c4, "外县公司", "管道燃气", "", "", "", "", "", "广丰区", ""],
        vec![&c5, "", "燃气", "", "2026/02/30", "", "", "", "火星区", "abc"],
    ];
    let before = app.enterprise_count().await;
    let r = upload(&app, &t, sheet(&rows), "企业.xlsx").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["total_rows"], 6);
    assert_eq!(r.body["inserted"], 2);
    let errors = r.body["errors"].as_array().unwrap();
    let at = |row: u64| {
        errors
            .iter()
            .filter(|e| e["row"] == row)
            .map(|e| (e["column"].as_str().unwrap().to_string(), e["reason"].as_str().unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(at(3)[0].0, "统一社会信用代码");
    assert_eq!(at(5)[0].1, "与第2行的统一社会信用代码重复");
    assert!(at(6)[0].1.contains("管辖范围"));
    let row7: Vec<String> = at(7).into_iter().map(|e| e.0).collect();
    for col in ["企业名称", "企业类型", "许可证有效期起", "所属区划", "联系电话"] {
        assert!(row7.contains(&col.to_string()), "{row7:?}");
    }
    assert_eq!(app.enterprise_count().await, before + 2);
    // Sending the same file again changes nothing.
    let r = upload(&app, &t, sheet(&rows), "企业.xlsx").await;
    assert_eq!(
        (r.body["inserted"].as_u64(), r.body["updated"].as_u64(), r.body["unchanged"].as_u64()),
        (Some(0), Some(0), Some(2))
    );
    assert_eq!(app.enterprise_count().await, before + 2);
    // A changed row updates the record.
    let mut changed = rows.clone();
    changed[1][1] = "上饶市导入燃气集团有限公司";
    let r = upload(&app, &t, sheet(&changed), "企业.xlsx").await;
    assert_eq!(r.body["updated"], 1);
    let found = app.all_enterprises(&t, "q=%E5%AF%BC%E5%85%A5%E7%87%83%E6%B0%94%E9%9B%86%E5%9B%A2").await;
    assert_eq!(found.len(), 1);
}

#[tokio::test]
async fn import_refuses_files_that_are_not_xlsx_missing_headers_or_too_large() {
    let app = spawn_app_with(|c| c.upload_max_bytes = 64 * 1024).await;
    let t = app.login("county-361102").await;
    let before = app.enterprise_count().await;
    upload(&app, &t, b"\x00\x01\x02binary".to_vec(), "a.bin").await.assert_problem(415, "unsupported_media_type");
    let r = upload(&app, &t, "统一社会信用代码,企业名称\n1,2\n".as_bytes().to_vec(), "a.csv").await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["detail"].as_str().unwrap().contains("所属区划"));
    upload(&app, &t, b"PK\x03\x04 not really a zip".to_vec(), "a.xlsx")
        .await
        .assert_problem(415, "unsupported_media_type");
    let r = upload(&app, &t, sheet(&[vec!["企业名称"], vec!["某公司"]]), "a.xlsx").await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["detail"].as_str().unwrap().contains("统一社会信用代码"));
    upload(&app, &t, vec![b'P'; 200 * 1024], "big.xlsx").await.assert_problem(413, "payload_too_large");
    let r =
        app.http.post(app.url("/api/v1/industry/enterprises/import")).bearer_auth(&t).body("x").send().await.unwrap();
    TestApp::read(r).await.assert_problem(415, "unsupported_media_type");
    assert_eq!(app.enterprise_count().await, before);
}

#[tokio::test]
async fn csv_import_and_the_excel_round_trip_change_nothing() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let before = app.enterprise_count().await;
    // An export imported back is the same ledger: nothing inserted or updated.
    let export = app.get("/api/v1/industry/enterprises?format=xlsx", &t).await;
    let r = upload(&app, &t, export.bytes.clone(), "企业台账.xlsx").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let n = read_sheet(&export.bytes).len() as u64 - 1;
    assert_eq!((r.body["inserted"].as_u64(), r.body["updated"].as_u64()), (Some(0), Some(0)), "{}", r.body);
    assert_eq!(r.body["unchanged"].as_u64(), Some(n));
    assert_eq!(app.enterprise_count().await, before);
    // CSV with field names as headers, UTF-8 with a BOM as Excel writes it.
    let code = credit_code("91361102MA35CH001");
    let csv = format!("\u{feff}code,name,kind,region_code,phone\n{code},上饶市CSV燃气有限公司,管道燃气,信州区,13907930003\nbad,坏行,管道燃气,信州区,\n");
    let r = upload(&app, &t, csv.into_bytes(), "enterprises.csv").await;
    assert_eq!(r.body["inserted"], 1, "{}", r.body);
    assert_eq!(r.body["errors"][0]["row"], 3);
    assert_eq!(r.body["errors"][0]["field"], "code");
    assert_eq!(r.body["errors"][0]["column"], "统一社会信用代码");
    assert_eq!(app.enterprise_count().await, before + 1);
}

#[tokio::test]
async fn the_json_batch_upserts_by_code_and_reports_per_record() {
    let app = spawn_app().await;
    let t = app.login("county-361102").await;
    let before = app.enterprise_count().await;
    let a = credit_code("91361102MA35BT001");
    let b = credit_code("91361102MA35BT002");
    let batch = json!([
        new_enterprise(&a, "361102"),
        {"code": b, "name": "上饶市批量液化气有限公司", "kind": "bottled_lpg", "region_code": "361102"},
        {"code": "91361102", "name": "坏", "kind": "x", "region_code": "361102"},
        {"code": 12345, "name": ["not", "text"]},
        new_enterprise(&a, "361102")
    ]);
    let r = app.post("/api/v1/industry/enterprises/batch", &t, batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["total_rows"], 5);
    assert_eq!(r.body["inserted"], 2);
    let errors = r.body["errors"].as_array().unwrap();
    let rows: Vec<u64> = errors.iter().map(|e| e["row"].as_u64().unwrap()).collect();
    assert!(rows.contains(&3) && rows.contains(&4) && rows.contains(&5), "{errors:?}");
    assert!(errors.iter().any(|e| e["row"] == 5 && e["reason"].as_str().unwrap().contains("与第1行")));
    assert!(errors.iter().any(|e| e["row"] == 3 && e["field"] == "kind"));
    assert_eq!(app.enterprise_count().await, before + 2);
    // Sending the same batch again changes nothing.
    let r = app.post("/api/v1/industry/enterprises/batch", &t, batch).await;
    assert_eq!(
        (r.body["inserted"].as_u64(), r.body["updated"].as_u64(), r.body["unchanged"].as_u64()),
        (Some(0), Some(0), Some(2))
    );
    assert_eq!(app.enterprise_count().await, before + 2);
    // Another county cannot overwrite these through the batch.
    let other = app.login("county-361103").await;
    let mut steal = new_enterprise(&a, "361103");
    steal["name"] = json!("冒名公司");
    let r = app.post("/api/v1/industry/enterprises/batch", &other, json!([steal])).await;
    assert_eq!(r.body["inserted"], 0);
    assert!(r.body["errors"][0]["reason"].as_str().unwrap().contains("其他辖区"));
    let mine = app.all_enterprises(&t, &format!("q={a}")).await;
    assert_eq!(mine[0]["name"], "上饶市测试燃气有限公司");
    // Limits and rights.
    let too_many: Vec<serde_json::Value> = (0..10_001).map(|_| json!({})).collect();
    app.post("/api/v1/industry/enterprises/batch", &t, json!(too_many)).await.assert_problem(413, "payload_too_large");
    app.post("/api/v1/industry/enterprises/batch", &t, json!({"not": "an array"}))
        .await
        .assert_problem(422, "validation_failed");
    let ent = app.login("enterprise-demo").await;
    app.post("/api/v1/industry/enterprises/batch", &ent, json!([])).await.assert_problem(403, "forbidden");
    assert_eq!(app.enterprise_count().await, before + 2);
}
