//! Account commands: bootstrap an operator, and the demo accounts of `make run`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use api::auth::password::Passwords;
use domain::account::{DisplayName, Email, Password, Role};
use domain::household::{District, TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use store::{HouseholdUpdate, NewUser, Store, StoreError, UserRecord};

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

/// Reads one line from standard input, prompting when it is a terminal.
pub fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for the new account: ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!(
            "no password given: pipe it on standard input, e.g. `printf '%s\\n' \"$PASSWORD\" | powersave admin create-user ...`"
        );
    }
    Ok(password)
}

/// Creates an account after checking every field against the same rules as registration.
pub async fn create_user(
    config: &Config,
    email: &str,
    display_name: &str,
    role: &str,
    password: &str,
) -> anyhow::Result<UserRecord> {
    let email = Email::parse(email).context("--email")?;
    let display_name = DisplayName::parse(display_name).context("--display-name")?;
    let role = Role::parse(role).context("--role")?;
    let password = Password::parse(password, Some(&email)).context("password")?;
    let store = crate::serve::open_store(config).await?;
    store.migrate().await?;
    insert(config, &store, email, display_name, role, &password).await
}

async fn insert(
    config: &Config,
    store: &Store,
    email: Email,
    display_name: DisplayName,
    role: Role,
    password: &Password,
) -> anyhow::Result<UserRecord> {
    let passwords = Passwords::new(config.password_hashing).map_err(anyhow::Error::msg)?;
    let password_hash = passwords.hash(password.expose().to_owned()).await?;
    let user = store
        .create_user(NewUser {
            email,
            display_name,
            password_hash,
            role,
            tariff_code: TariffCode::parse(&config.programme.default_tariff_code)?,
            time_zone: TimeZone::parse(&config.programme.time_zone)?,
        })
        .await?;
    Ok(user)
}

/// Creates the demo accounts that do not exist yet; the consumer gets a district and a meter.
pub async fn seed_demo(config: &Config, store: &Store) -> anyhow::Result<()> {
    for &(email, name, role, password) in DEMO_ACCOUNTS {
        let email = Email::parse(email)?;
        let password = Password::parse(password, None)?;
        match insert(
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
pub fn print_demo_credentials(base: &str) {
    println!("Demo accounts (sign in with POST {base}/api/v1/auth/login or from {base}/api/docs):");
    for (email, _, role, password) in DEMO_ACCOUNTS {
        println!("  {role:<10} {email:<28} password: {password}");
    }
}
