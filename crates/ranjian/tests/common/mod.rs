//! What the command-line tests share: a fresh database (SQLite, or PostgreSQL with
//! `RANJIAN_TEST_DB=postgres`) and the `ranjian` binary run against it.
#![allow(dead_code)]

use std::process::{Command, Output};

pub struct Env {
    pub url: String,
    _dir: tempfile::TempDir,
}

pub fn fresh() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = if std::env::var("RANJIAN_TEST_DB").as_deref() == Ok("postgres") {
        let base = std::env::var("RANJIAN_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = format!("ranjian_test_cli_{}_{}", std::process::id(), rand_suffix());
        let out = Command::new("psql")
            .args([&format!("{base}/postgres"), "-qc", &format!("CREATE DATABASE {name}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        format!("{base}/{name}")
    } else {
        format!("sqlite://{}", dir.path().join("cli.db").display())
    };
    Env { url, _dir: dir }
}

pub fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() % 1_000_000_000
}

impl Env {
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ranjian"))
            .args(args)
            .env("RANJIAN_DATABASE_URL", &self.url)
            .env("RANJIAN_CONFIG", "/nonexistent/ranjian.toml")
            .env("RANJIAN_LOG", "error")
            .env_remove("RANJIAN_PASSWORD")
            .output()
            .unwrap()
    }
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }
    pub fn sql(&self, sql: &str) {
        if self.url.starts_with("postgres") {
            let out = Command::new("psql").args([&self.url, "-qc", sql]).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        } else {
            // The CLI tests use the sqlite3 library through the server crate's driver: open it via a helper binary call.
            let path = self.url.trim_start_matches("sqlite://");
            let out = Command::new("python3")
                .args([
                    "-c",
                    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                    path,
                    sql,
                ])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
