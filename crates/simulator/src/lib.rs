//! Realistic, seeded household load profiles for demos, tests and benchmarks.
//!
//! A pure library: no I/O, no clock, no threads. Everything derives from a
//! [`SimulatorConfig`] (above all its `seed`), so the same configuration always yields the same
//! data, and any household on any day can be generated alone, in any order, on any thread.
//!
//! # API
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use simulator::{Simulator, SimulatorConfig};
//!
//! let sim = Simulator::new(SimulatorConfig { seed: 7, ..SimulatorConfig::default() });
//!
//! // A whole local day of one household (what a CSV export or a benchmark wants).
//! let household = sim.household(1);
//! let day = sim.day(&household, NaiveDate::from_ymd_opt(2025, 7, 15).unwrap());
//! assert_eq!(day.len(), 96);
//! for (start, kwh) in day.intervals() {
//!     assert!(start.timestamp() % 900 == 0 && kwh >= 0.0);
//! }
//!
//! // Readings in time order across days (what a live feed wants).
//! let from = Utc.with_ymd_and_hms(2025, 7, 15, 10, 0, 0).unwrap();
//! let to = Utc.with_ymd_and_hms(2025, 7, 15, 11, 0, 0).unwrap();
//! let readings: Vec<_> = sim.readings(1, from, to).collect();
//! assert_eq!(readings.len(), 4);
//! assert_eq!(Simulator::meter_id(1), "CY-SIM-0000001");
//!
//! // The programme's outdoor temperature, for temperature-aware baselines.
//! let celsius = sim.temperature_at(from);
//! assert!(celsius > 20.0 && celsius < 45.0);
//! ```
//!
//! - [`Simulator::new`]`(SimulatorConfig) -> Simulator`
//! - [`Simulator::household`]`(&self, index: u64) -> Household` — the profile of one household
//! - [`Simulator::household_indices`]`(&self) -> RangeInclusive<u64>` — `1..=households`
//! - [`Simulator::day`]`(&self, &Household, NaiveDate) -> DayProfile` — one local day, 23–25 h
//! - [`Simulator::readings`]`(&self, index, from, to) -> Readings` — `Iterator<Item = Reading>`
//! - [`Simulator::temperature_at`]`(&self, DateTime<Utc>) -> f64` — °C
//! - [`Simulator::meter_id`]`(index) -> String` and [`Simulator::household_index`]`(&str)`
//! - [`cyprus_public_holidays`]`(year) -> Vec<NaiveDate>`
//!
//! Guarantees: values are kWh of an import meter (finite, ≥ 0, whole Wh); interval starts are
//! UTC and aligned to the interval length; a local day in Europe/Nicosia has 92, 96 or 100
//! quarter-hours; the output for (configuration, household index, date) never depends on what
//! else was generated. The model and its parameters are described in `docs/SIMULATOR.md`.

mod calendar;
mod config;
mod day;
mod household;
mod readings;
mod rng;
mod sun;
mod temperature;

use std::ops::RangeInclusive;

use chrono::{DateTime, NaiveDate, Timelike, Utc};

pub use config::{IntervalLength, SimulatorConfig};
pub use day::DayProfile;
pub use domain::calendar::cyprus_public_holidays;
pub use household::{Household, Peak};
pub use readings::{Reading, Readings};

use calendar::DayFrame;
use day::DayInputs;
use temperature::Weather;

/// Prefix of simulated meter ids, so that simulated data can never be mistaken for a real
/// utility meter.
const METER_ID_PREFIX: &str = "CY-SIM-";

/// A seeded population of households and the weather they live in.
#[derive(Debug, Clone)]
pub struct Simulator {
    config: SimulatorConfig,
    weather: Weather,
}

impl Simulator {
    /// Builds a simulator; out-of-range shares and noise are clamped (see [`SimulatorConfig`]).
    /// Cheap: nothing is generated until asked for.
    pub fn new(config: SimulatorConfig) -> Self {
        let config = config.sanitised();
        let weather = Weather::new(config.seed);
        Self { config, weather }
    }

