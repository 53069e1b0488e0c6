//! Queries of supervision tasks and items.

use super::model::{item, photo, task};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

use item::Column as I;

/// Per task: (state, with failed points, discrepant) → count.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub total: u64,
    pub pending: u64,
    pub assigned: u64,
    pub done: u64,
    pub with_hazards: u64,
    pub discrepancies: u64,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.total += o.total;
        self.pending += o.pending;
        self.assigned += o.assigned;
        self.done += o.done;
        self.with_hazards += o.with_hazards;
        self.discrepancies += o.discrepancies;
    }
}

/// Item counts of the given (county) tasks.
pub async fn counts<C: ConnectionTrait>(conn: &C, task_ids: &[i64]) -> Result<HashMap<i64, Counts>, DbErr> {
    let mut out: HashMap<i64, Counts> = HashMap::new();
    for chunk in task_ids.chunks(500) {
        let rows: Vec<(i64, String, i64, i64, i64)> = item::Entity::find()
            .filter(I::TaskId.is_in(chunk.to_vec()))
            .select_only()
            .column(I::TaskId)
            .column(I::State)
            .column_as(Expr::cust("COUNT(*)"), "n")
            .column_as(Expr::cust("SUM(CASE WHEN failed > 0 THEN 1 ELSE 0 END)"), "h")
            .column_as(Expr::cust("SUM(CASE WHEN discrepancy THEN 1 ELSE 0 END)"), "d")
            .group_by(I::TaskId)
            .group_by(I::State)
            .into_tuple()
            .all(conn)
            .await?;
        for (t, state, n, h, d) in rows {
            let c = out.entry(t).or_default();
            let n = n.max(0) as u64;
            c.total += n;
            match state.as_str() {
                "pending" => c.pending += n,
                "assigned" => c.assigned += n,
                _ => c.done += n,
            }
            c.with_hazards += h.max(0) as u64;
            c.discrepancies += d.max(0) as u64;
        }
    }
    Ok(out)
}

pub async fn subtasks<C: ConnectionTrait>(conn: &C, parent_ids: &[i64]) -> Result<Vec<task::Model>, DbErr> {
    let mut out = Vec::new();
    for chunk in parent_ids.chunks(500) {
        out.extend(
            task::Entity::find()
                .filter(task::Column::ParentId.is_in(chunk.to_vec()))
                .order_by_asc(task::Column::RegionCode)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

pub async fn items_of<C: ConnectionTrait>(conn: &C, task_ids: &[i64]) -> Result<Vec<item::Model>, DbErr> {
    item::Entity::find().filter(I::TaskId.is_in(task_ids.to_vec())).order_by_asc(I::Id).all(conn).await
}

pub async fn photos_of<C: ConnectionTrait>(conn: &C, item_ids: &[i64]) -> Result<Vec<photo::Model>, DbErr> {
    photo::Entity::find()
        .filter(photo::Column::ItemId.is_in(item_ids.to_vec()))
        .order_by_asc(photo::Column::Id)
        .all(conn)
        .await
}
