//! Generation speed, the figure quoted in docs/SIMULATOR.md. Ignored by default because it only
//! means something in release mode:
//!
//! `cargo test --release -p simulator --test throughput -- --ignored --nocapture`
//!
//! `SIM_METERS` overrides the number of meters (default 500,000: the benchmark population).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use simulator::{Simulator, SimulatorConfig};

/// The speed the benchmark needs from one core.
const REQUIRED_READINGS_PER_SECOND: f64 = 5_000_000.0;

fn meters() -> u64 {
    std::env::var("SIM_METERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500_000)
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn one_summer_day_of_the_benchmark_population_on_one_core() {
    let sim = Simulator::new(SimulatorConfig::default());
    let date = NaiveDate::from_ymd_opt(2025, 7, 15).unwrap();
    let meters = meters();
    let started = Instant::now();
    let (mut readings, mut kwh) = (0usize, 0.0);
    for index in 1..=meters {
        let household = sim.household(index);
        let day = sim.day(&household, date);
        readings += day.len();
        kwh += day.total_kwh();
    }
    let seconds = started.elapsed().as_secs_f64();
    let rate = readings as f64 / seconds;
    println!(
        "day(): {readings} readings of {meters} meters in {seconds:.2} s = {:.1} M readings/s \
         (mean {:.1} kWh/day)",
        rate / 1e6,
        kwh / meters as f64
    );
    black_box(kwh);
    if !cfg!(debug_assertions) {
        assert!(rate >= REQUIRED_READINGS_PER_SECOND, "{rate:.0} readings/s");
    }
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn readings_iterator_speed() {
    let sim = Simulator::new(SimulatorConfig::default());
    let from = Utc.with_ymd_and_hms(2025, 7, 14, 21, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2025, 7, 15, 21, 0, 0).unwrap();
    let meters = meters() / 5;
    let started = Instant::now();
    let (mut readings, mut kwh) = (0usize, 0.0);
    for index in 1..=meters {
        for reading in sim.readings(index, from, to) {
            readings += 1;
            kwh += reading.kwh;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "readings(): {readings} readings of {meters} meters in {seconds:.2} s = {:.1} M readings/s",
        readings as f64 / seconds / 1e6
    );
    black_box(kwh);
}
