//! Settlement: where a participant's result stands, when it stops changing, and the figures
//! it reports (docs/RULES.md § Settlement).
//!
//! A result starts `pending` at the session's start (its baseline is known), becomes
//! `provisional` when the session has been compared with the first actual data, and `final` when
//! every reading arrived or the late-data window closed. A household with too little history is
//! `insufficient_data` from the start and stays so. Settlement asks [`status_after`]; nothing
//! else decides.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// Where a participant's result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ResultStatus {
    /// Baseline known, the session not compared with actual data yet.
    Pending,
    /// Compared with the data so far; late data may still change it.
    Provisional,
    /// Settled: every reading arrived, or the late-data window closed.
    Final,
    /// Too little history for a baseline; the reason is stored with the result.
    InsufficientData,
}

impl ResultStatus {
    /// Every status, in the order a result moves through them.
    pub const ALL: [Self; 4] = [
        Self::Pending,
        Self::Provisional,
        Self::Final,
        Self::InsufficientData,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Provisional => "provisional",
            Self::Final => "final",
            Self::InsufficientData => "insufficient_data",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "result status")
    }

    /// Whether the household has a baseline, so it counts in live and final figures.
    pub const fn has_baseline(self) -> bool {
        !matches!(self, Self::InsufficientData)
    }

    /// Whether the result carries figures that earn points (provisional ones are paid and
    /// corrected later, so households see their reward the evening of the session).
    pub const fn is_payable(self) -> bool {
        matches!(self, Self::Provisional | Self::Final)
    }

    /// Whether a settlement pass still computes it.
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Provisional)
    }
}

impl std::fmt::Display for ResultStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How long after a session late data still changes its results (default 21 days, as
/// OhmConnect recalculates for three weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettlementWindow {
    /// Time after the session's end during which results stay provisional while data is missing.
    pub late_data: Duration,
}

impl Default for SettlementWindow {
    fn default() -> Self {
        Self {
            late_data: Duration::days(21),
        }
    }
}

impl SettlementWindow {
    /// When a session ending at `ends_at` stops changing even if data is still missing.
    pub fn closes_at(&self, ends_at: DateTime<Utc>) -> DateTime<Utc> {
        ends_at + self.late_data
    }

    /// Whether the window of a session ending at `ends_at` has closed at `now`.
    pub fn is_closed(&self, ends_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= self.closes_at(ends_at)
    }
}

/// The status a result has after a settlement pass: final once every period's data arrived or
/// the window closed, and never back from final; provisional otherwise. A result without a
/// baseline stays so.
pub fn status_after(
    current: ResultStatus,
    data_complete: bool,
    window_closed: bool,
) -> ResultStatus {
    match current {
        ResultStatus::InsufficientData => ResultStatus::InsufficientData,
        ResultStatus::Final => ResultStatus::Final,
        ResultStatus::Pending | ResultStatus::Provisional if data_complete || window_closed => {
            ResultStatus::Final
        }
        ResultStatus::Pending | ResultStatus::Provisional => ResultStatus::Provisional,
    }
}

/// One settlement period of a result, as stored for charts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct PeriodFigures {
    /// UTC start of the period.
    pub start: DateTime<Utc>,
    /// Baseline kWh.
    pub baseline_kwh: f64,
    /// Measured kWh, once it arrived.
    pub actual_kwh: Option<f64>,
}

/// Saved as a share of the baseline (%), when there is a positive baseline: the one figure the
/// household's result, the staff list, the CSV export and the distribution all show.
pub fn percent_saved(saved_kwh: Option<f64>, baseline_kwh: Option<f64>) -> Option<f64> {
    match (saved_kwh, baseline_kwh) {
        (Some(saved), Some(baseline)) if baseline > 0.0 => Some(saved / baseline * 100.0),
        _ => None,
    }
}

/// kWh as stored and shown: to the watt-hour, so results read the same on every backend.
pub fn round_kwh(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn statuses_round_trip_and_unknown_ones_are_refused() {
        for status in ResultStatus::ALL {
            assert_eq!(ResultStatus::parse(status.as_str()), Ok(status));
        }
        let error = ResultStatus::parse("done").unwrap_err();
        assert!(error.to_string().contains("\"done\""), "{error}");
    }

    #[test]
    fn a_result_becomes_final_when_complete_or_when_the_window_closes() {
        use ResultStatus::*;
        assert_eq!(status_after(Pending, false, false), Provisional);
        assert_eq!(status_after(Pending, true, false), Final);
        assert_eq!(status_after(Provisional, false, true), Final);
        assert_eq!(status_after(Provisional, false, false), Provisional);
        assert_eq!(status_after(InsufficientData, true, true), InsufficientData);
    }

    #[test]
    fn the_window_closes_21_days_after_the_end() {
        let end = Utc.with_ymd_and_hms(2026, 7, 1, 16, 0, 0).unwrap();
        let window = SettlementWindow::default();
        assert_eq!(
            window.closes_at(end),
            Utc.with_ymd_and_hms(2026, 7, 22, 16, 0, 0).unwrap()
        );
        assert!(!window.is_closed(end, end + Duration::days(21) - Duration::seconds(1)));
        assert!(window.is_closed(end, end + Duration::days(21)));
    }

    #[test]
    fn percent_saved_needs_a_positive_baseline() {
        assert_eq!(percent_saved(Some(0.5), Some(2.0)), Some(25.0));
        assert_eq!(percent_saved(Some(-1.0), Some(2.0)), Some(-50.0));
        assert_eq!(percent_saved(Some(0.5), Some(0.0)), None);
        assert_eq!(percent_saved(None, Some(2.0)), None);
    }

    fn any_status() -> impl Strategy<Value = ResultStatus> {
        proptest::sample::select(ResultStatus::ALL.to_vec())
    }

    proptest! {
        /// Whatever passes come in whatever order, a final result never goes back and a
        /// result without a baseline never gains one.
        #[test]
        fn final_and_insufficient_are_kept(
            start in any_status(),
            passes in proptest::collection::vec((any::<bool>(), any::<bool>()), 0..10),
        ) {
            let mut status = start;
            let mut seen_final = start == ResultStatus::Final;
            for (complete, closed) in passes {
                status = status_after(status, complete, closed);
                if seen_final {
                    prop_assert_eq!(status, ResultStatus::Final);
                }
                seen_final |= status == ResultStatus::Final;
                prop_assert_eq!(
                    status == ResultStatus::InsufficientData,
                    start == ResultStatus::InsufficientData
                );
            }
        }
    }
}
