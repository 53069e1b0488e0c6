//! The server killed with SIGKILL in the middle of a sustained upload of readings, then started
//! again: every reading it acknowledged is there, none twice; sending everything again stores only
//! what was missing. SQLite by default, PostgreSQL with `RANJIAN_TEST_DB=postgres`.

mod common;
use common::*;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
}

/// A server the test started is stopped with it, even when an assertion fails.
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(env: &Env, dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_ranjian"))
        .arg("serve")
        .env("RANJIAN_DATABASE_URL", &env.url)
        .env("RANJIAN_CONFIG", "/nonexistent/ranjian.toml")
        .env("RANJIAN_LISTEN", format!("127.0.0.1:{port}"))
        .env("RANJIAN_DATA_DIR", dir)
        .env("RANJIAN_SCHEDULER", "false")
        .env("RANJIAN_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server { child, base: format!("http://127.0.0.1:{port}") }
}

async fn ready(http: &reqwest::Client, s: &Server) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(60) {
        if let Ok(r) = http.get(format!("{}/readyz", s.base)).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server not ready");
}

async fn login(http: &reqwest::Client, s: &Server) -> String {
    let r: Value = http
        .post(format!("{}/api/v1/auth/login", s.base))
        .json(&json!({"username": "enterprise-demo", "password": "Ranjian@2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

/// Batch `k`: every point once at each of five seconds of its own.
fn batch(points: &[String], base_ms: i64, k: usize) -> Value {
    let mut readings = Vec::new();
    for j in 0..5 {
        let ts = base_ms + ((k * 5 + j) as i64) * 1000;
        for (i, p) in points.iter().enumerate() {
            readings.push(json!({"point": p, "ts": ts, "value": 0.3 + ((k + i + j) % 7) as f64 / 100.0}));
        }
    }
    json!({ "readings": readings })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkilled_server_keeps_every_acknowledged_reading_once() {
    let env = fresh();
    env.ok(&["migrate"]);
    env.ok(&["demo", "--scale", "small"]);
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let mut server = serve(&env, dir.path(), port);
    ready(&http, &server).await;
    let token = login(&http, &server).await;
    let pts: Value = http
        .get(format!("{}/api/v1/monitoring/points?page_size=100", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let points: Vec<(i64, String)> = pts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_i64().unwrap(), p["code"].as_str().unwrap().to_string()))
        .collect();
    assert!(points.len() >= 2, "the demo enterprise has points");
    let codes: Vec<String> = points.iter().map(|(_, c)| c.clone()).collect();
    let per_batch = codes.len() * 5;
    // Our readings fall on the first millisecond of a second; the demo's history on whole minutes.
    let base_ms = chrono::Utc::now().timestamp_millis() - 20 * 3_600_000;
    let base_ms = base_ms - base_ms % 1000 + 1;

    // Two uploaders, each sending its own batches one after another, until the server dies.
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<usize>::new()));
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut uploaders = Vec::new();
    for u in 0..2 {
        let (http, token, codes, acked, sent, base) =
            (http.clone(), token.clone(), codes.clone(), acked.clone(), sent.clone(), server.base.clone());
        uploaders.push(tokio::spawn(async move {
            let mut k = u;
            loop {
                let body = batch(&codes, base_ms, k);
                sent.fetch_max(k + 1, std::sync::atomic::Ordering::SeqCst);
                let r = http
                    .post(format!("{base}/api/v1/monitoring/readings"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().is_success() => {
                        let rep: Value = r.json().await.unwrap();
                        assert_eq!(rep["stored"].as_u64(), Some(per_batch as u64), "{rep}");
                        acked.lock().unwrap().push(k);
                    }
                    _ => return,
                }
                k += 2;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    for u in uploaders {
        u.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let sent = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(acked.len() >= 4, "a sustained upload before the kill ({} batches)", acked.len());

    let server = serve(&env, dir.path(), port);
    ready(&http, &server).await;
    let token = login(&http, &server).await;
    let stored_ts = |id: i64| {
        let (http, token, base) = (http.clone(), token.clone(), server.base.clone());
        async move {
            let from = chrono::DateTime::from_timestamp_millis(base_ms).unwrap().to_rfc3339().replace('+', "%2B");
            let s: Value = http
                .get(format!("{base}/api/v1/monitoring/points/{id}/series?grain=raw&from={from}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            s["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["t"].as_i64().unwrap())
                .filter(|t| t % 1000 == 1)
                .collect::<Vec<i64>>()
        }
    };
    let mut total = 0;
    for (id, _) in &points {
        let ts = stored_ts(*id).await;
        let mut unique = ts.clone();
        unique.dedup();
        assert_eq!(unique.len(), ts.len(), "a reading stored twice");
        for k in &acked {
            for j in 0..5 {
                let t = base_ms + ((k * 5 + j) as i64) * 1000;
                assert!(ts.binary_search(&t).is_ok(), "acknowledged reading of batch {k} lost");
            }
        }
        total += ts.len();
    }
    assert!(total >= acked.len() * per_batch && total <= (sent + 1) * per_batch, "{total}");

    // Everything sent again: what was acknowledged is a duplicate, only the rest is stored.
    let mut again = 0;
    for k in 0..sent {
        let r: Value = http
            .post(format!("{}/api/v1/monitoring/readings", server.base))
            .bearer_auth(&token)
            .json(&batch(&codes, base_ms, k))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if acked.contains(&k) {
            assert_eq!(r["stored"], 0, "batch {k} was acknowledged: {r}");
        }
        again += r["stored"].as_u64().unwrap() as usize;
    }
    assert_eq!(total + again, sent * per_batch);
}
