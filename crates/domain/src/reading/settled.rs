//! Which readings an upload may no longer change: those inside a settled session's window
//! (docs/RULES.md § Meter data). Points were paid on them, so changing them is a correction,
//! recorded with who made it and why, never a side effect of a plain upload.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::SlotState;
use crate::meter::IntervalLength;

/// A settled session's start and end.
type Window = (DateTime<Utc>, DateTime<Utc>);

/// The windows of settled sessions (`SessionState::is_settled`) on each meter of a batch (the
/// meters of the households that took part).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettledWindows {
    by_meter: HashMap<i64, Vec<Window>>,
}

impl SettledWindows {
    /// Adds the window `[starts_at, ends_at)` of a settled session for `meter`.
    pub fn add(&mut self, meter: i64, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) {
        self.by_meter
            .entry(meter)
            .or_default()
            .push((starts_at, ends_at));
    }

    /// Whether no window is known, so every slot is open.
    pub fn is_empty(&self) -> bool {
        self.by_meter.is_empty()
    }

    /// The state of the interval of `interval` starting at `start` on `meter`: settled when it
    /// overlaps any settled window of the meter.
    pub fn state(&self, meter: i64, start: DateTime<Utc>, interval: IntervalLength) -> SlotState {
        let end = start + Duration::minutes(i64::from(interval.minutes()));
        let overlaps = self.by_meter.get(&meter).is_some_and(|windows| {
            windows
                .iter()
                .any(|(starts_at, ends_at)| start < *ends_at && end > *starts_at)
        });
        if overlaps {
            SlotState::Settled
        } else {
            SlotState::Open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_intervals_overlapping_a_settled_window_of_their_meter_are_settled() {
        let at = |h, m| Utc.with_ymd_and_hms(2026, 7, 1, h, m, 0).unwrap();
        let mut windows = SettledWindows::default();
        assert!(windows.is_empty());
        windows.add(1, at(17, 0), at(18, 0));
        let quarter = IntervalLength::FifteenMinutes;
        let half = IntervalLength::ThirtyMinutes;
        assert_eq!(windows.state(1, at(16, 45), quarter), SlotState::Open);
        assert_eq!(windows.state(1, at(17, 0), quarter), SlotState::Settled);
        assert_eq!(windows.state(1, at(17, 45), quarter), SlotState::Settled);
        assert_eq!(windows.state(1, at(18, 0), quarter), SlotState::Open);
        assert_eq!(windows.state(1, at(16, 30), half), SlotState::Open);
        assert_eq!(windows.state(2, at(17, 0), quarter), SlotState::Open);
    }
}