    /// The configuration in effect (after clamping), so a dataset can record its recipe.
    pub fn config(&self) -> &SimulatorConfig {
        &self.config
    }

    /// Indices of the configured population, `1..=households`, so that meter ids start at
    /// `CY-SIM-0000001`. Any other index works too; this is only the conventional population.
    pub fn household_indices(&self) -> RangeInclusive<u64> {
        1..=self.config.households
    }

    /// The profile of household `index`: a function of the seed and the index only, never of how
    /// many households exist or which were generated before.
    pub fn household(&self, index: u64) -> Household {
        household::draw(self.config.seed, index, self.config.pv_share)
    }

    /// Energy the household imports in each interval of a local date (in the programme's time
    /// zone): 92, 96 or 100 quarter-hours in Europe/Nicosia. Deterministic for (seed, household,
    /// date); days are independent, so a range of days can be generated in parallel.
    pub fn day(&self, household: &Household, date: NaiveDate) -> DayProfile {
        let frame = DayFrame::new(
            self.config.time_zone,
            date,
            self.config.interval,
            &self.config.holidays,
        );
        let inputs = DayInputs {
            seed: self.config.seed,
            noise: self.config.noise,
            vacant_day_share: self.config.vacant_day_share,
            weather: &self.weather,
        };
        day::simulate(&inputs, household, &frame)
    }

    /// The readings of one household whose interval starts lie in `[from, to)`, in time order,
    /// generated a day at a time. The values equal those of [`Simulator::day`].
    pub fn readings(
        &self,
        household_index: u64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Readings<'_> {
        Readings::new(self, self.household(household_index), from, to)
    }

    /// The programme's outdoor temperature (°C) at an instant: Nicosia's seasonal and daily
    /// cycle plus seeded day-to-day weather. The same for every household; it is the series the
    /// air-conditioning and heating of [`Simulator::day`] respond to.
    pub fn temperature_at(&self, utc: DateTime<Utc>) -> f64 {
        let local = utc.with_timezone(&self.config.time_zone);
        let time = local.time();
        let hour = f64::from(time.num_seconds_from_midnight()) / 3_600.0
            + f64::from(time.nanosecond().min(999_999_999)) / 3.6e12;
        self.weather.temperature(local.date_naive(), hour)
    }

    /// The meter id of household `index`, e.g. `CY-SIM-0000042`: uppercase letters, digits and
    /// dashes only, so it passes any meter-id validation unchanged.
    pub fn meter_id(index: u64) -> String {
        format!("{METER_ID_PREFIX}{index:07}")
    }

    /// The household index of a simulated meter id (inverse of [`Simulator::meter_id`]), so that a
    /// feed can be traced back to its profile. `None` for any other id.
    pub fn household_index(meter_id: &str) -> Option<u64> {
        let digits = meter_id.strip_prefix(METER_ID_PREFIX)?;
        if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let index: u64 = digits.parse().ok()?;
        (Self::meter_id(index) == meter_id).then_some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meter_ids_round_trip_and_use_safe_characters() {
        for index in [0, 1, 42, 9_999_999, 12_345_678, u64::MAX] {
            let id = Simulator::meter_id(index);
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
            );
            assert_eq!(Simulator::household_index(&id), Some(index));
        }
        assert_eq!(Simulator::meter_id(1), "CY-SIM-0000001");
        assert_eq!(Simulator::household_index("CY-SIM-001"), None);
        assert_eq!(Simulator::household_index("CY-SIM-00000001"), None);
        assert_eq!(Simulator::household_index("CY-SIM-000000a"), None);
        assert_eq!(Simulator::household_index("XX-0000001"), None);
    }

    #[test]
    fn a_simulator_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Simulator>();
        shareable::<Household>();
        shareable::<DayProfile>();
    }

    #[test]
    fn the_population_starts_at_one() {
        let sim = Simulator::new(SimulatorConfig {
            households: 3,
            ..SimulatorConfig::default()
        });
        assert_eq!(sim.household_indices().collect::<Vec<_>>(), vec![1, 2, 3]);
    }
}
