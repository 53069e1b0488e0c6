//! The command line on SQLite and PostgreSQL (`RANJIAN_TEST_DB=postgres`): migrate, demo, user
//! management and `audit verify`, which must fail naming the first bad entry after tampering.

mod common;
use common::*;
use std::process::Command;

#[test]
fn migrate_demo_and_users_from_the_command_line() {
    let env = fresh();
    assert!(env.ok(&["migrate"]).contains("迁移完成"));
    let out = env.ok(&["demo", "--scale", "small"]);
    assert!(out.contains("本次新增") && out.contains("Ranjian@2026"), "{out}");
    // Loading again changes nothing.
    assert!(env.ok(&["demo", "--scale", "small"]).contains("本次新增0家"));
    let out = env.ok(&[
        "user",
        "create",
        "--username",
        "ops-admin",
        "--role",
        "city_admin",
        "--org",
        "361100",
        "--password",
        "Ops#Admin2026",
    ]);
    assert!(out.contains("ops-admin") && out.contains("市级管理员"), "{out}");
    // A weak password, an unknown organisation and a duplicate are refused with a reason.
    let weak = env.run(&[
        "user",
        "create",
        "--username",
        "weak",
        "--role",
        "city_admin",
        "--org",
        "361100",
        "--password",
        "weakweak",
    ]);
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("三类"));
    let nowhere = env.run(&[
        "user",
        "create",
        "--username",
        "x1",
        "--role",
        "city_admin",
        "--org",
        "不存在的单位",
        "--password",
        "Ops#Admin2026",
    ]);
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("找不到单位"));
    let dup = env.run(&[
        "user",
        "create",
        "--username",
        "ops-admin",
        "--role",
        "city_admin",
        "--org",
        "361100",
        "--password",
        "Ops#Admin2026",
    ]);
    assert!(String::from_utf8_lossy(&dup.stderr).contains("已存在"));
    assert!(env.ok(&["user", "lock", "--username", "ops-admin"]).contains("已锁定"));
    assert!(env.ok(&["user", "unlock", "--username", "ops-admin"]).contains("已解锁"));
    assert!(env
        .ok(&["user", "reset-password", "--username", "ops-admin", "--password", "New#Admin2026"])
        .contains("已重置"));
    assert!(!env.run(&["user", "lock", "--username", "nobody"]).status.success());
    assert!(!env.run(&["demo", "--scale", "huge"]).status.success());
}

#[test]
fn audit_verify_names_the_first_altered_entry() {
    let env = fresh();
    env.ok(&["migrate"]);
    env.ok(&["demo", "--scale", "small"]);
    env.ok(&[
        "user",
        "create",
        "--username",
        "aud1",
        "--role",
        "city_officer",
        "--org",
        "361100",
        "--password",
        "Ops#Admin2026",
    ]);
    env.ok(&["user", "lock", "--username", "aud1"]);
    let out = env.ok(&["audit", "verify"]);
    assert!(out.contains("审计日志完整：已校验3条"), "{out}");
    if env.url.starts_with("postgres") {
        env.sql("DROP TRIGGER audit_log_no_change ON audit_log; UPDATE audit_log SET detail = 'forged' WHERE seq = 2;");
    } else {
        env.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'forged' WHERE seq = 2;");
    }
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第2条") && err.contains("篡改"), "{err}");
}

#[test]
fn import_reads_csv_upserts_by_code_and_lists_bad_rows() {
    let env = fresh();
    env.ok(&["migrate"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("企业.csv");
    // Two good rows (one twice) and one bad row.
    let csv = "统一社会信用代码,企业名称,企业类型,所属区划\n\
               91110000600037341L,北京示例燃气有限公司,管道燃气,信州区\n\
               91350100M000100Y43,福州示例燃气有限公司,瓶装液化石油气,361103\n\
               91110000600037341M,校验位错误公司,管道燃气,信州区\n";
    std::fs::write(&file, csv).unwrap();
    let out = env.run(&["import", "enterprises", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "bad rows make the exit code 1");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("共3行：新增2，更新0，未变化0，错误1处"), "{text}");
    assert!(text.contains("第4行 统一社会信用代码：") && text.contains("校验位"), "{text}");
    // The same good rows again change nothing.
    std::fs::write(&file, csv.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    let text = env.ok(&["import", "enterprises", file.to_str().unwrap()]);
    assert!(text.contains("新增0，更新0，未变化2，错误0处"), "{text}");
    // A county importing another county's record is refused for that row.
    let out = env.run(&["import", "enterprises", file.to_str().unwrap(), "--region", "361102"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("未变化1") && text.contains("所属区划") && text.contains("管辖范围"), "{text}");
    let unknown = env.run(&["import", "pipelines-of-mars", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("未知的数据类型"));
}

#[test]
fn import_streams_csv_and_an_unreadable_row_is_that_rows_error() {
    let env = fresh();
    env.ok(&["migrate"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("enterprises.csv");
    let mut bytes = "统一社会信用代码,企业名称,企业类型,所属区划\n\
                     91110000600037341L,北京示例燃气有限公司,管道燃气,信州区\n"
        .as_bytes()
        .to_vec();
    // A row saved in GBK (not UTF-8) in the middle of the file, then good rows after it.
    bytes.extend_from_slice(b"91350100M000100Y43,\xb8\xa3\xd6\xdd,\xb9\xdc\xb5\xc0,361103\n");
    bytes.extend_from_slice("91350100M000100Y43,福州示例燃气有限公司,瓶装液化石油气,361103\n".as_bytes());
    std::fs::write(&file, bytes).unwrap();
    let out = env.run(&["import", "enterprises", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("共3行：新增2") && text.contains("错误1处"), "{text}");
    assert!(text.contains("第3行") && text.contains("UTF-8"), "{text}");
}

#[test]
fn the_published_data_standard_is_what_the_server_takes() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ranjian"))
        .args(["schema", "--out", dir.path().to_str().unwrap()])
        .env("RANJIAN_CONFIG", "/nonexistent/ranjian.toml")
        .output()
        .unwrap();
    assert!(out.status.success());
    let published = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/data-standard");
    let mut n = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let generated = std::fs::read_to_string(entry.path()).unwrap();
        let committed = std::fs::read_to_string(published.join(entry.file_name()))
            .unwrap_or_else(|_| panic!("{:?} is not in docs/data-standard: run `ranjian schema`", entry.file_name()));
        assert_eq!(generated, committed, "{:?} drifted from the code: run `ranjian schema`", entry.file_name());
        n += 1;
    }
    assert!(n >= 1);
}
