//! The job queue against real storage: each scenario runs on an SQLite file and on Redis.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use chrono::Utc;
use jobs::{Job, JobQueue, QueueBackend};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use support::{Kind, Reaction, Recorder, RunningWorker, TestQueue, eventually};
use uuid::Uuid;

fn settle() -> Job {
    Job::Settle {
        session_id: Uuid::now_v7(),
    }
}

/// Generates one test per backend for a scenario.
macro_rules! on_every_queue {
    ($($scenario:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    super::$scenario(super::Kind::Sqlite).await;
                }
            )+
        }
        mod redis {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    super::$scenario(super::Kind::Redis).await;
                }
            )+
        }
    };
}

on_every_queue!(
    a_job_is_handled_once,
    a_failing_job_is_retried_with_backoff_then_listed_and_can_be_retried,
    a_permanent_failure_is_not_retried,
    scheduled_jobs_wait_for_their_time,
    a_job_of_a_killed_worker_runs_again_on_the_next,
    the_cron_tick_fires_once_per_instant_across_workers,
);

async fn a_job_is_handled_once(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let handler = Recorder::succeeding();
    let worker = RunningWorker::start(&test.config, handler.clone());

    let job = Job::Announce {
        session_id: Uuid::now_v7(),
    };
    let id = queue.enqueue(job.clone()).await.unwrap();
    eventually("the job ran", || async {
        !handler.calls_for(&job).is_empty()
    })
    .await;
    // A later job ran too, so the first had every chance to run twice.
    let marker = settle();
    queue.enqueue(marker.clone()).await.unwrap();
    eventually("the marker ran", || async {
        !handler.calls_for(&marker).is_empty()
    })
    .await;

    let calls = handler.calls_for(&job);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].context.id, id);
    assert_eq!(calls[0].context.attempt, 1);
    let depth = queue.depth().await.unwrap();
    assert_eq!((depth.waiting, depth.failed), (0, 0));
    worker.stop().await;
    queue.close().await;
}

async fn a_failing_job_is_retried_with_backoff_then_listed_and_can_be_retried(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let job = settle();
    let handler = Recorder::new(|_, _| Reaction::FailRetryably);
    let worker = RunningWorker::start(&test.config, handler.clone());

    queue.enqueue(job.clone()).await.unwrap();
    eventually("the job is listed as failed", || async {
        !queue.failed(10).await.unwrap().is_empty()
    })
    .await;
    worker.stop().await;

    let calls = handler.calls_for(&job);
    let attempts: Vec<u32> = calls.iter().map(|call| call.context.attempt).collect();
    assert_eq!(attempts, [1, 2, 3]);
    // Never earlier than the backoff (1 s, then 2 s); no upper bound is asserted.
    let backoff = &test.config.backoff;
    for (pair, attempt) in calls.windows(2).zip(1..) {
        assert!(pair[1].started - pair[0].started >= backoff.delay_after(attempt));
    }
    let failed = queue.failed(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].job, job);
    assert_eq!(failed[0].attempts, 3);
    assert_eq!(failed[0].error, "meter data system unreachable");
    assert!(failed[0].failed_at.is_some());
    let depth = queue.depth().await.unwrap();
    assert_eq!((depth.waiting, depth.running, depth.failed), (0, 0, 1));

    let fixed = Recorder::succeeding();
    let worker = RunningWorker::start(&test.config, fixed.clone());
    let retry = queue.retry(&failed[0].id).await.unwrap();
    eventually("the retried job ran", || async {
        !fixed.calls_for(&job).is_empty()
    })
    .await;
    let calls = fixed.calls_for(&job);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].context.id.clone(), calls[0].context.attempt),
        (retry, 1)
    );
    assert!(queue.failed(10).await.unwrap().is_empty());
    assert!(
        queue.retry(&failed[0].id).await.is_err(),
        "retried only once"
    );
    worker.stop().await;
    queue.close().await;
}

async fn a_permanent_failure_is_not_retried(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let handler = Recorder::new(|_, _| Reaction::FailPermanently);
    let worker = RunningWorker::start(&test.config, handler.clone());

    let job = Job::Reward {
        session_id: Uuid::now_v7(),
    };
    queue.enqueue(job.clone()).await.unwrap();
    eventually("the job is listed as failed", || async {
        !queue.failed(10).await.unwrap().is_empty()
    })
    .await;
    let failed = queue.failed(10).await.unwrap();
    assert_eq!(
        (failed[0].attempts, failed[0].error.as_str()),
        (1, "no such session")
    );
    assert_eq!(handler.calls_for(&job).len(), 1);
    worker.stop().await;
    queue.close().await;
}

