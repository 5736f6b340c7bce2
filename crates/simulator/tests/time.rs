//! Time, determinism and the readings feed: what consumers of the data rely on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use simulator::{IntervalLength, Simulator, SimulatorConfig};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_dataset() {
    let a = Simulator::new(SimulatorConfig::default());
    let b = Simulator::new(SimulatorConfig::default());
    let other = Simulator::new(SimulatorConfig {
        seed: 99,
        ..SimulatorConfig::default()
    });
    let d = date(2025, 7, 1);
    for i in 1..=50 {
        assert_eq!(a.household(i), b.household(i));
        assert_eq!(a.day(&a.household(i), d), b.day(&b.household(i), d));
    }
    let differing = (1..=50)
        .filter(|&i| a.day(&a.household(i), d) != other.day(&other.household(i), d))
        .count();
    assert_eq!(differing, 50);
    assert_ne!(
        a.temperature_at(utc(2025, 7, 1, 12, 0)),
        other.temperature_at(utc(2025, 7, 1, 12, 0))
    );
}

#[test]
fn a_household_does_not_depend_on_the_population_or_the_order_of_generation() {
    let small = Simulator::new(SimulatorConfig {
        households: 10,
        ..SimulatorConfig::default()
    });
    let large = Simulator::new(SimulatorConfig {
        households: 500_000,
        ..SimulatorConfig::default()
    });
    let h = small.household(7);
    assert_eq!(h, large.household(7));
    let days: Vec<NaiveDate> = date(2025, 3, 1).iter_days().take(10).collect();
    let forward: Vec<_> = days.iter().map(|&d| small.day(&h, d)).collect();
    let mut backward: Vec<_> = days.iter().rev().map(|&d| large.day(&h, d)).collect();
    backward.reverse();
    assert_eq!(forward, backward);
}

#[test]
fn nicosia_changes_clocks_on_the_last_sundays_of_march_and_october() {
    let sim = Simulator::new(SimulatorConfig::default());
    let h = sim.household(1);
    for (d, expected) in [
        (date(2025, 3, 30), 92),
        (date(2025, 10, 26), 100),
        (date(2026, 3, 29), 92),
        (date(2026, 10, 25), 100),
        (date(2026, 6, 1), 96),
    ] {
        let day = sim.day(&h, d);
        assert_eq!(day.len(), expected, "{d}");
        assert!((day.end() - day.start()).num_minutes() == 15 * expected as i64);
    }
    let half_hourly = Simulator::new(SimulatorConfig {
        interval: IntervalLength::ThirtyMinutes,
        ..SimulatorConfig::default()
    });
    assert_eq!(half_hourly.day(&h, date(2025, 3, 30)).len(), 46);
    assert_eq!(half_hourly.day(&h, date(2025, 10, 26)).len(), 50);
}

#[test]
fn days_start_at_local_midnight_and_tile_time() {
    let sim = Simulator::new(SimulatorConfig::default());
    let h = sim.household(3);
    // 1 July: midnight EEST (UTC+3) is 21:00 UTC the day before; 1 January: UTC+2.
    assert_eq!(
        sim.day(&h, date(2025, 7, 1)).start(),
        utc(2025, 6, 30, 21, 0)
    );
    assert_eq!(
        sim.day(&h, date(2025, 1, 1)).start(),
        utc(2024, 12, 31, 22, 0)
    );
    let mut previous = sim.day(&h, date(2024, 12, 31));
    for d in date(2025, 1, 1).iter_days().take(366) {
        let day = sim.day(&h, d);
        assert_eq!(previous.end(), day.start(), "{d}");
        for (i, (start, _)) in day.intervals().enumerate() {
            assert_eq!(start.timestamp() % 900, 0);
            assert_eq!(Some(start), day.interval_start(i));
        }
        assert_eq!(day.interval_start(day.len()), None);
        previous = day;
    }
}

#[test]
fn readings_follow_each_other_across_midnight_and_clock_changes() {
    let sim = Simulator::new(SimulatorConfig::default());
    // Saturday 25 October 2025 20:00 UTC to Monday 27 October 02:00 UTC: the 25-hour Sunday.
    let from = utc(2025, 10, 25, 20, 0);
    let to = utc(2025, 10, 27, 2, 0);
    let readings: Vec<_> = sim.readings(5, from, to).collect();
    assert_eq!(readings.len(), 30 * 4);
    assert_eq!(readings[0].interval_start, from);
    for pair in readings.windows(2) {
        assert_eq!(
            pair[1].interval_start - pair[0].interval_start,
            TimeDelta::minutes(15)
        );
    }
    assert!(readings.iter().all(|r| r.household == 5));
    // The same numbers as the day profiles.
    let h = sim.household(5);
    let sunday = sim.day(&h, date(2025, 10, 26));
    for (start, kwh) in sunday.intervals() {
        let reading = readings.iter().find(|r| r.interval_start == start).unwrap();
        assert_eq!(reading.kwh, kwh);
    }
}

