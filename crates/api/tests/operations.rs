//! Rate limits, health, metrics, request ids, CORS and the docs page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use api::rate_limit::LimiterClock;
use common::{TestApp, problem, settings};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::TestDatabase;

/// A server whose rate limits count in a clock that moves only when the test says, so what is
/// allowed depends on the requests made and the time passed, never on how fast the machine is.
async fn app_with_manual_clock(
    database: &TestDatabase,
    settings: api::ApiSettings,
) -> (TestApp, LimiterClock) {
    let clock = LimiterClock::manual();
    let app = TestApp::spawn_with_state(database, settings, |mut state| {
        state.rate_limit_clock = clock.clone();
        state
    })
    .await;
    (app, clock)
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn sign_in_endpoints_are_rate_limited_per_ip() {
    let database = TestDatabase::sqlite();
    let mut settings = settings();
    settings.rate_limits.auth_per_minute = 2;
    settings.rate_limits.auth_burst = 2;
    let (app, clock) = app_with_manual_clock(&database, settings).await;
    let body = json!({ "email": "someone@example.com", "password": "wrong password!" });
    let login = || app.call(Method::POST, "/api/v1/auth/login", None, Some(body.clone()));
    for _ in 0..2 {
        assert_eq!(login().await.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = login().await;
    // Two a minute: the next attempt is allowed 30 s after the budget ran out.
    assert_eq!(retry_after(&limited), 30);
    let problem = problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(problem["type"], "urn:powersave:problem:rate-limited");
    // Registration and refresh share the sign-in budget; other endpoints do not.
    let register = app
        .call(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({ "email": "a@example.com", "password": "x", "display_name": "A" })),
        )
        .await;
    assert_eq!(register.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.call(Method::GET, "/api/v1/programme", None, None)
            .await
            .status(),
        StatusCode::OK
    );
    clock.advance(Duration::from_secs(29));
    assert_eq!(login().await.status(), StatusCode::TOO_MANY_REQUESTS);
    clock.advance(Duration::from_secs(1));
    assert_eq!(login().await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login().await.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn every_request_is_globally_rate_limited() {
    let database = TestDatabase::sqlite();
    let mut settings = settings();
    settings.rate_limits.global_per_second = 1;
    settings.rate_limits.global_burst = 3;
    let (app, clock) = app_with_manual_clock(&database, settings).await;
    let statuses = |count: usize| {
        let app = &app;
        async move {
            let mut statuses = Vec::new();
            for _ in 0..count {
                statuses.push(
                    app.call(Method::GET, "/api/v1/programme", None, None)
                        .await
                        .status(),
                );
            }
            statuses
        }
    };
    let (ok, limited) = (StatusCode::OK, StatusCode::TOO_MANY_REQUESTS);
    // The start-up check used part of the budget; three seconds refill all of it.
    clock.advance(Duration::from_secs(3));
    assert_eq!(statuses(5).await, [ok, ok, ok, limited, limited]);
    let response = app.call(Method::GET, "/api/v1/programme", None, None).await;
    assert_eq!(retry_after(&response), 1);
    clock.advance(Duration::from_secs(1));
    assert_eq!(statuses(2).await, [ok, limited]);
    clock.advance(Duration::from_secs(10));
    assert_eq!(
        statuses(4).await,
        [ok, ok, ok, limited],
        "the burst, not more"
    );
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let health: Value = app
        .call(Method::GET, "/healthz", None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    let ready: Value = app
        .call(Method::GET, "/readyz", None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (ready["status"].as_str(), ready["database"].as_str()),
        (Some("ready"), Some("sqlite"))
    );

    let user = app.user("metrics@example.com", Role::Admin).await;
    let token = app.token(&user.email).await;
    app.call(
        Method::GET,
        &format!("/api/v1/admin/users/{}", user.id),
        Some(&token),
        None,
    )
    .await;
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(common::METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"route="/api/v1/admin/users/{id}""#),
        "{metrics}"
    );
    assert!(
        !metrics.contains(&user.id.to_string()),
        "raw paths must not become labels"
    );
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    app.store.clone().close().await.unwrap();
    problem(
        app.call(Method::GET, "/readyz", None, None).await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert_eq!(
        app.call(Method::GET, "/healthz", None, None).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn request_ids_cors_and_docs() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let response = app.call(Method::GET, "/api/v1/me", None, None).await;
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["request_id"], header);

    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123");

    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/api/v1/auth/login"))
        .header("origin", "https://admin.example.com")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://admin.example.com"
    );
    let foreign = app
        .client
        .get(app.url("/api/v1/programme"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(
        !foreign
            .headers()
            .contains_key("access-control-allow-origin")
    );

    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"));
    let spec: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["openapi"], "3.1.0");
}

#[tokio::test]
async fn built_front_ends_are_served_with_client_side_routes_and_revalidation() {
    let database = TestDatabase::sqlite();
    let root = std::env::temp_dir().join(format!("powersave-spa-{}", std::process::id()));
    let mut settings = settings();
    for (name, title) in [("admin", "Admin"), ("app", "App")] {
        let dir = root.join(name);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), format!("<title>{title}</title>")).unwrap();
        std::fs::write(dir.join("assets/main.js"), "console.log(1)").unwrap();
    }
    settings.admin_ui_dir = Some(root.join("admin"));
    settings.app_ui_dir = Some(root.join("app"));
    let app = TestApp::spawn_with(&database, settings).await;
    for (prefix, title) in [("/admin", "Admin"), ("/app", "App")] {
        let deep = app
            .client
            .get(app.url(&format!("{prefix}/users/42")))
            .send()
            .await
            .unwrap();
        assert_eq!(deep.status(), StatusCode::OK);
        let modified = deep.headers()["last-modified"].to_str().unwrap().to_owned();
        assert_eq!(
            deep.text().await.unwrap(),
            format!("<title>{title}</title>")
        );
        let asset = app
            .client
            .get(app.url(&format!("{prefix}/assets/main.js")))
            .send()
            .await
            .unwrap();
        assert_eq!(asset.text().await.unwrap(), "console.log(1)");
        // A browser's reload revalidates: the answer is 304, never an empty 200.
        let again = app
            .client
            .get(app.url(&format!("{prefix}/users/42")))
            .header("if-modified-since", modified)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    }
    std::fs::remove_dir_all(root).unwrap();
}
