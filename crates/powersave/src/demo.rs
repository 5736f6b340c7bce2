//! The demo programme of `make run`: staff and consumer accounts to sign in with, a few hundred
//! households whose simulated meters report like real ones, and Saving Sessions in every state
//! (see docs/DEMO.md for what each account shows).

mod history;
mod sessions;

use anyhow::Context;
use api::auth::password::Passwords;
use domain::account::{DisplayName, Email, Password, Role};
use domain::household::District;
use domain::meter::{IntervalLength, MeterId};
use store::{HouseholdUpdate, NewUser, Store, StoreError};

use crate::config::Config;

pub use sessions::prepare as prepare_sessions;

/// The demo consumer's meter: simulated like the households' and joined to the demo sessions.
pub const CONSUMER_METER: &str = "CY-DEMO-0001";

/// The demo accounts, the richest first: (e-mail, display name, role, password).
const DEMO_ACCOUNTS: &[(&str, &str, Role, &str)] = &[
    (
        "eleni@powersave.local",
        "Eleni",
        Role::Consumer,
        "consumer-demo-2026",
    ),
    (
        "admin@powersave.local",
        "Demo Admin",
        Role::Admin,
        "admin-demo-2026",
    ),
    (
        "superadmin@powersave.local",
        "Demo Superadmin",
        Role::SuperAdmin,
        "superadmin-demo-2026",
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
            .link_simulated_meter(user.id, &meter, IntervalLength::FifteenMinutes)
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
                    .link_simulated_meter(
                        user.id,
                        &MeterId::parse(CONSUMER_METER)?,
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

/// The accounts to try the demo with, the richest first, as the banner and the front door at
/// `/` name them: (what it is, e-mail, password).
pub fn accounts_to_try() -> Vec<api::front_door::DemoAccount> {
    let account = |role: &str, email: &str, password: &str| api::front_door::DemoAccount {
        role: role.to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
    };
    let mut accounts: Vec<_> = DEMO_ACCOUNTS
        .iter()
        .map(|(email, _, role, password)| account(&role.to_string(), email, password))
        .collect();
    accounts.push(account(
        "household",
        "household-0001@demo.powersave.local",
        HOUSEHOLD_PASSWORD,
    ));
    accounts
}

/// Tells a person how to sign in to a demo of `households` simulated households.
pub fn print_credentials(base: &str, households: u32) {
    println!("Demo accounts (sign in at {base}/app/ or {base}/admin/; all listed at {base}/):");
    for account in accounts_to_try() {
        println!(
            "  {:<10} {:<36} password: {}",
            account.role, account.email, account.password
        );
    }
    println!(
        "  (the consumer takes part in the demo sessions, see docs/DEMO.md; household-0001 … household-{households:04} have simulated meters CY-SIM-0000001 …)"
    );
}
