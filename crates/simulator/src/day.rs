//! One household's local day: the load model evaluated interval by interval.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::IntervalLength;
use crate::calendar::DayFrame;
use crate::household::Household;
use crate::rng::{SplitMix64, Stream};
use crate::sun::SunDay;
use crate::temperature::Weather;

/// A household's imported energy for every interval of one local day, as its meter reports it.
///
/// Interval `i` starts at `start() + i × interval()` in UTC; the day has 92, 96 or 100
/// quarter-hours in Europe/Nicosia (23-, 24- and 25-hour days). Every value is finite, ≥ 0 and a
/// whole number of Wh, because the meter counts imported energy in Wh.
#[derive(Debug, Clone, PartialEq)]
pub struct DayProfile {
    date: NaiveDate,
    start_ts: i64,
    interval: IntervalLength,
    kwh: Vec<f64>,
}

impl DayProfile {
    /// The local date this profile covers.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The reading interval.
    pub fn interval(&self) -> IntervalLength {
        self.interval
    }

    /// UTC start of the first interval: local midnight (aligned to the interval in UTC).
    pub fn start(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.start_ts, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// UTC end of the last interval, which is the next local day's start.
    pub fn end(&self) -> DateTime<Utc> {
        self.interval_start_ts(self.kwh.len())
            .and_then(|ts| DateTime::from_timestamp(ts, 0))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Number of intervals (96 on an ordinary day at 15 minutes).
    pub fn len(&self) -> usize {
        self.kwh.len()
    }

    /// Whether the day has no intervals (only at the ends of the representable calendar).
    pub fn is_empty(&self) -> bool {
        self.kwh.is_empty()
    }

    /// Energy imported in each interval (kWh), in time order.
    pub fn kwh(&self) -> &[f64] {
        &self.kwh
    }

    /// UTC start of interval `i`, or `None` past the end of the day.
    pub fn interval_start(&self, i: usize) -> Option<DateTime<Utc>> {
        if i < self.kwh.len() {
            self.interval_start_ts(i)
                .and_then(|ts| DateTime::from_timestamp(ts, 0))
        } else {
            None
        }
    }

    /// `(interval start in UTC, kWh)` for every interval, in time order.
    pub fn intervals(&self) -> impl Iterator<Item = (DateTime<Utc>, f64)> + '_ {
        self.kwh
            .iter()
            .enumerate()
            .filter_map(|(i, &kwh)| Some((self.interval_start(i)?, kwh)))
    }

    /// Energy imported over the whole day (kWh).
    pub fn total_kwh(&self) -> f64 {
        self.kwh.iter().sum()
    }

    fn interval_start_ts(&self, i: usize) -> Option<i64> {
        let i = i64::try_from(i).ok()?;
        self.start_ts
            .checked_add(i.checked_mul(self.interval.seconds())?)
    }
}

/// Share of cooling demand actually switched on, per local hour, on weekdays and on rest days:
/// bedrooms at night, an empty flat in the working day, everyone home in the evening.
const COOLING_WEEKDAY: [f64; 24] = [
    0.55, 0.55, 0.5, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.25, 0.25, 0.3, 0.3, 0.3, 0.35, 0.45, 0.6,
    0.75, 0.85, 0.9, 0.9, 0.9, 0.8, 0.65,
];
const COOLING_REST_DAY: [f64; 24] = [
    0.55, 0.55, 0.5, 0.5, 0.45, 0.4, 0.35, 0.3, 0.35, 0.45, 0.55, 0.65, 0.7, 0.75, 0.75, 0.75,
    0.75, 0.8, 0.85, 0.9, 0.9, 0.9, 0.8, 0.65,
];
/// The same for electric heating: mornings and evenings, little at night.
const HEATING_WEEKDAY: [f64; 24] = [
    0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 0.7, 0.5, 0.2, 0.15, 0.15, 0.15, 0.15, 0.2, 0.25, 0.4, 0.65,
    0.8, 0.85, 0.85, 0.75, 0.5, 0.25,
];
const HEATING_REST_DAY: [f64; 24] = [
    0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.6, 0.6, 0.5, 0.45, 0.45, 0.45, 0.45, 0.5, 0.6, 0.7,
    0.8, 0.85, 0.85, 0.75, 0.5, 0.25,
];
/// Temperature span (K) over which cooling/heating goes from off to full duty.
const COOLING_SPAN_K: f64 = 8.0;
const HEATING_SPAN_K: f64 = 9.0;
/// Indoor conditions follow today's air with a lag: mix of the current outdoor temperature and
/// the day's mean (buildings store heat, so nights stay warm indoors in summer).
const CURRENT_WEIGHT: f64 = 0.6;
/// Day-to-day variation of how busy the household is (log-scale standard deviation).
const DAY_ACTIVITY_SIGMA: f64 = 0.12;
/// What a home can draw at most (kW): a single-phase 63 A supply at 230 V is 14.5 kW. Even
/// extreme noise settings never produce a reading a meter-data system would reject as impossible.
const SUPPLY_LIMIT_KW: f64 = 14.0;
/// At most this many big-appliance runs a day.
const MAX_RUNS: usize = 8;

/// Linear interpolation in an hourly table whose values sit at the middle of each hour.
#[inline]
fn hourly(table: &[f64; 24], hour: f64) -> f64 {
    // Shifted by a day so that truncation is flooring (no libm call in the hot loop).
    let x = (hour + 23.5).max(0.0);
    let lo = x as usize;
    let frac = x - lo as f64;
    let i = lo % 24;
    let j = (i + 1) % 24;
    table[i] + (table[j] - table[i]) * frac
}

/// 0 before `from`, 1 after `to`, linear in between.
#[inline]
fn ramp(hour: f64, from: f64, to: f64) -> f64 {
    ((hour - from) / (to - from)).clamp(0.0, 1.0)
}

/// A big-appliance run: local hours and power.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    from: f64,
    to: f64,
    kw: f64,
}

