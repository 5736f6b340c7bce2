//! The whole life of a Saving Session on a real queue, on both storage backends and both queues
//! (SQLite with the SQLite queue, PostgreSQL with Redis): the tick starts and ends it, results are
//! provisional until late data arrives, a worker dies in the middle of settlement and another
//! takes over, and points are paid exactly once; a cancelled session pays nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::calendar::Calendar;
use domain::session::SessionState;
use domain::settlement::ResultStatus;
use engine::Engine;
use engine::testing::engine_on;
use jobs::{Job, JobContext, JobError, JobHandler, JobQueue, QueueBackend, QueueConfig};
use store::testing::{
    consumer, each_backend, quarter_hour_meter, running_in_ci, session_plan, steady_readings,
    steady_readings_except,
};
use store::{Backend, SessionPlan};
use tokio::sync::{Notify, watch};

use super::SessionJobs;

/// Long enough for any step of this story on a loaded machine; reaching it is a failure.
const STEP_TIMEOUT: StdDuration = StdDuration::from_secs(60);

/// The session plans of this story: 2 hours with a 10-point opt-in bonus.
fn plan(title: &str, start: DateTime<Utc>) -> SessionPlan {
    SessionPlan {
        opt_in_bonus: 10,
        ..session_plan(title, start, 2)
    }
}

/// A household's points from sessions: the ledger without the badges' points, which the
/// progress job adds after each reward.
async fn session_points(store: &store::Store, user: uuid::Uuid) -> i64 {
    let page = domain::paging::PageRequest::new(None, Some(100)).unwrap();
    store
        .points_ledger(user, page)
        .await
        .unwrap()
        .items
        .iter()
        .filter(|e| e.entry.reason != domain::rewards::LedgerReason::Badge)
        .map(|e| e.entry.points)
        .sum()
}

