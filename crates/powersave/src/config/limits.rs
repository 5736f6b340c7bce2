//! The limits every reading is checked against, from the configuration (docs/RULES.md § Meter
//! data).

use chrono::TimeZone;
use domain::reading::{OldestReading, ReadingLimits};

use super::Config;

impl Config {
    /// Validation limits of readings: nothing before the programme's start (its local
    /// midnight) when one is configured, otherwise nothing older than `max_reading_age_days`.
    pub fn reading_limits(&self) -> ReadingLimits {
        let start = self.programme.start.and_then(|day| {
            self.time_zone()
                .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
                .earliest()
                .map(|local| local.with_timezone(&chrono::Utc))
        });
        ReadingLimits {
            max_kwh_per_15_minutes: self.meter_data.max_kwh_per_15_minutes,
            oldest: start.map_or_else(
                || {
                    OldestReading::MaxAge(chrono::Duration::days(i64::from(
                        self.meter_data.max_reading_age_days,
                    )))
                },
                OldestReading::Since,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, Utc};

    use super::*;
    use crate::feeds::SimulatorFeedConfig;

    #[test]
    fn readings_are_taken_for_three_years_or_from_the_programme_start() {
        let config = Config::default();
        assert_eq!(
            config.reading_limits().oldest,
            OldestReading::MaxAge(Duration::days(1095))
        );
        let mut started = Config::default();
        started.programme.start = NaiveDate::from_ymd_opt(2026, 3, 1);
        // Local midnight in Nicosia, two hours ahead of UTC in winter.
        let midnight = Utc.with_ymd_and_hms(2026, 2, 28, 22, 0, 0).unwrap();
        assert_eq!(
            started.reading_limits().oldest,
            OldestReading::Since(midnight)
        );
        started.meter_data.max_reading_age_days = 10;
        assert_eq!(
            started.reading_limits().oldest,
            OldestReading::Since(midnight),
            "the programme's start wins"
        );
    }

    #[test]
    fn the_simulator_runs_only_when_asked() {
        let unset = SimulatorFeedConfig::default();
        assert!(!unset.is_enabled(false), "not without --demo");
        assert!(unset.is_enabled(true), "with --demo");
        let on = SimulatorFeedConfig {
            enabled: Some(true),
            ..SimulatorFeedConfig::default()
        };
        assert!(on.is_enabled(false));
        let off = SimulatorFeedConfig {
            enabled: Some(false),
            ..SimulatorFeedConfig::default()
        };
        assert!(!off.is_enabled(true));
    }
}
