//! Baselines at session start, for every participant at once.
//!
//! Reading meter history dominates: a national session reads tens of millions of stored days.
//! Three things keep it in bounds: only the clock slots the method uses are read
//! ([`Method::history_slots`]); for like-day methods only the usual lookback is read first and the
//! whole 45 days only for households whose like days it did not all hold
//! ([`Method::usual_lookback_days`]); and chunks of households are worked on two at a time.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::baseline::{
    Baseline, Estimate, ExcludedDays, History, InsufficientData, Method, SessionContext,
};
use domain::settlement::{PeriodFigures, ResultStatus, round_kwh};
use store::{SessionRecord, SessionResultRecord};
use uuid::Uuid;

use crate::history::MetersByHousehold;
use crate::settle::LOOKBACK_DAYS;
use crate::{CHUNK, Engine, EngineError, history, in_pairs};

/// What one session's baselines are computed with.
struct Plan<'a> {
    session: &'a SessionRecord,
    context: SessionContext,
    method: Method,
    slots: Range<usize>,
    /// Days read first; `LOOKBACK_DAYS` when the method always needs them all.
    first_pass_days: i64,
    periods: Vec<DateTime<Utc>>,
    meters: MetersByHousehold,
    now: DateTime<Utc>,
}

impl Engine {
    /// At session start: a baseline for every participant, or the reason there is none.
    pub async fn compute_baselines(&self, session: &SessionRecord) -> Result<u64, EngineError> {
        let context = self.context(session)?;
        let method = session.plan.baseline_method.method();
        let first_pass_days =
            method
                .usual_lookback_days(context.event_kind())
                .map_or(LOOKBACK_DAYS, |days| {
                    i64::try_from(days)
                        .unwrap_or(LOOKBACK_DAYS)
                        .max(i64::from(self.settings.eligibility.days))
                        .min(LOOKBACK_DAYS)
                });
        let plan = Plan {
            session,
            slots: method.history_slots(context.session()),
            context,
            method,
            first_pass_days,
            periods: session.plan.window.periods().collect(),
            meters: MetersByHousehold::of_participants(&self.store, session.id).await?,
            now: Utc::now(),
        };
        let participants = self.store.session_participants(session.id).await?;
        in_pairs(&participants, CHUNK, |chunk| async {
            let histories = self.history(&plan, chunk, plan.first_pass_days).await?;
            self.baselines_of_chunk(&plan, chunk, histories).await
        })
        .await?;
        tracing::info!(session = %session.id, participants = participants.len(), "baselines computed");
        Ok(participants.len() as u64)
    }

    async fn history(
        &self,
        plan: &Plan<'_>,
        users: &[Uuid],
        days: i64,
    ) -> Result<Vec<(Uuid, History)>, EngineError> {
        Ok(history::load_meters(
            &self.store,
            &self.settings.calendar,
            &plan.meters.of(users.iter().copied()),
            &plan.context,
            days,
            plan.slots.clone(),
        )
        .await?)
    }

    async fn baselines_of_chunk(
        &self,
        plan: &Plan<'_>,
        chunk: &[Uuid],
        histories: Vec<(Uuid, History)>,
    ) -> Result<(), EngineError> {
        let calendar = &self.settings.calendar;
        let mut earlier: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
        for (user, start) in self
            .store
            .joined_session_starts(
                chunk,
                // The lookback in whole local days, with a day's margin for 25-hour days.
                plan.session.plan.window.starts_at - Duration::days(LOOKBACK_DAYS + 2),
                plan.session.plan.window.starts_at,
            )
            .await?
        {
            earlier
                .entry(user)
                .or_default()
                .push(calendar.locate(start.timestamp()).0);
        }
        let excluded: HashMap<Uuid, ExcludedDays> = earlier
            .into_iter()
            .map(|(user, days)| (user, ExcludedDays::new(days)))
            .collect();
        let none = ExcludedDays::default();
        let decide = |user: &Uuid, history: &History| {
            let view = history.view();
            self.settings
                .eligibility
                .check(&plan.context, &view)
                .and_then(|()| {
                    let excluded = excluded.get(user).unwrap_or(&none);
                    plan.method.estimate(&plan.context, &view, excluded)
                })
        };
        let loaded: HashMap<Uuid, History> = histories.into_iter().collect();
        let mut outcomes: HashMap<Uuid, Result<Estimate, InsufficientData>> =
            HashMap::with_capacity(chunk.len());
        let mut whole_lookback = Vec::new();
        for user in chunk {
            let Some(history) = loaded.get(user) else {
                continue;
            };
            let outcome = decide(user, history);
            let settled = match &outcome {
                Ok(estimate) => plan.method.complete_within(&plan.context, estimate),
                Err(InsufficientData::LowCoverage { .. }) => true,
                Err(_) => false,
            };
            if plan.first_pass_days < LOOKBACK_DAYS && !settled {
                whole_lookback.push(*user);
            }
            outcomes.insert(*user, outcome);
        }
        if !whole_lookback.is_empty() {
            for (user, history) in self.history(plan, &whole_lookback, LOOKBACK_DAYS).await? {
                outcomes.insert(user, decide(&user, &history));
            }
        }
        let results: Vec<SessionResultRecord> = chunk
            .iter()
            .map(|user| match outcomes.remove(user) {
                None => result(plan, *user, Err(InsufficientData::NoMeter.to_string())),
                Some(Ok(estimate)) => result(plan, *user, Ok(&estimate)),
                Some(Err(reason)) => result(plan, *user, Err(reason.to_string())),
            })
            .collect();
        self.store.save_session_results(&results).await?;
        Ok(())
    }
}

/// The stored result of session start: pending with the baseline per period, or insufficient
/// data with its reason.
fn result(plan: &Plan<'_>, user: Uuid, outcome: Result<&Estimate, String>) -> SessionResultRecord {
    let (status, reason, figures) = match outcome {
        Ok(estimate) => {
            let figures: Vec<PeriodFigures> = plan
                .periods
                .iter()
                .zip(estimate.kwh.iter())
                .map(|(start, kwh)| PeriodFigures {
                    start: *start,
                    baseline_kwh: round_kwh(*kwh),
                    actual_kwh: None,
                })
                .collect();
            (ResultStatus::Pending, None, figures)
        }
        Err(reason) => (ResultStatus::InsufficientData, Some(reason), Vec::new()),
    };
    let baseline: f64 = figures.iter().map(|p| p.baseline_kwh).sum();
    SessionResultRecord {
        session_id: plan.session.id,
        user_id: user,
        status,
        reason,
        baseline_kwh: (!figures.is_empty()).then(|| round_kwh(baseline)),
        actual_kwh: None,
        saved_kwh: None,
        periods: figures,
        data_complete: false,
        computed_at: plan.now,
    }
}
