//! Use cases of readings: one ingestion path for HTTP (JSON, CSV), MQTT and manual reporting —
//! check each reading, evaluate it against its point's thresholds, store the batch in one
//! transaction, then write the alarms it raised, and answer only when all of it is durable. Charts
//! of any range from raw readings or rollups; the rollup and retention jobs.

use super::model::*;
use super::store::{self, Columns, DAY, HOUR, MINUTE};
use crate::industry::enterprise::service as enterprises;
use crate::monitoring::alarm::service::{self as alarms, Change};
use crate::monitoring::live::LivePoint;
use crate::monitoring::point::model::point;
use crate::platform::error::{AppError, AppResult};
use crate::platform::scope::Scope;
use crate::startup::AppState;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use ranjian_domain::monitoring::PointState;
use sea_orm::DbErr;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where readings come from (for the metrics and the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Http,
    Mqtt,
    Manual,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Http => "http",
            Source::Mqtt => "mqtt",
            Source::Manual => "manual",
        }
    }
}

/// Who writes: readings go only to points within `scope`; an enterprise writes only its own.
pub struct Writer {
    pub scope: Scope,
    /// The enterprise of the account (or of the MQTT topic); none for an authority's account.
    pub enterprise_id: Option<i64>,
}

/// A time as milliseconds: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (China time), or a number of
/// milliseconds since the epoch.
pub fn parse_ts(v: &Scalar) -> Result<i64, String> {
    match v {
        Scalar::Int(n) => Ok(*n),
        Scalar::Text(s) => parse_ts_str(s),
        Scalar::Float(_) => Err("时间应为毫秒数或 RFC 3339 格式".into()),
    }
}

pub fn parse_ts_str(s: &str) -> Result<i64, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.timestamp_millis());
    }
    if let Ok(ms) = s.parse::<i64>() {
        return Ok(ms);
    }
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("offset");
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            if let Some(t) = china.from_local_datetime(&t).single() {
                return Ok(t.timestamp_millis());
            }
        }
    }
    Err(format!("时间“{s}”格式不正确，应为 RFC 3339（如 2026-11-29T08:00:00+08:00）或“2026-11-29 08:00:00”"))
}

pub fn parse_value(v: &Scalar) -> Result<f64, String> {
    let x = match v {
        Scalar::Int(n) => Some(*n as f64),
        Scalar::Float(f) => Some(*f),
        Scalar::Text(s) => s.trim().parse::<f64>().ok(),
    };
    match x {
        Some(x) if x.is_finite() => Ok(x),
        Some(_) => Err("数值不是有限的数字（NaN 或无穷大）".into()),
        None => Err("数值应为数字".into()),
    }
}

/// One reading after parsing, before it is checked against its point.
pub struct Incoming {
    pub index: u32,
    pub point: Option<String>,
    pub enterprise_code: Option<String>,
    pub ts: Result<i64, String>,
    pub value: Result<f64, String>,
    pub unit: Option<String>,
}

impl Incoming {
    pub fn from_input(index: u32, r: ReadingInput) -> Incoming {
        Incoming {
            index,
            ts: r.ts.as_ref().map(parse_ts).unwrap_or_else(|| Err("时间不能为空".into())),
            value: r.value.as_ref().map(parse_value).unwrap_or_else(|| Err("数值不能为空".into())),
            point: r.point,
            enterprise_code: r.enterprise_code,
            unit: r.unit,
        }
    }
}

fn reject(report: &mut IngestReport, index: u32, point: Option<String>, field: &'static str, reason: String) {
    report.rejected.push(Rejected { index, point, field, reason });
}

