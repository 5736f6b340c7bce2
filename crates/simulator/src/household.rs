//! Household profiles: who lives there and which appliances they have, drawn once per index.

use crate::rng::{SplitMix64, Stream};

/// A bump in demand around a local time of day, shaped as a smooth biweight kernel
/// `height · (1 − x²)²` with `x = (hour − centre) / half_width`, zero beyond the half-width.
/// Compact support keeps the night quiet and costs no `exp` in the hot loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Peak {
    /// Local wall-clock hour of the top of the bump (e.g. 19.75 for 19:45).
    pub centre_hour: f64,
    /// Hours from the centre to where the bump reaches zero.
    pub half_width_hours: f64,
    /// Extra demand at the centre (W).
    pub height_w: f64,
}

impl Peak {
    /// Demand (W) this bump adds at a local hour.
    #[inline]
    pub(crate) fn at(&self, hour: f64) -> f64 {
        let x = (hour - self.centre_hour) / self.half_width_hours;
        if x.abs() >= 1.0 {
            0.0
        } else {
            let y = 1.0 - x * x;
            self.height_w * y * y
        }
    }

    /// Energy (kWh) of the whole bump, for reasoning about daily totals.
    pub fn energy_kwh(&self) -> f64 {
        self.height_w / 1000.0 * self.half_width_hours * 16.0 / 15.0
    }
}

/// One simulated household: its size and the parameters of its demand model. Drawn from the seed
/// and the index alone (see [`crate::Simulator::household`]), so household 123,456 is the same
/// whether the population has 1,000 or 500,000 households.
///
/// Fields are public to read (a demo may show "4 persons, 2 AC units, 4.1 kWp PV"); the type is
/// `non_exhaustive` so only the simulator builds one.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Household {
    /// The index it was drawn for; also the number in its meter id.
    pub index: u64,
    /// Persons living there, 1–6 (Cypriot average about 2.7).
    pub persons: u8,
    /// Always-on demand (W): fridge, freezer, router, standby, pumps. 80–400 W, growing with size.
    pub base_load_w: f64,
    /// Getting ready on a weekday: showers, kettle, breakfast, around 06:30–09:00.
    pub weekday_morning: Peak,
    /// The same on weekends and holidays: later and flatter.
    pub weekend_morning: Peak,
    /// Cooking, lights, TV, washing: the day's largest bump, around 18:00–22:00.
    pub evening: Peak,
    /// Daytime demand while most members are out on a weekday (W, plateau 09:00–17:00).
    pub weekday_daytime_w: f64,
    /// Lunch and being at home on weekends and holidays (a bump around 13:00–14:00).
    pub weekend_midday: Peak,
    /// Split air-conditioning units, 0–3 (most Cypriot homes have at least one).
    pub ac_units: u8,
    /// Electrical draw of one unit at full duty (kW), about 1–1.5 kW for a 12,000–18,000 BTU split.
    pub ac_unit_kw: f64,
    /// Indoor-relevant temperature (°C) above which they cool, 24–27 °C.
    pub comfort_c: f64,
    /// How freely they run the AC, a multiplier around 1 (0.6 frugal, 1.5 lavish).
    pub ac_habit: f64,
    /// Electric heating capacity (kW): 0 for most (oil/LPG heating or none), 0.8–2 kW otherwise.
    pub heating_kw: f64,
    /// Temperature (°C) below which they heat, 14–18 °C.
    pub heating_below_c: f64,
    /// Rooftop PV behind the meter (kWp): 0, or 3–5 kWp for the PV share.
    pub pv_kwp: f64,
    /// Expected runs per day of big appliances (washing machine, oven, dishwasher, iron,
    /// immersion water heater) that sit on top of the smooth shape.
    pub appliance_runs_per_day: f64,
}

/// Cumulative probability of 1..=6 persons (Cyprus census: about 2.7 persons per household).
const PERSONS_CDF: [f64; 6] = [0.20, 0.50, 0.70, 0.90, 0.98, 1.0];
/// Cumulative probability of 0..=3 AC units.
const AC_UNITS_CDF: [f64; 4] = [0.08, 0.33, 0.70, 1.0];
/// Share of households that heat with electricity (heat-pump mode of the AC or heaters).
const ELECTRIC_HEATING_SHARE: f64 = 0.4;

