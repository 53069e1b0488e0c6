//! Building and running the server: state, routers of every module merged in one place, the
//! OpenAPI document, health, metrics and the web UI.

use crate::platform::auth::SessionCache;
use crate::platform::cache::ListCache;
use crate::platform::config::Config;
use crate::platform::crypto::Crypto;
use crate::platform::db::Db;
use crate::platform::migration::Migrator;
use crate::platform::reference::{self, RegionIndex};
use crate::platform::{metrics, web};
use crate::{complaints, industry, monitoring, overview, safety, system};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use sea_orm_migration::MigratorTrait;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub regions: Arc<RegionIndex>,
    pub sessions: Arc<SessionCache>,
    pub lists: Arc<ListCache>,
    pub crypto: Arc<Crypto>,
    pub metrics: PrometheusHandle,
    pub spatial: Arc<crate::platform::spatial::SpatialIndex>,
    pub names: Arc<crate::platform::names::Names>,
    pub tallies: Arc<crate::platform::tally::Tallies>,
    /// The working-day calendar deadlines are counted on.
    pub calendar: Arc<crate::system::calendar::Calendar>,
    /// Rate limit and anti-bot check of the forms open to the public.
    pub guard: Arc<crate::platform::guard::PublicGuard>,
    /// Every monitoring point's live state, and the live feed of alarms.
    pub live: Arc<crate::monitoring::live::Live>,
    /// The MQTT subscription, once started (`monitoring.mqtt_url`).
    pub mqtt: Arc<std::sync::OnceLock<Arc<crate::monitoring::reading::mqtt::MqttStatus>>>,
}

impl AppState {
    /// Connect, migrate, load reference data.
    pub async fn init(config: Config) -> anyhow::Result<AppState> {
        let db = Db::connect(&config.database_url(), config.db_max_connections, config.sqlite_mmap_mb).await?;
        migrate(&db).await?;
        let regions = RegionIndex::load(&db.conn).await?;
        let lists = Arc::new(ListCache::new(config.list_cache_ttl_ms));
        let crypto = Arc::new(Crypto::load(config.data_key.as_deref(), &config.data_dir)?);
        let refresh = std::time::Duration::from_secs(config.memory_refresh_s.max(1));
        let calendar = Arc::new(crate::system::calendar::Calendar::default());
        calendar.load(&db.conn).await?;
        let guard = Arc::new(crate::platform::guard::PublicGuard::new(config.public_cases_per_hour));
        crate::monitoring::reading::service::drain_inbox(&db).await?;
        let live = Arc::new(crate::monitoring::live::Live::default());
        live.load(&db.conn).await?;
        Ok(AppState {
            db,
            config: Arc::new(config),
            regions: Arc::new(regions),
            sessions: Arc::new(SessionCache::default()),
            lists,
            crypto,
            metrics: metrics::handle(),
            spatial: Arc::new(crate::platform::spatial::SpatialIndex::new(refresh)),
            names: Default::default(),
            tallies: Arc::new(crate::platform::tally::Tallies::new(refresh)),
            calendar,
            guard,
            live,
            mqtt: Default::default(),
        })
    }
}

/// Apply pending migrations and refresh the reference data.
pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    Migrator::up(&db.conn, None).await?;
    let txn = db.write_txn().await?;
    reference::seed(&*txn).await?;
    crate::system::calendar::seed(&*txn).await?;
    txn.commit().await?;
    Ok(())
}

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        c.add_security_scheme("cookie", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("ranjian_session"))));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "燃监 Ranjian API", description = "上饶市燃气安全监管平台接口。列表返回 {items, total}；错误为 application/problem+json。"),
    modifiers(&SecurityAddon),
    security(("bearer" = []), ("cookie" = [])),
    tags((name = "auth", description = "登录与会话"), (name = "system", description = "系统管理"), (name = "industry", description = "行业管理"), (name = "map", description = "一张图"), (name = "safety", description = "安全管理"), (name = "complaints", description = "服务监督（投诉举报）"), (name = "public", description = "公众服务（无需登录）"), (name = "monitoring", description = "运行监测"))
)]
struct ApiDoc;

/// Every module's routes, merged in one place.
pub fn api(config: &Config) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1/auth", system::routes::auth_router())
        .nest("/api/v1/system", system::routes::system_router())
        .nest("/api/v1/industry", industry::router(config.upload_max_bytes))
        .nest("/api/v1/map", overview::routes::router())
        .nest("/api/v1/safety", safety::router(config.upload_max_bytes))
        .nest("/api/v1/complaints", complaints::router(config.upload_max_bytes))
        .nest("/api/v1/public", complaints::public_router(config.upload_max_bytes))
        .nest("/api/v1/monitoring", monitoring::router(config.upload_max_bytes))
        .split_for_parts()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn prometheus(State(state): State<AppState>) -> String {
    state.metrics.render()
}

pub fn router(state: AppState) -> Router {
    let (api, openapi) = api(&state.config);
    let openapi = Arc::new(openapi);
    let spec = move || {
        let o = openapi.clone();
        async move { axum::Json(o.as_ref().clone()) }
    };
    // Default request-body limit for JSON; uploads set their own.
    let api = api.layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024));
    Router::new()
        .merge(api)
        .route("/api/openapi.json", get(spec))
        .route("/api/docs", get(web::api_docs))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(prometheus))
        .fallback(web::fallback)
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .with_state(state)
}

