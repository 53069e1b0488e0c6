//! In-memory R-trees of the bounding boxes of located records (pipeline segments now; third-party
//! construction sites next), one per record type. A tree is rebuilt from the database when that
//! type's generation moves on (a write on this node) or after `REFRESH` (writes on another node), so
//! a tile or a proximity search asks the tree which ids are near and the database only for those.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a tree is trusted without a local write (bounds staleness across nodes).
const REFRESH: Duration = Duration::from_secs(60);

/// A record's box [min lng, min lat, max lng, max lat], its id, and a flag the caller may filter on.
pub type Entry = GeomWithData<Rectangle<[f64; 2]>, (i64, bool)>;

pub fn entry(id: i64, b: [f64; 4], flag: bool) -> Entry {
    GeomWithData::new(Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]), (id, flag))
}

struct Built {
    generation: u64,
    at: Instant,
    tree: RTree<Entry>,
}

#[derive(Default)]
pub struct SpatialIndex {
    trees: RwLock<HashMap<&'static str, Arc<Built>>>,
}

impl SpatialIndex {
    /// Ids (with their flag) of the records of `kind` whose box meets `b`, in id order; `load`
    /// reads every box from the database when the tree is missing or out of date.
    pub async fn query<F, Fut, E>(
        &self,
        kind: &'static str,
        generation: u64,
        b: [f64; 4],
        load: F,
    ) -> Result<Vec<(i64, bool)>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<Entry>, E>>,
    {
        let current = self.trees.read().ok().and_then(|t| t.get(kind).cloned());
        let built = match current {
            Some(t) if t.generation == generation && t.at.elapsed() < REFRESH => t,
            _ => {
                let t = Arc::new(Built { generation, at: Instant::now(), tree: RTree::bulk_load(load().await?) });
                if let Ok(mut trees) = self.trees.write() {
                    trees.insert(kind, t.clone());
                }
                t
            }
        };
        let env = AABB::from_corners([b[0], b[1]], [b[2], b[3]]);
        let mut ids: Vec<(i64, bool)> = built.tree.locate_in_envelope_intersecting(&env).map(|e| e.data).collect();
        ids.sort_unstable();
        Ok(ids)
    }
}
