//! Registration must not tell anyone whether an address already has an account.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{PASSWORD, TestApp};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::UserSearch;
use store::testing::each_backend;

/// The answer with the fields that differ between any two registrations (the id and the time)
/// taken out: status, content type, the set of fields and every other value.
async fn shape(response: reqwest::Response) -> (StatusCode, String, Value) {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut body: Value = response.json().await.unwrap();
    let object = body.as_object_mut().unwrap();
    assert!(uuid::Uuid::parse_str(object["id"].as_str().unwrap()).is_ok());
    assert!(chrono::DateTime::parse_from_rfc3339(object["created_at"].as_str().unwrap()).is_ok());
    object.insert("id".into(), json!("<id>"));
    object.insert("created_at".into(), json!("<time>"));
    (status, content_type, body)
}

#[tokio::test]
async fn an_existing_address_gets_the_same_answer_as_a_new_one_and_nothing_changes() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let existing = app.user("maria@example.com", Role::Consumer).await;
        let register = |email: &str| {
            app.call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({
                    "email": email,
                    "password": "another long passphrase",
                    "display_name": "Someone",
                })),
            )
        };

        let taken = register("Maria@Example.com").await;
        let fresh = register("nikos@example.com").await;
        let (taken_status, taken_type, mut taken_body) = shape(taken).await;
        let (fresh_status, fresh_type, mut fresh_body) = shape(fresh).await;
        assert_eq!(taken_status, StatusCode::CREATED, "{}", app.backend);
        assert_eq!(
            (taken_status, taken_type.as_str()),
            (fresh_status, fresh_type.as_str())
        );
        // The e-mail is the one each request sent; everything else is the same.
        assert_eq!(taken_body["email"], "maria@example.com");
        assert_eq!(fresh_body["email"], "nikos@example.com");
        taken_body["email"] = json!("<email>");
        fresh_body["email"] = json!("<email>");
        assert_eq!(taken_body, fresh_body);

        // The original account is untouched: same name, same password, no second account.
        let stored = app.store.user_by_id(existing.id).await.unwrap().unwrap();
        assert_eq!(stored, existing);
        assert_eq!(
            app.login("maria@example.com", PASSWORD).await.status(),
            StatusCode::OK
        );
        assert_eq!(
            app.login("maria@example.com", "another long passphrase")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
        let search = UserSearch {
            text: Some("maria".into()),
            role: None,
        };
        let found = app
            .store
            .search_users(
                &search,
                domain::paging::PageRequest::new(None, None).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(found.total, 1);
    }
}
