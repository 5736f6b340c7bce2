//! The demo's Saving Sessions, ready before the server answers its first request: evenings over
//! the past weeks already settled and rewarded (all final but yesterday's, still provisional
//! because the demo consumer's meter is late with its last hour), one session running now with
//! its baselines, and one tomorrow that households can still join. Each past session's
//! participants have their progress evaluated as the job worker would, in order, so gardens,
//! levels and badges have grown by the first request.
//!
//! The demo consumer and 39 simulated households take part in every session but tomorrow's, so
//! the account the start-up banner names has the most to show. Sessions are planned before the
//! simulated history is delivered, so the households that joined already respond to them in that
//! history. A later start on the same data folder adds a live and an upcoming session when none
//! is left, and moves sessions whose time has come on, as the job worker would, so nothing in the
//! past is ever shown as live.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use domain::baseline::MethodName;
use domain::session::{
    Audience, GreekText, PlanContext, PlanDraft, SessionPlan, SessionRules, SessionState,
    SessionWindow,
};
use engine::Engine;
use store::{SessionRecord, Store};
use uuid::Uuid;

use super::history::{self, LateReadings};
use crate::config::Config;

/// Title prefix of the demo sessions: how the demo recognises its own.
pub const PREFIX: &str = "Demo: ";

/// The same prefix on the Greek titles.
const PREFIX_EL: &str = "Επίδειξη: ";

/// Simulated households (`CY-SIM-0000001` …) that join the demo sessions beside the consumer,
/// making 40 participants.
const JOINING_HOUSEHOLDS: u64 = 39;

/// Green Points per kWh saved in every demo session.
pub const POINTS_PER_KWH: u32 = 100;

/// Green Points for taking part in a demo session.
pub const OPT_IN_BONUS: u32 = 10;

/// Earlier evenings of the demo programme, settled and final: enough sessions for gardens with
/// several plants, a level past the first and badges (runs, kWh saved, a full month is not
/// promised: it depends on the calendar).
const EARLIER_EVENINGS: [(i64, &str, &str); 10] = [
    (
        25,
        "Evening peak (25 days ago)",
        "Βραδινή αιχμή (πριν από 25 ημέρες)",
    ),
    (
        23,
        "Evening peak (23 days ago)",
        "Βραδινή αιχμή (πριν από 23 ημέρες)",
    ),
    (
        20,
        "Evening peak (20 days ago)",
        "Βραδινή αιχμή (πριν από 20 ημέρες)",
    ),
    (
        18,
        "Evening peak (18 days ago)",
        "Βραδινή αιχμή (πριν από 18 ημέρες)",
    ),
    (
        16,
        "Evening peak (16 days ago)",
        "Βραδινή αιχμή (πριν από 16 ημέρες)",
    ),
    (
        13,
        "Evening peak (13 days ago)",
        "Βραδινή αιχμή (πριν από 13 ημέρες)",
    ),
    (
        11,
        "Evening peak (11 days ago)",
        "Βραδινή αιχμή (πριν από 11 ημέρες)",
    ),
    (
        9,
        "Evening peak (9 days ago)",
        "Βραδινή αιχμή (πριν από 9 ημέρες)",
    ),
    (
        6,
        "Evening peak (6 days ago)",
        "Βραδινή αιχμή (πριν από 6 ημέρες)",
    ),
    (
        4,
        "Evening peak (4 days ago)",
        "Βραδινή αιχμή (πριν από 4 ημέρες)",
    ),
];

/// A demo session to plan.
struct Planned {
    title: &'static str,
    /// The title in Greek: the demo can be shown in either language.
    title_el: &'static str,
    window: SessionWindow,
    /// Whether the consumer and the simulated households join it.
    joined: bool,
}

/// Plans what is missing, delivers the simulated history, then moves every demo session as far
/// as the clock says: started ones get their baselines, ended ones are settled and rewarded.
pub async fn prepare(
    config: &Config,
    store: &Store,
    engine: &Engine,
    consumer_meter: &str,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let tz = config.time_zone();
    let existing = demo_sessions(store).await?;
    let first_run = existing.is_empty();
    let has_live = existing.iter().any(|s| {
        matches!(s.state, SessionState::Scheduled | SessionState::Live)
            && s.plan.window.starts_at <= now
            && now < s.plan.window.ends_at
    });
    let has_upcoming = existing
        .iter()
        .any(|s| s.state == SessionState::Scheduled && s.plan.window.starts_at > now);
    let day =
        |days_from_today: i64, (title, title_el): (&'static str, &'static str), joined: bool| {
            let date = now.with_timezone(&tz).date_naive() + Duration::days(days_from_today);
            let start = domain::calendar::local_day_start(tz, date)
                .context("the programme's time zone has no such day")?
                + Duration::hours(17);
            anyhow::Ok(Planned {
                title,
                title_el,
                window: window(start, start + Duration::hours(2)),
                joined,
            })
        };
    let (live_start, live_end) = domain::calendar::window_within_local_day(
        tz,
        now,
        Duration::minutes(30),
        Duration::hours(2),
    );
    let mut planned = Vec::new();
    // Late readings only with a fresh history: on a later start that evening is long delivered.
    let mut late = None;
    if first_run {
        let yesterday = day(
            -1,
            ("Evening peak (yesterday)", "Βραδινή αιχμή (χθες)"),
            true,
        )?;
        late = Some(LateReadings {
            meter_id: consumer_meter.to_owned(),
            from: yesterday.window.ends_at - Duration::hours(1),
            to: yesterday.window.ends_at,
        });
        for (days_ago, title, title_el) in EARLIER_EVENINGS {
            planned.push(day(-days_ago, (title, title_el), true)?);
        }
        planned.push(day(
            -2,
            ("Evening peak (two days ago)", "Βραδινή αιχμή (προχθές)"),
            true,
        )?);
        planned.push(yesterday);
    }
    if !has_live {
        planned.push(Planned {
            title: "Grid stress (live now)",
            title_el: "Φόρτος δικτύου (σε εξέλιξη)",
            window: window(live_start, live_end),
            joined: true,
        });
    }
    if !has_upcoming {
        planned.push(day(
            1,
            ("Evening peak (tomorrow)", "Βραδινή αιχμή (αύριο)"),
            false,
        )?);
    }
    let created = create(config, store, &planned, consumer_meter).await?;
    let readings = history::deliver(config, store, late).await?;
    let mut sessions = demo_sessions(store).await?;
    sessions.sort_by_key(|s| s.plan.window.starts_at);
    for session in sessions {
        advance(engine, session, Utc::now()).await?;
    }
    // Households that took part in nothing still have a garden that says so.
    engine.evaluate_everyone(Utc::now()).await?;
    tracing::info!(
        created,
        readings,
        "the demo programme is ready: history delivered, past sessions settled"
    );
    Ok(())
}