/// A bound, ready-to-run server (port 0 binds a free port, for tests).
pub struct Application {
    listener: TcpListener,
    router: Router,
    pub state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&config.listen).await?;
        let state = AppState::init(config).await?;
        Ok(Application { listener, router: router(state.clone()), state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        if let Some(s) = crate::monitoring::reading::mqtt::start(&self.state) {
            let _ = self.state.mqtt.set(s);
        }
        // Part of the write path of readings, not a periodic job: it runs whatever `scheduler` says.
        tokio::spawn(crate::monitoring::reading::service::run_mover(self.state.clone()));
        if self.state.config.scheduler {
            tokio::spawn(purge_sessions(self.state.clone()));
            tokio::spawn(supervise_overdue(self.state.clone()));
            tokio::spawn(watch_monitoring(self.state.clone()));
        }
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

/// What one run of the periodic jobs did.
#[derive(Debug, Default, Clone, Copy)]
pub struct JobsRun {
    pub hazards_overdue: usize,
    pub cases_warned: usize,
    pub cases_overdue: usize,
    pub tasks_started: usize,
}

/// The periodic jobs for `day`: overdue supervision of hazards past their deadline, warnings and
/// overdue supervision of case stages, the new period's task of each recurring supervision task.
/// Each hazard, stage and period is handled once, so the jobs may run after every restart (and by
/// hand: `ranjian jobs`).
pub async fn run_jobs(state: &AppState, day: chrono::NaiveDate) -> JobsRun {
    let mut run = JobsRun::default();
    match crate::safety::hazard::service::mark_overdue(state, day).await {
        Ok(n) => run.hazards_overdue = n,
        Err(e) => tracing::warn!(error = ?e, "overdue supervision failed"),
    }
    match crate::complaints::case::service::supervise(state, day).await {
        Ok(s) => (run.cases_warned, run.cases_overdue) = (s.warned, s.overdue),
        Err(e) => tracing::warn!(error = ?e, "case supervision failed"),
    }
    match crate::safety::supervision::service::spawn_recurring(state, day).await {
        Ok(n) => run.tasks_started = n,
        Err(e) => tracing::warn!(error = ?e, "recurring supervision tasks failed"),
    }
    run
}

/// Every ten minutes (and at start): the periodic jobs for today.
async fn supervise_overdue(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let r = run_jobs(&state, crate::platform::list::today()).await;
        if r.hazards_overdue + r.cases_warned + r.cases_overdue + r.tasks_started > 0 {
            tracing::info!(
                hazards_overdue = r.hazards_overdue,
                cases_warned = r.cases_warned,
                cases_overdue = r.cases_overdue,
                tasks_started = r.tasks_started,
                "periodic jobs ran"
            );
        }
    }
}

/// What one run of the monitoring jobs did.
#[derive(Debug, Default, Clone, Copy)]
pub struct MonitoringRun {
    pub offline: usize,
    pub reminded: usize,
    pub escalated: usize,
    pub supervised: usize,
    pub purged_readings: u64,
}

/// The monitoring jobs at `now`: offline detection, escalation and overdue supervision of alarms,
/// the readings' inbox moved whole, the rollups of readings; with `purge`, retention too. Each
/// step is done once, whatever the number of runs.
pub async fn run_monitoring_jobs(state: &AppState, now: chrono::DateTime<chrono::Utc>, purge: bool) -> MonitoringRun {
    use crate::monitoring::{alarm, reading};
    let mut run = MonitoringRun::default();
    match alarm::service::detect_offline(state, now.timestamp_millis()).await {
        Ok(n) => run.offline = n,
        Err(e) => tracing::warn!(error = ?e, "offline detection failed"),
    }
    match alarm::service::escalate(state, now).await {
        Ok(e) => (run.reminded, run.escalated, run.supervised) = (e.reminded, e.escalated, e.supervised),
        Err(e) => tracing::warn!(error = ?e, "alarm escalation failed"),
    }
    let newest = state.live.inbox.newest.load(std::sync::atomic::Ordering::Relaxed);
    if let Err(e) = reading::service::move_inbox(state, newest).await {
        tracing::warn!(error = ?e, "moving the reading inbox failed");
    }
    if let Err(e) = reading::service::roll_up(state, now.timestamp_millis()).await {
        tracing::warn!(error = ?e, "reading rollup failed");
    }
    if purge {
        match reading::service::purge(state, now.timestamp_millis()).await {
            Ok((n, _)) => run.purged_readings = n,
            Err(e) => tracing::warn!(error = ?e, "reading retention failed"),
        }
    }
    run
}

/// Every minute: the monitoring jobs; retention once a day (and at start).
async fn watch_monitoring(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut purged_on = None;
    let mut minute = 0u64;
    loop {
        tick.tick().await;
        if minute.is_multiple_of(5) {
            if let Err(e) = crate::monitoring::camera::service::check_all(&state).await {
                tracing::warn!(error = ?e, "camera check failed");
            }
        }
        minute += 1;
        let today = crate::platform::list::today();
        let purge = purged_on != Some(today);
        let r = run_monitoring_jobs(&state, chrono::Utc::now(), purge).await;
        purged_on = Some(today);
        if r.offline + r.reminded + r.escalated + r.supervised > 0 || r.purged_readings > 0 {
            tracing::info!(
                offline = r.offline,
                reminded = r.reminded,
                escalated = r.escalated,
                supervised = r.supervised,
                purged_readings = r.purged_readings,
                "monitoring jobs ran"
            );
        }
    }
}

/// Hourly, remove sessions unused for a day past the idle limit (they can no longer be used).
async fn purge_sessions(state: AppState) {
    use crate::platform::entities::session;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let idle = chrono::Duration::minutes(state.config.session_idle_minutes.max(1));
        let cutoff = chrono::Utc::now() - idle - chrono::Duration::days(1);
        let res =
            session::Entity::delete_many().filter(session::Column::LastSeenAt.lt(cutoff)).exec(&state.db.conn).await;
        if let Err(e) = res {
            tracing::warn!(error = %e, "session purge failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
