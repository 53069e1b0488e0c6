//! Configuration: built-in defaults, then `ranjian.toml` (or the file named by `RANJIAN_CONFIG`),
//! then environment variables prefixed `RANJIAN_` (e.g. `RANJIAN_DATABASE_URL`, `RANJIAN_LISTEN`; a key of a
//! section with a double underscore, e.g. `RANJIAN_MONITORING__MQTT_URL`).

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeRole {
    City,
    County,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`; default `<data_dir>/ranjian.db`.
    pub database_url: Option<String>,
    /// Address to listen on.
    pub listen: String,
    /// Folder for the SQLite file and uploaded files.
    pub data_dir: PathBuf,
    /// Whether this node is the city platform or a county node.
    pub role: NodeRole,
    /// A session unused for this many minutes expires.
    pub session_idle_minutes: i64,
    /// Largest accepted upload (Excel import, attachments), in bytes.
    pub upload_max_bytes: usize,
    /// Master key for personal data at rest (32 hex digits); default: `<data_dir>/secret.key`.
    pub data_key: Option<String>,
    /// Mark the session cookie `Secure` (set when the platform is served over HTTPS).
    pub cookie_secure: bool,
    /// Failed logins in a row that lock an account, and for how long.
    pub login_max_failures: i32,
    pub login_lock_minutes: i64,
    /// Largest number of rows one export may contain.
    pub export_max_rows: u64,
    /// How long a map tile is kept (dropped at once by a write of its layer's records on this node).
    pub tile_cache_ttl_ms: u64,
    /// How long a list answer may be served from memory (0: never). Writes on this node drop it at once.
    pub list_cache_ttl_ms: u64,
    /// How long the in-memory map layers and rate tallies are trusted without a write on this node:
    /// the longest another node's writes may take to reach the map and the rates (this node's own
    /// writes are there at once).
    pub memory_refresh_s: u64,
    /// XYZ raster tile URL template for the map's base layer (e.g. Tianditu with the customer's key).
    pub map_tile_url: Option<String>,
    /// LPG steel cylinders: periodic inspection period and design service life, in years
    /// (TSG 23-2021; GB 5842-2006 — see docs/lpg-cylinders.md), and how many cylinders one user may
    /// hold before it is flagged.
    pub lpg_inspection_years: u32,
    pub lpg_service_life_years: u32,
    pub lpg_holding_limit: u32,
    /// Home safety inspections: how often households and non-household users must be inspected, in
    /// months (defaults 24 and 12).
    pub inspection_cycle_household_months: u32,
    pub inspection_cycle_non_household_months: u32,
    /// Days a hazard found by a home inspection is given to be rectified (its deadline).
    pub hazard_rectify_days: u32,
    /// Third-party construction: pipelines within this many metres of a site are near it.
    pub third_party_construction_radius_m: f64,
    /// Major hazard sources: a safety assessment at least every N years (《危险化学品重大危险源监督
    /// 管理暂行规定》 art. 8: three), and the safety equipment maintained or checked every M months
    /// (detectors are verified yearly, JJG 693) — see docs/major-hazard-sources.md.
    pub major_hazard_assessment_years: u32,
    pub major_hazard_maintenance_months: u32,
    /// Patrols: days between patrols per pipeline pressure class and facility kind (a kind left out
    /// is not planned). See docs/patrols.md.
    pub patrol_plan: PatrolPlan,
    /// Largest evidence photo, in bytes (a larger one is refused with 413).
    pub photo_max_bytes: usize,
    /// Service supervision: working days allowed per stage of a case (see docs/complaints.md).
    pub case_deadlines: CaseDeadlines,
    /// Cases filed on the public form per client address per hour (more: 429).
    pub public_cases_per_hour: u32,
    /// Operation monitoring: readings, alarms, escalation, retention (see docs/monitoring.md).
    pub monitoring: MonitoringConfig,
    /// Run the periodic jobs on this node (overdue supervision, session purge). Tests turn them off
    /// and call the jobs with a day of their choosing.
    pub scheduler: bool,
    /// Connections in the database pool.
    pub db_max_connections: u32,
    /// SQLite only: how much of the database file is memory-mapped, in MB (reads of a large ledger
    /// then skip the copy into the page cache; mapped pages count in resident memory).
    pub sqlite_mmap_mb: u64,
    /// tracing filter, e.g. `info` or `ranjian_server=debug`.
    pub log: String,
}

/// Days between patrols, by pressure class code (`low`, `medium_b`, … `high_a`) and by facility kind
/// code (`gate_station`, `regulator_box`, …).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct PatrolPlan {
    pub pipeline: BTreeMap<String, u32>,
    pub facility: BTreeMap<String, u32>,
}

impl Default for PatrolPlan {
    fn default() -> Self {
        let map = |v: &[(&str, u32)]| v.iter().map(|(k, d)| (k.to_string(), *d)).collect();
        PatrolPlan {
            pipeline: map(&[
                ("low", 7),
                ("medium_b", 3),
                ("medium_a", 3),
                ("subhigh_b", 1),
                ("subhigh_a", 1),
                ("high_b", 1),
                ("high_a", 1),
            ]),
            facility: map(&[
                ("gate_station", 1),
                ("storage_distribution", 1),
                ("lng_station", 1),
                ("cng_station", 1),
                ("lpg_station", 1),
                ("regulator_station", 7),
                ("bottle_supply_point", 7),
                ("regulator_box", 30),
                ("valve", 30),
            ]),
        }
    }
}

/// Working days allowed per stage of a case; the handling stage by case type.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseDeadlines {
    /// 受理: from receipt to acceptance.
    pub accept: u32,
    /// 签收: a transferred case signed for (or passed on, or returned) by the receiving level.
    pub sign: u32,
    /// 办理: from acceptance to the answer, by case type.
    pub handle_complaint: u32,
    pub handle_report: u32,
    pub handle_service_request: u32,
    pub handle_suggestion: u32,
    /// 回访: from the answer to the feedback to the person.
    pub follow_up: u32,
    /// Working days before a deadline at which the handler is warned.
    pub warn_before: u32,
}

impl Default for CaseDeadlines {
    fn default() -> Self {
        CaseDeadlines::from(ranjian_domain::case::Deadlines::default())
    }
}

impl From<ranjian_domain::case::Deadlines> for CaseDeadlines {
    fn from(d: ranjian_domain::case::Deadlines) -> Self {
        CaseDeadlines {
            accept: d.accept,
            sign: d.sign,
            handle_complaint: d.handle_complaint,
            handle_report: d.handle_report,
            handle_service_request: d.handle_service_request,
            handle_suggestion: d.handle_suggestion,
            follow_up: d.follow_up,
            warn_before: d.warn_before,
        }
    }
}

impl CaseDeadlines {
    pub fn domain(&self) -> ranjian_domain::case::Deadlines {
        ranjian_domain::case::Deadlines {
            accept: self.accept,
            sign: self.sign,
            follow_up: self.follow_up,
            handle_complaint: self.handle_complaint,
            handle_report: self.handle_report,
            handle_service_request: self.handle_service_request,
            handle_suggestion: self.handle_suggestion,
            warn_before: self.warn_before,
        }
    }
}

/// Operation monitoring: what readings are taken, when silence is offline, how alarms escalate and
/// whom they reach, how long readings are kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitoringConfig {
    /// Largest number of readings in one upload (more: 413).
    pub batch_max: usize,
    /// A reading timestamped more than this many seconds ahead of the server's clock is refused.
    pub max_future_s: i64,
    /// A reading older than this many days is refused (it would fall out of retention anyway).
    pub max_age_days: i64,
    /// A point is offline after this many reporting intervals without a reading.
    pub offline_intervals: i64,
    /// Minutes an enterprise has to acknowledge an alarm before it is reminded.
    pub ack_minutes: i64,
    /// Minutes between reminders.
    pub reminder_minutes: i64,
    /// Reminders before the enterprise's manager is told; one interval later, the county authority.
    pub reminders: i64,
    /// Minutes from raising to handled, by severity, before overdue supervision (督办) is raised.
    pub handle_minutes: BTreeMap<String, i64>,
    /// Severity by condition (`high_high`, `high`, `low`, `low_low`, `rate_of_change`, `offline`),
    /// optionally by point kind first (`methane.high_high`). Unlisted: the built-in defaults.
    pub severity: BTreeMap<String, String>,
    /// Which severities reach which level (`enterprise`, `county`, `city`): notifications and the
    /// live feed of open browsers.
    pub routes: BTreeMap<String, Vec<String>>,
    /// Days raw readings are kept; minute rollups are kept `minute_rollup_days`, hour and day
    /// rollups for good.
    pub raw_days: i64,
    pub minute_rollup_days: i64,
    /// MQTT broker to subscribe to (e.g. `mqtt://127.0.0.1:1883`); none: no subscription.
    pub mqtt_url: Option<String>,
    /// Topics of the subscription: `<prefix>/<enterprise code>/<point code>`.
    pub mqtt_topic_prefix: String,
    /// The node's client id at the broker (its persistent session: one per node).
    pub mqtt_client_id: String,
}