async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..600 {
        if check().await {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

fn queue_config(backend: Backend) -> Option<QueueConfig> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let queue_backend = match backend {
        Backend::Sqlite => QueueBackend::Sqlite {
            path: std::env::temp_dir().join(format!("powersave-lifecycle-{nanos}.db")),
        },
        Backend::Postgres => match std::env::var("POWERSAVE_TEST_REDIS_URL") {
            Ok(url) => QueueBackend::Redis { url, ca_file: None },
            Err(_) => {
                assert!(
                    !running_in_ci(),
                    "POWERSAVE_TEST_REDIS_URL is required under CI=true"
                );
                eprintln!("skipping the Redis queue: POWERSAVE_TEST_REDIS_URL is not set");
                return None;
            }
        },
    };
    let mut config = QueueConfig::new(queue_backend);
    config.queue_name = format!("lifecycle-{nanos}");
    config.poll_interval = StdDuration::from_millis(100);
    config.heartbeat = StdDuration::from_secs(1);
    config.tick_schedule = None;
    config.backoff.first = StdDuration::from_secs(1);
    Some(config)
}

/// The session jobs, counting the jobs inside a handler and those finished, so that the story can
/// wait until nothing is left anywhere: not waiting, not taken, not running.
#[derive(Clone)]
struct Counted {
    jobs: SessionJobs,
    running: Arc<AtomicUsize>,
    finished: Arc<AtomicUsize>,
}

impl Counted {
    fn new(jobs: SessionJobs) -> Self {
        Self {
            jobs,
            running: Arc::default(),
            finished: Arc::default(),
        }
    }

    /// Waits until at least `finished` jobs have finished in all and none is left: a job queues
    /// its follow-ups before it finishes, so an empty queue with no handler running means that no
    /// late job (a duplicate payout, say) can still come.
    async fn settled_after(&self, finished: usize, queue: &JobQueue) {
        eventually(
            "every job to finish and the queue to be empty",
            async || {
                let depth = queue.depth().await.unwrap();
                self.finished.load(Ordering::SeqCst) >= finished
                    && self.running.load(Ordering::SeqCst) == 0
                    && depth.waiting == 0
                    && depth.running == 0
            },
        )
        .await;
    }
}

impl JobHandler for Counted {
    async fn handle(&self, job: Job, context: JobContext) -> Result<(), JobError> {
        self.running.fetch_add(1, Ordering::SeqCst);
        let outcome = self.jobs.handle(job, context).await;
        self.running.fetch_sub(1, Ordering::SeqCst);
        self.finished.fetch_add(1, Ordering::SeqCst);
        outcome
    }
}

/// The session jobs, except that the worker running them dies in the middle of its first
/// settlement: once the results are written, before the rewards are queued and the session moves
/// on (the job never returns, as if the process were killed there).
#[derive(Clone)]
struct DiesMidSettlement {
    jobs: SessionJobs,
    engine: Engine,
    died: Arc<Notify>,
}

impl JobHandler for DiesMidSettlement {
    async fn handle(&self, job: Job, context: JobContext) -> Result<(), JobError> {
        if let Job::Settle { session_id } = job {
            let session = self.engine.store().session(session_id).await.unwrap();
            self.engine.settle(&session, Utc::now()).await.unwrap();
            self.died.notify_one();
            std::future::pending::<()>().await;
        }
        self.jobs.handle(job, context).await
    }
}

#[tokio::test]
async fn schedule_start_end_settle_late_data_and_reward_once() {
    for database in each_backend().await {
        let Some(config) = queue_config(database.backend()) else {
            continue;
        };
        let (store, engine) = engine_on(&database).await;
        let queue = JobQueue::connect(&config).await.unwrap();
        let handler = SessionJobs::new(engine.clone(), queue.clone());
        let counted = Counted::new(handler.clone());

        // Two days ago, 17:00–19:00 in Nicosia: over, but well inside the 21-day window.
        let calendar = Calendar::cyprus(2024..=2030, []);
        let date = calendar.locate(Utc::now().timestamp()).0 - Duration::days(2);
        let start = calendar.local_day(date).start() + Duration::hours(17);
        let start = start.duration_trunc(Duration::minutes(30)).unwrap();
        let end = start + Duration::hours(2);
        let saver = consumer(&store, "saver@example.com").await;
        let meter = quarter_hour_meter(&store, saver, "CY-SAVER").await;
        let other = consumer(&store, "other@example.com").await;
        let other_meter = quarter_hour_meter(&store, other, "CY-OTHER").await;
        let history = start - Duration::days(46);
        steady_readings_except(&store, meter, history..Utc::now(), 0.25, start..end).await;
        steady_readings(&store, other_meter, history..Utc::now(), 0.25).await;

        let session = store
            .create_session(&plan("Evening peak", start), None)
            .await
            .unwrap();
        let cancelled = store
            .create_session(&plan("Called off", end), None)
            .await
            .unwrap();
        for (id, user) in [(session.id, saver), (cancelled.id, other)] {
            store.join_session(id, user).await.unwrap();
            store
                .set_session_state(id, SessionState::Draft, SessionState::Scheduled)
                .await
                .unwrap();
        }
        store
            .set_session_state(
                cancelled.id,
                SessionState::Scheduled,
                SessionState::Cancelled,
            )
            .await
            .unwrap();

        let (stop, shutdown) = watch::channel(false);
        let worker = tokio::spawn(jobs::run_worker(config.clone(), handler.clone(), shutdown));
        let state_of = async |id| store.session(id).await.unwrap().state;
        let status_of = async |user| {
            store
                .session_result(session.id, user)
                .await
                .unwrap()
                .map(|r| r.status)
        };

        // The tick starts the session (baselines), a second one ends it (provisional results).
        queue.enqueue(Job::Tick { at: Utc::now() }).await.unwrap();
        queue
            .enqueue(Job::StartSession {
                session_id: cancelled.id,
            })
            .await
            .unwrap();
        eventually("the session to start with a baseline", async || {
            status_of(saver).await == Some(ResultStatus::Pending)
        })
        .await;
        queue.enqueue(Job::Tick { at: Utc::now() }).await.unwrap();
        eventually("provisional results and the opt-in bonus", async || {
            status_of(saver).await == Some(ResultStatus::Provisional)
                && session_points(&store, saver).await == 10
        })
        .await;
        assert_eq!(state_of(session.id).await, SessionState::Settling);

        // Late data arrives; a worker dies in the middle of settling (final results written, the
        // rewards not yet queued nor the session moved on) and another one takes over.
        steady_readings(&store, meter, start..end, 0.15).await;
        stop.send(true).ok();
        let stopped = tokio::time::timeout(STEP_TIMEOUT, worker)
            .await
            .expect("the worker stops when told to");
        stopped
            .expect("the worker did not panic")
            .expect("the worker ended without an error");
        let died = Arc::new(Notify::new());
        let dying = DiesMidSettlement {
            jobs: handler.clone(),
            engine,
            died: died.clone(),
        };
        let (_stop_dying, shutdown) = watch::channel(false);
        let worker = tokio::spawn(jobs::run_worker(config.clone(), dying, shutdown));
        queue
            .enqueue(Job::Settle {
                session_id: session.id,
            })
            .await
            .unwrap();
        tokio::time::timeout(STEP_TIMEOUT, died.notified())
            .await
            .expect("the dying worker reaches the middle of its settlement");
        worker.abort();
        let aborted = worker.await.expect_err("the dying worker never returns");
        assert!(aborted.is_cancelled(), "killed, not panicked: {aborted}");
        assert_eq!(status_of(saver).await, Some(ResultStatus::Final));
        assert_eq!(
            (
                state_of(session.id).await,
                session_points(&store, saver).await
            ),
            (SessionState::Settling, 10),
            "killed before the savings were paid and the session moved on"
        );
        let (stop, shutdown) = watch::channel(false);
        let worker = tokio::spawn(jobs::run_worker(config.clone(), counted.clone(), shutdown));
        queue
            .enqueue(Job::Settle {
                session_id: session.id,
            })
            .await
            .unwrap();
        eventually("the final result and its points", async || {
            state_of(session.id).await == SessionState::Final
                && session_points(&store, saver).await == 90
        })
        .await;

        // Everything again: nothing more is paid; the cancelled session paid nothing.
        counted.settled_after(1, &queue).await;
        let finished_before = counted.finished.load(Ordering::SeqCst);
        let replayed = [
            Job::Settle {
                session_id: session.id,
            },
            Job::Reward {
                session_id: session.id,
            },
            Job::Reward {
                session_id: cancelled.id,
            },
            Job::Tick { at: Utc::now() },
        ];
        let replayed_count = replayed.len();
        for job in replayed {
            queue.enqueue(job).await.unwrap();
        }
        counted
            .settled_after(finished_before + replayed_count, &queue)
            .await;
        let result = store
            .session_result(session.id, saver)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (result.status, result.saved_kwh),
            (ResultStatus::Final, Some(0.8))
        );
        let ledger = store
            .points_ledger(saver, domain::paging::PageRequest::default())
            .await
            .unwrap();
        let (badges, sessions): (Vec<_>, Vec<_>) = ledger
            .items
            .iter()
            .partition(|e| e.entry.reason == domain::rewards::LedgerReason::Badge);
        assert_eq!(
            sessions.len(),
            2,
            "one bonus and one savings entry: {:?}",
            ledger.items
        );
        // The progress job followed every reward: the first saving's badge, paid once.
        let first = badges
            .iter()
            .filter(|e| e.entry.reference == "badge:first_session")
            .count();
        assert_eq!(first, 1, "{:?}", ledger.items);
        assert_eq!(session_points(&store, saver).await, 90);
        assert_eq!(state_of(cancelled.id).await, SessionState::Cancelled);
        assert_eq!(store.points_balance(other).await.unwrap(), 0);
        assert!(queue.failed(10).await.unwrap().is_empty());

        stop.send(true).ok();
        tokio::time::timeout(STEP_TIMEOUT, worker)
            .await
            .expect("the worker stops when told to")
            .expect("the worker did not panic")
            .expect("the worker ended without an error");
        queue.close().await;
    }
}

