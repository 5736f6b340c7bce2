//! The thin layer between storage and the domain's baseline and savings rules.
//!
//! It loads meter history for many households at once, in chunks so memory stays bounded
//! whatever the programme's size, hands it to the pure rules in `domain::baseline` and
//! `domain::savings`, and stores what comes out: eligibility answers, baselines at session start,
//! provisional and final results, and Green Points through the append-only ledger.

mod accuracy;
mod baselines;
mod history;
mod live;
mod progress;
mod report;
mod settle;
#[cfg(feature = "testing")]
pub mod testing;

use chrono::{DateTime, Duration, Utc};
use domain::baseline::{Eligibility, InsufficientData, Session, SessionContext};
use domain::calendar::Calendar;
use domain::rewards::RewardRules;
use domain::settlement::SettlementWindow;
use store::{SessionRecord, Store, StoreError};
use uuid::Uuid;

pub use accuracy::MethodAccuracy;
pub use live::{LivePeriod, LiveProgress};
pub use progress::{HouseholdProgress, ProgressSettings, ProgressSummary};
pub use report::{PERCENT_BUCKETS, SessionReport, percent_saved};
pub use settle::SettleSummary;

/// Why the engine did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Storage failed, or stored data is corrupt.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A stored session breaks the planning rules, so it cannot be settled (a plan stored
    /// before a rule existed): nothing a retry can mend.
    #[error("session {session} cannot be settled: {reason}")]
    Unsettleable {
        /// The session.
        session: Uuid,
        /// Which rule it breaks.
        reason: String,
    },
    /// The household may not take part: the eligibility rule's answer, for the household.
    #[error("not eligible: {0}")]
    Ineligible(#[from] InsufficientData),
}

/// Households handled together; bounds memory to a few hundred MB however many take part.
const CHUNK: usize = 5_000;

/// Runs `work` on consecutive chunks of `items` two at a time, so the database writes one
/// chunk while it reads the next and a national session uses both cores of a small server.
/// Results come back in chunk order; the first error stops the run.
async fn in_pairs<'a, T, R, Fut>(
    items: &'a [T],
    size: usize,
    work: impl Fn(&'a [T]) -> Fut,
) -> Result<Vec<R>, EngineError>
where
    Fut: std::future::Future<Output = Result<R, EngineError>>,
{
    let chunks: Vec<&[T]> = items.chunks(size.max(1)).collect();
    let mut out = Vec::with_capacity(chunks.len());
    for pair in chunks.chunks(2) {
        match pair {
            [first, second] => {
                let (a, b) = tokio::join!(work(first), work(second));
                out.push(a?);
                out.push(b?);
            }
            [only] => out.push(work(only).await?),
            _ => {}
        }
    }
    Ok(out)
}

/// Configuration of the engine.
#[derive(Debug, Clone)]
pub struct EngineSettings {
    /// The programme's calendar: time zone and holidays.
    pub calendar: Calendar,
    /// The eligibility rule.
    pub eligibility: Eligibility,
    /// How long late data still changes a session's results.
    pub settlement_window: SettlementWindow,
    /// The streak bonus and other reward rules.
    pub rewards: RewardRules,
    /// Levels and gardens.
    pub progress: ProgressSettings,
}

/// Computes and stores session outcomes.
#[derive(Debug, Clone)]
pub struct Engine {
    store: Store,
    settings: EngineSettings,
}

impl Engine {
    /// An engine over `store`.
    pub fn new(store: Store, settings: EngineSettings) -> Self {
        Self { store, settings }
    }

    /// The store it works on.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The programme's calendar, which plans are checked against before a session is stored.
    pub fn calendar(&self) -> &Calendar {
        &self.settings.calendar
    }

    /// The session's local day and settlement periods in the programme's calendar.
    pub fn context(&self, session: &SessionRecord) -> Result<SessionContext, EngineError> {
        let calendar = &self.settings.calendar;
        let window = &session.plan.window;
        window
            .check_within_local_day(calendar.time_zone())
            .map_err(|problems| {
                let messages: Vec<String> = problems
                    .into_iter()
                    .map(|(field, message)| format!("{field} {message}"))
                    .collect();
                EngineError::Unsettleable {
                    session: session.id,
                    reason: messages.join("; "),
                }
            })?;
        let (date, start) = calendar.locate(window.starts_at.timestamp());
        let (_, last) = calendar.locate((window.ends_at - Duration::seconds(1)).timestamp());
        let slots = Session::from_slots(date, start..last + 1).map_err(|error| {
            EngineError::Unsettleable {
                session: session.id,
                reason: error.to_string(),
            }
        })?;
        Ok(SessionContext::new(calendar, slots))
    }

    /// Whether a household has enough recent data to take part; [`EngineError::Ineligible`]
    /// says why not.
    pub async fn check_eligible(
        &self,
        user: Uuid,
        session: &SessionRecord,
    ) -> Result<(), EngineError> {
        let context = self.context(session)?;
        let histories = history::load(
            &self.store,
            &self.settings.calendar,
            &[user],
            &context,
            self.settings.eligibility.days as i64,
            0..48,
        )
        .await?;
        let Some((_, history)) = histories.into_iter().next() else {
            return Err(InsufficientData::NoMeter.into());
        };
        Ok(self.settings.eligibility.check(&context, &history.view())?)
    }

    /// When a session's result stops changing even if data is still missing.
    pub fn settlement_deadline(&self, session: &SessionRecord) -> DateTime<Utc> {
        self.settings
            .settlement_window
            .closes_at(session.plan.window.ends_at)
    }
}
