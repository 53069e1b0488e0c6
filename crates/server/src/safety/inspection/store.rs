//! Queries of home safety inspections and of the users' inspection state, all within the caller's
//! scope.

use super::model::{home_inspection, CompletionQuery, DueFilter, HomeInspectionFilter};
use crate::industry::community::model::gas_user;
use crate::platform::list::{count, region_range, PageParams};
use crate::platform::scope::Scope;
use crate::platform::tally::{FastMap, Interner, Table};
use chrono::NaiveDate;
use ranjian_domain::safety::InspectionOutcome;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::{HashMap, HashSet};

use gas_user::Column as U;
use home_inspection::Column as H;

pub fn filtered(scope: &Scope, f: &HomeInspectionFilter) -> Select<home_inspection::Entity> {
    let mut q = region_range(
        home_inspection::Entity::find().filter(scope.condition(H::RegionCode, Some(H::EnterpriseId))),
        H::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(
            Condition::any().add(H::RecordNo.eq(t)).add(
                H::GasUserId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(U::Id)
                        .from(gas_user::Entity)
                        .and_where(U::AccountNo.eq(t))
                        .to_owned(),
                ),
            ),
        );
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(H::EnterpriseId.eq(e));
    }
    if let Some(c) = f.community_id {
        q = q.filter(H::CommunityId.eq(c));
    }
    if let Some(u) = f.gas_user_id {
        q = q.filter(H::GasUserId.eq(u));
    }
    if let Some(o) = f.outcome.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(H::Outcome.eq(o));
    }
    if let Some(d) = f.from {
        q = q.filter(H::InspectedOn.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(H::InspectedOn.lte(d));
    }
    q
}

pub async fn list<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &HomeInspectionFilter,
    page: &PageParams,
) -> Result<(Vec<home_inspection::Model>, u64), DbErr> {
    let rows = filtered(scope, f)
        .order_by_desc(H::InspectedOn)
        .order_by_desc(H::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    id: i64,
) -> Result<Option<home_inspection::Model>, DbErr> {
    home_inspection::Entity::find()
        .filter(scope.condition(H::RegionCode, Some(H::EnterpriseId)))
        .filter(H::Id.eq(id))
        .one(conn)
        .await
}

/// Gas users by (enterprise, account number), one indexed query per enterprise.
pub async fn users_by_accounts<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), gas_user::Model>, DbErr> {
    let mut by_ent: HashMap<i64, Vec<String>> = HashMap::new();
    for (e, a) in keys {
        by_ent.entry(*e).or_default().push(a.clone());
    }
    let mut out = HashMap::new();
    for (e, accounts) in by_ent {
        for chunk in accounts.chunks(500) {
            let rows = gas_user::Entity::find()
                .filter(U::EnterpriseId.eq(e))
                .filter(U::AccountNo.is_in(chunk.to_vec()))
                .all(conn)
                .await?;
            out.extend(rows.into_iter().map(|u| ((u.enterprise_id, u.account_no.clone()), u)));
        }
    }
    Ok(out)
}

/// Stored inspections by (enterprise, record number), one indexed query per enterprise.
pub async fn by_records<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), home_inspection::Model>, DbErr> {
    let mut by_ent: HashMap<i64, Vec<String>> = HashMap::new();
    for (e, r) in keys {
        by_ent.entry(*e).or_default().push(r.clone());
    }
    let mut out = HashMap::new();
    for (e, records) in by_ent {
        for chunk in records.chunks(500) {
            let rows = home_inspection::Entity::find()
                .filter(H::EnterpriseId.eq(e))
                .filter(H::RecordNo.is_in(chunk.to_vec()))
                .all(conn)
                .await?;
            out.extend(rows.into_iter().map(|r| ((r.enterprise_id, r.record_no.clone()), r)));
        }
    }
    Ok(out)
}

/// A user's last completed inspection, from its inspections (for `UPDATE gas_user SET …`).
pub fn last_inspected_expr() -> Expr {
    let [a, b] = InspectionOutcome::completing();
    Expr::cust(format!(
        "(SELECT MAX(h.inspected_on) FROM home_inspection h WHERE h.gas_user_id = gas_user.id \
         AND h.outcome IN ('{a}', '{b}'))"
    ))
}

