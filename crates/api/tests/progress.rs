//! A household's progress over HTTP on both backends: its garden, level, streak and badges in
//! its language after real results; the catalogue; staff's views of a household and of the
//! programme, the rebuild, and bad input answered with problem+json without losing anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, DurationRound, Utc};
use common::{TestApp, json_of, problem};
use domain::account::Role;
use domain::session::SessionState;
use domain::settlement::ResultStatus;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::SessionResultRecord;
use store::testing::{each_backend, session_plan};
use uuid::Uuid;

/// Three sessions from tomorrow on that `user` saved 0.8 kWh in, settled, paid and evaluated.
async fn three_saving_sessions(app: &TestApp, user: Uuid) {
    let engine = &app.state.engine;
    for day in 1..=3 {
        let start = Utc::now().duration_trunc(Duration::hours(1)).unwrap() + Duration::days(day);
        let plan = session_plan(&format!("Evening {day}"), start, 2);
        let session = app.store.create_session(&plan, None).await.unwrap();
        app.store.join_session(session.id, user).await.unwrap();
        for (from, to) in [
            (SessionState::Draft, SessionState::Scheduled),
            (SessionState::Scheduled, SessionState::Live),
            (SessionState::Live, SessionState::Settling),
        ] {
            app.store
                .set_session_state(session.id, from, to)
                .await
                .unwrap();
        }
        app.store
            .save_session_results(&[SessionResultRecord {
                session_id: session.id,
                user_id: user,
                status: ResultStatus::Final,
                reason: None,
                baseline_kwh: Some(2.0),
                actual_kwh: Some(1.2),
                saved_kwh: Some(0.8),
                periods: Vec::new(),
                data_complete: true,
                computed_at: Utc::now(),
            }])
            .await
            .unwrap();
        engine.reward(&session).await.unwrap();
        engine
            .evaluate_session_progress(&session, Utc::now())
            .await
            .unwrap();
    }
}

fn badge<'a>(progress: &'a Value, key: &str) -> &'a Value {
    progress["badges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["key"] == key)
        .unwrap()
}

