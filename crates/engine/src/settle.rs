//! Session baselines, settlement and rewards.
//!
//! Every step is idempotent: baselines are written per (session, household) and rewritten the
//! same way, results are replaced by the latest computation, and points go through the ledger,
//! where a payment is unique per (household, reason, reference) and a changed result adds a
//! correcting entry for the difference. Running a step twice, or after a crash half-way, pays
//! nobody twice.

use chrono::{DateTime, Utc};
use domain::baseline::SlotValues;
use domain::rewards::{
    LedgerReason, PaidSoFar, PayableResult, SessionReference, is_success, session_entries,
};
use domain::savings::settle;
use domain::settlement::{ResultStatus, round_kwh, status_after};
use store::{NewPointsEntry, SessionRecord, SessionResultRecord, SessionSaving};
use uuid::Uuid;

use crate::history::MetersByHousehold;
use crate::{CHUNK, Engine, EngineError, history, in_pairs};

/// Days of history behind a baseline: the 45-day lookback plus the event day.
pub(crate) const LOOKBACK_DAYS: i64 = 45;

/// Households paid per ledger write: no history is held, so larger than [`CHUNK`].
const PAY_CHUNK: usize = 20_000;

/// Which results a settlement pass computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Every open (pending or provisional) result of the session.
    OpenResults,
    /// One household's result, final or not: a support tool's recomputation.
    Household(Uuid),
}

/// What a settlement pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettleSummary {
    /// Participants looked at.
    pub participants: u64,
    /// Results now final (including those already final before).
    pub final_results: u64,
    /// Participants without a baseline.
    pub insufficient: u64,
    /// Ledger entries appended by a recomputation (corrections included).
    pub ledger_entries: u64,
}

impl SettleSummary {
    /// Whether nothing is left to settle, so the session can become final.
    pub fn is_complete(&self) -> bool {
        self.final_results + self.insufficient == self.participants
    }
}

impl Engine {
    /// After the session: actual against baseline for every participant with a baseline,
    /// provisional until the data is complete or the settlement window has passed, and the
    /// points that go with it. Safe to run again whenever late data arrives.
    pub async fn settle(
        &self,
        session: &SessionRecord,
        now: DateTime<Utc>,
    ) -> Result<SettleSummary, EngineError> {
        self.settle_where(session, now, None).await
    }

    /// Recomputes one household's result even when final (a support tool, or a correction of
    /// the utility's data) and rewards it: the ledger gets a correcting entry for any difference.
    pub async fn recompute(
        &self,
        session: &SessionRecord,
        user: Uuid,
        now: DateTime<Utc>,
    ) -> Result<SettleSummary, EngineError> {
        let mut summary = self.settle_where(session, now, Some(user)).await?;
        summary.ledger_entries = self.reward_where(session, Some(user)).await?;
        Ok(summary)
    }

    /// Pays what the current results earn: savings points at the session's rate on the positive
    /// part of the savings, and the opt-in bonus, for every participant with a provisional or
    /// final result. Returns the ledger entries appended; running it again appends none.
    pub async fn reward(&self, session: &SessionRecord) -> Result<u64, EngineError> {
        self.reward_where(session, None).await
    }

    async fn reward_where(
        &self,
        session: &SessionRecord,
        only: Option<Uuid>,
    ) -> Result<u64, EngineError> {
        let savings: Vec<SessionSaving> = match only {
            Some(user) => self
                .store
                .session_results_of(session.id, &[user])
                .await?
                .into_iter()
                .map(|result| SessionSaving {
                    user_id: result.user_id,
                    status: result.status,
                    saved_kwh: result.saved_kwh,
                })
                .collect(),
            None => self.store.session_savings(session.id).await?,
        };
        let payable: Vec<SessionSaving> = savings
            .into_iter()
            .filter(|saving| saving.status.is_payable())
            .collect();
        let appended = in_pairs(&payable, PAY_CHUNK, |chunk| self.pay(session, chunk)).await?;
        Ok(appended.into_iter().sum())
    }

    async fn settle_where(
        &self,
        session: &SessionRecord,
        now: DateTime<Utc>,
        only: Option<Uuid>,
    ) -> Result<SettleSummary, EngineError> {
        let context = self.context(session)?;
        let closed = self
            .settings
            .settlement_window
            .is_closed(session.plan.window.ends_at, now);
        let (results, meters, scope) = match only {
            Some(user) => (
                self.store.session_results_of(session.id, &[user]).await?,
                MetersByHousehold::new(self.store.household_meters_of(&[user]).await?),
                Scope::Household(user),
            ),
            None => (
                self.store.all_session_results(session.id).await?,
                MetersByHousehold::of_results(&self.store, session.id).await?,
                Scope::OpenResults,
            ),
        };
        let pass = Pass {
            context: &context,
            meters: &meters,
            closed,
            scope,
            now,
        };
        let counts = in_pairs(&results, CHUNK, |chunk| self.settle_chunk(&pass, chunk)).await?;
        Ok(counts.into_iter().fold(
            SettleSummary {
                participants: results.len() as u64,
                ..SettleSummary::default()
            },
            |mut summary, (final_results, insufficient)| {
                summary.final_results += final_results;
                summary.insufficient += insufficient;
                summary
            },
        ))
    }

