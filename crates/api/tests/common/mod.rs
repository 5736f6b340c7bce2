//! A real server on a free port with a throw-away database, and a client that speaks to it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use api::auth::password::HashCost;
use api::rate_limit::RateLimitConfig;
use api::{ApiSettings, AppState, ProgrammeSettings};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::secret::Secret;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use store::testing::TestDatabase;
use store::{NewUser, PoolOptions, Store, UserRecord};

/// The signing key of every test server, so tests can forge tokens on purpose.
pub const SIGNING_KEY: &str = "test-signing-key-with-at-least-32-bytes!";
/// The token test servers expect on `/metrics`.
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789";
/// The password of accounts made by [`TestApp::user`].
pub const PASSWORD: &str = "green garden grows";

/// Settings fit for tests: cheap hashing and limits high enough not to interfere.
pub fn settings() -> ApiSettings {
    ApiSettings {
        jwt_secret: Secret::new(SIGNING_KEY),
        jwt_previous_secrets: Vec::new(),
        access_token_ttl: Duration::from_secs(900),
        refresh_token_ttl: Duration::from_secs(7 * 24 * 3600),
        refresh_family_max_age: Duration::from_secs(30 * 24 * 3600),
        body_limit_bytes: 16 * 1024,
        cors_allowed_origins: vec!["https://admin.example.com".to_owned()],
        rate_limits: RateLimitConfig {
            auth_per_minute: 10_000,
            auth_burst: 10_000,
            global_per_second: 10_000,
            global_burst: 10_000,
            client_ip_header: None,
            trusted_proxies: Vec::new(),
            sign_in_free_failures: 5,
            sign_in_backoff_secs: 30,
            sign_in_backoff_max_secs: 15 * 60,
        },
        password_hashing: HashCost {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
            max_concurrent: 64,
        },
        programme: ProgrammeSettings {
            time_zone: domain::household::TimeZone::default(),
            districts: ["Nicosia", "Limassol", "Larnaca", "Paphos", "Famagusta"]
                .map(String::from)
                .to_vec(),
            default_tariff_code: domain::household::TariffCode::default(),
            holidays: Vec::new(),
            cyprus_public_holidays: true,
            rewards: domain::rewards::RewardRules::default(),
            progress: engine::ProgressSettings::default(),
        },
        reading_limits: domain::reading::ReadingLimits::default(),
        ingest_body_limit_bytes: 1024 * 1024,
        admin_ui_dir: None,
        app_ui_dir: None,
        demo_accounts: Vec::new(),
        metrics_token: Some(Secret::new(METRICS_TOKEN)),
    }
}

/// A running server.
pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub state: AppState,
    pub client: reqwest::Client,
    pub backend: &'static str,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestApp {
    /// Starts a server on `database` with the test settings.
    pub async fn spawn(database: &TestDatabase) -> Self {
        Self::spawn_with(database, settings()).await
    }

    /// Starts a server on `database` with custom settings.
    pub async fn spawn_with(database: &TestDatabase, settings: ApiSettings) -> Self {
        Self::spawn_with_state(database, settings, |state| state).await
    }

    /// Starts a server whose state `adjust` completes (for example with a job queue).
    pub async fn spawn_with_state(
        database: &TestDatabase,
        settings: ApiSettings,
        adjust: impl FnOnce(AppState) -> AppState,
    ) -> Self {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        let state = adjust(AppState::new(store.clone(), settings).expect("settings"));
        let app = api::router(state.clone()).expect("router");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let server = tokio::spawn(async move {
            let _ = api::serve(listener, app, std::future::pending()).await;
        });
        // rustls' ring provider, which reqwest's TLS needs before any client is built.
        ingest::tls::install_crypto_provider();
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client
                .get(format!("{base}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self {
            base,
            store,
            state,
            client,
            backend: database.backend().name(),
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates an account directly in the store.
    pub async fn user(&self, email: &str, role: Role) -> UserRecord {
        let password_hash = self
            .state
            .passwords
            .hash(PASSWORD.to_owned())
            .await
            .expect("hash");
        self.store
            .create_user(NewUser {
                email: Email::parse(email).expect("email"),
                display_name: DisplayName::parse(email.split('@').next().unwrap_or("user"))
                    .expect("name"),
                password_hash,
                role,
                tariff_code: TariffCode::parse("01").expect("tariff"),
                time_zone: TimeZone::parse("Europe/Nicosia").expect("zone"),
                language: domain::language::Language::English,
            })
            .await
            .expect("create user")
    }

    /// Signs in and returns the token response.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("login request")
    }

    /// Signs in an account made by [`TestApp::user`] and returns its access token.
    pub async fn token(&self, email: &str) -> String {
        let response = self.login(email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "login {email}");
        let body: Value = response.json().await.expect("token json");
        body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }
}

/// The JSON body of a response that must answer `status`; the body is shown when it does not.
pub async fn json_of(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.expect("json body");
    assert_eq!(actual, status, "{body}");
    body
}

/// Reads a problem+json body, checking its media type and shape.
pub async fn problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["status"], status.as_u16());
    assert!(
        body["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("urn:powersave:problem:"))
    );
    assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    body
}