impl Default for MonitoringConfig {
    fn default() -> Self {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        MonitoringConfig {
            batch_max: 10_000,
            max_future_s: 300,
            max_age_days: 90,
            offline_intervals: 3,
            ack_minutes: 10,
            reminder_minutes: 10,
            reminders: 2,
            handle_minutes: [("critical", 120), ("major", 240), ("minor", 1440), ("warning", 2880)]
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            severity: BTreeMap::new(),
            routes: [
                ("enterprise", list(&["critical", "major", "minor", "warning"])),
                ("county", list(&["critical", "major"])),
                ("city", list(&["critical"])),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            raw_days: 180,
            minute_rollup_days: 400,
            mqtt_url: None,
            mqtt_topic_prefix: "ranjian/v1/readings".into(),
            mqtt_client_id: "ranjian".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: None,
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            role: NodeRole::City,
            session_idle_minutes: 30,
            data_key: None,
            cookie_secure: false,
            upload_max_bytes: 64 * 1024 * 1024,
            login_max_failures: 5,
            login_lock_minutes: 15,
            export_max_rows: 200_000,
            list_cache_ttl_ms: 2000,
            memory_refresh_s: 300,
            tile_cache_ttl_ms: 600_000,
            map_tile_url: None,
            lpg_inspection_years: 4,
            lpg_service_life_years: 8,
            lpg_holding_limit: 3,
            inspection_cycle_household_months: 24,
            inspection_cycle_non_household_months: 12,
            hazard_rectify_days: 30,
            third_party_construction_radius_m: 50.0,
            major_hazard_assessment_years: 3,
            major_hazard_maintenance_months: 12,
            patrol_plan: PatrolPlan::default(),
            photo_max_bytes: 10 * 1024 * 1024,
            case_deadlines: CaseDeadlines::default(),
            public_cases_per_hour: 10,
            monitoring: MonitoringConfig::default(),
            scheduler: true,
            db_max_connections: 16,
            sqlite_mmap_mb: 256,
            log: "info,sea_orm_migration=warn,sqlx=warn".into(),
        }
    }
}

impl Config {
    /// Load from defaults, the TOML file and the environment.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        let file = std::env::var("RANJIAN_CONFIG").unwrap_or_else(|_| "ranjian.toml".into());
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("RANJIAN_").ignore(&["CONFIG"]).split("__"))
            .extract()
            .map_err(Box::new)
    }

    /// The database URL in force (the configured one, or the SQLite file in the data folder).
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.trim().is_empty() => u.trim().to_string(),
            _ => format!("sqlite://{}", self.data_dir.join("ranjian.db").display()),
        }
    }
}