/// Draws household `index` of a programme `seed`. Every draw is always made, in a fixed order,
/// so that changing a share (say PV from 15 % to 100 %) changes only that feature.
pub(crate) fn draw(seed: u64, index: u64, pv_share: f64) -> Household {
    let mut rng = SplitMix64::for_key(seed, Stream::Household, &[index]);
    let u = rng.uniform();
    let persons = PERSONS_CDF.iter().position(|&p| u < p).unwrap_or(5) as u8 + 1;
    let size = f64::from(persons);
    // Activity grows less than linearly with size: people share the cooker and the lights.
    let scale = (size / 2.7).powf(0.6);
    let lognormal = |rng: &mut SplitMix64, sigma: f64| (sigma * rng.normal()).exp();

    let base_load_w = ((60.0 + 42.0 * size) * lognormal(&mut rng, 0.25)).clamp(80.0, 400.0);

    let morning_centre = rng.range(6.9, 8.0);
    let morning_height = 520.0 * scale * lognormal(&mut rng, 0.3);
    let weekday_morning = Peak {
        centre_hour: morning_centre,
        half_width_hours: rng.range(0.9, 1.4),
        height_w: morning_height,
    };
    let weekend_morning = Peak {
        centre_hour: morning_centre + rng.range(1.0, 2.0),
        half_width_hours: weekday_morning.half_width_hours * 1.6,
        height_w: morning_height * 0.65,
    };
    let evening = Peak {
        centre_hour: rng.range(19.2, 20.6),
        half_width_hours: rng.range(2.3, 3.0),
        height_w: 1050.0 * scale * lognormal(&mut rng, 0.3),
    };
    let weekday_daytime_w = 170.0 * scale * lognormal(&mut rng, 0.5);
    let weekend_midday = Peak {
        centre_hour: rng.range(12.8, 14.2),
        half_width_hours: rng.range(2.0, 3.0),
        height_w: 480.0 * scale * lognormal(&mut rng, 0.3),
    };

    let u = rng.uniform();
    let ac_units = AC_UNITS_CDF.iter().position(|&p| u < p).unwrap_or(3) as u8;
    let ac_unit_kw = rng.range(1.0, 1.5);
    let comfort_c = rng.range(24.0, 27.0);
    let ac_habit = lognormal(&mut rng, 0.25);

    let heats = rng.chance(ELECTRIC_HEATING_SHARE);
    let heating_capacity = rng.range(0.8, 2.0);
    let heating_below_c = rng.range(14.0, 18.0);

    let has_pv = rng.chance(pv_share);
    let pv_size = rng.range(3.0, 5.0);

    let appliance_runs_per_day = (0.5 + 0.22 * size) * rng.range(0.7, 1.3);

    Household {
        index,
        persons,
        base_load_w,
        weekday_morning,
        weekend_morning,
        evening,
        weekday_daytime_w,
        weekend_midday,
        ac_units,
        ac_unit_kw,
        comfort_c,
        ac_habit,
        heating_kw: if heats { heating_capacity } else { 0.0 },
        heating_below_c,
        pv_kwp: if has_pv { pv_size } else { 0.0 },
        appliance_runs_per_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn households_are_deterministic_and_distinct() {
        assert_eq!(draw(1, 10, 0.15), draw(1, 10, 0.15));
        assert_ne!(draw(1, 10, 0.15), draw(1, 11, 0.15));
        assert_ne!(draw(1, 10, 0.15), draw(2, 10, 0.15));
    }

    #[test]
    fn pv_share_changes_only_pv() {
        for index in 0..200 {
            let without = draw(5, index, 0.0);
            let with = draw(5, index, 1.0);
            assert_eq!(without.pv_kwp, 0.0);
            assert!((3.0..5.0).contains(&with.pv_kwp));
            assert_eq!(
                Household {
                    pv_kwp: 0.0,
                    ..with
                },
                without
            );
        }
    }

    #[test]
    fn parameters_stay_in_their_ranges() {
        let all: Vec<Household> = (0..5_000).map(|i| draw(9, i, 0.15)).collect();
        for h in &all {
            assert!((1..=6).contains(&h.persons));
            assert!((80.0..=400.0).contains(&h.base_load_w));
            assert!(h.ac_units <= 3);
            assert!((24.0..27.0).contains(&h.comfort_c));
            assert!(h.evening.height_w > 0.0 && h.weekday_morning.height_w > 0.0);
            assert!((6.0..=9.0).contains(&h.weekday_morning.centre_hour));
            assert!((18.0..=22.0).contains(&h.evening.centre_hour));
        }
        let mean_persons = all.iter().map(|h| f64::from(h.persons)).sum::<f64>() / 5_000.0;
        assert!(
            (2.5..3.0).contains(&mean_persons),
            "mean size {mean_persons}"
        );
        let pv = all.iter().filter(|h| h.pv_kwp > 0.0).count();
        assert!((600..900).contains(&pv), "{pv} PV households of 5,000");
        // Bigger households have a bigger base load on average.
        let mean_base = |n: u8| {
            let v: Vec<f64> = all
                .iter()
                .filter(|h| h.persons == n)
                .map(|h| h.base_load_w)
                .collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        assert!(mean_base(5) > mean_base(1) + 100.0);
    }

    #[test]
    fn the_evening_bump_outweighs_the_morning_one() {
        let (mut evening, mut morning) = (0.0, 0.0);
        for i in 0..1_000 {
            let h = draw(3, i, 0.15);
            evening += h.evening.energy_kwh();
            morning += h.weekday_morning.energy_kwh();
        }
        assert!(evening > 2.5 * morning);
    }

    #[test]
    fn peak_shape_is_zero_outside_and_full_at_the_centre() {
        let p = Peak {
            centre_hour: 20.0,
            half_width_hours: 2.0,
            height_w: 1000.0,
        };
        assert_eq!(p.at(20.0), 1000.0);
        assert_eq!(p.at(17.9), 0.0);
        assert_eq!(p.at(22.0), 0.0);
        assert!(p.at(21.0) > 0.0 && p.at(21.0) < 1000.0);
        let numeric: f64 = (0..2400)
            .map(|i| p.at(f64::from(i) / 100.0) / 100.0)
            .sum::<f64>()
            / 1000.0;
        assert!((numeric - p.energy_kwh()).abs() < 1e-3);
    }
}
