//! Queries of major hazard sources, all within the caller's scope.

use super::model::{assessment, maintenance, source, MajorHazardFilter};
use crate::platform::list::{by_enterprise_codes, count, region_range, PageParams};
use crate::platform::scope::Scope;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use std::collections::HashMap;

use source::Column as S;

/// The days before which the last assessment / maintenance is past its period.
#[derive(Debug, Clone, Copy)]
pub struct Cutoffs {
    pub assessment: NaiveDate,
    pub maintenance: NaiveDate,
}

fn assessment_overdue(c: &Cutoffs) -> Condition {
    Condition::any().add(S::LastAssessedOn.is_null()).add(S::LastAssessedOn.lt(c.assessment))
}

fn maintenance_overdue(c: &Cutoffs) -> Condition {
    Condition::any().add(S::LastMaintainedOn.is_null()).add(S::LastMaintainedOn.lt(c.maintenance))
}

pub fn filtered(scope: &Scope, f: &MajorHazardFilter, cut: &Cutoffs) -> Select<source::Entity> {
    let mut q = region_range(
        source::Entity::find().filter(scope.condition(S::RegionCode, Some(S::EnterpriseId))),
        S::RegionCode,
        f.region_code.as_deref(),
    );
    if let Some(t) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        q = q.filter(Condition::any().add(S::Code.eq(t)).add(S::Name.contains(t)));
    }
    if let Some(e) = f.enterprise_id {
        q = q.filter(S::EnterpriseId.eq(e));
    }
    if let Some(l) = f.level {
        q = q.filter(S::Level.eq(l));
    }
    match f.overdue.as_deref() {
        Some("assessment") => q = q.filter(assessment_overdue(cut)),
        Some("maintenance") => q = q.filter(maintenance_overdue(cut)),
        Some("any") => q = q.filter(Condition::any().add(assessment_overdue(cut)).add(maintenance_overdue(cut))),
        _ => {}
    }
    if f.missing_safeguard == Some(true) {
        q = q.filter(
            Condition::any().add(S::LeakDetection.eq(false)).add(S::EmergencyShutoff.eq(false)).add(S::Video.eq(false)),
        );
    }
    q
}

/// Most severe first, then by code.
pub fn ordered(q: Select<source::Entity>) -> Select<source::Entity> {
    q.order_by_asc(S::Level).order_by_asc(S::EnterpriseId).order_by_asc(S::Code)
}

pub async fn page<C: ConnectionTrait + Sync>(
    conn: &C,
    scope: &Scope,
    f: &MajorHazardFilter,
    page: &PageParams,
    cut: &Cutoffs,
) -> Result<(Vec<source::Model>, u64), DbErr> {
    let rows = ordered(filtered(scope, f, cut)).offset(page.offset()).limit(page.page_size()).all(conn);
    let (items, total) = tokio::try_join!(rows, count(conn, filtered(scope, f, cut)))?;
    Ok((items, total))
}

pub async fn get<C: ConnectionTrait>(conn: &C, scope: &Scope, id: i64) -> Result<Option<source::Model>, DbErr> {
    source::Entity::find()
        .filter(scope.condition(S::RegionCode, Some(S::EnterpriseId)))
        .filter(S::Id.eq(id))
        .one(conn)
        .await
}

/// Stored records by (enterprise, code).
pub async fn by_codes<C: ConnectionTrait>(
    conn: &C,
    keys: &[(i64, String)],
) -> Result<HashMap<(i64, String), source::Model>, DbErr> {
    by_enterprise_codes::<source::Entity, _>(conn, keys, (S::EnterpriseId, S::Code), |m| {
        (m.enterprise_id, m.code.clone())
    })
    .await
}

pub async fn assessments_of<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<assessment::Model>, DbErr> {
    assessment::Entity::find()
        .filter(assessment::Column::SourceId.is_in(ids.to_vec()))
        .order_by_desc(assessment::Column::AssessedOn)
        .all(conn)
        .await
}

pub async fn maintenance_of<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<maintenance::Model>, DbErr> {
    maintenance::Entity::find()
        .filter(maintenance::Column::SourceId.is_in(ids.to_vec()))
        .order_by_desc(maintenance::Column::MaintainedOn)
        .order_by_asc(maintenance::Column::Id)
        .all(conn)
        .await
}

/// Keep each source's latest assessment and maintenance day in step with its records.
pub async fn refresh_latest<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<(), DbErr> {
    let latest = |table: &str, col: &str| {
        Expr::cust(format!("(SELECT MAX(t.{col}) FROM {table} t WHERE t.source_id = major_hazard_source.id)"))
    };
    for chunk in ids.chunks(500) {
        source::Entity::update_many()
            .col_expr(S::LastAssessedOn, latest("major_hazard_assessment", "assessed_on"))
            .col_expr(S::LastMaintainedOn, latest("major_hazard_maintenance", "maintained_on"))
            .filter(S::Id.is_in(chunk.to_vec()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Every source in scope (for statistics): (region, enterprise, level, last assessed, last
/// maintained, safeguards complete).
pub type StatRow = (String, i64, i32, Option<NaiveDate>, Option<NaiveDate>, bool, bool, bool);

pub async fn stat_rows<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
    region: Option<&str>,
) -> Result<Vec<StatRow>, DbErr> {
    let q = region_range(
        source::Entity::find().filter(scope.condition(S::RegionCode, Some(S::EnterpriseId))),
        S::RegionCode,
        region,
    );
    q.select_only()
        .columns([
            S::RegionCode,
            S::EnterpriseId,
            S::Level,
            S::LastAssessedOn,
            S::LastMaintainedOn,
            S::LeakDetection,
            S::EmergencyShutoff,
            S::Video,
        ])
        .into_tuple()
        .all(conn)
        .await
}
