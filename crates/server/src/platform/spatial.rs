//! In-memory layers of located records: what the map (and proximity searches) need of each record,
//! with its bounding box in an R-tree, one layer per name. A tile reads only memory.
//!
//! A layer is keyed by the generations of the record types it shows. When the key moves on (a write
//! on this node) the next reader rebuilds it from the database and the others wait for that one
//! build, so a write is on the map at once. A layer older than `memory_refresh_s` (writes on another node) is
//! rebuilt by one reader while the rest keep serving the old one.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a layer is trusted without a local write unless configured (`memory_refresh_s`).
const REFRESH: Duration = Duration::from_secs(300);

/// [min lng, min lat, max lng, max lat]
pub type Bounds = [f64; 4];

/// Records and the R-tree of their boxes.
pub struct Layer<T> {
    items: Vec<T>,
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, u32>>,
}

impl<T> Layer<T> {
    pub fn new(rows: Vec<(Bounds, T)>) -> Self {
        let mut items = Vec::with_capacity(rows.len());
        let mut boxes = Vec::with_capacity(rows.len());
        for (i, (b, t)) in rows.into_iter().enumerate() {
            boxes.push(GeomWithData::new(Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]), i as u32));
            items.push(t);
        }
        Layer { items, tree: RTree::bulk_load(boxes) }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Every record, in load order.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn indices(&self, b: Bounds) -> Vec<u32> {
        let env = AABB::from_corners([b[0], b[1]], [b[2], b[3]]);
        let mut idx: Vec<u32> = self.tree.locate_in_envelope_intersecting(&env).map(|e| e.data).collect();
        idx.sort_unstable();
        idx
    }

    /// The positions (in `items()`) of the records whose box meets `b`, in load order.
    pub fn positions_within(&self, b: Bounds) -> Vec<u32> {
        self.indices(b)
    }

    /// The records whose box meets `b`, in the order they were loaded.
    pub fn within(&self, b: Bounds) -> Vec<&T> {
        self.indices(b).into_iter().map(|i| &self.items[i as usize]).collect()
    }

    /// The first `limit` records (in load order) whose box meets `b` and that `keep` accepts.
    pub fn pick(self: &Arc<Self>, b: Bounds, keep: impl Fn(&T) -> bool, limit: usize) -> Picked<T> {
        let idx = self.indices(b).into_iter().filter(|&i| keep(&self.items[i as usize])).take(limit).collect();
        Picked { layer: self.clone(), idx }
    }
}

/// Records chosen from a layer (which they keep alive).
pub struct Picked<T> {
    layer: Arc<Layer<T>>,
    idx: Vec<u32>,
}

impl<T> Picked<T> {
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.idx.iter().map(|&i| &self.layer.items[i as usize])
    }

    pub fn len(&self) -> usize {
        self.idx.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

struct Built {
    key: u64,
    at: Instant,
    layer: Arc<dyn Any + Send + Sync>,
}

pub struct SpatialIndex {
    built: RwLock<HashMap<&'static str, Built>>,
    building: tokio::sync::Mutex<()>,
    /// How long a layer is trusted without a write on this node (bounds how late another node's
    /// writes reach the map).
    refresh: Duration,
}

impl Default for SpatialIndex {
    fn default() -> Self {
        SpatialIndex::new(REFRESH)
    }
}

/// A layer key from the generations of the record types it shows.
pub fn key(generations: &[u64]) -> u64 {
    let mut h = DefaultHasher::new();
    generations.hash(&mut h);
    h.finish()
}

impl SpatialIndex {
    pub fn new(refresh: Duration) -> Self {
        SpatialIndex { built: Default::default(), building: Default::default(), refresh }
    }

    /// The layer `name` as of `key`; `load` reads its records from the database when it is missing,
    /// out of date, or old.
    pub async fn layer<T, F, Fut, E>(&self, name: &'static str, key: u64, load: F) -> Result<Arc<Layer<T>>, E>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<(Bounds, T)>, E>>,
    {
        let _guard = match self.current::<T>(name) {
            Some((k, at, layer)) if k == key && at.elapsed() < self.refresh => return Ok(layer),
            // Old but current on this node: one reader refreshes it, the others keep serving it.
            Some((k, _, layer)) if k == key => match self.building.try_lock() {
                Ok(g) => g,
                Err(_) => return Ok(layer),
            },
            _ => {
                let g = self.building.lock().await;
                // Someone else may have built it while this one waited.
                if let Some((k, at, layer)) = self.current::<T>(name) {
                    if k == key && at.elapsed() < self.refresh {
                        return Ok(layer);
                    }
                }
                g
            }
        };
        let layer = Arc::new(Layer::new(load().await?));
        if let Ok(mut built) = self.built.write() {
            built.insert(name, Built { key, at: Instant::now(), layer: layer.clone() });
        }
        Ok(layer)
    }

    fn current<T: Send + Sync + 'static>(&self, name: &'static str) -> Option<(u64, Instant, Arc<Layer<T>>)> {
        let built = self.built.read().ok()?;
        let b = built.get(name)?;
        Some((b.key, b.at, b.layer.clone().downcast::<Layer<T>>().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_finds_the_boxes_that_meet_in_load_order() {
        let l = Layer::new(vec![([0.0, 0.0, 1.0, 1.0], "a"), ([5.0, 5.0, 6.0, 6.0], "b"), ([0.5, 0.5, 5.5, 5.5], "c")]);
        assert_eq!(l.within([0.9, 0.9, 2.0, 2.0]), vec![&"a", &"c"]);
        assert_eq!(l.within([5.9, 5.9, 7.0, 7.0]), vec![&"b"]);
        assert!(l.within([8.0, 8.0, 9.0, 9.0]).is_empty());
    }

    #[tokio::test]
    async fn rebuilt_only_when_the_key_moves_on() {
        let idx = SpatialIndex::default();
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, ()>(vec![([0.0, 0.0, 1.0, 1.0], 7i64)])
        };
        assert_eq!(idx.layer("t", 1, load).await.unwrap().len(), 1);
        idx.layer("t", 1, load).await.unwrap();
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
        idx.layer("t", 2, load).await.unwrap();
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
