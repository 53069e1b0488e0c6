//! List conventions: `page`, `page_size`, `sort`, `format=xlsx`, answering `{items, total}`.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const MAX_PAGE_SIZE: u64 = 200;

#[derive(Debug, Clone, Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1.
    pub page: Option<u64>,
    /// Rows per page, 1–200 (default 20).
    pub page_size: Option<u64>,
    /// Field to sort by; prefix `-` for descending.
    pub sort: Option<String>,
    /// `xlsx` to export all matching rows as an Excel file.
    pub format: Option<String>,
}

impl PageParams {
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }
    pub fn page_size(&self) -> u64 {
        self.page_size.unwrap_or(20).clamp(1, MAX_PAGE_SIZE)
    }
    pub fn offset(&self) -> u64 {
        (self.page() - 1) * self.page_size()
    }
    pub fn wants_xlsx(&self) -> bool {
        self.format.as_deref() == Some("xlsx")
    }
    /// The sort field and whether it is descending.
    pub fn sort_spec(&self) -> Option<(&str, bool)> {
        let s = self.sort.as_deref()?.trim();
        if s.is_empty() {
            return None;
        }
        Some(match s.strip_prefix('-') {
            Some(f) => (f, true),
            None => (s, false),
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub total: u64,
}
