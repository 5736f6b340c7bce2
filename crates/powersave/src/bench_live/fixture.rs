//! The programme `bench live` measures: households with meters, weeks of history, a live session
//! they all joined with baselines computed, a data-source key and one access token per household.
//!
//! Set up through the store's own calls (one password hash shared by all, since nobody signs in:
//! access tokens are signed with the server's key as `POST /auth/login` would), so the rows are
//! exactly what the product writes.

use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::TariffCode;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ValidReading, validate};
use domain::session::{Audience, SessionState, SessionWindow};
use futures_util::StreamExt;
use store::{Backend, NewUser, SessionPlan, SourceKind, Store};
use uuid::Uuid;

/// Energy of the second quarter hour of the session's first half hour, which the benchmark never
/// changes (Wh).
pub const SECOND_QUARTER_WH: u32 = 250;
/// Energy of the first quarter hour before the benchmark starts changing it (Wh).
pub const FIRST_QUARTER_WH: u32 = 100;

/// One household of the benchmark.
pub struct Household {
    /// The utility's meter id, as uploads name it.
    pub meter_id: String,
    /// Its bearer token for the live stream.
    pub token: String,
}

/// What the load generator needs.
pub struct Fixture {
    /// The live session everyone joined.
    pub session: Uuid,
    /// Start of the session: readings for this quarter hour are what the benchmark sends.
    pub first_quarter: DateTime<Utc>,
    /// The households, in meter order.
    pub households: Vec<Household>,
    /// Key of the data source the readings are uploaded with.
    pub api_key: String,
    /// Participants with a usable baseline.
    pub with_baseline: usize,
}

fn meter_id(index: usize) -> String {
    format!("CY-L{index:07}")
}

/// A session window that is live now: from the half hour that ended at the last half-hour
/// boundary, for up to two hours, within one local day (the engine's rule), so its first half
/// hour is complete and its readings are valid.
fn live_window(tz: chrono_tz::Tz, now: DateTime<Utc>) -> anyhow::Result<SessionWindow> {
    let half_hour = Duration::minutes(30);
    let starts_at = now.duration_trunc(half_hour)? - half_hour;
    let date = starts_at.with_timezone(&tz).date_naive();
    let midnight = domain::calendar::local_day_start(tz, date + Duration::days(1))
        .context("the programme's time zone has no such day")?;
    Ok(SessionWindow {
        starts_at,
        ends_at: (starts_at + Duration::hours(2)).min(midnight),
        join_deadline: starts_at,
    })
}

/// Creates `count` households with meters (in parallel on PostgreSQL; one at a time on SQLite,
/// whose single writer would only make concurrent transactions retry).
async fn households(state: &api::AppState, count: usize) -> anyhow::Result<Vec<(Uuid, String)>> {
    let store = &state.store;
    let password = api::auth::tokens::new_refresh_token().map_err(anyhow::Error::msg)?;
    let password_hash = state
        .passwords
        .hash(password)
        .await
        .map_err(anyhow::Error::msg)?;
    let zone = state.settings.programme.time_zone;
    let parallel = if store.backend() == Backend::Postgres {
        8
    } else {
        1
    };
    let created: Vec<anyhow::Result<(Uuid, String)>> = futures_util::stream::iter(0..count)
        .map(|index| {
            let password_hash = password_hash.clone();
            async move {
                let user = store
                    .create_user(NewUser {
                        email: Email::parse(&format!(
                            "household-{index:05}@bench.powersave.local"
                        ))?,
                        display_name: DisplayName::parse(&format!("Bench {index:05}"))?,
                        password_hash,
                        role: Role::Consumer,
                        tariff_code: TariffCode::parse("01")?,
                        time_zone: zone,
                        language: domain::language::Language::English,
                    })
                    .await?;
                let meter = meter_id(index);
                store
                    .link_meter(
                        user.id,
                        &MeterId::parse(&meter)?,
                        IntervalLength::FifteenMinutes,
                    )
                    .await?;
                anyhow::Ok((user.id, meter))
            }
        })
        .buffered(parallel)
        .collect()
        .await;
    created.into_iter().collect()
}

