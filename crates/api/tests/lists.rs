//! The staff tables through the real router: sorted and paged on the server, and a clear 400 for
//! an order a list does not offer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, DurationRound, Utc};
use common::{TestApp, problem};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::{each_backend, session_plan};

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.call(Method::GET, path, Some(token), None).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "[{}] {path}",
        app.backend
    );
    response.json().await.unwrap()
}

fn strings(page: &Value, field: &str) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn plan_in_days(title: &str, days: i64) -> store::SessionPlan {
    let start = (Utc::now() + Duration::days(days))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    session_plan(title, start, 1)
}

#[tokio::test]
async fn an_admin_sorts_each_table_by_its_headers() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let token = app.token(&admin.email).await;
        let zoe = app.user("zoe@example.com", Role::Consumer).await;
        let bea = app.user("bea@example.com", Role::Consumer).await;

        let users = get(&app, &token, "/api/v1/admin/users?sort=email").await;
        assert_eq!(
            strings(&users, "email"),
            ["admin@example.com", "bea@example.com", "zoe@example.com"],
            "{}",
            app.backend
        );
        let users = get(
            &app,
            &token,
            "/api/v1/admin/users?sort=-email&per_page=1&page=3",
        )
        .await;
        assert_eq!(
            (strings(&users, "email"), users["total"].as_u64()),
            (vec!["admin@example.com".to_owned()], Some(3))
        );
        // Newest first by default; the admin signed in, so it leads by last sign-in.
        assert_eq!(
            strings(&get(&app, &token, "/api/v1/admin/users").await, "email")[0],
            "bea@example.com"
        );
        assert_eq!(
            strings(
                &get(&app, &token, "/api/v1/admin/users?sort=-last_login_at").await,
                "email"
            )[0],
            "admin@example.com"
        );

        for (title, days) in [("Beta", 3), ("alpha", 5), ("Gamma", 4)] {
            let session = app
                .store
                .create_session(&plan_in_days(title, days), None)
                .await
                .unwrap();
            app.store.join_session(session.id, zoe.id).await.unwrap();
            if title == "Gamma" {
                app.store.join_session(session.id, bea.id).await.unwrap();
            }
        }
        let sessions = get(&app, &token, "/api/v1/admin/sessions?sort=title").await;
        assert_eq!(strings(&sessions, "title"), ["alpha", "Beta", "Gamma"]);
        let sessions = get(
            &app,
            &token,
            "/api/v1/admin/sessions?sort=starts_at&state=draft",
        )
        .await;
        assert_eq!(strings(&sessions, "title"), ["Beta", "Gamma", "alpha"]);
        // A household's joined sessions sort the same way; latest start first by default.
        let joined_titles = async |query: &str| -> Vec<String> {
            let page = get(
                &app,
                &token,
                &format!("/api/v1/admin/users/{}/sessions{query}", zoe.id),
            )
            .await;
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["session"]["title"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            joined_titles("?sort=title").await,
            ["alpha", "Beta", "Gamma"]
        );
        assert_eq!(joined_titles("").await, ["alpha", "Gamma", "Beta"]);
        // Each joined session counts all its participants, not only this household.
        let by_participants = get(
            &app,
            &token,
            &format!("/api/v1/admin/users/{}/sessions?sort=-participants", zoe.id),
        )
        .await;
        let first = &by_participants["items"][0]["session"];
        assert_eq!(
            (&first["title"], &first["participants"]),
            (&"Gamma".into(), &2.into())
        );
        let unsortable = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/users/{}/sessions?sort=saved", zoe.id),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(unsortable.status(), StatusCode::BAD_REQUEST);

        app.store
            .append_points(
                &[
                    ("opt_in_bonus", 10),
                    ("session_savings", 250),
                    ("streak_bonus", 50),
                ]
                .map(|(reason, points)| store::NewPointsEntry {
                    user_id: zoe.id,
                    reason: domain::rewards::LedgerReason::parse(reason).unwrap(),
                    reference: "s1".to_owned(),
                    points,
                    note: None,
                }),
            )
            .await
            .unwrap();
        let ledger = get(
            &app,
            &token,
            &format!("/api/v1/admin/users/{}/points?sort=-points", zoe.id),
        )
        .await;
        assert_eq!(
            (strings(&ledger, "reason"), ledger["balance"].as_i64()),
            (
                vec![
                    "session_savings".to_owned(),
                    "streak_bonus".to_owned(),
                    "opt_in_bonus".to_owned()
                ],
                Some(310)
            )
        );
        let ledger = get(
            &app,
            &token,
            &format!(
                "/api/v1/admin/users/{}/points?sort=reason&per_page=2&page=2",
                zoe.id
            ),
        )
        .await;
        assert_eq!(strings(&ledger, "reason"), ["streak_bonus"]);

        let mqtt = app
            .store
            .ensure_source("mqtt", store::SourceKind::Mqtt)
            .await
            .unwrap();
        let file = app
            .store
            .ensure_source("archive", store::SourceKind::File)
            .await
            .unwrap();
        app.store
            .add_dead_letter(mqtt.id, "{", "not JSON")
            .await
            .unwrap();
        app.store
            .add_dead_letter(file.id, "x,y", "bad row")
            .await
            .unwrap();
        let letters = get(
            &app,
            &token,
            "/api/v1/admin/meter-data/dead-letters?sort=source_name",
        )
        .await;
        assert_eq!(strings(&letters, "source_name"), ["archive", "mqtt"]);
        let letters = get(
            &app,
            &token,
            "/api/v1/admin/meter-data/dead-letters?sort=-reason&per_page=1",
        )
        .await;
        assert_eq!(
            (strings(&letters, "reason"), letters["total"].as_u64()),
            (vec!["not JSON".to_owned()], Some(2))
        );

        let sources = get(
            &app,
            &token,
            "/api/v1/admin/meter-data/sources?sort=-name&per_page=1",
        )
        .await;
        assert_eq!(
            (
                strings(&sources, "name"),
                sources["total"].as_u64(),
                sources["per_page"].as_u64()
            ),
            (vec!["mqtt".to_owned()], Some(2), Some(1))
        );
        let sources = get(
            &app,
            &token,
            "/api/v1/admin/meter-data/sources?page=2&per_page=1",
        )
        .await;
        assert_eq!(strings(&sources, "name"), ["mqtt"], "by name by default");
    }
}

