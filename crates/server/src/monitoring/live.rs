//! The live state of every monitoring point, in memory: its thresholds, the evaluation state of
//! its readings (band, last value, offline) and the lookup of a point by its enterprise and code.
//! Loaded at start from the points, their newest readings and their standing alarms; a point
//! written through the ledger is reloaded once its transaction commits.

use super::point::model::point;
use ranjian_domain::monitoring::{Condition, PointKind, PointState, Thresholds};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Statement};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// One point as the evaluation needs it.
pub struct LivePoint {
    pub id: i64,
    pub enterprise_id: i64,
    pub region_code: Box<str>,
    pub code: Box<str>,
    pub name: Box<str>,
    pub kind: PointKind,
    pub unit: Box<str>,
    pub thresholds: Thresholds,
    pub interval_s: i64,
    /// When the point was registered (ms): a point that never reported is offline from then.
    pub since_ms: i64,
    pub in_service: bool,
    pub state: Mutex<PointState>,
    /// The mover has sorted this point's inbox readings up to this time (ms) into `reading`; a
    /// reading no newer goes straight there (store::insert).
    pub moved_to: AtomicI64,
}

impl LivePoint {
    fn from_model(m: &point::Model, state: PointState, moved_to: i64) -> LivePoint {
        LivePoint {
            id: m.id,
            enterprise_id: m.enterprise_id,
            region_code: m.region_code.as_str().into(),
            code: m.code.as_str().into(),
            name: m.name.as_str().into(),
            kind: PointKind::parse(&m.kind).unwrap_or(PointKind::Other),
            unit: m.unit.as_str().into(),
            thresholds: thresholds_of(m),
            interval_s: i64::from(m.interval_s),
            since_ms: m.created_at.timestamp_millis(),
            in_service: m.status == "in_service",
            state: Mutex::new(state),
            moved_to: AtomicI64::new(moved_to),
        }
    }

    pub fn snapshot(&self) -> PointState {
        *self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn thresholds_of(m: &point::Model) -> Thresholds {
    Thresholds {
        high_high: m.high_high,
        high: m.high,
        low: m.low,
        low_low: m.low_low,
        rate_of_change: m.rate_of_change,
        deadband: m.deadband,
    }
}

#[derive(Default)]
struct Index {
    by_id: HashMap<i64, Arc<LivePoint>>,
    by_code: HashMap<i64, Arc<Codes>>,
}

/// One enterprise's points by code.
pub type Codes = HashMap<Box<str>, Arc<LivePoint>>;

/// Every point's live state, and the live feed of alarms to open browsers.
pub struct Live {
    index: RwLock<Index>,
    pub feed: tokio::sync::broadcast::Sender<Arc<crate::monitoring::alarm::service::FeedItem>>,
    /// Readings before this time (ms) are rolled up; one arriving later marks its point for redoing.
    watermark: AtomicI64,
    pub inbox: Inbox,
}

/// What the mover of the readings' inbox needs to know (reading::service::run_mover).
pub struct Inbox {
    /// Readings put in the inbox since the mover last began.
    pub since_move: AtomicI64,
    /// The newest time put in the inbox.
    pub newest: AtomicI64,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            index: Default::default(),
            feed: tokio::sync::broadcast::channel(1024).0,
            watermark: AtomicI64::new(0),
            inbox: Inbox { since_move: AtomicI64::new(0), newest: AtomicI64::new(i64::MIN) },
        }
    }
}

