//! The overview's figures through the real router: meters reporting, the live or next session,
//! kWh saved and Green Points issued, the sessions' savings page by page, and the whole
//! programme's consumption per local day and per hour.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, DurationRound, Utc};
use common::TestApp;
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::SessionState;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::{each_backend, session_plan};

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app.call(Method::GET, path, Some(token), None).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "[{}] {path}",
        app.backend
    );
    response.json().await.unwrap()
}

/// Walks a new session through its states up to `to`.
async fn session_in(
    app: &TestApp,
    title: &str,
    start: chrono::DateTime<Utc>,
    to: SessionState,
) -> uuid::Uuid {
    let id = app
        .store
        .create_session(&session_plan(title, start, 1), None)
        .await
        .unwrap()
        .id;
    let mut at = SessionState::Draft;
    for next in [
        SessionState::Scheduled,
        SessionState::Live,
        SessionState::Settling,
        SessionState::Final,
    ] {
        if at == to {
            break;
        }
        app.store.set_session_state(id, at, next).await.unwrap();
        at = next;
    }
    id
}

#[tokio::test]
async fn the_overview_counts_meters_sessions_savings_and_points() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let token = app.token(&admin.email).await;

        let empty = get(&app, &token, "/api/v1/admin/overview").await;
        assert_eq!(empty["meters_reporting_24h"], 0, "{}", app.backend);
        assert_eq!(empty["live_or_next_session"], Value::Null);
        assert_eq!(
            (
                empty["saved_kwh_30d"].as_f64(),
                empty["points_issued"].as_i64()
            ),
            (Some(0.0), Some(0))
        );

        let household = app.user("eleni@example.com", Role::Consumer).await;
        for id in ["CY-A", "CY-B"] {
            app.store
                .link_meter(
                    household.id,
                    &MeterId::parse(id).unwrap(),
                    IntervalLength::FifteenMinutes,
                )
                .await
                .unwrap();
        }
        let meters = app
            .store
            .meters_by_utility_ids(&["CY-A".to_owned()])
            .await
            .unwrap();
        let hour = Utc::now().duration_trunc(Duration::hours(1)).unwrap();
        let meter = meters["CY-A"];
        let readings: Vec<_> = (0..4)
            .map(|quarter| {
                validate(
                    meter.id,
                    meter.interval,
                    hour - Duration::hours(1) + Duration::minutes(15 * quarter),
                    0.25,
                    Quality::Actual,
                    Utc::now(),
                    &ReadingLimits::default(),
                )
                .unwrap()
            })
            .collect();
        app.store.upsert_readings(&readings).await.unwrap();

        let next = session_in(
            &app,
            "Tomorrow",
            hour + Duration::days(1),
            SessionState::Scheduled,
        )
        .await;
        session_in(
            &app,
            "Later",
            hour + Duration::days(2),
            SessionState::Scheduled,
        )
        .await;
        let settled = session_in(
            &app,
            "Last week",
            hour - Duration::days(7),
            SessionState::Final,
        )
        .await;
        app.store
            .save_session_results(&[store::SessionResultRecord {
                session_id: settled,
                user_id: household.id,
                status: domain::settlement::ResultStatus::Final,
                reason: None,
                baseline_kwh: Some(2.0),
                actual_kwh: Some(0.75),
                saved_kwh: Some(1.25),
                periods: Vec::new(),
                data_complete: true,
                computed_at: Utc::now(),
            }])
            .await
            .unwrap();
        app.store
            .append_points(&[store::NewPointsEntry {
                user_id: household.id,
                reason: domain::rewards::LedgerReason::SessionSavings,
                reference: settled.to_string(),
                points: 125,
                note: None,
            }])
            .await
            .unwrap();

        let overview = get(&app, &token, "/api/v1/admin/overview").await;
        assert_eq!(
            (
                overview["meters_reporting_24h"].as_u64(),
                overview["meters_linked"].as_u64()
            ),
            (Some(1), Some(2)),
            "{}",
            app.backend
        );
        assert_eq!(overview["live_or_next_session"]["id"], next.to_string());
        assert_eq!(overview["saved_kwh_30d"].as_f64(), Some(1.25));
        assert_eq!(
            (
                overview["points_issued"].as_i64(),
                overview["points_issued_30d"].as_i64()
            ),
            (Some(125), Some(125))
        );
        let live = session_in(&app, "Now", hour, SessionState::Live).await;
        let overview = get(&app, &token, "/api/v1/admin/overview").await;
        assert_eq!(
            (
                &overview["live_or_next_session"]["id"],
                &overview["live_or_next_session"]["state"]
            ),
            (&Value::String(live.to_string()), &Value::from("live"))
        );

        let savings = get(&app, &token, "/api/v1/admin/overview/sessions?per_page=1").await;
        assert_eq!(
            (
                savings["total"].as_u64(),
                savings["per_page"].as_u64(),
                savings["items"][0]["title"].as_str(),
                savings["items"][0]["saved_kwh"].as_f64(),
                savings["items"][0]["points_issued"].as_i64()
            ),
            (Some(1), Some(1), Some("Last week"), Some(1.25), Some(125))
        );

        // One meter read 1 kWh in the last hour; the other sent nothing.
        let hourly = get(
            &app,
            &token,
            "/api/v1/admin/overview/consumption?resolution=1h",
        )
        .await;
        let buckets = hourly["buckets"].as_array().unwrap();
        assert_eq!(
            (
                buckets.len(),
                hourly["resolution"].as_str(),
                hourly["time_zone"].as_str()
            ),
            (48, Some("1h"), Some("Europe/Nicosia"))
        );
        let last_hour = &buckets[46];
        assert_eq!(
            (
                last_hour["kwh"].as_f64(),
                last_hour["readings"].as_u64(),
                last_hour["expected_readings"].as_u64(),
                last_hour["complete"].as_bool()
            ),
            (Some(1.0), Some(4), Some(8), Some(false)),
            "{}",
            app.backend
        );
        assert_eq!(hourly["total_kwh"].as_f64(), Some(1.0));
        let daily = get(&app, &token, "/api/v1/admin/overview/consumption").await;
        let days = daily["buckets"].as_array().unwrap();
        assert_eq!((days.len(), daily["resolution"].as_str()), (30, Some("1d")));
        assert_eq!(daily["total_kwh"].as_f64(), Some(1.0));
        assert!(days[0]["start"].as_str().unwrap().contains("T00:00:00+0"));
    }
}
