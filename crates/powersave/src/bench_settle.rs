//! `powersave bench settle`: a 2-hour Saving Session settled for a national audience, measured
//! step by step on PostgreSQL and SQLite.
//!
//! The fixture is built fast and outside the timing: households enrolled in bulk, 47 UTC days of
//! quarter-hour history per meter copied in SQL from a few hundred generated day profiles (the
//! event day's profiles use less during the session), and a settled session a week before that
//! everybody took part in. The timed part is exactly what the job
//! worker runs: baselines at session start (45 days of history read per participant), the
//! settlement once the data is in, and the Green Points.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::account::{DisplayName, Email};
use domain::baseline::Eligibility;
use domain::calendar::Calendar;
use domain::household::{HouseholdName, TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::day_number;
use domain::session::{Audience, SessionWindow};
use engine::{Engine, EngineSettings};
use sqlx::{AssertSqlSafe, Connection, PgConnection, SqliteConnection};
use store::{
    Backend, DatabaseUrl, Enrolment, PoolOptions, SessionPlan, SessionRecord, SessionResultRecord,
    Store,
};

use crate::bench::{on_fresh_postgres, on_fresh_sqlite};

/// Options of `powersave bench settle`.
#[derive(Debug, clap::Args)]
pub struct SettleBench {
    /// Participants of the PostgreSQL run (0 skips it).
    #[arg(long, default_value_t = 500_000)]
    pub postgres_participants: usize,
    /// Participants of the SQLite run (0 skips it).
    #[arg(long, default_value_t = 100_000)]
    pub sqlite_participants: usize,
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

/// Distinct day profiles the history is drawn from.
const PROFILES: i64 = 512;
/// UTC days of history before the event day (the 45-day lookback and a margin for time zones).
const HISTORY_DAYS: i32 = 46;

/// Quarter-hour watt-hours of profile `k`: a base load, an evening peak and deterministic noise;
/// `saving` quarters use 30% less.
fn profile(k: i64, saving: &std::ops::Range<usize>) -> Vec<u8> {
    let mut state = (k as u64).wrapping_mul(6_364_136_223_846_793_005) | 1;
    let mut bytes = Vec::with_capacity(96 * 4);
    for quarter in 0..96usize {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let noise = (state >> 33) % 80;
        let base = 40 + (k % 60) as u64;
        let peak = if (56..80).contains(&quarter) { 180 } else { 0 };
        let mut wh = base + peak + noise;
        if saving.contains(&quarter) {
            wh = wh * 7 / 10;
        }
        bytes.extend_from_slice(&(wh as i32).to_le_bytes());
    }
    bytes
}

/// The session: yesterday 17:00–19:00 in Nicosia, over and with its data complete.
fn session_window(calendar: &Calendar) -> anyhow::Result<SessionWindow> {
    let yesterday = calendar.locate(Utc::now().timestamp()).0 - Duration::days(1);
    let starts_at = (calendar.local_day(yesterday).start() + Duration::hours(17))
        .duration_trunc(Duration::minutes(30))?;
    Ok(SessionWindow {
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        join_deadline: starts_at,
    })
}

/// A regular like-days session for everyone: 100 points per kWh and 10 for taking part.
pub(crate) fn plan(title: &str, window: SessionWindow) -> SessionPlan {
    SessionPlan {
        title: title.to_owned(),
        description: String::new(),
        greek: Default::default(),
        window,
        points_per_kwh: 100,
        opt_in_bonus: 10,
        audience: Audience::Everyone,
        baseline_method: domain::baseline::MethodName::LikeDays,
        surprise: false,
    }
}

/// Enrols `count` households with a meter each (`bench{i}@example.com`, `CY-S{i:07}`), in
/// batches of 50,000.
pub(crate) async fn enrol_households(
    store: &Store,
    count: usize,
) -> anyhow::Result<Vec<uuid::Uuid>> {
    let tariff = TariffCode::parse("01").map_err(anyhow::Error::msg)?;
    let zone = TimeZone::parse("Europe/Nicosia").map_err(anyhow::Error::msg)?;
    let mut users = Vec::with_capacity(count);
    let batch: Vec<Enrolment> = (0..count)
        .map(|i| {
            Ok(Enrolment {
                email: Email::parse(&format!("bench{i}@example.com"))?,
                display_name: DisplayName::parse(&format!("Bench {i}"))?,
                household_name: HouseholdName::parse(&format!("Bench home {i}"))?,
                password_hash: "!bench".to_owned(),
                tariff_code: tariff.clone(),
                time_zone: zone,
                meter_id: MeterId::parse(&format!("CY-S{i:07}"))?,
                interval: IntervalLength::FifteenMinutes,
            })
        })
        .collect::<Result<_, domain::ValidationError>>()
        .map_err(anyhow::Error::msg)?;
    for chunk in batch.chunks(50_000) {
        users.extend(store.enrol_households(chunk).await?);
    }
    Ok(users)
}

/// Enrols `count` households, plans the session and signs them all up.
async fn enrol(
    store: &Store,
    count: usize,
    window: &SessionWindow,
) -> anyhow::Result<SessionRecord> {
    let started = Instant::now();
    let users = enrol_households(store, count).await?;
    let session = store
        .create_session(&plan("Benchmark evening peak", *window), None)
        .await?;
    store.join_session_many(session.id, &users).await?;
    settled_earlier(store, &users, window).await?;
    println!(
        "  fixture   {count} households enrolled and joined, with a settled session a week \
         before, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(session)
}

/// A session a week before that every household took part in and saved energy in, settled: as
/// in a running programme, its day is left out of the baselines and its outcomes are read for
/// the streak bonus.
async fn settled_earlier(
    store: &Store,
    users: &[uuid::Uuid],
    window: &SessionWindow,
) -> anyhow::Result<()> {
    use domain::session::SessionState::{Draft, Final, Live, Scheduled, Settling};
    let week = Duration::days(7);
    let a_week_before = SessionWindow {
        starts_at: window.starts_at - week,
        ends_at: window.ends_at - week,
        join_deadline: window.join_deadline - week,
    };
    let earlier = store
        .create_session(&plan("Benchmark earlier peak", a_week_before), None)
        .await?;
    store.join_session_many(earlier.id, users).await?;
    for (from, to) in [
        (Draft, Scheduled),
        (Scheduled, Live),
        (Live, Settling),
        (Settling, Final),
    ] {
        store.set_session_state(earlier.id, from, to).await?;
    }
    for chunk in users.chunks(50_000) {
        let results: Vec<SessionResultRecord> = chunk
            .iter()
            .map(|user| SessionResultRecord {
                session_id: earlier.id,
                user_id: *user,
                status: domain::settlement::ResultStatus::Final,
                reason: None,
                baseline_kwh: Some(2.0),
                actual_kwh: Some(1.5),
                saved_kwh: Some(0.5),
                periods: Vec::new(),
                data_complete: true,
                computed_at: window.ends_at - week,
            })
            .collect();
        store.save_session_results(&results).await?;
    }
    Ok(())
}

/// The SQL that copies the day profiles into every meter's history: `history` profiles on the
/// days before the event, the saving ones on the event day.
fn history_sql(event_day: i32) -> Vec<String> {
    let first = event_day - HISTORY_DAYS;
    let copy = |from: i32, to: i32, offset: i64| {
        format!(
            "INSERT INTO meter_days (meter_id, day, readings, wh, estimated, updated_at)
             WITH RECURSIVE days(d) AS (SELECT {from} UNION ALL SELECT d + 1 FROM days WHERE d < {to})
             SELECT m.id, days.d, 96, p.wh, p.estimated, CURRENT_TIMESTAMP
             FROM meters m CROSS JOIN days
             JOIN bench_profiles p ON p.k = {offset} + (m.id * 7 + days.d * 13) % {PROFILES}"
        )
    };
    vec![
        copy(first, event_day - 1, 0),
        copy(event_day, event_day, PROFILES),
        "DROP TABLE bench_profiles".to_owned(),
    ]
}

fn profiles(saving: &std::ops::Range<usize>) -> Vec<(i64, Vec<u8>)> {
    (0..2 * PROFILES)
        .map(|k| {
            let during = if k >= PROFILES { saving.clone() } else { 0..0 };
            (k, profile(k % PROFILES, &during))
        })
        .collect()
}

async fn fill_postgres(
    url: &str,
    event_day: i32,
    saving: &std::ops::Range<usize>,
) -> anyhow::Result<()> {
    let mut connection = PgConnection::connect(url).await?;
    sqlx::query("CREATE TABLE bench_profiles (k BIGINT PRIMARY KEY, wh BYTEA, estimated BYTEA)")
        .execute(&mut connection)
        .await?;
    for (k, wh) in profiles(saving) {
        sqlx::query("INSERT INTO bench_profiles VALUES ($1, $2, $3)")
            .bind(k)
            .bind(wh)
            .bind(vec![0u8; 12])
            .execute(&mut connection)
            .await?;
    }
    for sql in history_sql(event_day) {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut connection)
            .await?;
    }
    sqlx::query("VACUUM ANALYZE")
        .execute(&mut connection)
        .await?;
    Ok(())
}

async fn fill_sqlite(
    url: &str,
    event_day: i32,
    saving: &std::ops::Range<usize>,
) -> anyhow::Result<()> {
    let mut connection = SqliteConnection::connect(url).await?;
    sqlx::query("CREATE TABLE bench_profiles (k INTEGER PRIMARY KEY, wh BLOB, estimated BLOB)")
        .execute(&mut connection)
        .await?;
    for (k, wh) in profiles(saving) {
        sqlx::query("INSERT INTO bench_profiles VALUES (?, ?, ?)")
            .bind(k)
            .bind(wh)
            .bind(vec![0u8; 12])
            .execute(&mut connection)
            .await?;
    }
    for sql in history_sql(event_day) {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut connection)
            .await?;
    }
    sqlx::query("ANALYZE").execute(&mut connection).await?;
    Ok(())
}

/// Builds the fixture on `url` and times the three settlement steps.
async fn measure(url: &DatabaseUrl, participants: usize) -> anyhow::Result<()> {
    let label = match url.backend() {
        Backend::Postgres => "postgres",
        Backend::Sqlite => "sqlite",
    };
    println!("{label}: {participants} participants");
    let store = Store::connect(url, PoolOptions::default()).await?;
    store.migrate().await?;
    let calendar = Calendar::cyprus(2024..=2030, []);
    let window = session_window(&calendar)?;
    let session_id = enrol(&store, participants, &window).await?.id;

    let started = Instant::now();
    let event_day = day_number(window.starts_at);
    let first_quarter = quarter_of_day(window.starts_at);
    let saving = first_quarter..first_quarter + 8;
    store
        .ensure_reading_partitions(event_day - HISTORY_DAYS, event_day)
        .await?;
    match url.backend() {
        Backend::Postgres => fill_postgres(url.expose(), event_day, &saving).await?,
        Backend::Sqlite => fill_sqlite(url.expose(), event_day, &saving).await?,
    }
    println!(
        "  fixture   {} UTC days of quarter-hour history per meter in {:.1} s",
        HISTORY_DAYS + 1,
        started.elapsed().as_secs_f64()
    );

    let engine = Engine::new(
        store.clone(),
        EngineSettings {
            calendar,
            eligibility: Eligibility::default(),
            settlement_window: domain::settlement::SettlementWindow::default(),
            rewards: domain::rewards::RewardRules::default(),
            progress: engine::ProgressSettings::default(),
        },
    );
    let session = store.session(session_id).await?;
    let total = Instant::now();
    let step = Instant::now();
    let with_baseline = engine.compute_baselines(&session).await?;
    let baselines = step.elapsed().as_secs_f64();
    println!(
        "  baselines {with_baseline} participants (45 days of history each) in {baselines:.1} s"
    );
    let step = Instant::now();
    let summary = engine
        .settle(&session, window.ends_at + Duration::hours(12))
        .await?;
    println!(
        "  settle    {} final, {} insufficient data in {:.1} s",
        summary.final_results,
        summary.insufficient,
        step.elapsed().as_secs_f64()
    );
    let step = Instant::now();
    let entries = engine.reward(&session).await?;
    println!(
        "  reward    {entries} ledger entries in {:.1} s",
        step.elapsed().as_secs_f64()
    );
    let saved = store.session_saved_kwh(session_id).await?;
    println!(
        "  total     {:.1} s for {participants} participants ({saved:.0} kWh saved)",
        total.elapsed().as_secs_f64()
    );
    anyhow::ensure!(
        summary.final_results as usize == participants,
        "every participant should have a final result"
    );
    store.close().await?;
    Ok(())
}

fn quarter_of_day(at: DateTime<Utc>) -> usize {
    usize::try_from(at.timestamp().rem_euclid(86_400) / 900).unwrap_or(0)
}

/// Runs the benchmark and prints its figures.
pub async fn run(options: SettleBench) -> anyhow::Result<()> {
    if options.postgres_participants > 0 {
        on_fresh_postgres(
            &options.postgres_url,
            "powersave_bench_settle",
            |url| async move { measure(&url, options.postgres_participants).await },
        )
        .await?;
    }
    if options.sqlite_participants > 0 {
        on_fresh_sqlite(&options.work_dir, "settle.db", |url| async move {
            measure(&url, options.sqlite_participants).await
        })
        .await?;
    }
    Ok(())
}
