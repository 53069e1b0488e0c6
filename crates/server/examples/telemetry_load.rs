//! Load generator of the telemetry benchmark (`bench/run.sh`, section `monitoring`).
//!
//!   telemetry_load setup   BASE TOKEN ENTERPRISE_CODE POINTS          register POINTS points B-00000…
//!   telemetry_load http    BASE TOKEN POINTS SECONDS CLIENTS START_MS MAP CSV
//!       sustained uploads of 1,000-reading batches from CLIENTS clients for SECONDS; then writes the
//!       readings it had acknowledged to CSV (point id, ts, value; ids from MAP "code,id") for the
//!       database's own bulk load
//!   telemetry_load latency BASE TOKEN SECONDS                         alarm latency, upload → SSE
//!   telemetry_load mqtt    BASE TOKEN HOST:PORT PREFIX ENTERPRISE_CODE POINTS MESSAGES PUBLISHERS START_MS
//!       publishes MESSAGES one-reading messages (QoS 1) and waits until the server has stored them
//!
//! Readings are unique by construction: reading number n goes to point n % POINTS at START_MS +
//! (n / POINTS) seconds, so nothing is a duplicate and nothing is refused.

use serde_json::Value;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BATCH: u64 = 1_000;

fn code(i: u64) -> String {
    format!("B-{i:05}")
}

fn value(n: u64) -> f64 {
    0.25 + (n % 97) as f64 / 1000.0
}

fn body(first: u64, points: u64, start_ms: i64) -> String {
    let mut s = String::with_capacity(64 * BATCH as usize);
    s.push_str("{\"readings\":[");
    for n in first..first + BATCH {
        if n > first {
            s.push(',');
        }
        let ts = start_ms + (n / points) as i64 * 1000;
        let _ = write!(s, "{{\"point\":\"B-{:05}\",\"ts\":{ts},\"value\":{}}}", n % points, value(n));
    }
    s.push_str("]}");
    s
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap();
    match args.get(1).map(String::as_str) {
        Some("setup") => setup(&http, &args[2], &args[3], &args[4], args[5].parse().unwrap()).await,
        Some("http") => {
            run_http(
                &http,
                &args[2],
                &args[3],
                args[4].parse().unwrap(),
                args[5].parse().unwrap(),
                args[6].parse().unwrap(),
                args[7].parse().unwrap(),
                &args[8],
                &args[9],
            )
            .await
        }
        Some("latency") => latency(&http, &args[2], &args[3], args[4].parse().unwrap()).await,
        Some("mqtt") => {
            mqtt(
                &http,
                &args[2],
                &args[3],
                &args[4],
                &args[5],
                &args[6],
                args[7].parse().unwrap(),
                args[8].parse().unwrap(),
                args[9].parse().unwrap(),
                args[10].parse().unwrap(),
            )
            .await
        }
        _ => eprintln!("usage: see the top of crates/server/examples/telemetry_load.rs"),
    }
}

async fn setup(http: &reqwest::Client, base: &str, token: &str, ent: &str, points: u64) {
    // Places across the centre of 信州区; thresholds far from the generated values, and one point
    // for the latency check with limits it will cross.
    let mut rows: Vec<Value> = (0..points)
        .map(|i| {
            serde_json::json!({
                "enterprise_code": ent, "code": code(i), "name": format!("压测点{i}"), "kind": "压力", "unit": "MPa",
                "target_type": "人员密集场所", "target_name": "压测", "interval_s": "60",
                "lng": format!("{:.5}", 117.93 + (i % 100) as f64 * 0.0005),
                "lat": format!("{:.5}", 28.44 + (i / 100 % 100) as f64 * 0.0005),
                "high_high": "5", "high": "4"
            })
        })
        .collect();
    rows.push(serde_json::json!({
        "enterprise_code": ent, "code": "B-LATENCY", "name": "报警时延测点", "kind": "压力", "unit": "MPa",
        "target_type": "人员密集场所", "target_name": "压测", "lng": "117.95", "lat": "28.45",
        "high_high": "2", "high": "1"
    }));
    for chunk in rows.chunks(5_000) {
        let r: Value = http
            .post(format!("{base}/api/v1/monitoring/points/batch"))
            .bearer_auth(token)
            .json(&chunk)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(r["errors"].as_array().is_none_or(|e| e.is_empty()), "{r}");
    }
    println!("registered {} points", rows.len());
}

#[allow(clippy::too_many_arguments)]
async fn run_http(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    points: u64,
    seconds: u64,
    clients: u64,
    start_ms: i64,
    map: &str,
    csv: &str,
) {
    let next = Arc::new(AtomicU64::new(0));
    let acked = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, base, token, next, acked) =
            (http.clone(), base.to_string(), token.to_string(), next.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut done = Vec::new();
            while Instant::now() < deadline {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let b = body(k * BATCH, points, start_ms);
                let t = Instant::now();
                let r = http
                    .post(format!("{base}/api/v1/monitoring/readings"))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(b)
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().is_success() => {
                        let v: Value = r.json().await.unwrap();
                        assert_eq!(v["stored"].as_u64(), Some(BATCH), "{v}");
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                        acked.fetch_add(BATCH, Ordering::Relaxed);
                        done.push(k);
                    }
                    Ok(r) => panic!("upload answered {}: {}", r.status(), r.text().await.unwrap_or_default()),
                    Err(e) => panic!("upload failed: {e}"),
                }
            }
            (lat, done)
        }));
    }
    let mut lat = Vec::new();
    let mut batches = Vec::new();
    for t in tasks {
        let (l, d) = t.await.unwrap();
        lat.extend(l);
        batches.extend(d);
    }
    let secs = started.elapsed().as_secs_f64();
    let n = acked.load(Ordering::Relaxed);
    println!(
        "http_readings={n} seconds={secs:.1} readings_per_s={:.0} batch_p50_ms={:.1} batch_p99_ms={:.1}",
        n as f64 / secs,
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99)
    );
    // The same readings as a file for the database's own bulk load.
    let ids: std::collections::HashMap<String, i64> = std::fs::read_to_string(map)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(',').map(|(c, id)| (c.to_string(), id.trim().parse().unwrap())))
        .collect();
    let by_index: Vec<i64> = (0..points).map(|i| ids[&code(i)]).collect();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(csv).unwrap());
    batches.sort_unstable();
    use std::io::Write;
    for k in batches {
        for n in k * BATCH..(k + 1) * BATCH {
            let ts = start_ms + (n / points) as i64 * 1000;
            writeln!(out, "{},{ts},{}", by_index[(n % points) as usize], value(n)).unwrap();
        }
    }
    out.flush().unwrap();
}

