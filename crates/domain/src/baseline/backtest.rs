//! Backtests: baselines for days without a session (pseudo-events), compared with what the
//! household actually used. The same code scores a method for the admin's accuracy figures and
//! for `powersave baseline backtest`.

use std::ops::Range;

use chrono::NaiveDate;

use super::history::HistoryView;
use super::session::{ExcludedDays, Session, SessionContext};
use super::{Baseline, Eligibility, InsufficientData};
use crate::accuracy::ErrorStats;
use crate::calendar::{Calendar, DayKind};

/// Pseudo-events at clock slots `slots` on every day of `kind` in `from..=to`.
pub fn pseudo_events(
    calendar: &Calendar,
    slots: Range<usize>,
    from: NaiveDate,
    to: NaiveDate,
    kind: DayKind,
) -> Vec<SessionContext> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| calendar.kind(*d) == kind)
        .filter_map(|d| Session::from_slots(d, slots.clone()).ok())
        .map(|s| SessionContext::new(calendar, s))
        .collect()
}

/// One household's backtest of one method.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scored {
    /// Errors over every scored period.
    pub stats: ErrorStats,
    /// Pseudo-events scored.
    pub events: u32,
    /// Pseudo-events skipped because the actual data of the day was incomplete.
    pub no_actual: u32,
    /// Pseudo-events where the household was ineligible or the method had too little data.
    pub insufficient: u32,
    /// The first such reason, to show why.
    pub first_reason: Option<InsufficientData>,
}

/// Scores `method` on `events` for one household. Errors are taken per settlement period, or per
/// hour (pairs of periods summed) when `hourly`. `each(event, hour_or_period, baseline, actual)`
/// sees every scored value, for programme-level aggregates.
pub fn score(
    method: &dyn Baseline,
    eligibility: &Eligibility,
    events: &[SessionContext],
    history: &HistoryView<'_>,
    hourly: bool,
    mut each: impl FnMut(usize, usize, f64, f64),
) -> Scored {
    let mut scored = Scored::default();
    let none = ExcludedDays::default();
    for (e, context) in events.iter().enumerate() {
        let session = context.session();
        let actual: Vec<Option<f64>> = session
            .slots()
            .map(|slot| history.value(session.date(), slot))
            .collect();
        if actual.iter().any(Option::is_none) {
            scored.no_actual += 1;
            continue;
        }
        let estimate = eligibility
            .check(context, history)
            .and_then(|()| method.estimate(context, history, &none));
        let estimate = match estimate {
            Ok(estimate) => estimate,
            Err(reason) => {
                scored.insufficient += 1;
                scored.first_reason.get_or_insert(reason);
                continue;
            }
        };
        scored.events += 1;
        let step = if hourly { 2 } else { 1 };
        for (i, start) in (0..actual.len()).step_by(step).enumerate() {
            let end = (start + step).min(actual.len());
            let b: f64 = estimate.kwh[start..end].iter().sum();
            let a: f64 = actual[start..end].iter().flatten().sum();
            scored.stats.add(b, a);
            each(e, i, b, a);
        }
    }
    scored
}