#[test]
fn readings_start_at_the_first_aligned_interval_and_stop_before_the_end() {
    let sim = Simulator::new(SimulatorConfig::default());
    let readings: Vec<_> = sim
        .readings(1, utc(2025, 5, 5, 10, 7), utc(2025, 5, 5, 11, 0))
        .collect();
    let starts: Vec<_> = readings.iter().map(|r| r.interval_start).collect();
    assert_eq!(
        starts,
        vec![
            utc(2025, 5, 5, 10, 15),
            utc(2025, 5, 5, 10, 30),
            utc(2025, 5, 5, 10, 45)
        ]
    );
    assert_eq!(
        sim.readings(1, utc(2025, 5, 5, 11, 0), utc(2025, 5, 5, 10, 0))
            .count(),
        0
    );
    assert_eq!(
        sim.readings(1, utc(2025, 5, 5, 11, 0), utc(2025, 5, 5, 11, 0))
            .count(),
        0
    );
}

#[test]
fn temperatures_are_nicosia_like_month_by_month() {
    for seed in [1, 2024, 77_777] {
        let sim = Simulator::new(SimulatorConfig {
            seed,
            ..SimulatorConfig::default()
        });
        let month_stats = |year: i32, month: u32| {
            let start = utc(year, month, 1, 0, 0);
            let hours: Vec<f64> = (0..28 * 24)
                .map(|h| sim.temperature_at(start + TimeDelta::hours(h)))
                .collect();
            let mean = hours.iter().sum::<f64>() / hours.len() as f64;
            let max = hours.iter().cloned().fold(f64::MIN, f64::max);
            let min = hours.iter().cloned().fold(f64::MAX, f64::min);
            (mean, min, max)
        };
        let (jan_mean, jan_min, jan_max) = month_stats(2025, 1);
        let (jul_mean, jul_min, jul_max) = month_stats(2025, 7);
        let (apr_mean, _, _) = month_stats(2025, 4);
        assert!(
            (8.5..13.5).contains(&jan_mean),
            "seed {seed}: January mean {jan_mean:.1}"
        );
        assert!(
            (26.5..31.5).contains(&jul_mean),
            "seed {seed}: July mean {jul_mean:.1}"
        );
        assert!(
            (14.0..21.0).contains(&apr_mean),
            "seed {seed}: April mean {apr_mean:.1}"
        );
        assert!(
            jan_min > -4.0 && jan_max < 24.0,
            "seed {seed}: January {jan_min:.1}..{jan_max:.1}"
        );
        assert!(
            jul_min > 15.0 && (36.0..46.0).contains(&jul_max),
            "seed {seed}: July {jul_min:.1}..{jul_max:.1}"
        );
    }
}

#[test]
fn days_are_coolest_before_dawn_and_warmest_mid_afternoon() {
    let sim = Simulator::new(SimulatorConfig::default());
    let tz = sim.config().time_zone;
    let mut coolest = [0; 24];
    let mut warmest = [0; 24];
    for d in date(2025, 1, 1).iter_days().take(365) {
        let temps: Vec<f64> = (0..24)
            .map(|h| {
                let local = d
                    .and_hms_opt(h, 0, 0)
                    .unwrap()
                    .and_local_timezone(tz)
                    .earliest();
                local.map_or(f64::NAN, |t| sim.temperature_at(t.to_utc()))
            })
            .collect();
        let arg = |better: fn(f64, f64) -> bool| {
            (0..24)
                .filter(|&h| !temps[h].is_nan())
                .reduce(|a, b| if better(temps[b], temps[a]) { b } else { a })
                .unwrap()
        };
        coolest[arg(|a, b| a < b)] += 1;
        warmest[arg(|a, b| a > b)] += 1;
    }
    let mode = |counts: &[i32; 24]| (0..24).max_by_key(|&h| counts[h]).unwrap();
    assert_eq!(mode(&coolest), 5);
    assert_eq!(mode(&warmest), 15);
}
