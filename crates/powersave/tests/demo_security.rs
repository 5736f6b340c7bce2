//! The demo publishes its passwords, so: they are new at every `--demo` start, the demo accounts
//! are disabled (with a warning at every start) while the server runs without `--demo`, and
//! `--demo` is refused on PostgreSQL and on addresses others can reach unless forced.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::process::{Command, Stdio};

use serde_json::json;
use support::{Server, work_dir};

/// Demo settings that make a start quick: the accounts and three households, no meter history.
const QUICK: &[(&str, &str)] = &[
    ("POWERSAVE_METER_DATA__SIMULATOR__ENABLED", "false"),
    ("POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS", "3"),
];

/// The (e-mail → password) rows the front door lists.
async fn listed_passwords(server: &Server) -> BTreeMap<String, String> {
    let door = support::http_client()
        .get(server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    door.split("<tr><td>")
        .skip(1)
        .filter_map(|row| {
            let mut codes = row
                .split("<code>")
                .skip(1)
                .map(|c| c.split("</code>").next());
            Some((codes.next()??.to_owned(), codes.next()??.to_owned()))
        })
        .collect()
}

async fn sign_in(server: &Server, email: &str, password: &str) -> u16 {
    support::http_client()
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_demo_start_has_new_passwords_and_a_start_without_demo_locks_the_accounts() {
    let work = work_dir("demo-security");
    let first = Server::start_with(&work, &["--demo"], QUICK);
    let before = listed_passwords(&first).await;
    let emails = [
        "eleni@powersave.local",
        "admin@powersave.local",
        "superadmin@powersave.local",
        "household-0001@demo.powersave.local",
    ];
    assert_eq!(before.keys().collect::<Vec<_>>(), {
        let mut sorted = emails.to_vec();
        sorted.sort_unstable();
        sorted
    });
    for email in emails {
        assert!(before[email].starts_with("demo-"), "{before:?}");
        assert_eq!(sign_in(&first, email, &before[email]).await, 200, "{email}");
    }
    // None of the passwords the code once fixed works.
    assert_eq!(
        sign_in(&first, "superadmin@powersave.local", "superadmin-demo-2026").await,
        401
    );
    drop(first);

    let second = Server::start_with(&work, &["--demo"], QUICK);
    let after = listed_passwords(&second).await;
    for email in emails {
        assert_ne!(after[email], before[email], "{email}");
        assert_eq!(
            sign_in(&second, email, &before[email]).await,
            401,
            "{email}"
        );
        assert_eq!(sign_in(&second, email, &after[email]).await, 200, "{email}");
    }
    drop(second);

    // Without --demo, the demo accounts stay shut, with a warning at every such start.
    for _ in 0..2 {
        let plain = Server::start_with(&work, &[], QUICK);
        plain
            .wait_for_log("warning of demo accounts", |line| {
                line["level"] == "WARN"
                    && line["fields"]["message"]
                        .as_str()
                        .is_some_and(|m| m.starts_with("demo accounts exist outside demo mode"))
                    && line["fields"]["demo_accounts"] == 6
            })
            .await;
        for email in emails {
            assert_eq!(sign_in(&plain, email, &after[email]).await, 403, "{email}");
        }
        let door = support::http_client()
            .get(plain.url("/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!door.contains("Demo accounts"), "{door}");
    }
    std::fs::remove_dir_all(work).unwrap();
}

#[tokio::test]
async fn the_demo_password_setting_gives_every_demo_account_that_password() {
    let work = work_dir("demo-password");
    let mut env = QUICK.to_vec();
    env.push(("POWERSAVE_DEMO_PASSWORD", "a scripted demo passphrase"));
    let server = Server::start_with(&work, &["--demo"], &env);
    let listed = listed_passwords(&server).await;
    assert_eq!(listed.len(), 4);
    for (email, password) in &listed {
        assert_eq!(password, "a scripted demo passphrase");
        assert_eq!(sign_in(&server, email, password).await, 200, "{email}");
    }
    drop(server);
    std::fs::remove_dir_all(work).unwrap();
}

/// Runs `powersave serve` to its exit, for starts that must be refused.
fn refused_start(work: &std::path::Path, args: &[&str], database_url: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args(["serve", "--data-dir"])
        .arg(work)
        .args(args)
        .arg("--config")
        .arg(work.join("empty.toml"))
        .envs(QUICK.iter().copied())
        .env("POWERSAVE_DATABASE_URL", database_url)
        .env(
            "POWERSAVE_JWT_SECRET",
            "a-signing-key-of-at-least-32-bytes-long",
        )
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn demo_is_refused_on_postgres_and_on_a_reachable_address_unless_forced() {
    let work = work_dir("demo-refused");
    let sqlite = support::database(&work).expose().to_owned();
    let reachable = refused_start(&work, &["--demo", "--listen", "0.0.0.0:0"], &sqlite);
    assert!(
        reachable.contains("refused on 0.0.0.0:0, which others can reach")
            && reachable.contains("--demo-allow-unsafe"),
        "{reachable}"
    );
    // Refused before anything is created.
    assert!(!work.join("powersave.db").exists());
    let postgres = refused_start(
        &work,
        &["--demo", "--listen", "127.0.0.1:0"],
        "postgres://postgres@127.0.0.1:5432/powersave_demo_refused",
    );
    assert!(
        postgres.contains("refused on PostgreSQL") && postgres.contains("--demo-allow-unsafe"),
        "{postgres}"
    );

    // Forced, the demo runs there, and says it is unsafe.
    let forced = Server::start_with(
        &work,
        &["--demo", "--demo-allow-unsafe", "--listen", "0.0.0.0:0"],
        QUICK,
    );
    forced
        .wait_for_log("the unsafe-demo warning", |line| {
            line["level"] == "WARN"
                && line["fields"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("--demo-allow-unsafe"))
        })
        .await;
    assert_eq!(listed_passwords(&forced).await.len(), 4);
    drop(forced);
    std::fs::remove_dir_all(work).unwrap();
}