/// Check, evaluate and store readings; write the alarms they raise. Answers once durable.
pub async fn ingest(
    state: &AppState,
    writer: &Writer,
    default_enterprise: Option<&str>,
    rows: Vec<Incoming>,
    source: Source,
) -> AppResult<IngestReport> {
    let cfg = &state.config.monitoring;
    let mut report = IngestReport { received: rows.len() as u32, ..Default::default() };
    let now = Utc::now().timestamp_millis();
    let (earliest, latest) = (now - cfg.max_age_days.max(1) * DAY, now + cfg.max_future_s.max(0) * 1000);

    // The enterprises named, by code (one query).
    let named: Vec<String> = rows
        .iter()
        .filter_map(|r| r.enterprise_code.clone().or_else(|| default_enterprise.map(str::to_string)))
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    let ents = if named.is_empty() {
        HashMap::new()
    } else {
        enterprises::by_codes(&state.db.conn, named.into_iter()).await?
    };
    let mut resolvers: HashMap<i64, Arc<crate::monitoring::live::Codes>> = HashMap::new();

    let mut good: Vec<(u32, Arc<LivePoint>, i64, f64)> = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(code) = r.point.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
            reject(&mut report, r.index, None, "point", "监测点编号不能为空".into());
            continue;
        };
        let named = r.enterprise_code.as_deref().or(default_enterprise).map(|c| c.trim().to_uppercase());
        let eid = match (&named, writer.enterprise_id) {
            (Some(c), Some(own)) => match ents.get(c) {
                Some(e) if e.id == own => own,
                _ => {
                    reject(
                        &mut report,
                        r.index,
                        r.point.clone(),
                        "enterprise_code",
                        "不能向其他企业的监测点上报数据".into(),
                    );
                    continue;
                }
            },
            (None, Some(own)) => own,
            (Some(c), None) => match ents.get(c) {
                Some(e) => e.id,
                None => {
                    reject(&mut report, r.index, r.point.clone(), "enterprise_code", format!("企业“{c}”不存在"));
                    continue;
                }
            },
            (None, None) => {
                reject(
                    &mut report,
                    r.index,
                    r.point.clone(),
                    "enterprise_code",
                    "请填写监测点所属企业的统一社会信用代码".into(),
                );
                continue;
            }
        };
        let points = resolvers.entry(eid).or_insert_with(|| state.live.resolver(eid));
        let Some(p) = points.get(code) else {
            reject(&mut report, r.index, r.point.clone(), "point", format!("监测点“{code}”不存在"));
            continue;
        };
        if !writer.scope.allows(&p.region_code, Some(p.enterprise_id)) {
            reject(&mut report, r.index, r.point.clone(), "point", "无权向该监测点上报数据".into());
            continue;
        }
        let ts = match r.ts {
            Ok(t) if t < earliest => {
                reject(
                    &mut report,
                    r.index,
                    r.point.clone(),
                    "ts",
                    format!("时间早于{}天前，不再接收", cfg.max_age_days),
                );
                continue;
            }
            Ok(t) if t > latest => {
                reject(&mut report, r.index, r.point.clone(), "ts", "时间晚于服务器当前时间，请检查设备时钟".into());
                continue;
            }
            Ok(t) => t,
            Err(e) => {
                reject(&mut report, r.index, r.point.clone(), "ts", e);
                continue;
            }
        };
        let value = match r.value {
            Ok(v) => v,
            Err(e) => {
                reject(&mut report, r.index, r.point.clone(), "value", e);
                continue;
            }
        };
        if let Some(u) = r.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            if u != &*p.unit {
                reject(
                    &mut report,
                    r.index,
                    r.point.clone(),
                    "unit",
                    format!("单位“{u}”与监测点的计量单位“{}”不符", p.unit),
                );
                continue;
            }
        }
        good.push((r.index, p.clone(), ts, value));
    }

    // Oldest first per point; the same point and time twice in one upload is stored once.
    good.sort_unstable_by_key(|(i, p, ts, _)| (p.id, *ts, *i));
    good.dedup_by(|b, a| a.1.id == b.1.id && a.2 == b.2);

    // Evaluate against the thresholds; remember each point's state before, to put it back if the
    // write fails.
    let mut before: HashMap<i64, PointState> = HashMap::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut out = Vec::new();
    let watermark = state.live.watermark();
    let mut late: HashMap<i64, i64> = HashMap::new();
    let mut cols = Columns {
        point: Vec::with_capacity(good.len()),
        ts: Vec::with_capacity(good.len()),
        value: Vec::with_capacity(good.len()),
    };
    let mut i = 0;
    while i < good.len() {
        let p = good[i].1.clone();
        let mut s = p.state.lock().unwrap_or_else(|e| e.into_inner());
        before.entry(p.id).or_insert(*s);
        while i < good.len() && good[i].1.id == p.id {
            let (_, _, ts, v) = good[i];
            if p.in_service {
                out.clear();
                s.observe(&p.thresholds, ts, v, &mut out);
                changes.extend(out.iter().map(|&c| Change { point: p.clone(), change: c, ts, value: Some(v) }));
            }
            if ts < watermark {
                let e = late.entry(p.id).or_insert(ts);
                *e = (*e).min(ts);
            }
            cols.point.push(p.id);
            cols.ts.push(ts);
            cols.value.push(v);
            i += 1;
        }
    }
    let late: Vec<(i64, i64)> = late.into_iter().collect();
    let by_id: HashMap<i64, &Arc<LivePoint>> = good.iter().map(|g| (g.1.id, &g.1)).collect();
    let moved_to = |id: i64| by_id.get(&id).map_or(i64::MIN, |p| p.moved_to.load(Ordering::Relaxed));
    let stored = match store::insert(&state.db, &cols, &late, &moved_to).await {
        Ok(s) => {
            let inbox = &state.live.inbox;
            inbox.since_move.fetch_add(s.inbox as i64, Ordering::Relaxed);
            if let Some(t) = s.inbox_newest {
                inbox.newest.fetch_max(t, Ordering::Relaxed);
            }
            s.total as u32
        }
        Err(e) => {
            for (id, s) in before {
                if let Some(p) = state.live.get(id) {
                    *p.state.lock().unwrap_or_else(|e| e.into_inner()) = s;
                }
            }
            return Err(AppError::Internal(anyhow::anyhow!(e)));
        }
    };
    report.stored = stored;
    report.duplicates = (report.received - report.rejected.len() as u32).saturating_sub(stored);
    if !changes.is_empty() {
        report.alarms = alarms::apply_changes(state, changes).await?;
    }
    metrics::counter!("ranjian_readings_stored_total", "source" => source.as_str()).increment(u64::from(stored));
    metrics::counter!("ranjian_readings_rejected_total", "source" => source.as_str())
        .increment(report.rejected.len() as u64);
    report.rejected.sort_by_key(|r| r.index);
    Ok(report)
}

