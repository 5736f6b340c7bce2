//! Account commands: bootstrap an operator.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use api::auth::password::Passwords;
use domain::account::{DisplayName, Email, Password, Role};

use store::{NewUser, Store, UserRecord};

use crate::config::Config;

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
    let store = config.open_store().await?;
    store.migrate().await?;
    insert(config, &store, email, display_name, role, &password).await
}

/// Hashes the password and stores the account.
pub async fn insert(
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
            tariff_code: config.programme.default_tariff_code.clone(),
            time_zone: config.programme.time_zone,
            language: domain::language::Language::English,
        })
        .await?;
    Ok(user)
}
