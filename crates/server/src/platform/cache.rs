//! A short-lived cache of list answers, per record type and data scope. Ledger lists are read far
//! more often than written: an answer is kept for at most `list_cache_ttl_ms` and dropped as soon as
//! this node writes a record of that type (the type's generation moves on). Another node's writes
//! are seen once the TTL has passed, which bounds staleness across nodes. A TTL of 0 disables it.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

const MAX_ENTRIES: usize = 16_384;

struct Entry {
    generation: u64,
    at: Instant,
    ttl: Duration,
    body: Bytes,
}

pub struct ListCache {
    ttl: Duration,
    generations: RwLock<HashMap<&'static str, &'static AtomicU64>>,
    entries: RwLock<HashMap<(&'static str, String), Entry>>,
}

impl ListCache {
    pub fn new(ttl_ms: u64) -> Self {
        ListCache { ttl: Duration::from_millis(ttl_ms), generations: Default::default(), entries: Default::default() }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn counter(&self, kind: &'static str) -> &'static AtomicU64 {
        if let Some(c) = self.generations.read().ok().and_then(|g| g.get(kind).copied()) {
            return c;
        }
        let mut g = self.generations.write().expect("cache lock");
        // One small counter per record type, for the life of the process.
        g.entry(kind).or_insert_with(|| Box::leak(Box::new(AtomicU64::new(0))))
    }

    /// The generation to note before reading from the database.
    pub fn generation(&self, kind: &'static str) -> u64 {
        self.counter(kind).load(Ordering::Acquire)
    }

    /// Call after a write of this record type has committed.
    pub fn invalidate(&self, kind: &'static str) {
        self.counter(kind).fetch_add(1, Ordering::AcqRel);
    }

    pub fn get(&self, kind: &'static str, key: &str) -> Option<Bytes> {
        let current = self.generation(kind);
        let entries = self.entries.read().ok()?;
        let e = entries.get(&(kind, key.to_string()))?;
        (e.generation == current && e.at.elapsed() < e.ttl).then(|| e.body.clone())
    }

    /// Store an answer read at `generation` (a write since then makes it unusable at once).
    pub fn put(&self, kind: &'static str, key: String, generation: u64, body: Bytes) {
        self.put_for(kind, key, generation, body, self.ttl)
    }

    /// Store an answer kept for `ttl` rather than the list TTL (map tiles: read far more often
    /// than lists, dropped all the same by a write of their type).
    pub fn put_for(&self, kind: &'static str, key: String, generation: u64, body: Bytes, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let Ok(mut entries) = self.entries.write() else { return };
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| e.at.elapsed() < e.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert((kind, key), Entry { generation, at: Instant::now(), ttl, body });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_drops_answers_read_before_it() {
        let c = ListCache::new(60_000);
        let g = c.generation("enterprise");
        c.put("enterprise", "k".into(), g, Bytes::from_static(b"old"));
        assert_eq!(c.get("enterprise", "k").as_deref(), Some(&b"old"[..]));
        c.invalidate("enterprise");
        assert!(c.get("enterprise", "k").is_none());
        // An answer read before the write but stored after it is not served either.
        c.put("enterprise", "k".into(), g, Bytes::from_static(b"stale"));
        assert!(c.get("enterprise", "k").is_none());
        assert!(c.get("other", "k").is_none());
    }

    #[test]
    fn zero_ttl_disables() {
        let c = ListCache::new(0);
        c.put("enterprise", "k".into(), 0, Bytes::from_static(b"x"));
        assert!(c.get("enterprise", "k").is_none());
    }
}
