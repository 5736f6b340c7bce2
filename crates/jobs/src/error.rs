//! Errors: the handler's verdict on one job, and the queue's own failures.

use std::fmt;

/// Why a handler could not finish a job. A retryable error (the default) queues another attempt
/// after the backoff until the attempts run out; a permanent one fails the job at once.
#[derive(Debug)]
pub struct JobError {
    message: String,
    retryable: bool,
}

impl JobError {
    /// A failure worth trying again later (a database or network hiccup, data not yet in).
    pub fn retryable(error: impl fmt::Display) -> Self {
        Self {
            message: error.to_string(),
            retryable: true,
        }
    }

    /// A failure no retry can fix (the session does not exist, the input is malformed).
    pub fn permanent(error: impl fmt::Display) -> Self {
        Self {
            message: error.to_string(),
            retryable: false,
        }
    }

    /// Whether another attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JobError {}

/// The queue itself failed: it could not be reached, read or written.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// The SQLite queue file.
    #[error("SQLite job queue: {0}")]
    Sqlite(#[from] sqlx::Error),
    /// The SQLite queue's schema could not be applied.
    #[error("SQLite job queue setup: {0}")]
    SqliteSetup(#[from] apalis_sqlite::Error),
    /// The Redis server.
    #[error("Redis job queue: {0}")]
    Redis(#[from] redis::RedisError),
    /// A job could not be pushed onto the queue.
    #[error("cannot enqueue the job: {0}")]
    Push(String),
    /// A stored job could not be read back.
    #[error("stored job {id} cannot be decoded: {source}")]
    Decode {
        /// The queue entry.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
    /// No failed job has this identifier.
    #[error("no failed job {0}")]
    NotFound(String),
    /// The configuration cannot work.
    #[error("job queue configuration: {0}")]
    Config(String),
    /// The worker stopped with an error.
    #[error("job worker: {0}")]
    Worker(String),
}