fn draw_runs(
    rng: &mut SplitMix64,
    household: &Household,
    rest_day: bool,
    coldness: f64,
) -> ([Run; MAX_RUNS], usize) {
    let mut runs = [Run::default(); MAX_RUNS];
    // More runs in winter: the immersion heater backs up the solar water heater.
    let expected = household.appliance_runs_per_day * (1.0 + 0.5 * coldness);
    let count = ((expected + rng.uniform()).floor() as usize).min(MAX_RUNS);
    for run in runs.iter_mut().take(count) {
        let u = rng.uniform();
        let start = match (rest_day, u) {
            (false, u) if u < 0.3 => rng.range(6.3, 8.8),
            (false, u) if u < 0.75 => rng.range(17.0, 22.5),
            (false, _) => rng.range(9.0, 17.0),
            (true, u) if u < 0.15 => rng.range(8.0, 11.0),
            (true, u) if u < 0.6 => rng.range(10.0, 17.0),
            (true, _) => rng.range(17.0, 22.5),
        };
        let hours = rng.range(0.33, 1.5);
        *run = Run {
            from: start,
            to: start + hours,
            kw: rng.range(0.8, 2.2),
        };
    }
    (runs, count)
}

/// Everything of the programme a day needs besides the household.
pub(crate) struct DayInputs<'a> {
    pub(crate) seed: u64,
    pub(crate) noise: f64,
    pub(crate) vacant_day_share: f64,
    pub(crate) weather: &'a Weather,
}

