//! Live progress over Server-Sent Events — a reading uploaded through the ingest API reaches the
//! household's stream and the staff aggregate — and the staff results once settled.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use common::{TestApp, settings};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::SessionState;
use serde_json::{Value, json};
use store::testing::{each_backend, session_plan};

/// Reads server-sent events until one named `progress` arrives; returns its data.
async fn next_progress(response: &mut reqwest::Response, buffer: &mut String) -> Value {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.lines().any(|l| l == "event: progress") {
                let data: String = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect();
                return serde_json::from_str(&data).unwrap();
            }
            continue;
        }
        let chunk = tokio::time::timeout(StdDuration::from_secs(20), response.chunk())
            .await
            .expect("an event in time")
            .unwrap()
            .expect("stream open");
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[tokio::test]
async fn readings_reach_the_household_and_staff_streams() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let staff = app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;
        let household = app.user("home@example.com", Role::Consumer).await;
        let token = app.token("home@example.com").await;
        app.store
            .link_meter(
                household.id,
                &MeterId::parse("CY-LIVE").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        let meter = app
            .store
            .meters_by_utility_ids(&["CY-LIVE".to_owned()])
            .await
            .unwrap()["CY-LIVE"]
            .id;

        // A session that began about an hour ago, with 20 days of steady history before it; its
        // first half hour has ended (readings of it can arrive), even just after midnight.
        let (start, _) = domain::calendar::window_within_local_day(
            chrono_tz::Europe::Nicosia,
            Utc::now() - Duration::minutes(30),
            Duration::hours(1),
            Duration::hours(2),
        );
        let mut batch = Vec::new();
        let mut at = start - Duration::days(20);
        while at < start {
            batch.push(
                validate(
                    meter,
                    IntervalLength::FifteenMinutes,
                    at,
                    0.25,
                    Quality::Actual,
                    Utc::now(),
                    &ReadingLimits::default(),
                )
                .unwrap(),
            );
            at += Duration::minutes(15);
        }
        app.store.upsert_readings(&batch).await.unwrap();
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
        app.store
            .join_session(session.id, household.id)
            .await
            .unwrap();
        app.store
            .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap();
        let session = app
            .store
            .set_session_state(session.id, SessionState::Scheduled, SessionState::Live)
            .await
            .unwrap();
        let engine = engine::Engine::new(app.store.clone(), settings().programme.engine_settings());
        engine.compute_baselines(&session).await.unwrap();

        let open = |path: String, token: String| {
            let client = app.client.clone();
            let url = app.url(&path);
            async move { client.get(url).bearer_auth(token).send().await.unwrap() }
        };
        let mut household_stream = open(
            format!("/api/v1/sessions/{}/live", session.id),
            token.clone(),
        )
        .await;
        assert_eq!(household_stream.status(), 200);
        assert_eq!(
            household_stream.headers()["content-type"],
            "text/event-stream"
        );
        let mut staff_stream = open(
            format!("/api/v1/admin/sessions/{}/live", session.id),
            admin.clone(),
        )
        .await;
        let (mut mine_buffer, mut staff_buffer) = (String::new(), String::new());
        let first = next_progress(&mut household_stream, &mut mine_buffer).await;
        assert_eq!(
            (
                &first["state"],
                &first["participants"],
                &first["periods"][0]["reporting"]
            ),
            (&json!("live"), &json!(1), &json!(0))
        );
        assert_eq!(first["periods"][0]["baseline_kwh"], 0.5);
        next_progress(&mut staff_stream, &mut staff_buffer).await;

        // The meter reports the session's first half hour through the ingest API.
        app.user("root@example.com", Role::SuperAdmin).await;
        let root = app.token("root@example.com").await;
        let created: Value = app
            .call(
                reqwest::Method::POST,
                "/api/v1/admin/data-sources",
                Some(&root),
                Some(json!({"name": "live-feed"})),
            )
            .await
            .json()
            .await
            .unwrap();
        let readings = json!({"readings": [
            {"meter_id": "CY-LIVE", "interval_start": start, "kwh": 0.1},
            {"meter_id": "CY-LIVE", "interval_start": start + Duration::minutes(15), "kwh": 0.1},
        ]});
        let uploaded = app
            .client
            .post(app.url("/api/v1/meter-readings"))
            .bearer_auth(created["api_key"].as_str().unwrap())
            .json(&readings)
            .send()
            .await
            .unwrap();
        assert_eq!(uploaded.status(), 200);

        let update = next_progress(&mut household_stream, &mut mine_buffer).await;
        assert_eq!(
            (
                &update["periods"][0]["actual_kwh"],
                &update["periods"][0]["reporting"],
                &update["saved_kwh"]
            ),
            (&json!(0.2), &json!(1), &json!(0.3))
        );
        let aggregate = next_progress(&mut staff_stream, &mut staff_buffer).await;
        assert_eq!(
            (
                &aggregate["periods"][0]["actual_kw"],
                &aggregate["periods"][0]["baseline_kw"]
            ),
            (&json!(0.4), &json!(1.0))
        );
        // A second dashboard shares the session's aggregate: the latest figures come at once.
        let mut second = open(
            format!("/api/v1/admin/sessions/{}/live", session.id),
            admin.clone(),
        )
        .await;
        let mut second_buffer = String::new();
        let shared = next_progress(&mut second, &mut second_buffer).await;
        assert_eq!(shared["periods"], aggregate["periods"]);

        // Someone who did not join has no stream.
        app.user("other@example.com", Role::Consumer).await;
        let other = app.token("other@example.com").await;
        assert_eq!(
            open(format!("/api/v1/sessions/{}/live", session.id), other)
                .await
                .status(),
            409
        );

        // After the session: results, distribution, points and the CSV export.
        let session = app
            .store
            .set_session_state(session.id, SessionState::Live, SessionState::Settling)
            .await
            .unwrap();
        engine.settle(&session, Utc::now()).await.unwrap();
        engine.reward(&session).await.unwrap();
        let results: Value = open(
            format!("/api/v1/admin/sessions/{}/results", session.id),
            admin.clone(),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(
            (
                &results["participants"],
                &results["eligible"],
                &results["reporting"]
            ),
            (&json!(1), &json!(1), &json!(1))
        );
        assert_eq!(
            results["top_savers"][0]["display_name"],
            household.display_name.as_str()
        );
        let saved = results["saved_kwh"].as_f64().unwrap();
        let buckets = results["percent_saved_distribution"].as_array().unwrap();
        assert_eq!(buckets.len(), 7);
        assert_eq!(
            buckets
                .iter()
                .map(|b| b["households"].as_u64().unwrap())
                .sum::<u64>(),
            1
        );
        let csv = open(
            format!("/api/v1/admin/sessions/{}/results.csv", session.id),
            admin.clone(),
        )
        .await;
        assert!(
            csv.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = csv.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "user_id,email,display_name,status,reason,baseline_kwh,actual_kwh,saved_kwh,percent_saved"
        );
        assert!(
            lines[1].contains("home@example.com") && lines[1].contains(&format!(",{saved:.3},")),
            "{text}"
        );
        assert_eq!(lines.len(), 2);

        // The household's points, and what staff see of the user.
        let issued = results["points_issued"].as_i64().unwrap();
        let mine: Value = open("/api/v1/me/points".to_owned(), token.clone())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(mine["balance"].as_i64(), Some(issued));
        let theirs: Value = open(
            format!("/api/v1/admin/users/{}/points", household.id),
            admin.clone(),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(
            (theirs["balance"].as_i64(), theirs["total"].as_u64()),
            (Some(issued), mine["total"].as_u64())
        );
        let joined: Value = open(
            format!("/api/v1/admin/users/{}/sessions", household.id),
            admin.clone(),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(joined["total"], 1);
        assert!(joined["items"][0]["result"]["status"].is_string());
        let usage = open(
            format!(
                "/api/v1/admin/users/{}/consumption?resolution=1d",
                household.id
            ),
            admin.clone(),
        )
        .await;
        assert_eq!(usage.status(), 200);
        let recent: Value = open("/api/v1/admin/overview/sessions".to_owned(), admin.clone())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(recent["total"].as_u64(), Some(1));
        assert_eq!(recent["items"][0]["saved_kwh"].as_f64(), Some(saved));
        assert_eq!(recent["items"][0]["points_issued"].as_i64(), Some(issued));
        let missing = open(
            format!("/api/v1/admin/users/{}/points", uuid::Uuid::now_v7()),
            admin.clone(),
        )
        .await;
        assert_eq!(missing.status(), 404);

        // A disabled household and a demoted admin lose their open streams too.
        app.store
            .set_user_disabled(household.id, true)
            .await
            .unwrap();
        app.store
            .set_user_role(staff.id, Role::Consumer)
            .await
            .unwrap();
        for stream in [&mut household_stream, &mut staff_stream] {
            let ended = tokio::time::timeout(StdDuration::from_secs(60), async {
                while stream.chunk().await.unwrap().is_some() {}
            })
            .await;
            assert!(ended.is_ok(), "the stream should end");
        }
    }
}