fn parse_bound(s: &Option<String>, field: &str) -> AppResult<Option<i64>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_ts_str(s).map(Some).map_err(|e| AppError::field(field, e)),
    }
}

/// A point's values in a range, at the grain the range needs (or the one asked for).
pub async fn series(state: &AppState, m: &point::Model, q: &SeriesQuery) -> AppResult<SeriesResponse> {
    let to = parse_bound(&q.to, "to")?.unwrap_or_else(|| Utc::now().timestamp_millis() + 1);
    let from = parse_bound(&q.from, "from")?.unwrap_or(to - DAY);
    if from >= to {
        return Err(AppError::field("from", "开始时间应早于结束时间"));
    }
    let span = to - from;
    let grain = match q.grain.as_deref() {
        Some("raw") if span <= 31 * DAY => "raw",
        Some("raw") => return Err(AppError::field("grain", "原始读数最多查询31天，请选择按分钟、小时或天汇总")),
        Some("minute") if span <= 31 * DAY => "minute",
        Some("minute") => return Err(AppError::field("grain", "按分钟汇总最多查询31天")),
        Some("hour") => "hour",
        Some("day") => "day",
        Some(g) if !g.is_empty() => return Err(AppError::field("grain", "汇总粒度应为 raw、minute、hour 或 day")),
        _ if span <= 6 * HOUR => "raw",
        _ if span <= 7 * DAY => "minute",
        _ if span <= 120 * DAY => "hour",
        _ => "day",
    };
    let conn = &state.db.conn;
    let items = if grain == "raw" {
        store::raw(conn, m.id, from, to, 50_000)
            .await?
            .into_iter()
            .map(|(t, v)| SeriesPoint { t, avg: v, min: v, max: v, n: 1 })
            .collect()
    } else {
        let g = match grain {
            "minute" => MINUTE,
            "hour" => HOUR,
            _ => DAY,
        };
        // Buckets before the watermark's bucket are complete in the rollups; the rest is summed
        // from the readings here.
        let cut = store::bucket(state.live.watermark(), g).clamp(store::bucket(from, g), to);
        let mut buckets = store::rollups(conn, m.id, g, store::bucket(from, g), cut).await?;
        if cut < to {
            let mut tail: Vec<store::Bucket> = Vec::new();
            for (t, v) in store::raw(conn, m.id, cut, to, 500_000).await? {
                let b = store::bucket(t, g);
                match tail.last_mut() {
                    Some(last) if last.0 == b => {
                        last.1 += 1;
                        last.2 += v;
                        last.3 = last.3.min(v);
                        last.4 = last.4.max(v);
                    }
                    _ => tail.push((b, 1, v, v, v)),
                }
            }
            buckets.extend(tail);
        }
        buckets
            .into_iter()
            .map(|(t, n, total, min, max)| SeriesPoint { t, avg: total / n.max(1) as f64, min, max, n })
            .collect()
    };
    Ok(SeriesResponse {
        grain,
        grain_name: match grain {
            "raw" => "原始读数",
            "minute" => "按分钟",
            "hour" => "按小时",
            _ => "按天",
        },
        unit: m.unit.clone(),
        items,
        thresholds: SeriesThresholds { high_high: m.high_high, high: m.high, low: m.low, low_low: m.low_low },
    })
}

