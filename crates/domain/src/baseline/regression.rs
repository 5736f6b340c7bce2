//! Time-of-week and temperature regression, after CalTRACK's hourly method (LF Energy
//! OpenEEmeter): one intercept per time of week plus piecewise-linear heating and cooling
//! degree terms whose balance points are searched on a grid.
//!
//! The fit is exact weighted least squares solved by hand. Every observation has exactly one
//! time-of-week indicator, so the indicator block of the normal equations is diagonal and can be
//! eliminated (a Schur complement); with the heating balance point at or below the cooling one a
//! heating and a cooling degree are never both non-zero, so each balance-point pair costs a 2×2
//! solve over per-time-of-week sums. A year of hourly data fits in well under a millisecond per
//! grid, with no linear-algebra dependency.

use super::history::HistoryView;
use super::like_days::covered;
use super::session::{ExcludedDays, SessionContext, SlotValues};
use super::{Adjustment, Baseline, Estimate, InsufficientData};
use crate::calendar::DayKind;

/// One observation: a time-of-week index, the outdoor temperature (NaN when unknown), the energy
/// and a weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// Time-of-week index, below the model's `times_of_week`.
    pub time_of_week: u16,
    /// Outdoor temperature (°C).
    pub celsius: f32,
    /// Energy (kWh).
    pub kwh: f32,
    /// Weight (1 for ordinary least squares).
    pub weight: f32,
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeOfWeekFit {
    /// Intercept per time of week (kWh); NaN where no observation had that time of week.
    pub intercepts: Vec<f64>,
    /// Heating balance point (°C) and slope (kWh per degree below it), if the term is used.
    pub heating: Option<(f64, f64)>,
    /// Cooling balance point (°C) and slope (kWh per degree above it), if the term is used.
    pub cooling: Option<(f64, f64)>,
}

impl TimeOfWeekFit {
    /// Predicted kWh at a time of week and temperature; `None` for an unseen time of week or a
    /// missing temperature when the model uses one.
    pub fn predict(&self, time_of_week: usize, celsius: f64) -> Option<f64> {
        let mut y = *self.intercepts.get(time_of_week)?;
        if y.is_nan() {
            return None;
        }
        if let Some((balance, slope)) = self.heating {
            y += slope * (balance - celsius).max(0.0);
        }
        if let Some((balance, slope)) = self.cooling {
            y += slope * (celsius - balance).max(0.0);
        }
        (!y.is_nan()).then_some(y.max(0.0))
    }
}

/// The model's shape: how many times of week, and the balance-point grids (°C, whole degrees).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeOfWeekModel {
    /// Number of time-of-week indicators.
    pub times_of_week: usize,
    /// Heating balance points tried (°C); empty for no heating term.
    pub heating_balance_c: Vec<i32>,
    /// Cooling balance points tried (°C); empty for no cooling term.
    pub cooling_balance_c: Vec<i32>,
}

/// Weighted sums of one degree term per time of week.
struct DegreeSums {
    balance: f64,
    per_tow: Vec<f64>,
    squares: f64,
    cross_y: f64,
}

fn degree_sums(obs: &[Observation], tows: usize, balance: f64, heating: bool) -> DegreeSums {
    let mut per_tow = vec![0.0; tows];
    let (mut squares, mut cross_y) = (0.0, 0.0);
    for o in obs {
        let t = f64::from(o.celsius);
        let x = if heating { balance - t } else { t - balance };
        if x > 0.0 {
            let w = f64::from(o.weight);
            per_tow[usize::from(o.time_of_week)] += w * x;
            squares += w * x * x;
            cross_y += w * x * f64::from(o.kwh);
        }
    }
    DegreeSums {
        balance,
        per_tow,
        squares,
        cross_y,
    }
}