async fn scheduled_jobs_wait_for_their_time(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let handler = Recorder::succeeding();
    let worker = RunningWorker::start(&test.config, handler.clone());

    let later = Job::StartSession {
        session_id: Uuid::now_v7(),
    };
    let soon = Job::EndSession {
        session_id: Uuid::now_v7(),
    };
    let now = settle();
    queue
        .enqueue_at(later.clone(), Utc::now() + Duration::from_secs(3600))
        .await
        .unwrap();
    let soon_at = Utc::now() + Duration::from_secs(2);
    queue.enqueue_at(soon.clone(), soon_at).await.unwrap();
    queue.enqueue(now.clone()).await.unwrap();

    eventually("the immediate job ran", || async {
        !handler.calls_for(&now).is_empty()
    })
    .await;
    eventually("the job due soon ran", || async {
        !handler.calls_for(&soon).is_empty()
    })
    .await;
    let soon_calls = handler.calls_for(&soon);
    assert_eq!(soon_calls.len(), 1);
    assert!(
        soon_calls[0].started_at >= soon_at,
        "a scheduled job never runs early: started {} for {soon_at}",
        soon_calls[0].started_at
    );
    assert!(handler.calls_for(&later).is_empty());
    assert_eq!(queue.depth().await.unwrap().waiting, 1);
    worker.stop().await;
    queue.close().await;
}

async fn a_job_of_a_killed_worker_runs_again_on_the_next(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let job = settle();
    let crashing = Recorder::new(|_, _| Reaction::Hang);
    let worker = RunningWorker::start(&test.config, crashing.clone());
    queue.enqueue(job.clone()).await.unwrap();
    eventually("the first worker started the job", || async {
        !crashing.calls_for(&job).is_empty()
    })
    .await;
    worker.kill().await;

    let next = Recorder::succeeding();
    let worker = RunningWorker::start(&test.config, next.clone());
    eventually("the job ran on the next worker", || async {
        !next.calls_for(&job).is_empty()
    })
    .await;
    assert_eq!(next.calls_for(&job).len(), 1);
    assert!(queue.failed(10).await.unwrap().is_empty());
    worker.stop().await;
    queue.close().await;
}

async fn the_cron_tick_fires_once_per_instant_across_workers(kind: Kind) {
    let Some(mut test) = TestQueue::new(kind) else {
        return;
    };
    test.config.tick_schedule = Some("* * * * * *".to_owned());
    let handler = Recorder::succeeding();
    let first = RunningWorker::start(&test.config, handler.clone());
    let second = RunningWorker::start(&test.config, handler.clone());

    let ticks = || {
        let mut instants: Vec<_> = handler
            .calls()
            .into_iter()
            .filter_map(|call| match call.job {
                Job::Tick { at } => Some(at),
                _ => None,
            })
            .collect();
        instants.sort();
        instants
    };
    eventually("three ticks ran", || async { ticks().len() >= 3 }).await;
    first.stop().await;
    second.stop().await;
    let instants = ticks();
    let mut distinct = instants.clone();
    distinct.dedup();
    assert_eq!(
        instants, distinct,
        "each instant ticks once although two clocks run"
    );
}

/// Opening the SQLite queue (a worker starting) while another connection writes waits for the
/// write. apalis' own `setup()` ran a bare `PRAGMA optimize`, which, once the workers table had a
/// row but no statistics yet, analysed it from inside a read: SQLite refused the write lock at
/// once ("database is locked", no busy timeout), the worker never started, and the jobs queued
/// meanwhile (an operator's retry) waited for nobody.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_queue_opens_while_another_connection_writes() {
    let test = TestQueue::new(Kind::Sqlite).unwrap();
    let QueueBackend::Sqlite { path } = &test.config.backend else {
        unreachable!("an SQLite test queue");
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let handler = Recorder::succeeding();
    let first = settle();
    queue.enqueue(first.clone()).await.unwrap();
    let worker = RunningWorker::start(&test.config, handler.clone());
    eventually("the first job ran", || async {
        !handler.calls_for(&first).is_empty()
    })
    .await;
    worker.stop().await;

    let mut writer = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(path))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut writer)
        .await
        .unwrap();
    let config = test.config.clone();
    let opening = tokio::spawn(async move { JobQueue::connect(&config).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    sqlx::query("COMMIT").execute(&mut writer).await.unwrap();
    writer.close().await.unwrap();
    let second = opening
        .await
        .unwrap()
        .expect("the queue opens once the other write is done");
    second.close().await;

    let next = settle();
    let worker = RunningWorker::start(&test.config, handler.clone());
    queue.enqueue(next.clone()).await.unwrap();
    eventually("the next job ran", || async {
        !handler.calls_for(&next).is_empty()
    })
    .await;
    worker.stop().await;
    queue.close().await;
}
