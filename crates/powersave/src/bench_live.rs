//! `powersave bench live`: thousands of households following a live Saving Session over
//! Server-Sent Events while meter readings flow, measured from a reading's upload to the moment
//! its household's stream shows it.
//!
//! A real server (the same router, state and `api::serve` as `powersave serve`, without the job
//! worker, feeds or simulator, which would change the session or add readings of their own) runs
//! in this process on a loopback port over a fresh database; the load generator speaks HTTP to it
//! like any client.

mod fixture;
mod load;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use store::{DatabaseUrl, PoolOptions, Store};

use crate::config::Config;

/// Options of `powersave bench live`.
#[derive(Debug, clap::Args)]
pub struct LiveBench {
    /// Households, each following its own live stream.
    #[arg(long, default_value_t = 5_000)]
    pub streams: usize,
    /// Meter readings uploaded per second, round robin over the households.
    #[arg(long, default_value_t = 1_000)]
    pub rate: u32,
    /// Readings per upload (`POST /api/v1/meter-readings`).
    #[arg(long, default_value_t = 100)]
    pub batch: usize,
    /// Seconds of readings.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// Days of history before the session, for baselines.
    #[arg(long, default_value_t = 21)]
    pub history_days: i64,
    /// Run on a fresh PostgreSQL database (created and dropped) instead of a SQLite file.
    #[arg(long)]
    pub postgres: bool,
    /// A PostgreSQL server URL with rights to create databases.
    #[arg(
        long,
        env = "POWERSAVE_BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@localhost/postgres?host=/var/run/postgresql"
    )]
    pub postgres_url: String,
    /// Folder of the SQLite database.
    #[arg(long, default_value = "./data/bench")]
    pub work_dir: PathBuf,
}

/// Each stream costs a socket on both ends; raises the soft limit on open files to what the
/// run needs (at most the hard limit) and says what it did.
fn raise_open_files(streams: usize) -> anyhow::Result<()> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let needed = (streams as u64) * 2 + 1_024;
    let limit = getrlimit(Resource::Nofile);
    let current = limit.current.unwrap_or(u64::MAX);
    if current >= needed {
        println!("files     open-file limit {current} is enough for {streams} streams");
        return Ok(());
    }
    let raised = limit.maximum.map_or(needed, |hard| needed.min(hard));
    setrlimit(
        Resource::Nofile,
        rustix::process::Rlimit {
            current: Some(raised),
            maximum: limit.maximum,
        },
    )
    .context("raising the open-file limit (RLIMIT_NOFILE)")?;
    println!("files     raised the open-file limit (RLIMIT_NOFILE) from {current} to {raised}");
    anyhow::ensure!(
        raised >= needed,
        "the hard open-file limit {raised} is below the {needed} this run needs: raise it (ulimit -Hn) or use fewer --streams"
    );
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| {
            let parts: Vec<&str> = text.split_whitespace().take(3).collect();
            (parts.len() == 3).then(|| parts.join(" "))
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64) * share).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn millis(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1000.0)
}

/// The state of a real PowerSave on `store` for a benchmark on a loopback port: a fresh signing
/// key, no front ends, and no global rate limit — every request comes from 127.0.0.1 here, while a
/// real programme's clients each have their own address, so the limit would measure itself.
pub(crate) fn loopback_state(config: &Config, store: &Store) -> anyhow::Result<api::AppState> {
    let mut secret = [0u8; 48];
    getrandom::fill(&mut secret).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    let mut settings = config.api_settings(domain::secret::Secret::new(base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        secret,
    )));
    settings.rate_limits.global_per_second = u32::MAX / 2;
    settings.rate_limits.global_burst = u32::MAX / 2;
    settings.admin_ui_dir = None;
    settings.app_ui_dir = None;
    api::AppState::new(store.clone(), settings).map_err(anyhow::Error::msg)
}

/// Serves a real PowerSave on `store` on a loopback port, runs the load and prints the figures.
async fn measure(config: &Config, options: &LiveBench, store: Store) -> anyhow::Result<()> {
    let state = loopback_state(config, &store)?;
    let fixture = fixture::prepare(
        &state,
        config.time_zone(),
        options.streams,
        options.history_days,
    )
    .await?;

    let app = api::router(state).map_err(anyhow::Error::msg)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop_server, server_stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(api::serve(listener, app, async move {
        let _ = server_stopped.await;
    }));
    println!(
        "run       {} streams, {} readings/s in uploads of {}, for {} s (load average {})",
        options.streams,
        options.rate,
        options.batch,
        options.seconds,
        load_average()
    );
    let outcome = load::run(load::Load {
        base,
        fixture: &fixture,
        rate: options.rate,
        batch: options.batch,
        duration: Duration::from_secs(options.seconds),
    })
    .await?;
    let _ = stop_server.send(());
    match tokio::time::timeout(Duration::from_secs(10), server).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(error))) => tracing::warn!(%error, "the server stopped with an error"),
        Ok(Err(error)) => tracing::warn!(%error, "the server task failed"),
        Err(_) => tracing::warn!("the server did not stop within 10 s"),
    }

    let latencies = &outcome.latencies;
    println!(
        "streams   {} connected of {} ({} with a baseline), opened in {:.1} s; {} stream errors",
        outcome.connected,
        options.streams,
        fixture.with_baseline,
        outcome.open_seconds,
        outcome.stream_errors
    );
    println!(
        "readings  {} sent in {:.1} s = {:.0}/s; {} upload errors; {} seen on their stream, {} missed",
        outcome.sent,
        outcome.send_seconds,
        outcome.sent as f64 / outcome.send_seconds.max(f64::EPSILON),
        outcome.upload_errors,
        latencies.len(),
        outcome.missed
    );
    println!("events    {} progress events received", outcome.events);
    println!(
        "latency   reading → event: p50 {}  p90 {}  p99 {}  max {}",
        millis(percentile(latencies, 0.50)),
        millis(percentile(latencies, 0.90)),
        millis(percentile(latencies, 0.99)),
        millis(latencies.last().copied().unwrap_or_default())
    );
    println!("load      load average after the run {}", load_average());
    Ok(())
}

/// Runs the benchmark on SQLite (default) or a throw-away PostgreSQL database.
pub async fn run(config: &Config, options: LiveBench) -> anyhow::Result<()> {
    raise_open_files(options.streams)?;
    let pool = PoolOptions {
        max_connections: config.database_max_connections,
        ..PoolOptions::default()
    };
    if !options.postgres {
        std::fs::create_dir_all(&options.work_dir)?;
        let path = options.work_dir.join("live.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        println!("database  SQLite {}", path.display());
        let store = Store::connect(&DatabaseUrl::sqlite_file(&path), pool).await?;
        store.migrate().await?;
        let outcome = measure(config, &options, store.clone()).await;
        store.close().await?;
        return outcome;
    }
    let name = format!("powersave_bench_live_{}", std::process::id());
    let mut admin = PgConnection::connect(&options.postgres_url)
        .await
        .context("connecting to PostgreSQL")?;
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    println!("database  PostgreSQL {name} (dropped afterwards)");
    let outcome = async {
        let mut url = url::Url::parse(&options.postgres_url)?;
        url.set_path(&format!("/{name}"));
        let store = Store::connect(&DatabaseUrl::parse(url.as_str())?, pool).await?;
        store.migrate().await?;
        let outcome = measure(config, &options, store.clone()).await;
        store.close().await?;
        outcome
    }
    .await;
    sqlx::query(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    outcome
}