    /// Settles one chunk of results; returns how many are final and how many have no baseline.
    async fn settle_chunk(
        &self,
        pass: &Pass<'_>,
        chunk: &[SessionResultRecord],
    ) -> Result<(u64, u64), EngineError> {
        let (mut final_results, mut insufficient) = (0, 0);
        let open: Vec<&SessionResultRecord> = chunk
            .iter()
            .filter(|r| {
                match r.status {
                    ResultStatus::InsufficientData => insufficient += 1,
                    ResultStatus::Final => final_results += 1,
                    ResultStatus::Pending | ResultStatus::Provisional => {}
                }
                r.status.is_open()
                    || (pass.scope == Scope::Household(r.user_id)
                        && r.status == ResultStatus::Final)
            })
            .collect();
        let loaded = history::session_day(
            &self.store,
            &self.settings.calendar,
            &pass.meters.of(open.iter().map(|r| r.user_id)),
            pass.context,
        )
        .await?;
        let mut settled = Vec::with_capacity(open.len());
        for result in open {
            let Some(history) = loaded.get(&result.user_id) else {
                // No meter any more (unlinked since the start): nothing will arrive, so once
                // the window has passed the result is final without measured data.
                if pass.closed && result.status != ResultStatus::Final {
                    final_results += 1;
                    settled.push(SessionResultRecord {
                        status: ResultStatus::Final,
                        actual_kwh: None,
                        saved_kwh: None,
                        data_complete: false,
                        computed_at: pass.now,
                        ..result.clone()
                    });
                }
                continue;
            };
            let baseline: Vec<f64> = result.periods.iter().map(|p| p.baseline_kwh).collect();
            let outcome = settle(
                pass.context,
                &SlotValues::from_slice(&baseline),
                &history.view(),
            );
            let mut periods = result.periods.clone();
            for (period, actual) in periods.iter_mut().zip(outcome.actual.iter()) {
                period.actual_kwh = actual.is_finite().then(|| round_kwh(*actual));
            }
            let status = status_after(result.status, outcome.is_complete(), pass.closed);
            if status == ResultStatus::Final && result.status != ResultStatus::Final {
                final_results += 1;
            }
            settled.push(SessionResultRecord {
                status,
                actual_kwh: Some(round_kwh(outcome.actual_kwh)),
                saved_kwh: Some(round_kwh(outcome.savings_kwh)),
                baseline_kwh: Some(round_kwh(outcome.baseline_kwh)),
                periods,
                data_complete: outcome.is_complete(),
                computed_at: pass.now,
                ..result.clone()
            });
        }
        self.store.save_session_results(&settled).await?;
        Ok((final_results, insufficient))
    }

    /// Appends what each household's result earns beyond what it was paid
    /// ([`session_entries`]): savings points or their correction, the opt-in bonus, and the
    /// streak bonus when a final success completes a run.
    async fn pay(
        &self,
        session: &SessionRecord,
        results: &[SessionSaving],
    ) -> Result<u64, EngineError> {
        let reference = session.id.to_string();
        let users: Vec<Uuid> = results.iter().map(|r| r.user_id).collect();
        let successful: Vec<Uuid> = results
            .iter()
            .filter(|r| is_success(r.status, r.saved_kwh))
            .map(|r| r.user_id)
            .collect();
        let earlier = self
            .store
            .earlier_final_outcomes(&successful, session.plan.window.starts_at)
            .await?;
        let paid_so_far = self
            .store
            .points_paid(&users, LedgerReason::SessionSavings, &reference)
            .await?;
        let terms = session.plan.terms();
        let mut entries = Vec::new();
        for result in results {
            let payable = PayableResult {
                session: SessionReference(&reference),
                terms,
                status: result.status,
                saved_kwh: result.saved_kwh,
            };
            let paid = paid_so_far
                .get(&result.user_id)
                .copied()
                .unwrap_or(PaidSoFar::default());
            let earlier = earlier.get(&result.user_id).map_or(&[][..], Vec::as_slice);
            entries.extend(
                session_entries(&payable, paid, earlier, &self.settings.rewards)
                    .into_iter()
                    .map(|entry| NewPointsEntry {
                        user_id: result.user_id,
                        reason: entry.reason,
                        reference: entry.reference,
                        points: entry.points,
                        note: entry.note,
                    }),
            );
        }
        Ok(self.store.append_points(&entries).await?)
    }
}

/// What one settlement pass works with.
struct Pass<'a> {
    context: &'a domain::baseline::SessionContext,
    meters: &'a MetersByHousehold,
    /// Whether the late-data window has closed.
    closed: bool,
    scope: Scope,
    now: DateTime<Utc>,
}
