//! A settled session in figures, for staff.

use domain::settlement::round_kwh;
use store::{SessionRecord, SessionResultRecord};

use crate::{Engine, EngineError};

/// Upper bounds (exclusive) of the % saved buckets; the last bucket is open-ended.
pub const PERCENT_BUCKETS: [f64; 6] = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0];

/// The aggregate of a session's results.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionReport {
    /// Households that joined.
    pub participants: u64,
    /// Those with a baseline.
    pub eligible: u64,
    /// Those with measured data for the session.
    pub reporting: u64,
    /// Sum of baseline − actual (kWh).
    pub saved_kwh: f64,
    /// Average power reduction over the session (kW).
    pub average_kw_reduced: f64,
    /// Households per % saved bucket: below 0, 0–10, …, 40–50, 50 and above.
    pub percent_saved_histogram: Vec<u64>,
    /// Green Points issued for the session, corrections included.
    pub points_issued: i64,
    /// Every result, largest saving first.
    pub results: Vec<SessionResultRecord>,
}

/// Saved as a share of the baseline (%), when there is a baseline
/// ([`domain::settlement::percent_saved`]).
pub fn percent_saved(result: &SessionResultRecord) -> Option<f64> {
    domain::settlement::percent_saved(result.saved_kwh, result.baseline_kwh)
}

impl Engine {
    /// The figures staff see after a session.
    pub async fn report(&self, session: &SessionRecord) -> Result<SessionReport, EngineError> {
        let mut results = self.store.all_session_results(session.id).await?;
        results.sort_by(|a, b| {
            b.saved_kwh
                .unwrap_or(f64::MIN)
                .total_cmp(&a.saved_kwh.unwrap_or(f64::MIN))
        });
        let eligible = results.iter().filter(|r| r.status.has_baseline()).count();
        let measured: Vec<&SessionResultRecord> =
            results.iter().filter(|r| r.actual_kwh.is_some()).collect();
        let saved_kwh: f64 = measured.iter().filter_map(|r| r.saved_kwh).sum();
        let hours = (session.plan.window.ends_at - session.plan.window.starts_at).num_minutes()
            as f64
            / 60.0;
        let mut histogram = vec![0u64; PERCENT_BUCKETS.len() + 1];
        for percent in measured.iter().filter_map(|r| percent_saved(r)) {
            let bucket = PERCENT_BUCKETS
                .iter()
                .take_while(|&&bound| percent >= bound)
                .count();
            histogram[bucket] += 1;
        }
        Ok(SessionReport {
            participants: results.len() as u64,
            eligible: eligible as u64,
            reporting: measured.len() as u64,
            saved_kwh: round_kwh(saved_kwh),
            average_kw_reduced: if hours > 0.0 {
                round_kwh(saved_kwh / hours)
            } else {
                0.0
            },
            percent_saved_histogram: histogram,
            points_issued: self.store.points_issued(&session.id.to_string()).await?,
            results,
        })
    }
}