/// Quarter-hour readings from `history_days` local days before the session up to the end of
/// its first half hour, with a daily shape; the session's first half hour is
/// [`FIRST_QUARTER_WH`] + [`SECOND_QUARTER_WH`].
async fn history(
    store: &Store,
    tz: chrono_tz::Tz,
    meters: &[String],
    window: &SessionWindow,
    history_days: i64,
) -> anyhow::Result<u64> {
    let directory = store.meter_directory().await?;
    let date = window.starts_at.with_timezone(&tz).date_naive();
    let first = domain::calendar::local_day_start(tz, date - Duration::days(history_days))
        .context("the programme's time zone has no such day")?;
    let quarter = Duration::minutes(15);
    let end = window.starts_at + Duration::minutes(30);
    let now = Utc::now();
    let limits = domain::reading::ReadingLimits::default();
    let mut written = 0;
    for (chunk_index, chunk) in meters.chunks(100).enumerate() {
        let mut batch: Vec<ValidReading> = Vec::new();
        for (offset, meter) in chunk.iter().enumerate() {
            let household = chunk_index * 100 + offset;
            let stored = directory
                .get(meter)
                .with_context(|| format!("meter {meter} was not stored"))?;
            let mut at = first;
            while at < end {
                let wh = if at == window.starts_at {
                    FIRST_QUARTER_WH
                } else if at == window.starts_at + quarter {
                    SECOND_QUARTER_WH
                } else {
                    let slot = (at.timestamp() / 900).rem_euclid(96) as usize;
                    let evening = if (64..88).contains(&slot) { 150 } else { 0 };
                    (60 + (slot * 7 + household * 13) % 120 + evening) as u32
                };
                batch.push(validate(
                    stored.id,
                    IntervalLength::FifteenMinutes,
                    at,
                    f64::from(wh) / 1000.0,
                    Quality::Actual,
                    now,
                    &limits,
                )?);
                at += quarter;
            }
        }
        written += store.upsert_readings(&batch).await?.accepted();
    }
    Ok(written)
}

/// Builds the whole programme on `state`'s (empty) database.
pub async fn prepare(
    state: &api::AppState,
    tz: chrono_tz::Tz,
    count: usize,
    history_days: i64,
) -> anyhow::Result<Fixture> {
    let store = &state.store;
    let started = Instant::now();
    let created = households(state, count).await?;
    println!(
        "setup     {count} households with a meter each in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let window = live_window(tz, Utc::now())?;
    let started = Instant::now();
    let meters: Vec<String> = created.iter().map(|(_, meter)| meter.clone()).collect();
    let readings = history(store, tz, &meters, &window, history_days).await?;
    println!(
        "setup     {readings} readings of history ({history_days} days) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let plan = SessionPlan {
        title: "Bench: live streams".to_owned(),
        description: "Created by `powersave bench live`.".to_owned(),
        greek: Default::default(),
        window,
        points_per_kwh: 100,
        opt_in_bonus: 10,
        audience: Audience::Everyone,
        baseline_method: domain::baseline::MethodName::LikeDays,
        surprise: true,
    };
    let session = store.create_session(&plan, None).await?;
    for (user, _) in &created {
        store.join_session(session.id, *user).await?;
    }
    store
        .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
        .await?;
    let session = store
        .set_session_state(session.id, SessionState::Scheduled, SessionState::Live)
        .await?;
    state.engine.compute_baselines(&session).await?;
    let with_baseline = store
        .all_session_results(session.id)
        .await?
        .iter()
        .filter(|result| result.status.has_baseline())
        .count();
    println!(
        "setup     live session {} ({} to {}), joined by all, baselines for {with_baseline} in {:.1} s",
        session.id,
        window.starts_at.format("%H:%M"),
        window.ends_at.format("%H:%M UTC"),
        started.elapsed().as_secs_f64()
    );

    let api_key = format!(
        "psk_{}",
        api::auth::tokens::new_refresh_token().map_err(anyhow::Error::msg)?
    );
    store
        .create_source(
            "bench-live",
            SourceKind::Api,
            Some(api::auth::tokens::refresh_token_hash(&api_key)),
        )
        .await?;
    let households = created
        .into_iter()
        .map(|(user, meter_id)| {
            // Accounts just created are at token version 0.
            let token = state
                .tokens
                .issue(user, Role::Consumer, 0)
                .map_err(anyhow::Error::msg)?;
            anyhow::Ok(Household { meter_id, token })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Fixture {
        session: session.id,
        first_quarter: window.starts_at,
        households,
        api_key,
        with_baseline,
    })
}
