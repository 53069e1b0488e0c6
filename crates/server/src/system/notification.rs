//! Notifications to an organisation (消息提醒): a case handed to it, a deadline coming, overdue
//! supervision on it or on a lower level it oversees. Every account of the organisation sees them;
//! reading marks them read for the organisation.

use crate::platform::auth::Auth;
use crate::platform::error::{AppResult, Problem};
use crate::platform::extract::{Json, Query};
use crate::platform::list::PageParams;
use crate::startup::AppState;
use axum::extract::State;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub org_id: i64,
        /// case_transferred | case_returned | case_warning | case_overdue | case_overdue_below …
        pub kind: String,
        pub title: String,
        pub body: String,
        /// The page it is about, e.g. /complaints/cases?id=12.
        pub link: Option<String>,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
        /// Only for accounts of this role (e.g. the enterprise's administrator); none: everyone.
        pub role: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A notification to send.
pub struct Note {
    pub org_id: i64,
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
}

/// Send notifications, inside the caller's transaction (they exist only if its write does).
pub async fn send<C: ConnectionTrait>(conn: &C, notes: Vec<Note>) -> Result<(), sea_orm::DbErr> {
    send_for_role(conn, notes, None).await
}

/// Send notifications that only accounts of `role` see (none: every account of the organisation).
pub async fn send_for_role<C: ConnectionTrait>(
    conn: &C,
    notes: Vec<Note>,
    role: Option<&str>,
) -> Result<(), sea_orm::DbErr> {
    if notes.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    for chunk in notes.chunks(500) {
        let rows: Vec<entity::ActiveModel> = chunk
            .iter()
            .map(|n| entity::ActiveModel {
                org_id: Set(n.org_id),
                kind: Set(n.kind.into()),
                title: Set(n.title.clone()),
                body: Set(n.body.clone()),
                link: Set(n.link.clone()),
                created_at: Set(now),
                read_at: Set(None),
                role: Set(role.map(str::to_string)),
                ..Default::default()
            })
            .collect();
        entity::Entity::insert_many(rows).exec_without_returning(conn).await?;
    }
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationDto>,
    pub total: u64,
    pub unread: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationFilter {
    /// Only unread ones.
    pub unread: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MarkRead {
    /// Mark these read; none: all of the organisation's.
    pub ids: Option<Vec<i64>>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_notifications)).routes(routes!(mark_read))
}

/// The caller's organisation's notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/notifications", tag = "system", params(PageParams, NotificationFilter),
    responses((status = 200, body = NotificationList), (status = 401, body = Problem)))]
async fn list_notifications(
    State(state): State<AppState>,
    Auth(p): Auth,
    Query(page): Query<PageParams>,
    Query(f): Query<NotificationFilter>,
) -> AppResult<axum::Json<NotificationList>> {
    let conn = &state.db.conn;
    let mine = entity::Entity::find().filter(entity::Column::OrgId.eq(p.org_id)).filter(
        sea_orm::Condition::any().add(entity::Column::Role.is_null()).add(entity::Column::Role.eq(p.role.as_str())),
    );
    let unread = mine.clone().filter(entity::Column::ReadAt.is_null()).count(conn).await?;
    let q = if f.unread == Some(true) { mine.filter(entity::Column::ReadAt.is_null()) } else { mine };
    let total = q.clone().count(conn).await?;
    let rows = q.order_by_desc(entity::Column::Id).offset(page.offset()).limit(page.page_size()).all(conn).await?;
    let items = rows
        .into_iter()
        .map(|n| NotificationDto {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            created_at: n.created_at,
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(axum::Json(NotificationList { items, total, unread }))
}

/// Mark notifications of the caller's organisation read.
#[utoipa::path(post, path = "/notifications/read", tag = "system", request_body = MarkRead,
    responses((status = 200, body = NotificationList), (status = 401, body = Problem)))]
async fn mark_read(
    State(state): State<AppState>,
    Auth(p): Auth,
    Json(input): Json<MarkRead>,
) -> AppResult<axum::Json<NotificationList>> {
    let mut q = entity::Entity::update_many()
        .col_expr(entity::Column::ReadAt, Expr::value(Utc::now()))
        .filter(entity::Column::OrgId.eq(p.org_id))
        .filter(
            sea_orm::Condition::any().add(entity::Column::Role.is_null()).add(entity::Column::Role.eq(p.role.as_str())),
        )
        .filter(entity::Column::ReadAt.is_null());
    if let Some(ids) = input.ids {
        q = q.filter(entity::Column::Id.is_in(ids));
    }
    q.exec(&state.db.conn).await?;
    list_notifications(State(state), Auth(p), Query(PageParams::default()), Query(NotificationFilter { unread: None }))
        .await
}