/// Set each user's last completed inspection from its inspections.
pub async fn refresh_last_inspected<C: ConnectionTrait>(conn: &C, user_ids: &[i64]) -> Result<(), DbErr> {
    for chunk in user_ids.chunks(1000) {
        gas_user::Entity::update_many()
            .col_expr(U::LastInspectedOn, last_inspected_expr())
            .filter(U::Id.is_in(chunk.to_vec()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Active users in scope, narrowed by the query's division and enterprise.
fn active_users(scope: &Scope, region: Option<&str>, enterprise: Option<i64>) -> Select<gas_user::Entity> {
    let mut q = region_range(
        gas_user::Entity::find().filter(scope.condition(U::RegionCode, Some(U::EnterpriseId))),
        U::RegionCode,
        region,
    )
    .filter(U::Status.eq("active"));
    if let Some(e) = enterprise {
        q = q.filter(U::EnterpriseId.eq(e));
    }
    q
}

/// The date a user's last inspection must be on or after, by category (households have the longer
/// cycle). Built as expressions, so each backend gets its own placeholders.
fn cutoff_expr(household: NaiveDate, others: NaiveDate) -> Expr {
    Expr::case(Expr::col(U::Category).eq("household"), household).finally(others).into()
}

fn due_filtered(scope: &Scope, f: &DueFilter, cutoffs: (NaiveDate, NaiveDate)) -> Select<gas_user::Entity> {
    let mut q = active_users(scope, f.region_code.as_deref(), f.enterprise_id);
    if let Some(c) = f.community_id {
        q = q.filter(U::CommunityId.eq(c));
    }
    if let Some(c) = f.category.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(U::Category.eq(c));
    }
    let never = U::LastInspectedOn.is_null();
    let lapsed = Expr::col(U::LastInspectedOn).lt(cutoff_expr(cutoffs.0, cutoffs.1));
    match f.state.as_deref() {
        Some("never") => q.filter(never),
        Some("lapsed") => q.filter(lapsed),
        _ => q.filter(Condition::any().add(never).add(lapsed)),
    }
}

/// Every due user, for an export.
pub fn due_all(scope: &Scope, f: &DueFilter, cutoffs: (NaiveDate, NaiveDate)) -> Select<gas_user::Entity> {
    due_filtered(scope, f, cutoffs)
}

/// An active gas user as the completion rates count it (texts and ids by their dense numbers, so
/// a rate is counted into arrays rather than hash maps).
struct Counted {
    id: i64,
    last: Option<NaiveDate>,
    region: u32,
    /// `NONE` when the user has no township.
    township: u32,
    category: u32,
    community: u32,
    enterprise: u32,
    /// False once the user has gone (closed, deleted): its slot is left in place.
    live: bool,
}

const NONE: u32 = u32::MAX;

/// Record ids many entries share, numbered densely.
#[derive(Default)]
struct Ids {
    ids: Vec<i64>,
    at: FastMap<i64, u32>,
}

impl Ids {
    fn number(&mut self, id: i64) -> u32 {
        *self.at.entry(id).or_insert_with(|| {
            self.ids.push(id);
            (self.ids.len() - 1) as u32
        })
    }
}

/// Every active gas user with its last completed inspection, in memory: the completion rates and
/// the due list at city scale are a scan of this, not a GROUP BY over the user ledger. Inspections
/// re-read the users they touch; a write to the user or community ledgers reloads it whole. Users
/// are kept in the due list's order (division code, then id), so a page of it is one pass.
#[derive(Default)]
pub struct UserInspections {
    users: Vec<Counted>,
    slot: FastMap<i64, usize>,
    /// Division codes, townships and categories.
    texts: Interner,
    communities: Ids,
    enterprises: Ids,
}

/// (id, region, township, community, enterprise, category, last inspected)
pub type CountedRow = (i64, String, Option<String>, i64, i64, String, Option<NaiveDate>);

impl Table for UserInspections {
    type Key = i64;
    type Row = CountedRow;

    fn apply(&mut self, keys: &[i64], rows: Vec<CountedRow>) {
        let kept: HashSet<i64> = rows.iter().map(|r| r.0).collect();
        for k in keys.iter().filter(|k| !kept.contains(k)) {
            if let Some(i) = self.slot.remove(k) {
                self.users[i].live = false;
            }
        }
        self.users.reserve(rows.len());
        let before = self.users.len();
        for (id, region, township, community, enterprise, category, last) in rows {
            let c = Counted {
                id,
                last,
                region: self.texts.id(&region),
                township: township.as_deref().map_or(NONE, |t| self.texts.id(t)),
                category: self.texts.id(&category),
                community: self.communities.number(community),
                enterprise: self.enterprises.number(enterprise),
                live: true,
            };
            match self.slot.get(&id) {
                Some(&i) => self.users[i] = c,
                None => {
                    self.slot.insert(id, self.users.len());
                    self.users.push(c);
                }
            }
        }
        if self.users.len() > before {
            self.reorder();
        }
    }
}

impl UserInspections {
    /// Put the users in the due list's order again (after new users were added).
    fn reorder(&mut self) {
        let mut order: Vec<u32> = (0..self.texts.names().len() as u32).collect();
        order.sort_by(|a, b| self.texts.name(*a).cmp(self.texts.name(*b)));
        let mut rank = vec![0u32; order.len()];
        for (r, i) in order.into_iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        self.users.sort_unstable_by_key(|u| (rank[u.region as usize], u.id));
        self.slot = self.users.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    }
}

/// The active users as counted (all of them, or these ids).
pub async fn counted_users<C: ConnectionTrait>(conn: &C, ids: Option<Vec<i64>>) -> Result<Vec<CountedRow>, DbErr> {
    let q = || {
        gas_user::Entity::find()
            .filter(U::Status.eq("active"))
            .select_only()
            .columns([U::Id, U::RegionCode, U::Township, U::CommunityId, U::EnterpriseId, U::Category])
            .column(U::LastInspectedOn)
    };
    match ids {
        None => q().into_tuple().all(conn).await,
        Some(ids) => {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(1000) {
                out.extend(q().filter(U::Id.is_in(chunk.to_vec())).into_tuple::<CountedRow>().all(conn).await?);
            }
            Ok(out)
        }
    }
}

/// Whether a user lies in the scope and the query's division and enterprise, and its cycle.
struct Visible {
    region_ok: Vec<bool>,
    /// The only enterprise shown (by number); `Some(NONE)` shows none.
    enterprise: Option<u32>,
    /// The cycle's start per category text (households have the longer cycle).
    since: Vec<NaiveDate>,
}

impl Visible {
    fn new(
        t: &UserInspections,
        scope: &Scope,
        region: Option<&str>,
        enterprise: Option<i64>,
        cutoffs: (NaiveDate, NaiveDate),
    ) -> Self {
        let names = t.texts.names();
        let region = region.map(str::trim).filter(|r| !r.is_empty());
        let wanted = match (scope.enterprise_id(), enterprise) {
            (Some(a), Some(b)) if a != b => Some(None),
            (Some(a), _) | (None, Some(a)) => Some(Some(a)),
            (None, None) => None,
        };
        Visible {
            region_ok: names
                .iter()
                .map(|n| scope.allows_region(n) && region.is_none_or(|r| n.starts_with(r)))
                .collect(),
            enterprise: wanted.map(|e| e.and_then(|e| t.enterprises.at.get(&e).copied()).unwrap_or(NONE)),
            since: names.iter().map(|n| if &**n == "household" { cutoffs.0 } else { cutoffs.1 }).collect(),
        }
    }

    fn shows(&self, u: &Counted) -> bool {
        u.live && self.region_ok[u.region as usize] && self.enterprise.is_none_or(|e| e == u.enterprise)
    }

    fn inspected(&self, u: &Counted) -> bool {
        u.last.is_some_and(|d| d >= self.since[u.category as usize])
    }
}

impl UserInspections {
    /// (key, users, inspected within the cycle, never inspected) per group.
    pub fn completion(
        &self,
        scope: &Scope,
        q: &CompletionQuery,
        cutoffs: (NaiveDate, NaiveDate),
    ) -> Vec<(Option<String>, i64, i64, i64)> {
        let v = Visible::new(self, scope, q.region_code.as_deref(), q.enterprise_id, cutoffs);
        let group = q.group.as_deref().unwrap_or("region");
        // Counted by the group's number: a community or enterprise, or a text (the last slot: none).
        let slots = match group {
            "community" => self.communities.ids.len(),
            "enterprise" => self.enterprises.ids.len(),
            _ => self.texts.names().len(),
        };
        let mut groups = vec![[0i64; 3]; slots + 1];
        for u in self.users.iter().filter(|u| v.shows(u)) {
            let k = match group {
                "community" => u.community,
                "enterprise" => u.enterprise,
                "township" => u.township,
                "category" => u.category,
                _ => u.region,
            };
            let g = &mut groups[if k == NONE { slots } else { k as usize }];
            g[0] += 1;
            g[1] += i64::from(v.inspected(u));
            g[2] += i64::from(u.last.is_none());
        }
        groups
            .into_iter()
            .enumerate()
            .filter(|(_, g)| g[0] > 0)
            .map(|(k, [n, i, never])| {
                let key = match group {
                    _ if k == slots => None,
                    "community" => Some(self.communities.ids[k].to_string()),
                    "enterprise" => Some(self.enterprises.ids[k].to_string()),
                    _ => Some(self.texts.name(k as u32).to_string()),
                };
                (key, n, i, never)
            })
            .collect()
    }

    /// The due users of one page, in order of division then id, and how many there are.
    pub fn due(
        &self,
        scope: &Scope,
        f: &DueFilter,
        cutoffs: (NaiveDate, NaiveDate),
        page: &PageParams,
    ) -> (Vec<i64>, u64) {
        let v = Visible::new(self, scope, f.region_code.as_deref(), f.enterprise_id, cutoffs);
        let category = f.category.as_deref().filter(|s| !s.is_empty());
        let category_ok: Vec<bool> = self.texts.names().iter().map(|n| category.is_none_or(|c| **n == *c)).collect();
        let community = f.community_id.map(|c| self.communities.at.get(&c).copied().unwrap_or(NONE));
        let (from, to) = (page.offset(), page.offset() + page.page_size());
        let mut ids = Vec::new();
        let mut total = 0u64;
        // One pass in the list's order: count every due user, keep those of the page.
        for u in &self.users {
            let due = v.shows(u)
                && community.is_none_or(|c| c == u.community)
                && category_ok[u.category as usize]
                && match f.state.as_deref() {
                    Some("never") => u.last.is_none(),
                    Some("lapsed") => u.last.is_some() && !v.inspected(u),
                    _ => !v.inspected(u),
                };
            if due {
                if total >= from && total < to {
                    ids.push(u.id);
                }
                total += 1;
            }
        }
        (ids, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn row(id: i64, region: &str, category: &str, last: Option<&str>) -> CountedRow {
        (id, region.into(), None, 1, 7, category.into(), last.map(day))
    }

    #[test]
    fn due_pages_follow_the_division_then_the_id_and_patches_keep_the_order() {
        let mut t = UserInspections::default();
        t.apply(
            &[],
            vec![
                row(5, "361103", "household", None),
                row(1, "361102", "household", Some("2020-01-01")),
                row(9, "361102", "catering", Some("2026-06-01")),
                row(3, "361102", "household", None),
                row(4, "361103", "catering", Some("2025-01-01")),
            ],
        );
        let cutoffs = (day("2024-11-29"), day("2025-11-29"));
        let page = |n: u64| PageParams { page: Some(n), page_size: Some(2), ..Default::default() };
        let f = DueFilter::default();
        assert_eq!(t.due(&Scope::system(), &f, cutoffs, &page(1)), (vec![1, 3], 4));
        assert_eq!(t.due(&Scope::system(), &f, cutoffs, &page(2)), (vec![4, 5], 4));
        assert_eq!(t.due(&Scope::region("361103"), &f, cutoffs, &page(1)), (vec![4, 5], 2));
        // User 3 is inspected, user 9 closes its account, user 2 joins 信州区.
        t.apply(
            &[3, 9, 2],
            vec![row(3, "361102", "household", Some("2026-11-01")), row(2, "361102", "household", None)],
        );
        assert_eq!(t.due(&Scope::system(), &f, cutoffs, &page(1)), (vec![1, 2], 4));
        let q = CompletionQuery { group: Some("region".into()), ..Default::default() };
        let mut by_region = t.completion(&Scope::system(), &q, cutoffs);
        by_region.sort();
        assert_eq!(by_region, vec![(Some("361102".into()), 3, 1, 1), (Some("361103".into()), 2, 0, 1)]);
    }
}
