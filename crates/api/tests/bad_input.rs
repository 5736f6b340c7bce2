//! Bad input on every endpoint that takes input: a clear 4xx problem+json, and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{PASSWORD, TestApp, problem};
use domain::account::Role;
use domain::paging::PageRequest;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::UserSearch;
use store::testing::each_backend;

/// Every operation with a JSON body, and a body valid for it.
fn json_endpoints(target: &str) -> Vec<(Method, String, Value)> {
    vec![
        (
            Method::POST,
            "/api/v1/auth/register".into(),
            json!({ "email": "x@example.com", "password": PASSWORD, "display_name": "X" }),
        ),
        (
            Method::POST,
            "/api/v1/auth/login".into(),
            json!({ "email": "x@example.com", "password": PASSWORD }),
        ),
        (
            Method::POST,
            "/api/v1/auth/refresh".into(),
            json!({ "refresh_token": "abc" }),
        ),
        (
            Method::POST,
            "/api/v1/auth/logout".into(),
            json!({ "refresh_token": "abc" }),
        ),
        (
            Method::PUT,
            "/api/v1/me/password".into(),
            json!({ "current_password": PASSWORD, "new_password": PASSWORD }),
        ),
        (
            Method::PATCH,
            "/api/v1/me/household".into(),
            json!({ "name": "Home" }),
        ),
        (
            Method::PUT,
            format!("/api/v1/admin/users/{target}/role"),
            json!({ "role": "consumer" }),
        ),
        (
            Method::POST,
            format!("/api/v1/admin/users/{target}/meters"),
            json!({ "meter_id": "CY-1", "interval_minutes": 15 }),
        ),
    ]
}

async fn user_count(app: &TestApp) -> u64 {
    app.store
        .search_users(&UserSearch::default(), PageRequest::default())
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn malformed_unknown_mistyped_and_oversize_bodies() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let superadmin = app.user("root@example.com", Role::SuperAdmin).await;
        let token = app.token(&superadmin.email).await;
        let target = app.user("target@example.com", Role::Consumer).await;
        let users_before = user_count(&app).await;
        let household_before = app.store.household(target.id).await.unwrap();

        for (method, path, valid) in json_endpoints(&target.id.to_string()) {
            let send = |body: String, content_type: &'static str| {
                app.client
                    .request(method.clone(), app.url(&path))
                    .bearer_auth(&token)
                    .header("content-type", content_type)
                    .body(body)
                    .send()
            };
            let malformed = send("{]".to_owned(), "application/json").await.unwrap();
            let body = problem(malformed, StatusCode::BAD_REQUEST).await;
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("key must be a string"),
                "{path}: {body}"
            );

            let mut unknown = valid.clone();
            unknown["surprise"] = json!(true);
            let body = problem(
                send(unknown.to_string(), "application/json").await.unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("unknown field `surprise`"),
                "{path}: {body}"
            );

            let mut mistyped = valid.clone();
            let first_key = mistyped.as_object().unwrap().keys().next().unwrap().clone();
            mistyped[&first_key] = json!([1, 2]);
            let body = problem(
                send(mistyped.to_string(), "application/json")
                    .await
                    .unwrap(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(
                body["detail"].as_str().unwrap().contains("invalid type"),
                "{path}: {body}"
            );

            problem(
                send(valid.to_string(), "text/plain").await.unwrap(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            )
            .await;
            let oversize = json!({ "name": "x".repeat(64 * 1024) }).to_string();
            problem(
                send(oversize, "application/json").await.unwrap(),
                StatusCode::PAYLOAD_TOO_LARGE,
            )
            .await;
        }

        assert_eq!(user_count(&app).await, users_before, "{}", app.backend);
        assert_eq!(
            app.store.household(target.id).await.unwrap(),
            household_before
        );
        assert_eq!(
            app.store.user_by_id(target.id).await.unwrap().unwrap().role,
            Role::Consumer
        );
    }
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
