//! Names of records by id (enterprises, communities), held in memory for the lists that show them
//! beside each row. A book is reloaded when its record type's generation moves on (a write on this
//! node), by one reader while the others wait for it; after `REFRESH` (a rename on another node)
//! one reader reloads it while the others keep using the old book.

use sea_orm::DbErr;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const REFRESH: Duration = Duration::from_secs(10);

pub type Book = Arc<HashMap<i64, Arc<str>>>;

#[derive(Default)]
pub struct Names {
    books: RwLock<HashMap<&'static str, (u64, Instant, Book)>>,
    loading: tokio::sync::Mutex<()>,
}

impl Names {
    /// The names of every record of `kind` as of `generation`; `load` reads (id, name) pairs.
    pub async fn of<F, Fut>(&self, kind: &'static str, generation: u64, load: F) -> Result<Book, DbErr>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<(i64, String)>, DbErr>>,
    {
        let current = || self.books.read().ok().and_then(|b| b.get(kind).cloned());
        let _guard = match current() {
            Some((g, at, book)) if g == generation && at.elapsed() < REFRESH => return Ok(book),
            Some((g, _, book)) if g == generation => match self.loading.try_lock() {
                Ok(guard) => guard,
                Err(_) => return Ok(book),
            },
            _ => {
                let guard = self.loading.lock().await;
                if let Some((g, at, book)) = current() {
                    if g == generation && at.elapsed() < REFRESH {
                        return Ok(book);
                    }
                }
                guard
            }
        };
        let book: Book = Arc::new(load().await?.into_iter().map(|(id, n)| (id, Arc::from(n))).collect());
        if let Ok(mut books) = self.books.write() {
            books.insert(kind, (generation, Instant::now(), book.clone()));
        }
        Ok(book)
    }
}

/// The name of `id` in a book, or "" when it is not there.
pub fn name(book: &Book, id: i64) -> String {
    book.get(&id).map(|n| n.to_string()).unwrap_or_default()
}
