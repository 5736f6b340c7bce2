//! The programme's weather: outdoor temperature in Nicosia and daily cloudiness.
//!
//! Temperature drives air-conditioning and electric heating, cloudiness scales PV output. Both are
//! the same for every household (one programme, one weather) and depend only on the seed, so a
//! temperature-aware baseline sees exactly the series that shaped the data.

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

use crate::rng::{Stream, irwin_hall4, key, mix64, unit};

/// Day of the year (0-based) on which the seasonal curve is coldest: around 20 January.
const COLDEST_DAY: f64 = 19.0;
/// Annual mean temperature (°C); with [`SEASONAL_SWING_C`] January averages 11 °C and late July 29 °C.
const ANNUAL_MEAN_C: f64 = 20.0;
/// Half the difference between the warmest and the coldest seasonal daily mean.
const SEASONAL_SWING_C: f64 = 9.0;
/// Half the daily temperature range, averaged over the year: Nicosia's days are about 10 °C
/// (winter) to 16 °C (summer, 21 → 37 °C) wide.
const DAILY_HALF_RANGE_C: f64 = 6.5;
/// How much the daily half-range grows in summer and shrinks in winter.
const DAILY_HALF_RANGE_SWING_C: f64 = 1.5;
/// Local hour of the daily minimum (just before sunrise) and maximum (mid-afternoon).
const COOLEST_HOUR: f64 = 5.0;
const WARMEST_HOUR: f64 = 15.0;
/// Day-to-day weather: a fast component (new value every day) and a slow one (every 4 days,
/// for warm and cool spells), smoothly interpolated so the series has no jumps at midnight.
const FAST_ANOMALY_C: f64 = 1.5;
const SLOW_ANOMALY_C: f64 = 2.2;
const SLOW_PERIOD_DAYS: i64 = 4;

/// Seeded weather of the programme region.
#[derive(Debug, Clone)]
pub(crate) struct Weather {
    seed: u64,
}

/// Seasonal position of a day: 0 on the coldest day, 1 on the warmest, as a smooth cosine.
#[inline]
fn warmth(day_of_year: f64) -> f64 {
    0.5 - 0.5 * (2.0 * PI * (day_of_year - COLDEST_DAY) / 365.25).cos()
}

/// Daily cycle in `[-1, 1]`: −1 at [`COOLEST_HOUR`], +1 at [`WARMEST_HOUR`], half-cosines in
/// between (10 h of warming, 14 h of cooling), so the daily mean is the seasonal mean.
#[inline]
fn daily_cycle(local_hour: f64) -> f64 {
    let h = local_hour.clamp(0.0, 24.0);
    if (COOLEST_HOUR..WARMEST_HOUR).contains(&h) {
        -cos_pi((h - COOLEST_HOUR) / (WARMEST_HOUR - COOLEST_HOUR))
    } else {
        let since_warmest = if h >= WARMEST_HOUR {
            h - WARMEST_HOUR
        } else {
            h + 24.0 - WARMEST_HOUR
        };
        cos_pi(since_warmest / (24.0 - WARMEST_HOUR + COOLEST_HOUR))
    }
}

/// `cos(π x)` for `x` in `[0, 1]` by a Taylor polynomial (error below 10⁻⁸): the daily cycle is
/// evaluated for every interval of every household, and libm's `cos` dominated the profile.
#[inline]
fn cos_pi(x: f64) -> f64 {
    let (x, sign) = if x > 0.5 { (1.0 - x, -1.0) } else { (x, 1.0) };
    let y2 = (PI * x) * (PI * x);
    let series = 1.0
        - y2 / 2.0
            * (1.0
                - y2 / 12.0
                    * (1.0
                        - y2 / 30.0 * (1.0 - y2 / 56.0 * (1.0 - y2 / 90.0 * (1.0 - y2 / 132.0)))));
    sign * series
}

