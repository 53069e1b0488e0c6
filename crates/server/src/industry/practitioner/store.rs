//! Queries of the practitioner ledger, all within the caller's scope.

use super::model::{practitioner, PractitionerFilter, StatsQuery};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use ranjian_domain::codes::prefix_range;
use ranjian_domain::person::EXPIRING_DAYS;
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use practitioner::Column as C;

fn scoped(scope: &Scope) -> Select<practitioner::Entity> {
    practitioner::Entity::find().filter(scope.condition(C::RegionCode, Some(C::EnterpriseId)))
}

/// The certificate-status condition for a day.
pub fn certificate_condition(status: &str, today: NaiveDate) -> Option<Condition> {
    let soon = today + chrono::Days::new(EXPIRING_DAYS as u64);
    let has = C::CertificateNo.is_not_null();
    Some(match status {
        "none" => Condition::all().add(C::CertificateNo.is_null()),
        "expired" => Condition::all().add(has).add(C::CertificateExpiresOn.lt(today)),
        "expiring" => {
            Condition::all().add(has).add(C::CertificateExpiresOn.gte(today)).add(C::CertificateExpiresOn.lte(soon))
        }
        "valid" => Condition::all()
            .add(has)
            .add(Condition::any().add(C::CertificateExpiresOn.is_null()).add(C::CertificateExpiresOn.gt(soon))),
        _ => return None,
    })
}

fn filtered(
    scope: &Scope,
    f: &PractitionerFilter,
    id_hash: Option<String>,
    today: NaiveDate,
) -> Select<practitioner::Entity> {
    let mut q = scoped(scope);
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let mut any = Condition::any().add(C::Name.contains(text)).add(C::CertificateNo.contains(text));
        if let Some(h) = id_hash {
            any = any.add(C::IdNumberHash.eq(h));
        }
        q = q.filter(any);
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(C::EnterpriseId.eq(e));
    }
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi));
    }
    if let Some(p) = f.post.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Post.eq(p));
    }
    if let Some(cond) = f.certificate.as_deref().and_then(|c| certificate_condition(c, today)) {
        q = q.filter(cond);
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(C::Status.eq(s));
    }
    q
}

fn sorted(q: Select<practitioner::Entity>, page: &PageParams) -> Select<practitioner::Entity> {
    let (col, desc) = match page.sort_spec() {
        Some(("name", d)) => (C::Name, d),
        Some(("certificate_expires_on", d)) => (C::CertificateExpiresOn, d),
        Some(("enterprise_id", d)) => (C::EnterpriseId, d),
        Some(("updated_at", d)) => (C::UpdatedAt, d),
        _ => (C::RegionCode, false),
    };
    let q = if desc { q.order_by_desc(col) } else { q.order_by_asc(col) };
    q.order_by_asc(C::Id)
}

pub async fn list<C2: ConnectionTrait + Sync>(
    conn: &C2,
    scope: &Scope,
    f: &PractitionerFilter,
    id_hash: Option<String>,
    page: &PageParams,
    today: NaiveDate,
) -> Result<(Vec<practitioner::Model>, u64), DbErr> {
    let rows = sorted(filtered(scope, f, id_hash.clone(), today), page)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, id_hash, today)))?;
    Ok((items, total))
}

pub async fn list_all<C2: ConnectionTrait>(
    conn: &C2,
    scope: &Scope,
    f: &PractitionerFilter,
    id_hash: Option<String>,
    page: &PageParams,
    today: NaiveDate,
    max: u64,
) -> Result<Vec<practitioner::Model>, DbErr> {
    sorted(filtered(scope, f, id_hash, today), page).limit(max).all(conn).await
}

pub async fn get<C2: ConnectionTrait>(conn: &C2, scope: &Scope, id: i64) -> Result<Option<practitioner::Model>, DbErr> {
    scoped(scope).filter(C::Id.eq(id)).one(conn).await
}

/// Existing practitioners by blind index of their ID number (for upserts; any scope).
pub async fn find_by_hashes<C2: ConnectionTrait>(
    conn: &C2,
    hashes: &[String],
) -> Result<Vec<practitioner::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in hashes.chunks(500) {
        out.extend(practitioner::Entity::find().filter(C::IdNumberHash.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// Counts per group (enterprise id or region code, as text) of practitioners in post.
pub async fn certification<C2: ConnectionTrait>(
    conn: &C2,
    scope: &Scope,
    q: &StatsQuery,
    today: NaiveDate,
) -> Result<Vec<(String, i64, i64, i64, i64, i64, i64)>, DbErr> {
    let soon = today + chrono::Days::new(EXPIRING_DAYS as u64);
    // The dates are formatted by the server, not taken from the request.
    let (t, s) = (today.format("%Y-%m-%d"), soon.format("%Y-%m-%d"));
    let needs = "post <> 'other'";
    let in_force =
        format!("certificate_no IS NOT NULL AND (certificate_expires_on IS NULL OR certificate_expires_on >= '{t}')");
    let sum = |cond: String| Expr::cust(format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"));
    let key = match q.group.as_deref() {
        Some("region") => Expr::col(C::RegionCode).cast_as(Alias::new("text")),
        _ => Expr::col(C::EnterpriseId).cast_as(Alias::new("text")),
    };
    let mut sel = scoped(scope).filter(C::Status.eq("active"));
    if let Some(r) = q.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        sel = sel.filter(C::RegionCode.gte(lo)).filter(C::RegionCode.lt(hi));
    }
    if let Some(e) = q.enterprise_id {
        sel = sel.filter(C::EnterpriseId.eq(e));
    }
    sel.select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "total")
        .column_as(sum(needs.to_string()), "required")
        .column_as(sum(format!("{needs} AND {in_force}")), "certified")
        .column_as(
            sum(format!(
                "certificate_no IS NOT NULL AND certificate_expires_on >= '{t}' AND certificate_expires_on <= '{s}'"
            )),
            "expiring",
        )
        .column_as(sum(format!("certificate_no IS NOT NULL AND certificate_expires_on < '{t}'")), "expired")
        .column_as(sum(format!("{needs} AND certificate_no IS NULL")), "none")
        .group_by(key)
        .into_tuple::<(String, i64, i64, i64, i64, i64, i64)>()
        .all(conn)
        .await
}
