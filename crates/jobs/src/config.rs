//! How the queue and its worker are set up.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Where jobs are stored.
#[derive(Clone)]
pub enum QueueBackend {
    /// A SQLite file of its own (embedded mode). Never the application's database: the queue
    /// switches its connections to `synchronous = OFF` for speed.
    Sqlite {
        /// The queue file, e.g. `<data_dir>/jobs.db`.
        path: PathBuf,
    },
    /// A Redis server shared by every PowerSave process (production).
    Redis {
        /// `rediss://[user:password@]host:port[/db]` (TLS) or `redis://…`.
        url: String,
        /// PEM file of a private CA that signed the server's certificate (`rediss://`), trusted
        /// instead of the system's roots.
        ca_file: Option<PathBuf>,
    },
}

impl fmt::Debug for QueueBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite { path } => f.debug_struct("Sqlite").field("path", path).finish(),
            Self::Redis { url, ca_file } => {
                let shown = match (url.split_once("://"), url.rsplit_once('@')) {
                    (Some((scheme, _)), Some((_, host))) => format!("{scheme}://***@{host}"),
                    _ => url.clone(),
                };
                f.debug_struct("Redis")
                    .field("url", &shown)
                    .field("ca_file", ca_file)
                    .finish()
            }
        }
    }
}

/// Exponential backoff between attempts: `first`, then doubling, never more than `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay before the second attempt.
    pub first: Duration,
    /// Longest delay.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(10),
            max: Duration::from_secs(3600),
        }
    }
}

impl Backoff {
    /// The delay after failed attempt number `attempt` (1-based).
    pub fn delay_after(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        self.first
            .checked_mul(1u32 << doublings)
            .map_or(self.max, |delay| delay.min(self.max))
    }
}

/// Everything the queue handle and the worker need.
#[derive(Debug, Clone)]
pub struct QueueConfig {
    /// Where jobs are stored.
    pub backend: QueueBackend,
    /// The queue's name: the SQLite `job_type` and the Redis key prefix. Processes that share
    /// work must use the same name.
    pub queue_name: String,
    /// Attempts before a job is listed as failed (at least 1).
    pub max_attempts: u32,
    /// Delays between attempts.
    pub backoff: Backoff,
    /// Jobs one worker runs at the same time.
    pub concurrency: usize,
    /// How often an idle worker looks for new jobs.
    pub poll_interval: Duration,
    /// How often a worker reports that it is alive. A worker silent for two intervals is taken
    /// for dead and its unfinished jobs are handed to the others.
    pub heartbeat: Duration,
    /// Cron expression (with seconds) of the [`crate::Job::Tick`] clock; `None` turns it off.
    pub tick_schedule: Option<String>,
}

/// The tick fires at the start of every minute.
pub const EVERY_MINUTE: &str = "0 * * * * *";

impl QueueConfig {
    /// Defaults for a backend: queue `powersave`, 5 attempts, 10 s doubling to 1 h, 4 at a time.
    pub fn new(backend: QueueBackend) -> Self {
        Self {
            backend,
            queue_name: "powersave".to_owned(),
            max_attempts: 5,
            backoff: Backoff::default(),
            concurrency: 4,
            poll_interval: Duration::from_secs(1),
            heartbeat: Duration::from_secs(15),
            tick_schedule: Some(EVERY_MINUTE.to_owned()),
        }
    }

    pub(crate) fn validate(&self) -> Result<(), crate::QueueError> {
        let problem = if self.max_attempts == 0 {
            "max_attempts must be at least 1"
        } else if self.concurrency == 0 {
            "concurrency must be at least 1"
        } else if self.queue_name.trim().is_empty() {
            "the queue name must not be empty"
        } else if self.heartbeat < Duration::from_secs(1) {
            "the heartbeat must be at least one second"
        } else {
            return Ok(());
        };
        Err(crate::QueueError::Config(problem.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let backoff = Backoff {
            first: Duration::from_secs(10),
            max: Duration::from_secs(60),
        };
        let delays: Vec<u64> = (1..=5).map(|a| backoff.delay_after(a).as_secs()).collect();
        assert_eq!(delays, [10, 20, 40, 60, 60]);
        assert_eq!(backoff.delay_after(1000), Duration::from_secs(60));
    }

    #[test]
    fn redis_password_is_not_printed() {
        let backend = QueueBackend::Redis {
            url: "rediss://user:hunter2@cache:6380/0".to_owned(),
            ca_file: None,
        };
        let printed = format!("{backend:?}");
        assert_eq!(
            printed,
            "Redis { url: \"rediss://***@cache:6380/0\", ca_file: None }"
        );
    }
}
