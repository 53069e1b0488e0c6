//! The MQTT subscription (ARCHITECTURE.md §6): readings published by devices and enterprise
//! gateways on `<prefix>/<enterprise code>/<point code>` go through the same ingestion path as
//! HTTP uploads. Messages are taken in batches (up to `BATCH` or `WINDOW`), and a QoS 1 message is
//! acknowledged (PUBACK) only once its readings are durable; a malformed one is logged, counted and
//! acknowledged (sending it again would not mend it). The connection is re-established by itself
//! after the broker goes away, with a growing pause (at most ten seconds) between attempts.
//!
//! Payload (UTF-8 JSON): one reading `{"ts": "2026-11-29T08:00:00+08:00", "value": 0.32, "unit":
//! "MPa"}` or an array of them (`ts` may be milliseconds since the epoch; `unit` is optional).

use super::model::{ReadingInput, Scalar};
use super::service::{self, Incoming, Source, Writer};
use crate::industry::enterprise::service as enterprises;
use crate::platform::scope::Scope;
use crate::startup::AppState;
use rumqttc::{AsyncClient, Event, MqttOptions, Packet, Publish, QoS};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Messages ingested in one transaction at most.
const BATCH: usize = 5_000;
/// How long a message may wait for others to share its transaction…
const WINDOW: Duration = Duration::from_millis(20);
/// …unless none comes for this long.
const PAUSE: Duration = Duration::from_millis(2);

/// What the subscription has done (for `/metrics`, the status endpoint and tests).
#[derive(Default)]
pub struct MqttStatus {
    pub connected: AtomicBool,
    pub connections: AtomicU64,
    pub messages: AtomicU64,
    pub malformed: AtomicU64,
    pub stored: AtomicU64,
}

/// `mqtt://host:port` (or `host:port`) as host and port.
pub fn parse_url(url: &str) -> Option<(String, u16)> {
    let rest = url.trim().trim_start_matches("mqtt://").trim_start_matches("tcp://");
    let rest = rest.split('/').next()?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().ok()?),
        None => (rest.to_string(), 1883),
    };
    (!host.is_empty()).then_some((host, port))
}

/// Start the subscription if one is configured. Returns its status.
pub fn start(state: &AppState) -> Option<Arc<MqttStatus>> {
    let cfg = &state.config.monitoring;
    let url = cfg.mqtt_url.as_deref().filter(|u| !u.trim().is_empty())?;
    let Some((host, port)) = parse_url(url) else {
        tracing::error!(url, "monitoring.mqtt_url is not mqtt://host:port; no MQTT subscription");
        return None;
    };
    let mut opts = MqttOptions::new(cfg.mqtt_client_id.clone(), host, port);
    opts.set_keep_alive(Duration::from_secs(15));
    // The broker keeps the subscription and queues QoS 1 messages while the node is away.
    opts.set_clean_session(false);
    opts.set_manual_acks(true);
    opts.set_max_packet_size(1 << 20, 1 << 20);
    let (client, eventloop) = AsyncClient::new(opts, 10_000);
    let status = Arc::new(MqttStatus::default());
    // Unbounded, so that the connection is always polled: were this full, the poller would wait for
    // the ingester, and the ingester's acknowledgements — which only the poller sends — for the
    // poller. QoS 1 messages are bounded anyway by the broker's in-flight window.
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Publish>();
    let filter = format!("{}/+/+", cfg.mqtt_topic_prefix.trim_end_matches('/'));
    tokio::spawn(poll(eventloop, client.clone(), filter, tx, status.clone()));
    tokio::spawn(ingest_loop(state.clone(), client, rx, status.clone()));
    Some(status)
}

/// Drive the connection: subscribe on every (re)connection, pass messages on, and after an error
/// wait a little longer each time before the next attempt.
async fn poll(
    mut eventloop: rumqttc::EventLoop,
    client: AsyncClient,
    filter: String,
    tx: tokio::sync::mpsc::UnboundedSender<Publish>,
    status: Arc<MqttStatus>,
) {
    let mut pause = Duration::from_millis(200);
    loop {
        match eventloop.poll().await {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                status.connected.store(true, Ordering::Relaxed);
                status.connections.fetch_add(1, Ordering::Relaxed);
                metrics::counter!("ranjian_mqtt_connections_total").increment(1);
                tracing::info!(filter, "MQTT connected; subscribing");
                pause = Duration::from_millis(200);
                if let Err(e) = client.subscribe(filter.clone(), QoS::AtLeastOnce).await {
                    tracing::warn!(error = %e, "MQTT subscribe failed");
                }
            }
            Ok(Event::Incoming(Packet::Publish(p))) => {
                if tx.send(p).is_err() {
                    return;
                }
            }
            Ok(_) => {}
            Err(e) => {
                if status.connected.swap(false, Ordering::Relaxed) {
                    tracing::warn!(error = %e, "MQTT connection lost; reconnecting");
                } else {
                    tracing::debug!(error = %e, "MQTT connection attempt failed");
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(10));
            }
        }
    }
}

