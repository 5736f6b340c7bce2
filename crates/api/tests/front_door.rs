//! A visitor's first request: `/` is a page that leads to the household app, the staff
//! dashboard and the API docs (with the demo accounts on a demo server); a mistyped address is a
//! friendly page with the same links, while unknown API paths stay problem+json for clients.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use api::front_door::DemoAccount;
use common::{TestApp, settings};
use reqwest::StatusCode;
use store::testing::TestDatabase;

const LINKS: [&str; 3] = [
    "<a href=\"/app/\">Household app</a>",
    "<a href=\"/admin/\">Staff dashboard</a>",
    "<a href=\"/api/docs\">API documentation</a>",
];

/// Status, content type and body of a GET.
async fn get(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, content_type, response.text().await.unwrap())
}

fn assert_links(body: &str) {
    for link in LINKS {
        assert!(body.contains(link), "{link} missing from:\n{body}");
    }
    assert!(body.starts_with("<!doctype html>\n<html lang=\"en\">"));
}

#[tokio::test]
async fn the_front_door_leads_to_the_app_the_dashboard_and_the_docs() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let (status, content_type, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert_links(&body);
    assert!(body.contains("<h1>PowerSave</h1>"));
    // Not a demo server: no accounts to offer.
    assert!(!body.contains("Demo accounts"), "{body}");
    assert!(!body.contains("password"), "{body}");
    // Neither front end is built in these tests, and the page says so once for each.
    assert_eq!(body.matches("not built on this server").count(), 2);
}

#[tokio::test]
async fn a_demo_servers_front_door_names_its_accounts_and_passwords() {
    let database = TestDatabase::sqlite();
    let mut settings = settings();
    settings.demo_accounts = vec![
        DemoAccount {
            role: "consumer".to_owned(),
            email: "eleni@powersave.local".to_owned(),
            password: "consumer-demo-2026".to_owned(),
        },
        DemoAccount {
            role: "admin".to_owned(),
            email: "admin@powersave.local".to_owned(),
            password: "admin & <co>".to_owned(),
        },
    ];
    let app = TestApp::spawn_with(&database, settings).await;
    let (status, content_type, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert_links(&body);
    assert!(body.contains("<h2 id=\"demo-accounts\">Demo accounts</h2>"));
    assert!(body.contains(
        "<tr><td>consumer</td><td><code>eleni@powersave.local</code></td><td><code>consumer-demo-2026</code></td></tr>"
    ));
    assert!(body.contains(
        "<tr><td>admin</td><td><code>admin@powersave.local</code></td><td><code>admin &amp; &lt;co&gt;</code></td></tr>"
    ));
    assert_eq!(body.matches("<tr><td>").count(), 2);

    // The not-found page leads the way on without repeating the accounts.
    let (status, _, body) = get(&app, "/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_links(&body);
    assert!(!body.contains("eleni@powersave.local"), "{body}");
}

#[tokio::test]
async fn an_unknown_page_is_a_friendly_404_and_an_unknown_api_path_stays_problem_json() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    for path in ["/nothing-here", "/admin/", "/app/sessions", "/favicon.ico"] {
        let (status, content_type, body) = get(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
        assert!(body.contains("<h1>Page not found</h1>"), "{path}: {body}");
        assert!(
            body.contains(&format!("There is no page at {path}.")),
            "{path}: {body}"
        );
        assert_links(&body);
    }
    // The requested path is shown as text, never as markup.
    let (_, _, body) = get(&app, "/%3Cscript%3E").await;
    assert!(
        body.contains("There is no page at /%3Cscript%3E."),
        "{body}"
    );

    for path in ["/api/v1/nope", "/api", "/api/v2/sessions"] {
        let (status, content_type, body) = get(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(content_type, "application/problem+json", "{path}");
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["status"], 404, "{path}");
        assert_eq!(problem["detail"], "no such resource", "{path}");
    }
}
