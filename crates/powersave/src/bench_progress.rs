//! `powersave bench progress`: households' levels, gardens and badges evaluated after a national
//! session, and one household's progress read over HTTP, on PostgreSQL (and SQLite).
//!
//! The fixture is built outside the timing: households enrolled in bulk and a run of past
//! sessions every household took part in, with final results (most save, some use more, a few
//! more each session) paid through the ledger as the reward job pays them. Timed: the
//! evaluation job's work after each session (`Engine::evaluate_session_progress`, which ranks
//! the session and evaluates every participant in batches), then `GET /api/v1/me/progress` for
//! households picked across the table, through a real server on a loopback port.

use std::path::PathBuf;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, DurationRound, Utc};
use domain::account::Role;
use domain::calendar::Calendar;
use domain::session::{SessionState, SessionWindow};
use engine::{Engine, EngineSettings};
use store::{Backend, DatabaseUrl, PoolOptions, SessionResultRecord, Store};
use uuid::Uuid;

use crate::bench::{on_fresh_postgres, on_fresh_sqlite};
use crate::bench_settle::{enrol_households, plan};
use crate::config::Config;

/// Options of `powersave bench progress`.
#[derive(Debug, clap::Args)]
pub struct ProgressBench {
    /// Households of the PostgreSQL run (0 skips it).
    #[arg(long, default_value_t = 500_000)]
    pub postgres_households: usize,
    /// Households of the SQLite run (0 skips it).
    #[arg(long, default_value_t = 50_000)]
    pub sqlite_households: usize,
    /// Past sessions every household took part in; each one's evaluation is timed.
    #[arg(long, default_value_t = 6)]
    pub sessions: usize,
    /// `GET /me/progress` requests timed after the last evaluation.
    #[arg(long, default_value_t = 2_000)]
    pub reads: usize,
    /// A PostgreSQL server URL with rights to create databases; a fresh one is created and dropped.
    #[arg(
        long,
        env = "POWERSAVE_BENCH_POSTGRES_URL",
        default_value = "postgres://postgres@localhost/postgres?host=/var/run/postgresql"
    )]
    pub postgres_url: String,
    /// Folder for the SQLite database.
    #[arg(long, default_value = "./data/bench")]
    pub work_dir: PathBuf,
}

/// kWh household `i` saved in session `k`: mostly 0.2–1.1 kWh; one in eight used more, a
/// different eighth each session, so streaks break and shields are used.
fn saved_kwh(i: usize, k: usize) -> f64 {
    let mixed = (i as u64)
        .wrapping_mul(2_654_435_761)
        .wrapping_add(k as u64 * 40_503)
        % 1_000;
    if (i + k).is_multiple_of(8) {
        -0.3
    } else {
        0.2 + mixed as f64 / 1_100.0
    }
}

/// A past session `days_ago` days back at 17:00–19:00 Nicosia time, every household in it,
/// settled with final results and paid.
async fn past_session(
    store: &Store,
    engine: &Engine,
    users: &[Uuid],
    days_ago: i64,
    k: usize,
) -> anyhow::Result<store::SessionRecord> {
    let calendar = engine.calendar();
    let day = calendar.locate(Utc::now().timestamp()).0 - Duration::days(days_ago);
    let starts_at = (calendar.local_day(day).start() + Duration::hours(17))
        .duration_trunc(Duration::minutes(30))?;
    let window = SessionWindow {
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        join_deadline: starts_at,
    };
    let mut session_plan = plan(&format!("Benchmark session {k}"), window);
    session_plan.surprise = k == 2;
    let session = store.create_session(&session_plan, None).await?;
    store.join_session_many(session.id, users).await?;
    for (from, to) in [
        (SessionState::Draft, SessionState::Scheduled),
        (SessionState::Scheduled, SessionState::Live),
        (SessionState::Live, SessionState::Settling),
    ] {
        store.set_session_state(session.id, from, to).await?;
    }
    for (c, chunk) in users.chunks(50_000).enumerate() {
        let results: Vec<SessionResultRecord> = chunk
            .iter()
            .enumerate()
            .map(|(j, user)| {
                let saved = saved_kwh(c * 50_000 + j, k);
                SessionResultRecord {
                    session_id: session.id,
                    user_id: *user,
                    status: domain::settlement::ResultStatus::Final,
                    reason: None,
                    baseline_kwh: Some(2.0),
                    actual_kwh: Some(2.0 - saved),
                    saved_kwh: Some(saved),
                    periods: Vec::new(),
                    data_complete: true,
                    computed_at: window.ends_at,
                }
            })
            .collect();
        store.save_session_results(&results).await?;
    }
    let session = store
        .set_session_state(session.id, SessionState::Settling, SessionState::Final)
        .await?;
    engine.reward(&session).await?;
    Ok(session)
}

