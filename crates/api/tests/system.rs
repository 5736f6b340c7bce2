//! The System screen's data: queue depth and failed-job retry on a real queue, and baseline
//! accuracy on stored meter data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, DurationRound, Utc};
use common::{TestApp, problem, settings};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::each_backend;

#[tokio::test]
async fn queue_health_failed_jobs_and_baseline_accuracy() {
    for database in each_backend().await {
        let path = std::env::temp_dir().join(format!(
            "powersave-system-{}-{}.db",
            std::process::id(),
            database.backend().name()
        ));
        let queue = jobs::JobQueue::connect(&jobs::QueueConfig::new(jobs::QueueBackend::Sqlite {
            path: path.clone(),
        }))
        .await
        .unwrap();
        queue
            .enqueue(jobs::Job::Tick { at: Utc::now() })
            .await
            .unwrap();
        let app = TestApp::spawn_with_state(&database, settings(), |state| {
            state.with_jobs(queue.clone())
        })
        .await;
        app.user("admin@example.com", Role::Admin).await;
        let admin = app.token("admin@example.com").await;

        let system: Value = app
            .call(Method::GET, "/api/v1/admin/system", Some(&admin), None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (&system["database_ok"], &system["queue"]["waiting"]),
            (&Value::Bool(true), &serde_json::json!(1))
        );
        assert!(system.get("failed_jobs").is_none(), "listed on their own");

        // Announcing a session queues its announce job for the worker.
        let start = store::testing::local_hour(2, 12);
        let planned: Value = app
            .call(
                Method::POST,
                "/api/v1/admin/sessions",
                Some(&admin),
                Some(serde_json::json!({
                    "title": "Peak", "starts_at": start,
                    "ends_at": start + chrono::Duration::hours(1), "points_per_kwh": 100
                })),
            )
            .await
            .json()
            .await
            .unwrap();
        let announce = format!(
            "/api/v1/admin/sessions/{}/announce",
            planned["id"].as_str().unwrap()
        );
        let announced = app.call(Method::POST, &announce, Some(&admin), None).await;
        assert_eq!(announced.status(), reqwest::StatusCode::OK);
        assert_eq!(queue.depth().await.unwrap().waiting, 2);
        assert_eq!(
            (&system["mqtt_state"], &system["mqtt_error"]),
            (&serde_json::json!("not_running"), &Value::Null),
            "no MQTT feed runs in this instance"
        );
        let failed: Value = app
            .call(
                Method::GET,
                "/api/v1/admin/system/failed-jobs",
                Some(&admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (&failed["items"], &failed["total"], &failed["page"]),
            (
                &serde_json::json!([]),
                &serde_json::json!(0),
                &serde_json::json!(1)
            )
        );
        let unknown = app
            .call(
                Method::POST,
                "/api/v1/admin/system/failed-jobs/01J0000000000000000000000A/retry",
                Some(&admin),
                None,
            )
            .await;
        problem(unknown, StatusCode::NOT_FOUND).await;
        let garbage = app
            .call(
                Method::POST,
                "/api/v1/admin/system/failed-jobs/not-an-id/retry",
                Some(&admin),
                None,
            )
            .await;
        problem(garbage, StatusCode::NOT_FOUND).await;

        // Three households with identical days: every method is exact, without bias.
        let now = Utc::now();
        for n in 0..3 {
            let user = app
                .user(&format!("home{n}@example.com"), Role::Consumer)
                .await;
            let meter = format!("CY-ACC-{n}");
            app.store
                .link_meter(
                    user.id,
                    &MeterId::parse(&meter).unwrap(),
                    IntervalLength::ThirtyMinutes,
                )
                .await
                .unwrap();
            let id = app
                .store
                .meters_by_utility_ids(std::slice::from_ref(&meter))
                .await
                .unwrap()[&meter]
                .id;
            let mut at = (now - Duration::days(80))
                .duration_trunc(Duration::days(1))
                .unwrap();
            let mut batch = Vec::new();
            while at + Duration::minutes(30) <= now {
                batch.push(
                    validate(
                        id,
                        IntervalLength::ThirtyMinutes,
                        at,
                        0.4,
                        Quality::Actual,
                        now,
                        &ReadingLimits::default(),
                    )
                    .unwrap(),
                );
                at += Duration::minutes(30);
            }
            app.store.upsert_readings(&batch).await.unwrap();
        }
        let bad = app
            .call(
                Method::GET,
                "/api/v1/admin/baselines/accuracy?days=2",
                Some(&admin),
                None,
            )
            .await;
        let bad = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(bad["errors"][0]["field"], "days");
        let figures: Value = app
            .call(
                Method::GET,
                "/api/v1/admin/baselines/accuracy?days=10&households=10",
                Some(&admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        let like_days = figures
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["method"] == "like-days")
            .unwrap();
        assert_eq!(
            (
                &like_days["households"],
                &like_days["aggregate_bias_percent"]
            ),
            (&serde_json::json!(3), &serde_json::json!(0.0))
        );
        assert!(
            like_days["events"].as_u64().unwrap() >= 3 * 5,
            "{like_days}"
        );
        queue.close().await;
        let _ = std::fs::remove_file(path);
    }
}
