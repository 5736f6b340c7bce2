//! Baseline accuracy on the programme's own recent data, for staff choosing a method: every
//! method scored on pseudo-events (weekdays 17:00–19:00 without a session) of a sample of
//! households, per household and for their aggregate.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use domain::accuracy::{ErrorStats, median_and_mean};
use domain::baseline::backtest::{pseudo_events, score};
use domain::baseline::{MethodName, Session, SessionContext};
use domain::calendar::DayKind;
use uuid::Uuid;

use crate::{Engine, EngineError, history};

/// Clock slots of the pseudo-events: 17:00–19:00 local.
const EVENT_SLOTS: std::ops::Range<usize> = 34..38;
/// Lookback every baseline needs before the first pseudo-event.
const LOOKBACK_DAYS: i64 = 45;

/// One method's accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodAccuracy {
    /// The method.
    pub method: MethodName,
    /// Households scored.
    pub households: u64,
    /// Pseudo-events scored over all households.
    pub events: u64,
    /// Median over households of CV(RMSE) (%).
    pub median_cv_rmse_percent: Option<f64>,
    /// CV(RMSE) of the aggregate of the households (%).
    pub aggregate_cv_rmse_percent: Option<f64>,
    /// Bias of the aggregate (%): positive when baselines are too high.
    pub aggregate_bias_percent: Option<f64>,
}

impl Engine {
    /// Scores every method on pseudo-events of the `days` weekdays up to `today` (excluded), for
    /// `households`.
    pub async fn accuracy(
        &self,
        households: &[Uuid],
        today: NaiveDate,
        days: i64,
    ) -> Result<Vec<MethodAccuracy>, EngineError> {
        let calendar = &self.settings.calendar;
        let last = today - Duration::days(1);
        let first = today - Duration::days(days);
        let anchor = Session::whole_day(last);
        let context = SessionContext::new(calendar, anchor);
        let histories = history::load(
            &self.store,
            calendar,
            households,
            &context,
            days + LOOKBACK_DAYS,
            0..48,
        )
        .await?;
        let events = pseudo_events(calendar, EVENT_SLOTS, first, last, DayKind::Weekday);
        let mut out = Vec::new();
        for name in MethodName::ALL {
            let method = name.method();
            let mut aggregate: HashMap<(usize, usize), (f64, f64)> = HashMap::new();
            let mut per_household = Vec::new();
            let mut scored_events = 0u64;
            for (_, history) in &histories {
                let scored = score(
                    &method,
                    &self.settings.eligibility,
                    &events,
                    &history.view(),
                    false,
                    |e, p, b, a| {
                        let sums = aggregate.entry((e, p)).or_insert((0.0, 0.0));
                        sums.0 += b;
                        sums.1 += a;
                    },
                );
                scored_events += u64::from(scored.events);
                if let Some(cv) = scored.stats.cv_rmse_percent() {
                    per_household.push(cv);
                }
            }
            let mut programme = ErrorStats::default();
            for (baseline, actual) in aggregate.values() {
                programme.add(*baseline, *actual);
            }
            out.push(MethodAccuracy {
                method: name,
                households: per_household.len() as u64,
                events: scored_events,
                median_cv_rmse_percent: median_and_mean(&per_household).map(|(median, _)| median),
                aggregate_cv_rmse_percent: programme.cv_rmse_percent(),
                aggregate_bias_percent: programme.bias_percent(),
            });
        }
        Ok(out)
    }
}
