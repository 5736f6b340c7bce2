//! `powersave worker` as its own process on the Redis queue: it takes a job queued by another
//! process, moves the session on in the shared database, and exits cleanly on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::{Command, Stdio};
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use domain::session::{Audience, SessionState, SessionWindow};
use store::testing::running_in_ci;
use support::{database, fixtures, work_dir};

#[tokio::test]
async fn a_separate_worker_starts_a_session_queued_on_redis_and_stops_on_sigterm() {
    let Ok(redis) = std::env::var("POWERSAVE_TEST_REDIS_URL") else {
        assert!(
            !running_in_ci(),
            "POWERSAVE_TEST_REDIS_URL is required under CI=true"
        );
        eprintln!("skipping: POWERSAVE_TEST_REDIS_URL is not set (scripts/services.sh prints it)");
        return;
    };
    let work = work_dir("worker");
    let store = fixtures(&work).await;
    // A session under way (within the local day, as sessions are), with nobody signed up.
    let (start, end) = domain::calendar::window_within_local_day(
        chrono_tz::Europe::Nicosia,
        Utc::now(),
        Duration::hours(1),
        Duration::hours(2),
    );
    let session = store
        .create_session(
            &store::SessionPlan {
                title: "Started elsewhere".to_owned(),
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
                surprise: true,
            },
            None,
        )
        .await
        .unwrap();
    store
        .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
        .await
        .unwrap();
    let queue_name = format!("powersave-worker-test-{}", std::process::id());
    let mut config = jobs::QueueConfig::new(jobs::QueueBackend::Redis {
        url: redis.clone(),
        ca_file: None,
    });
    config.queue_name.clone_from(&queue_name);
    let queue = jobs::JobQueue::connect(&config).await.unwrap();
    queue
        .enqueue(jobs::Job::StartSession {
            session_id: session.id,
        })
        .await
        .unwrap();

    let mut worker = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args(["worker", "--config"])
        .arg(work.join("empty.toml"))
        .current_dir(&work)
        .env("POWERSAVE_DATABASE_URL", database(&work).expose())
        .env("POWERSAVE_JOBS__BACKEND", "redis")
        .env("POWERSAVE_JOBS__REDIS_URL", &redis)
        .env("POWERSAVE_JOBS__QUEUE_NAME", &queue_name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = tokio::time::timeout(StdDuration::from_secs(30), async {
        loop {
            if store.session(session.id).await.unwrap().state == SessionState::Live {
                return;
            }
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
    })
    .await;
    let terminated = Command::new("kill")
        .args(["-TERM", &worker.id().to_string()])
        .status()
        .unwrap();
    let exited = tokio::time::timeout(StdDuration::from_secs(30), async {
        loop {
            if let Some(status) = worker.try_wait().unwrap() {
                return status;
            }
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
    })
    .await;
    if exited.is_err() {
        let _ = worker.kill();
    }
    queue.close().await;
    store.close().await.unwrap();
    std::fs::remove_dir_all(&work).unwrap();
    assert!(started.is_ok(), "the worker should start the session");
    assert!(terminated.success());
    assert!(exited.expect("the worker should exit on SIGTERM").success());
}