/// Evaluates the load model for one household over one laid-out local day.
pub(crate) fn simulate(
    inputs: &DayInputs<'_>,
    household: &Household,
    frame: &DayFrame,
) -> DayProfile {
    let date = frame.date;
    let mut rng = SplitMix64::for_key(
        inputs.seed,
        Stream::Day,
        &[household.index, date.num_days_from_ce() as u64],
    );
    // Fixed order of draws, so that one feature's settings never shift another's randomness.
    let vacant = rng.chance(inputs.vacant_day_share);
    let activity = (DAY_ACTIVITY_SIGMA * rng.normal()).exp();
    let seasonal_mean = Weather::seasonal_mean(date);
    let coldness = ((20.0 - seasonal_mean) / 9.0).clamp(0.0, 1.0);
    let warmth = ((seasonal_mean - 20.0) / 9.0).clamp(0.0, 1.0);
    let (runs, run_count) = draw_runs(&mut rng, household, frame.rest_day, coldness);
    let runs = &runs[..run_count];

    let weather = inputs.weather;
    let temperatures = weather.day(date);
    let daily_mean = temperatures.daily_mean();
    let sun = (household.pv_kwp > 0.0).then(|| (SunDay::new(date), weather.clearness(date)));
    let (morning, cooling_table, heating_table) = if frame.rest_day {
        (
            &household.weekend_morning,
            &COOLING_REST_DAY,
            &HEATING_REST_DAY,
        )
    } else {
        (
            &household.weekday_morning,
            &COOLING_WEEKDAY,
            &HEATING_WEEKDAY,
        )
    };
    // Later dinners in summer, earlier lights in winter.
    let mut evening = household.evening;
    evening.centre_hour += 0.6 * warmth - 0.4 * coldness;
    let cooling_kw = f64::from(household.ac_units) * household.ac_unit_kw * household.ac_habit;
    let sigma = if vacant {
        0.5 * inputs.noise
    } else {
        inputs.noise
    };
    let noise_bias = -0.5 * sigma * sigma;
    let hours = frame.interval.hours();
    let base_kw = household.base_load_w / 1000.0;

    let mut kwh = Vec::with_capacity(frame.count);
    for i in 0..frame.count {
        let hour = frame.local_hour(i);
        let mut kw = base_kw;
        if !vacant {
            let daytime = if frame.rest_day {
                household.weekend_midday.at(hour)
                    + 0.5
                        * household.weekday_daytime_w
                        * ramp(hour, 9.0, 11.0)
                        * ramp(-hour, -22.0, -18.0)
            } else {
                household.weekday_daytime_w * ramp(hour, 8.5, 9.5) * ramp(-hour, -17.5, -16.5)
            };
            let behaviour_w = morning.at(hour) + evening.at(hour) + daytime;
            kw += activity * behaviour_w / 1000.0;

            let outdoor = temperatures.at(hour);
            let felt = CURRENT_WEIGHT * outdoor + (1.0 - CURRENT_WEIGHT) * daily_mean;
            if cooling_kw > 0.0 && felt > household.comfort_c {
                let duty = ((felt - household.comfort_c) / COOLING_SPAN_K).min(1.0);
                kw += cooling_kw * duty * hourly(cooling_table, hour);
            }
            if household.heating_kw > 0.0 && felt < household.heating_below_c {
                let duty = ((household.heating_below_c - felt) / HEATING_SPAN_K).min(1.0);
                kw += household.heating_kw * duty * hourly(heating_table, hour);
            }

            let (lo, hi) = (hour - hours / 2.0, hour + hours / 2.0);
            for run in runs {
                let overlap = hi.min(run.to) - lo.max(run.from);
                if overlap > 0.0 {
                    kw += run.kw * overlap / hours;
                }
            }
        }
        if sigma > 0.0 {
            kw *= (sigma * rng.normal() + noise_bias).exp();
        }
        kw = kw.min(SUPPLY_LIMIT_KW);
        if let Some((sun, clearness)) = &sun {
            kw -= household.pv_kwp * clearness * sun.pv_kw_per_kwp(frame.utc_hour(i));
        }
        // An import meter: export is not counted here, and it reports whole Wh (rounded half
        // up by truncation, which is cheaper than `round` in the hot loop).
        let wh = kw * hours * 1000.0 + 0.5;
        kwh.push(if wh >= 1.0 && wh.is_finite() {
            (wh as u64) as f64 / 1000.0
        } else {
            0.0
        });
    }
    DayProfile {
        date,
        start_ts: frame.start_ts,
        interval: frame.interval,
        kwh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hourly_tables_interpolate_and_wrap() {
        let mut table = [0.0; 24];
        table[23] = 1.0;
        assert_eq!(hourly(&table, 23.5), 1.0);
        assert!((hourly(&table, 0.0) - 0.5).abs() < 1e-12);
        assert_eq!(hourly(&table, 12.0), 0.0);
        assert!((hourly(&COOLING_WEEKDAY, 20.5) - 0.9).abs() < 1e-12);
    }

    #[test]
    fn ramps_clamp() {
        assert_eq!(ramp(8.0, 8.5, 9.5), 0.0);
        assert_eq!(ramp(9.0, 8.5, 9.5), 0.5);
        assert_eq!(ramp(12.0, 8.5, 9.5), 1.0);
    }
}