impl TimeOfWeekModel {
    /// Fits by weighted least squares. Observations with a NaN temperature must not be passed
    /// when the grids are non-empty. Degree terms with a negative slope are dropped, and the
    /// variant with the lowest residual variance (sum of squares over degrees of freedom) wins.
    pub fn fit(&self, obs: &[Observation]) -> Option<TimeOfWeekFit> {
        let tows = self.times_of_week;
        let mut n = vec![0.0; tows];
        let mut count = vec![0u32; tows];
        let mut sum_y = vec![0.0; tows];
        let mut syy = 0.0;
        for o in obs {
            let t = usize::from(o.time_of_week);
            if t >= tows || o.kwh.is_nan() {
                return None;
            }
            let (w, y) = (f64::from(o.weight), f64::from(o.kwh));
            n[t] += w;
            count[t] += 1;
            sum_y[t] += w * y;
            syy += w * y * y;
        }
        let used: Vec<usize> = (0..tows).filter(|&t| n[t] > 0.0).collect();
        if used.is_empty() {
            return None;
        }
        let observations = count.iter().map(|&c| f64::from(c)).sum::<f64>();
        let base_sse = syy
            - used
                .iter()
                .map(|&t| sum_y[t] * sum_y[t] / n[t])
                .sum::<f64>();
        let dof = |params: usize| (observations - (used.len() + params) as f64).max(1.0);
        let heat: Vec<DegreeSums> = self
            .heating_balance_c
            .iter()
            .map(|&b| degree_sums(obs, tows, f64::from(b), true))
            .collect();
        let cool: Vec<DegreeSums> = self
            .cooling_balance_c
            .iter()
            .map(|&b| degree_sums(obs, tows, f64::from(b), false))
            .collect();
        // Schur-complemented normal equations: a = S_xx − Σ X_t²/n_t, r = S_xy − Σ X_t Y_t/n_t.
        let reduce = |d: &DegreeSums| {
            let mut a = d.squares;
            let mut r = d.cross_y;
            for &t in &used {
                a -= d.per_tow[t] * d.per_tow[t] / n[t];
                r -= d.per_tow[t] * sum_y[t] / n[t];
            }
            (a, r)
        };
        let heat_reduced: Vec<(f64, f64)> = heat.iter().map(reduce).collect();
        let cool_reduced: Vec<(f64, f64)> = cool.iter().map(reduce).collect();
        // (score, heating index and slope, cooling index and slope)
        type Choice = (f64, Option<(usize, f64)>, Option<(usize, f64)>);
        let mut best: Choice = (base_sse / dof(0), None, None);
        let mut consider =
            |sse: f64, params: usize, h: Option<(usize, f64)>, c: Option<(usize, f64)>| {
                let score = sse / dof(params);
                if score < best.0 {
                    best = (score, h, c);
                }
            };
        for (i, &(a, r)) in heat_reduced.iter().enumerate() {
            if a > 1e-9 && r > 0.0 {
                consider(base_sse - r * r / a, 1, Some((i, r / a)), None);
            }
        }
        for (j, &(a, r)) in cool_reduced.iter().enumerate() {
            if a > 1e-9 && r > 0.0 {
                consider(base_sse - r * r / a, 1, None, Some((j, r / a)));
            }
        }
        for (i, h) in heat.iter().enumerate() {
            let (a11, r1) = heat_reduced[i];
            for (j, c) in cool.iter().enumerate() {
                if h.balance > c.balance || a11 <= 1e-9 {
                    continue;
                }
                let (a22, r2) = cool_reduced[j];
                let a12 = -used
                    .iter()
                    .map(|&t| h.per_tow[t] * c.per_tow[t] / n[t])
                    .sum::<f64>();
                let det = a11 * a22 - a12 * a12;
                if det <= 1e-12 {
                    continue;
                }
                let bh = (r1 * a22 - r2 * a12) / det;
                let bc = (a11 * r2 - a12 * r1) / det;
                if bh > 0.0 && bc > 0.0 {
                    consider(
                        base_sse - bh * r1 - bc * r2,
                        2,
                        Some((i, bh)),
                        Some((j, bc)),
                    );
                }
            }
        }
        let (_, h, c) = best;
        let heating = h.map(|(i, slope)| (heat[i].balance, slope, &heat[i].per_tow));
        let cooling = c.map(|(j, slope)| (cool[j].balance, slope, &cool[j].per_tow));
        let intercepts = (0..tows)
            .map(|t| {
                if n[t] <= 0.0 {
                    return f64::NAN;
                }
                let mut y = sum_y[t];
                if let Some((_, slope, per_tow)) = heating {
                    y -= slope * per_tow[t];
                }
                if let Some((_, slope, per_tow)) = cooling {
                    y -= slope * per_tow[t];
                }
                y / n[t]
            })
            .collect();
        Some(TimeOfWeekFit {
            intercepts,
            heating: heating.map(|(b, s, _)| (b, s)),
            cooling: cooling.map(|(b, s, _)| (b, s)),
        })
    }
}

