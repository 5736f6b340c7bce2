//! Bad bodies on every operation that takes one: malformed JSON, an unknown field, a wrong type,
//! the wrong media type and an oversize body each get a clear 4xx problem+json, with the right
//! credentials and real ids in the path, and nothing is written.
//!
//! The operations come from the OpenAPI document, which is built from the router itself: an
//! endpoint added without a valid body in `valid_body()` fails the test. Field-level validation
//! (invalid e-mail, weak password …) is in `bad_input.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Duration, DurationRound, Utc};
use common::{PASSWORD, TestApp, problem};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::day_number;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{each_backend, session_plan};
use store::{HistoryRequest, UserRecord, UserSearch};
use uuid::Uuid;

/// Every operation that takes a request body, from the OpenAPI document built from the router:
/// (method, path template, the document's operation).
fn body_operations() -> Vec<(Method, String, Value)> {
    let document = serde_json::to_value(api::openapi().unwrap()).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if operation.get("requestBody").is_some() {
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                operations.push((method, path.clone(), operation.clone()));
            }
        }
    }
    operations
}

/// What the calls need: a superadmin, a target account with a meter, a draft session and a
/// data-source API key.
struct Fixture {
    root: UserRecord,
    target: UserRecord,
    session: Uuid,
    api_key: String,
    slot: DateTime<Utc>,
}

const METER: &str = "CY-BAD-1";

async fn fixture(app: &TestApp) -> Fixture {
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let target = app.user("target@example.com", Role::Consumer).await;
    app.store
        .link_meter(
            target.id,
            &MeterId::parse(METER).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let slot = (Utc::now() + Duration::days(3))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let session = app
        .store
        .create_session(&session_plan("Peak", slot, 1), None)
        .await
        .unwrap()
        .id;
    let token = app.token(&root.email).await;
    let created: Value = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(&token),
            Some(json!({ "name": "bad-input-mdm" })),
        )
        .await
        .json()
        .await
        .unwrap();
    Fixture {
        root,
        target,
        session,
        api_key: created["api_key"].as_str().unwrap().to_owned(),
        slot,
    }
}

/// The concrete path of a template, with the fixture's ids.
fn concrete_path(template: &str, fixture: &Fixture) -> String {
    let id = if template.starts_with("/api/v1/admin/sessions/") {
        fixture.session.to_string()
    } else {
        fixture.target.id.to_string()
    };
    template.replace("{id}", &id).replace("{meter_id}", METER)
}

