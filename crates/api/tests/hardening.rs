//! The server never falls over: absurd pages are validation errors, concurrent admin writes on
//! SQLite all succeed, and `/metrics` is only for the holder of its token.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{METRICS_TOKEN, TestApp, problem};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;
use store::testing::TestDatabase;

/// Every list operation that takes `page`, from the OpenAPI document built from the router, so a
/// new paged list is covered without editing this test.
fn paged_lists() -> Vec<String> {
    let document = serde_json::to_value(api::openapi().unwrap()).unwrap();
    let mut lists = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let parameters = get["parameters"].as_array().cloned().unwrap_or_default();
        if parameters.iter().any(|p| p["name"] == "page") {
            lists.push(path.clone());
        }
    }
    lists
}

#[tokio::test]
async fn a_page_beyond_any_list_is_a_422_naming_the_field_on_every_paged_list() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let target = app.user("target@example.com", Role::Consumer).await;
    let root_token = app.token(&root.email).await;
    let consumer_token = app.token(&target.email).await;
    let lists = paged_lists();
    assert!(lists.len() >= 10, "{lists:?}");
    for template in &lists {
        let path = template.replace("{id}", &target.id.to_string());
        let token = if path.starts_with("/api/v1/admin/") {
            &root_token
        } else {
            &consumer_token
        };
        for (query, field) in [
            ("page=9223372036854775808", "page"),
            ("page=18446744073709551615", "page"),
            ("page=1000001", "page"),
            ("per_page=101", "per_page"),
        ] {
            let response = app
                .call(Method::GET, &format!("{path}?{query}"), Some(token), None)
                .await;
            let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(
                body["errors"],
                json!([{ "field": field, "message": body["errors"][0]["message"] }]),
                "{path}?{query}: {body}"
            );
        }
        let last = app
            .call(
                Method::GET,
                &format!("{path}?page=1000000"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(last.status(), StatusCode::OK, "{path}?page=1000000");
    }
    let both = app
        .call(
            Method::GET,
            "/api/v1/admin/users?page=0&per_page=0",
            Some(&root_token),
            None,
        )
        .await;
    let body = problem(both, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["page", "per_page"]);
}

/// Fifty admin writes at once on one SQLite file: each account disabled and given a meter, in
/// any order. A deferred transaction that upgrades to a write fails at once with "database is
/// locked" when another writer got there first; every one of these must succeed instead.
#[tokio::test]
async fn fifty_concurrent_admin_writes_on_sqlite_all_succeed() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let token = app.token(&root.email).await;
    let mut targets = Vec::new();
    for n in 0..25 {
        targets.push(
            app.user(&format!("household{n}@example.com"), Role::Consumer)
                .await,
        );
    }
    let app = &app;
    let token = token.as_str();
    let writes = targets.iter().enumerate().map(|(n, target)| async move {
        let disable_path = format!("/api/v1/admin/users/{}/disable", target.id);
        let link_path = format!("/api/v1/admin/users/{}/meters", target.id);
        let body = json!({ "meter_id": format!("CY-RACE-{n}"), "interval_minutes": 15 });
        let (disabled, linked) = tokio::join!(
            app.call(Method::POST, &disable_path, Some(token), None),
            app.call(Method::POST, &link_path, Some(token), Some(body)),
        );
        (disabled.status(), linked.status())
    });
    let statuses = futures_util::future::join_all(writes).await;
    assert_eq!(
        statuses,
        vec![(StatusCode::OK, StatusCode::OK); targets.len()]
    );
    for (n, target) in targets.iter().enumerate() {
        let stored = app.store.user_by_id(target.id).await.unwrap().unwrap();
        assert!(
            stored.disabled_at.is_some(),
            "{} not disabled",
            target.email
        );
        let household = app.store.household(target.id).await.unwrap();
        let meters: Vec<&str> = household
            .meters
            .iter()
            .map(|m| m.meter_id.as_str())
            .collect();
        assert_eq!(meters, [format!("CY-RACE-{n}")], "{}", target.email);
    }
}

