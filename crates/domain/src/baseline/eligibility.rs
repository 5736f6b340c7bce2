//! Whether a household has enough recent data to be given a baseline at all.

use super::InsufficientData;
use super::history::HistoryView;
use super::session::SessionContext;

/// The eligibility rule (docs/RULES.md § Baselines): at least `min_share` of the expected readings arrived over
/// the `days` days before the session. "Expected" counts the half hours of the history's window
/// (every half hour of the day when whole days are loaded), with 23- and 25-hour days counted
/// as they are; days missing from the history count as expected and not received.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eligibility {
    /// Days looked back on (default 15).
    pub days: u32,
    /// Share of expected readings required (default 0.8).
    pub min_share: f64,
}

impl Default for Eligibility {
    fn default() -> Self {
        Self {
            days: 15,
            min_share: 0.8,
        }
    }
}

impl Eligibility {
    /// `Ok` when the household qualifies, otherwise the shortfall as the reason.
    pub fn check(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
    ) -> Result<(), InsufficientData> {
        let end = context.day();
        let (received, expected) = history.coverage(end - self.days as i32..end);
        let share = if expected == 0 {
            0.0
        } else {
            received as f64 / expected as f64
        };
        if share + 1e-12 >= self.min_share {
            Ok(())
        } else {
            Err(InsufficientData::LowCoverage {
                received_percent: share * 100.0,
                required_percent: self.min_share * 100.0,
                days: self.days,
            })
        }
    }
}
