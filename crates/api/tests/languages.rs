//! Every account has a language: chosen at sign-up (or taken from `Accept-Language`), changed on
//! `PATCH /me`, and followed by what the server writes for the person: session texts, the
//! household's consumption export and the staff results export.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{TestApp, json_of, problem};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{each_backend, local_hour};

fn sign_up(email: &str) -> Value {
    json!({"email": email, "password": "green garden grows", "display_name": "Eleni"})
}

#[tokio::test]
async fn sign_up_takes_the_chosen_language_else_the_browsers_else_english() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let register = |body: Value, accept_language: Option<&'static str>| {
            let mut request = app
                .client
                .post(app.url("/api/v1/auth/register"))
                .json(&body);
            if let Some(value) = accept_language {
                request = request.header("accept-language", value);
            }
            async move { request.send().await.unwrap() }
        };
        let from_browser = json_of(
            register(sign_up("a@example.com"), Some("el-CY,el;q=0.9,en;q=0.8")).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(from_browser["language"], "el", "{}", app.backend);
        let mut chosen = sign_up("b@example.com");
        chosen["language"] = json!("en");
        let chosen = json_of(register(chosen, Some("el-CY")).await, StatusCode::CREATED).await;
        assert_eq!(chosen["language"], "en");
        let unknown = json_of(
            register(sign_up("c@example.com"), Some("fr-FR,de;q=0.5")).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(unknown["language"], "en");

        // A language we do not speak is refused by field, and no account is opened: the same
        // address signs up once it is fixed.
        let mut bad = sign_up("d@example.com");
        bad["language"] = json!("fr");
        let refused = problem(register(bad, None).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refused["errors"][0]["field"], "language");
        assert!(
            refused["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("el, en")
        );
        let mut fixed = sign_up("d@example.com");
        fixed["language"] = json!("el");
        let fixed = json_of(register(fixed, None).await, StatusCode::CREATED).await;
        assert_eq!(fixed["language"], "el");
        let stored = app
            .store
            .credentials_by_email(&domain::account::Email::parse("d@example.com").unwrap())
            .await
            .unwrap()
            .unwrap()
            .0;
        assert_eq!(stored.language, domain::language::Language::Greek);
    }
}

#[tokio::test]
async fn a_person_changes_their_language_and_a_bad_one_changes_nothing() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("eleni@example.com", Role::Consumer).await;
        let token = app.token("eleni@example.com").await;
        let me = json_of(
            app.call(Method::GET, "/api/v1/me", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(me["language"], "en");

        let changed = json_of(
            app.call(
                Method::PATCH,
                "/api/v1/me",
                Some(&token),
                Some(json!({"language": "el"})),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(changed["language"], "el", "{}", app.backend);

        for (body, field) in [
            (json!({"language": "EL"}), Some("language")),
            (json!({"language": 7}), None),
            (json!({"colour": "green"}), None),
        ] {
            let refused = problem(
                app.call(Method::PATCH, "/api/v1/me", Some(&token), Some(body))
                    .await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            if let Some(field) = field {
                assert_eq!(refused["errors"][0]["field"], field);
            }
        }
        let me = json_of(
            app.call(Method::GET, "/api/v1/me", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(me["language"], "el");
        // An empty change keeps everything.
        let kept = json_of(
            app.call(Method::PATCH, "/api/v1/me", Some(&token), Some(json!({})))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(kept["language"], "el");
        let anonymous = app
            .call(
                Method::PATCH,
                "/api/v1/me",
                None,
                Some(json!({"language": "en"})),
            )
            .await;
        problem(anonymous, StatusCode::UNAUTHORIZED).await;
    }
}

#[tokio::test]
async fn greek_readers_see_the_greek_texts_staff_wrote_and_english_where_there_are_none() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("admin@example.com", Role::Admin).await;
        let greek = app.user("eleni@example.com", Role::Consumer).await;
        app.user("john@example.com", Role::Consumer).await;
        app.store
            .set_user_language(greek.id, domain::language::Language::Greek)
            .await
            .unwrap();
        let admin = app.token("admin@example.com").await;
        let start = local_hour(2, 17);
        let texts = [
            (
                json!({"title": "Evening peak", "description": "Use less",
                       "title_el": "Βραδινή αιχμή", "description_el": "Καταναλώστε λιγότερα"}),
                0,
            ),
            (json!({"title": "Morning peak", "title_el": "  "}), 1),
        ];
        for (text, days) in texts {
            let mut plan = json!({
                "starts_at": start + Duration::days(days),
                "ends_at": start + Duration::days(days) + Duration::hours(1),
                "points_per_kwh": 100,
            });
            for (key, value) in text.as_object().unwrap() {
                plan[key] = value.clone();
            }
            let created = json_of(
                app.call(
                    Method::POST,
                    "/api/v1/admin/sessions",
                    Some(&admin),
                    Some(plan),
                )
                .await,
                StatusCode::CREATED,
            )
            .await;
            let id = created["id"].as_str().unwrap().to_owned();
            json_of(
                app.call(
                    Method::POST,
                    &format!("/api/v1/admin/sessions/{id}/announce"),
                    Some(&admin),
                    None,
                )
                .await,
                StatusCode::OK,
            )
            .await;
        }
        let staff_view = json_of(
            app.call(Method::GET, "/api/v1/admin/sessions", Some(&admin), None)
                .await,
            StatusCode::OK,
        )
        .await;
        let evening = staff_view["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["title"] == "Evening peak")
            .expect("staff see the English title")
            .clone();
        assert_eq!(evening["title_el"], "Βραδινή αιχμή", "{}", app.backend);
        assert_eq!(evening["description_el"], "Καταναλώστε λιγότερα");

        let titles = |token: String| {
            let app = &app;
            async move {
                let page = json_of(
                    app.call(
                        Method::GET,
                        "/api/v1/sessions?when=upcoming",
                        Some(&token),
                        None,
                    )
                    .await,
                    StatusCode::OK,
                )
                .await;
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        format!(
                            "{} / {}",
                            s["title"].as_str().unwrap(),
                            s["description"].as_str().unwrap()
                        )
                    })
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            titles(app.token("eleni@example.com").await).await,
            ["Βραδινή αιχμή / Καταναλώστε λιγότερα", "Morning peak / "]
        );
        assert_eq!(
            titles(app.token("john@example.com").await).await,
            ["Evening peak / Use less", "Morning peak / "]
        );

        // Greek text over the limit is refused by its own field.
        let too_long = json!({
            "title": "Night", "title_el": "τ".repeat(121),
            "starts_at": start + Duration::days(3),
            "ends_at": start + Duration::days(3) + Duration::hours(1),
            "points_per_kwh": 100,
        });
        let refused = problem(
            app.call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(&admin),
                Some(too_long),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], "title_el");
    }
}

async fn download(app: &TestApp, path: &str, token: &str) -> (String, String) {
    let response = app.call(Method::GET, path, Some(token), None).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let language = response
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    (language, response.text().await.unwrap())
}

#[tokio::test]
async fn a_greek_households_export_comes_in_greek_and_an_english_ones_in_english() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let greek = app.user("eleni@example.com", Role::Consumer).await;
        app.store
            .set_user_language(greek.id, domain::language::Language::Greek)
            .await
            .unwrap();
        app.store
            .link_meter(
                greek.id,
                &MeterId::parse("CY-1").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        app.user("john@example.com", Role::Consumer).await;
        let day = (Utc::now() - Duration::days(2)).format("%Y-%m-%d");
        let next = (Utc::now() - Duration::days(1)).format("%Y-%m-%d");
        let path = format!("/api/v1/me/consumption/export?from={day}&to={next}");

        let (language, csv) = download(&app, &path, &app.token("eleni@example.com").await).await;
        assert_eq!(language, "el");
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("Έναρξη,Λήξη,Κατανάλωση (kWh),Πλήρες,Περιέχει εκτιμήσεις")
        );
        // A local day of half hours, none of them read.
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 48, "{}", app.backend);
        assert!(rows[0].ends_with(",0.000,όχι,όχι"), "{}", rows[0]);

        let (language, csv) = download(&app, &path, &app.token("john@example.com").await).await;
        assert_eq!(language, "en");
        assert!(csv.starts_with("start,end,kwh,complete,estimated\n"));

        let refused = problem(
            app.call(
                Method::GET,
                "/api/v1/me/consumption/export?from=yesterday",
                Some(&app.token("john@example.com").await),
                None,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], "from");
    }
}

#[tokio::test]
async fn staff_who_read_greek_get_the_results_export_in_greek() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let staff = app.user("admin@example.com", Role::Admin).await;
        let start = local_hour(-2, 12);
        let session = app
            .store
            .create_session(
                &store::testing::session_plan("Evening peak", start, 1),
                None,
            )
            .await
            .unwrap();
        let path = format!("/api/v1/admin/sessions/{}/results.csv", session.id);
        let (language, csv) = download(&app, &path, &app.token("admin@example.com").await).await;
        assert_eq!(language, "en");
        assert!(
            csv.starts_with("user_id,email,display_name,status,"),
            "{csv}"
        );
        app.store
            .set_user_language(staff.id, domain::language::Language::Greek)
            .await
            .unwrap();
        let (language, csv) = download(&app, &path, &app.token("admin@example.com").await).await;
        assert_eq!(language, "el", "{}", app.backend);
        assert!(
            csv.starts_with("Αναγνωριστικό χρήστη,Email,Όνομα,Κατάσταση,Αιτία,"),
            "{csv}"
        );
    }
}