/// Roll readings up to a minute before `now_ms`, and redo the rollups of late arrivals. Returns the
/// new watermark.
pub async fn roll_up(state: &AppState, now_ms: i64) -> AppResult<i64> {
    let hi = store::bucket(now_ms, MINUTE) - MINUTE;
    let txn = state.db.write_txn().await?;
    let mut lo = store::watermark(&*txn).await?;
    if lo == 0 {
        lo = store::oldest(&*txn).await?.unwrap_or(hi);
    }
    let points: Vec<i64> = state.live.all().iter().map(|p| p.id).collect();
    if hi > lo {
        store::roll_up(&*txn, &points, lo, hi).await?;
    }
    let w = hi.max(lo);
    store::set_watermark(&*txn, w).await?;
    let pending = store::pending(&*txn).await?;
    for (p, from) in &pending {
        store::roll_up(&*txn, &[*p], store::bucket(*from, DAY), w).await?;
    }
    let ids: Vec<i64> = pending.iter().map(|(p, _)| *p).collect();
    store::clear_pending(&*txn, &ids).await?;
    txn.commit().await?;
    state.live.set_watermark(w);
    Ok(w)
}

/// Delete readings and minute rollups past their retention.
pub async fn purge(state: &AppState, now_ms: i64) -> AppResult<(u64, u64)> {
    let cfg = &state.config.monitoring;
    let points: Vec<i64> = state.live.all().iter().map(|p| p.id).collect();
    let txn = state.db.write_txn().await?;
    let n =
        store::purge(&*txn, &points, now_ms - cfg.raw_days.max(1) * DAY, now_ms - cfg.minute_rollup_days.max(1) * DAY)
            .await?;
    txn.commit().await?;
    Ok(n)
}

/// The mover starts once this many readings have come into the inbox, or after `MOVE_EVERY`.
const MOVE_ROWS: i64 = 500_000;
const MOVE_EVERY: Duration = Duration::from_secs(2);

/// Readings of the inbox moved by one transaction, about: uploads wait for it, so it is short.
const MOVE_RUN: u64 = 50_000;

/// Move the inbox's readings no newer than `cut` into `reading`: the points in runs (ids in
/// order), each run one transaction. Each point then takes its newest reading moved as its
/// `moved_to`, so a later reading of it no newer goes straight to `reading` and meets what was
/// moved there. Returns how many readings left the inbox (SQLite only: store.rs).
pub async fn move_inbox(state: &AppState, cut: i64) -> Result<u64, DbErr> {
    if !state.db.is_sqlite() {
        return Ok(0);
    }
    let total = store::inbox_count(&state.db, cut).await?;
    if total == 0 {
        return Ok(0);
    }
    let mut ids: Vec<i64> = state.live.all().iter().map(|p| p.id).collect();
    ids.sort_unstable();
    let runs = total.div_ceil(MOVE_RUN).max(1) as usize;
    let per = ids.len().div_ceil(runs).max(1);
    let groups: Vec<&[i64]> = if ids.is_empty() { vec![&[]] } else { ids.chunks(per).collect() };
    let (mut moved, mut lo) = (0, i64::MIN);
    for (i, group) in groups.iter().enumerate() {
        let hi = if i + 1 == groups.len() { i64::MAX } else { group.last().copied().unwrap_or(i64::MAX) };
        moved += store::move_points(&state.db, lo, hi, cut, |newest| {
            for &(id, ts) in newest {
                if let Some(p) = state.live.get(id) {
                    p.moved_to.fetch_max(ts, Ordering::Relaxed);
                }
            }
        })
        .await?;
        lo = hi.saturating_add(1);
    }
    Ok(moved)
}

/// Move the whole inbox into `reading` (at start, before the points are loaded: nothing else
/// writes yet).
pub async fn drain_inbox(db: &crate::platform::db::Db) -> Result<u64, DbErr> {
    store::move_points(db, i64::MIN, i64::MAX, i64::MAX, |_| ()).await
}

/// The mover, for as long as the server runs: every `MOVE_EVERY`, or sooner once `MOVE_ROWS`
/// readings have come in, it moves what was in the inbox at its previous turn. A reading so
/// stays in the inbox one turn or two, and one arriving older than that (a device catching up)
/// goes straight to `reading`.
pub async fn run_mover(state: AppState) {
    if !state.db.is_sqlite() {
        return;
    }
    let inbox = &state.live.inbox;
    let (mut cut, mut moved_cut) = (i64::MIN, i64::MIN);
    let mut last = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let n = inbox.since_move.load(Ordering::Relaxed);
        if n < MOVE_ROWS && last.elapsed() < MOVE_EVERY {
            continue;
        }
        last = Instant::now();
        inbox.since_move.fetch_sub(n, Ordering::Relaxed);
        let next = inbox.newest.load(Ordering::Relaxed);
        if cut > moved_cut {
            let started = Instant::now();
            match move_inbox(&state, cut).await {
                Ok(moved) => {
                    moved_cut = cut;
                    metrics::counter!("ranjian_readings_moved_total").increment(moved);
                    tracing::debug!(moved, ms = started.elapsed().as_millis() as u64, "reading inbox moved");
                }
                Err(e) => tracing::warn!(error = ?e, "moving the reading inbox failed"),
            }
        }
        cut = next;
    }
}
