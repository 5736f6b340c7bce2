//! Prints month-by-month averages of a simulated population, to check the model against the
//! Cyprus magnitudes in docs/SIMULATOR.md after changing a parameter:
//!
//! `cargo run --release -p simulator --example calibrate [seed]`

use chrono::{Datelike, NaiveDate};
use simulator::{Household, Simulator, SimulatorConfig};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn main() {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(SimulatorConfig::default().seed);
    let sim = Simulator::new(SimulatorConfig {
        seed,
        ..SimulatorConfig::default()
    });
    let households: Vec<Household> = (1..=2_000).map(|i| sim.household(i)).collect();
    println!("seed {seed}, 2,000 households, every third day of 2025");
    println!("month  kWh/day   p10    p90  no PV     PV  min °C  max °C");
    for (month, name) in (1..=12).zip(MONTHS) {
        let dates: Vec<NaiveDate> = (1..=28)
            .step_by(3)
            .filter_map(|d| NaiveDate::from_ymd_opt(2025, month, d))
            .collect();
        let mut totals = Vec::new();
        let (mut pv, mut no_pv) = (Vec::new(), Vec::new());
        let (mut coolest, mut warmest) = (0.0, 0.0);
        for &date in &dates {
            let temps: Vec<f64> = sim
                .day(&households[0], date)
                .intervals()
                .map(|(start, _)| sim.temperature_at(start))
                .collect();
            coolest += temps.iter().copied().fold(f64::MAX, f64::min);
            warmest += temps.iter().copied().fold(f64::MIN, f64::max);
            for h in &households {
                let total = sim.day(h, date).total_kwh();
                totals.push(total);
                if h.pv_kwp > 0.0 { &mut pv } else { &mut no_pv }.push(total);
            }
        }
        totals.sort_by(f64::total_cmp);
        let n = totals.len();
        let days = dates.len() as f64;
        println!(
            "{name:>5}  {:>7.1}  {:>4.1}  {:>5.1}  {:>5.1}  {:>5.1}  {:>6.1}  {:>6.1}",
            mean(&totals),
            totals[n / 10],
            totals[9 * n / 10],
            mean(&no_pv),
            mean(&pv),
            coolest / days,
            warmest / days,
        );
    }
    println!("\nmean kWh per local hour (500 households, days 1-28 with 24 hours)");
    for (month, name) in [(1, "Jan"), (4, "Apr"), (7, "Jul")] {
        for weekend in [false, true] {
            let mut hourly = [0.0; 24];
            let mut count = 0.0;
            for date in (1..=28).filter_map(|d| NaiveDate::from_ymd_opt(2025, month, d)) {
                if (date.weekday().num_days_from_monday() >= 5) != weekend {
                    continue;
                }
                for h in households.iter().take(500) {
                    let day = sim.day(h, date);
                    let per_hour = day.len() / 24;
                    if !day.len().is_multiple_of(24) {
                        continue;
                    }
                    for (i, v) in day.kwh().iter().enumerate() {
                        hourly[i / per_hour] += v;
                    }
                    count += 1.0;
                }
            }
            let line: Vec<String> = hourly.iter().map(|v| format!("{:.2}", v / count)).collect();
            let kind = if weekend { "weekend" } else { "weekday" };
            println!("{name} {kind}: {}", line.join(" "));
        }
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}