#[tokio::test]
async fn an_unknown_order_or_page_is_refused_with_a_problem() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let token = app.token(&admin.email).await;
        let ledger = format!("/api/v1/admin/users/{}/points", admin.id);
        for (path, allowed) in [
            ("/api/v1/admin/users", "email, display_name, role"),
            (
                "/api/v1/admin/sessions",
                "title, starts_at, state, participants",
            ),
            (ledger.as_str(), "created_at, points, reason"),
            (
                "/api/v1/admin/meter-data/dead-letters",
                "received_at, source_name, reason",
            ),
            (
                "/api/v1/admin/meter-data/sources",
                "name, kind, last_reading_at",
            ),
        ] {
            for sort in ["password_hash", "-", "--email", "Email", ""] {
                let response = app
                    .call(
                        Method::GET,
                        &format!("{path}?sort={sort}"),
                        Some(&token),
                        None,
                    )
                    .await;
                let body = problem(response, StatusCode::BAD_REQUEST).await;
                assert_eq!(body["type"], "urn:powersave:problem:invalid-parameter");
                assert_eq!(body["errors"][0]["field"], "sort", "{path}?sort={sort}");
                let message = body["errors"][0]["message"].as_str().unwrap();
                assert!(message.contains(allowed), "{path}: {message}");
                assert!(body["detail"].as_str().unwrap().starts_with("sort: "));
            }
        }
        for path in [
            "/api/v1/admin/meter-data/sources",
            "/api/v1/admin/overview/sessions",
            "/api/v1/admin/system/failed-jobs",
            ledger.as_str(),
        ] {
            for query in ["per_page=0", "per_page=101", "page=0"] {
                let response = app
                    .call(Method::GET, &format!("{path}?{query}"), Some(&token), None)
                    .await;
                problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            }
            for query in ["page=abc", "per_page=-1", "order=name"] {
                let response = app
                    .call(Method::GET, &format!("{path}?{query}"), Some(&token), None)
                    .await;
                problem(response, StatusCode::BAD_REQUEST).await;
            }
        }
        for query in ["resolution=15m", "resolution=1w"] {
            let response = app
                .call(
                    Method::GET,
                    &format!("/api/v1/admin/overview/consumption?{query}"),
                    Some(&token),
                    None,
                )
                .await;
            let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(body["errors"][0]["field"], "resolution");
        }
        let response = app
            .call(
                Method::GET,
                "/api/v1/admin/overview/consumption?from=2026-01-01",
                Some(&token),
                None,
            )
            .await;
        problem(response, StatusCode::BAD_REQUEST).await;
    }
}
