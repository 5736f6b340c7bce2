//! Access ends when the account says so, not when a token happens to expire: old access tokens
//! stop working after sign-out, a password change or disabling; live streams close when their
//! account is disabled or their token expires; a sign-in has an absolute lifetime; and signing
//! keys rotate by key id.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use api::auth::tokens::TokenKeys;
use chrono::Utc;
use common::{PASSWORD, SIGNING_KEY, TestApp, problem, settings};
use domain::account::Role;
use domain::secret::Secret;
use domain::session::SessionState;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{TestDatabase, each_backend, session_plan};

async fn tokens(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let response = app.login(email, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn me(app: &TestApp, access: &str) -> StatusCode {
    app.call(Method::GET, "/api/v1/me", Some(access), None)
        .await
        .status()
}

async fn refused(app: &TestApp, access: &str) -> String {
    let body = problem(
        app.call(Method::GET, "/api/v1/me", Some(access), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    body["detail"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn old_access_tokens_stop_working_after_a_password_change_a_sign_out_and_disabling() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let user = app.user("maria@example.com", Role::Consumer).await;
        let (phone, _) = tokens(&app, &user.email, PASSWORD).await;
        let (laptop, _) = tokens(&app, &user.email, PASSWORD).await;
        assert_eq!(me(&app, &phone).await, StatusCode::OK, "{}", app.backend);

        // A password change: both old access tokens die; the one it hands back works.
        let changed = app
            .call(
                Method::PUT,
                "/api/v1/me/password",
                Some(&phone),
                Some(json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" })),
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        let fresh: Value = changed.json().await.unwrap();
        let fresh_access = fresh["access_token"].as_str().unwrap();
        for old in [&phone, &laptop] {
            assert_eq!(
                refused(&app, old).await,
                "access token was revoked; sign in again"
            );
        }
        assert_eq!(me(&app, fresh_access).await, StatusCode::OK);

        // Signing out ends the access token of that sign-in at once.
        let logout = app
            .call(
                Method::POST,
                "/api/v1/auth/logout",
                None,
                Some(json!({ "refresh_token": fresh["refresh_token"] })),
            )
            .await;
        assert_eq!(logout.status(), StatusCode::NO_CONTENT);
        assert_eq!(
            refused(&app, fresh_access).await,
            "access token was revoked; sign in again"
        );

        // Disabling ends the tokens for good: enabling again does not revive them.
        let (before, _) = tokens(&app, &user.email, "a brand new passphrase").await;
        let root = app.user("root@example.com", Role::SuperAdmin).await;
        let root_token = app.token(&root.email).await;
        for action in ["disable", "enable"] {
            let response = app
                .call(
                    Method::POST,
                    &format!("/api/v1/admin/users/{}/{action}", user.id),
                    Some(&root_token),
                    None,
                )
                .await;
            assert_eq!(response.status(), StatusCode::OK);
        }
        assert_eq!(
            refused(&app, &before).await,
            "access token was revoked; sign in again"
        );
        let (after, _) = tokens(&app, &user.email, "a brand new passphrase").await;
        assert_eq!(me(&app, &after).await, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_sign_in_older_than_its_absolute_lifetime_is_refused_however_often_it_was_rotated() {
    let database = TestDatabase::sqlite();
    let mut short = settings();
    short.refresh_family_max_age = Duration::ZERO;
    let app = TestApp::spawn_with(&database, short).await;
    let user = app.user("maria@example.com", Role::Consumer).await;
    let (_, refresh) = tokens(&app, &user.email, PASSWORD).await;
    let refused = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({ "refresh_token": refresh })),
        )
        .await;
    let body = problem(refused, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        body["detail"],
        "refresh token expired, or the sign-in is too old; sign in again"
    );
    // The family is revoked, not only this answer refused.
    assert_eq!(app.store.live_refresh_tokens(user.id).await.unwrap(), 0);

    // Within its lifetime, the same sign-in rotates as usual.
    let app = TestApp::spawn(&TestDatabase::sqlite()).await;
    let user = app.user("maria@example.com", Role::Consumer).await;
    let (_, refresh) = tokens(&app, &user.email, PASSWORD).await;
    let rotated = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({ "refresh_token": refresh })),
        )
        .await;
    assert_eq!(rotated.status(), StatusCode::OK);
}

#[tokio::test]
async fn tokens_of_the_previous_key_are_accepted_during_a_rotation_and_unknown_keys_are_not() {
    let database = TestDatabase::sqlite();
    const NEW_KEY: &str = "the-new-signing-key-with-at-least-32-bytes";
    let mut rotated = settings();
    rotated.jwt_secret = Secret::new(NEW_KEY);
    rotated.jwt_previous_secrets = vec![Secret::new(SIGNING_KEY)];
    let app = TestApp::spawn_with(&database, rotated).await;
    let user = app.user("maria@example.com", Role::Consumer).await;
    let ttl = Duration::from_secs(900);

    let by_previous = TokenKeys::new(&Secret::new(SIGNING_KEY), &[], ttl)
        .unwrap()
        .issue(user.id, Role::Consumer, user.token_version)
        .unwrap();
    assert_eq!(me(&app, &by_previous).await, StatusCode::OK);

    // New tokens carry the new key's id.
    let (issued, _) = tokens(&app, &user.email, PASSWORD).await;
    let kid = jsonwebtoken::decode_header(&issued).unwrap().kid;
    assert_eq!(kid, Some(api::auth::tokens::key_id(&Secret::new(NEW_KEY))));

    let unknown = TokenKeys::new(
        &Secret::new("an-unknown-signing-key-of-at-least-32-bytes"),
        &[],
        ttl,
    )
    .unwrap()
    .issue(user.id, Role::Consumer, user.token_version)
    .unwrap();
    assert_eq!(
        refused(&app, &unknown).await,
        "access token signed with an unknown key"
    );

    // A token signed with an accepted key but naming no key id, or another key's id, is refused.
    let claims = json!({
        "sub": user.id, "role": "consumer", "ver": user.token_version,
        "iat": Utc::now().timestamp(), "exp": Utc::now().timestamp() + 600,
        "iss": "powersave", "aud": "powersave-api",
    });
    let key = jsonwebtoken::EncodingKey::from_secret(NEW_KEY.as_bytes());
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let no_kid = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    assert_eq!(
        refused(&app, &no_kid).await,
        "access token signed with an unknown key"
    );
    header.kid = Some(api::auth::tokens::key_id(&Secret::new(SIGNING_KEY)));
    let wrong_kid = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    assert_eq!(refused(&app, &wrong_kid).await, "invalid access token");

    // Once the rotation is over (the previous key dropped), its tokens stop working.
    let mut done = settings();
    done.jwt_secret = Secret::new(NEW_KEY);
    let app = TestApp::spawn_with(&database, done).await;
    assert_eq!(
        refused(&app, &by_previous).await,
        "access token signed with an unknown key"
    );
    assert_eq!(me(&app, &issued).await, StatusCode::OK);
}

/// A live session staff can follow.
async fn live_session(app: &TestApp) -> uuid::Uuid {
    let start = Utc::now() - chrono::Duration::minutes(30);
    let session = app
        .store
        .create_session(
            &store::SessionPlan {
                surprise: true,
                ..session_plan("Now", start, 2)
            },
            None,
        )
        .await
        .unwrap();
    for (from, to) in [
        (SessionState::Draft, SessionState::Scheduled),
        (SessionState::Scheduled, SessionState::Live),
    ] {
        app.store
            .set_session_state(session.id, from, to)
            .await
            .unwrap();
    }
    session.id
}

/// Reads the stream until the server ends it; fails if it is still open after a minute.
async fn until_closed(mut response: reqwest::Response) {
    let ended = tokio::time::timeout(Duration::from_secs(60), async {
        while response.chunk().await.unwrap_or(None).is_some() {}
    })
    .await;
    assert!(
        ended.is_ok(),
        "the live stream was still open after a minute"
    );
}

async fn follow(app: &TestApp, session: uuid::Uuid, token: &str) -> reqwest::Response {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{session}/live")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response
}

#[tokio::test]
async fn a_live_stream_closes_at_once_when_its_account_is_disabled() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let root = app.user("root@example.com", Role::SuperAdmin).await;
        let (admin_token, root_token) =
            (app.token(&admin.email).await, app.token(&root.email).await);
        let session = live_session(&app).await;
        let stream = follow(&app, session, &admin_token).await;
        let watching = follow(&app, session, &root_token).await;

        let disabled = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/disable", admin.id),
                Some(&root_token),
                None,
            )
            .await;
        assert_eq!(disabled.status(), StatusCode::OK, "{}", app.backend);
        until_closed(stream).await;

        // A sign-out ends the account's streams too (its access tokens all end with it).
        let (_, refresh) = tokens(&app, &root.email, PASSWORD).await;
        let logout = app
            .call(
                Method::POST,
                "/api/v1/auth/logout",
                None,
                Some(json!({ "refresh_token": refresh })),
            )
            .await;
        assert_eq!(logout.status(), StatusCode::NO_CONTENT);
        until_closed(watching).await;
    }
}

#[tokio::test]
async fn a_live_stream_closes_when_its_token_expires() {
    let database = TestDatabase::sqlite();
    let mut short = settings();
    short.access_token_ttl = Duration::from_secs(2);
    let app = TestApp::spawn_with(&database, short).await;
    let admin = app.user("admin@example.com", Role::Admin).await;
    let token = app.token(&admin.email).await;
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
            .unwrap(),
    )
    .unwrap();
    let expires_at = claims["exp"].as_i64().unwrap();
    let session = live_session(&app).await;
    until_closed(follow(&app, session, &token).await).await;
    // It ended because the token expired, not for another reason: not before the expiry.
    assert!(Utc::now().timestamp() >= expires_at);
}
