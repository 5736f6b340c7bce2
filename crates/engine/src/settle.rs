//! Session baselines, settlement and rewards.
//!
//! Every step is idempotent: baselines are written per (session, household) and rewritten the
//! same way, results are replaced by the latest computation, and points go through the ledger,
//! where a payment is unique per (household, reason, reference) and a changed result adds a
//! correcting entry for the difference. Running a step twice, or after a crash half-way, pays
//! nobody twice.

use chrono::{DateTime, Utc};
use domain::baseline::{Adjustment, Estimate, SessionContext, SlotValues};
use domain::savings::settle;
use serde::{Deserialize, Serialize};
use store::{NewPointsEntry, SessionRecord, SessionResultRecord};
use uuid::Uuid;

use crate::history::MetersByHousehold;
use crate::{CHUNK, Engine, EngineError, history, in_pairs};

/// Result statuses as stored.
pub(crate) const PENDING: &str = "pending";
const PROVISIONAL: &str = "provisional";
const FINAL: &str = "final";
pub(crate) const INSUFFICIENT: &str = "insufficient_data";

/// Ledger reasons written by settlement.
pub mod ledger_reason {
    /// Points per kWh saved.
    pub const SESSION_SAVINGS: &str = "session_savings";
    /// Points for taking part.
    pub const OPT_IN_BONUS: &str = "opt_in_bonus";
    /// Points for a run of successful sessions.
    pub const STREAK_BONUS: &str = "streak_bonus";
}

/// Days of history behind a baseline: the 45-day lookback plus the event day.
pub(crate) const LOOKBACK_DAYS: i64 = 45;

/// Households paid per ledger write: no history is held, so larger than [`CHUNK`].
const PAY_CHUNK: usize = 20_000;

/// One settlement period of a result, as stored for charts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PeriodFigures {
    /// UTC start of the period.
    pub start: DateTime<Utc>,
    /// Baseline kWh.
    pub baseline_kwh: f64,
    /// Measured kWh, once it arrived.
    pub actual_kwh: Option<f64>,
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