/// Smooth interpolation between two node values.
#[inline]
fn smooth(a: f64, b: f64, frac: f64) -> f64 {
    let s = frac * frac * (3.0 - 2.0 * frac);
    a + (b - a) * s
}

/// Seasonal mean and daily half-range (°C) at a (fractional) 0-based day of the year.
fn seasonal(day_of_year: f64) -> (f64, f64) {
    let w = 2.0 * warmth(day_of_year) - 1.0;
    (
        ANNUAL_MEAN_C + SEASONAL_SWING_C * w,
        DAILY_HALF_RANGE_C + DAILY_HALF_RANGE_SWING_C * w,
    )
}

/// One local date's temperature curve: the seasonal values interpolated across the day and the
/// weather nodes it touches.
#[derive(Debug, Clone)]
pub(crate) struct TemperatureDay {
    day: i64,
    mean0: f64,
    mean_per_hour: f64,
    half0: f64,
    half_per_hour: f64,
    fast: [f64; 2],
    slow_first: i64,
    slow: [f64; 3],
}

impl TemperatureDay {
    /// Weather anomaly (°C) at a fraction `[0, 1]` of the day.
    #[inline]
    fn anomaly(&self, frac_day: f64) -> f64 {
        let fast = smooth(self.fast[0], self.fast[1], frac_day);
        // Position in the 4-day slow cycle; a day touches at most two slow segments.
        let slow_t = ((self.day - self.slow_first * SLOW_PERIOD_DAYS) as f64 + frac_day)
            / SLOW_PERIOD_DAYS as f64;
        let slow = if slow_t < 1.0 {
            smooth(self.slow[0], self.slow[1], slow_t)
        } else {
            smooth(self.slow[1], self.slow[2], slow_t - 1.0)
        };
        FAST_ANOMALY_C * fast + SLOW_ANOMALY_C * slow
    }

    /// Outdoor temperature (°C) at a local wall-clock hour (`[0, 24)`).
    #[inline]
    pub(crate) fn at(&self, local_hour: f64) -> f64 {
        let mean = self.mean0 + self.mean_per_hour * local_hour;
        let half_range = self.half0 + self.half_per_hour * local_hour;
        mean + half_range * daily_cycle(local_hour)
            + self.anomaly((local_hour / 24.0).clamp(0.0, 1.0))
    }

    /// Mean temperature of the day including the weather (°C), for the slow part of indoor
    /// temperature: buildings lag the outdoor air by about a day.
    pub(crate) fn daily_mean(&self) -> f64 {
        self.mean0 + self.mean_per_hour * 12.0 + self.anomaly(0.5)
    }
}

