//! Properties that hold for every seed, household, date and interval length.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use proptest::prelude::*;
use simulator::{IntervalLength, Simulator, SimulatorConfig};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_value_is_whole_wh_finite_and_non_negative(
        seed in any::<u64>(),
        index in 0u64..10_000_000,
        day in 0i64..(365 * 12),
        half_hourly in any::<bool>(),
        pv_share in 0.0f64..=1.0,
        noise in 0.0f64..=1.0,
    ) {
        let interval = if half_hourly { IntervalLength::ThirtyMinutes } else { IntervalLength::FifteenMinutes };
        let sim = Simulator::new(SimulatorConfig { seed, interval, pv_share, noise, ..SimulatorConfig::default() });
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let profile = sim.day(&sim.household(index), date);
        let per_hour = 60 / interval.minutes() as usize;
        prop_assert!([23 * per_hour, 24 * per_hour, 25 * per_hour].contains(&profile.len()));
        prop_assert_eq!(profile.start().timestamp() % interval.seconds(), 0);
        for &kwh in profile.kwh() {
            prop_assert!(kwh.is_finite() && kwh >= 0.0);
            prop_assert!(((kwh * 1000.0).round() - kwh * 1000.0).abs() < 1e-6);
            // Nothing a household could draw through a 63 A single-phase supply (14.5 kW).
            prop_assert!(kwh <= 14.5 * interval.hours());
        }
    }

    #[test]
    fn out_of_range_settings_are_tamed(
        pv_share in prop::num::f64::ANY,
        vacant in prop::num::f64::ANY,
        noise in prop::num::f64::ANY,
    ) {
        let sim = Simulator::new(SimulatorConfig { pv_share, vacant_day_share: vacant, noise, ..SimulatorConfig::default() });
        let config = sim.config();
        prop_assert!((0.0..=1.0).contains(&config.pv_share));
        prop_assert!((0.0..=1.0).contains(&config.vacant_day_share));
        prop_assert!((0.0..=1.0).contains(&config.noise));
        let day = sim.day(&sim.household(1), NaiveDate::from_ymd_opt(2025, 8, 1).unwrap());
        prop_assert!(day.kwh().iter().all(|v| v.is_finite() && *v >= 0.0));
    }
}
