//! `powersave bench ingest`: the meter-data pipeline at national scale, measured end to end.
//!
//! PostgreSQL: one day for N meters (default 500,000 × 96 = 48 M readings) written as CSV, imported
//! through the same path as `powersave import readings`, next to a plain `COPY` of the same file
//! into a bare table; then the on-disk bytes per reading, and a baseline-style history read (45
//! days, a 5-hour window) for 100,000 meters. SQLite: the same import for 100,000 meters.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, DurationRound, Utc};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{ReadingLimits, day_number};
use ingest::Ingestor;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use store::{DatabaseUrl, HistoryRequest, PoolOptions, SourceKind, Store};
use tokio::io::AsyncReadExt;

/// Options of `powersave bench ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestBench {
    /// Meters for the PostgreSQL run (0 skips it).
    #[arg(long, default_value_t = 500_000)]
    pub postgres_meters: usize,
    /// Meters for the SQLite run (0 skips it).
    #[arg(long, default_value_t = 100_000)]
    pub sqlite_meters: usize,
    /// Meters whose 45-day history is read back on PostgreSQL (0 skips it).
    #[arg(long, default_value_t = 100_000)]
    pub history_meters: usize,
    /// A PostgreSQL server URL with rights to create databases; a fresh one is created and dropped.
    #[arg(
        long,
        env = "POWERSAVE_BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@localhost/postgres?host=/var/run/postgresql"
    )]
    pub postgres_url: String,
    /// Folder for the generated CSV files and the SQLite database.
    #[arg(long, default_value = "./data/bench")]
    pub work_dir: PathBuf,
}

fn meter_ids(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("CY-B{i:07}")).collect()
}

/// Writes one UTC day of quarter-hour readings for `meters`, with a plausible daily shape.
fn write_day_csv(
    path: &Path,
    meters: &[String],
    day_start: chrono::DateTime<Utc>,
) -> anyhow::Result<u64> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    writeln!(out, "meter_id,interval_start,kwh,quality")?;
    let stamps: Vec<String> = (0..96)
        .map(|i| {
            (day_start + Duration::minutes(15 * i))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .collect();
    let mut rows = 0u64;
    for (m, meter) in meters.iter().enumerate() {
        for (slot, stamp) in stamps.iter().enumerate() {
            let base = 40 + (m % 97) as u64;
            let peak = if (68..88).contains(&slot) {
                250 + ((m * 31 + slot * 7) % 200) as u64
            } else {
                (slot as u64 * 13 + m as u64) % 60
            };
            let wh = base + peak;
            writeln!(out, "{meter},{stamp},{}.{:03},actual", wh / 1000, wh % 1000)?;
            rows += 1;
        }
    }
    out.flush()?;
    Ok(rows)
}

async fn import(store: &Store, path: &Path) -> anyhow::Result<(u64, f64)> {
    let source = store.ensure_source("bench", SourceKind::File).await?;
    let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), source.id);
    ingestor.preload_meters().await?;
    let started = Instant::now();
    let report = ingest::file::import_csv(&ingestor, path, 200_000, |_, _| {}).await?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        report.rejected == 0,
        "bench rows were rejected: {:?}",
        report.rejects.first()
    );
    Ok((report.counts.accepted(), seconds))
}

async fn reference_copy(url: &str, path: &Path) -> anyhow::Result<f64> {
    let mut connection = PgConnection::connect(url).await?;
    sqlx::query("CREATE TABLE bare_readings (meter_id text, interval_start timestamptz, kwh numeric, quality text)")
        .execute(&mut connection)
        .await?;
    let started = Instant::now();
    let mut copy = connection
        .copy_in_raw("COPY bare_readings FROM STDIN (FORMAT csv, HEADER true)")
        .await?;
    let mut file = tokio::fs::File::open(path).await?;
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        copy.send(&buffer[..read]).await?;
    }
    copy.finish().await?;
    Ok(started.elapsed().as_secs_f64())
}

/// `url` with its database name replaced by `name`.
pub(crate) fn with_database(url: &str, name: &str) -> anyhow::Result<String> {
    let mut parsed = url::Url::parse(url)?;
    parsed.set_path(&format!("/{name}"));
    Ok(parsed.to_string())
}

/// Runs `measure` on a fresh PostgreSQL database (`<prefix>_<pid>`) created through the server at
/// `admin_url`, and drops the database afterwards whatever the outcome.
pub(crate) async fn on_fresh_postgres<F, Fut>(
    admin_url: &str,
    prefix: &str,
    measure: F,
) -> anyhow::Result<()>
where
    F: FnOnce(store::DatabaseUrl) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let name = format!("{prefix}_{}", std::process::id());
    let mut admin = PgConnection::connect(admin_url)
        .await
        .context("connecting to PostgreSQL")?;
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    let outcome = match store::DatabaseUrl::parse(&with_database(admin_url, &name)?) {
        Ok(url) => measure(url).await,
        Err(error) => Err(error.into()),
    };
    sqlx::query(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    outcome
}

/// Runs `measure` on a fresh SQLite file `<work_dir>/<file>`, removed before and after.
pub(crate) async fn on_fresh_sqlite<F, Fut>(
    work_dir: &Path,
    file: &str,
    measure: F,
) -> anyhow::Result<()>
where
    F: FnOnce(store::DatabaseUrl) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    std::fs::create_dir_all(work_dir)?;
    let path = work_dir.join(file);
    let remove = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    };
    remove();
    let outcome = measure(store::DatabaseUrl::sqlite_file(&path)).await;
    remove();
    outcome
}

