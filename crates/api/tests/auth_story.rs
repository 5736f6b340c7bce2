//! Account stories through the real router, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{PASSWORD, SIGNING_KEY, TestApp, problem};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::each_backend;

async fn refresh(app: &TestApp, token: &str) -> reqwest::Response {
    app.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(json!({ "refresh_token": token })),
    )
    .await
}

#[tokio::test]
async fn register_login_me_refresh_logout() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let backend = app.backend;
        let registered = app
            .call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({ "email": " Eleni@Example.com ", "password": PASSWORD, "display_name": "Eleni" })),
            )
            .await;
        assert_eq!(registered.status(), StatusCode::CREATED, "{backend}");
        let user: Value = registered.json().await.unwrap();
        assert_eq!(user["email"], "eleni@example.com");
        assert_eq!(user["role"], "consumer");
        assert!(user.get("password_hash").is_none());

        let again = app
            .call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({ "email": "eleni@example.com", "password": PASSWORD, "display_name": "Other" })),
            )
            .await;
        // Answered like a new registration (tests/registration_privacy.rs has the details).
        assert_eq!(again.status(), StatusCode::CREATED);

        let login = app.login("ELENI@example.com", PASSWORD).await;
        assert_eq!(login.status(), StatusCode::OK);
        let tokens: Value = login.json().await.unwrap();
        assert_eq!(tokens["token_type"], "Bearer");
        assert_eq!(tokens["expires_in"], 900);
        let access = tokens["access_token"].as_str().unwrap();
        let refresh_token = tokens["refresh_token"].as_str().unwrap();

        let me: Value = app
            .call(Method::GET, "/api/v1/me", Some(access), None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["id"], user["id"]);
        assert!(me["last_login_at"].is_string());

        let household: Value = app
            .call(Method::GET, "/api/v1/me/household", Some(access), None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(household["time_zone"], "Europe/Nicosia");
        assert_eq!(household["meters"], json!([]));

        let refreshed = refresh(&app, refresh_token).await;
        assert_eq!(refreshed.status(), StatusCode::OK);
        let rotated: Value = refreshed.json().await.unwrap();
        let new_refresh = rotated["refresh_token"].as_str().unwrap();
        assert_ne!(new_refresh, refresh_token);
        let me = app
            .call(
                Method::GET,
                "/api/v1/me",
                rotated["access_token"].as_str(),
                None,
            )
            .await;
        assert_eq!(me.status(), StatusCode::OK);

        let logout = app
            .call(
                Method::POST,
                "/api/v1/auth/logout",
                None,
                Some(json!({ "refresh_token": new_refresh })),
            )
            .await;
        assert_eq!(logout.status(), StatusCode::NO_CONTENT);
        problem(refresh(&app, new_refresh).await, StatusCode::UNAUTHORIZED).await;
        // Logging out with an unknown token is not an error (RFC 7009).
        let unknown = app
            .call(
                Method::POST,
                "/api/v1/auth/logout",
                None,
                Some(json!({ "refresh_token": "nope" })),
            )
            .await;
        assert_eq!(unknown.status(), StatusCode::NO_CONTENT);
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("maria@example.com", Role::Consumer).await;
        let wrong = problem(
            app.login("maria@example.com", "not the password").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let unknown = problem(
            app.login("nobody@example.com", PASSWORD).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let malformed = problem(
            app.login("not-an-email", PASSWORD).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        for body in [&wrong, &unknown, &malformed] {
            assert_eq!(body["type"], "urn:powersave:problem:invalid-credentials");
            assert_eq!(body["detail"], wrong["detail"]);
        }
    }
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_the_family() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let user = app.user("nikos@example.com", Role::Consumer).await;
        let tokens: Value = app
            .login("nikos@example.com", PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        let first = tokens["refresh_token"].as_str().unwrap().to_owned();
        let second: Value = refresh(&app, &first).await.json().await.unwrap();
        let second = second["refresh_token"].as_str().unwrap().to_owned();

        // An attacker replays the first token: refused, and the legitimate successor dies with it.
        let replay = problem(refresh(&app, &first).await, StatusCode::UNAUTHORIZED).await;
        assert!(replay["detail"].as_str().unwrap().contains("already used"));
        problem(refresh(&app, &second).await, StatusCode::UNAUTHORIZED).await;
        assert_eq!(app.store.live_refresh_tokens(user.id).await.unwrap(), 0);

        // Another sign-in (another family) is unaffected by that revocation.
        let other: Value = app
            .login("nikos@example.com", PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            refresh(&app, other["refresh_token"].as_str().unwrap())
                .await
                .status(),
            StatusCode::OK
        );
    }
}

fn encode_part(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

/// Signs like the server does, with the key's id in the header.
fn sign(claims: &Value, key: &[u8]) -> String {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(api::auth::tokens::key_id(&domain::secret::Secret::new(
        std::str::from_utf8(key).unwrap(),
    )));
    jsonwebtoken::encode(
        &header,
        claims,
        &jsonwebtoken::EncodingKey::from_secret(key),
    )
    .unwrap()
}

#[tokio::test]
async fn expired_tampered_and_unsigned_tokens_are_refused() {
    let database = store::testing::TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let user = app.user("andreas@example.com", Role::Consumer).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64, role: &str| json!({ "sub": user.id, "role": role, "ver": user.token_version, "iat": now - 1000, "exp": exp, "iss": "powersave", "aud": "powersave-api" });
    let valid = sign(&claims(now + 600, "consumer"), SIGNING_KEY.as_bytes());
    assert_eq!(
        app.call(Method::GET, "/api/v1/me", Some(&valid), None)
            .await
            .status(),
        StatusCode::OK
    );

    let expired = sign(&claims(now - 60, "consumer"), SIGNING_KEY.as_bytes());
    let body = problem(
        app.call(Method::GET, "/api/v1/me", Some(&expired), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["detail"], "access token expired");

    let wrong_key = sign(
        &claims(now + 600, "consumer"),
        b"another-key-that-is-32-bytes-long!!",
    );
    problem(
        app.call(Method::GET, "/api/v1/me", Some(&wrong_key), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    // The valid token with its payload edited to claim superadmin, signature kept.
    let parts: Vec<&str> = valid.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        encode_part(&claims(now + 600, "superadmin")),
        parts[2]
    );
    problem(
        app.call(Method::GET, "/api/v1/admin/users", Some(&tampered), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let unsigned = format!(
        "{}.{}.",
        encode_part(&json!({ "alg": "none", "typ": "JWT" })),
        encode_part(&claims(now + 600, "superadmin"))
    );
    problem(
        app.call(Method::GET, "/api/v1/me", Some(&unsigned), None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    for garbage in ["", "abc", "a.b.c"] {
        problem(
            app.call(Method::GET, "/api/v1/me", Some(garbage), None)
                .await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    let basic = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic Zm9vOmJhcg==")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.headers()["www-authenticate"], "Bearer");
    problem(basic, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_disabled_user_is_locked_out_at_once() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app
            .token(&app.user("admin@example.com", Role::Admin).await.email)
            .await;
        let user = app.user("kostas@example.com", Role::Consumer).await;
        let tokens: Value = app.login(&user.email, PASSWORD).await.json().await.unwrap();
        let access = tokens["access_token"].as_str().unwrap();

        let disabled = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/disable", user.id),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(disabled.status(), StatusCode::OK);
        let disabled: Value = disabled.json().await.unwrap();
        assert_eq!(disabled["disabled"], true);

        // The unexpired access token stops working on the next request.
        let body = problem(
            app.call(Method::GET, "/api/v1/me", Some(access), None)
                .await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_eq!(body["detail"], "account is disabled");
        problem(
            refresh(&app, tokens["refresh_token"].as_str().unwrap()).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        problem(
            app.login(&user.email, PASSWORD).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        // A wrong password still says only "invalid credentials".
        problem(
            app.login(&user.email, "wrong password!").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;

        let enabled = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/enable", user.id),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(enabled.status(), StatusCode::OK);
        assert_eq!(
            app.login(&user.email, PASSWORD).await.status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let user = app.user("sofia@example.com", Role::Consumer).await;
        let other_device: Value = app.login(&user.email, PASSWORD).await.json().await.unwrap();
        let access = app.token(&user.email).await;

        let wrong = app
            .call(
                Method::PUT,
                "/api/v1/me/password",
                Some(&access),
                Some(json!({ "current_password": "not it at all", "new_password": "solar panels on the roof" })),
            )
            .await;
        assert_eq!(
            problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
            "current_password"
        );
        let weak = app
            .call(
                Method::PUT,
                "/api/v1/me/password",
                Some(&access),
                Some(json!({ "current_password": PASSWORD, "new_password": "short" })),
            )
            .await;
        assert_eq!(
            problem(weak, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
            "new_password"
        );
        assert_eq!(
            app.login(&user.email, PASSWORD).await.status(),
            StatusCode::OK,
            "old password still valid"
        );

        let changed = app
            .call(
                Method::PUT,
                "/api/v1/me/password",
                Some(&access),
                Some(json!({ "current_password": PASSWORD, "new_password": "solar panels on the roof" })),
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        let fresh: Value = changed.json().await.unwrap();
        assert_eq!(
            refresh(&app, fresh["refresh_token"].as_str().unwrap())
                .await
                .status(),
            StatusCode::OK
        );
        problem(
            refresh(&app, other_device["refresh_token"].as_str().unwrap()).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        problem(
            app.login(&user.email, PASSWORD).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_eq!(
            app.login(&user.email, "solar panels on the roof")
                .await
                .status(),
            StatusCode::OK
        );
    }
}
