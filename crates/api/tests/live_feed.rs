//! Several households follow one session through its shared feed: an upload reaches each
//! household's own stream with its own figures, including a household watching from two
//! devices, and a later upload for one household reaches its streams; with two instances, an
//! upload to one reaches a stream on the other through Redis.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use common::{TestApp, settings};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::SessionState;
use serde_json::{Value, json};
use store::testing::{each_backend, session_plan};
use uuid::Uuid;

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

/// A household with a meter and 20 days of steady 0.25 kWh quarter hours before `start`.
async fn household(app: &TestApp, name: &str, start: DateTime<Utc>) -> (Uuid, String) {
    let email = format!("{name}@example.com");
    let user = app.user(&email, Role::Consumer).await;
    let meter = format!("CY-{}", name.to_uppercase());
    app.store
        .link_meter(
            user.id,
            &MeterId::parse(&meter).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let id = app
        .store
        .meters_by_utility_ids(std::slice::from_ref(&meter))
        .await
        .unwrap()[&meter]
        .id;
    let mut batch = Vec::new();
    let mut at = start - Duration::days(20);
    while at < start {
        batch.push(
            validate(
                id,
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
    (user.id, app.token(&email).await)
}

struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(app: &TestApp, session: Uuid, token: &str) -> Self {
        let response = app
            .client
            .get(app.url(&format!("/api/v1/sessions/{session}/live")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let mut stream = Self {
            response,
            buffer: String::new(),
        };
        let first = stream.next().await;
        assert_eq!(first["periods"][0]["reporting"], 0);
        stream
    }

    async fn next(&mut self) -> Value {
        next_progress(&mut self.response, &mut self.buffer).await
    }
}

/// A two-hour session under way since `start` that `households` joined, live with their
/// baselines computed.
async fn live_session(
    app: &TestApp,
    start: DateTime<Utc>,
    households: &[Uuid],
) -> store::SessionRecord {
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
    for user in households {
        app.store.join_session(session.id, *user).await.unwrap();
    }
    app.store
        .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
        .await
        .unwrap();
    let session = app
        .store
        .set_session_state(session.id, SessionState::Scheduled, SessionState::Live)
        .await
        .unwrap();
    engine::Engine::new(app.store.clone(), settings().programme.engine_settings())
        .compute_baselines(&session)
        .await
        .unwrap();
    session
}

#[tokio::test]
async fn each_household_stream_gets_its_own_figures_from_the_shared_feed() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        // Its first half hour has ended (readings of it can arrive), even just after midnight.
        let (start, _) = domain::calendar::window_within_local_day(
            chrono_tz::Europe::Nicosia,
            Utc::now() - Duration::minutes(30),
            Duration::hours(1),
            Duration::hours(2),
        );
        let (anna, anna_token) = household(&app, "anna", start).await;
        let (bo, bo_token) = household(&app, "bo", start).await;
        let session = live_session(&app, start, &[anna, bo]).await;

        let mut anna_phone = Stream::open(&app, session.id, &anna_token).await;
        let mut anna_web = Stream::open(&app, session.id, &anna_token).await;
        let mut bo_phone = Stream::open(&app, session.id, &bo_token).await;

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
        let key = created["api_key"].as_str().unwrap().to_owned();
        let upload = |readings: Value| {
            let request = app
                .client
                .post(app.url("/api/v1/meter-readings"))
                .bearer_auth(&key)
                .json(&json!({ "readings": readings }));
            async move { request.send().await.unwrap().status() }
        };
        let quarter = start + Duration::minutes(15);
        let status = upload(json!([
            {"meter_id": "CY-ANNA", "interval_start": start, "kwh": 0.1},
            {"meter_id": "CY-ANNA", "interval_start": quarter, "kwh": 0.1},
            {"meter_id": "CY-BO", "interval_start": start, "kwh": 0.2},
            {"meter_id": "CY-BO", "interval_start": quarter, "kwh": 0.2},
        ]))
        .await;
        assert_eq!(status, 200);

        for stream in [&mut anna_phone, &mut anna_web] {
            let update = stream.next().await;
            assert_eq!(
                (
                    &update["participants"],
                    &update["periods"][0]["actual_kwh"],
                    &update["periods"][0]["reporting"],
                    &update["saved_kwh"]
                ),
                (&json!(1), &json!(0.2), &json!(1), &json!(0.3))
            );
        }
        let update = bo_phone.next().await;
        assert_eq!(
            (&update["periods"][0]["actual_kwh"], &update["saved_kwh"]),
            (&json!(0.4), &json!(0.1))
        );

        // A correction for Bo alone reaches Bo's stream.
        let status = upload(json!([
            {"meter_id": "CY-BO", "interval_start": start, "kwh": 0.05},
        ]))
        .await;
        assert_eq!(status, 200);
        let update = bo_phone.next().await;
        assert_eq!(update["periods"][0]["actual_kwh"], json!(0.25));
    }
}

#[tokio::test]
async fn an_upload_to_one_instance_reaches_a_stream_on_another_through_redis() {
    let Ok(redis) = std::env::var("POWERSAVE_TEST_REDIS_URL") else {
        assert!(
            !store::testing::running_in_ci(),
            "POWERSAVE_TEST_REDIS_URL is required under CI=true"
        );
        eprintln!("skipping: POWERSAVE_TEST_REDIS_URL is not set (scripts/services.sh prints it)");
        return;
    };
    for database in each_backend().await {
        // Two instances on one database, their reading events bridged through Redis as
        // `powersave serve` does with `live.redis_url`.
        let channel = format!(
            "powersave-test-{}-{}",
            std::process::id(),
            database.backend().name()
        );
        let (_stop, shutdown) = tokio::sync::watch::channel(false);
        let bridged = |origin: &'static str| {
            let (redis, channel, shutdown) = (redis.clone(), channel.clone(), shutdown.clone());
            move |state: api::AppState| {
                let events = state.reading_events.clone();
                tokio::spawn(async move {
                    ingest::fanout::bridge(&redis, &channel, origin.to_owned(), events, shutdown)
                        .await
                        .unwrap()
                });
                state
            }
        };
        let uploads = TestApp::spawn_with_state(&database, settings(), bridged("uploads")).await;
        let streams = TestApp::spawn_with_state(&database, settings(), bridged("streams")).await;
        let (start, _) = domain::calendar::window_within_local_day(
            chrono_tz::Europe::Nicosia,
            Utc::now() - Duration::minutes(30),
            Duration::hours(1),
            Duration::hours(2),
        );
        let (anna, anna_token) = household(&streams, "anna", start).await;
        let session = live_session(&streams, start, &[anna]).await;
        let mut stream = Stream::open(&streams, session.id, &anna_token).await;

        streams.user("root@example.com", Role::SuperAdmin).await;
        let root = uploads.token("root@example.com").await;
        let created: Value = uploads
            .call(
                reqwest::Method::POST,
                "/api/v1/admin/data-sources",
                Some(&root),
                Some(json!({"name": "elsewhere"})),
            )
            .await
            .json()
            .await
            .unwrap();
        let key = created["api_key"].as_str().unwrap().to_owned();
        // The bridges subscribe in the background: send new figures until the other instance's
        // stream shows them.
        let quarter = start + Duration::minutes(15);
        let seen = tokio::time::timeout(StdDuration::from_secs(20), async {
            for attempt in 1..=100u32 {
                let kwh = f64::from(attempt) / 100.0;
                let status = uploads
                    .client
                    .post(uploads.url("/api/v1/meter-readings"))
                    .bearer_auth(&key)
                    .json(&json!({"readings": [
                        {"meter_id": "CY-ANNA", "interval_start": start, "kwh": kwh},
                        {"meter_id": "CY-ANNA", "interval_start": quarter, "kwh": kwh},
                    ]}))
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert_eq!(status, 200);
                let update =
                    tokio::time::timeout(StdDuration::from_millis(500), stream.next()).await;
                if let Ok(update) = update {
                    return update;
                }
            }
            panic!("no update reached the other instance");
        })
        .await
        .expect("an update through Redis in time");
        assert_eq!(seen["periods"][0]["reporting"], 1, "{seen}");
    }
}
