//! `powersave baseline bench`: the speed goals of the baseline engine, measured on one core.
//!
//! 1. Baselines and savings of a 2-hour session for N participants (default 500,000) whose
//!    histories are already in memory (46 local days × the half hours the method reads: the
//!    session's 4, plus its in-day window if it has one), by any named method (default
//!    like days).
//! 2. Turning stored day rows (15-minute watt-hours per UTC day) into those histories.
//! 3. The regression fit on one meter-year of hourly data (8,760 observations, 168 times of week).

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use domain::baseline::regression::Observation;
use domain::baseline::{
    Baseline, Eligibility, ExcludedDays, History, HistoryLayout, Method, Session, SessionContext,
    TimeOfWeekModel,
};
use domain::calendar::Calendar;
use domain::savings::{ProgrammeTotals, settle};

/// Options of `powersave baseline bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Participants of the session.
    #[arg(long, default_value_t = 500_000)]
    households: usize,
    /// Households converted from stored day rows (the conversion is timed per household).
    #[arg(long, default_value_t = 20_000)]
    row_households: usize,
    /// Regression fits timed.
    #[arg(long, default_value_t = 200)]
    fits: usize,
    /// Baseline method of the session (see `baseline backtest --methods`).
    #[arg(long, default_value = "like-days")]
    method: String,
}

/// A cheap deterministic hash, so the synthetic data costs nothing to make and is reproducible.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn unit(x: u64) -> f32 {
    (mix(x) >> 40) as f32 / (1u64 << 24) as f32
}

/// Runs the measurements and prints the figures.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let calendar = Calendar::cyprus(2025..=2027, []);
    let event = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap_or_default();
    let first = event - Duration::days(45);
    let session = Session::from_slots(event, 34..38)?;
    let method = Method::parse(&args.method)?;
    let slots = method.history_slots(&session);
    let width = slots.len();

    let started = Instant::now();
    let histories: Vec<History> = (0..args.households as u64)
        .map(|h| {
            let level = 0.2 + unit(h);
            let values = (0..46 * width as u64)
                .map(|i| level * (0.5 + unit(h << 20 | i)))
                .collect();
            History::from_values(first, slots.clone(), values)
        })
        .collect();
    println!(
        "prepared {} in-memory histories (46 days × {width} half hours) in {:.2} s",
        histories.len(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let context = SessionContext::new(&calendar, session);
    let eligibility = Eligibility::default();
    let none = ExcludedDays::default();
    let mut totals = ProgrammeTotals::new(width);
    let mut insufficient = 0usize;
    for history in &histories {
        let view = history.view();
        match eligibility
            .check(&context, &view)
            .and_then(|()| method.estimate(&context, &view, &none))
        {
            Ok(estimate) => totals.add(&settle(&context, &estimate.kwh, &view)),
            Err(_) => insufficient += 1,
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "baselines + savings, {} participants, 2-hour session, {}: {elapsed:.3} s on one core \
         ({:.2} µs each; {} settled, {insufficient} insufficient; aggregate saving {:.1} kWh)",
        histories.len(),
        method.name(),
        elapsed * 1e6 / histories.len().max(1) as f64,
        totals.households,
        totals.savings_kwh()
    );
    drop(histories);

    let layout = HistoryLayout::new(&calendar, first, event, slots);
    // Local days start at 21:00 or 22:00 UTC the day before: rows begin one UTC day earlier.
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let first_utc_day = (first - epoch).num_days() as i32 - 1;
    let rows: Vec<Vec<Option<u32>>> = (0..47u64)
        .map(|d| {
            (0..96u64)
                .map(|i| Some(100 + (mix(d << 8 | i) % 400) as u32))
                .collect()
        })
        .collect();
    let started = Instant::now();
    for h in 0..args.row_households {
        let mut builder = layout.builder();
        for (d, row) in rows.iter().enumerate() {
            builder.add_day_row(first_utc_day + d as i32, 15, 0, row);
        }
        black_box(builder.finish());
        black_box(h);
    }
    let per = started.elapsed().as_secs_f64() / args.row_households.max(1) as f64;
    println!(
        "stored day rows → history (47 whole UTC days of 15-minute readings per household): \
         {:.1} µs per household, {:.2} s for {} households",
        per * 1e6,
        per * args.households as f64,
        args.households
    );

    let obs: Vec<Observation> = (0..8760u64)
        .map(|h| {
            let celsius = 18.0 + 12.0 * (unit(h / 24) - 0.5) + 5.0 * ((h % 24) as f32 / 24.0);
            Observation {
                time_of_week: (h % 168) as u16,
                celsius,
                kwh: 0.3
                    + unit(h)
                    + 0.08 * (celsius - 24.0).max(0.0)
                    + 0.05 * (15.0 - celsius).max(0.0),
                weight: 1.0,
            }
        })
        .collect();
    let model = TimeOfWeekModel {
        times_of_week: 168,
        heating_balance_c: (8..=20).collect(),
        cooling_balance_c: (16..=30).collect(),
    };
    let started = Instant::now();
    for _ in 0..args.fits {
        black_box(model.fit(black_box(&obs)));
    }
    let per = started.elapsed().as_secs_f64() / args.fits.max(1) as f64;
    println!(
        "regression fit, one meter-year of hourly data (8,760 observations, 168 times of week, \
         13 × 15 balance points): {:.3} ms per fit",
        per * 1e3
    );
    Ok(())
}
