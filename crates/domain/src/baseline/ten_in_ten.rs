//! CAISO's "10 in 10" baseline with its capped multiplicative day-of adjustment.

use super::adjustment::{AdjustmentKind, InDayAdjustment};
use super::history::HistoryView;
use super::like_days::{average, covered, enough, needed_slots, select};
use super::session::{ExcludedDays, SessionContext};
use super::{Baseline, Estimate, InsufficientData};
use crate::calendar::DayKind;

/// 10 in 10, after CAISO's Customer Load Baseline (CAISO tariff and Business Practice Manual for
/// Metering, "10 in 10 non-event day selection with day-of adjustment"): the mean of the 10 most
/// recent non-event weekdays (4 of 4 weekend/holiday days for rest-day events) within 45 days,
/// multiplied by a load point adjustment, the ratio of actual to baseline consumption over the
/// 3 hours ending 1 hour before the event, capped at ±20 % (a ratio in 0.8–1.2). CAISO lets some
/// residential programmes use a ±40 % cap; `adjustment.cap` configures it.
#[derive(Debug, Clone, PartialEq)]
pub struct TenInTen {
    /// Like days for a weekday session (default 10).
    pub weekdays: usize,
    /// Like days for a weekend/holiday session (default 4).
    pub rest_days: usize,
    /// Fewest like days accepted, either kind (default 2).
    pub min_days: usize,
    /// Days searched back from the event (default 45).
    pub lookback_days: usize,
    /// The day-of adjustment (default multiplicative, ±20 %); `None` for none.
    pub adjustment: Option<InDayAdjustment>,
}

impl Default for TenInTen {
    fn default() -> Self {
        Self {
            weekdays: 10,
            rest_days: 4,
            min_days: 2,
            lookback_days: 45,
            adjustment: Some(InDayAdjustment {
                kind: AdjustmentKind::Multiplicative,
                ..InDayAdjustment::default()
            }),
        }
    }
}

impl Baseline for TenInTen {
    fn name(&self) -> &'static str {
        "10-in-10"
    }

    fn estimate(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
        excluded: &ExcludedDays,
    ) -> Result<Estimate, InsufficientData> {
        let count = match context.event_kind() {
            DayKind::Weekday => self.weekdays,
            DayKind::RestDay => self.rest_days,
        };
        let needed = needed_slots(context, self.adjustment.as_ref());
        covered(history, &needed)?;
        let days = select(
            context,
            history,
            excluded,
            count,
            self.lookback_days,
            &needed,
        );
        enough(context, days.len(), self.min_days, self.lookback_days)?;
        Ok(average(
            context,
            history,
            &days,
            self.adjustment.as_ref(),
            self.name(),
        ))
    }
}
