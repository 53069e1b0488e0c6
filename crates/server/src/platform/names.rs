//! Names of records by id (enterprises, communities), held in memory for the lists that show them
//! beside each row. A book is reloaded when its record type's generation moves on (a write on this
//! node) or after `REFRESH` (a rename on another node).

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
}

impl Names {
    /// The names of every record of `kind` as of `generation`; `load` reads (id, name) pairs.
    pub async fn of<F, Fut>(&self, kind: &'static str, generation: u64, load: F) -> Result<Book, DbErr>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<(i64, String)>, DbErr>>,
    {
        if let Some((g, at, book)) = self.books.read().ok().and_then(|b| b.get(kind).cloned()) {
            if g == generation && at.elapsed() < REFRESH {
                return Ok(book);
            }
        }
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
