//! In-day (day-of) adjustments: moving a like-day baseline towards how much the household used on
//! the event day before the session started.

use std::ops::Range;

use super::history::HistoryView;

/// How the adjustment is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentKind {
    /// Adds the difference between actual and baseline in the window (UK Demand Flexibility
    /// Service, PJM's symmetric additive adjustment).
    Additive,
    /// Scales by the ratio of actual to baseline in the window (CAISO's load point adjustment).
    Multiplicative,
}

/// An in-day adjustment. The window is the `window_slots` half hours ending `gap_slots` half hours
/// before the session (default: the 3 hours ending 1 hour before), so that pre-cooling or
/// announcement effects just before the session do not leak into it. Windows that would start
/// before local midnight are cut at midnight.
///
/// `weight` damps the adjustment: only that share of the window's difference is applied. How a
/// household used power in the afternoon says something about its evening, but far less than
/// one for one (on the UCI household, 40 % of the departure from its like days in the hour
/// ending 1 hour before a 17:00 session carries over to the evening), so a full adjustment
/// overshoots about as often as it helps. Damping also makes inflating the baseline by using more
/// before a session dearer (see `LikeDays::damped`).
///
/// `decay` fades the adjustment through the session: the first half hour gets `weight` of the
/// difference, each later one `decay` times the one before. The nearer the window is to the
/// session, the more the start of the session follows it and the less its end does
/// (`LikeDays::last_hour`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InDayAdjustment {
    /// Additive or multiplicative.
    pub kind: AdjustmentKind,
    /// Half hours in the window (default 6: 3 hours).
    pub window_slots: usize,
    /// Half hours between the window and the session (default 2: 1 hour).
    pub gap_slots: usize,
    /// Largest change as a share of the unadjusted baseline (default 0.2: ±20 %, per
    /// docs/RULES.md § Baselines for the additive form and CAISO's 0.8–1.2 ratio for the
    /// multiplicative one); `None` for no cap (PJM's symmetric additive adjustment is uncapped).
    pub cap: Option<f64>,
    /// Share of the window's difference (additive) or of the ratio's departure from 1
    /// (multiplicative) applied, before capping (default 1: the full adjustment).
    pub weight: f64,
    /// Factor applied to the weight for each half hour further into the session (default 1:
    /// every half hour adjusted alike).
    pub decay: f64,
}

impl Default for InDayAdjustment {
    fn default() -> Self {
        Self {
            kind: AdjustmentKind::Additive,
            window_slots: 6,
            gap_slots: 2,
            cap: Some(0.2),
            weight: 1.0,
            decay: 1.0,
        }
    }
}

/// What an adjustment did to a baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Adjustment {
    /// No adjustment configured.
    None,
    /// Configured, but the event day's data in the window was incomplete: baseline unadjusted.
    Unavailable,
    /// kWh added to the session's first half hour before capping (after damping by the weight;
    /// later half hours get less when the adjustment decays).
    Additive(f64),
    /// Ratio applied to the session's first half hour after capping.
    Multiplicative(f64),
}

impl InDayAdjustment {
    /// The clock slots of the window for a session starting at `session_start`.
    pub fn window(&self, session_start: usize) -> Range<usize> {
        let end = session_start.saturating_sub(self.gap_slots);
        end.saturating_sub(self.window_slots)..end
    }

    /// Adjusts `baseline` (per session slot) given the like days' mean and the event day's actual
    /// over the window. Returns what was applied.
    pub(crate) fn apply(
        &self,
        baseline: &mut [f64],
        like_days_window_kwh: f64,
        history: &HistoryView<'_>,
        event_index: Option<usize>,
        window: &Range<usize>,
    ) -> Adjustment {
        let Some(event) = event_index else {
            return Adjustment::Unavailable;
        };
        if window.is_empty() {
            return Adjustment::Unavailable;
        }
        let actual = history.row(event, window);
        if actual.iter().any(|v| v.is_nan()) {
            return Adjustment::Unavailable;
        }
        let actual: f64 = actual.iter().map(|&v| f64::from(v)).sum();
        match self.kind {
            AdjustmentKind::Additive => {
                let per_slot = self.weight * (actual - like_days_window_kwh) / window.len() as f64;
                let mut share = 1.0;
                for b in baseline.iter_mut() {
                    let wanted = per_slot * share;
                    let change = match self.cap {
                        Some(cap) => {
                            let limit = (cap * *b).abs();
                            wanted.clamp(-limit, limit)
                        }
                        None => wanted,
                    };
                    *b = (*b + change).max(0.0);
                    share *= self.decay;
                }
                Adjustment::Additive(per_slot)
            }
            AdjustmentKind::Multiplicative => {
                let cap = self.cap.unwrap_or(f64::INFINITY).abs();
                let departure = if like_days_window_kwh > 0.0 {
                    self.weight * (actual / like_days_window_kwh - 1.0)
                } else {
                    0.0
                };
                let ratio_at =
                    |share: f64| (1.0 + departure * share).clamp((1.0 - cap).max(0.0), 1.0 + cap);
                let mut share = 1.0;
                for b in baseline.iter_mut() {
                    *b *= ratio_at(share);
                    share *= self.decay;
                }
                Adjustment::Multiplicative(ratio_at(1.0))
            }
        }
    }
}
