//! Display names are whatever people type, markup included. React escapes them in the web apps;
//! every other place the server renders user text must keep it text: the results CSV and the
//! server's own HTML pages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use api::front_door::DemoAccount;
use chrono::Utc;
use common::{PASSWORD, TestApp, settings};
use domain::account::Role;
use domain::settlement::ResultStatus;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::SessionResultRecord;
use store::testing::{TestDatabase, each_backend, session_plan};

const MARKUP: &str = "<img src=x onerror=alert(1)>";

#[tokio::test]
async fn a_name_with_markup_is_one_plain_field_of_the_results_csv() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let registered = app
            .call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({ "email": "mallory@example.com", "password": PASSWORD, "display_name": MARKUP })),
            )
            .await;
        assert_eq!(registered.status(), StatusCode::CREATED, "{}", app.backend);
        let user: Value = registered.json().await.unwrap();
        assert_eq!(user["display_name"], MARKUP);
        let user_id: uuid::Uuid = user["id"].as_str().unwrap().parse().unwrap();

        let session = app
            .store
            .create_session(
                &session_plan("Past", Utc::now() - chrono::Duration::days(2), 2),
                None,
            )
            .await
            .unwrap();
        app.store
            .save_session_results(&[SessionResultRecord {
                session_id: session.id,
                user_id,
                status: ResultStatus::Final,
                reason: None,
                baseline_kwh: Some(1.0),
                actual_kwh: Some(0.75),
                saved_kwh: Some(0.25),
                periods: Vec::new(),
                data_complete: true,
                computed_at: Utc::now(),
            }])
            .await
            .unwrap();

        app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;
        let csv = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/sessions/{}/results.csv", session.id),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(csv.status(), StatusCode::OK);
        let header = |name: &str| csv.headers()[name].to_str().unwrap().to_owned();
        // Served as a download of CSV that no browser may sniff into HTML.
        assert_eq!(header("content-type"), "text/csv; charset=utf-8");
        assert!(header("content-disposition").starts_with("attachment; "));
        assert_eq!(header("x-content-type-options"), "nosniff");
        let text = csv.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // 0.25 of a 1 kWh baseline saved is 25 %.
        assert_eq!(
            lines[1..],
            [format!(
                "{user_id},mallory@example.com,{MARKUP},final,,1.000,0.750,0.250,25.0"
            )]
        );
    }
}

#[tokio::test]
async fn markup_on_the_front_door_is_shown_as_text() {
    let mut door = settings();
    door.demo_accounts = vec![DemoAccount {
        role: MARKUP.to_owned(),
        email: format!("{MARKUP}@example.com"),
        password: MARKUP.to_owned(),
    }];
    let app = TestApp::spawn_with(&TestDatabase::sqlite(), door).await;
    let body = app
        .client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let escaped = "&lt;img src=x onerror=alert(1)&gt;";
    assert!(
        body.contains(&format!(
            "<tr><td>{escaped}</td><td><code>{escaped}@example.com</code></td><td><code>{escaped}</code></td></tr>"
        )),
        "{body}"
    );
    assert!(!body.contains("<img"), "{body}");
}
