//! Saving Sessions over HTTP on both backends: planning with field-level errors, overlaps and
//! notice, announcing and cancelling, and households joining and leaving with clear refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Duration, DurationRound, Utc};
use common::{TestApp, problem};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{each_backend, local_hour};

/// The start of an hour-long window about two hours from now, within one local day: short notice.
fn in_about_two_hours() -> DateTime<Utc> {
    let (start, _) = domain::calendar::window_within_local_day(
        chrono_tz::Europe::Nicosia,
        Utc::now() + Duration::hours(2),
        Duration::zero(),
        Duration::hours(1),
    );
    start
}

fn plan(start: DateTime<Utc>, hours: i64) -> Value {
    json!({"title": "Evening peak", "starts_at": start, "ends_at": start + Duration::hours(hours), "points_per_kwh": 100})
}

async fn json_of(response: reqwest::Response, status: StatusCode) -> Value {
    let actual = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(actual, status, "{body}");
    body
}

/// Gives a household a meter with 15 days of complete quarter-hour readings.
async fn with_history(app: &TestApp, user: uuid::Uuid, meter: &str) {
    app.store
        .link_meter(
            user,
            &MeterId::parse(meter).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let id = app
        .store
        .meters_by_utility_ids(&[meter.to_owned()])
        .await
        .unwrap()[meter]
        .id;
    let now = Utc::now();
    let mut at = (now - Duration::days(16))
        .duration_trunc(Duration::days(1))
        .unwrap();
    let mut batch = Vec::new();
    while at + Duration::minutes(15) <= now {
        batch.push(
            validate(
                id,
                IntervalLength::FifteenMinutes,
                at,
                0.2,
                Quality::Actual,
                now,
                &ReadingLimits::default(),
            )
            .unwrap(),
        );
        at += Duration::minutes(15);
    }
    app.store.upsert_readings(&batch).await.unwrap();
}

#[tokio::test]
async fn staff_plan_announce_and_cancel_with_clear_errors() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;
        let call = async |method: Method, path: &str, body: Option<Value>| {
            app.call(method, path, Some(&admin), body).await
        };

        let bad = json!({
            "title": " ", "starts_at": "2030-01-01T17:10:00Z", "ends_at": "2030-01-01T23:00:00Z",
            "points_per_kwh": 20000, "audience": {"kind": "districts", "districts": ["Atlantis"]},
            "baseline_method": "guesswork"
        });
        let body = problem(
            call(Method::POST, "/api/v1/admin/sessions", Some(bad)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        for field in [
            "title",
            "points_per_kwh",
            "audience.districts",
            "baseline_method",
            "starts_at",
            "ends_at",
        ] {
            assert!(fields.contains(&field), "{field} missing from {body}");
        }
        // 23:00-01:00 in Nicosia (UTC+2 in January) runs past local midnight.
        let past_midnight = json!({
            "title": "Late", "starts_at": "2030-01-01T21:00:00Z", "ends_at": "2030-01-01T23:00:00Z",
            "points_per_kwh": 100
        });
        let body = problem(
            call(Method::POST, "/api/v1/admin/sessions", Some(past_midnight)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "ends_at", "{body}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("Europe/Nicosia"),
            "{body}"
        );
        let listed = json_of(
            call(Method::GET, "/api/v1/admin/sessions", None).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(listed["total"], 0, "nothing stored from a refused plan");

        let start = local_hour(2, 12);
        let created = json_of(
            call(Method::POST, "/api/v1/admin/sessions", Some(plan(start, 2))).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(
            (created["state"].as_str(), created["join_deadline"].as_str()),
            (Some("draft"), created["starts_at"].as_str())
        );
        let clash = problem(
            call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(plan(start + Duration::hours(1), 2)),
            )
            .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(
            clash["detail"]
                .as_str()
                .unwrap()
                .contains("overlaps session \"Evening peak\""),
            "{clash}"
        );
        json_of(
            call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(plan(start + Duration::hours(2), 1)),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;

        let id = created["id"].as_str().unwrap();
        let announced = json_of(
            call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{id}/announce"),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(announced["state"], "scheduled");
        let again = problem(
            call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{id}/announce"),
                None,
            )
            .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(
            again["detail"],
            "a scheduled session cannot become scheduled"
        );

        let soon = in_about_two_hours();
        let short = json_of(
            call(Method::POST, "/api/v1/admin/sessions", Some(plan(soon, 1))).await,
            StatusCode::CREATED,
        )
        .await;
        let short_id = short["id"].as_str().unwrap();
        let notice = problem(
            call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{short_id}/announce"),
                None,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            notice["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("mark it as a surprise"),
            "{notice}"
        );
        let mut surprise = plan(soon, 1);
        surprise["surprise"] = json!(true);
        json_of(
            call(
                Method::PUT,
                &format!("/api/v1/admin/sessions/{short_id}"),
                Some(surprise),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        json_of(
            call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{short_id}/announce"),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;

        let cancelled = json_of(
            call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{id}/cancel"),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(cancelled["state"], "cancelled");
        let edit = problem(
            call(
                Method::PUT,
                &format!("/api/v1/admin/sessions/{id}"),
                Some(plan(start, 2)),
            )
            .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(
            edit["detail"],
            "a cancelled session can no longer be edited"
        );
        let filtered = json_of(
            call(Method::GET, "/api/v1/admin/sessions?state=scheduled", None).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(filtered["total"], 1);
        problem(
            call(Method::GET, "/api/v1/admin/sessions?state=over", None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
}

#[tokio::test]
async fn households_join_and_leave_until_the_deadline_when_eligible() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;
        let household = app.user("home@example.com", Role::Consumer).await;
        let token = app.token("home@example.com").await;
        let as_household =
            async |method: Method, path: String| app.call(method, &path, Some(&token), None).await;

        let start = local_hour(2, 12);
        let created = json_of(
            app.call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(&admin),
                Some(plan(start, 2)),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        let id = created["id"].as_str().unwrap().to_owned();
        problem(
            as_household(Method::GET, format!("/api/v1/sessions/{id}")).await,
            StatusCode::NOT_FOUND,
        )
        .await;
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

        let upcoming = json_of(
            as_household(Method::GET, "/api/v1/sessions".into()).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (
                upcoming["total"].as_u64(),
                &upcoming["items"][0]["joined"],
                &upcoming["items"][0]["invited"]
            ),
            (Some(1), &json!(false), &json!(true))
        );

        let no_data = problem(
            as_household(Method::POST, format!("/api/v1/sessions/{id}/join")).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(
            no_data["detail"],
            "not eligible: no meter is linked to the household"
        );
        with_history(&app, household.id, "CY-HOME").await;
        let joined = json_of(
            as_household(Method::POST, format!("/api/v1/sessions/{id}/join")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (&joined["joined"], &joined["participants"]),
            (&json!(true), &json!(1))
        );
        let twice = problem(
            as_household(Method::POST, format!("/api/v1/sessions/{id}/join")).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(twice["detail"], "already joined this session");
        let detail = json_of(
            as_household(Method::GET, format!("/api/v1/sessions/{id}")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (&detail["joined"], &detail["result"]),
            (&json!(true), &Value::Null)
        );

        assert_eq!(
            as_household(Method::DELETE, format!("/api/v1/sessions/{id}/join"))
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        let not_in = problem(
            as_household(Method::DELETE, format!("/api/v1/sessions/{id}/join")).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(not_in["detail"], "you had not joined this session");

        // Only Limassol is invited, and this household has not chosen a district.
        let mut limassol = plan(start + Duration::hours(3), 1);
        limassol["audience"] = json!({"kind": "districts", "districts": ["Limassol"]});
        let local = json_of(
            app.call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(&admin),
                Some(limassol),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        let local_id = local["id"].as_str().unwrap();
        json_of(
            app.call(
                Method::POST,
                &format!("/api/v1/admin/sessions/{local_id}/announce"),
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        let outside = problem(
            as_household(Method::POST, format!("/api/v1/sessions/{local_id}/join")).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(
            outside["detail"]
                .as_str()
                .unwrap()
                .contains("choose your district"),
            "{outside}"
        );

        // A session whose deadline has passed.
        let late = app
            .store
            .create_session(
                &store::SessionPlan {
                    title: "Late".into(),
                    description: String::new(),
                    greek: Default::default(),
                    window: domain::session::SessionWindow {
                        starts_at: start + Duration::hours(6),
                        ends_at: start + Duration::hours(7),
                        join_deadline: Utc::now() - Duration::minutes(1),
                    },
                    points_per_kwh: 1,
                    opt_in_bonus: 0,
                    audience: domain::session::Audience::Everyone,
                    baseline_method: domain::baseline::MethodName::LikeDays,
                    surprise: false,
                },
                None,
            )
            .await
            .unwrap();
        app.store
            .set_session_state(
                late.id,
                domain::session::SessionState::Draft,
                domain::session::SessionState::Scheduled,
            )
            .await
            .unwrap();
        let closed = problem(
            as_household(Method::POST, format!("/api/v1/sessions/{}/join", late.id)).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(
            closed["detail"]
                .as_str()
                .unwrap()
                .starts_with("the join deadline"),
            "{closed}"
        );
        assert_eq!(
            app.store.session_participants(late.id).await.unwrap().len(),
            0
        );
    }
}

/// A session two days ago, moved straight to `final` as settlement would leave it.
async fn settled_session(app: &TestApp, title: &str, days_ago: i64) -> uuid::Uuid {
    use domain::session::SessionState;
    let start = local_hour(-days_ago, 12);
    let session = app
        .store
        .create_session(
            &store::SessionPlan {
                title: title.into(),
                description: String::new(),
                greek: Default::default(),
                window: domain::session::SessionWindow {
                    starts_at: start,
                    ends_at: start + Duration::hours(1),
                    join_deadline: start,
                },
                points_per_kwh: 100,
                opt_in_bonus: 10,
                audience: domain::session::Audience::Everyone,
                baseline_method: domain::baseline::MethodName::LikeDays,
                surprise: false,
            },
            None,
        )
        .await
        .unwrap();
    for (from, to) in [
        (SessionState::Draft, SessionState::Scheduled),
        (SessionState::Scheduled, SessionState::Live),
        (SessionState::Live, SessionState::Settling),
        (SessionState::Settling, SessionState::Final),
    ] {
        app.store
            .set_session_state(session.id, from, to)
            .await
            .unwrap();
    }
    session.id
}

#[tokio::test]
async fn past_sessions_say_what_each_paid_the_household_corrections_included() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let home = app.user("home@example.com", Role::Consumer).await;
        let neighbour = app.user("neighbour@example.com", Role::Consumer).await;
        let token = app.token("home@example.com").await;
        let paid = settled_session(&app, "Paid", 2).await;
        let unpaid = settled_session(&app, "Unpaid", 3).await;
        for id in [paid, unpaid] {
            app.store.join_session(id, home.id).await.unwrap();
        }
        let entry = |user: uuid::Uuid, reason: &str, reference: String, points: i64| {
            store::NewPointsEntry {
                user_id: user,
                reason: domain::rewards::LedgerReason::parse(reason).unwrap(),
                reference,
                points,
                note: None,
            }
        };
        app.store
            .append_points(&[
                entry(home.id, "session_savings", paid.to_string(), 120),
                entry(home.id, "opt_in_bonus", paid.to_string(), 10),
                entry(home.id, "session_savings", format!("{paid}#2"), -30),
                entry(neighbour.id, "session_savings", paid.to_string(), 500),
            ])
            .await
            .unwrap();

        let past = json_of(
            app.call(
                Method::GET,
                "/api/v1/sessions?when=past",
                Some(&token),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        let earned: Vec<(&str, i64)> = past["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["title"].as_str().unwrap(),
                    s["points_earned"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(earned, vec![("Paid", 100), ("Unpaid", 0)], "{past}");

        let detail = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/sessions/{paid}"),
                Some(&token),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (&detail["joined"], &detail["points_earned"]),
            (&json!(true), &json!(100)),
            "{detail}"
        );
        let neighbours = app.token("neighbour@example.com").await;
        let theirs = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/sessions/{paid}"),
                Some(&neighbours),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(theirs["points_earned"], json!(500), "{theirs}");
    }
}