fn percentile(sorted: &[StdDuration], share: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64) * share).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

/// Reads `reads` households' progress through a real server and prints the latencies.
async fn read_progress(
    config: &Config,
    store: &Store,
    users: &[Uuid],
    reads: usize,
) -> anyhow::Result<()> {
    let state = crate::bench_live::loopback_state(config, store)?;
    let tokens = state.tokens.clone();
    let app = api::router(state).map_err(anyhow::Error::msg)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/api/v1/me/progress", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(api::serve(listener, app, async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let step = (users.len() / reads.max(1)).max(1);
    let mut latencies = Vec::with_capacity(reads);
    let mut bytes = 0;
    for user in users.iter().step_by(step).take(reads) {
        let token = tokens
            .issue(*user, Role::Consumer, 0)
            .map_err(anyhow::Error::msg)?;
        let started = Instant::now();
        let response = client.get(&url).bearer_auth(&token).send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        latencies.push(started.elapsed());
        anyhow::ensure!(status.is_success(), "GET /me/progress answered {status}");
        bytes = body.len();
    }
    let _ = stop.send(());
    let _ = tokio::time::timeout(StdDuration::from_secs(10), server).await;
    latencies.sort();
    println!(
        "  read      GET /me/progress × {}: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} bytes)",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        bytes
    );
    Ok(())
}

async fn measure(
    config: &Config,
    url: &DatabaseUrl,
    households: usize,
    options: &ProgressBench,
) -> anyhow::Result<()> {
    let label = match url.backend() {
        Backend::Postgres => "postgres",
        Backend::Sqlite => "sqlite",
    };
    println!(
        "{label}: {households} households, {} sessions",
        options.sessions
    );
    let store = Store::connect(url, PoolOptions::default()).await?;
    store.migrate().await?;
    let engine = Engine::new(
        store.clone(),
        EngineSettings {
            calendar: Calendar::cyprus(2024..=2030, []),
            ..config.programme_settings().engine_settings()
        },
    );
    let started = Instant::now();
    let users = enrol_households(&store, households).await?;
    println!(
        "  fixture   {households} households enrolled in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for k in 0..options.sessions {
        let days_ago = 3 * (options.sessions - k) as i64;
        let started = Instant::now();
        let session = past_session(&store, &engine, &users, days_ago, k).await?;
        let fixture = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let summary = engine
            .evaluate_session_progress(&session, Utc::now())
            .await?;
        println!(
            "  session {}  settled and paid in {fixture:.1} s (fixture); progress of {} households \
             evaluated in {:.1} s: {} badges, {} levels",
            k + 1,
            summary.households,
            started.elapsed().as_secs_f64(),
            summary.badges_awarded,
            summary.levels_reached
        );
    }
    let counts = store.programme_progress().await?;
    let mut levels: Vec<_> = counts.levels.iter().collect();
    levels.sort();
    println!("  levels    {levels:?}; health {:?}", counts.health);
    read_progress(config, &store, &users, options.reads).await
}

/// Runs the benchmark and prints its figures.
pub async fn run(config: &Config, options: ProgressBench) -> anyhow::Result<()> {
    let options = &options;
    if options.postgres_households > 0 {
        on_fresh_postgres(
            &options.postgres_url,
            "powersave_bench_progress",
            |url| async move { measure(config, &url, options.postgres_households, options).await },
        )
        .await?;
    }
    if options.sqlite_households > 0 {
        on_fresh_sqlite(&options.work_dir, "progress.db", |url| async move {
            measure(config, &url, options.sqlite_households, options).await
        })
        .await?;
    }
    Ok(())
}