impl Weather {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            seed: key(seed, Stream::Weather as u64),
        }
    }

    /// A standard normal value fixed for `(component, node)`.
    #[inline]
    fn node(&self, component: u64, node: i64) -> f64 {
        irwin_hall4(mix64(key(key(self.seed, component), node as u64)))
    }

    /// Seasonal mean temperature of a local date (°C), without weather: what the climate says.
    pub(crate) fn seasonal_mean(date: NaiveDate) -> f64 {
        seasonal(f64::from(date.ordinal0()) + 0.5).0
    }

    /// The temperature curve of one local date, computed once so that each interval costs
    /// one cosine.
    pub(crate) fn day(&self, date: NaiveDate) -> TemperatureDay {
        let start = f64::from(date.ordinal0());
        let (mean0, half0) = seasonal(start);
        let (mean1, half1) = seasonal(start + 1.0);
        let day = i64::from(date.num_days_from_ce());
        let slow_first = day.div_euclid(SLOW_PERIOD_DAYS);
        TemperatureDay {
            day,
            mean0,
            mean_per_hour: (mean1 - mean0) / 24.0,
            half0,
            half_per_hour: (half1 - half0) / 24.0,
            fast: [self.node(1, day), self.node(1, day + 1)],
            slow_first,
            slow: [
                self.node(2, slow_first),
                self.node(2, slow_first + 1),
                self.node(2, slow_first + 2),
            ],
        }
    }

    /// Outdoor temperature (°C) at a local wall-clock hour (`[0, 24)`) of a local date.
    pub(crate) fn temperature(&self, date: NaiveDate, local_hour: f64) -> f64 {
        self.day(date).at(local_hour)
    }

    /// Share of clear-sky PV output reached on a local date: mostly 0.9–1.0 (Cyprus has over 300
    /// sunny days), with overcast days (0.25–0.7) far more likely in winter than in summer.
    pub(crate) fn clearness(&self, date: NaiveDate) -> f64 {
        let bits = mix64(key(key(self.seed, 3), date.num_days_from_ce() as u64));
        let cloudy_chance = 0.04 + 0.32 * (1.0 - warmth(f64::from(date.ordinal0())));
        let pick = unit(bits);
        let level = unit(mix64(bits));
        if pick < cloudy_chance {
            0.25 + 0.45 * level
        } else {
            0.9 + 0.1 * level
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn cos_pi_is_accurate() {
        for i in 0..=1000 {
            let x = f64::from(i) / 1000.0;
            assert!((cos_pi(x) - (PI * x).cos()).abs() < 1e-8, "x = {x}");
        }
    }

    #[test]
    fn daily_cycle_is_coolest_at_five_and_warmest_at_three() {
        assert!((daily_cycle(5.0) + 1.0).abs() < 1e-12);
        assert!((daily_cycle(15.0) - 1.0).abs() < 1e-12);
        let samples: Vec<f64> = (0..2400)
            .map(|i| daily_cycle(f64::from(i) / 100.0))
            .collect();
        let mean = samples.iter().sum::<f64>() / samples.len() as f64;
        assert!(mean.abs() < 0.01, "daily cycle mean {mean}");
        // Continuous across midnight and the turning points.
        for pair in samples.windows(2) {
            assert!((pair[0] - pair[1]).abs() < 0.01);
        }
    }

    #[test]
    fn seasonal_means_match_nicosia() {
        assert!((Weather::seasonal_mean(date(2025, 1, 20)) - 11.0).abs() < 0.2);
        assert!((Weather::seasonal_mean(date(2025, 7, 22)) - 29.0).abs() < 0.2);
        assert!(Weather::seasonal_mean(date(2025, 8, 15)) > 28.0);
    }

    #[test]
    fn weather_is_seeded_and_continuous() {
        let a = Weather::new(1);
        let b = Weather::new(1);
        let c = Weather::new(2);
        let d = date(2025, 6, 1);
        assert_eq!(a.temperature(d, 13.25), b.temperature(d, 13.25));
        assert_ne!(a.temperature(d, 13.25), c.temperature(d, 13.25));
        // No jump from 23:59 to 00:00 of the next day.
        let late = a.temperature(d, 23.999);
        let early = a.temperature(date(2025, 6, 2), 0.0);
        assert!((late - early).abs() < 0.05, "{late} vs {early}");
    }

    #[test]
    fn clearness_is_mostly_sunny_in_summer() {
        let w = Weather::new(7);
        let summer: Vec<f64> = (0..60)
            .map(|i| w.clearness(date(2025, 6, 15) + chrono::Days::new(i)))
            .collect();
        let winter: Vec<f64> = (0..60)
            .map(|i| w.clearness(date(2025, 12, 1) + chrono::Days::new(i)))
            .collect();
        let sunny = |v: &[f64]| v.iter().filter(|&&c| c >= 0.9).count();
        assert!(sunny(&summer) >= 52, "summer sunny days {}", sunny(&summer));
        assert!(sunny(&winter) < sunny(&summer));
        assert!(
            summer
                .iter()
                .chain(&winter)
                .all(|c| (0.25..=1.0).contains(c))
        );
    }
}
