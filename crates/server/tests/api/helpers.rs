use ranjian_server::demo::{self, Scale};
use ranjian_server::platform::audit::Actor;
use ranjian_server::platform::scope::Scope;
use ranjian_server::system::model::UserInput;
use ranjian_server::{AppState, Application, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::atomic::{AtomicU32, Ordering};

pub const PASSWORD: &str = "Ranjian@2026";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

pub fn backend() -> String {
    std::env::var("RANJIAN_TEST_DB").unwrap_or_else(|_| "sqlite".into())
}

async fn fresh_database_url(dir: &std::path::Path) -> String {
    if backend() == "postgres" {
        static N: AtomicU32 = AtomicU32::new(0);
        let base = std::env::var("RANJIAN_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = format!(
            "ranjian_test_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        use sea_orm::ConnectionTrait;
        let conn = sea_orm::Database::connect(format!("{base}/postgres")).await.expect("PostgreSQL reachable");
        conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
        let _ = conn.close().await;
        format!("{base}/{name}")
    } else {
        format!("sqlite://{}", dir.join("test.db").display())
    }
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        database_url: Some(fresh_database_url(dir.path()).await),
        listen: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        log: "warn".into(),
        // The periodic jobs would race the tests' counts; tests call them with a day of their choosing.
        scheduler: false,
        ..Config::default()
    };
    tweak(&mut config);
    let app = Application::build(config).await.expect("server builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    demo::load(&state, Scale::Small, 2026).await.expect("demo data loads");
    tokio::spawn(app.run_until_stopped());
    let http = reqwest::Client::builder().cookie_store(false).build().unwrap();
    TestApp { base, state, http, _dir: dir }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A response read as JSON (or Null when it has no JSON body).
pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn problem_code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub fn content_type(&self) -> &str {
        self.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    /// Assert a problem+json error with this status and code.
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert!(self.content_type().starts_with("application/problem+json"), "content type {}", self.content_type());
        assert_eq!(self.problem_code(), code, "body: {}", self.body);
        assert!(!self.body["detail"].as_str().unwrap_or("").is_empty());
    }
    /// The reasons given for one field of a 422.
    pub fn field_errors(&self, field: &str) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["field"] == field)
                    .map(|e| e["reason"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn send(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Resp {
        let mut rb = self.http.request(method, self.url(path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        Self::read(rb.send().await.expect("request sent")).await
    }

    pub async fn read(r: reqwest::Response) -> Resp {
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = r.bytes().await.expect("body").to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Resp { status, headers, body, bytes }
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.send(Method::GET, path, Some(token), None).await
    }
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(token), Some(body)).await
    }
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Resp {
        self.send(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn try_login(&self, username: &str, password: &str) -> Resp {
        self.send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"username": username, "password": password})),
        )
        .await
    }

    /// Log in and return the bearer token.
    pub async fn login(&self, username: &str) -> String {
        let r = self.try_login(username, PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        r.body["token"].as_str().unwrap().to_string()
    }

    /// Create an account directly (as the command line does) and return its id.
    pub async fn create_user(&self, username: &str, role: &str, org_id: i64) -> i64 {
        let input = UserInput {
            username: Some(username.into()),
            display_name: Some(username.into()),
            password: Some(PASSWORD.into()),
            role: Some(role.into()),
            org_id: Some(org_id),
            phone: None,
        };
        ranjian_server::system::service::create_user(
            &self.state,
            &Actor::system("test"),
            None,
            &Scope::system(),
            &input,
        )
        .await
        .expect("user created")
        .id
    }

    /// The id of the authority organisation of a region.
    pub async fn authority_org(&self, region: &str) -> i64 {
        use ranjian_server::platform::entities::org;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        org::Entity::find()
            .filter(org::Column::RegionCode.eq(region))
            .filter(org::Column::Kind.ne("enterprise"))
            .one(&self.state.db.conn)
            .await
            .unwrap()
            .expect("authority exists")
            .id
    }

    pub async fn enterprise_org(&self, enterprise_id: i64) -> i64 {
        use ranjian_server::platform::entities::org;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        org::Entity::find()
            .filter(org::Column::EnterpriseId.eq(enterprise_id))
            .one(&self.state.db.conn)
            .await
            .unwrap()
            .unwrap()
            .id
    }

    /// All enterprises visible to a token (every page).
    pub async fn all_enterprises(&self, token: &str, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for page in 1.. {
            let r = self.get(&format!("/api/v1/industry/enterprises?page={page}&page_size=200&{query}"), token).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            let items = r.body["items"].as_array().unwrap().clone();
            let n = items.len();
            out.extend(items);
            if n < 200 {
                break;
            }
        }
        out
    }

    /// Count of enterprises in the whole database.
    pub async fn enterprise_count(&self) -> u64 {
        use ranjian_server::industry::enterprise::model::enterprise;
        use sea_orm::{EntityTrait, PaginatorTrait};
        enterprise::Entity::find().count(&self.state.db.conn).await.unwrap()
    }

    pub async fn audit_count(&self) -> u64 {
        use ranjian_server::platform::entities::audit_log;
        use sea_orm::{EntityTrait, PaginatorTrait};
        audit_log::Entity::find().count(&self.state.db.conn).await.unwrap()
    }

    /// An enterprise of a county, as the city sees it.
    pub async fn enterprise_in(&self, region: &str) -> Value {
        let city = self.login("city-admin").await;
        let r = self.get(&format!("/api/v1/industry/enterprises?region_code={region}&page_size=1"), &city).await;
        r.body["items"][0].clone()
    }
}

/// A valid credit code for tests: 17 characters completed with their check character.
pub fn credit_code(first17: &str) -> String {
    ranjian_domain::CreditCode::complete(first17).expect("well-formed").to_string()
}

pub fn new_enterprise(code: &str, region: &str) -> Value {
    serde_json::json!({
        "code": code,
        "name": "上饶市测试燃气有限公司",
        "kind": "pipeline_gas",
        "licence_no": "赣2026110001",
        "licence_valid_from": "2026-01-01",
        "licence_valid_to": "2028-12-31",
        "legal_representative": "张三",
        "address": "上饶市信州区测试路1号",
        "region_code": region,
        "phone": "0793-8221234"
    })
}

/// The first sheet of an xlsx file as text.
pub fn read_sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("valid xlsx");
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

impl TestApp {
    /// Upload a file (multipart field `file`) to an import endpoint.
    pub async fn upload(&self, path: &str, token: &str, bytes: Vec<u8>, name: &str) -> Resp {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
        let form = reqwest::multipart::Form::new().part("file", part);
        let r = self.http.post(self.url(path)).bearer_auth(token).multipart(form).send().await.unwrap();
        TestApp::read(r).await
    }
}
