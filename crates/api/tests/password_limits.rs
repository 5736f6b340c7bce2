//! What guards the password endpoints: the strict per-IP limit on every route that checks or
//! hashes a password, a bound on concurrent hashing, per-account back-off after failed
//! sign-ins, and a client-IP header believed only from configured proxies.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::IpAddr;
use std::time::Duration;

use api::auth::password::{HashCost, Passwords};
use api::rate_limit::LimiterClock;
use common::{PASSWORD, TestApp, problem, settings};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use reqwest::{Method, StatusCode};
use serde_json::json;
use store::testing::TestDatabase;
use store::{NewUser, PoolOptions, Store, UserRecord};

async fn app_with_manual_clock(settings: api::ApiSettings) -> (TestApp, LimiterClock) {
    let clock = LimiterClock::manual();
    let app = TestApp::spawn_with_state(&TestDatabase::sqlite(), settings, |mut state| {
        state.rate_limit_clock = clock.clone();
        state
    })
    .await;
    (app, clock)
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn login_from(app: &TestApp, ip: &str, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", ip)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn changing_the_password_is_under_the_sign_in_limit() {
    let mut limited = settings();
    limited.rate_limits.auth_per_minute = 3;
    limited.rate_limits.auth_burst = 3;
    let (app, clock) = app_with_manual_clock(limited).await;
    let user = app.user("maria@example.com", Role::Consumer).await;
    let token = app.token(&user.email).await;
    let change = || {
        app.call(
            Method::PUT,
            "/api/v1/me/password",
            Some(&token),
            Some(json!({ "current_password": "not the password", "new_password": "a brand new passphrase" })),
        )
    };
    for _ in 0..2 {
        problem(change().await, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // The sign-in and the two attempts used the budget of three a minute.
    let limited = change().await;
    assert_eq!(retry_after(&limited), 20);
    problem(limited, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(
        app.call(Method::GET, "/api/v1/me", Some(&token), None)
            .await
            .status(),
        StatusCode::OK
    );
    clock.advance(Duration::from_secs(20));
    problem(change().await, StatusCode::UNPROCESSABLE_ENTITY).await;
}

/// An account stored with a hash made outside the server, so a server that may not hash at
/// all still has someone to sign in.
async fn stored_user(app: &TestApp, email: &str) -> UserRecord {
    let hasher = Passwords::new(HashCost {
        max_concurrent: 1,
        ..settings().password_hashing
    })
    .unwrap();
    app.store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse("Maria").unwrap(),
            password_hash: hasher.hash(PASSWORD.to_owned()).await.unwrap(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_full_hashing_pool_answers_503_with_retry_after_and_changes_nothing() {
    let mut none = settings();
    none.password_hashing.max_concurrent = 0;
    let (app, _) = app_with_manual_clock(none).await;
    stored_user(&app, "maria@example.com").await;

    let login = app.login("maria@example.com", PASSWORD).await;
    assert_eq!(retry_after(&login), 1);
    let body = problem(login, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(body["type"], "urn:powersave:problem:busy");

    let register = app
        .call(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({ "email": "nikos@example.com", "password": PASSWORD, "display_name": "Nikos" })),
        )
        .await;
    assert_eq!(retry_after(&register), 1);
    problem(register, StatusCode::SERVICE_UNAVAILABLE).await;
    let nikos = Email::parse("nikos@example.com").unwrap();
    assert!(
        app.store
            .credentials_by_email(&nikos)
            .await
            .unwrap()
            .is_none()
    );
    let mut one = settings();
    one.password_hashing.max_concurrent = 1;
    let app = TestApp::spawn_with(&TestDatabase::sqlite(), one).await;
    stored_user(&app, "maria@example.com").await;
    // One place, given back after each hash: sign-ins one after another all get through.
    for _ in 0..4 {
        let login = app.login("maria@example.com", PASSWORD).await;
        let status = login.status();
        let body = login.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

#[tokio::test]
async fn failed_sign_ins_of_one_address_make_it_wait_longer_and_longer_from_any_ip() {
    let mut proxied = settings();
    proxied.rate_limits.client_ip_header = Some("x-forwarded-for".to_owned());
    proxied.rate_limits.trusted_proxies = vec!["127.0.0.1".parse::<IpAddr>().unwrap()];
    let (app, clock) = app_with_manual_clock(proxied).await;
    app.user("maria@example.com", Role::Consumer).await;
    app.user("nikos@example.com", Role::Consumer).await;

    // Five failures, each from another address, are allowed; the fifth starts a 30 s wait.
    for n in 1..=5 {
        let ip = format!("203.0.113.{n}");
        let failed = login_from(&app, &ip, "maria@example.com", "not the password").await;
        problem(failed, StatusCode::UNAUTHORIZED).await;
    }
    let waiting = login_from(&app, "198.51.100.7", "Maria@example.com", PASSWORD).await;
    assert_eq!(retry_after(&waiting), 30);
    problem(waiting, StatusCode::TOO_MANY_REQUESTS).await;
    // Another account is not held up.
    let other = login_from(&app, "203.0.113.1", "nikos@example.com", PASSWORD).await;
    assert_eq!(other.status(), StatusCode::OK);

    clock.advance(Duration::from_secs(29));
    let waiting = login_from(&app, "198.51.100.7", "maria@example.com", PASSWORD).await;
    assert_eq!(retry_after(&waiting), 1);
    clock.advance(Duration::from_secs(1));
    // One more failure after the wait doubles it.
    let failed = login_from(&app, "198.51.100.8", "maria@example.com", "still wrong!").await;
    problem(failed, StatusCode::UNAUTHORIZED).await;
    let waiting = login_from(&app, "198.51.100.9", "maria@example.com", PASSWORD).await;
    assert_eq!(retry_after(&waiting), 60);
    clock.advance(Duration::from_secs(60));
    let signed_in = login_from(&app, "198.51.100.9", "maria@example.com", PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    // A successful sign-in forgets the failures: the next one is free again.
    let failed = login_from(&app, "198.51.100.9", "maria@example.com", "wrong again!").await;
    problem(failed, StatusCode::UNAUTHORIZED).await;
    let signed_in = login_from(&app, "198.51.100.9", "maria@example.com", PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);

    // An address without an account is made to wait the same way, so waiting reveals nothing.
    for n in 1..=5 {
        let ip = format!("192.0.2.{n}");
        let failed = login_from(&app, &ip, "nobody@example.com", PASSWORD).await;
        problem(failed, StatusCode::UNAUTHORIZED).await;
    }
    let waiting = login_from(&app, "192.0.2.9", "nobody@example.com", PASSWORD).await;
    assert_eq!(retry_after(&waiting), 30);
}

#[tokio::test]
async fn the_client_ip_header_is_believed_only_from_a_trusted_proxy() {
    let limit_one = |trusted: &str| {
        let mut limited = settings();
        limited.rate_limits.auth_per_minute = 1;
        limited.rate_limits.auth_burst = 1;
        limited.rate_limits.client_ip_header = Some("x-forwarded-for".to_owned());
        limited.rate_limits.trusted_proxies = vec![trusted.parse::<IpAddr>().unwrap()];
        limited
    };
    // The test client connects from 127.0.0.1, which is not the configured proxy: its header
    // is ignored, so a new address in it does not buy a new budget.
    let (app, _) = app_with_manual_clock(limit_one("10.0.0.1")).await;
    let first = login_from(&app, "203.0.113.1", "maria@example.com", PASSWORD).await;
    problem(first, StatusCode::UNAUTHORIZED).await;
    let second = login_from(&app, "203.0.113.2", "maria@example.com", PASSWORD).await;
    problem(second, StatusCode::TOO_MANY_REQUESTS).await;

    // From the proxy, each client address has its own budget.
    let (app, _) = app_with_manual_clock(limit_one("127.0.0.1")).await;
    for ip in ["203.0.113.1", "203.0.113.2"] {
        problem(
            login_from(&app, ip, "maria@example.com", PASSWORD).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    let again = login_from(&app, "203.0.113.1", "maria@example.com", PASSWORD).await;
    problem(again, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn a_client_ip_header_without_trusted_proxies_is_a_configuration_error() {
    let database = TestDatabase::sqlite();
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    let mut unsafe_settings = settings();
    unsafe_settings.rate_limits.client_ip_header = Some("x-forwarded-for".to_owned());
    let state = api::AppState::new(store, unsafe_settings).unwrap();
    let error = api::router(state).err().unwrap();
    assert!(error.contains("trusted_proxies"), "{error}");
}
