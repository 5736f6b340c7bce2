//! The job workers: the one `powersave serve` runs in its own process (embedded mode) and
//! `powersave worker`, the process scaled deployments run beside the API servers.

use std::time::Duration;

use anyhow::Context;
use jobs::QueueConfig;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::{Config, Loaded};
use crate::lifecycle::SessionJobs;

/// Starts the in-process worker of `powersave serve` when `jobs.in_process` is on; it stops
/// when `shutdown` turns true.
pub async fn start_in_process(
    config: &Config,
    store: &store::Store,
    demo: bool,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    if !config.jobs.in_process {
        return Ok(None);
    }
    let queue = config.jobs.queue_config(&config.data_dir)?;
    let handler = session_jobs(config, store, &queue, demo).await?;
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
    config: &Config,
    store: &store::Store,
    queue: &QueueConfig,
    demo: bool,
) -> anyhow::Result<SessionJobs> {
    let jobs = jobs::JobQueue::connect(queue)
        .await
        .context("opening the job queue")?;
    let handler = SessionJobs::new(config.engine(store.clone()), jobs)
        .with_dead_letter_retention(config.meter_data.dead_letter_retention_days);
    // The simulator answers history requests for the meters it feeds where it runs: in demo mode
    // or when enabled (a worker process follows the configuration).
    Ok(if config.meter_data.simulator.is_enabled(demo) {
        handler.with_history(crate::meter_history::HistoryFetch {
            simulator: config
                .meter_data
                .simulator
                .source(config.time_zone(), store),
            limits: config.reading_limits(),
        })
    } else {
        handler
    })
}

/// `powersave worker`: runs the job worker and the cron tick until SIGINT or SIGTERM.
pub async fn run_worker_command(loaded: Loaded) -> anyhow::Result<()> {
    let config = loaded.config;
    for variable in &loaded.unknown_env {
        tracing::warn!(%variable, "environment variable matches no setting and is ignored");
    }
    if config.jobs.backend == crate::jobs_config::JobsBackend::Sqlite {
        tracing::warn!(
            "jobs.backend is sqlite: this worker shares the embedded queue file with `powersave serve`"
        );
    }
    let queue = config.jobs.queue_config(&config.data_dir)?;
    let store = config.open_store().await?;
    let handler = session_jobs(&config, &store, &queue, false).await?;
    let (stop, shutdown) = watch::channel(false);
    let mut worker = tokio::spawn(jobs::run_worker(queue, handler, shutdown));
    println!("PowerSave job worker is running (Ctrl-C stops it)");
    let ended = tokio::select! {
        () = crate::signals::shutdown_signal() => {
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
