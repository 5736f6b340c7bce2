//! The demo programme of `make run`: staff and consumer accounts to sign in with, a few hundred
//! households whose simulated meters report like real ones, and Saving Sessions in every state
//! (see docs/DEMO.md for what each account shows).
//!
//! The demo's passwords are public by design (printed, shown on the front door), so they are new
//! at every demo start, and a server started without `--demo` keeps the demo accounts disabled
//! (docs/SECURITY.md, "Accounts and roles").

mod history;
mod sessions;

use anyhow::Context;
use api::auth::password::Passwords;
use domain::account::{DisplayName, Email, Password, Role};
use domain::household::District;
use domain::meter::{IntervalLength, MeterId};
use store::{HouseholdUpdate, NewUser, Store, StoreError, UserRecord};

use crate::config::Config;

pub use sessions::prepare as prepare_sessions;

/// The demo consumer's meter: simulated like the households' and joined to the demo sessions.
pub const CONSUMER_METER: &str = "CY-DEMO-0001";

/// The demo accounts, the richest first: (e-mail, display name, role).
const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("eleni@powersave.local", "Eleni", Role::Consumer),
    ("admin@powersave.local", "Demo Admin", Role::Admin),
    (
        "superadmin@powersave.local",
        "Demo Superadmin",
        Role::SuperAdmin,
    ),
];

/// The e-mail of the first demo household, which the banner and the front door name.
const FIRST_HOUSEHOLD: &str = "household-0001@demo.powersave.local";

/// The passwords of this start of the demo: new random ones at every start (or the configured
/// `demo_password` for all of them), so a password once printed or shown opens nothing after
/// the next start.
#[derive(Clone)]
pub struct DemoPasswords {
    /// One per account of [`DEMO_ACCOUNTS`], in its order.
    accounts: Vec<Password>,
    /// Every simulated household's.
    households: Password,
}

impl DemoPasswords {
    /// Picks this start's passwords: `configured` for every account, or random ones.
    pub fn pick(configured: Option<&domain::secret::Secret>) -> anyhow::Result<Self> {
        let one = || -> anyhow::Result<Password> {
            let raw = match configured {
                Some(secret) => secret.expose().to_owned(),
                None => random_password()?,
            };
            Password::parse(&raw, None).context("demo_password (POWERSAVE_DEMO_PASSWORD)")
        };
        Ok(Self {
            accounts: DEMO_ACCOUNTS
                .iter()
                .map(|_| one())
                .collect::<Result<_, _>>()?,
            households: one()?,
        })
    }
}

