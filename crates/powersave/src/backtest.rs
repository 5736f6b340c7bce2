//! `powersave baseline backtest` and `powersave baseline bench`: how accurate and how fast the
//! baseline methods are (figures in docs/BASELINES.md).

mod bench;
mod input;

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveTime};
use domain::accuracy::{ErrorStats, median_and_mean};
use domain::baseline::backtest::{Scored, pseudo_events, score};
use domain::baseline::{Baseline, Eligibility, Method, Session, SessionContext};
use domain::calendar::{Calendar, DayKind};
use indicatif::{ProgressBar, ProgressStyle};

use input::{Dataset, Household};

/// Baseline tools.
#[derive(Debug, clap::Subcommand)]
pub enum BaselineCommand {
    /// Score baseline methods on pseudo-events (days without a session) in meter data.
    Backtest(Box<BacktestArgs>),
    /// Measure the speed goals: a session's baselines and savings for many participants, and
    /// the regression fit on a meter-year.
    Bench(bench::BenchArgs),
}

/// Options of `powersave baseline backtest`.
#[derive(Debug, clap::Args)]
pub struct BacktestArgs {
    /// Readings CSV: `meter_id,interval_start_utc,kwh`, any interval up to an hour, optional header.
    #[arg(long, required_unless_present = "simulate")]
    readings: Option<PathBuf>,
    /// Instead of a CSV, simulate this many households (15-minute data, with temperatures).
    #[arg(long, conflicts_with = "readings")]
    simulate: Option<u64>,
    /// Simulator seed.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// First pseudo-event date (local) [default: 60 days after the data starts].
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Last pseudo-event date (local) [default: the last day with data].
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Pseudo-event window, local time.
    #[arg(long, default_value = "17:00-19:00")]
    window: String,
    /// Place pseudo-events on weekends and holidays instead of weekdays.
    #[arg(long)]
    rest_days: bool,
    /// Programme time zone (IANA name).
    #[arg(long, default_value = "Europe/Nicosia")]
    time_zone: String,
    /// Holidays: `cyprus` (computed per year) or `none`.
    #[arg(long, default_value = "cyprus")]
    holidays: String,
    /// Extra holiday dates.
    #[arg(long = "holiday")]
    extra_holidays: Vec<NaiveDate>,
    /// Methods to score, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "like-days,like-days-adjusted,like-days-damped,like-days-last-hour,high-x-of-y,10-in-10,regression,auto"
    )]
    methods: Vec<String>,
    /// Temperature CSV: `timestamp_utc,celsius`.
    #[arg(long)]
    temperature: Option<PathBuf>,
    /// Error resolution: `1h` (pairs of settlement periods summed) or `30m`.
    #[arg(long, default_value = "1h")]
    resolution: String,
    /// Print every household's figures (always done for 10 households or fewer).
    #[arg(long)]
    per_household: bool,
    /// Worker threads.
    #[arg(long, default_value_t = std::thread::available_parallelism().map_or(1, usize::from))]
    threads: usize,
}

/// Runs a baseline subcommand.
pub fn run(command: BaselineCommand) -> anyhow::Result<()> {
    match command {
        BaselineCommand::Backtest(args) => backtest(&args),
        BaselineCommand::Bench(args) => bench::run(&args),
    }
}

fn parse_window(raw: &str) -> anyhow::Result<Range<usize>> {
    let (a, b) = raw
        .split_once('-')
        .context("window must look like 17:00-19:00")?;
    let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M");
    let date = NaiveDate::MIN;
    let session = Session::new(date, time(a)?, time(b)?)?;
    Ok(session.slots())
}

fn progress_bar(label: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:>28} {bar:30} {pos}/{len} households, {elapsed} ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(label.to_owned());
    bar
}

fn backtest(args: &BacktestArgs) -> anyhow::Result<()> {
    let tz: chrono_tz::Tz = args
        .time_zone
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown time zone {:?}", args.time_zone))?;
    let slots = parse_window(&args.window)?;
    let hourly = match args.resolution.as_str() {
        "1h" => true,
        "30m" => false,
        other => bail!("resolution must be 1h or 30m, not {other:?}"),
    };
    let methods: Vec<Method> = args
        .methods
        .iter()
        .map(|m| Method::parse(m))
        .collect::<Result<_, _>>()?;
    let extra = args.extra_holidays.iter().copied();
    let calendar = match args.holidays.as_str() {
        "cyprus" => Calendar::new(
            tz,
            (1990..=2060)
                .flat_map(domain::calendar::cyprus_public_holidays)
                .chain(extra),
        ),
        "none" => Calendar::new(tz, extra),
        other => bail!("holidays must be cyprus or none, not {other:?}"),
    };
    let data: Dataset = match (&args.readings, args.simulate) {
        (Some(path), _) => input::from_csv(&calendar, path, args.temperature.as_deref())?,
        (None, Some(count)) => {
            let (from, to) = args
                .from
                .zip(args.to)
                .context("--simulate needs --from and --to")?;
            let bar = progress_bar("simulating");
            let data = input::simulated(
                &calendar,
                count,
                args.seed,
                from - chrono::Duration::days(100),
                to,
                &bar,
            );
            bar.finish_and_clear();
            data
        }
        (None, None) => bail!("give --readings or --simulate"),
    };
    let from = args.from.unwrap_or(data.first + chrono::Duration::days(60));
    let to = args.to.unwrap_or(data.last);
    let kind = if args.rest_days {
        DayKind::RestDay
    } else {
        DayKind::Weekday
    };
    let events = pseudo_events(&calendar, slots.clone(), from, to, kind);
    println!(
        "{} households, data {} to {}, {} pseudo-events {} {} to {}, errors per {}",
        data.households.len(),
        data.first,
        data.last,
        events.len(),
        args.window,
        from,
        to,
        if hourly { "hour" } else { "settlement period" }
    );
    let per_event = if hourly {
        slots.len().div_ceil(2)
    } else {
        slots.len()
    };
    let show_each = args.per_household || data.households.len() <= 10;
    println!(
        "\n{:<20} {:>6} {:>7} | {:>15} {:>15} {:>10} | {:>8} {:>8} {:>10}",
        "method",
        "homes",
        "events",
        "CV(RMSE)% med/avg",
        "bias% med/avg",
        "MAE kWh",
        "agg MAE",
        "agg bias%",
        "agg CV%"
    );
    for method in &methods {
        let bar = progress_bar(method.name());
        bar.set_length(data.households.len() as u64);
        if bar.is_hidden() {
            eprintln!(
                "scoring {} on {} households",
                method.name(),
                data.households.len()
            );
        }
        let (scores, aggregate) = score_all(
            method,
            &events,
            &data.households,
            hourly,
            per_event,
            args.threads,
            &bar,
        );
        bar.finish_and_clear();
        print_method(method.name(), &scores, &aggregate);
        if show_each {
            for (household, s) in data.households.iter().zip(&scores) {
                print_household(&household.id, s);
            }
        }
    }
    Ok(())
}