async fn latency(http: &reqwest::Client, base: &str, token: &str, seconds: u64) {
    // The enterprise's own live feed, as its browser holds it.
    let mut stream =
        http.get(format!("{base}/api/v1/monitoring/alarms/stream")).bearer_auth(token).send().await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, Instant)>();
    tokio::spawn(async move {
        let mut buf = String::new();
        while let Ok(Some(chunk)) = stream.chunk().await {
            let now = Instant::now();
            buf.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buf.find("\n\n") {
                let msg: String = buf.drain(..end + 2).collect();
                if let Some(data) = msg.lines().find_map(|l| l.strip_prefix("data: ")) {
                    if let Ok(v) = serde_json::from_str::<Value>(data) {
                        if v["event"] == "raised" && v["alarm"]["point_code"] == "B-LATENCY" {
                            let _ = tx.send((v["alarm"]["id"].as_i64().unwrap_or(0), now));
                        }
                    }
                }
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut ts = chrono::Utc::now().timestamp_millis() - 3_600_000;
    let mut lat = Vec::new();
    let post = |v: f64, ts: i64| {
        http.post(format!("{base}/api/v1/monitoring/readings"))
            .bearer_auth(token)
            .json(&serde_json::json!({"readings": [{"point": "B-LATENCY", "ts": ts, "value": v}]}))
            .send()
    };
    while Instant::now() < deadline {
        ts += 1000;
        post(0.5, ts).await.unwrap();
        ts += 1000;
        let sent = Instant::now();
        let r: Value = post(2.5, ts).await.unwrap().json().await.unwrap();
        let id = r["alarms"][0]["id"].as_i64().expect("an alarm raised");
        loop {
            match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
                Ok(Some((got, at))) if got == id => {
                    lat.push(at.duration_since(sent).as_secs_f64() * 1000.0);
                    break;
                }
                Ok(Some(_)) => continue,
                _ => {
                    lat.push(5000.0);
                    break;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "alarms={} latency_p50_ms={:.1} latency_p99_ms={:.1} latency_max_ms={:.1}",
        lat.len(),
        pct(&mut lat.clone(), 0.5),
        pct(&mut lat.clone(), 0.99),
        pct(&mut lat, 1.0)
    );
}

#[allow(clippy::too_many_arguments)]
async fn mqtt(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    broker: &str,
    prefix: &str,
    ent: &str,
    points: u64,
    messages: u64,
    publishers: u64,
    start_ms: i64,
) {
    let status = || async {
        let v: Value = http
            .get(format!("{base}/api/v1/monitoring/mqtt-status"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v
    };
    let before = status().await["stored"].as_u64().unwrap_or(0);
    let (host, port) = broker.rsplit_once(':').unwrap();
    let port: u16 = port.parse().unwrap();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for p in 0..publishers {
        let mut opts = rumqttc::MqttOptions::new(format!("bench-pub-{p}-{}", std::process::id()), host, port);
        opts.set_keep_alive(Duration::from_secs(30));
        opts.set_inflight(1000);
        let (client, mut events) = rumqttc::AsyncClient::new(opts, 10_000);
        let acks = Arc::new(AtomicU64::new(0));
        let a = acks.clone();
        tokio::spawn(async move {
            loop {
                match events.poll().await {
                    Ok(rumqttc::Event::Incoming(rumqttc::Packet::PubAck(_))) => {
                        a.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(_) => {}
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        });
        let (prefix, ent) = (prefix.to_string(), ent.to_string());
        tasks.push(tokio::spawn(async move {
            let mut n = p;
            let mut sent = 0u64;
            while n < messages {
                let ts = start_ms + (n / points) as i64 * 1000;
                let topic = format!("{prefix}/{ent}/{}", code(n % points));
                let payload = format!("{{\"ts\":{ts},\"value\":{}}}", value(n));
                client.publish(topic, rumqttc::QoS::AtLeastOnce, false, payload).await.unwrap();
                n += publishers;
                sent += 1;
            }
            while acks.load(Ordering::Relaxed) < sent {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let published = started.elapsed().as_secs_f64();
    let limit = Instant::now() + Duration::from_secs(300);
    let mut stored = 0;
    while Instant::now() < limit {
        stored = status().await["stored"].as_u64().unwrap_or(0) - before;
        if stored >= messages {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "mqtt_messages={messages} stored={stored} publish_s={published:.1} seconds={secs:.1} messages_per_s={:.0}",
        stored as f64 / secs
    );
}