/// The regression baseline: fits [`TimeOfWeekModel`] on the household's own recent days (not
/// excluded, the session's clock slots only, one indicator per day of week × slot with holidays
/// counted as Sundays) and predicts the event day. Without temperatures in the history it is a
/// pure time-of-week model. Recent days can weigh more (`half_life_days`).
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    /// Days of training data before the event (default 90).
    pub training_days: usize,
    /// Fewest days with data accepted (default 20).
    pub min_training_days: usize,
    /// Heating balance points tried (°C, default 8–20).
    pub heating_balance_c: std::ops::RangeInclusive<i32>,
    /// Cooling balance points tried (°C, default 16–30).
    pub cooling_balance_c: std::ops::RangeInclusive<i32>,
    /// Weight halves every this many days back (default none: all days weigh the same).
    pub half_life_days: Option<f64>,
}

impl Default for Regression {
    fn default() -> Self {
        Self {
            training_days: 90,
            min_training_days: 20,
            heating_balance_c: 8..=20,
            cooling_balance_c: 16..=30,
            half_life_days: None,
        }
    }
}

/// Monday = 0 … Sunday = 6 for a day number (0001-01-01 was a Monday).
fn weekday_index(day: i32) -> usize {
    (day - 1).rem_euclid(7) as usize
}

impl Baseline for Regression {
    fn name(&self) -> &'static str {
        "regression"
    }

    fn estimate(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
        excluded: &ExcludedDays,
    ) -> Result<Estimate, InsufficientData> {
        let session = context.session().slots();
        covered(history, &[session.clone(), 0..0])?;
        let width = session.len();
        let tow = |back: usize, day: i32| {
            let weekday = weekday_index(day);
            match context.kind_back(back) {
                Some(DayKind::RestDay) if weekday < 5 => 6,
                _ => weekday,
            }
        };
        let event_temperature = history
            .index(context.day())
            .and_then(|i| history.temperature_row(i, &session))
            .filter(|t| t.iter().all(|v| !v.is_nan()));
        let mut obs = Vec::with_capacity(self.training_days * width);
        let mut days = 0;
        for back in 1..=self.training_days.min(super::MAX_LOOKBACK_DAYS) {
            let day = context.day() - back as i32;
            if excluded.contains(day) {
                continue;
            }
            let Some(i) = history.index(day) else {
                continue;
            };
            let weight =
                self.half_life_days
                    .map_or(1.0, |h| 0.5f64.powf(back as f64 / h.max(1e-3))) as f32;
            let temperatures = history.temperature_row(i, &session);
            let before = obs.len();
            for (k, &kwh) in history.row(i, &session).iter().enumerate() {
                let celsius = temperatures.map_or(f32::NAN, |t| t[k]);
                if kwh.is_nan() || (event_temperature.is_some() && celsius.is_nan()) {
                    continue;
                }
                obs.push(Observation {
                    time_of_week: (tow(back, day) * width + k) as u16,
                    celsius,
                    kwh,
                    weight,
                });
            }
            days += usize::from(obs.len() > before);
        }
        if days < self.min_training_days {
            return Err(InsufficientData::TooLittleTrainingData {
                found: days,
                required: self.min_training_days,
                lookback_days: self.training_days as u32,
            });
        }
        let model = TimeOfWeekModel {
            times_of_week: 7 * width,
            heating_balance_c: if event_temperature.is_some() {
                self.heating_balance_c.clone().collect()
            } else {
                Vec::new()
            },
            cooling_balance_c: if event_temperature.is_some() {
                self.cooling_balance_c.clone().collect()
            } else {
                Vec::new()
            },
        };
        let insufficient = InsufficientData::TooLittleTrainingData {
            found: days,
            required: self.min_training_days,
            lookback_days: self.training_days as u32,
        };
        let fit = model.fit(&obs).ok_or_else(|| insufficient.clone())?;
        let mut kwh = SlotValues::zeros(width);
        let event_tow = tow(0, context.day());
        for (k, out) in kwh.as_mut_slice().iter_mut().enumerate() {
            let celsius = event_temperature.map_or(f64::NAN, |t| f64::from(t[k]));
            *out = fit
                .predict(event_tow * width + k, celsius)
                .ok_or_else(|| insufficient.clone())?;
        }
        Ok(Estimate {
            kwh,
            days_used: days as u16,
            adjustment: Adjustment::None,
            method: self.name(),
        })
    }
}
