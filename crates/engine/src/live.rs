//! A session's progress while it runs: each participant's actual against the baseline stored at
//! the start, per settlement period, and the programme's aggregate in kW.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::baseline::{History, SessionContext};
use serde::Serialize;
use store::{HouseholdMeter, SessionRecord, SessionResultRecord};
use uuid::Uuid;

use crate::history::MetersByHousehold;
use crate::{CHUNK, Engine, EngineError, history};

/// One settlement period of live progress.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LivePeriod {
    /// UTC start of the 30-minute period.
    pub start: DateTime<Utc>,
    /// Baseline over the participants counted (kWh).
    pub baseline_kwh: f64,
    /// Measured so far over the participants whose readings for the period arrived (kWh).
    pub actual_kwh: f64,
    /// Participants whose readings for this period arrived.
    pub reporting: u64,
}

/// Progress of one household or of the whole programme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LiveProgress {
    /// Participants with a baseline.
    pub participants: u64,
    /// Per period.
    pub periods: Vec<LivePeriod>,
    /// Baseline − actual over the periods with readings (kWh).
    pub saved_kwh: f64,
}

/// Whether a participant's result counts in live progress (those without a baseline do not).
fn has_baseline(result: &SessionResultRecord) -> bool {
    result.status.has_baseline()
}

impl LiveProgress {
    /// No participant yet: the session's periods with nothing counted.
    fn empty(session: &SessionRecord) -> Self {
        Self {
            participants: 0,
            periods: session
                .plan
                .window
                .periods()
                .map(|start| LivePeriod {
                    start,
                    baseline_kwh: 0.0,
                    actual_kwh: 0.0,
                    reporting: 0,
                })
                .collect(),
            saved_kwh: 0.0,
        }
    }

    /// Counts one participant: its baseline per period, and its readings where they arrived.
    fn add(
        &mut self,
        context: &SessionContext,
        result: &SessionResultRecord,
        history: Option<&History>,
    ) {
        let figures = &result.periods;
        let view = history.map(History::view);
        let slots = context.session().slots();
        self.participants += 1;
        for ((period, figure), slot) in self.periods.iter_mut().zip(figures).zip(slots) {
            period.baseline_kwh += figure.baseline_kwh;
            let actual = view
                .as_ref()
                .and_then(|v| v.value(context.session().date(), slot));
            if let Some(actual) = actual {
                period.actual_kwh += actual;
                period.reporting += 1;
                self.saved_kwh += figure.baseline_kwh - actual;
            }
        }
    }

    /// Adds another tally (of other participants) to this one.
    fn merge(&mut self, other: &LiveProgress) {
        self.participants += other.participants;
        self.saved_kwh += other.saved_kwh;
        for (period, more) in self.periods.iter_mut().zip(&other.periods) {
            period.baseline_kwh += more.baseline_kwh;
            period.actual_kwh += more.actual_kwh;
            period.reporting += more.reporting;
        }
    }

    /// Rounds the saving to the Wh, as shown.
    fn rounded(mut self) -> Self {
        self.saved_kwh = (self.saved_kwh * 1000.0).round() / 1000.0;
        self
    }
}

impl Engine {
    /// Live progress of `only` (one household) or of every participant with a baseline.
    pub async fn live_progress(
        &self,
        session: &SessionRecord,
        only: Option<Uuid>,
    ) -> Result<LiveProgress, EngineError> {
        if let Some(user) = only {
            let mut one = self.households_live_progress(session, &[user]).await?;
            return Ok(one
                .pop()
                .map_or_else(|| LiveProgress::empty(session), |(_, progress)| progress));
        }
        let context = self.context(session)?;
        let mut results = self.store.all_session_results(session.id).await?;
        results.retain(has_baseline);
        let meters = MetersByHousehold::of_results(&self.store, session.id).await?;
        let mut total = LiveProgress::empty(session);
        for chunk in results.chunks(CHUNK) {
            let meters = meters.of(chunk.iter().map(|r| r.user_id));
            for (_, progress) in self.tally(session, &context, chunk, &meters).await? {
                total.merge(&progress);
            }
        }
        Ok(total.rounded())
    }

    /// Live progress of each of `users`, in that order, read with a few queries for all of them
    /// (their results and their meters' readings only): what many open household streams need
    /// after a batch of readings, without a query per stream or a read of every participant.
    pub async fn households_live_progress(
        &self,
        session: &SessionRecord,
        users: &[Uuid],
    ) -> Result<Vec<(Uuid, LiveProgress)>, EngineError> {
        let context = self.context(session)?;
        let mut out = Vec::with_capacity(users.len());
        for chunk in users.chunks(CHUNK) {
            let mut results = self.store.session_results_of(session.id, chunk).await?;
            results.retain(has_baseline);
            let with_results: Vec<Uuid> = results.iter().map(|r| r.user_id).collect();
            let meters = self.store.household_meters_of(&with_results).await?;
            let mut tallies: HashMap<Uuid, LiveProgress> = self
                .tally(session, &context, &results, &meters)
                .await?
                .into_iter()
                .collect();
            out.extend(chunk.iter().map(|user| {
                let progress = tallies
                    .remove(user)
                    .unwrap_or_else(|| LiveProgress::empty(session));
                (*user, progress.rounded())
            }));
        }
        Ok(out)
    }

    /// Each participant of `results` counted on its own, with the session day's readings of
    /// `meters`, theirs (unrounded).
    async fn tally(
        &self,
        session: &SessionRecord,
        context: &SessionContext,
        results: &[SessionResultRecord],
        meters: &[HouseholdMeter],
    ) -> Result<Vec<(Uuid, LiveProgress)>, EngineError> {
        let loaded: HashMap<Uuid, History> =
            history::session_day(&self.store, &self.settings.calendar, meters, context).await?;
        Ok(results
            .iter()
            .map(|result| {
                let mut progress = LiveProgress::empty(session);
                progress.add(context, result, loaded.get(&result.user_id));
                (result.user_id, progress)
            })
            .collect())
    }
}
