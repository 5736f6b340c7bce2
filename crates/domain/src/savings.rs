//! Savings: baseline minus actual per settlement period, per session and for the programme.

use crate::baseline::{HistoryView, SessionContext, SlotValues};
use crate::calendar::CLOCK_SLOTS;

/// One household's result for one session (docs/RULES.md § Savings).
///
/// Values cover the settlement periods whose actual data arrived; `missing_periods` says how
/// many did not, so a result can be shown as provisional until it is zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settlement {
    /// Baseline kWh per clock slot (per 30 minutes of wall-clock time).
    pub baseline: SlotValues,
    /// Actual kWh per clock slot; NaN where data is missing.
    pub actual: SlotValues,
    /// Baseline kWh over the periods with data.
    pub baseline_kwh: f64,
    /// Actual kWh over the periods with data.
    pub actual_kwh: f64,
    /// Baseline − actual (negative when the household used more).
    pub savings_kwh: f64,
    /// What rewards are paid on: the positive part of the savings, never a penalty.
    pub rewarded_kwh: f64,
    /// Savings as a share of the baseline (%); `None` for a zero baseline.
    pub percent_saved: Option<f64>,
    /// Average power reduction over the periods with data (kW).
    pub average_kw_reduced: f64,
    /// Settlement periods without actual data yet.
    pub missing_periods: u16,
}

impl Settlement {
    /// Whether every period's actual data arrived, so the result can become final.
    pub fn is_complete(&self) -> bool {
        self.missing_periods == 0
    }
}

/// Settles a household: its `baseline` (kWh per clock slot, as estimated at the session's start)
/// against the event day's actuals in `history`. On daylight-saving days a repeated clock slot
/// counts as two periods and a skipped one as none.
pub fn settle(
    context: &SessionContext,
    baseline: &SlotValues,
    history: &HistoryView<'_>,
) -> Settlement {
    let session = context.session();
    let weights = context.weights();
    let mut actual = SlotValues::zeros(session.len());
    let (mut baseline_kwh, mut actual_kwh, mut hours) = (0.0, 0.0, 0.0);
    let mut missing_periods = 0u16;
    for (k, slot) in session.slots().enumerate() {
        let a = history.value(session.date(), slot);
        actual.as_mut_slice()[k] = a.unwrap_or(f64::NAN);
        let w = f64::from(weights[k]);
        match a {
            Some(a) => {
                baseline_kwh += w * baseline[k];
                actual_kwh += w * a;
                hours += w * 0.5;
            }
            None => missing_periods += u16::from(weights[k]),
        }
    }
    let savings_kwh = baseline_kwh - actual_kwh;
    Settlement {
        baseline: *baseline,
        actual,
        baseline_kwh,
        actual_kwh,
        savings_kwh,
        rewarded_kwh: savings_kwh.max(0.0),
        percent_saved: crate::settlement::percent_saved(Some(savings_kwh), Some(baseline_kwh)),
        average_kw_reduced: if hours > 0.0 {
            savings_kwh / hours
        } else {
            0.0
        },
        missing_periods,
    }
}

/// The programme's aggregate for a session: baseline against actual summed over households, per
/// clock slot, for the admin's live and final views.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeTotals {
    /// Households added.
    pub households: u64,
    /// Households whose result is complete.
    pub complete: u64,
    /// Sum of baselines per clock slot (kWh), over households with data in that slot.
    pub baseline_kwh: [f64; CLOCK_SLOTS],
    /// Sum of actuals per clock slot (kWh).
    pub actual_kwh: [f64; CLOCK_SLOTS],
    /// Sum of rewarded kWh.
    pub rewarded_kwh: f64,
    len: usize,
}

impl ProgrammeTotals {
    /// Empty totals for a session of `len` clock slots.
    pub fn new(len: usize) -> Self {
        Self {
            households: 0,
            complete: 0,
            baseline_kwh: [0.0; CLOCK_SLOTS],
            actual_kwh: [0.0; CLOCK_SLOTS],
            rewarded_kwh: 0.0,
            len: len.min(CLOCK_SLOTS),
        }
    }

    /// Adds one household's settlement.
    pub fn add(&mut self, settlement: &Settlement) {
        self.households += 1;
        self.complete += u64::from(settlement.is_complete());
        self.rewarded_kwh += settlement.rewarded_kwh;
        for k in 0..self.len.min(settlement.actual.len()) {
            let a = settlement.actual[k];
            if !a.is_nan() {
                self.baseline_kwh[k] += settlement.baseline[k];
                self.actual_kwh[k] += a;
            }
        }
    }

    /// Adds totals computed elsewhere (another thread or batch).
    pub fn merge(&mut self, other: &Self) {
        self.households += other.households;
        self.complete += other.complete;
        self.rewarded_kwh += other.rewarded_kwh;
        for k in 0..self.len {
            self.baseline_kwh[k] += other.baseline_kwh[k];
            self.actual_kwh[k] += other.actual_kwh[k];
        }
    }

    /// Baseline and actual power per clock slot (kW = kWh per half hour × 2).
    pub fn kw(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        (0..self.len).map(|k| (self.baseline_kwh[k] * 2.0, self.actual_kwh[k] * 2.0))
    }

    /// Baseline − actual over the session (kWh).
    pub fn savings_kwh(&self) -> f64 {
        (0..self.len)
            .map(|k| self.baseline_kwh[k] - self.actual_kwh[k])
            .sum()
    }
}
