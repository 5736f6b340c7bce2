//! PJM's "high X of Y" customer baseline.

use super::adjustment::InDayAdjustment;
use super::history::HistoryView;
use super::like_days::{average, covered, enough, needed_slots, select};
use super::session::{ExcludedDays, SessionContext};
use super::{Baseline, Estimate, InsufficientData};
use crate::calendar::DayKind;

/// High X of Y, after PJM's Customer Baseline Load (PJM Manual 11, Energy & Ancillary Services
/// Market Operations, section on the Economic Load Response CBL): take the Y most recent like days
/// (complete, non-event, within the lookback), keep the X with the highest consumption over the
/// session's slots, and average them slot by slot. PJM's weekday rule is "high 4 of 5", weekends
/// and holidays "high 2 of 3", with a symmetric additive adjustment over the 3 hours ending 1 hour
/// before the event; PJM also drops days below 25 % of the average, which is not done here.
/// Picking the highest days biases the baseline upwards on purpose: it favours participants.
#[derive(Debug, Clone, PartialEq)]
pub struct HighXOfY {
    /// Days kept for a weekday session (default 4).
    pub weekday_x: usize,
    /// Days considered for a weekday session (default 5).
    pub weekday_y: usize,
    /// Days kept for a weekend/holiday session (default 2).
    pub rest_day_x: usize,
    /// Days considered for a weekend/holiday session (default 3).
    pub rest_day_y: usize,
    /// Days searched back from the event (default 45).
    pub lookback_days: usize,
    /// The in-day adjustment; by default PJM's symmetric additive one, uncapped.
    pub adjustment: Option<InDayAdjustment>,
}

impl Default for HighXOfY {
    fn default() -> Self {
        Self {
            weekday_x: 4,
            weekday_y: 5,
            rest_day_x: 2,
            rest_day_y: 3,
            lookback_days: 45,
            adjustment: Some(InDayAdjustment {
                cap: None,
                ..InDayAdjustment::default()
            }),
        }
    }
}

impl Baseline for HighXOfY {
    fn name(&self) -> &'static str {
        "high-x-of-y"
    }

    fn estimate(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
        excluded: &ExcludedDays,
    ) -> Result<Estimate, InsufficientData> {
        let (x, y) = match context.event_kind() {
            DayKind::Weekday => (self.weekday_x, self.weekday_y),
            DayKind::RestDay => (self.rest_day_x, self.rest_day_y),
        };
        let needed = needed_slots(context, self.adjustment.as_ref());
        covered(history, &needed)?;
        let mut days = select(context, history, excluded, y, self.lookback_days, &needed);
        enough(context, days.len(), x, self.lookback_days)?;
        let session = context.session().slots();
        days.retain_top(x, |i| {
            history
                .row(i as usize, &session)
                .iter()
                .map(|&v| f64::from(v))
                .sum()
        });
        Ok(average(
            context,
            history,
            &days,
            self.adjustment.as_ref(),
            self.name(),
        ))
    }
}