/// The tick queues the dead-letter purge once a day (a second tick on the same day queues
/// nothing more), and the purge deletes only the letters received longer than the retention
/// before it.
#[tokio::test]
async fn the_tick_queues_a_daily_purge_of_dead_letters_older_than_the_retention() {
    let database = store::testing::TestDatabase::sqlite();
    let config = queue_config(Backend::Sqlite).unwrap();
    let (store, engine) = engine_on(&database).await;
    let queue = JobQueue::connect(&config).await.unwrap();
    let handler = SessionJobs::new(engine, queue.clone()).with_dead_letter_retention(2);
    let context = || JobContext {
        id: jobs::JobId::parse("01ARZ3NDEKTSV4RRFFQ69G5FAV").unwrap(),
        attempt: 1,
        max_attempts: 5,
    };

    let now = Utc::now();
    for minute in [0, 1] {
        let at = now + Duration::minutes(minute);
        handler.handle(Job::Tick { at }, context()).await.unwrap();
    }
    assert_eq!(
        queue.depth().await.unwrap().waiting,
        1,
        "one purge for the day"
    );

    let source = store
        .ensure_source("mqtt", store::SourceKind::Mqtt)
        .await
        .unwrap();
    store
        .add_dead_letter(source.id, "old", "not JSON")
        .await
        .unwrap();
    // The first letter was received before this instant, the second after it.
    let between = Utc::now();
    store
        .add_dead_letter(source.id, "young", "not JSON")
        .await
        .unwrap();
    // Two days after `between`, only the first letter is older than the retention.
    let at = between + Duration::days(2);
    handler
        .handle(Job::PurgeDeadLetters { at }, context())
        .await
        .unwrap();
    let left = store
        .dead_letters(None, domain::paging::PageRequest::default())
        .await
        .unwrap();
    let payloads: Vec<&str> = left.items.iter().map(|l| l.payload.as_str()).collect();
    assert_eq!(payloads, ["young"]);
    queue.close().await;
}
