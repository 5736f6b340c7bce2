//! Staff recompute one household's result after the utility corrects its readings, on both
//! backends: the result follows the stored data and the ledger gets one correcting entry.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{TestApp, problem, settings};
use domain::account::Role;
use domain::session::{Audience, SessionState, SessionWindow};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::{each_backend, local_hour, quarter_hour_meter, steady_readings};

#[tokio::test]
async fn a_corrected_reading_is_recomputed_into_one_correcting_entry() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;
        let household = app.user("home@example.com", Role::Consumer).await;
        let meter = quarter_hour_meter(&app.store, household.id, "CY-FIX").await;
        // An hour at noon two days ago, with 40 steady days of 0.25 kWh per quarter hour before.
        let start = local_hour(-2, 12);
        let end = start + Duration::hours(1);
        steady_readings(&app.store, meter, start - Duration::days(40)..end, 0.25).await;
        let session = app
            .store
            .create_session(
                &store::SessionPlan {
                    title: "Noon".into(),
                    description: String::new(),
                    greek: Default::default(),
                    window: SessionWindow {
                        starts_at: start,
                        ends_at: end,
                        join_deadline: start,
                    },
                    points_per_kwh: 100,
                    opt_in_bonus: 0,
                    audience: Audience::Everyone,
                    baseline_method: domain::baseline::MethodName::LikeDays,
                    surprise: false,
                },
                None,
            )
            .await
            .unwrap();
        let path = format!(
            "/api/v1/admin/sessions/{}/results/{}/recompute",
            session.id, household.id
        );
        app.store
            .join_session(session.id, household.id)
            .await
            .unwrap();
        let engine = engine::Engine::new(app.store.clone(), settings().programme.engine_settings());
        let mut session = session;
        for (from, to) in [
            (SessionState::Draft, SessionState::Scheduled),
            (SessionState::Scheduled, SessionState::Live),
        ] {
            session = app
                .store
                .set_session_state(session.id, from, to)
                .await
                .unwrap();
        }
        let live = problem(
            app.call(Method::POST, &path, Some(&admin), None).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(
            live["detail"]
                .as_str()
                .unwrap()
                .contains("once it has ended"),
            "{live}"
        );
        engine.compute_baselines(&session).await.unwrap();
        let session = app
            .store
            .set_session_state(session.id, SessionState::Live, SessionState::Settling)
            .await
            .unwrap();
        engine.settle(&session, Utc::now()).await.unwrap();
        assert_eq!(engine.reward(&session).await.unwrap(), 0, "nothing saved");

        let recompute = async || {
            let response = app.call(Method::POST, &path, Some(&admin), None).await;
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<Value>().await.unwrap()
        };
        let unchanged = recompute().await;
        assert_eq!(
            (
                &unchanged["status"],
                &unchanged["saved_kwh"],
                &unchanged["ledger_entries"]
            ),
            (&"final".into(), &0.0.into(), &0.into())
        );

        // The utility corrects the session hour: 0.15 per quarter hour, 0.4 kWh saved.
        steady_readings(&app.store, meter, start..end, 0.15).await;
        let corrected = recompute().await;
        assert_eq!(
            (&corrected["saved_kwh"], &corrected["ledger_entries"]),
            (&0.4.into(), &1.into())
        );
        assert_eq!(session_points(&app, household.id).await, 40);
        // The household's progress followed: its first saving's badge, paid once.
        let balance = app.store.points_balance(household.id).await.unwrap();
        assert!(balance > 40, "{balance}");
        assert_eq!(recompute().await["ledger_entries"], 0, "once only");
        assert_eq!(
            app.store.points_balance(household.id).await.unwrap(),
            balance
        );

        let stranger = problem(
            app.call(
                Method::POST,
                &format!(
                    "/api/v1/admin/sessions/{}/results/{}/recompute",
                    session.id,
                    uuid::Uuid::now_v7()
                ),
                Some(&admin),
                None,
            )
            .await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert!(
            stranger["detail"].as_str().unwrap().contains("no result"),
            "{stranger}"
        );
        assert_eq!(
            app.store.points_balance(household.id).await.unwrap(),
            balance
        );
    }
}

/// A household's points from sessions: its ledger without the badges' points.
async fn session_points(app: &TestApp, user: uuid::Uuid) -> i64 {
    let page = domain::paging::PageRequest::new(None, Some(100)).unwrap();
    app.store
        .points_ledger(user, page)
        .await
        .unwrap()
        .items
        .iter()
        .filter(|e| e.entry.reason != domain::rewards::LedgerReason::Badge)
        .map(|e| e.entry.points)
        .sum()
}