#[tokio::test]
async fn metrics_are_served_only_with_the_configured_token() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let get = |token: Option<&'static str>| {
        let request = app.client.get(app.url("/metrics"));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
        .send()
    };
    problem(get(None).await.unwrap(), StatusCode::UNAUTHORIZED).await;
    problem(
        get(Some("test-metrics-token-012345678")).await.unwrap(),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let served = get(Some(METRICS_TOKEN)).await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert!(served.text().await.unwrap().contains("http_requests_total"),);

    let mut without = common::settings();
    without.metrics_token = None;
    let closed = TestApp::spawn_with(&TestDatabase::sqlite(), without).await;
    for token in [None, Some(METRICS_TOKEN)] {
        let mut request = closed.client.get(closed.url("/metrics"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        problem(request.send().await.unwrap(), StatusCode::NOT_FOUND).await;
    }
}

/// A handler that panics still gets its answer: a 500 problem+json quoting the request id that
/// is in the header and the log, counted in `http_panics_total`, and the connection stays open
/// for the next request.
#[tokio::test]
async fn a_panicking_handler_answers_500_problem_json_and_keeps_the_connection() {
    let database = TestDatabase::sqlite();
    let store = store::Store::connect(database.url(), store::PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let state = api::AppState::new(store, common::settings()).unwrap();
    let panicking = axum::Router::new().route(
        "/test/panic",
        axum::routing::get(|| async {
            let values: Vec<u64> = Vec::new();
            values[usize::from(values.is_empty())].to_string()
        }),
    );
    let app = api::router_with(state, panicking).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(api::serve(listener, app, std::future::pending()));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let metrics = || async {
        client
            .get(format!("{base}/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let panics_before = panic_count(&metrics().await);

    let response = client
        .get(format!("{base}/test/panic"))
        .send()
        .await
        .expect("a panic must still be answered");
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = problem(response, StatusCode::INTERNAL_SERVER_ERROR).await;
    assert_eq!(body["type"], "urn:powersave:problem:internal-error");
    assert_eq!(body["request_id"], request_id.as_str());
    assert!(
        !body["detail"]
            .as_str()
            .unwrap()
            .contains("index out of bounds"),
        "the panic message is for the log: {body}"
    );

    let next = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(next.status(), StatusCode::OK);
    assert_eq!(panic_count(&metrics().await), panics_before + 1);
    server.abort();
}

/// `http_panics_total` in a Prometheus exposition (0 before the first panic).
fn panic_count(exposition: &str) -> u64 {
    exposition
        .lines()
        .find_map(|line| line.strip_prefix("http_panics_total "))
        .map_or(0, |value| value.trim().parse().unwrap())
}

/// A job queue that fails answers 503 saying only that; its own error text (the queue's
/// database or Redis message) stays in the log.
#[tokio::test]
async fn a_failing_job_queue_answers_503_without_its_error_text() {
    let database = TestDatabase::sqlite();
    let path = std::env::temp_dir().join(format!("powersave-queue-{}.db", uuid::Uuid::new_v4()));
    let queue = jobs::JobQueue::connect(&jobs::QueueConfig::new(jobs::QueueBackend::Sqlite {
        path: path.clone(),
    }))
    .await
    .unwrap();
    let app = TestApp::spawn_with_state(&database, common::settings(), |state| {
        state.with_jobs(queue.clone())
    })
    .await;
    let admin = app.user("admin@example.com", Role::Admin).await;
    let token = app.token(&admin.email).await;
    queue.close().await;
    let body = problem(
        app.call(
            Method::GET,
            "/api/v1/admin/system/failed-jobs",
            Some(&token),
            None,
        )
        .await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert_eq!(
        body["detail"],
        "the job queue is unavailable; try again shortly"
    );
    let _ = std::fs::remove_file(path);
}
