//! In-memory aggregates of large tables: what the rate pages count, one compact entry per record
//! (a gas user's last inspection, a pipeline's patrol days), so a city-wide rate is a scan of memory
//! rather than a GROUP BY over a million rows.
//!
//! A tally is loaded whole on its first read. After that, a committed write names the keys it
//! touched (`touch_on_commit`, run by the transaction only once the write is durable) and the next
//! reader re-reads just those keys before it counts, so a write is counted at once. Writes that
//! cannot name their keys move the tally's key on (the generations of the record types it is built
//! from, as for the map layers) or drop it (`forget_on_commit`): the next reader loads it whole. A
//! tally older than `memory_refresh_s` (writes on another node) is reloaded by one reader while the rest keep
//! counting on the old one.

use crate::platform::db::WriteTxn;
use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// A hash map for integer keys hashed millions of times per rate page (not for keys an outsider
/// chooses freely: the seed is random per process all the same).
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// How long a tally is trusted without a local write unless configured (`memory_refresh_s`).
const REFRESH: Duration = Duration::from_secs(300);

/// The rows of one table, kept in memory.
pub trait Table: Default + Send + Sync + 'static {
    /// What a write names: the key its rows are re-read by.
    type Key: Eq + Hash + Clone + Send + Sync + 'static;
    /// One row as read from the database.
    type Row: Send;
    /// Replace what the table holds of `keys` by `rows`, the rows now stored under those keys (a
    /// key without a row is gone). A whole load is `apply(&[], every row)` on an empty table.
    fn apply(&mut self, keys: &[Self::Key], rows: Vec<Self::Row>);
}

struct Loaded<T> {
    key: u64,
    at: Instant,
    table: T,
}

pub struct Tally<T: Table> {
    data: RwLock<Option<Loaded<T>>>,
    pending: Mutex<HashSet<T::Key>>,
    dropped: AtomicBool,
    /// One reader loads or patches at a time.
    busy: tokio::sync::Mutex<()>,
    refresh: Duration,
}

impl<T: Table> Default for Tally<T> {
    fn default() -> Self {
        Tally::new(REFRESH)
    }
}

enum Age {
    Missing,
    Old,
    Fresh,
}

impl<T: Table> Tally<T> {
    pub fn new(refresh: Duration) -> Self {
        Tally {
            data: RwLock::new(None),
            pending: Mutex::new(HashSet::new()),
            dropped: AtomicBool::new(false),
            busy: tokio::sync::Mutex::new(()),
            refresh,
        }
    }

    /// These keys were written (call after the commit).
    pub fn touch(&self, keys: impl IntoIterator<Item = T::Key>) {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).extend(keys);
    }

    /// Load it whole at the next read.
    pub fn forget(&self) {
        self.dropped.store(true, Ordering::Release);
    }

    /// Re-read these keys once `txn` has committed.
    pub fn touch_on_commit(self: &Arc<Self>, txn: &WriteTxn, keys: Vec<T::Key>) {
        if keys.is_empty() {
            return;
        }
        let me = self.clone();
        txn.after_commit(move || me.touch(keys));
    }

    /// Load it whole at the first read after `txn` has committed.
    pub fn forget_on_commit(self: &Arc<Self>, txn: &WriteTxn) {
        let me = self.clone();
        txn.after_commit(move || me.forget());
    }

    fn age(&self, key: u64) -> Age {
        let data = self.data.read().unwrap_or_else(|e| e.into_inner());
        match &*data {
            None => Age::Missing,
            Some(l) if l.key != key || self.dropped.load(Ordering::Acquire) => Age::Missing,
            Some(l) if l.at.elapsed() >= self.refresh => Age::Old,
            Some(_) => Age::Fresh,
        }
    }

    async fn load<E, Fut: Future<Output = Result<Vec<T::Row>, E>>>(
        &self,
        key: u64,
        all: impl FnOnce() -> Fut,
    ) -> Result<(), E> {
        // Every write committed before this point is in the load; later ones touch keys again.
        self.dropped.store(false, Ordering::Release);
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).clear();
        let rows = match all().await {
            Ok(rows) => rows,
            Err(e) => {
                self.dropped.store(true, Ordering::Release);
                return Err(e);
            }
        };
        let mut table = T::default();
        table.apply(&[], rows);
        *self.data.write().unwrap_or_else(|e| e.into_inner()) = Some(Loaded { key, at: Instant::now(), table });
        Ok(())
    }

    /// Count on the table as of `key`: `all` reads every row (first read, a new key, after a drop
    /// or the refresh time), `some` the rows of the keys written since the last read.
    pub async fn read<R, E, FutA, FutS>(
        &self,
        key: u64,
        all: impl FnOnce() -> FutA,
        some: impl FnOnce(Vec<T::Key>) -> FutS,
        f: impl FnOnce(&T) -> R,
    ) -> Result<R, E>
    where
        FutA: Future<Output = Result<Vec<T::Row>, E>>,
        FutS: Future<Output = Result<Vec<T::Row>, E>>,
    {
        match self.age(key) {
            Age::Fresh => {}
            Age::Missing => {
                let _g = self.busy.lock().await;
                if matches!(self.age(key), Age::Missing) {
                    self.load(key, all).await?;
                }
            }
            // One reader reloads; the others count on the old table meanwhile.
            Age::Old => {
                if let Ok(_g) = self.busy.try_lock() {
                    self.load(key, all).await?;
                }
            }
        }
        if !self.pending.lock().unwrap_or_else(|e| e.into_inner()).is_empty() {
            let _g = self.busy.lock().await;
            let keys: Vec<T::Key> = self.pending.lock().unwrap_or_else(|e| e.into_inner()).drain().collect();
            if !keys.is_empty() {
                match some(keys.clone()).await {
                    Ok(rows) => {
                        if let Some(l) = self.data.write().unwrap_or_else(|e| e.into_inner()).as_mut() {
                            l.table.apply(&keys, rows);
                        }
                    }
                    Err(e) => {
                        self.touch(keys);
                        return Err(e);
                    }
                }
            }
        }
        let data = self.data.read().unwrap_or_else(|e| e.into_inner());
        let table = data.as_ref().map(|l| &l.table);
        Ok(match table {
            Some(t) => f(t),
            // Only when the first load failed for another reader and this one found nothing.
            None => f(&T::default()),
        })
    }
}

