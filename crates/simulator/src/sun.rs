//! Where the sun is over Nicosia, and what a rooftop PV system makes of it.

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

/// Nicosia, for the sun's position. Weather and sun are Nicosia's whatever the time zone.
const LATITUDE_DEG: f64 = 35.17;
const LONGITUDE_DEG: f64 = 33.36;
/// Typical Cypriot rooftop: south-facing, tilted about 27° (flat-roof frames and pitched roofs).
const TILT_DEG: f64 = 27.0;
/// AC output per kWp per 1 kW/m² of plane-of-array irradiance: inverter, wiring, soiling and,
/// above all, hot cells (−0.4 %/K at 60–65 °C in summer).
const PERFORMANCE_RATIO: f64 = 0.78;
/// Extraterrestrial irradiance (kW/m²).
const SOLAR_CONSTANT_KW: f64 = 1.353;

/// The sun's geometry for one day, so that each interval needs one cosine.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SunDay {
    /// `sin φ sin δ` and `cos φ cos δ`: the sun's elevation is `asin(a + b cos ω)`.
    elevation_a: f64,
    elevation_b: f64,
    /// The same for the tilted plane (latitude `φ − β`): incidence on a south-facing panel.
    incidence_a: f64,
    incidence_b: f64,
}

impl SunDay {
    pub(crate) fn new(date: NaiveDate) -> Self {
        let day = f64::from(date.ordinal());
        let declination = (23.44 * PI / 180.0) * (2.0 * PI * (284.0 + day) / 365.0).sin();
        let lat = LATITUDE_DEG.to_radians();
        let plane = (LATITUDE_DEG - TILT_DEG).to_radians();
        Self {
            elevation_a: lat.sin() * declination.sin(),
            elevation_b: lat.cos() * declination.cos(),
            incidence_a: plane.sin() * declination.sin(),
            incidence_b: plane.cos() * declination.cos(),
        }
    }

    /// Clear-sky PV output (kW per kWp) at an instant given as UTC hours since midnight of the
    /// UTC day (any real number; only the time of day matters).
    #[inline]
    pub(crate) fn pv_kw_per_kwp(&self, utc_hours: f64) -> f64 {
        let solar_hours = utc_hours + LONGITUDE_DEG / 15.0;
        let cos_hour_angle = (PI / 12.0 * (solar_hours - 12.0)).cos();
        let sin_elevation = self.elevation_a + self.elevation_b * cos_hour_angle;
        if sin_elevation <= 0.02 {
            return 0.0;
        }
        let cos_incidence = (self.incidence_a + self.incidence_b * cos_hour_angle).max(0.0);
        // Meinel's clear-sky beam attenuation with the air mass 1/sin(elevation), plus a
        // diffuse share of about 18 % of the horizontal beam.
        let air_mass = 1.0 / sin_elevation;
        let beam = SOLAR_CONSTANT_KW * 0.7f64.powf(air_mass.powf(0.678));
        let plane_of_array = beam * (cos_incidence + 0.18 * sin_elevation);
        PERFORMANCE_RATIO * plane_of_array
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daily_yield(date: NaiveDate) -> f64 {
        let sun = SunDay::new(date);
        (0..1440)
            .map(|m| sun.pv_kw_per_kwp(f64::from(m) / 60.0) / 60.0)
            .sum()
    }

    #[test]
    fn clear_sky_yields_are_cypriot() {
        let june = daily_yield(NaiveDate::from_ymd_opt(2025, 6, 21).unwrap());
        let december = daily_yield(NaiveDate::from_ymd_opt(2025, 12, 21).unwrap());
        // Clear days in Cyprus: about 6–7.5 kWh/kWp in June, 3.2–4.5 kWh/kWp in December.
        assert!((6.0..7.5).contains(&june), "June {june}");
        assert!((3.2..4.5).contains(&december), "December {december}");
        // A clear-sky year of about 1,890 kWh/kWp; with clouds about 1,650, as PV in Cyprus.
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let year: f64 = start.iter_days().take(365).map(daily_yield).sum();
        assert!((1_750.0..1_950.0).contains(&year), "year {year}");
    }

    #[test]
    fn no_output_at_night_and_most_around_local_noon() {
        let sun = SunDay::new(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        // 00:00 UTC is 03:00 in summer in Nicosia.
        assert_eq!(sun.pv_kw_per_kwp(0.0), 0.0);
        assert_eq!(sun.pv_kw_per_kwp(20.0), 0.0);
        // Solar noon in Nicosia is about 09:47 UTC.
        let noon = sun.pv_kw_per_kwp(9.78);
        assert!(noon > 0.7 && noon < 0.85, "noon {noon}");
        assert!(noon > sun.pv_kw_per_kwp(6.0));
        assert!(noon > sun.pv_kw_per_kwp(14.0));
    }
}
