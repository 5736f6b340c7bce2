//! Every API operation × anonymous / consumer / admin / superadmin → the expected status.
//!
//! The list of operations comes from the OpenAPI document, which is built from the router itself:
//! a route added without a row here fails `matrix_covers_every_operation`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use chrono::DurationRound;
use common::{PASSWORD, TestApp};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{each_backend, session_plan};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Public,
    SignedIn,
    Admin,
    SuperAdmin,
    /// Machines with a data-source API key; no user token is accepted.
    DataSource,
}

/// (method, path template, who may call it, status on success). A template may carry a query
/// string, so a parameter gets its own row: it is checked like its operation's plain row.
#[rustfmt::skip]
const MATRIX: &[(&str, &str, Access, u16)] = &[
    ("POST", "/api/v1/auth/register", Access::Public, 201),
    ("POST", "/api/v1/auth/login", Access::Public, 200),
    ("POST", "/api/v1/auth/refresh", Access::Public, 200),
    ("POST", "/api/v1/auth/logout", Access::Public, 204),
    ("GET", "/api/v1/programme", Access::Public, 200),
    ("GET", "/api/v1/me", Access::SignedIn, 200),
    ("PATCH", "/api/v1/me", Access::SignedIn, 200),
    ("PUT", "/api/v1/me/password", Access::SignedIn, 200),
    ("GET", "/api/v1/me/household", Access::SignedIn, 200),
    ("PATCH", "/api/v1/me/household", Access::SignedIn, 200),
    ("GET", "/api/v1/me/consumption", Access::SignedIn, 200),
    ("GET", "/api/v1/me/consumption/summary", Access::SignedIn, 200),
    ("GET", "/api/v1/me/consumption/export", Access::SignedIn, 200),
    ("GET", "/api/v1/me/onboarding", Access::SignedIn, 200),
    ("GET", "/api/v1/me/consent", Access::SignedIn, 200),
    ("GET", "/api/v1/me/consents", Access::SignedIn, 200),
    // Callers get as far as the rules: no such consent, no such meter in the register.
    ("DELETE", "/api/v1/me/consents/{id}", Access::SignedIn, 404),
    ("POST", "/api/v1/me/meter-claims", Access::SignedIn, 422),
    ("GET", "/api/v1/admin/meter-claims", Access::Admin, 200),
    ("GET", "/api/v1/admin/meter-claims?status=review", Access::Admin, 200),
    // No claim has this id: staff get past the role check to the 404.
    ("POST", "/api/v1/admin/meter-claims/{id}/decision", Access::Admin, 404),
    ("GET", "/api/v1/admin/users/{id}/meter-links", Access::Admin, 200),
    ("GET", "/api/v1/admin/customer-register", Access::Admin, 200),
    ("GET", "/api/v1/me/progress", Access::SignedIn, 200),
    ("GET", "/api/v1/badges", Access::SignedIn, 200),
    ("GET", "/api/v1/admin/users/{id}/progress", Access::Admin, 200),
    ("POST", "/api/v1/admin/users/{id}/progress/recompute", Access::Admin, 202),
    ("GET", "/api/v1/admin/programme/progress", Access::Admin, 200),
    ("GET", "/api/v1/admin/overview", Access::Admin, 200),
    ("GET", "/api/v1/admin/overview/sessions", Access::Admin, 200),
    ("GET", "/api/v1/admin/overview/sessions?page=2&per_page=5", Access::Admin, 200),
    ("GET", "/api/v1/admin/overview/consumption", Access::Admin, 200),
    ("GET", "/api/v1/admin/overview/consumption?resolution=1h", Access::Admin, 200),
    ("GET", "/api/v1/admin/users", Access::Admin, 200),
    ("GET", "/api/v1/admin/users?sort=-last_login_at", Access::Admin, 200),
    ("GET", "/api/v1/admin/users/{id}", Access::Admin, 200),
    ("POST", "/api/v1/admin/users/{id}/disable", Access::Admin, 200),
    ("POST", "/api/v1/admin/users/{id}/enable", Access::Admin, 200),
    ("POST", "/api/v1/admin/users/{id}/meters", Access::Admin, 200),
    ("DELETE", "/api/v1/admin/users/{id}/meters/{meter_id}", Access::Admin, 200),
    ("PUT", "/api/v1/admin/users/{id}/role", Access::SuperAdmin, 200),
    ("GET", "/api/v1/admin/meter-data/sources", Access::Admin, 200),
    ("GET", "/api/v1/admin/meter-data/sources?sort=-readings_today&page=1&per_page=5", Access::Admin, 200),
    ("GET", "/api/v1/admin/meter-data/dead-letters", Access::Admin, 200),
    ("GET", "/api/v1/admin/meter-data/dead-letters?sort=source_name", Access::Admin, 200),
    ("GET", "/api/v1/admin/meter-data/corrections", Access::Admin, 200),
    ("POST", "/api/v1/admin/meters/{meter_id}/corrections", Access::Admin, 201),
    ("GET", "/api/v1/admin/meters/{meter_id}/sources", Access::Admin, 200),
    ("PUT", "/api/v1/admin/meters/{meter_id}/sources", Access::SuperAdmin, 200),
    ("POST", "/api/v1/admin/data-sources", Access::SuperAdmin, 201),
    ("POST", "/api/v1/admin/data-sources/{id}/revoke", Access::SuperAdmin, 200),
    ("POST", "/api/v1/meter-readings", Access::DataSource, 200),
    ("GET", "/api/v1/admin/sessions", Access::Admin, 200),
    ("GET", "/api/v1/admin/sessions?sort=participants&state=scheduled", Access::Admin, 200),
    ("POST", "/api/v1/admin/sessions", Access::Admin, 201),
    ("GET", "/api/v1/admin/sessions/{id}", Access::Admin, 200),
    ("PUT", "/api/v1/admin/sessions/{id}", Access::Admin, 200),
    ("POST", "/api/v1/admin/sessions/{id}/announce", Access::Admin, 200),
    ("POST", "/api/v1/admin/sessions/{id}/cancel", Access::Admin, 200),
    ("GET", "/api/v1/sessions", Access::SignedIn, 200),
    ("GET", "/api/v1/sessions/{id}", Access::SignedIn, 200),
    // Authorised callers get as far as the rules: these accounts have no meter data to be
    // eligible with, and had not joined (the join and leave stories are in sessions.rs).
    ("POST", "/api/v1/sessions/{id}/join", Access::SignedIn, 409),
    ("DELETE", "/api/v1/sessions/{id}/join", Access::SignedIn, 409),
    // Live progress starts with the session (these are announced, not started).
    ("GET", "/api/v1/sessions/{id}/live", Access::SignedIn, 409),
    ("GET", "/api/v1/admin/sessions/{id}/live", Access::Admin, 409),
    ("GET", "/api/v1/admin/sessions/{id}/results", Access::Admin, 200),
    ("GET", "/api/v1/admin/sessions/{id}/results.csv", Access::Admin, 200),
    // The session prepared here has not ended: staff get past the role check to the refusal.
    (
        "POST",
        "/api/v1/admin/sessions/{id}/results/{user_id}/recompute",
        Access::Admin,
        409,
    ),
    ("GET", "/api/v1/admin/system", Access::Admin, 200),
    // Without a queue there are no failed jobs to list.
    ("GET", "/api/v1/admin/system/failed-jobs", Access::Admin, 200),
    ("GET", "/api/v1/admin/system/failed-jobs?page=2&per_page=10", Access::Admin, 200),
    // These test servers run without a job queue.
    ("POST", "/api/v1/admin/system/failed-jobs/{id}/retry", Access::Admin, 503),
    ("GET", "/api/v1/admin/baselines/accuracy", Access::Admin, 200),
    ("GET", "/api/v1/me/points", Access::SignedIn, 200),
    ("GET", "/api/v1/admin/users/{id}/points", Access::Admin, 200),
    ("GET", "/api/v1/admin/users/{id}/points?sort=-points&per_page=10", Access::Admin, 200),
    ("GET", "/api/v1/admin/users/{id}/sessions", Access::Admin, 200),
    ("GET", "/api/v1/admin/users/{id}/consumption", Access::Admin, 200),
];