#[tokio::test]
async fn a_household_sees_its_garden_level_streak_and_badges_in_its_language() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let household = app.user("garden@example.com", Role::Consumer).await;
        let token = app.token("garden@example.com").await;

        // Before any session: an empty garden that is not wilting, the first level, no badge.
        let empty = json_of(
            app.call(Method::GET, "/api/v1/me/progress", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(empty["garden"]["plants"], json!([]), "{}", app.backend);
        assert_eq!(empty["garden"]["health"], "thriving");
        assert_eq!(empty["level"]["key"], "seedling");
        assert_eq!(empty["level"]["next"]["points_to_go"], 100);
        assert!(
            empty["badges"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b["earned_at"].is_null())
        );
        assert_eq!(empty["evaluated_at"], Value::Null);

        three_saving_sessions(&app, household.id).await;
        let progress = json_of(
            app.call(Method::GET, "/api/v1/me/progress", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        let plants = progress["garden"]["plants"].as_array().unwrap();
        assert_eq!(plants.len(), 3);
        assert_eq!(plants[0]["stage"], "young", "2.4 kWh since it was planted");
        assert_eq!(plants[0]["grown_kwh"], 2.4);
        assert_eq!(plants[2]["stage"], "sprout");
        assert_eq!(plants[2]["just_grew"], true);
        assert_eq!(progress["garden"]["saved_kwh"], 2.4);
        assert_eq!(progress["garden"]["co2_kg"], 1.8);
        assert_eq!(progress["garden"]["emission_factor_kg_per_kwh"], 0.75);
        assert_eq!(progress["streak"]["current"], 3);
        assert_eq!(progress["streak"]["to_next_bonus"], 3);
        assert!(badge(&progress, "run_of_3")["earned_at"].is_string());
        assert!(
            badge(&progress, "deep_cut")["earned_at"].is_string(),
            "40 % of the baseline"
        );
        let ten = badge(&progress, "saved_10_kwh");
        assert!(ten["earned_at"].is_null());
        assert_eq!(
            ten["progress"],
            json!({"current": 2.4, "target": 10.0, "unit": "kwh"})
        );
        // 3 × 80 for the kWh, a streak bonus of 50, and the badges' own points (first saving
        // 20, three in a row 30, deep cut 40, top 10 % 50 as the session's only result).
        let lifetime = progress["level"]["lifetime_points"].as_i64().unwrap();
        assert_eq!(lifetime, 240 + 50 + 20 + 30 + 40 + 50);
        assert_eq!(progress["level"]["key"], "sapling");
        assert!(progress["level"]["reached_at"].is_string());
        let points = json_of(
            app.call(
                Method::GET,
                "/api/v1/me/points?per_page=100",
                Some(&token),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(points["balance"], lifetime);
        assert!(
            points["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["reason"] == "badge" && e["reference"] == "badge:run_of_3")
        );

        // In Greek, the names are Greek.
        json_of(
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
        let greek = json_of(
            app.call(Method::GET, "/api/v1/me/progress", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(greek["level"]["name"], "Δενδρύλλιο");
        assert_eq!(greek["garden"]["plants"][0]["species_name"], "Θυμάρι");
        let catalogue = json_of(
            app.call(Method::GET, "/api/v1/badges", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(catalogue["badges"][0]["key"], "first_session");
        assert_eq!(catalogue["badges"][0]["name"], "Πρώτη εξοικονόμηση");
        assert_eq!(catalogue["badges"].as_array().unwrap().len(), 13);

        // Staff see the same progress, and the programme's counts.
        app.user("staff@example.com", Role::Admin).await;
        let staff = app.token("staff@example.com").await;
        let seen = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/admin/users/{}/progress", household.id),
                Some(&staff),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(seen["garden"]["plants"], progress["garden"]["plants"]);
        let programme = json_of(
            app.call(
                Method::GET,
                "/api/v1/admin/programme/progress",
                Some(&staff),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(programme["levels"].as_array().unwrap().len(), 6);
        assert_eq!(programme["levels"][2]["households"], 1);
        let run = programme["badges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["key"] == "run_of_3")
            .unwrap();
        assert_eq!(run["awarded"], 1);
        assert_eq!(run["points_paid"], 30);

        // A rebuild (no job queue here: at once) keeps every badge and pays nothing again.
        let rebuilt = json_of(
            app.call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/progress/recompute", household.id),
                Some(&staff),
                None,
            )
            .await,
            StatusCode::ACCEPTED,
        )
        .await;
        assert_eq!(rebuilt["queued"], false);
        let after = json_of(
            app.call(Method::GET, "/api/v1/me/progress", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(after["badges"], greek["badges"]);
        assert_eq!(after["level"]["lifetime_points"], lifetime);
    }
}

#[tokio::test]
async fn bad_requests_get_problems_and_households_cannot_reach_others_progress() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let household = app.user("one@example.com", Role::Consumer).await;
        app.user("other@example.com", Role::Consumer).await;
        app.user("admin@example.com", Role::Admin).await;
        let other = app.token("other@example.com").await;
        let admin = app.token("admin@example.com").await;
        three_saving_sessions(&app, household.id).await;
        let before = app.store.points_balance(household.id).await.unwrap();

        problem(
            app.call(Method::GET, "/api/v1/me/progress", None, None)
                .await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        for (method, path) in [
            (
                Method::GET,
                format!("/api/v1/admin/users/{}/progress", household.id),
            ),
            (
                Method::POST,
                format!("/api/v1/admin/users/{}/progress/recompute", household.id),
            ),
            (Method::GET, "/api/v1/admin/programme/progress".to_owned()),
        ] {
            problem(
                app.call(method, &path, Some(&other), None).await,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
        for path in [
            "/api/v1/admin/users/not-a-uuid/progress",
            "/api/v1/admin/users/not-a-uuid/progress/recompute",
        ] {
            let method = if path.ends_with("recompute") {
                Method::POST
            } else {
                Method::GET
            };
            problem(
                app.call(method, path, Some(&admin), None).await,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
        let nobody = Uuid::now_v7();
        for (method, path) in [
            (
                Method::GET,
                format!("/api/v1/admin/users/{nobody}/progress"),
            ),
            (
                Method::POST,
                format!("/api/v1/admin/users/{nobody}/progress/recompute"),
            ),
        ] {
            problem(
                app.call(method, &path, Some(&admin), None).await,
                StatusCode::NOT_FOUND,
            )
            .await;
        }
        // Nothing refused moved any points.
        assert_eq!(
            app.store.points_balance(household.id).await.unwrap(),
            before
        );
        let progress = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/admin/users/{}/progress", household.id),
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert!(badge(&progress, "run_of_10")["earned_at"].is_null());
    }
}