async fn postgres(
    options: &IngestBench,
    csv: &Path,
    meters: &[String],
    day: i32,
) -> anyhow::Result<()> {
    let name = format!("powersave_bench_{}", std::process::id());
    let mut admin = PgConnection::connect(&options.postgres_url)
        .await
        .context("connecting to PostgreSQL")?;
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    let url = with_database(&options.postgres_url, &name)?;
    let outcome = async {
        let store = Store::connect(&DatabaseUrl::parse(&url)?, PoolOptions::default()).await?;
        store.migrate().await?;
        let ids: Vec<MeterId> = meters.iter().filter_map(|id| MeterId::parse(id).ok()).collect();
        store.register_meters(&ids, IntervalLength::FifteenMinutes).await?;
        let (readings, seconds) = import(&store, csv).await?;
        let rate = readings as f64 / seconds;
        println!("postgres  import   {readings} readings in {seconds:.1} s = {rate:.0} readings/s");
        let copy_seconds = reference_copy(&url, csv).await?;
        let copy_rate = readings as f64 / copy_seconds;
        println!("postgres  COPY     plain COPY of the same CSV into a bare table: {copy_seconds:.1} s = {copy_rate:.0} rows/s (import/COPY = {:.2})", rate / copy_rate);
        let bytes = store.readings_disk_bytes().await?;
        println!("postgres  size     {bytes} bytes = {:.2} bytes per reading (table + indexes)", bytes as f64 / readings as f64);
        if options.history_meters > 0 {
            history(&store, &url, meters.len().min(options.history_meters), day).await?;
        }
        store.close().await?;
        anyhow::Ok(())
    }
    .await;
    sqlx::query(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    outcome
}

/// Copies the imported day 45 days back in SQL (fast), then reads a 45-day window the way a
/// session's baseline does.
async fn history(store: &Store, url: &str, meters: usize, day: i32) -> anyhow::Result<()> {
    store.ensure_reading_partitions(day - 45, day).await?;
    let mut connection = PgConnection::connect(url).await?;
    let started = Instant::now();
    sqlx::query(
        "INSERT INTO meter_days (meter_id, day, readings, wh, estimated, updated_at)
         SELECT meter_id, day - k, readings, wh, estimated, updated_at
         FROM meter_days, generate_series(1, 45) AS k WHERE day = $1 AND meter_id <= $2",
    )
    .bind(day)
    .bind(i64::try_from(meters).unwrap_or(i64::MAX))
    .execute(&mut connection)
    .await?;
    sqlx::query("VACUUM ANALYZE meter_days")
        .execute(&mut connection)
        .await?;
    println!(
        "postgres  history  prepared 45 more days for {meters} meters in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let request = HistoryRequest {
        meters: (1..=i64::try_from(meters).unwrap_or(i64::MAX)).collect(),
        first_day: day - 45,
        last_day: day,
        from_minute: 11 * 60,
        to_minute: 16 * 60,
    };
    let started = Instant::now();
    let rows = store.reading_history(&request).await?;
    let seconds = started.elapsed().as_secs_f64();
    let readings: usize = rows.iter().map(|row| row.readings.len()).sum();
    println!(
        "postgres  history  {meters} meters × 46 days, 5-hour window: {} day rows, {readings} readings in {seconds:.2} s",
        rows.len()
    );
    Ok(())
}

async fn sqlite(options: &IngestBench, csv: &Path) -> anyhow::Result<()> {
    let path = options.work_dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let store = Store::connect(&DatabaseUrl::sqlite_file(&path), PoolOptions::default()).await?;
    store.migrate().await?;
    let ids: Vec<MeterId> = meter_ids(options.sqlite_meters)
        .iter()
        .filter_map(|id| MeterId::parse(id).ok())
        .collect();
    store
        .register_meters(&ids, IntervalLength::FifteenMinutes)
        .await?;
    let (readings, seconds) = import(&store, csv).await?;
    println!(
        "sqlite    import   {readings} readings in {seconds:.1} s = {:.0} readings/s",
        readings as f64 / seconds
    );
    let bytes = store.readings_disk_bytes().await?;
    if bytes > 0 {
        println!(
            "sqlite    size     {:.2} bytes per reading",
            bytes as f64 / readings as f64
        );
    }
    store.close().await?;
    Ok(())
}

/// Runs the benchmark and prints its figures.
pub async fn run(options: IngestBench) -> anyhow::Result<()> {
    std::fs::create_dir_all(&options.work_dir)?;
    let day_start = (Utc::now() - Duration::days(1)).duration_trunc(Duration::days(1))?;
    let day = day_number(day_start);
    if options.postgres_meters > 0 {
        let meters = meter_ids(options.postgres_meters);
        let csv = options.work_dir.join("postgres-day.csv");
        let started = Instant::now();
        let rows = write_day_csv(&csv, &meters, day_start)?;
        println!(
            "generated {rows} readings for {} meters in {:.1} s ({})",
            meters.len(),
            started.elapsed().as_secs_f64(),
            csv.display()
        );
        let outcome = postgres(&options, &csv, &meters, day).await;
        let _ = std::fs::remove_file(&csv);
        outcome?;
    }
    if options.sqlite_meters > 0 {
        let meters = meter_ids(options.sqlite_meters);
        let csv = options.work_dir.join("sqlite-day.csv");
        write_day_csv(&csv, &meters, day_start)?;
        let outcome = sqlite(&options, &csv).await;
        let _ = std::fs::remove_file(&csv);
        outcome?;
    }
    Ok(())
}
