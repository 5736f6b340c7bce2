//! The failed-job list comes in pages, newest first, on an SQLite file and on Redis alike.

#![allow(clippy::unwrap_used, clippy::expect_used)]

// Only part of the shared helpers is needed here.
#[allow(dead_code)]
mod support;

use std::collections::BTreeSet;

use jobs::{Job, JobQueue};
use support::{Kind, Reaction, Recorder, RunningWorker, TestQueue, eventually};
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_failed_jobs_come_in_pages() {
    failed_jobs_come_in_pages(Kind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_failed_jobs_come_in_pages() {
    failed_jobs_come_in_pages(Kind::Redis).await;
}

async fn failed_jobs_come_in_pages(kind: Kind) {
    let Some(test) = TestQueue::new(kind) else {
        return;
    };
    let queue = JobQueue::connect(&test.config).await.unwrap();
    let worker = RunningWorker::start(
        &test.config,
        Recorder::new(|_, _| Reaction::FailPermanently),
    );
    for _ in 0..3 {
        let job = Job::Reward {
            session_id: Uuid::now_v7(),
        };
        queue.enqueue(job).await.unwrap();
    }
    eventually("three jobs failed", || async {
        queue.depth().await.unwrap().failed == 3
    })
    .await;
    worker.stop().await;

    let (first, total) = queue.failed_page(0, 2).await.unwrap();
    let (second, again) = queue.failed_page(2, 2).await.unwrap();
    assert_eq!((first.len(), second.len(), total, again), (2, 1, 3, 3));
    let ids: BTreeSet<String> = first
        .iter()
        .chain(&second)
        .map(|job| job.id.to_string())
        .collect();
    assert_eq!(ids.len(), 3, "no job on two pages");
    let times: Vec<_> = first.iter().chain(&second).map(|j| j.failed_at).collect();
    assert!(
        times.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first"
    );
    assert!(queue.failed_page(4, 2).await.unwrap().0.is_empty());
    queue.close().await;
}
