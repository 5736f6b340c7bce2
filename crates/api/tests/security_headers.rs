//! Every kind of route answers with the security headers, and each kind gets its own
//! Content-Security-Policy: the narrowest that still lets its page work.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use base64::Engine;
use common::{METRICS_TOKEN, TestApp};
use reqwest::{Method, Response, StatusCode};
use sha2::Digest;
use store::testing::TestDatabase;

const FRONT_END_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
    connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
    base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const DOCS_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// A built front end: an `index.html` and one script, in a fresh folder.
fn front_end(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("powersave-{name}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><script type=\"module\" src=\"assets/app.js\"></script>",
    )
    .unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    dir
}

/// The CSP source a browser computes for an inline `<style>`: the base64 SHA-256 of its text.
fn style_hash(page: &str) -> String {
    let start = page.find("<style>").unwrap() + "<style>".len();
    let end = page.find("</style>").unwrap();
    let digest = sha2::Sha256::digest(&page.as_bytes()[start..end]);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn assert_headers(response: &Response, policy: &str, at: &str) {
    let headers = response.headers();
    let value = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{at}: no {name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(value("content-security-policy"), policy, "{at}");
    assert_eq!(value("x-content-type-options"), "nosniff", "{at}");
    assert_eq!(value("x-frame-options"), "DENY", "{at}");
    assert_eq!(value("referrer-policy"), "no-referrer", "{at}");
    assert_eq!(value("cross-origin-opener-policy"), "same-origin", "{at}");
    let permissions = value("permissions-policy");
    for feature in [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
    ] {
        assert!(permissions.contains(feature), "{at}: {permissions}");
    }
}

#[tokio::test]
async fn every_kind_of_route_has_the_security_headers() {
    let database = TestDatabase::sqlite();
    let mut settings = common::settings();
    settings.admin_ui_dir = Some(front_end("admin"));
    settings.app_ui_dir = Some(front_end("app"));
    let app = TestApp::spawn_with(&database, settings).await;

    let home = app.call(Method::GET, "/", None, None).await;
    let headers = home.headers().clone();
    let page = home.text().await.unwrap();
    let strict = format!(
        "default-src 'none'; style-src {}; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
        style_hash(&page)
    );
    assert_eq!(headers["content-security-policy"], strict.as_str());
    assert!(!page.contains("<script"), "the front door runs no script");

    let cases: Vec<(Method, &str, Option<&str>, &str, StatusCode)> = vec![
        (Method::GET, "/", None, &strict, StatusCode::OK),
        (
            Method::GET,
            "/no-such-page",
            None,
            &strict,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/api/v1/programme",
            None,
            &strict,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/api/v1/no-such-thing",
            None,
            &strict,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/api/v1/me",
            None,
            &strict,
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::DELETE,
            "/api/v1/programme",
            None,
            &strict,
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            Method::GET,
            "/api/v1/openapi.json",
            None,
            &strict,
            StatusCode::OK,
        ),
        (Method::GET, "/healthz", None, &strict, StatusCode::OK),
        (Method::GET, "/readyz", None, &strict, StatusCode::OK),
        (
            Method::GET,
            "/metrics",
            Some(METRICS_TOKEN),
            &strict,
            StatusCode::OK,
        ),
        (Method::GET, "/api/docs/", None, DOCS_POLICY, StatusCode::OK),
        (
            Method::GET,
            "/api/docs/swagger-ui.css",
            None,
            DOCS_POLICY,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/admin/",
            None,
            FRONT_END_POLICY,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/admin/assets/app.js",
            None,
            FRONT_END_POLICY,
            StatusCode::OK,
        ),
        (
            Method::GET,
            "/admin/users/some-client-route",
            None,
            FRONT_END_POLICY,
            StatusCode::OK,
        ),
        (Method::GET, "/app/", None, FRONT_END_POLICY, StatusCode::OK),
        (
            Method::GET,
            "/app/sessions",
            None,
            FRONT_END_POLICY,
            StatusCode::OK,
        ),
    ];
    for (method, path, token, policy, status) in cases {
        let at = format!("{method} {path}");
        let mut request = app.client.request(method, app.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{at}");
        assert_headers(&response, policy, &at);
    }

    let malformed = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{]")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_headers(&malformed, &strict, "malformed JSON");

    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/api/v1/me"))
        .header("origin", "https://admin.example.com")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::OK);
    assert_headers(&preflight, &strict, "CORS preflight");
}

/// The docs page's policy allows scripts from this origin only, so the Swagger UI must load
/// every script from a file.
#[tokio::test]
async fn the_docs_page_has_no_inline_script() {
    let database = TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let page = app
        .call(Method::GET, "/api/docs/", None, None)
        .await
        .text()
        .await
        .unwrap();
    let scripts: Vec<&str> = page.split("<script").skip(1).collect();
    assert_eq!(scripts.len(), 3, "{page}");
    for script in scripts {
        let tag = &script[..script.find('>').unwrap()];
        assert!(
            tag.contains("src="),
            "inline script in the docs page: {script}"
        );
    }
}
