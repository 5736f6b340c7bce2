//! What the queue reports about its jobs (depth, failed jobs) and how a stored entry is read
//! back: shared by the queue handle and both backends, so it depends on neither.

use chrono::{DateTime, Utc};

use crate::QueueError;
use crate::job::{Envelope, Job, JobId};

/// A job that used up its attempts (or failed permanently) and now waits for an operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedJob {
    /// Pass this to [`crate::JobQueue::retry`].
    pub id: JobId,
    /// The job.
    pub job: Job,
    /// How many times its handler ran.
    pub attempts: u32,
    /// The last attempt's error.
    pub error: String,
    /// When the last attempt ended.
    pub failed_at: Option<DateTime<Utc>>,
}

/// How many jobs are where, for monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueDepth {
    /// Waiting to run, now or at a scheduled time (including retries in their backoff).
    pub waiting: u64,
    /// Taken by a worker: running, or about to.
    pub running: u64,
    /// Failed for good, see [`crate::JobQueue::failed`].
    pub failed: u64,
}

/// Reads the error text out of a stored result (`{"Err": "AbortError: …"}`).
pub(crate) fn error_text(stored: Option<&str>) -> String {
    let Some(stored) = stored else {
        return String::new();
    };
    let message = serde_json::from_str::<serde_json::Value>(stored)
        .ok()
        .and_then(|value| value.get("Err").and_then(|e| e.as_str()).map(str::to_owned))
        .unwrap_or_else(|| stored.to_owned());
    message
        .strip_prefix("AbortError: ")
        .map(str::to_owned)
        .unwrap_or(message)
}

pub(crate) fn decode(id: &str, bytes: &[u8]) -> Result<Envelope, QueueError> {
    serde_json::from_slice(bytes).map_err(|source| QueueError::Decode {
        id: id.to_owned(),
        source,
    })
}
