//! The worker: takes jobs off the queue, runs the handler, and schedules retries; plus the cron
//! clock that queues a [`Job::Tick`] every minute.

use std::str::FromStr;
use std::sync::Arc;

use apalis::layers::WorkerBuilderExt;
use apalis::prelude::{
    AbortError, BackendExt, BoxDynError, Event, EventListenerExt, TaskId, WorkerBuilder,
    WorkerError,
};
use apalis_cron::CronScheduler;
use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use futures_util::{FutureExt, StreamExt};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::job::{Envelope, Job, JobId, Outcome};
use crate::queue::{JobQueue, QueueStorage};
use crate::{JobContext, JobHandler, QueueConfig, QueueError};

/// Runs a worker until `shutdown` turns true (or its sender is dropped): jobs are taken off the
/// configured queue and given to `handler`, a failed attempt is queued again after the backoff,
/// and the cron tick (when configured) is queued on its schedule. In-flight jobs finish before
/// this returns.
pub async fn run_worker<H: JobHandler>(
    config: QueueConfig,
    handler: H,
    shutdown: watch::Receiver<bool>,
) -> Result<(), QueueError> {
    let queue = JobQueue::connect(&config).await?;
    let _ticks = match &config.tick_schedule {
        Some(expression) => {
            let schedule = cron::Schedule::from_str(expression).map_err(|error| {
                QueueError::Config(format!("tick schedule {expression:?}: {error}"))
            })?;
            Some(AbortOnDrop(tokio::spawn(run_ticks(
                queue.clone(),
                schedule,
                shutdown.clone(),
            ))))
        }
        None => None,
    };
    let name = format!("{}-{}", config.queue_name, ulid::Ulid::generate());
    tracing::info!(worker = %name, backend = ?config.backend, "job worker starting");
    let work = worker_future(&queue, &name, handler, stopped(shutdown));
    let result = work.await;
    queue.close().await;
    tracing::info!(worker = %name, "job worker stopped");
    result.map_err(|error| QueueError::Worker(error.to_string()))
}

/// Builds the apalis worker for the queue's backend. A plain function returning a boxed future,
/// so that the compiler proves it `Send` once, with concrete types.
fn worker_future<H: JobHandler>(
    queue: &JobQueue,
    name: &str,
    handler: H,
    signal: impl Future<Output = Result<(), std::io::Error>> + Send + 'static,
) -> BoxFuture<'static, Result<(), WorkerError>> {
    let config = queue.config();
    let runner = Arc::new(Runner {
        handler,
        queue: queue.clone(),
    });
    let process = move |envelope: Envelope, task_id: TaskId| {
        let runner = Arc::clone(&runner);
        async move { runner.process(envelope, task_id).await }
    };
    match queue.store.clone() {
        QueueStorage::Sqlite(storage) => WorkerBuilder::new(name)
            .backend(storage.poll_with_interval(config.poll_interval))
            .concurrency(config.concurrency)
            .on_event(log_event)
            .build(process)
            .run_until(signal)
            .boxed(),
        QueueStorage::Redis(storage) => WorkerBuilder::new(name)
            .backend(storage.poll_with_interval(config.poll_interval))
            .concurrency(config.concurrency)
            .on_event(log_event)
            .build(process)
            .run_until(signal)
            .boxed(),
    }
}

struct Runner<H> {
    handler: H,
    queue: JobQueue,
}

impl<H: JobHandler> Runner<H> {
    async fn process(&self, envelope: Envelope, task_id: TaskId) -> Result<Outcome, BoxDynError> {
        let config = self.queue.config();
        let context = JobContext {
            id: JobId(task_id.to_string()),
            attempt: envelope.attempt,
            max_attempts: config.max_attempts,
        };
        let kind = envelope.job.kind();
        let error = match self
            .handler
            .handle(envelope.job.clone(), context.clone())
            .await
        {
            Ok(()) => {
                tracing::debug!(job = kind, id = %context.id, attempt = context.attempt, "job done");
                return Ok(Outcome::Completed);
            }
            Err(error) => error,
        };
        if !error.is_retryable() || envelope.attempt >= config.max_attempts {
            tracing::error!(
                job = kind, id = %context.id, attempt = context.attempt, %error,
                "job failed for good; it is listed with the failed jobs"
            );
            return Err(abort(error));
        }
        let at = Utc::now() + config.backoff.delay_after(envelope.attempt);
        let next = Envelope {
            job: envelope.job,
            attempt: envelope.attempt + 1,
        };
        let retry_key = format!("retry:{}", context.id);
        match self.queue.push(next, Some(at), Some(retry_key)).await {
            Ok(next) => {
                tracing::warn!(
                    job = kind, id = %context.id, attempt = context.attempt, %error,
                    retry = %next, retry_at = %at, "job failed; retrying later"
                );
                Ok(Outcome::RetryScheduled {
                    error: error.to_string(),
                    next,
                    at,
                })
            }
            Err(push_error) => Err(abort(format!(
                "{error} (and the retry could not be queued: {push_error})"
            ))),
        }
    }
}

/// Ends a job for good: apalis records an aborted task as `Killed` and never re-runs it.
fn abort(error: impl Into<BoxDynError>) -> BoxDynError {
    Box::new(AbortError::new(error))
}

async fn run_ticks(queue: JobQueue, schedule: cron::Schedule, mut shutdown: watch::Receiver<bool>) {
    let ticks = CronScheduler::new(schedule).into_stream();
    let mut ticks = std::pin::pin!(ticks);
    loop {
        let tick = tokio::select! {
            _ = shutdown.wait_for(|stop| *stop) => return,
            tick = ticks.next() => tick,
        };
        let at = match tick {
            Some(Ok(tick)) => i64::try_from(tick.get_timestamp())
                .ok()
                .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0))
                .unwrap_or_else(Utc::now),
            Some(Err(error)) => {
                tracing::warn!(%error, "cron tick failed");
                continue;
            }
            None => return,
        };
        // Every worker runs this clock; the key lets one tick per instant through.
        let key = format!("tick:{}", at.timestamp());
        if let Err(error) = queue.enqueue_unique(Job::Tick { at }, at, &key).await {
            tracing::warn!(%error, %at, "cannot queue the tick");
        }
    }
}

async fn stopped(mut shutdown: watch::Receiver<bool>) -> Result<(), std::io::Error> {
    let _ = shutdown.wait_for(|stop| *stop).await;
    Ok(())
}

fn log_event(_: &apalis::prelude::WorkerContext, event: &Event) {
    if let Event::Error(error) = event {
        tracing::warn!(%error, "job worker");
    }
}

/// Stops the clock when the worker's future ends or is dropped.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
