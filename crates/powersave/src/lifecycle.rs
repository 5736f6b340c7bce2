//! The session lifecycle as background jobs: the minute tick starts and ends sessions on time,
//! settlement recomputes daily until results are final, and rewards follow every settlement.
//!
//! Each handler first reads the session's state and acts only in the state its job belongs to,
//! with compare-and-set transitions, so a job delivered twice (the queue delivers at least once)
//! or arriving after a cancellation does nothing harmful.

use chrono::{DateTime, Utc};
use domain::session::SessionState;
use jobs::{Job, JobContext, JobError, JobHandler, JobQueue};
use store::{SessionRecord, StoreError};
use uuid::Uuid;

use engine::{Engine, EngineError};

/// The job handler of the session lifecycle, and of the housekeeping the same clock drives.
#[derive(Clone)]
pub struct SessionJobs {
    engine: Engine,
    queue: JobQueue,
    /// How long dead letters are kept; `None` keeps them for ever.
    dead_letter_retention: Option<chrono::Duration>,
    /// Where simulated meters' history comes from, when the simulator runs.
    history: Option<crate::meter_history::HistoryFetch>,
}

impl SessionJobs {
    /// Dead letters are kept this long unless configured otherwise.
    pub const DEFAULT_DEAD_LETTER_RETENTION_DAYS: u32 = 30;

    /// A handler that computes with `engine` and queues follow-up jobs on `queue`.
    pub fn new(engine: Engine, queue: JobQueue) -> Self {
        Self {
            engine,
            queue,
            dead_letter_retention: Some(chrono::Duration::days(i64::from(
                Self::DEFAULT_DEAD_LETTER_RETENTION_DAYS,
            ))),
            history: None,
        }
    }

    /// The same handler fetching simulated meters' history from `history`.
    pub fn with_history(mut self, history: crate::meter_history::HistoryFetch) -> Self {
        self.history = Some(history);
        self
    }

    /// The same handler keeping dead letters for `days` days (0: for ever).
    pub fn with_dead_letter_retention(mut self, days: u32) -> Self {
        self.dead_letter_retention = (days > 0).then(|| chrono::Duration::days(i64::from(days)));
        self
    }

    async fn queue(&self, job: Job, key: String) -> Result<(), JobError> {
        self.queue
            .enqueue_unique(job, Utc::now(), &key)
            .await
            .map(|_| ())
            .map_err(JobError::retryable)
    }

    /// Queues what the clock says is due: starts, ends, each settling session's daily
    /// recomputation, and the daily purge of old dead letters.
    async fn tick(&self, at: DateTime<Utc>) -> Result<(), JobError> {
        if self.dead_letter_retention.is_some() {
            self.queue(
                Job::PurgeDeadLetters { at },
                format!("purge-dead-letters:{}", at.date_naive()),
            )
            .await?;
        }
        let store = self.engine.store();
        for session in store.sessions_due(at).await.map_err(retryable)? {
            let id = session.id;
            match session.state {
                SessionState::Scheduled => {
                    self.queue(Job::StartSession { session_id: id }, format!("start:{id}"))
                        .await?
                }
                SessionState::Live => {
                    self.queue(Job::EndSession { session_id: id }, format!("end:{id}"))
                        .await?
                }
                _ => {}
            }
        }
        let page =
            domain::paging::PageRequest::new(None, Some(100)).map_err(JobError::permanent)?;
        let settling = store
            .list_sessions(&[SessionState::Settling], true, page)
            .await
            .map_err(retryable)?;
        for session in settling.items {
            let id = session.id;
            self.queue(
                Job::Settle { session_id: id },
                format!("settle:{id}:{}", at.date_naive()),
            )
            .await?;
        }
        Ok(())
    }

    async fn start(&self, id: Uuid) -> Result<(), JobError> {
        let Some(session) = self
            .advance(id, SessionState::Scheduled, SessionState::Live)
            .await?
        else {
            return Ok(());
        };
        self.engine
            .compute_baselines(&session)
            .await
            .map_err(engine_error)?;
        Ok(())
    }

    async fn end(&self, id: Uuid) -> Result<(), JobError> {
        if self
            .advance(id, SessionState::Live, SessionState::Settling)
            .await?
            .is_some()
        {
            self.settle(id).await?;
        }
        Ok(())
    }

