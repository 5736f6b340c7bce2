//! What a simulated programme looks like: where, how many households, which seed, which mix.

use chrono::NaiveDate;
use chrono_tz::Tz;

/// The length of one meter reading interval. Only 15 and 30 minutes exist because those are the
/// billing-grade lengths meters report, and both divide the 30-minute settlement period exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum IntervalLength {
    /// Quarter-hourly readings (96 a normal day): what Cyprus smart meters record.
    #[default]
    FifteenMinutes,
    /// Half-hourly readings (48 a normal day): one per settlement period.
    ThirtyMinutes,
}

impl IntervalLength {
    /// The length in minutes, for arithmetic and for writing it out.
    pub const fn minutes(self) -> u32 {
        match self {
            Self::FifteenMinutes => 15,
            Self::ThirtyMinutes => 30,
        }
    }

    /// The length in seconds, the unit in which interval starts are aligned in UTC.
    pub const fn seconds(self) -> i64 {
        self.minutes() as i64 * 60
    }

    /// The length in hours, to turn an average power in kW into energy in kWh.
    pub const fn hours(self) -> f64 {
        self.minutes() as f64 / 60.0
    }

    /// Accepts 15 or 30 (minutes), so that a command line or config file can name the length.
    pub const fn from_minutes(minutes: u32) -> Option<Self> {
        match minutes {
            15 => Some(Self::FifteenMinutes),
            30 => Some(Self::ThirtyMinutes),
            _ => None,
        }
    }
}

/// Everything that shapes a simulated population. Two simulators with equal configurations produce
/// identical data, so a configuration (above all its `seed`) is the recipe of a dataset.
///
/// Out-of-range numbers are not an error: [`crate::Simulator::new`] clamps shares to `[0, 1]` and
/// the noise level to `[0, 1]`, and replaces NaN with the default, because a demo generator should
/// never refuse to start over a typo in a share.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatorConfig {
    /// The programme's time zone: household behaviour follows local wall-clock time and local
    /// dates, and a local day has 23, 24 or 25 hours. Default `Europe/Nicosia`. The climate and
    /// the sun stay Nicosia's whatever the zone: the simulator models Cyprus.
    pub time_zone: Tz,
    /// How many households the population has ([`crate::Simulator::household_indices`] yields
    /// `1..=households`). Any index can be generated regardless of this number. Default 1,000.
    pub households: u64,
    /// The seed every random choice derives from. Default 2024.
    pub seed: u64,
    /// Share of households with rooftop PV behind the import meter. Default 0.15, an assumption
    /// of roughly one home in seven after years of net-metering schemes in Cyprus.
    pub pv_share: f64,
    /// Share of household-days on which nobody is home (only base load). Default 0.02, about
    /// one week a year of holidays away.
    pub vacant_day_share: f64,
    /// Standard deviation of the multiplicative per-interval noise on household demand (log
    /// scale). Default 0.25: quarter-hour meter data is spiky. 0 gives smooth profiles, apart from
    /// the random appliance runs, which are part of behaviour rather than noise.
    pub noise: f64,
    /// Public holidays, which behave like Sundays. Default: Cyprus public holidays of 2020–2035
    /// ([`crate::cyprus_public_holidays`]).
    pub holidays: Vec<NaiveDate>,
    /// The reading interval. Default 15 minutes.
    pub interval: IntervalLength,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        Self {
            time_zone: chrono_tz::Europe::Nicosia,
            households: 1_000,
            seed: 2024,
            pv_share: 0.15,
            vacant_day_share: 0.02,
            noise: 0.25,
            holidays: (2020..=2035)
                .flat_map(crate::cyprus_public_holidays)
                .collect(),
            interval: IntervalLength::FifteenMinutes,
        }
    }
}

impl SimulatorConfig {
    /// The same configuration with every number forced into its valid range (see the type docs).
    pub(crate) fn sanitised(mut self) -> Self {
        let defaults = Self {
            holidays: Vec::new(),
            ..Self::default()
        };
        self.pv_share = clamp_or(self.pv_share, 0.0, 1.0, defaults.pv_share);
        self.vacant_day_share =
            clamp_or(self.vacant_day_share, 0.0, 1.0, defaults.vacant_day_share);
        self.noise = clamp_or(self.noise, 0.0, 1.0, defaults.noise);
        self.holidays.sort_unstable();
        self.holidays.dedup();
        self
    }
}

fn clamp_or(value: f64, lo: f64, hi: f64, fallback: f64) -> f64 {
    if value.is_nan() {
        fallback
    } else {
        value.clamp(lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_lengths_round_trip() {
        for minutes in [15, 30] {
            let length = IntervalLength::from_minutes(minutes).unwrap();
            assert_eq!(length.minutes(), minutes);
            assert_eq!(length.seconds(), i64::from(minutes) * 60);
        }
        assert_eq!(IntervalLength::from_minutes(5), None);
        assert_eq!(IntervalLength::from_minutes(60), None);
    }

    #[test]
    fn sanitising_clamps_and_replaces_nan() {
        let config = SimulatorConfig {
            pv_share: 1.7,
            vacant_day_share: f64::NAN,
            noise: -0.3,
            holidays: vec![
                NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
            ],
            ..SimulatorConfig::default()
        }
        .sanitised();
        assert_eq!(config.pv_share, 1.0);
        assert_eq!(config.vacant_day_share, 0.02);
        assert_eq!(config.noise, 0.0);
        assert_eq!(config.holidays.len(), 2);
        assert!(config.holidays.is_sorted());
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = SimulatorConfig::default();
        assert_eq!(config.time_zone, chrono_tz::Europe::Nicosia);
        assert_eq!(config.interval, IntervalLength::FifteenMinutes);
        assert!(
            config
                .holidays
                .contains(&NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())
        );
    }
}
