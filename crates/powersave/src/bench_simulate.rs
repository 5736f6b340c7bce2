//! `powersave bench simulate`: how fast the simulator makes readings on one core, for the
//! benchmark population (500,000 meters × 96 quarter hours = 48 M readings per day).
//!
//! Two figures: `Simulator::day` (a household drawn and one local day generated, the path
//! `powersave baseline backtest --simulate` takes), and `Simulator::readings` over the 24 UTC
//! hours from 21:00 the day before (the path `powersave simulate` takes) for a fifth of the
//! meters.

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use simulator::{Simulator, SimulatorConfig};

/// Options of `powersave bench simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateBench {
    /// Meters whose day is generated (a fifth of them for the readings iterator, so at least 5).
    #[arg(long, default_value_t = 500_000, value_parser = clap::value_parser!(u64).range(5..))]
    pub meters: u64,
    /// The local date generated (default: a hot July day, with air conditioning and PV active).
    #[arg(long, default_value = "2025-07-15")]
    pub date: NaiveDate,
}

/// Runs the measurements on the calling thread and prints the figures.
pub fn run(options: &SimulateBench) -> anyhow::Result<()> {
    let sim = Simulator::new(SimulatorConfig {
        households: options.meters,
        ..SimulatorConfig::default()
    });
    let started = Instant::now();
    let (mut readings, mut kwh) = (0usize, 0.0);
    for index in 1..=options.meters {
        let household = sim.household(index);
        let day = sim.day(&household, options.date);
        readings += day.len();
        kwh += day.total_kwh();
    }
    let seconds = started.elapsed().as_secs_f64();
    black_box(kwh);
    println!(
        "day()       {readings} readings of {} meters in {seconds:.3} s = {:.2} M readings/s on one core (mean {:.2} kWh per meter-day)",
        options.meters,
        readings as f64 / seconds.max(f64::EPSILON) / 1e6,
        kwh / options.meters as f64
    );

    let from = Utc.from_utc_datetime(&options.date.and_hms_opt(0, 0, 0).unwrap_or_default())
        - Duration::hours(3);
    let to = from + Duration::days(1);
    let meters = options.meters / 5;
    let started = Instant::now();
    let (mut readings, mut kwh) = (0usize, 0.0);
    for index in 1..=meters {
        for reading in sim.readings(index, from, to) {
            readings += 1;
            kwh += reading.kwh;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    black_box(kwh);
    println!(
        "readings()  {readings} readings of {meters} meters in {seconds:.3} s = {:.2} M readings/s on one core ({from} to {to})",
        readings as f64 / seconds.max(f64::EPSILON) / 1e6
    );
    Ok(())
}