/// 96 random bits as 16 URL-safe characters, behind a prefix that says what it is.
fn random_password() -> anyhow::Result<String> {
    use base64::Engine;
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    Ok(format!(
        "demo-{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

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

/// Argon2id hashes of this start's passwords, each computed once.
struct Hashes {
    accounts: Vec<String>,
    households: String,
}

async fn hash_all(config: &Config, passwords: &DemoPasswords) -> anyhow::Result<Hashes> {
    let hasher = Passwords::new(config.password_hashing).map_err(anyhow::Error::msg)?;
    let mut accounts = Vec::with_capacity(passwords.accounts.len());
    for password in &passwords.accounts {
        accounts.push(hasher.hash(password.expose().to_owned()).await?);
    }
    let households = hasher
        .hash(passwords.households.expose().to_owned())
        .await?;
    Ok(Hashes {
        accounts,
        households,
    })
}

/// Creates whatever of the demo programme is missing (the accounts, and
/// `meter_data.simulator.demo_households` households with simulated meters), marks them all as
/// the demo's, and gives every demo account this start's password, enabled.
pub async fn seed(config: &Config, store: &Store, passwords: &DemoPasswords) -> anyhow::Result<()> {
    let hashes = hash_all(config, passwords).await?;
    let named = seed_accounts(config, store, &hashes).await?;
    seed_households(config, store, &hashes.households).await?;
    let named: Vec<_> = named.into_iter().zip(hashes.accounts).collect();
    store
        .reset_demo_accounts(&named, hashes.households)
        .await
        .context("giving the demo accounts this start's passwords")
}

async fn seed_households(
    config: &Config,
    store: &Store,
    password_hash: &str,
) -> anyhow::Result<()> {
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
                password_hash: password_hash.to_owned(),
                role: Role::Consumer,
                tariff_code: tariff_code.clone(),
                time_zone,
                language: domain::language::Language::English,
            })
            .await;
        let user = match created {
            Ok(user) => user,
            Err(StoreError::Conflict(_)) => continue,
            Err(error) => return Err(error).context("creating demo households"),
        };
        store.mark_demo_accounts(&[user.id]).await?;
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

/// Creates the demo accounts that do not exist yet (the consumer gets a district and a meter)
/// and returns the ids of all of them, in [`DEMO_ACCOUNTS`] order. An address taken by an
/// account the demo did not create is refused: the demo never takes over a real account.
async fn seed_accounts(
    config: &Config,
    store: &Store,
    hashes: &Hashes,
) -> anyhow::Result<Vec<uuid::Uuid>> {
    let mut ids = Vec::with_capacity(DEMO_ACCOUNTS.len());
    for (&(email, name, role), hash) in DEMO_ACCOUNTS.iter().zip(&hashes.accounts) {
        let email = Email::parse(email)?;
        let created = store
            .create_user(NewUser {
                email: email.clone(),
                display_name: DisplayName::parse(name)?,
                password_hash: hash.clone(),
                role,
                tariff_code: config.programme.default_tariff_code.clone(),
                time_zone: config.programme.time_zone,
                language: domain::language::Language::English,
            })
            .await;
        let user = match created {
            Ok(user) => {
                store.mark_demo_accounts(&[user.id]).await?;
                if role == Role::Consumer {
                    furnish_consumer(config, store, &user).await?;
                }
                user
            }
            Err(StoreError::Conflict(_)) => {
                let (user, _) = store
                    .credentials_by_email(&email)
                    .await?
                    .with_context(|| format!("demo account {email} vanished"))?;
                if !user.demo {
                    anyhow::bail!(
                        "{email} belongs to an account the demo did not create; refusing to \
                         give it a demo password"
                    );
                }
                user
            }
            Err(error) => return Err(error).context("creating the demo accounts"),
        };
        ids.push(user.id);
    }
    Ok(ids)
}

/// The demo consumer's district and simulated meter.
async fn furnish_consumer(config: &Config, store: &Store, user: &UserRecord) -> anyhow::Result<()> {
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
    Ok(())
}

/// The accounts to try the demo with, the richest first, as the banner and the front door at
/// `/` name them: (what it is, e-mail, this start's password).
pub fn accounts_to_try(passwords: &DemoPasswords) -> Vec<api::front_door::DemoAccount> {
    let account = |role: &str, email: &str, password: &Password| api::front_door::DemoAccount {
        role: role.to_owned(),
        email: email.to_owned(),
        password: password.expose().to_owned(),
    };
    let mut accounts: Vec<_> = DEMO_ACCOUNTS
        .iter()
        .zip(&passwords.accounts)
        .map(|((email, _, role), password)| account(&role.to_string(), email, password))
        .collect();
    accounts.push(account("household", FIRST_HOUSEHOLD, &passwords.households));
    accounts
}

/// Tells a person how to sign in to a demo of `households` simulated households.
pub fn print_credentials(base: &str, households: u32, passwords: &DemoPasswords) {
    println!(
        "Demo accounts, with passwords for this start only (sign in at {base}/app/ or {base}/admin/; all listed at {base}/):"
    );
    for account in accounts_to_try(passwords) {
        println!(
            "  {:<10} {:<36} password: {}",
            account.role, account.email, account.password
        );
    }
    println!(
        "  (the consumer takes part in the demo sessions, see docs/DEMO.md; household-0001 … household-{households:04} have simulated meters CY-SIM-0000001 … and share the household password)"
    );
}

/// Why `--demo` may not run here, if it may not: the demo publishes its passwords (superadmin
/// included), so it belongs on a developer's machine, not on PostgreSQL (a shared or production
/// database) or on an address others can reach.
pub fn refusal(backend: store::Backend, listen: std::net::SocketAddr) -> Option<String> {
    if backend == store::Backend::Postgres {
        return Some(
            "--demo creates accounts with published passwords (a superadmin among them) and is \
             refused on PostgreSQL; use SQLite, or add --demo-allow-unsafe if this database is \
             really a throw-away one"
                .to_owned(),
        );
    }
    if !listen.ip().is_loopback() {
        return Some(format!(
            "--demo creates accounts with published passwords (a superadmin among them) and is \
             refused on {listen}, which others can reach; listen on 127.0.0.1, or add \
             --demo-allow-unsafe if that is really intended"
        ));
    }
    None
}

/// At a start without `--demo`: disables any demo account still enabled and warns while demo
/// accounts exist at all, at every such start.
pub async fn lock_outside_demo(store: &Store) -> anyhow::Result<()> {
    let existing = store.demo_account_count().await?;
    if existing == 0 {
        return Ok(());
    }
    let disabled = store.disable_demo_accounts().await?;
    tracing::warn!(
        demo_accounts = existing,
        disabled_now = disabled,
        "demo accounts exist outside demo mode; they are kept disabled (start with --demo to use \
         them, or use a fresh data folder or database for a real programme)"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_start_picks_new_random_passwords_that_pass_the_policy() {
        let first = DemoPasswords::pick(None).unwrap();
        let second = DemoPasswords::pick(None).unwrap();
        let all: Vec<&str> = first
            .accounts
            .iter()
            .chain([&first.households])
            .chain(&second.accounts)
            .chain([&second.households])
            .map(Password::expose)
            .collect();
        let mut distinct = all.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), all.len());
        assert!(all.iter().all(|p| p.len() == 21 && p.starts_with("demo-")));
    }

    #[test]
    fn a_configured_password_is_used_for_every_account_and_checked() {
        let secret = domain::secret::Secret::new("e2e-demo-passphrase");
        let picked = DemoPasswords::pick(Some(&secret)).unwrap();
        let accounts = accounts_to_try(&picked);
        assert_eq!(accounts.len(), 4);
        assert!(accounts.iter().all(|a| a.password == "e2e-demo-passphrase"));
        assert!(DemoPasswords::pick(Some(&domain::secret::Secret::new("short"))).is_err());
    }

    #[test]
    fn demo_is_refused_on_postgres_and_on_reachable_addresses() {
        let loopback: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(refusal(store::Backend::Sqlite, loopback), None);
        assert_eq!(
            refusal(store::Backend::Sqlite, "[::1]:8080".parse().unwrap()),
            None
        );
        for (backend, listen) in [
            (store::Backend::Postgres, loopback),
            (store::Backend::Sqlite, "0.0.0.0:8080".parse().unwrap()),
            (store::Backend::Sqlite, "192.168.1.5:8080".parse().unwrap()),
        ] {
            let refused = refusal(backend, listen).unwrap();
            assert!(refused.contains("--demo-allow-unsafe"), "{refused}");
        }
    }
}
