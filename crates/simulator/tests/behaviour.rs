//! The load model read as stories: what a Cypriot household's meter shows across the year.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use simulator::{DayProfile, Household, Simulator, SimulatorConfig};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sim(config: SimulatorConfig) -> Simulator {
    Simulator::new(config)
}

fn population(sim: &Simulator, n: u64) -> Vec<Household> {
    (1..=n).map(|i| sim.household(i)).collect()
}

/// Mean daily total (kWh) over a population and a set of dates.
fn mean_daily_kwh(sim: &Simulator, households: &[Household], dates: &[NaiveDate]) -> f64 {
    let mut total = 0.0;
    for h in households {
        for &d in dates {
            total += sim.day(h, d).total_kwh();
        }
    }
    total / (households.len() * dates.len()) as f64
}

/// Mean interval energy (kWh) of intervals whose local start hour is in `[from, to)`.
fn mean_in_hours(sim: &Simulator, day: &DayProfile, from: u32, to: u32) -> f64 {
    let tz = sim.config().time_zone;
    let values: Vec<f64> = day
        .intervals()
        .filter(|(start, _)| (from..to).contains(&start.with_timezone(&tz).hour()))
        .map(|(_, kwh)| kwh)
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

fn every_third_day(year: i32, month: u32) -> Vec<NaiveDate> {
    (1..=28).step_by(3).map(|d| date(year, month, d)).collect()
}

#[test]
fn an_average_home_uses_10_to_12_kwh_in_spring_and_20_to_30_in_high_summer() {
    let sim = sim(SimulatorConfig::default());
    let homes = population(&sim, 600);
    let april = mean_daily_kwh(&sim, &homes, &every_third_day(2025, 4));
    let july = mean_daily_kwh(&sim, &homes, &every_third_day(2025, 7));
    let august = mean_daily_kwh(&sim, &homes, &every_third_day(2025, 8));
    let january = mean_daily_kwh(&sim, &homes, &every_third_day(2025, 1));
    assert!((9.5..13.0).contains(&april), "April {april:.1} kWh/day");
    assert!((20.0..30.0).contains(&july), "July {july:.1} kWh/day");
    assert!((20.0..30.0).contains(&august), "August {august:.1} kWh/day");
    assert!(
        (11.0..18.0).contains(&january),
        "January {january:.1} kWh/day"
    );
}

#[test]
fn no_single_day_is_absurd() {
    let sim = sim(SimulatorConfig::default());
    for h in population(&sim, 300) {
        for d in [date(2025, 1, 15), date(2025, 4, 15), date(2025, 7, 30)] {
            let total = sim.day(&h, d).total_kwh();
            assert!(
                (0.5..120.0).contains(&total),
                "household {} on {d}: {total}",
                h.index
            );
        }
    }
}

#[test]
fn the_evening_is_the_peak_and_the_night_is_quiet() {
    let sim = sim(SimulatorConfig::default());
    for d in [date(2025, 4, 9), date(2025, 7, 16), date(2025, 1, 15)] {
        let (mut evening, mut night, mut morning) = (0.0, 0.0, 0.0);
        for h in population(&sim, 400) {
            let day = sim.day(&h, d);
            evening += mean_in_hours(&sim, &day, 18, 22);
            night += mean_in_hours(&sim, &day, 1, 5);
            morning += mean_in_hours(&sim, &day, 7, 9);
        }
        assert!(
            evening > 2.0 * night,
            "{d}: evening {evening:.1} vs night {night:.1}"
        );
        assert!(
            evening > morning,
            "{d}: evening {evening:.1} vs morning {morning:.1}"
        );
        assert!(
            morning > night,
            "{d}: morning {morning:.1} vs night {night:.1}"
        );
    }
}

#[test]
fn weekends_start_later_and_fill_the_middle_of_the_day() {
    let sim = sim(SimulatorConfig::default());
    let wednesday = date(2025, 4, 9);
    let saturday = date(2025, 4, 12);
    assert_eq!(
        (wednesday.weekday(), saturday.weekday()),
        (Weekday::Wed, Weekday::Sat)
    );
    let (mut early_wd, mut early_we, mut noon_wd, mut noon_we) = (0.0, 0.0, 0.0, 0.0);
    for h in population(&sim, 400) {
        let weekday = sim.day(&h, wednesday);
        let weekend = sim.day(&h, saturday);
        early_wd += mean_in_hours(&sim, &weekday, 6, 8);
        early_we += mean_in_hours(&sim, &weekend, 6, 8);
        noon_wd += mean_in_hours(&sim, &weekday, 11, 15);
        noon_we += mean_in_hours(&sim, &weekend, 11, 15);
    }
    assert!(
        early_wd > 1.3 * early_we,
        "06-08: weekday {early_wd:.1}, weekend {early_we:.1}"
    );
    assert!(
        noon_we > 1.2 * noon_wd,
        "11-15: weekday {noon_wd:.1}, weekend {noon_we:.1}"
    );
}

#[test]
fn a_public_holiday_is_lived_like_a_sunday() {
    // 1 April 2025, Cyprus National Day, is a Tuesday.
    let national_day = date(2025, 4, 1);
    let with = sim(SimulatorConfig::default());
    let without = sim(SimulatorConfig {
        holidays: Vec::new(),
        ..SimulatorConfig::default()
    });
    let (mut early_holiday, mut early_workday) = (0.0, 0.0);
    for i in 1..=300 {
        let h = with.household(i);
        early_holiday += mean_in_hours(&with, &with.day(&h, national_day), 6, 8);
        early_workday += mean_in_hours(&without, &without.day(&h, national_day), 6, 8);
    }
    assert!(early_workday > 1.3 * early_holiday);
}

#[test]
fn rooftop_pv_cuts_imports_at_noon_and_never_makes_them_negative() {
    let without_pv = sim(SimulatorConfig {
        pv_share: 0.0,
        ..SimulatorConfig::default()
    });
    let with_pv = sim(SimulatorConfig {
        pv_share: 1.0,
        ..SimulatorConfig::default()
    });
    let june_day = date(2025, 6, 18);
    let (mut noon_without, mut noon_with) = (0.0, 0.0);
    for i in 1..=200 {
        let plain = without_pv.day(&without_pv.household(i), june_day);
        let solar = with_pv.day(&with_pv.household(i), june_day);
        noon_without += mean_in_hours(&without_pv, &plain, 11, 14);
        noon_with += mean_in_hours(&with_pv, &solar, 11, 14);
        // Same household, same randomness: identical before sunrise and after sunset.
        assert_eq!(
            mean_in_hours(&without_pv, &plain, 0, 4),
            mean_in_hours(&with_pv, &solar, 0, 4)
        );
        assert!(solar.kwh().iter().all(|&v| v >= 0.0));
        assert!(solar.total_kwh() < plain.total_kwh());
    }
    assert!(
        noon_with < 0.4 * noon_without,
        "noon: {noon_with:.2} with PV, {noon_without:.2} without"
    );
}

#[test]
fn an_empty_home_shows_only_its_base_load() {
    let sim = sim(SimulatorConfig {
        vacant_day_share: 1.0,
        pv_share: 0.0,
        ..SimulatorConfig::default()
    });
    for h in population(&sim, 200) {
        for d in [date(2025, 1, 20), date(2025, 8, 5)] {
            let day = sim.day(&h, d);
            let base_kwh = h.base_load_w * 24.0 / 1000.0;
            let ratio = day.total_kwh() / base_kwh;
            assert!(
                (0.85..1.15).contains(&ratio),
                "household {} on {d}: {ratio:.2}",
                h.index
            );
            let peak = day.kwh().iter().cloned().fold(0.0, f64::max) * 4.0 * 1000.0;
            assert!(
                peak < 1.8 * h.base_load_w,
                "household {}: peak {peak:.0} W",
                h.index
            );
        }
    }
}

#[test]
fn about_two_percent_of_days_are_vacant_by_default() {
    let sim = sim(SimulatorConfig {
        pv_share: 0.0,
        ..SimulatorConfig::default()
    });
    let mut near_base = 0;
    let mut days = 0;
    for h in population(&sim, 100) {
        for d in date(2025, 4, 1).iter_days().take(60) {
            let day = sim.day(&h, d);
            days += 1;
            if day.total_kwh() < 1.2 * h.base_load_w * 24.0 / 1000.0 {
                near_base += 1;
            }
        }
    }
    let share = f64::from(near_base) / f64::from(days);
    assert!(
        (0.01..0.04).contains(&share),
        "share of near-base days {share:.3}"
    );
}

#[test]
fn air_conditioning_follows_the_heat() {
    let sim = sim(SimulatorConfig {
        pv_share: 0.0,
        noise: 0.0,
        ..SimulatorConfig::default()
    });
    let mut with_ac = Vec::new();
    let mut without_ac = Vec::new();
    for h in population(&sim, 600) {
        let increase = mean_daily_kwh(&sim, std::slice::from_ref(&h), &every_third_day(2025, 7))
            - mean_daily_kwh(&sim, std::slice::from_ref(&h), &every_third_day(2025, 4));
        if h.ac_units == 0 {
            &mut without_ac
        } else {
            &mut with_ac
        }
        .push(increase);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(!without_ac.is_empty());
    assert!(
        mean(&with_ac) > 8.0,
        "July minus April with AC: {:.1}",
        mean(&with_ac)
    );
    assert!(
        mean(&without_ac).abs() < 2.0,
        "without AC: {:.1}",
        mean(&without_ac)
    );
}

#[test]
fn hot_afternoons_draw_more_than_mild_ones() {
    let sim = sim(SimulatorConfig::default());
    let tz = sim.config().time_zone;
    // Pair every July day's 16:00 demand with its 16:00 temperature, over many homes.
    let mut points = Vec::new();
    for d in date(2025, 7, 1).iter_days().take(31) {
        let at_four = d
            .and_hms_opt(16, 0, 0)
            .unwrap()
            .and_local_timezone(tz)
            .unwrap()
            .to_utc();
        let mut demand = 0.0;
        for h in population(&sim, 150) {
            demand += mean_in_hours(&sim, &sim.day(&h, d), 16, 17);
        }
        points.push((sim.temperature_at(at_four), demand));
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let cool: f64 = points[..10].iter().map(|p| p.1).sum();
    let hot: f64 = points[21..].iter().map(|p| p.1).sum();
    assert!(hot > cool * 1.05, "hot {hot:.1} vs cool {cool:.1}");
}