pub(crate) fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
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
        let savings = match only {
            Some(user) => self
                .store
                .session_results_of(session.id, &[user])
                .await?
                .into_iter()
                .map(|result| (result.user_id, result.status, result.saved_kwh))
                .collect(),
            None => self.store.session_savings(session.id).await?,
        };
        let targets: Vec<(Uuid, i64, bool)> = savings
            .into_iter()
            .filter(|(_, status, _)| status == PROVISIONAL || status == FINAL)
            .map(|(user, status, saved)| {
                let rewarded = saved.unwrap_or(0.0).max(0.0);
                let points = (rewarded * f64::from(session.plan.points_per_kwh)).round() as i64;
                (user, points, status == FINAL && rewarded > 0.0)
            })
            .collect();
        let appended = in_pairs(&targets, PAY_CHUNK, |chunk| self.pay(session, chunk)).await?;
        Ok(appended.into_iter().sum())
    }

    async fn settle_where(
        &self,
        session: &SessionRecord,
        now: DateTime<Utc>,
        only: Option<Uuid>,
    ) -> Result<SettleSummary, EngineError> {
        let context = self.context(session)?;
        let closing = now >= self.settlement_deadline(session);
        let (results, meters) = match only {
            Some(user) => (
                self.store.session_results_of(session.id, &[user]).await?,
                MetersByHousehold::new(self.store.household_meters_of(&[user]).await?),
            ),
            None => (
                self.store.all_session_results(session.id).await?,
                MetersByHousehold::of_results(&self.store, session.id).await?,
            ),
        };
        let only_one = only.is_some();
        let counts = in_pairs(&results, CHUNK, |chunk| {
            self.settle_chunk(&context, &meters, chunk, closing, only_one, now)
        })
        .await?;
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
        context: &SessionContext,
        meters: &MetersByHousehold,
        chunk: &[SessionResultRecord],
        closing: bool,
        including_final: bool,
        now: DateTime<Utc>,
    ) -> Result<(u64, u64), EngineError> {
        let (mut final_results, mut insufficient) = (0, 0);
        let open: Vec<&SessionResultRecord> = chunk
            .iter()
            .filter(|r| {
                match r.status.as_str() {
                    INSUFFICIENT => insufficient += 1,
                    FINAL => final_results += 1,
                    _ => {}
                }
                r.status == PENDING
                    || r.status == PROVISIONAL
                    || (including_final && r.status == FINAL)
            })
            .collect();
        let loaded = history::session_day(
            &self.store,
            &self.settings.calendar,
            &meters.of(open.iter().map(|r| r.user_id)),
            context,
        )
        .await?;
        let mut settled = Vec::with_capacity(open.len());
        for result in open {
            let mut figures: Vec<PeriodFigures> =
                serde_json::from_str(&result.periods).map_err(|error| {
                    EngineError::Session(format!("stored baseline of {}: {error}", result.user_id))
                })?;
            let baseline: Vec<f64> = figures.iter().map(|p| p.baseline_kwh).collect();
            let estimate = Estimate {
                kwh: SlotValues::from_slice(&baseline),
                days_used: 0,
                adjustment: Adjustment::None,
                method: "stored",
            };
            let Some(history) = loaded.get(&result.user_id) else {
                // No meter any more (unlinked since the start): nothing will arrive, so once
                // the window has passed the result is final without measured data.
                if closing && result.status != FINAL {
                    final_results += 1;
                    settled.push(SessionResultRecord {
                        status: FINAL.to_owned(),
                        actual_kwh: None,
                        saved_kwh: None,
                        data_complete: false,
                        computed_at: now,
                        ..result.clone()
                    });
                }
                continue;
            };
            let outcome = settle(context, &estimate, &history.view());
            for (period, actual) in figures.iter_mut().zip(outcome.actual.iter()) {
                period.actual_kwh = actual.is_finite().then(|| round3(*actual));
            }
            let was_final = result.status == FINAL;
            let is_final = outcome.is_complete() || closing || was_final;
            if is_final && !was_final {
                final_results += 1;
            }
            settled.push(SessionResultRecord {
                status: if is_final { FINAL } else { PROVISIONAL }.to_owned(),
                actual_kwh: Some(round3(outcome.actual_kwh)),
                saved_kwh: Some(round3(outcome.savings_kwh)),
                baseline_kwh: Some(round3(outcome.baseline_kwh)),
                periods: serde_json::to_string(&figures).unwrap_or_else(|_| "[]".to_owned()),
                data_complete: outcome.is_complete(),
                computed_at: now,
                ..result.clone()
            });
        }
        self.store.save_session_results(&settled).await?;
        Ok((final_results, insufficient))
    }

    /// Brings each household's savings points to `target`, pays the opt-in bonus once, and the
    /// streak bonus when a final, successful result completes a streak.
    async fn pay(
        &self,
        session: &SessionRecord,
        targets: &[(Uuid, i64, bool)],
    ) -> Result<u64, EngineError> {
        let reference = session.id.to_string();
        let streak = domain::rewards::StreakRule::default();
        let users: Vec<Uuid> = targets.iter().map(|(user, _, _)| *user).collect();
        let successful: Vec<Uuid> = targets
            .iter()
            .filter(|(_, _, successful)| *successful)
            .map(|(user, _, _)| *user)
            .collect();
        let earlier = self
            .store
            .earlier_final_outcomes(&successful, session.plan.window.starts_at)
            .await?;
        let paid_so_far = self
            .store
            .points_paid(&users, ledger_reason::SESSION_SAVINGS, &reference)
            .await?;
        let mut entries = Vec::new();
        for &(user, target, successful) in targets {
            if successful && streak.success_after(earlier.get(&user).map_or(&[], Vec::as_slice)) {
                entries.push(NewPointsEntry {
                    user_id: user,
                    reason: ledger_reason::STREAK_BONUS.to_owned(),
                    reference: reference.clone(),
                    points: streak.points,
                    note: Some(format!("{} successful sessions in a row", streak.length)),
                });
            }
            let (paid, count) = paid_so_far.get(&user).copied().unwrap_or_default();
            if target != paid {
                let reference = if count == 0 {
                    reference.clone()
                } else {
                    format!("{reference}#{}", count + 1)
                };
                entries.push(NewPointsEntry {
                    user_id: user,
                    reason: ledger_reason::SESSION_SAVINGS.to_owned(),
                    reference,
                    points: target - paid,
                    note: (count > 0)
                        .then(|| "correction after recomputation with later data".to_owned()),
                });
            }
            if session.plan.opt_in_bonus > 0 {
                entries.push(NewPointsEntry {
                    user_id: user,
                    reason: ledger_reason::OPT_IN_BONUS.to_owned(),
                    reference: reference.clone(),
                    points: i64::from(session.plan.opt_in_bonus),
                    note: None,
                });
            }
        }
        Ok(self.store.append_points(&entries).await?)
    }
}
