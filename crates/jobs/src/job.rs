//! The jobs PowerSave runs in the background, and how one is stored on the queue.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One unit of background work. Serialised as JSON onto the queue, so variants may gain optional
/// fields but must not be renamed while jobs of the old shape can still be waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Tell the audience that a session has been scheduled.
    Announce {
        /// The session.
        session_id: Uuid,
    },
    /// A session begins: snapshot its participants and store their baselines.
    StartSession {
        /// The session.
        session_id: Uuid,
    },
    /// A session is over: compute provisional results.
    EndSession {
        /// The session.
        session_id: Uuid,
    },
    /// Recompute a session's results from the meter data that has arrived so far.
    Settle {
        /// The session.
        session_id: Uuid,
    },
    /// Turn a session's results into Green Points.
    Reward {
        /// The session.
        session_id: Uuid,
    },
    /// Evaluate the progress (levels, garden, badges) of a session's participants after its
    /// results were paid.
    EvaluateProgress {
        /// The session.
        session_id: Uuid,
    },
    /// Rebuild progress from facts: one household's, or every household's without one.
    RebuildProgress {
        /// The household's account; `None` for every household.
        user_id: Option<Uuid>,
    },
    /// The periodic clock (once a minute) that drives time-based transitions.
    Tick {
        /// The scheduled instant of this tick.
        at: DateTime<Utc>,
    },
    /// Ask the meter data system for a newly connected meter's recent history.
    FetchMeterHistory {
        /// The stored request (meter, household, days).
        request_id: i64,
    },
    /// Delete the dead letters older than their retention; queued once a day by the tick.
    PurgeDeadLetters {
        /// The tick that queued it: letters received longer than the retention before it go.
        at: DateTime<Utc>,
    },
}

impl Job {
    /// A short name for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Announce { .. } => "announce",
            Self::StartSession { .. } => "start_session",
            Self::EndSession { .. } => "end_session",
            Self::Settle { .. } => "settle",
            Self::Reward { .. } => "reward",
            Self::EvaluateProgress { .. } => "evaluate_progress",
            Self::RebuildProgress { .. } => "rebuild_progress",
            Self::Tick { .. } => "tick",
            Self::FetchMeterHistory { .. } => "fetch_meter_history",
            Self::PurgeDeadLetters { .. } => "purge_dead_letters",
        }
    }
}

/// The identifier the queue gave a job; it names a failed job when asking to retry it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobId(pub(crate) String);

impl JobId {
    pub(crate) fn generate() -> Self {
        Self(ulid::Ulid::generate().to_string())
    }

    /// Parses an identifier shown earlier (for example by an admin screen).
    pub fn parse(raw: &str) -> Option<Self> {
        ulid::Ulid::from_string(raw)
            .ok()
            .map(|id| Self(id.to_string()))
    }

    pub(crate) fn to_task_id(&self) -> Option<apalis::prelude::TaskId> {
        ulid::Ulid::from_string(&self.0)
            .ok()
            .map(apalis::prelude::TaskId::from_ulid)
    }
}

impl std::fmt::Display for JobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is stored on the queue: the job and which attempt of it this is. Each retry is a new
/// queue entry scheduled after the backoff, so the attempt number travels with the job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Envelope {
    pub(crate) job: Job,
    pub(crate) attempt: u32,
}

/// What a finished queue entry records as its result, visible to queue inspection tools.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Outcome {
    /// The handler succeeded.
    Completed,
    /// The handler failed; the next attempt is queued as `next`.
    RetryScheduled {
        error: String,
        next: JobId,
        at: DateTime<Utc>,
    },
}