fn documented_operations() -> BTreeSet<(String, String)> {
    let document = serde_json::to_value(api::openapi().unwrap()).unwrap();
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                operations.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

#[test]
fn matrix_covers_every_operation() {
    let in_matrix: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(method, path, _, _)| {
            let operation = path.split('?').next().unwrap_or(path);
            ((*method).to_owned(), operation.to_owned())
        })
        .collect();
    let documented = documented_operations();
    let missing: Vec<_> = documented.difference(&in_matrix).collect();
    let stale: Vec<_> = in_matrix.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "operations without an authorization row: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for operations that no longer exist: {stale:?}"
    );
}

struct Caller {
    name: &'static str,
    email: Option<String>,
    token: Option<String>,
}

/// Builds the concrete path and body of one call, creating whatever it needs (a fresh target
/// account per call, so calls never depend on each other).
async fn prepare(
    app: &TestApp,
    method: &str,
    template: &str,
    serial: usize,
) -> (String, Option<Value>) {
    let target = app
        .user(&format!("target{serial}@example.com"), Role::Consumer)
        .await;
    let meter_id = format!("CY-M{serial}");
    let slot = (chrono::Utc::now() + chrono::Duration::days(3))
        .duration_trunc(chrono::Duration::hours(1))
        .unwrap()
        + chrono::Duration::hours(serial as i64);
    let plan = json!({
        "title": "Peak", "starts_at": slot, "ends_at": slot + chrono::Duration::hours(1),
        "points_per_kwh": 100
    });
    let id = if template.contains("sessions/{id}") {
        let session = app
            .store
            .create_session(&session_plan("Peak", slot, 1), None)
            .await
            .unwrap();
        if !template.ends_with("/announce") {
            app.store
                .set_session_state(
                    session.id,
                    domain::session::SessionState::Draft,
                    domain::session::SessionState::Scheduled,
                )
                .await
                .unwrap();
        }
        session.id.to_string()
    } else if template.starts_with("/api/v1/admin/data-sources/") {
        let source = format!("source-{serial}");
        app.store
            .create_source(&source, store::SourceKind::Api, None)
            .await
            .unwrap()
            .id
            .to_string()
    } else {
        target.id.to_string()
    };
    let path = template
        .replace("{id}", &id)
        .replace("{user_id}", &target.id.to_string())
        .replace("{meter_id}", &meter_id);
    let body = match (method, template) {
        ("POST", "/api/v1/auth/register") => Some(json!({
            "email": format!("new{serial}@example.com"), "password": PASSWORD, "display_name": "New"
        })),
        ("POST", "/api/v1/auth/login") => {
            Some(json!({ "email": target.email, "password": PASSWORD }))
        }
        ("POST", "/api/v1/auth/refresh" | "/api/v1/auth/logout") => {
            let tokens: Value = app
                .login(&target.email, PASSWORD)
                .await
                .json()
                .await
                .unwrap();
            Some(json!({ "refresh_token": tokens["refresh_token"] }))
        }
        // Re-setting the same password keeps the caller's credentials known to later calls.
        ("PUT", "/api/v1/me/password") => {
            Some(json!({ "current_password": PASSWORD, "new_password": PASSWORD }))
        }
        ("PATCH", "/api/v1/me/household") => Some(json!({ "district": "Paphos" })),
        ("PATCH", "/api/v1/me") => Some(json!({ "language": "el" })),
        ("POST", "/api/v1/me/meter-claims") => Some(json!({
            "account_number": "1002003045", "meter_id": meter_id,
            "consent_version": domain::onboarding::CONSENT_TEXT_VERSION
        })),
        ("POST", "/api/v1/admin/meter-claims/{id}/decision") => {
            Some(json!({ "approve": false, "note": "not theirs" }))
        }
        ("POST", "/api/v1/admin/users/{id}/meters") => {
            Some(json!({ "meter_id": meter_id, "interval_minutes": 15 }))
        }
        ("DELETE", "/api/v1/admin/users/{id}/meters/{meter_id}") => {
            app.store
                .link_meter(
                    target.id,
                    &domain::meter::MeterId::parse(&meter_id).unwrap(),
                    domain::meter::IntervalLength::FifteenMinutes,
                )
                .await
                .unwrap();
            None
        }
        ("GET" | "PUT", "/api/v1/admin/meters/{meter_id}/sources") => {
            app.store
                .link_meter(
                    target.id,
                    &domain::meter::MeterId::parse(&meter_id).unwrap(),
                    domain::meter::IntervalLength::FifteenMinutes,
                )
                .await
                .unwrap();
            (method == "PUT").then(|| json!({ "sources": [] }))
        }
        ("POST", "/api/v1/admin/meters/{meter_id}/corrections") => {
            app.store
                .link_meter(
                    target.id,
                    &domain::meter::MeterId::parse(&meter_id).unwrap(),
                    domain::meter::IntervalLength::FifteenMinutes,
                )
                .await
                .unwrap();
            let start = (chrono::Utc::now() - chrono::Duration::hours(2))
                .duration_trunc(chrono::Duration::hours(1))
                .unwrap();
            Some(json!({ "interval_start": start, "kwh": 0.3, "reason": "meter re-read" }))
        }
        ("PUT", "/api/v1/admin/users/{id}/role") => Some(json!({ "role": "admin" })),
        ("POST", "/api/v1/admin/data-sources") => Some(json!({ "name": format!("mdm-{serial}") })),
        ("POST", "/api/v1/meter-readings") => Some(json!({ "readings": [] })),
        ("POST", "/api/v1/admin/sessions") | ("PUT", "/api/v1/admin/sessions/{id}") => Some(plan),
        _ => None,
    };
    (path, body)
}