/// The readings of one message, or why it cannot be read.
fn parse(p: &Publish, prefix: &str) -> Result<(String, String, Vec<ReadingInput>), String> {
    let rest = p.topic.strip_prefix(prefix).and_then(|r| r.strip_prefix('/')).ok_or("topic outside the prefix")?;
    let (ent, point) = rest.split_once('/').ok_or("topic is not <prefix>/<enterprise>/<point>")?;
    let v: serde_json::Value = serde_json::from_slice(&p.payload).map_err(|e| format!("payload is not JSON: {e}"))?;
    let items = match v {
        serde_json::Value::Array(a) => a,
        o @ serde_json::Value::Object(_) => vec![o],
        _ => return Err("payload is neither a reading nor an array of readings".into()),
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let serde_json::Value::Object(o) = it else { return Err("a reading is not an object".into()) };
        out.push(ReadingInput {
            point: Some(point.to_string()),
            enterprise_code: None,
            ts: o.get("ts").map(Scalar::from_json),
            value: o.get("value").map(Scalar::from_json),
            unit: o.get("unit").and_then(|u| u.as_str()).map(str::to_string),
        });
    }
    Ok((ent.to_uppercase(), point.to_string(), out))
}

async fn ingest_loop(
    state: AppState,
    client: AsyncClient,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Publish>,
    status: Arc<MqttStatus>,
) {
    let prefix = state.config.monitoring.mqtt_topic_prefix.trim_end_matches('/').to_string();
    let mut ent_ids: HashMap<String, Option<i64>> = HashMap::new();
    let mut buf: Vec<Publish> = Vec::with_capacity(BATCH);
    loop {
        // Wait for one message, then take what else comes within the window.
        match rx.recv().await {
            Some(p) => buf.push(p),
            None => return,
        }
        // The broker sends no more than its in-flight window before our acknowledgements: stop at a
        // short pause rather than wait out the window for messages that cannot come.
        let deadline = tokio::time::Instant::now() + WINDOW;
        while buf.len() < BATCH {
            let until = deadline.min(tokio::time::Instant::now() + PAUSE);
            match tokio::time::timeout_at(until, rx.recv()).await {
                Ok(Some(p)) => buf.push(p),
                _ => break,
            }
        }
        status.messages.fetch_add(buf.len() as u64, Ordering::Relaxed);
        metrics::counter!("ranjian_mqtt_messages_total").increment(buf.len() as u64);
        // Readings by enterprise; the messages each group holds, to acknowledge once stored.
        let mut groups: HashMap<String, (Vec<Incoming>, Vec<usize>)> = HashMap::new();
        let mut done: Vec<usize> = Vec::new();
        for (i, p) in buf.iter().enumerate() {
            match parse(p, &prefix) {
                Ok((ent, _, rows)) => {
                    let g = groups.entry(ent).or_default();
                    for r in rows {
                        let index = g.0.len() as u32;
                        g.0.push(Incoming::from_input(index, r));
                    }
                    g.1.push(i);
                }
                Err(reason) => {
                    status.malformed.fetch_add(1, Ordering::Relaxed);
                    metrics::counter!("ranjian_mqtt_malformed_total").increment(1);
                    tracing::warn!(topic = %p.topic, reason, "malformed MQTT message dropped");
                    done.push(i);
                }
            }
        }
        let missing: Vec<String> = groups.keys().filter(|c| !ent_ids.contains_key(*c)).cloned().collect();
        if !missing.is_empty() {
            match enterprises::by_codes(&state.db.conn, missing.iter().cloned()).await {
                Ok(found) => {
                    for c in missing {
                        let id = found.get(&c).map(|e| e.id);
                        ent_ids.insert(c, id);
                    }
                }
                Err(e) => tracing::warn!(error = ?e, "MQTT: enterprise lookup failed"),
            }
        }
        for (ent, (rows, msgs)) in groups {
            let Some(Some(eid)) = ent_ids.get(&ent).copied() else {
                status.malformed.fetch_add(msgs.len() as u64, Ordering::Relaxed);
                metrics::counter!("ranjian_mqtt_malformed_total").increment(msgs.len() as u64);
                tracing::warn!(enterprise = ent, "MQTT messages for an unknown enterprise dropped");
                ent_ids.remove(&ent);
                done.extend(msgs);
                continue;
            };
            let w = Writer { scope: Scope::system(), enterprise_id: Some(eid) };
            match service::ingest(&state, &w, None, rows, Source::Mqtt).await {
                Ok(report) => {
                    status.stored.fetch_add(u64::from(report.stored), Ordering::Relaxed);
                    if !report.rejected.is_empty() {
                        tracing::debug!(enterprise = ent, rejected = report.rejected.len(), "MQTT readings refused");
                    }
                    done.extend(msgs);
                }
                // Not acknowledged: the broker sends them again after the next reconnection.
                Err(e) => tracing::warn!(error = ?e, "MQTT readings not stored"),
            }
        }
        let n_done = done.len();
        for i in done {
            if let Err(e) = client.ack(&buf[i]).await {
                tracing::warn!(error = %e, "MQTT ack not sent");
            }
        }
        tracing::debug!(batch = buf.len(), acked = n_done, "MQTT batch");
        buf.clear();
    }
}