impl Live {
    /// Load every point, its newest reading and its standing (not cleared) alarms.
    /// The readings' inbox must be empty (reading::service::drain_inbox).
    pub async fn load<C: ConnectionTrait>(&self, conn: &C) -> Result<usize, DbErr> {
        let points = point::Entity::find().all(conn).await?;
        let backend = conn.get_database_backend();
        let mut last: HashMap<i64, (i64, f64)> = HashMap::new();
        let rows = conn
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT p.id AS id, \
                   (SELECT r.ts FROM reading r WHERE r.point_id = p.id ORDER BY r.ts DESC LIMIT 1) AS ts, \
                   (SELECT r.value FROM reading r WHERE r.point_id = p.id ORDER BY r.ts DESC LIMIT 1) AS value \
                 FROM monitoring_point p",
            ))
            .await?;
        for r in rows {
            let id: i64 = r.try_get("", "id")?;
            let ts: Option<i64> = r.try_get("", "ts")?;
            let value: Option<f64> = r.try_get("", "value")?;
            if let (Some(ts), Some(v)) = (ts, value) {
                last.insert(id, (ts, v));
            }
        }
        let mut standing: HashMap<i64, Vec<Condition>> = HashMap::new();
        let rows = conn
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT point_id, condition FROM alarm WHERE cleared_at IS NULL",
            ))
            .await?;
        for r in rows {
            let id: i64 = r.try_get("", "point_id")?;
            let c: String = r.try_get("", "condition")?;
            if let Some(c) = Condition::parse(&c) {
                standing.entry(id).or_default().push(c);
            }
        }
        let mut index = Index::default();
        for m in &points {
            let conds = standing.remove(&m.id).unwrap_or_default();
            let band = [Condition::HighHigh, Condition::LowLow, Condition::High, Condition::Low]
                .into_iter()
                .find(|c| conds.contains(c));
            let state = PointState {
                band,
                rate_alarm: conds.contains(&Condition::RateOfChange),
                offline: conds.contains(&Condition::Offline),
                last: last.get(&m.id).copied(),
            };
            // Everything is in `reading` now (the inbox is emptied before): a reading no newer than
            // the point's last one is checked against it there.
            let moved_to = state.last.map_or(i64::MIN, |(ts, _)| ts);
            insert(&mut index, Arc::new(LivePoint::from_model(m, state, moved_to)));
        }
        let n = index.by_id.len();
        self.set_watermark(crate::monitoring::reading::store::watermark(conn).await?);
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = index;
        Ok(n)
    }

    /// Put points written through the ledger in place, keeping the evaluation state of points that
    /// were already known.
    pub fn upsert(&self, models: &[point::Model]) {
        let mut index = self.index.write().unwrap_or_else(|e| e.into_inner());
        for m in models {
            let state = index.by_id.get(&m.id).map(|p| p.snapshot()).unwrap_or_default();
            let moved_to = index.by_id.get(&m.id).map_or(i64::MIN, |p| p.moved_to.load(Ordering::Relaxed));
            if let Some(old) = index.by_id.get(&m.id).cloned() {
                if let Some(codes) = index.by_code.get_mut(&old.enterprise_id) {
                    Arc::make_mut(codes).remove(&old.code);
                }
            }
            insert(&mut index, Arc::new(LivePoint::from_model(m, state, moved_to)));
        }
    }

    pub fn watermark(&self) -> i64 {
        self.watermark.load(Ordering::Relaxed)
    }

    pub fn set_watermark(&self, w: i64) {
        self.watermark.store(w, Ordering::Relaxed);
    }

    pub fn get(&self, id: i64) -> Option<Arc<LivePoint>> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).by_id.get(&id).cloned()
    }

    /// The points of one enterprise, looked up by code (one lock for a whole batch).
    pub fn resolver(&self, enterprise_id: i64) -> Arc<Codes> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).by_code.get(&enterprise_id).cloned().unwrap_or_default()
    }

    /// Every point (for the offline check and the status lists).
    pub fn all(&self) -> Vec<Arc<LivePoint>> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).by_id.values().cloned().collect()
    }
}

fn insert(index: &mut Index, p: Arc<LivePoint>) {
    Arc::make_mut(index.by_code.entry(p.enterprise_id).or_default()).insert(p.code.clone(), p.clone());
    index.by_id.insert(p.id, p);
}

/// What a point's live state says, for lists and the map.
pub fn status_of(p: &LivePoint) -> (&'static str, &'static str, Option<Condition>) {
    let s = p.snapshot();
    if s.offline {
        ("offline", "离线", Some(Condition::Offline))
    } else if let Some(c) = s.band {
        ("alarm", "报警", Some(c))
    } else if s.rate_alarm {
        ("alarm", "报警", Some(Condition::RateOfChange))
    } else if s.last.is_none() {
        ("never", "未上报", None)
    } else {
        ("normal", "正常", None)
    }
}
