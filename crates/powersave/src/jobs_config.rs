//! The `[jobs]` settings (`POWERSAVE_JOBS__…`): which queue, how many attempts, how long between
//! retries. The workers that use them live in `worker`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;
use domain::secret::Secret;
use jobs::{Backoff, QueueBackend, QueueConfig};
use serde::{Deserialize, Serialize};

/// Where the job queue lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum JobsBackend {
    /// `<data_dir>/jobs.db`, worked by `powersave serve` itself (embedded mode).
    #[default]
    Sqlite,
    /// A Redis server, worked by `powersave worker` processes (production).
    Redis,
}

/// Settings of the background jobs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// `sqlite` or `redis`.
    pub backend: JobsBackend,
    /// `rediss://…` (TLS) or `redis://…`, required with the Redis backend.
    #[serde(skip_serializing)]
    pub redis_url: Option<Secret>,
    /// PEM file of a private CA that signed the Redis server's certificate, trusted instead of
    /// the system's roots.
    pub redis_ca_file: Option<PathBuf>,
    /// Queue name; every process sharing the work uses the same one.
    pub queue_name: String,
    /// Attempts before a job is listed as failed.
    pub max_attempts: u32,
    /// Jobs a worker runs at the same time.
    pub concurrency: usize,
    /// Seconds before the first retry; each further retry waits twice as long.
    pub retry_after_secs: u64,
    /// Longest wait between retries, in seconds.
    pub max_retry_after_secs: u64,
    /// Whether `powersave serve` runs a worker itself.
    pub in_process: bool,
    /// Cron expression (with seconds) of the clock that starts and ends sessions.
    pub tick_schedule: String,
}

impl Default for JobsConfig {
    fn default() -> Self {
        let queue = QueueConfig::new(QueueBackend::Redis {
            url: String::new(),
            ca_file: None,
        });
        Self {
            backend: JobsBackend::Sqlite,
            redis_url: None,
            redis_ca_file: None,
            queue_name: queue.queue_name,
            max_attempts: queue.max_attempts,
            concurrency: queue.concurrency,
            retry_after_secs: queue.backoff.first.as_secs(),
            max_retry_after_secs: queue.backoff.max.as_secs(),
            in_process: true,
            tick_schedule: jobs::EVERY_MINUTE.to_owned(),
        }
    }
}

impl JobsConfig {
    /// The queue these settings describe; the SQLite file sits in `data_dir`.
    pub fn queue_config(&self, data_dir: &Path) -> anyhow::Result<QueueConfig> {
        let backend = match self.backend {
            JobsBackend::Sqlite => QueueBackend::Sqlite {
                path: data_dir.join("jobs.db"),
            },
            JobsBackend::Redis => match &self.redis_url {
                Some(url) => QueueBackend::Redis {
                    url: url.expose().to_owned(),
                    ca_file: self.redis_ca_file.clone(),
                },
                None => bail!("jobs.backend = \"redis\" needs POWERSAVE_JOBS__REDIS_URL"),
            },
        };
        let mut config = QueueConfig::new(backend);
        config.queue_name.clone_from(&self.queue_name);
        config.max_attempts = self.max_attempts;
        config.concurrency = self.concurrency;
        config.tick_schedule = Some(self.tick_schedule.clone());
        config.backoff = Backoff {
            first: Duration::from_secs(self.retry_after_secs),
            max: Duration::from_secs(self.max_retry_after_secs),
        };
        Ok(config)
    }
}
