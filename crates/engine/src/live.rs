//! A session's progress while it runs: each participant's actual against the baseline stored at
//! the start, per settlement period, and the programme's aggregate in kW.

use chrono::{DateTime, Utc};
use serde::Serialize;
use store::SessionRecord;
use uuid::Uuid;

use crate::settle::PeriodFigures;
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

impl Engine {
    /// Live progress of `only` (one household) or of every participant with a baseline.
    pub async fn live_progress(
        &self,
        session: &SessionRecord,
        only: Option<Uuid>,
    ) -> Result<LiveProgress, EngineError> {
        let context = self.context(session)?;
        let mut results = self.store.all_session_results(session.id).await?;
        results.retain(|r| {
            only.is_none_or(|user| user == r.user_id) && r.status != "insufficient_data"
        });
        let mut periods: Vec<LivePeriod> = session
            .plan
            .window
            .periods()
            .map(|start| LivePeriod {
                start,
                baseline_kwh: 0.0,
                actual_kwh: 0.0,
                reporting: 0,
            })
            .collect();
        let mut saved_kwh = 0.0;
        for chunk in results.chunks(CHUNK) {
            let users: Vec<Uuid> = chunk.iter().map(|r| r.user_id).collect();
            let loaded: std::collections::HashMap<Uuid, _> = history::load(
                &self.store,
                &self.settings.calendar,
                &users,
                &context,
                0,
                context.session().slots(),
            )
            .await?
            .into_iter()
            .collect();
            for result in chunk {
                let figures: Vec<PeriodFigures> =
                    serde_json::from_str(&result.periods).unwrap_or_default();
                let view = loaded.get(&result.user_id).map(|h| h.view());
                let slots = context.session().slots();
                for ((period, figure), slot) in periods.iter_mut().zip(&figures).zip(slots) {
                    period.baseline_kwh += figure.baseline_kwh;
                    let actual = view
                        .as_ref()
                        .and_then(|v| v.value(context.session().date(), slot));
                    if let Some(actual) = actual {
                        period.actual_kwh += actual;
                        period.reporting += 1;
                        saved_kwh += figure.baseline_kwh - actual;
                    }
                }
            }
        }
        Ok(LiveProgress {
            participants: results.len() as u64,
            periods,
            saved_kwh: (saved_kwh * 1000.0).round() / 1000.0,
        })
    }
}
