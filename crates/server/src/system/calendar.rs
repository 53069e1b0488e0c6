//! The working-day calendar (工作日历): public holidays and make-up working days (调休) as data, so
//! deadlines in working days follow each year's State Council notice. Seeded from the calendar
//! shipped with the platform; the city administrator enters each new year's (form or CSV).

use crate::platform::audit::{self, Actor, Event};
use crate::platform::auth::{Auth, Principal};
use crate::platform::error::{AppError, AppResult, FieldError, Problem};
use crate::platform::extract::{ClientIp, Json, Path, Query};
use crate::startup::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate, Utc, Weekday};
use ranjian_domain::calendar::{parse_csv, DayKind, SpecialDay, WorkCalendar, CN_PUBLIC_HOLIDAYS};
use ranjian_domain::Role;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, RwLock};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub mod calendar_day {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_day")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub day: Date,
        /// holiday | workday
        pub kind: String,
        pub name: String,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The calendar every deadline is counted on, reloaded when an administrator changes it.
#[derive(Default)]
pub struct Calendar(RwLock<Arc<WorkCalendar>>);

impl Calendar {
    pub fn get(&self) -> Arc<WorkCalendar> {
        self.0.read().expect("calendar lock").clone()
    }

    pub async fn load<C: ConnectionTrait>(&self, conn: &C) -> Result<(), sea_orm::DbErr> {
        let rows = calendar_day::Entity::find().all(conn).await?;
        let cal = WorkCalendar::new(rows.into_iter().filter_map(|r| Some((r.day, DayKind::parse(&r.kind)?))));
        *self.0.write().expect("calendar lock") = Arc::new(cal);
        Ok(())
    }
}

/// Enter the shipped calendar when the table is empty (first start).
pub async fn seed<C: ConnectionTrait>(conn: &C) -> Result<(), sea_orm::DbErr> {
    if calendar_day::Entity::find().one(conn).await?.is_some() {
        return Ok(());
    }
    let days = parse_csv(CN_PUBLIC_HOLIDAYS).expect("the shipped calendar reads");
    let now = Utc::now();
    let rows: Vec<calendar_day::ActiveModel> = days
        .into_iter()
        .map(|d| calendar_day::ActiveModel {
            day: Set(d.date),
            kind: Set(d.kind.as_str().into()),
            name: Set(d.name),
            updated_at: Set(now),
        })
        .collect();
    calendar_day::Entity::insert_many(rows).exec_without_returning(conn).await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarDayDto {
    /// YYYY-MM-DD
    pub date: String,
    /// holiday (放假) | workday (调休上班)
    pub kind: String,
    #[serde(default)]
    pub kind_name: String,
    /// The holiday it belongs to, e.g. 国庆节.
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYear {
    pub year: i32,
    /// Whether this year's notice has been entered (any exceptional day known).
    pub known: bool,
    pub days: Vec<CalendarDayDto>,
    /// Years with days entered.
    pub years: Vec<i32>,
    /// Working days in the year by this calendar.
    pub working_days: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Default: this year.
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct YearInput {
    pub days: Vec<CalendarDayDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarImport {
    /// Years replaced.
    pub years: Vec<i32>,
    pub days: usize,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_calendar))
        .routes(routes!(put_year))
        .routes(routes!(import_calendar))
        .routes(routes!(export_calendar))
}

fn kind_name(k: DayKind) -> &'static str {
    match k {
        DayKind::Holiday => "放假",
        DayKind::Workday => "调休上班",
    }
}

async fn year_of(state: &AppState, year: i32) -> AppResult<CalendarYear> {
    let conn = &state.db.conn;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| AppError::field("year", "年份不正确"))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| AppError::field("year", "年份不正确"))?;
    let rows = calendar_day::Entity::find()
        .filter(calendar_day::Column::Day.between(from, to))
        .order_by_asc(calendar_day::Column::Day)
        .all(conn)
        .await?;
    let mut years: Vec<i32> =
        calendar_day::Entity::find().all(conn).await?.iter().map(|r| r.day.year()).collect::<Vec<_>>();
    years.dedup();
    years.sort_unstable();
    years.dedup();
    let cal = state.calendar.get();
    Ok(CalendarYear {
        year,
        known: !rows.is_empty(),
        days: rows
            .into_iter()
            .map(|r| CalendarDayDto {
                date: r.day.to_string(),
                kind_name: DayKind::parse(&r.kind).map(kind_name).unwrap_or("").into(),
                kind: r.kind,
                name: r.name,
            })
            .collect(),
        years,
        working_days: cal.working_days_between(from - chrono::Duration::days(1), to),
    })
}