fn window(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> SessionWindow {
    SessionWindow {
        starts_at,
        ends_at,
        join_deadline: starts_at,
    }
}

/// Every demo session, whatever its state.
async fn demo_sessions(store: &Store) -> anyhow::Result<Vec<SessionRecord>> {
    let page = domain::paging::PageRequest::new(None, Some(100))?;
    Ok(store
        .list_sessions(&[], true, page)
        .await?
        .items
        .into_iter()
        .filter(|s| s.plan.title.starts_with(PREFIX))
        .collect())
}

/// Stores the planned sessions that overlap nothing, joined by the consumer and the simulated
/// households where planned so, and announces them. Returns how many were stored.
async fn create(
    config: &Config,
    store: &Store,
    planned: &[Planned],
    consumer_meter: &str,
) -> anyhow::Result<usize> {
    let meters: Vec<String> = (1..=JOINING_HOUSEHOLDS)
        .map(simulator::Simulator::meter_id)
        .chain([consumer_meter.to_owned()])
        .collect();
    let ids: Vec<i64> = store
        .meters_by_utility_ids(&meters)
        .await?
        .values()
        .map(|m| m.id)
        .collect();
    let households = store.households_of_meters(&ids).await?;
    let mut created = 0;
    for session in planned {
        let draft = PlanDraft {
            title: format!("{PREFIX}{}", session.title),
            description: "Use less than usual during these hours and earn Green Points.".to_owned(),
            greek: GreekText {
                title: Some(format!("{PREFIX_EL}{}", session.title_el)),
                description: Some(
                    "Καταναλώστε λιγότερο από ό,τι συνήθως αυτές τις ώρες και κερδίστε Πράσινους Πόντους."
                        .to_owned(),
                ),
            },
            starts_at: session.window.starts_at,
            ends_at: session.window.ends_at,
            join_deadline: Some(session.window.join_deadline),
            points_per_kwh: POINTS_PER_KWH,
            opt_in_bonus: OPT_IN_BONUS,
            audience: Audience::Everyone,
            baseline_method: MethodName::LikeDays,
            surprise: true,
        };
        let context = PlanContext {
            rules: &SessionRules::default(),
            districts: &config.programme.districts,
            time_zone: config.time_zone(),
        };
        let plan = SessionPlan::new(draft, context).map_err(|problems| {
            anyhow::anyhow!("demo session {:?}: {problems:?}", session.title)
        })?;
        if !store
            .overlapping_sessions(&plan.window, None)
            .await?
            .is_empty()
        {
            continue;
        }
        let stored = store.create_session(&plan, None).await?;
        if session.joined {
            for household in &households {
                store.join_session(stored.id, *household).await?;
            }
        }
        store
            .set_session_state(stored.id, SessionState::Draft, SessionState::Scheduled)
            .await?;
        created += 1;
    }
    Ok(created)
}

/// What the job worker does when a session's time comes, done at once: a started session gets
/// its baselines, an ended one is settled and rewarded (and final when its data is complete).
async fn advance(
    engine: &Engine,
    session: SessionRecord,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let store = engine.store();
    let mut session = session;
    if session.state == SessionState::Scheduled && session.plan.window.starts_at <= now {
        session = moved(
            store,
            session.id,
            SessionState::Scheduled,
            SessionState::Live,
        )
        .await?;
        engine.compute_baselines(&session).await?;
    }
    if session.state == SessionState::Live && session.plan.window.ends_at <= now {
        session = moved(
            store,
            session.id,
            SessionState::Live,
            SessionState::Settling,
        )
        .await?;
        let summary = engine.settle(&session, now).await?;
        engine.reward(&session).await?;
        if summary.is_complete() {
            session = moved(
                store,
                session.id,
                SessionState::Settling,
                SessionState::Final,
            )
            .await?;
        }
        engine.evaluate_session_progress(&session, now).await?;
    }
    Ok(())
}

async fn moved(
    store: &Store,
    id: Uuid,
    from: SessionState,
    to: SessionState,
) -> anyhow::Result<SessionRecord> {
    store
        .set_session_state(id, from, to)
        .await
        .with_context(|| format!("moving demo session {id} from {from} to {to}"))
}
