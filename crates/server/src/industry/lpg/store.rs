//! Queries of cylinders and fillings, all within the caller's scope.

use super::model::{anomaly, cylinder, filling, movement, AnomalyFilter, CylinderFilter, ViolationFilter};
use crate::platform::list::{count, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use ranjian_domain::codes::prefix_range;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use cylinder::Column as Y;
use filling::Column as F;

pub fn cylinders_filtered(scope: &Scope, f: &CylinderFilter, today: NaiveDate) -> Select<cylinder::Entity> {
    let mut q = cylinder::Entity::find().filter(scope.condition(Y::RegionCode, Some(Y::EnterpriseId)));
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(Y::RegionCode.gte(lo)).filter(Y::RegionCode.lt(hi));
    }
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(Y::Code.contains(t)).add(Y::QrCode.eq(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(Y::EnterpriseId.eq(e));
    }
    if let Some(s) = f.spec.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(Y::Spec.eq(s));
    }
    match f.status.as_deref() {
        Some("scrapped") => q.filter(Y::Status.eq("scrapped")),
        Some("due") => q.filter(Y::Status.eq("in_use")).filter(Y::NextInspectionOn.lt(today)),
        Some("in_use") => q.filter(Y::Status.eq("in_use")).filter(Y::NextInspectionOn.gte(today)),
        _ => q,
    }
}

pub async fn cylinders<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &CylinderFilter,
    page: &PageParams,
    today: NaiveDate,
) -> Result<(Vec<cylinder::Model>, u64), DbErr> {
    let rows = cylinders_filtered(scope, f, today)
        .order_by_asc(Y::RegionCode)
        .order_by_asc(Y::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, cylinders_filtered(scope, f, today)))?;
    Ok((items, total))
}

pub async fn cylinder_by_code<X: ConnectionTrait>(
    conn: &X,
    scope: &Scope,
    code: &str,
) -> Result<Option<cylinder::Model>, DbErr> {
    cylinder::Entity::find()
        .filter(scope.condition(Y::RegionCode, Some(Y::EnterpriseId)))
        .filter(Condition::any().add(Y::Code.eq(code)).add(Y::QrCode.eq(code)))
        .one(conn)
        .await
}

/// Cylinders by code in any scope (for registration and filling checks).
pub async fn cylinders_by_codes<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<cylinder::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(cylinder::Entity::find().filter(Y::Code.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

pub async fn fillings_of<X: ConnectionTrait>(conn: &X, code: &str) -> Result<Vec<filling::Model>, DbErr> {
    filling::Entity::find().filter(F::CylinderCode.eq(code)).order_by_desc(F::FilledAt).limit(500).all(conn).await
}

pub async fn existing_fillings<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<filling::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(filling::Entity::find().filter(F::CylinderCode.is_in(chunk.to_vec())).all(conn).await?);
    }
    Ok(out)
}

/// Refused fillings (violations) in scope, newest first.
pub async fn violations<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &ViolationFilter,
    page: &PageParams,
) -> Result<(Vec<filling::Model>, u64), DbErr> {
    let q = || {
        let mut q = filling::Entity::find()
            .filter(scope.condition(F::RegionCode, Some(F::EnterpriseId)))
            .filter(F::Refused.eq(true));
        if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let (lo, hi) = prefix_range(r);
            q = q.filter(F::RegionCode.gte(lo)).filter(F::RegionCode.lt(hi));
        }
        if let Some(e) = f.enterprise_id {
            q = q.filter(F::EnterpriseId.eq(e));
        }
        q
    };
    let rows = q().order_by_desc(F::Id).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, q()))?;
    Ok((items, total))
}

pub async fn movements_of<X: ConnectionTrait>(conn: &X, code: &str) -> Result<Vec<movement::Model>, DbErr> {
    movement::Entity::find()
        .filter(movement::Column::CylinderCode.eq(code))
        .order_by_desc(movement::Column::OccurredAt)
        .limit(1000)
        .all(conn)
        .await
}

/// Movements already stored for these cylinders (re-sent events change nothing).
pub async fn existing_movements<X: ConnectionTrait>(conn: &X, codes: &[String]) -> Result<Vec<movement::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        out.extend(
            movement::Entity::find().filter(movement::Column::CylinderCode.is_in(chunk.to_vec())).all(conn).await?,
        );
    }
    Ok(out)
}

/// How many cylinders are out with this user (delivered to or in use there).
pub async fn held_by<X: ConnectionTrait>(conn: &X, account: &str) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    cylinder::Entity::find()
        .filter(Y::HolderAccount.eq(account))
        .filter(Y::CirculationState.is_in(["delivered", "at_user"]))
        .count(conn)
        .await
}

fn anomalies_filtered(scope: &Scope, f: &AnomalyFilter) -> Select<anomaly::Entity> {
    use anomaly::Column as A;
    let mut q = anomaly::Entity::find().filter(scope.condition(A::RegionCode, Some(A::EnterpriseId)));
    if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(A::Kind.eq(k));
    }
    if let Some(r) = f.region_code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (lo, hi) = prefix_range(r);
        q = q.filter(A::RegionCode.gte(lo)).filter(A::RegionCode.lt(hi));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(A::EnterpriseId.eq(e));
    }
    q
}

/// Abnormal flows in scope, newest first.
pub async fn anomalies<X: ConnectionTrait + Sync>(
    conn: &X,
    scope: &Scope,
    f: &AnomalyFilter,
    page: &PageParams,
) -> Result<(Vec<anomaly::Model>, u64), DbErr> {
    let rows = anomalies_filtered(scope, f)
        .order_by_desc(anomaly::Column::Id)
        .offset(page.offset())
        .limit(page.page_size())
        .all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, anomalies_filtered(scope, f)))?;
    Ok((items, total))
}
