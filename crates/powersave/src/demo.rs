//! The demo programme of `make run`: staff and consumer accounts to sign in with, and a few
//! hundred households whose simulated meters report like real ones.

use anyhow::Context;
use api::auth::password::Passwords;
use domain::account::{DisplayName, Email, Password, Role};
use domain::household::District;
use domain::meter::{IntervalLength, MeterId};
use store::{HouseholdUpdate, NewUser, Store, StoreError};

use crate::config::Config;

/// The demo accounts: (e-mail, display name, role, password).
const DEMO_ACCOUNTS: &[(&str, &str, Role, &str)] = &[
    (
        "superadmin@powersave.local",
        "Demo Superadmin",
        Role::SuperAdmin,
        "superadmin-demo-2026",
    ),
    (
        "admin@powersave.local",
        "Demo Admin",
        Role::Admin,
        "admin-demo-2026",
    ),
    (
        "eleni@powersave.local",
        "Eleni",
        Role::Consumer,
        "consumer-demo-2026",
    ),
];

/// Password of every demo household (`household-0001@demo.powersave.local` and so on).
const HOUSEHOLD_PASSWORD: &str = "household-demo-2026";

/// First names the demo households are shown with.
const FIRST_NAMES: &[&str] = &[
    "Andreas",
    "Maria",
    "Georgios",
    "Eleni",
    "Christos",
    "Androulla",
    "Nikos",
    "Despina",
    "Kostas",
    "Panayiota",
    "Michalis",
    "Sofia",
    "Stelios",
    "Katerina",
    "Marios",
    "Anna",
];

/// Creates whatever of the demo programme is missing: the accounts, and
/// `meter_data.simulator.demo_households` households with simulated meters.
pub async fn seed(config: &Config, store: &Store) -> anyhow::Result<()> {
    seed_accounts(config, store).await?;
    seed_households(config, store).await
}

async fn seed_households(config: &Config, store: &Store) -> anyhow::Result<()> {
    let count = config.meter_data.simulator.demo_households;
    let last_meter = MeterId::parse(&simulator::Simulator::meter_id(u64::from(count)))?;
    if count == 0
        || !store
            .meters_by_utility_ids(&[last_meter.as_str().to_owned()])
            .await?
            .is_empty()
    {
        return Ok(());
    }
    let passwords = Passwords::new(config.password_hashing).map_err(anyhow::Error::msg)?;
    let password_hash = passwords.hash(HOUSEHOLD_PASSWORD.to_owned()).await?;
    let districts = &config.programme.districts;
    let tariff_code = config.programme.default_tariff_code.clone();
    let time_zone = config.programme.time_zone;
    for index in 1..=u64::from(count) {
        let email = Email::parse(&format!("household-{index:04}@demo.powersave.local"))?;
        let name = FIRST_NAMES[(index as usize) % FIRST_NAMES.len()];
        let created = store
            .create_user(NewUser {
                email,
                display_name: DisplayName::parse(&format!("{name} {index:04}"))?,
                password_hash: password_hash.clone(),
                role: Role::Consumer,
                tariff_code: tariff_code.clone(),
                time_zone,
            })
            .await;
        let user = match created {
            Ok(user) => user,
            Err(StoreError::Conflict(_)) => continue,
            Err(error) => return Err(error).context("creating demo households"),
        };
        let district = districts
            .get((index as usize) % districts.len().max(1))
            .map(|d| District::parse(d, districts))
            .transpose()?;
        store
            .update_household(
                user.id,
                HouseholdUpdate {
                    district,
                    ..Default::default()
                },
            )
            .await?;
        let meter = MeterId::parse(&simulator::Simulator::meter_id(index))?;
        store
            .link_meter(user.id, &meter, IntervalLength::FifteenMinutes)
            .await?;
    }
    tracing::info!(households = count, "created the demo households");
    Ok(())
}