    async fn settle(&self, id: Uuid) -> Result<(), JobError> {
        let session = self.engine.store().session(id).await.map_err(retryable)?;
        if session.state != SessionState::Settling {
            return Ok(());
        }
        let summary = self
            .engine
            .settle(&session, Utc::now())
            .await
            .map_err(engine_error)?;
        tracing::info!(session = %id, participants = summary.participants, final_results = summary.final_results, "session settled");
        self.queue(
            Job::Reward { session_id: id },
            format!("reward:{id}:{}", Utc::now().timestamp()),
        )
        .await?;
        if summary.is_complete() {
            self.advance(id, SessionState::Settling, SessionState::Final)
                .await?;
        }
        Ok(())
    }

    async fn reward(&self, id: Uuid) -> Result<(), JobError> {
        let session = self.engine.store().session(id).await.map_err(retryable)?;
        if matches!(session.state, SessionState::Settling | SessionState::Final) {
            let appended = self.engine.reward(&session).await.map_err(engine_error)?;
            tracing::info!(session = %id, appended, "session rewarded");
            self.queue(
                Job::EvaluateProgress { session_id: id },
                format!("progress:{id}:{}", Utc::now().timestamp()),
            )
            .await?;
        }
        Ok(())
    }

    /// Evaluates the progress of a session's participants once its results are paid.
    async fn evaluate_progress(&self, id: Uuid) -> Result<(), JobError> {
        let session = self.engine.store().session(id).await.map_err(retryable)?;
        if matches!(session.state, SessionState::Settling | SessionState::Final) {
            let summary = self
                .engine
                .evaluate_session_progress(&session, Utc::now())
                .await
                .map_err(engine_error)?;
            tracing::info!(session = %id, households = summary.households, badges = summary.badges_awarded, levels = summary.levels_reached, "progress evaluated");
        }
        Ok(())
    }

    /// Rebuilds one household's progress, or everyone's, from facts.
    async fn rebuild_progress(&self, user: Option<Uuid>) -> Result<(), JobError> {
        let now = Utc::now();
        let summary = match user {
            Some(user) => self.engine.evaluate_households(&[user], now).await,
            None => self.engine.evaluate_everyone(now).await,
        }
        .map_err(engine_error)?;
        tracing::info!(
            households = summary.households,
            badges = summary.badges_awarded,
            levels = summary.levels_reached,
            "progress rebuilt"
        );
        Ok(())
    }

    /// Deletes the dead letters received longer than the retention before `at`.
    async fn purge_dead_letters(&self, at: DateTime<Utc>) -> Result<(), JobError> {
        let Some(retention) = self.dead_letter_retention else {
            return Ok(());
        };
        let purged = self
            .engine
            .store()
            .purge_dead_letters(at - retention)
            .await
            .map_err(retryable)?;
        tracing::info!(
            purged,
            retention_days = retention.num_days(),
            "old dead letters purged"
        );
        Ok(())
    }

    /// Moves `id` from `from` to `to`; the session when it is (now) in `to`, `None` when it is in
    /// neither (for example cancelled), so the caller does nothing.
    async fn advance(
        &self,
        id: Uuid,
        from: SessionState,
        to: SessionState,
    ) -> Result<Option<SessionRecord>, JobError> {
        let store = self.engine.store();
        match store.set_session_state(id, from, to).await {
            Ok(session) => Ok(Some(session)),
            Err(StoreError::Conflict(_)) => {
                let current = store.session(id).await.map_err(retryable)?;
                Ok((current.state == to).then_some(current))
            }
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(error) => Err(retryable(error)),
        }
    }
}

fn retryable(error: StoreError) -> JobError {
    JobError::retryable(error)
}

fn engine_error(error: EngineError) -> JobError {
    match error {
        EngineError::Store(error) => JobError::retryable(error),
        other => JobError::permanent(other.to_string()),
    }
}

impl JobHandler for SessionJobs {
    async fn handle(&self, job: Job, context: JobContext) -> Result<(), JobError> {
        tracing::debug!(kind = job.kind(), id = %context.id, attempt = context.attempt, "job");
        match job {
            Job::Tick { at } => self.tick(at).await,
            Job::StartSession { session_id } => self.start(session_id).await,
            Job::EndSession { session_id } => self.end(session_id).await,
            Job::Settle { session_id } => self.settle(session_id).await,
            Job::Reward { session_id } => self.reward(session_id).await,
            Job::EvaluateProgress { session_id } => self.evaluate_progress(session_id).await,
            Job::RebuildProgress { user_id } => self.rebuild_progress(user_id).await,
            Job::PurgeDeadLetters { at } => self.purge_dead_letters(at).await,
            Job::FetchMeterHistory { request_id } => {
                crate::meter_history::fetch(self.engine.store(), self.history.as_ref(), request_id)
                    .await
                    .map_err(retryable)
            }
            Job::Announce { session_id } => {
                tracing::info!(session = %session_id, "session announced");
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests;
