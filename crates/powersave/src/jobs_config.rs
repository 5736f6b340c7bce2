//! The `[jobs]` settings (`POWERSAVE_JOBS__…`), the in-process worker of `powersave serve`, and
//! `powersave worker`.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use domain::secret::Secret;
use jobs::{Backoff, QueueBackend, QueueConfig};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tokio::task::JoinHandle;

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
    /// `redis://…`, required with the Redis backend.
    #[serde(skip_serializing)]
    pub redis_url: Option<Secret>,
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
        let queue = QueueConfig::new(QueueBackend::Redis { url: String::new() });
        Self {
            backend: JobsBackend::Sqlite,
            redis_url: None,
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

/// Starts the in-process worker of `powersave serve` when `jobs.in_process` is on; it stops
/// when `shutdown` turns true.
pub async fn start_in_process(
    config: &crate::config::Config,
    store: &store::Store,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    if !config.jobs.in_process {
        return Ok(None);
    }
    let queue = config.jobs.queue_config(&config.data_dir)?;
    let handler = session_jobs(config, store, &queue).await?;
    let mut shutdown = shutdown.clone();
    Ok(Some(tokio::spawn(async move {
        // A worker that fails (its queue briefly unreachable, say) is started again, so the
        // server never keeps running without one.
        loop {
            let ended = jobs::run_worker(queue.clone(), handler.clone(), shutdown.clone()).await;
            if *shutdown.borrow() {
                return;
            }
            if let Err(error) = ended {
                tracing::error!(%error, "job worker stopped; starting it again in 5 s");
            }
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs(5)) => {}
                _ = shutdown.changed() => return,
            }
        }
    })))
}

/// The session lifecycle handler, queueing its follow-up jobs on the same queue.
async fn session_jobs(
    config: &crate::config::Config,
    store: &store::Store,
    queue: &QueueConfig,
) -> anyhow::Result<engine::SessionJobs> {
    let jobs = jobs::JobQueue::connect(queue)
        .await
        .context("opening the job queue")?;
    Ok(engine::SessionJobs::new(config.engine(store.clone()), jobs))
}

/// `powersave worker`: runs the job worker and the cron tick until SIGINT or SIGTERM.
pub async fn run_worker_command(loaded: crate::config::Loaded) -> anyhow::Result<()> {
    let config = loaded.config;
    for variable in &loaded.unknown_env {
        tracing::warn!(%variable, "environment variable matches no setting and is ignored");
    }
    if config.jobs.backend == JobsBackend::Sqlite {
        tracing::warn!(
            "jobs.backend is sqlite: this worker shares the embedded queue file with `powersave serve`"
        );
    }
    let queue = config.jobs.queue_config(&config.data_dir)?;
    let store = crate::serve::open_store(&config).await?;
    let handler = session_jobs(&config, &store, &queue).await?;
    let (stop, shutdown) = watch::channel(false);
    let mut worker = tokio::spawn(jobs::run_worker(queue, handler, shutdown));
    println!("PowerSave job worker is running (Ctrl-C stops it)");
    let ended = tokio::select! {
        () = crate::serve::shutdown_signal() => {
            tracing::info!("stopping the job worker");
            let _ = stop.send(true);
            (&mut worker).await
        }
        ended = &mut worker => ended,
    };
    ended
        .context("the job worker panicked")?
        .context("the job worker failed")
}