/// A body the operation accepts, and the status it answers with. An operation missing here fails
/// the test, so a new endpoint cannot go untested.
async fn valid_body(
    app: &TestApp,
    fixture: &Fixture,
    method: &Method,
    template: &str,
) -> (Value, StatusCode) {
    let refresh_token = || async {
        let tokens: Value = app
            .login(&fixture.root.email, PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        tokens["refresh_token"].as_str().unwrap().to_owned()
    };
    let plan = |start: DateTime<Utc>| {
        json!({ "title": "Evening peak", "starts_at": start, "ends_at": start + Duration::hours(1),
                "points_per_kwh": 100 })
    };
    let reading_at = (Utc::now() - Duration::hours(2))
        .duration_trunc(Duration::minutes(15))
        .unwrap();
    match (method.as_str(), template) {
        ("POST", "/api/v1/auth/register") => (
            json!({ "email": "new@example.com", "password": PASSWORD, "display_name": "New" }),
            StatusCode::CREATED,
        ),
        ("POST", "/api/v1/auth/login") => (
            json!({ "email": fixture.root.email, "password": PASSWORD }),
            StatusCode::OK,
        ),
        ("POST", "/api/v1/auth/refresh") => (
            json!({ "refresh_token": refresh_token().await }),
            StatusCode::OK,
        ),
        ("POST", "/api/v1/auth/logout") => (
            json!({ "refresh_token": refresh_token().await }),
            StatusCode::NO_CONTENT,
        ),
        ("PUT", "/api/v1/me/password") => (
            json!({ "current_password": PASSWORD, "new_password": PASSWORD }),
            StatusCode::OK,
        ),
        ("PATCH", "/api/v1/me/household") => (json!({ "name": "Home" }), StatusCode::OK),
        ("PATCH", "/api/v1/me") => (json!({ "language": "el" }), StatusCode::OK),
        // The register of this fixture is empty: a well-formed claim is refused by its field.
        ("POST", "/api/v1/me/meter-claims") => (
            json!({ "account_number": "1002003045", "meter_id": "CY-BAD-3",
                    "consent_version": domain::onboarding::CONSENT_TEXT_VERSION }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // No claim has the fixture's id.
        ("POST", "/api/v1/admin/meter-claims/{id}/decision") => (
            json!({ "approve": false, "note": "not their bill" }),
            StatusCode::NOT_FOUND,
        ),
        ("PUT", "/api/v1/admin/users/{id}/role") => (json!({ "role": "admin" }), StatusCode::OK),
        ("POST", "/api/v1/admin/users/{id}/meters") => (
            json!({ "meter_id": "CY-BAD-2", "interval_minutes": 15 }),
            StatusCode::OK,
        ),
        ("POST", "/api/v1/admin/data-sources") => {
            (json!({ "name": "another-mdm" }), StatusCode::CREATED)
        }
        ("POST", "/api/v1/meter-readings") => (
            json!({ "readings": [{ "meter_id": METER, "interval_start": reading_at, "kwh": 0.25 }] }),
            StatusCode::OK,
        ),
        ("POST", "/api/v1/admin/meters/{meter_id}/corrections") => (
            json!({ "interval_start": reading_at, "kwh": 0.3, "reason": "meter re-read" }),
            StatusCode::CREATED,
        ),
        ("PUT", "/api/v1/admin/meters/{meter_id}/sources") => {
            (json!({ "sources": ["bad-input-mdm"] }), StatusCode::OK)
        }
        ("POST", "/api/v1/admin/sessions") => {
            (plan(fixture.slot + Duration::days(1)), StatusCode::CREATED)
        }
        ("PUT", "/api/v1/admin/sessions/{id}") => (plan(fixture.slot), StatusCode::OK),
        _ => panic!("{method} {template} takes a body: add a valid one to valid_body()"),
    }
}

/// Everything a request could have written.
#[derive(Debug, PartialEq)]
struct Written {
    users: u64,
    households: Vec<store::HouseholdRecord>,
    target_role: Role,
    root_password_hash: String,
    root_refresh_tokens: u64,
    sessions: Vec<store::SessionRecord>,
    sources: Vec<store::SourceRecord>,
    meter_sources: Vec<String>,
    corrections: u64,
    readings: usize,
}

async fn written(app: &TestApp, fixture: &Fixture) -> Written {
    let meters = app
        .store
        .meters_by_utility_ids(&[METER.to_owned()])
        .await
        .unwrap();
    let today = day_number(Utc::now());
    let readings = app
        .store
        .reading_history(&HistoryRequest {
            meters: vec![meters[METER].id],
            first_day: today - 2,
            last_day: today,
            from_minute: 0,
            to_minute: 1440,
        })
        .await
        .unwrap()
        .iter()
        .map(|day| day.intervals().count())
        .sum();
    Written {
        users: user_count(app).await,
        households: vec![
            app.store.household(fixture.root.id).await.unwrap(),
            app.store.household(fixture.target.id).await.unwrap(),
        ],
        target_role: app
            .store
            .user_by_id(fixture.target.id)
            .await
            .unwrap()
            .unwrap()
            .role,
        root_password_hash: app.store.password_hash(fixture.root.id).await.unwrap(),
        root_refresh_tokens: app
            .store
            .live_refresh_tokens(fixture.root.id)
            .await
            .unwrap(),
        sessions: app
            .store
            .list_sessions(&[], false, PageRequest::default())
            .await
            .unwrap()
            .items,
        sources: app.store.list_sources().await.unwrap(),
        meter_sources: app
            .store
            .meter_sources(&MeterId::parse(METER).unwrap())
            .await
            .unwrap(),
        corrections: app
            .store
            .corrections(None, PageRequest::default())
            .await
            .unwrap()
            .total,
        readings,
    }
}

async fn user_count(app: &TestApp) -> u64 {
    app.store
        .search_users(&UserSearch::default(), PageRequest::default())
        .await
        .unwrap()
        .total
}

/// The same value with a type no field of ours accepts in its place.
fn mistyped(value: &Value) -> Value {
    if value.is_array() {
        json!("not a list")
    } else {
        json!([1, 2])
    }
}

#[tokio::test]
async fn malformed_unknown_mistyped_and_oversize_bodies_on_every_operation() {
    for database in each_backend().await {
        let mut settings = common::settings();
        // The bulk upload has its own, larger limit; keep it small so an oversize body is too.
        settings.ingest_body_limit_bytes = 32 * 1024;
        let oversize_bytes = 2 * settings
            .body_limit_bytes
            .max(settings.ingest_body_limit_bytes);
        let app = TestApp::spawn_with(&database, settings).await;
        let fixture = fixture(&app).await;
        let token = app.token(&fixture.root.email).await;
        let operations = body_operations();
        assert!(operations.len() >= 12, "{operations:?}");
        let mut bodies = Vec::new();
        for (method, template, _) in &operations {
            bodies.push(valid_body(&app, &fixture, method, template).await.0);
        }
        let before = written(&app, &fixture).await;

        for ((method, template, operation), valid) in operations.iter().zip(&bodies) {
            let path = concrete_path(template, &fixture);
            let security = operation["security"].to_string();
            let send = |body: Vec<u8>, content_type: &'static str| {
                let request = app
                    .client
                    .request(method.clone(), app.url(&path))
                    .header("content-type", content_type)
                    .body(body);
                let request = if security.contains("api_key") {
                    request.header("x-api-key", &fixture.api_key)
                } else if security.contains("bearer") {
                    request.bearer_auth(&token)
                } else {
                    request
                };
                request.send()
            };
            let at = format!("[{}] {method} {template}", app.backend);

            let malformed = send(b"{]".to_vec(), "application/json").await.unwrap();
            let body = problem(malformed, StatusCode::BAD_REQUEST).await;
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("key must be a string"),
                "{at}: {body}"
            );

            let mut unknown = valid.clone();
            unknown["surprise_field"] = json!(true);
            let body = problem(
                send(unknown.to_string().into_bytes(), "application/json")
                    .await
                    .unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("unknown field `surprise_field`"),
                "{at}: {body}"
            );

            let mut wrong = valid.clone();
            let first_key = wrong.as_object().unwrap().keys().next().unwrap().clone();
            wrong[&first_key] = mistyped(&wrong[&first_key]);
            let body = problem(
                send(wrong.to_string().into_bytes(), "application/json")
                    .await
                    .unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(
                body["detail"].as_str().unwrap().contains("invalid type"),
                "{at}: {body}"
            );

            let body = problem(
                send(valid.to_string().into_bytes(), "text/plain")
                    .await
                    .unwrap(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            )
            .await;
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("application/json"),
                "{at}: {body}"
            );

            let oversize = json!({ first_key.as_str(): "x".repeat(oversize_bytes) }).to_string();
            let body = problem(
                send(oversize.into_bytes(), "application/json")
                    .await
                    .unwrap(),
                StatusCode::PAYLOAD_TOO_LARGE,
            )
            .await;
            assert!(
                body["detail"].as_str().unwrap().contains("too large"),
                "{at}: {body}"
            );
        }
        assert_eq!(written(&app, &fixture).await, before, "{}", app.backend);

        // The bodies the bad ones were made from are accepted, with the same credentials and
        // paths: each refusal above was the body's doing.
        for (method, template, operation) in &operations {
            let (body, status) = valid_body(&app, &fixture, method, template).await;
            // Password changes end sessions; sign in afresh for every call.
            let token = app.token(&fixture.root.email).await;
            let request = app
                .client
                .request(method.clone(), app.url(&concrete_path(template, &fixture)))
                .json(&body);
            let security = operation["security"].to_string();
            let request = if security.contains("api_key") {
                request.header("x-api-key", &fixture.api_key)
            } else {
                request.bearer_auth(&token)
            };
            let response = request.send().await.unwrap();
            let answered = response.status();
            let text = response.text().await.unwrap();
            assert_eq!(
                answered, status,
                "[{}] {method} {template}: {text}",
                app.backend
            );
        }
        let after = written(&app, &fixture).await;
        assert_eq!(after.readings, before.readings + 1);
        assert_eq!(after.sessions.len(), before.sessions.len() + 1);
        assert_eq!(after.target_role, Role::Admin);
    }
}