/// Sums of baseline and actual per (pseudo-event, hour or period) across households.
struct Aggregate {
    baseline: Vec<f64>,
    actual: Vec<f64>,
}

impl Aggregate {
    fn new(cells: usize) -> Self {
        Self {
            baseline: vec![0.0; cells],
            actual: vec![0.0; cells],
        }
    }

    fn stats(&self) -> ErrorStats {
        let mut stats = ErrorStats::default();
        for (b, a) in self.baseline.iter().zip(&self.actual) {
            if *a > 0.0 || *b > 0.0 {
                stats.add(*b, *a);
            }
        }
        stats
    }
}

fn score_all(
    method: &Method,
    events: &[SessionContext],
    households: &[Household],
    hourly: bool,
    per_event: usize,
    threads: usize,
    bar: &ProgressBar,
) -> (Vec<Scored>, Aggregate) {
    let chunk = households.len().div_ceil(threads.max(1)).max(1);
    let eligibility = Eligibility::default();
    let parts: Vec<(Vec<Scored>, Aggregate)> = std::thread::scope(|scope| {
        let handles: Vec<_> = households
            .chunks(chunk)
            .map(|part| {
                let eligibility = &eligibility;
                scope.spawn(move || {
                    let mut aggregate = Aggregate::new(events.len() * per_event);
                    let scores = part
                        .iter()
                        .map(|h| {
                            let s = score(
                                method,
                                eligibility,
                                events,
                                &h.history.view(),
                                hourly,
                                |e, i, b, a| {
                                    aggregate.baseline[e * per_event + i] += b;
                                    aggregate.actual[e * per_event + i] += a;
                                },
                            );
                            bar.inc(1);
                            s
                        })
                        .collect();
                    (scores, aggregate)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut aggregate = Aggregate::new(events.len() * per_event);
    let mut scores = Vec::with_capacity(households.len());
    for (s, a) in parts {
        scores.extend(s);
        for (x, y) in aggregate.baseline.iter_mut().zip(&a.baseline) {
            *x += y;
        }
        for (x, y) in aggregate.actual.iter_mut().zip(&a.actual) {
            *x += y;
        }
    }
    (scores, aggregate)
}

fn pair(values: &[f64]) -> String {
    median_and_mean(values).map_or_else(|| "-".to_owned(), |(m, a)| format!("{m:.1}/{a:.1}"))
}

fn print_method(name: &str, scores: &[Scored], aggregate: &Aggregate) {
    let scored: Vec<&Scored> = scores.iter().filter(|s| s.events > 0).collect();
    let cv: Vec<f64> = scored
        .iter()
        .filter_map(|s| s.stats.cv_rmse_percent())
        .collect();
    let bias: Vec<f64> = scored
        .iter()
        .filter_map(|s| s.stats.bias_percent())
        .collect();
    let mae: Vec<f64> = scored.iter().map(|s| s.stats.mae()).collect();
    let events: u32 = scored.iter().map(|s| s.events).sum();
    let agg = aggregate.stats();
    println!(
        "{:<20} {:>6} {:>7} | {:>15} {:>15} {:>10.3} | {:>8.3} {:>8} {:>10}",
        name,
        scored.len(),
        events,
        pair(&cv),
        pair(&bias),
        median_and_mean(&mae).map_or(0.0, |(_, m)| m),
        agg.mae(),
        agg.bias_percent()
            .map_or("-".to_owned(), |b| format!("{b:+.2}")),
        agg.cv_rmse_percent()
            .map_or("-".to_owned(), |c| format!("{c:.1}")),
    );
    let skipped: u32 = scores.iter().map(|s| s.insufficient).sum();
    if skipped > 0 {
        let reason = scores.iter().find_map(|s| s.first_reason.as_ref());
        println!(
            "{:<20} {skipped} household-events had insufficient data{}",
            "",
            reason.map_or(String::new(), |r| format!(" (e.g. {r})"))
        );
    }
}

fn print_household(id: &str, s: &Scored) {
    println!(
        "  {:<26} events {:>5}  CV(RMSE) {:>6}%  bias {:>7}%  MAE {:.3} kWh",
        id,
        s.events,
        s.stats
            .cv_rmse_percent()
            .map_or("-".to_owned(), |c| format!("{c:.1}")),
        s.stats
            .bias_percent()
            .map_or("-".to_owned(), |b| format!("{b:+.2}")),
        s.stats.mae()
    );
}