#[tokio::test]
async fn every_operation_for_every_role() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let mut callers = vec![Caller {
            name: "anonymous",
            email: None,
            token: None,
        }];
        for (name, role) in [
            ("consumer", Role::Consumer),
            ("admin", Role::Admin),
            ("superadmin", Role::SuperAdmin),
        ] {
            let email = format!("{name}@example.com");
            app.user(&email, role).await;
            callers.push(Caller {
                name,
                email: Some(email.clone()),
                token: None,
            });
        }
        let mut serial = 0;
        for &(method, template, access, success) in MATRIX {
            for caller in &mut callers {
                serial += 1;
                // Password changes revoke sessions; sign in afresh for every call.
                caller.token = match &caller.email {
                    Some(email) => Some(app.token(email).await),
                    None => None,
                };
                let (path, body) = prepare(&app, method, template, serial).await;
                let response = app
                    .call(
                        Method::from_bytes(method.as_bytes()).unwrap(),
                        &path,
                        caller.token.as_deref(),
                        body,
                    )
                    .await;
                let expected = match (access, caller.name) {
                    (Access::Public, _) => success,
                    (Access::DataSource, _) => 401,
                    (_, "anonymous") => 401,
                    (Access::SignedIn, _) => success,
                    (Access::Admin, "consumer") => 403,
                    (Access::Admin, _) => success,
                    (Access::SuperAdmin, "superadmin") => success,
                    (Access::SuperAdmin, _) => 403,
                };
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                assert_eq!(
                    status,
                    StatusCode::from_u16(expected).unwrap(),
                    "[{}] {method} {template} as {}: {text}",
                    app.backend,
                    caller.name
                );
            }
        }
        // The one caller a data-source route accepts: a machine with an API key.
        let key = data_source_key(&app).await;
        for &(method, template, access, success) in
            MATRIX.iter().filter(|row| row.2 == Access::DataSource)
        {
            let response = app
                .client
                .request(
                    Method::from_bytes(method.as_bytes()).unwrap(),
                    app.url(template),
                )
                .header("x-api-key", &key)
                .json(&json!({ "readings": [] }))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status().as_u16(),
                success,
                "{method} {template} with an API key ({access:?})"
            );
        }
    }
}

async fn data_source_key(app: &TestApp) -> String {
    let root = app.user("keymaker@example.com", Role::SuperAdmin).await;
    let token = app.token(&root.email).await;
    let created: Value = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(&token),
            Some(json!({ "name": "matrix-mdm" })),
        )
        .await
        .json()
        .await
        .unwrap();
    created["api_key"].as_str().unwrap().to_owned()
}
