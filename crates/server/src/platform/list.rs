//! List conventions: `page`, `page_size`, `sort`, `format=xlsx`, answering `{items, total}`.

use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect, Select};
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

/// `SELECT COUNT(*)` over a filtered query, without the sub-select SeaORM's paginator wraps it in
/// (so an index on the filter columns answers it alone).
pub async fn count<E: EntityTrait, C: ConnectionTrait>(conn: &C, q: Select<E>) -> Result<u64, DbErr> {
    let n: Option<i64> = q.select_only().column_as(Expr::cust("COUNT(*)"), "n").into_tuple().one(conn).await?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

/// A cache key for a list answer: the scope and the query parameters in a canonical order
/// (empty ones and `format` left out).
pub fn cache_key(scope: &super::scope::Scope, raw_query: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = raw_query
        .map(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, v)| !v.is_empty() && k != "format")
        .collect();
    pairs.sort();
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}|{}|{query}", scope.region_prefix().unwrap_or("*"), scope.enterprise_id().unwrap_or(0))
}

/// Today in China (Asia/Shanghai, UTC+8): the day certificates and deadlines are judged by.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// Every row of a filtered query up to `max` (for exports), in id order.
pub async fn all<E: EntityTrait, C: ConnectionTrait>(
    conn: &C,
    q: Select<E>,
    id: impl sea_orm::ColumnTrait,
    max: u64,
) -> Result<Vec<E::Model>, DbErr> {
    use sea_orm::QueryOrder;
    q.order_by_asc(id).limit(max).all(conn).await
}

/// Rows of a division and below (6, 9 or 12 digits), when one is asked for.
pub fn region_range<E: EntityTrait, C: sea_orm::ColumnTrait>(q: Select<E>, col: C, region: Option<&str>) -> Select<E> {
    use sea_orm::QueryFilter;
    match region.map(str::trim).filter(|s| !s.is_empty()) {
        Some(r) => {
            let (lo, hi) = ranjian_domain::codes::prefix_range(r);
            q.filter(col.gte(lo)).filter(col.lt(hi))
        }
        None => q,
    }
}

/// Stored records by (enterprise, code): one indexed query per enterprise and 500 codes.
pub async fn by_enterprise_codes<E, C>(
    conn: &C,
    keys: &[(i64, String)],
    (enterprise, code): (E::Column, E::Column),
    key: impl Fn(&E::Model) -> (i64, String),
) -> Result<std::collections::HashMap<(i64, String), E::Model>, DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut by_ent: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (e, c) in keys {
        by_ent.entry(*e).or_default().push(c.clone());
    }
    let mut out = std::collections::HashMap::new();
    for (e, codes) in by_ent {
        for chunk in codes.chunks(500) {
            let rows = E::find().filter(enterprise.eq(e)).filter(code.is_in(chunk.to_vec())).all(conn).await?;
            out.extend(rows.into_iter().map(|m| (key(&m), m)));
        }
    }
    Ok(out)
}
