//! Bad input that is well-formed JSON: invalid fields are all reported at once and nothing is
//! written; bad query and path parameters. Malformed, unknown, mistyped and oversize bodies on
//! every operation are in `bad_bodies.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{PASSWORD, TestApp, problem};
use domain::account::Role;
use domain::paging::PageRequest;
use reqwest::{Method, StatusCode};
use serde_json::json;
use store::UserSearch;
use store::testing::each_backend;

async fn user_count(app: &TestApp) -> u64 {
    app.store
        .search_users(&UserSearch::default(), PageRequest::default())
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn invalid_fields_are_all_reported_and_nothing_is_written() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let users_before = user_count(&app).await;
        for (body, fields) in [
            (
                json!({ "email": "not-an-email", "password": PASSWORD, "display_name": "A" }),
                vec!["email"],
            ),
            (
                json!({ "email": "a@example.com", "password": "short", "display_name": "A" }),
                vec!["password"],
            ),
            (
                json!({ "email": "a@example.com", "password": "password123", "display_name": "A" }),
                vec!["password"],
            ),
            (
                json!({ "email": "bad", "password": "x", "display_name": " " }),
                vec!["email", "password", "display_name"],
            ),
        ] {
            let response = app
                .call(Method::POST, "/api/v1/auth/register", None, Some(body))
                .await;
            let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
            let reported: Vec<&str> = problem["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].as_str().unwrap())
                .collect();
            assert_eq!(reported, fields);
        }
        let missing = app
            .call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({ "email": "a@example.com" })),
            )
            .await;
        assert!(
            problem(missing, StatusCode::UNPROCESSABLE_ENTITY).await["detail"]
                .as_str()
                .unwrap()
                .contains("missing field")
        );
        assert_eq!(user_count(&app).await, users_before);

        let user = app.user("pavlos@example.com", Role::Consumer).await;
        let token = app.token(&user.email).await;
        let before = app.store.household(user.id).await.unwrap();
        // One bad field among good ones: the good ones are not applied either.
        let response = app
            .call(
                Method::PATCH,
                "/api/v1/me/household",
                Some(&token),
                Some(
                    json!({ "name": "New name", "district": "Atlantis", "time_zone": "Mars/Base" }),
                ),
            )
            .await;
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["errors"].as_array().unwrap().len(), 2);
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("Nicosia")
        );
        assert_eq!(app.store.household(user.id).await.unwrap(), before);

        let admin = app
            .token(&app.user("admin@example.com", Role::SuperAdmin).await.email)
            .await;
        let meter = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/meters", user.id),
                Some(&admin),
                Some(json!({ "meter_id": "CY 1", "interval_minutes": 60 })),
            )
            .await;
        assert_eq!(
            problem(meter, StatusCode::UNPROCESSABLE_ENTITY).await["errors"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let role = app
            .call(
                Method::PUT,
                &format!("/api/v1/admin/users/{}/role", user.id),
                Some(&admin),
                Some(json!({ "role": "king" })),
            )
            .await;
        problem(role, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(
            app.store
                .household(user.id)
                .await
                .unwrap()
                .meters
                .is_empty()
        );
    }
}

#[tokio::test]
async fn bad_query_and_path_parameters() {
    let database = store::testing::TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let admin = app
        .token(&app.user("admin@example.com", Role::Admin).await.email)
        .await;
    for query in ["per_page=1000", "per_page=0", "page=0", "role=king"] {
        let response = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/users?{query}"),
                Some(&admin),
                None,
            )
            .await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    for query in ["page=abc", "per_page=-1", "sort=name"] {
        let response = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/users?{query}"),
                Some(&admin),
                None,
            )
            .await;
        problem(response, StatusCode::BAD_REQUEST).await;
    }
    problem(
        app.call(
            Method::GET,
            "/api/v1/admin/users/not-a-uuid",
            Some(&admin),
            None,
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(
        app.call(Method::GET, "/api/v1/nothing-here", None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        app.call(Method::DELETE, "/api/v1/me", Some(&admin), None)
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
    )
    .await;
}