/// The exceptional days of a year (holidays and make-up working days) and the years entered.
#[utoipa::path(get, path = "/calendar", tag = "system", params(YearQuery),
    responses((status = 200, body = CalendarYear), (status = 401, body = Problem)))]
async fn get_calendar(
    State(state): State<AppState>,
    Auth(_p): Auth,
    Query(q): Query<YearQuery>,
) -> AppResult<axum::Json<CalendarYear>> {
    let year = q.year.unwrap_or_else(|| crate::platform::list::today().year());
    if !(2000..=2100).contains(&year) {
        return Err(AppError::field("year", "年份应在 2000–2100 之间"));
    }
    Ok(axum::Json(year_of(&state, year).await?))
}

fn may_edit(p: &Principal) -> AppResult<()> {
    p.require(p.role == Role::CityAdmin).map_err(|_| AppError::Forbidden("只有市级系统管理员可以维护工作日历".into()))
}

/// Check days against their year: a day off on a weekday or weekend, a make-up working day only on
/// a weekend, each date once. Errors are (row, field, reason), rows counted from 1.
fn check(days: &[SpecialDay], year: Option<i32>) -> Vec<(usize, FieldError)> {
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in days.iter().enumerate() {
        let row = i + 1;
        if let Some(y) = year {
            if d.date.year() != y {
                errors.push((row, FieldError::new("date", format!("{} 不在 {y} 年", d.date))));
            }
        }
        if !seen.insert(d.date) {
            errors.push((row, FieldError::new("date", format!("{} 重复出现", d.date))));
        }
        if d.kind == DayKind::Workday && !matches!(d.date.weekday(), Weekday::Sat | Weekday::Sun) {
            errors.push((row, FieldError::new("kind", format!("{} 是工作日，不能设为调休上班", d.date))));
        }
        if d.name.chars().count() > 30 {
            errors.push((row, FieldError::new("name", "名称不能超过 30 个字")));
        }
    }
    errors
}

fn row_errors(errors: Vec<(usize, FieldError)>) -> AppError {
    AppError::validation(
        errors
            .into_iter()
            .map(|(row, e)| {
                FieldError::new(format!("days[{}].{}", row - 1, e.field), format!("第{row}行：{}", e.reason))
            })
            .collect(),
    )
}

/// Replace the given years' days, in one transaction, and reload the calendar.
async fn replace(state: &AppState, actor: &Actor, years: &[i32], days: Vec<SpecialDay>) -> AppResult<()> {
    let txn = state.db.write_txn().await?;
    for y in years {
        let (from, to) = (NaiveDate::from_ymd_opt(*y, 1, 1), NaiveDate::from_ymd_opt(*y, 12, 31));
        if let (Some(f), Some(t)) = (from, to) {
            calendar_day::Entity::delete_many().filter(calendar_day::Column::Day.between(f, t)).exec(&*txn).await?;
        }
    }
    let now = Utc::now();
    let n = days.len();
    let rows: Vec<calendar_day::ActiveModel> = days
        .into_iter()
        .map(|d| calendar_day::ActiveModel {
            day: Set(d.date),
            kind: Set(d.kind.as_str().into()),
            name: Set(d.name),
            updated_at: Set(now),
        })
        .collect();
    if !rows.is_empty() {
        calendar_day::Entity::insert_many(rows).exec_without_returning(&*txn).await?;
    }
    let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let e = Event::ok("calendar.update", "calendar", list.join(","))
        .detail(format!("更新{}年工作日历，共{n}个节假日和调休上班日", list.join("、")));
    audit::append(&*txn, actor, e).await?;
    txn.commit().await?;
    state.calendar.load(&state.db.conn).await?;
    Ok(())
}

