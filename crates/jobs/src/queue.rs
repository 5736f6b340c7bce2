//! The handle the rest of PowerSave uses to put jobs on the queue and to look after failed ones.

use std::sync::Arc;

use apalis::prelude::{TaskBuilder, TaskSink};
use apalis_redis::RedisStorage;
use apalis_sqlite::SqliteStorage;
use chrono::{DateTime, Utc};

use crate::config::{QueueBackend, QueueConfig};
use crate::job::{Envelope, Job, JobId};
use crate::status::{FailedJob, QueueDepth};
use crate::{QueueError, redis_queue, sqlite_queue};

/// A connection to the job queue; cheap to clone, one per process is enough.
#[derive(Clone)]
pub struct JobQueue {
    pub(crate) store: QueueStorage,
    pub(crate) config: Arc<QueueConfig>,
}

/// The backend storage behind a [`JobQueue`]; named apart from `store::Store`, the database.
#[derive(Clone)]
pub(crate) enum QueueStorage {
    Sqlite(SqliteStorage<Envelope>),
    Redis(RedisStorage<Envelope>),
}

impl std::fmt::Debug for JobQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobQueue")
            .field("backend", &self.config.backend)
            .field("queue_name", &self.config.queue_name)
            .finish()
    }
}

impl JobQueue {
    /// Opens the configured queue, creating the SQLite file and its tables when needed.
    pub async fn connect(config: &QueueConfig) -> Result<Self, QueueError> {
        config.validate()?;
        let store = match &config.backend {
            QueueBackend::Sqlite { path } => {
                QueueStorage::Sqlite(sqlite_queue::open(path, config).await?)
            }
            QueueBackend::Redis { url, ca_file } => {
                QueueStorage::Redis(redis_queue::open(url, ca_file.as_deref(), config).await?)
            }
        };
        Ok(Self {
            store,
            config: Arc::new(config.clone()),
        })
    }

    /// Queues a job to run as soon as a worker is free.
    pub async fn enqueue(&self, job: Job) -> Result<JobId, QueueError> {
        self.push(Envelope { job, attempt: 1 }, None, None).await
    }

    /// Queues a job to run at (or soon after) `at`; a time in the past means now.
    pub async fn enqueue_at(&self, job: Job, at: DateTime<Utc>) -> Result<JobId, QueueError> {
        self.push(Envelope { job, attempt: 1 }, Some(at), None)
            .await
    }

    /// Queues a job unless one was already queued under the same `key` (for example
    /// `"start:<session id>"`), so that repeating the write that causes a job does not repeat
    /// the job. Keys are remembered for at least 30 days.
    pub async fn enqueue_unique(
        &self,
        job: Job,
        at: DateTime<Utc>,
        key: &str,
    ) -> Result<(), QueueError> {
        self.push(Envelope { job, attempt: 1 }, Some(at), Some(key.to_owned()))
            .await
            .map(drop)
    }

    /// How many jobs wait, run and have failed.
    pub async fn depth(&self) -> Result<QueueDepth, QueueError> {
        match &self.store {
            QueueStorage::Sqlite(storage) => {
                sqlite_queue::depth(storage, &self.config.queue_name).await
            }
            QueueStorage::Redis(storage) => redis_queue::depth(storage).await,
        }
    }

    /// The most recently failed jobs, newest first, with their error and attempts.
    pub async fn failed(&self, limit: usize) -> Result<Vec<FailedJob>, QueueError> {
        let mut failed = match &self.store {
            QueueStorage::Sqlite(storage) => {
                sqlite_queue::failed(storage, &self.config.queue_name, limit).await?
            }
            QueueStorage::Redis(storage) => redis_queue::failed(storage).await?,
        };
        failed.sort_by_key(|job| std::cmp::Reverse(job.failed_at));
        failed.truncate(limit);
        Ok(failed)
    }

    /// One page of the failed jobs (`limit` of them after skipping `offset`), newest first, with
    /// how many have failed in all, for a paginated list.
    pub async fn failed_page(
        &self,
        offset: u64,
        limit: u64,
    ) -> Result<(Vec<FailedJob>, u64), QueueError> {
        let total = self.depth().await?.failed;
        let page = match &self.store {
            QueueStorage::Sqlite(storage) => {
                sqlite_queue::failed_range(storage, &self.config.queue_name, offset, limit).await?
            }
            QueueStorage::Redis(storage) => {
                // The dead set has no order of its own: sort all of it (it stays small, since
                // every entry waits for an operator) newest first, ties by id, and cut the page.
                let mut failed = redis_queue::failed(storage).await?;
                failed.sort_by(|a, b| {
                    b.failed_at
                        .cmp(&a.failed_at)
                        .then_with(|| b.id.0.cmp(&a.id.0))
                });
                failed
                    .into_iter()
                    .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(limit).unwrap_or(usize::MAX))
                    .collect()
            }
        };
        Ok((page, total))
    }

    /// Runs a failed job again from its first attempt and removes it from the failed list.
    /// Returns the new queue entry.
    pub async fn retry(&self, id: &JobId) -> Result<JobId, QueueError> {
        let failed = match &self.store {
            QueueStorage::Sqlite(storage) => {
                sqlite_queue::failed_one(storage, &self.config.queue_name, id).await?
            }
            QueueStorage::Redis(storage) => redis_queue::failed_one(storage, id).await?,
        }
        .ok_or_else(|| QueueError::NotFound(id.to_string()))?;
        let new_id = self.enqueue(failed.job).await?;
        match &self.store {
            QueueStorage::Sqlite(storage) => {
                sqlite_queue::forget(storage, &self.config.queue_name, id).await?
            }
            QueueStorage::Redis(storage) => redis_queue::forget(storage, id).await?,
        }
        tracing::info!(failed = %id, retry = %new_id, "failed job queued again");
        Ok(new_id)
    }

    /// Closes the queue's connections (the SQLite file is released).
    pub async fn close(&self) {
        if let QueueStorage::Sqlite(storage) = &self.store {
            storage.pool().close().await;
        }
    }

    /// The configuration the queue was opened with.
    pub fn config(&self) -> &QueueConfig {
        &self.config
    }

    pub(crate) async fn push(
        &self,
        envelope: Envelope,
        at: Option<DateTime<Utc>>,
        key: Option<String>,
    ) -> Result<JobId, QueueError> {
        let id = JobId::generate();
        let task_id = id
            .to_task_id()
            .ok_or_else(|| QueueError::Push(format!("invalid job id {id}")))?;
        let kind = envelope.job.kind();
        let mut builder = TaskBuilder::new(envelope).task_id(task_id).max_attempts(1);
        if let Some(at) = at {
            // The queues keep whole seconds: round up so that a job never runs before `at`.
            let seconds = at.timestamp() + i64::from(at.timestamp_subsec_nanos() > 0);
            builder = builder.run_at_timestamp(u64::try_from(seconds).unwrap_or(0));
        }
        if let Some(key) = key {
            builder = builder.idempotency_key(key);
        }
        let task = builder.build();
        let pushed = match &self.store {
            QueueStorage::Sqlite(storage) => storage
                .clone()
                .push_task(task)
                .await
                .map_err(|error| QueueError::Push(error.to_string())),
            QueueStorage::Redis(storage) => storage
                .clone()
                .push_task(task)
                .await
                .map_err(|error| QueueError::Push(error.to_string())),
        };
        pushed?;
        tracing::debug!(job = kind, %id, run_at = ?at, "job queued");
        Ok(id)
    }
}
