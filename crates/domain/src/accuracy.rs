//! How well a baseline predicts: errors on days without a session (pseudo-events).
//!
//! The error of a period is baseline − actual, so a positive bias means the baseline
//! over-predicts (and would over-reward). CV(RMSE) divides the root mean square error by the mean
//! actual, as ASHRAE Guideline 14 and CalTRACK do (with n, not n − p, in the denominator).

/// Running sums of errors; cheap to add to and to merge.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ErrorStats {
    n: u64,
    sum_error: f64,
    sum_abs: f64,
    sum_square: f64,
    sum_actual: f64,
}

impl ErrorStats {
    /// Adds one period's baseline and actual.
    #[inline]
    pub fn add(&mut self, baseline: f64, actual: f64) {
        let e = baseline - actual;
        self.n += 1;
        self.sum_error += e;
        self.sum_abs += e.abs();
        self.sum_square += e * e;
        self.sum_actual += actual;
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, other: &Self) {
        self.n += other.n;
        self.sum_error += other.sum_error;
        self.sum_abs += other.sum_abs;
        self.sum_square += other.sum_square;
        self.sum_actual += other.sum_actual;
    }

    /// Periods counted.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Mean absolute error (kWh per period).
    pub fn mae(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum_abs / self.n as f64
        }
    }

    /// Root mean square error (kWh per period).
    pub fn rmse(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            (self.sum_square / self.n as f64).sqrt()
        }
    }

    /// Total error over total actual (%); `None` when nothing was consumed.
    pub fn bias_percent(&self) -> Option<f64> {
        (self.sum_actual > 0.0).then(|| self.sum_error / self.sum_actual * 100.0)
    }

    /// RMSE over the mean actual (%); `None` when nothing was consumed.
    pub fn cv_rmse_percent(&self) -> Option<f64> {
        (self.sum_actual > 0.0).then(|| self.rmse() / (self.sum_actual / self.n as f64) * 100.0)
    }
}

/// Median and mean of values (e.g. one CV(RMSE) per household); `None` when empty.
pub fn median_and_mean(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    let median = if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
    };
    Some((median, values.iter().sum::<f64>() / values.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_follow_their_definitions() {
        let mut s = ErrorStats::default();
        for (b, a) in [(1.0, 2.0), (3.0, 2.0), (2.0, 2.0), (4.0, 2.0)] {
            s.add(b, a);
        }
        assert_eq!(s.count(), 4);
        assert!((s.mae() - 1.0).abs() < 1e-12);
        assert!((s.bias_percent().unwrap() - 25.0).abs() < 1e-12);
        assert!((s.cv_rmse_percent().unwrap() - (1.5f64).sqrt() / 2.0 * 100.0).abs() < 1e-9);
        let mut merged = ErrorStats::default();
        merged.merge(&s);
        assert_eq!(merged, s);
        assert_eq!(ErrorStats::default().cv_rmse_percent(), None);
        assert_eq!(median_and_mean(&[3.0, 1.0, 2.0, 10.0]), Some((2.5, 4.0)));
        assert_eq!(median_and_mean(&[]), None);
    }
}
