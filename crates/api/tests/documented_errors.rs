//! The OpenAPI document and the server agree on the answers to malformed requests: every
//! operation documents the 400 it gives for a path or query value that does not parse, the
//! server really answers it as problem+json, and every operation has an id of its own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::{TestApp, problem};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::TestDatabase;

fn document() -> Value {
    serde_json::to_value(api::openapi().unwrap()).unwrap()
}

/// (method, path template, operation) for every operation in the document.
fn operations() -> Vec<(Method, String, Value)> {
    let document = document();
    let mut all = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            all.push((method, path.clone(), operation.clone()));
        }
    }
    all
}

fn documents(operation: &Value, status: StatusCode) -> bool {
    operation["responses"].get(status.as_str()).is_some()
}

#[test]
fn operation_ids_are_unique() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (method, path, operation) in operations() {
        let id = operation["operationId"].as_str().unwrap().to_owned();
        seen.entry(id).or_default().push(format!("{method} {path}"));
    }
    let duplicates: Vec<_> = seen.iter().filter(|(_, uses)| uses.len() > 1).collect();
    assert!(duplicates.is_empty(), "{duplicates:?}");
}

#[test]
fn every_json_body_documents_the_shared_body_errors() {
    for (method, path, operation) in operations() {
        let Some(content) = operation["requestBody"]["content"].as_object() else {
            continue;
        };
        if !content.contains_key("application/json") {
            continue;
        }
        for status in [
            StatusCode::BAD_REQUEST,
            StatusCode::PAYLOAD_TOO_LARGE,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StatusCode::UNPROCESSABLE_ENTITY,
        ] {
            assert!(documents(&operation, status), "{method} {path}: {status}");
        }
    }
}

/// A path value that is not a UUID, and an unknown query parameter, on every operation that
/// takes them: a 400 problem+json, as the document says.
#[tokio::test]
async fn unparsable_path_and_query_values_are_documented_400_problems() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let household = app.user("household@example.com", Role::Consumer).await;
    let root_token = app.token(&root.email).await;
    let household_token = app.token(&household.email).await;
    let mut path_checked = 0;
    let mut query_checked = 0;
    for (method, template, operation) in operations() {
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let token = if template.starts_with("/api/v1/admin/") {
            &root_token
        } else {
            &household_token
        };
        let uuid_params: Vec<String> = parameters
            .iter()
            .filter(|p| p["in"] == "path" && p["schema"]["format"] == "uuid")
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        let with_ids = |bad: Option<&str>| {
            let mut path = template.clone();
            for name in &uuid_params {
                let value = if Some(name.as_str()) == bad {
                    "not-a-uuid".to_owned()
                } else {
                    household.id.to_string()
                };
                path = path.replace(&format!("{{{name}}}"), &value);
            }
            path.replace("{meter_id}", "CY-ANY-1")
        };
        let at = format!("{method} {template}");
        for name in &uuid_params {
            let response = app
                .call(method.clone(), &with_ids(Some(name)), Some(token), None)
                .await;
            problem(response, StatusCode::BAD_REQUEST).await;
            assert!(documents(&operation, StatusCode::BAD_REQUEST), "{at}");
            path_checked += 1;
        }
        if parameters.iter().any(|p| p["in"] == "query") {
            let path = format!("{}?surprise=1", with_ids(None));
            let response = app.call(method.clone(), &path, Some(token), None).await;
            problem(response, StatusCode::BAD_REQUEST).await;
            assert!(documents(&operation, StatusCode::BAD_REQUEST), "{at}");
            assert!(
                documents(&operation, StatusCode::UNPROCESSABLE_ENTITY),
                "{at}"
            );
            query_checked += 1;
        }
    }
    assert!(path_checked >= 20, "{path_checked} path checks");
    assert!(query_checked >= 12, "{query_checked} query checks");
}