/// Replace one year's holidays and make-up working days (city administrator).
#[utoipa::path(put, path = "/calendar/{year}", tag = "system", params(("year" = i32, Path)), request_body = YearInput,
    responses((status = 200, body = CalendarYear), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn put_year(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    Path(year): Path<i32>,
    Json(input): Json<YearInput>,
) -> AppResult<axum::Json<CalendarYear>> {
    may_edit(&p)?;
    if !(2000..=2100).contains(&year) {
        return Err(AppError::field("year", "年份应在 2000–2100 之间"));
    }
    let mut errors = Vec::new();
    let mut days = Vec::new();
    for (i, d) in input.days.iter().enumerate() {
        let date = NaiveDate::parse_from_str(d.date.trim(), "%Y-%m-%d");
        let kind = DayKind::parse(&d.kind);
        match (date, kind) {
            (Ok(date), Some(kind)) => days.push(SpecialDay { date, kind, name: d.name.trim().to_string() }),
            (Err(_), _) => errors.push((i + 1, FieldError::new("date", format!("日期“{}”应为 YYYY-MM-DD", d.date)))),
            (_, None) => {
                errors.push((i + 1, FieldError::new("kind", "类型应为 holiday（放假）或 workday（调休上班）")))
            }
        }
    }
    if errors.is_empty() {
        errors = check(&days, Some(year));
    }
    if !errors.is_empty() {
        return Err(row_errors(errors));
    }
    replace(&state, &Actor::of(&p, ip.0), &[year], days).await?;
    Ok(axum::Json(year_of(&state, year).await?))
}

/// Import a CSV of `date,kind,name` (the format of the shipped calendar and of the export): every
/// year it holds is replaced. Any bad row: nothing is written.
#[utoipa::path(post, path = "/calendar/import", tag = "system",
    request_body(content_type = "multipart/form-data", content = Vec<u8>),
    responses((status = 200, body = CalendarImport), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn import_calendar(
    State(state): State<AppState>,
    Auth(p): Auth,
    ip: ClientIp,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<axum::Json<CalendarImport>> {
    may_edit(&p)?;
    let (_, bytes) = crate::platform::files::one_file(multipart).await?;
    let text = String::from_utf8(bytes).map_err(|_| AppError::field("file", "文件应为 UTF-8 编码的 CSV"))?;
    let days = parse_csv(&text).map_err(|(row, reason)| AppError::field("file", format!("第{row}行：{reason}")))?;
    if days.is_empty() {
        return Err(AppError::field("file", "文件中没有节假日或调休上班日"));
    }
    let errors = check(&days, None);
    if !errors.is_empty() {
        return Err(AppError::validation(
            errors.into_iter().map(|(row, e)| FieldError::new("file", format!("第{row}行：{}", e.reason))).collect(),
        ));
    }
    let mut years: Vec<i32> = days.iter().map(|d| d.date.year()).collect();
    years.sort_unstable();
    years.dedup();
    let n = days.len();
    replace(&state, &Actor::of(&p, ip.0), &years, days).await?;
    Ok(axum::Json(CalendarImport { years, days: n }))
}

/// The whole calendar as CSV (`date,kind,name`), the import's format.
#[utoipa::path(get, path = "/calendar/export", tag = "system",
    responses((status = 200, body = Vec<u8>), (status = 401, body = Problem)))]
async fn export_calendar(State(state): State<AppState>, Auth(_p): Auth) -> AppResult<Response> {
    let rows = calendar_day::Entity::find().order_by_asc(calendar_day::Column::Day).all(&state.db.conn).await?;
    let mut out = String::from("date,kind,name\n");
    for r in rows {
        out.push_str(&format!("{},{},{}\n", r.day, r.kind, r.name.replace(',', "，")));
    }
    Ok(crate::platform::files::download("工作日历.csv", "text/csv; charset=utf-8", out.into_bytes()).into_response())
}