/// Creates the demo accounts that do not exist yet; the consumer gets a district and a meter.
async fn seed_accounts(config: &Config, store: &Store) -> anyhow::Result<()> {
    for &(email, name, role, password) in DEMO_ACCOUNTS {
        let email = Email::parse(email)?;
        let password = Password::parse(password, None)?;
        match crate::accounts::insert(
            config,
            store,
            email,
            DisplayName::parse(name)?,
            role,
            &password,
        )
        .await
        {
            Ok(user) if role == Role::Consumer => {
                let district = config
                    .programme
                    .districts
                    .first()
                    .map(|d| District::parse(d, &config.programme.districts));
                store
                    .update_household(
                        user.id,
                        HouseholdUpdate {
                            district: district.transpose()?,
                            ..Default::default()
                        },
                    )
                    .await?;
                store
                    .link_meter(
                        user.id,
                        &MeterId::parse("CY-DEMO-0001")?,
                        IntervalLength::FifteenMinutes,
                    )
                    .await?;
            }
            Ok(_) => {}
            Err(error)
                if matches!(
                    error.downcast_ref::<StoreError>(),
                    Some(StoreError::Conflict(_))
                ) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Tells a person how to sign in to a demo.
pub fn print_credentials(base: &str) {
    println!("Demo accounts (sign in with POST {base}/api/v1/auth/login or from {base}/api/docs):");
    for (email, _, role, password) in DEMO_ACCOUNTS {
        println!("  {role:<10} {email:<28} password: {password}");
    }
    println!(
        "  households household-0001@demo.powersave.local … password: {HOUSEHOLD_PASSWORD} (simulated meters CY-SIM-0000001 …)"
    );
}

/// Title prefix of the demo sessions, so seeding happens once.
const DEMO_SESSION_PREFIX: &str = "Demo: ";

/// Plans two sessions for the demo households: one that ended two days ago (the job worker
/// settles and rewards it) and one running now (its live view updates as simulated readings
/// arrive). They stay drafts until the simulated history is in — the simulated households already
/// respond to them in that history — and are then announced, so the worker starts them with
/// baselines. Does nothing when they exist.
pub async fn seed_sessions(config: &Config, store: &Store) -> anyhow::Result<()> {
    let page = domain::paging::PageRequest::new(None, Some(100))?;
    let existing = store.list_sessions(&[], false, page).await?;
    if existing
        .items
        .iter()
        .any(|s| s.plan.title.starts_with(DEMO_SESSION_PREFIX))
    {
        return Ok(());
    }
    let tz = config.time_zone();
    let now = chrono::Utc::now();
    // Started a half hour ago, so its first period is over and the live view has figures, but
    // within today's local day.
    let (live_start, _) = domain::calendar::window_within_local_day(
        tz,
        now,
        chrono::Duration::minutes(30),
        chrono::Duration::hours(2),
    );
    let today = now.with_timezone(&tz).date_naive();
    let past_day = today - chrono::Duration::days(2);
    let past_start = domain::calendar::local_day_start(tz, past_day)
        .context("the programme's time zone has no such day")?
        + chrono::Duration::hours(17);
    let households = {
        let meters = store
            .meters_by_utility_ids(
                &(1..=40)
                    .map(simulator::Simulator::meter_id)
                    .collect::<Vec<_>>(),
            )
            .await?;
        let ids: Vec<i64> = meters.values().map(|m| m.id).collect();
        store.households_of_meters(&ids).await?
    };
    let mut planned = Vec::new();
    for (title, start) in [
        ("Evening peak (two days ago)", past_start),
        ("Grid stress (live now)", live_start),
    ] {
        let plan = store::SessionPlan {
            title: format!("{DEMO_SESSION_PREFIX}{title}"),
            description: "Use less than usual during these hours and earn Green Points.".to_owned(),
            window: domain::session::SessionWindow {
                starts_at: start,
                ends_at: start + chrono::Duration::hours(2),
                join_deadline: start,
            },
            points_per_kwh: 100,
            opt_in_bonus: 10,
            audience: domain::session::Audience::Everyone,
            baseline_method: domain::baseline::MethodName::LikeDays,
            surprise: true,
        };
        if !store
            .overlapping_sessions(&plan.window, None)
            .await?
            .is_empty()
        {
            continue;
        }
        let session = store.create_session(&plan, None).await?;
        for household in &households {
            store.join_session(session.id, *household).await?;
        }
        planned.push(session.id);
    }
    wait_for_history(store).await?;
    for id in planned {
        store
            .set_session_state(
                id,
                domain::session::SessionState::Draft,
                domain::session::SessionState::Scheduled,
            )
            .await?;
    }
    tracing::info!(households = households.len(), "planned the demo sessions");
    Ok(())
}

/// Waits until the simulator has delivered the history baselines need.
async fn wait_for_history(store: &Store) -> anyhow::Result<()> {
    let recent = chrono::Utc::now() - chrono::Duration::hours(2);
    for _ in 0..600 {
        let sources = store.list_sources().await?;
        if sources.iter().any(|s| {
            s.kind == store::SourceKind::Simulator && s.watermark.is_some_and(|w| w >= recent)
        }) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    anyhow::bail!("the simulated history did not arrive within 10 minutes")
}
