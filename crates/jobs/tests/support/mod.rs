//! Real queues for the tests: an SQLite file in a temporary folder, or a uniquely named queue on
//! the Redis server of `POWERSAVE_TEST_REDIS_URL` (default: the local one), removed afterwards.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use jobs::{Backoff, Job, JobContext, JobError, JobHandler, QueueBackend, QueueConfig, QueueError};
use redis::TypedCommands;
use tokio::sync::watch;
use tokio::task::JoinHandle;

const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";

/// Which kind of queue a scenario runs on.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Sqlite,
    Redis,
}

/// A throw-away queue.
pub struct TestQueue {
    pub config: QueueConfig,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(PathBuf),
    Redis { url: String, queue: String },
}

impl TestQueue {
    /// A fresh queue of `kind`, or `None` (with a message) when Redis is not reachable outside
    /// CI. Fast settings: 100 ms polls, 1 s heartbeats, 3 attempts 1 s then 2 s apart.
    pub fn new(kind: Kind) -> Option<Self> {
        let queue = format!(
            "powersave-test-{}",
            ulid::Ulid::generate().to_string().to_lowercase()
        );
        let (backend, cleanup) = match kind {
            Kind::Sqlite => {
                let folder = std::env::temp_dir().join(&queue);
                let backend = QueueBackend::Sqlite {
                    path: folder.join("jobs.db"),
                };
                (backend, Cleanup::Folder(folder))
            }
            Kind::Redis => {
                let url = redis_url()?;
                let backend = QueueBackend::Redis {
                    url: url.clone(),
                    ca_file: None,
                };
                (
                    backend,
                    Cleanup::Redis {
                        url,
                        queue: queue.clone(),
                    },
                )
            }
        };
        let mut config = QueueConfig::new(backend);
        config.queue_name = queue;
        config.max_attempts = 3;
        config.backoff = Backoff {
            first: Duration::from_secs(1),
            max: Duration::from_secs(2),
        };
        config.poll_interval = Duration::from_millis(100);
        config.heartbeat = Duration::from_secs(1);
        config.tick_schedule = None;
        Some(Self { config, cleanup })
    }
}

fn redis_url() -> Option<String> {
    let url =
        std::env::var("POWERSAVE_TEST_REDIS_URL").unwrap_or_else(|_| DEFAULT_REDIS_URL.to_owned());
    let reachable = redis::Client::open(url.as_str())
        .and_then(|client| client.get_connection_with_timeout(Duration::from_secs(2)))
        .and_then(|mut connection| redis::cmd("PING").query::<String>(&mut connection));
    match reachable {
        Ok(_) => Some(url),
        Err(error) => {
            assert!(
                !running_in_ci(),
                "Redis is required under CI=true but {url} failed: {error}"
            );
            eprintln!("skipping Redis: cannot reach {url}: {error}");
            None
        }
    }
}

/// Whether this is a CI run, where a missing service must fail rather than skip (the rule of
/// `store::testing::running_in_ci`).
fn running_in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true" || value == "1")
}

impl Drop for TestQueue {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Redis { url, queue } => {
                let removed = redis::Client::open(url.as_str())
                    .and_then(|client| client.get_connection())
                    .and_then(|mut connection| {
                        let keys: Vec<String> = connection
                            .scan_match::<_, String>(format!("{queue}:*"))?
                            .collect::<Result<_, _>>()?;
                        for key in keys {
                            redis::cmd("DEL").arg(key).query::<()>(&mut connection)?;
                        }
                        redis::cmd("ZREM")
                            .arg("core:apalis:queues:list")
                            .arg(format!("{queue}:workers"))
                            .query::<()>(&mut connection)
                    });
                if let Err(error) = removed {
                    eprintln!("could not remove test queue {queue}: {error}");
                }
            }
        }
    }
}

/// What the test handler does with a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    Succeed,
    FailRetryably,
    FailPermanently,
    Hang,
}

/// One call of the handler.
#[derive(Debug, Clone)]
pub struct Call {
    pub job: Job,
    pub context: JobContext,
    pub started: Instant,
    /// When the handler began, on the clock scheduled jobs are due by.
    pub started_at: DateTime<Utc>,
}

type Decide = dyn Fn(&Job, &JobContext) -> Reaction + Send + Sync;

/// A handler that records every call and reacts as the scenario decides.
#[derive(Clone)]
pub struct Recorder {
    calls: Arc<Mutex<Vec<Call>>>,
    decide: Arc<Decide>,
}

impl Recorder {
    pub fn new(decide: impl Fn(&Job, &JobContext) -> Reaction + Send + Sync + 'static) -> Self {
        Self {
            calls: Arc::default(),
            decide: Arc::new(decide),
        }
    }

    pub fn succeeding() -> Self {
        Self::new(|_, _| Reaction::Succeed)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    pub fn calls_for(&self, job: &Job) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|call| &call.job == job)
            .collect()
    }
}

impl JobHandler for Recorder {
    async fn handle(&self, job: Job, context: JobContext) -> Result<(), JobError> {
        let started_at = Utc::now();
        let started = Instant::now();
        let reaction = (self.decide)(&job, &context);
        self.calls.lock().unwrap().push(Call {
            job,
            context,
            started,
            started_at,
        });
        match reaction {
            Reaction::Succeed => Ok(()),
            Reaction::FailRetryably => Err(JobError::retryable("meter data system unreachable")),
            Reaction::FailPermanently => Err(JobError::permanent("no such session")),
            Reaction::Hang => std::future::pending().await,
        }
    }
}

/// A worker running in the background.
pub struct RunningWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<(), QueueError>>,
}

impl RunningWorker {
    pub fn start(config: &QueueConfig, handler: Recorder) -> Self {
        let (stop, shutdown) = watch::channel(false);
        let task = tokio::spawn(jobs::run_worker(config.clone(), handler, shutdown));
        Self { stop, task }
    }

    /// Stops it the graceful way and reports how it ended.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let ended = tokio::time::timeout(Duration::from_secs(60), self.task)
            .await
            .expect("the worker did not stop");
        ended
            .expect("the worker panicked")
            .expect("the worker failed");
    }

    /// Kills it as a crash would: the task is dropped mid-job.
    pub async fn kill(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

/// Waits (polling) until `done` holds; fails after a generous minute.
pub async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
