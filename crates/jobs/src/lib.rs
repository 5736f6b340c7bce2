//! PowerSave's background jobs on apalis: a durable queue (an SQLite file of its own in
//! embedded mode, Redis in production), a worker that runs each job through a [`JobHandler`]
//! supplied by the caller, retries with exponential backoff, a list of failed jobs an operator
//! can retry, and a cron clock that queues a [`Job::Tick`] every minute.
//!
//! Delivery is at least once: a job whose worker dies mid-way runs again on another worker, so
//! every handler must be idempotent. See `docs/JOBS.md`.

mod config;
mod error;
mod job;
mod queue;
mod redis_queue;
mod sqlite_queue;
mod status;
mod worker;

pub use config::{Backoff, EVERY_MINUTE, QueueBackend, QueueConfig};
pub use error::{JobError, QueueError};
pub use job::{Job, JobId};
pub use queue::JobQueue;
pub use status::{FailedJob, QueueDepth};
pub use worker::run_worker;

/// Which attempt of which queue entry a handler is running, for logs and for handlers that act
/// differently on the last attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobContext {
    /// The queue entry (each retry is a new entry).
    pub id: JobId,
    /// 1 for the first run.
    pub attempt: u32,
    /// The configured maximum; the job is listed as failed after this attempt fails.
    pub max_attempts: u32,
}

/// The code that does the work of each job, supplied by the crate that owns the rules (the
/// session engine), so that this crate knows queues and not sessions.
///
/// Handlers must be idempotent: a job can run more than once (its worker died before recording
/// the result, or an operator retried it).
pub trait JobHandler: Clone + Send + Sync + 'static {
    /// Does the work of one job. A retryable error queues another attempt after the backoff.
    fn handle(
        &self,
        job: Job,
        context: JobContext,
    ) -> impl Future<Output = Result<(), JobError>> + Send;
}