/// Short texts many entries share (division codes, categories), held once and named by a number.
#[derive(Default)]
pub struct Interner {
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let name: Arc<str> = s.into();
        let i = self.names.len() as u32;
        self.names.push(name.clone());
        self.ids.insert(name, i);
        i
    }

    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// Every text, by its number.
    pub fn names(&self) -> &[Arc<str>] {
        &self.names
    }
}

/// Every tally of this process, one per table type.
pub struct Tallies {
    map: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    refresh: Duration,
}

impl Default for Tallies {
    fn default() -> Self {
        Tallies::new(REFRESH)
    }
}

impl Tallies {
    pub fn new(refresh: Duration) -> Self {
        Tallies { map: Default::default(), refresh }
    }

    pub fn of<T: Table>(&self) -> Arc<Tally<T>> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let refresh = self.refresh;
        let any = map.entry(TypeId::of::<Tally<T>>()).or_insert_with(|| Arc::new(Tally::<T>::new(refresh))).clone();
        any.downcast::<Tally<T>>().expect("one tally per type")
    }

    /// Other derived state a module keeps in memory for this process, one per type (e.g. what
    /// each construction site measured against the pipeline layer).
    pub fn memo<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let any = map.entry(TypeId::of::<T>()).or_insert_with(|| Arc::new(T::default())).clone();
        any.downcast::<T>().expect("one per type")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// key → value
    #[derive(Default)]
    struct Sums(HashMap<u32, i64>);

    impl Table for Sums {
        type Key = u32;
        type Row = (u32, i64);
        fn apply(&mut self, keys: &[u32], rows: Vec<(u32, i64)>) {
            keys.iter().for_each(|k| {
                self.0.remove(k);
            });
            self.0.extend(rows);
        }
    }

    #[tokio::test]
    async fn loads_once_then_re_reads_only_the_touched_keys() {
        let db = Mutex::new(HashMap::from([(1u32, 10i64), (2, 20)]));
        let (alls, somes) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let t = Tally::<Sums>::default();
        let (db, alls, somes) = (&db, &alls, &somes);
        let read = || {
            t.read(
                1,
                || async move {
                    alls.fetch_add(1, Ordering::SeqCst);
                    Ok::<_, ()>(db.lock().unwrap().iter().map(|(k, v)| (*k, *v)).collect())
                },
                move |keys: Vec<u32>| async move {
                    somes.fetch_add(1, Ordering::SeqCst);
                    let db = db.lock().unwrap();
                    Ok(keys.iter().filter_map(|k| db.get(k).map(|v| (*k, *v))).collect())
                },
                |s| s.0.values().sum::<i64>(),
            )
        };
        assert_eq!(read().await, Ok(30));
        assert_eq!(read().await, Ok(30));
        // A write that has not been told is not seen; once touched, it is, by re-reading its key.
        db.lock().unwrap().insert(2, 25);
        db.lock().unwrap().remove(&1);
        db.lock().unwrap().insert(3, 1);
        assert_eq!(read().await, Ok(30));
        t.touch([1, 2, 3]);
        assert_eq!(read().await, Ok(26));
        assert_eq!((alls.load(Ordering::SeqCst), somes.load(Ordering::SeqCst)), (1, 1));
        t.forget();
        assert_eq!(read().await, Ok(26));
        assert_eq!(alls.load(Ordering::SeqCst), 2);
        // Another key (a write elsewhere moved a generation on) loads it whole too.
        db.lock().unwrap().insert(4, 4);
        assert_eq!(
            t.read(2, || async { Ok::<_, ()>(vec![(4, 4)]) }, |_| async { Ok(vec![]) }, |s| s.0.len()).await,
            Ok(1)
        );
    }

    #[tokio::test]
    async fn a_failed_re_read_keeps_its_keys() {
        let t = Tally::<Sums>::default();
        let ok_all = || async { Ok::<_, &str>(vec![(1, 1)]) };
        assert_eq!(t.read(0, ok_all, |_| async { Ok(vec![]) }, |s| s.0.len()).await, Ok(1));
        t.touch([1]);
        assert_eq!(t.read(0, ok_all, |_| async { Err("down") }, |s| s.0.len()).await, Err("down"));
        assert_eq!(t.read(0, ok_all, |_| async { Ok(vec![(1, 5)]) }, |s| s.0[&1]).await, Ok(5));
    }
}
