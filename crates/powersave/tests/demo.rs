//! `powersave serve --demo` as a newcomer meets it: from the very first answer the front door
//! names the demo accounts, and the consumer it names has everything to show. Its past sessions
//! are already settled with results and Green Points (one final, one provisional while its meter
//! is late), the live one is live, and tomorrow's is open to join; nothing in the past is live.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use support::{Server, work_dir};

/// Simulated households of this small demo: fewer than the 39 that join beside the consumer.
const HOUSEHOLDS: u64 = 12;

/// The demo's earlier evenings, as days before today (`demo/sessions.rs`).
const EARLIER_DAYS: [u32; 10] = [25, 23, 20, 18, 16, 13, 11, 9, 6, 4];

async fn sign_in(client: &reqwest::Client, server: &Server, email: &str, password: &str) -> String {
    let response = client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn get(client: &reqwest::Client, server: &Server, token: &str, path: &str) -> Value {
    let response = client
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

fn titles(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect()
}

fn time(value: &Value) -> DateTime<Utc> {
    value.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_printed_consumer_has_settled_history_a_live_session_and_one_to_join_from_the_first_request()
 {
    let work = work_dir("demo");
    let households = HOUSEHOLDS.to_string();
    let server = Server::start_with(
        &work,
        &["--demo"],
        &[
            (
                "POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS",
                &households,
            ),
            ("POWERSAVE_METER_DATA__SIMULATOR__HISTORY_DAYS", "50"),
        ],
    );
    let client = support::http_client();

    // The first request: the front door lists the accounts the banner printed, with this
    // start's random passwords.
    let door = client.get(server.url("/")).send().await.unwrap();
    assert_eq!(door.status(), 200);
    let door = door.text().await.unwrap();
    let mut passwords = std::collections::HashMap::new();
    for (role, email) in [
        ("consumer", "eleni@powersave.local"),
        ("admin", "admin@powersave.local"),
        ("superadmin", "superadmin@powersave.local"),
        ("household", "household-0001@demo.powersave.local"),
    ] {
        let row = format!("<tr><td>{role}</td><td><code>{email}</code></td><td><code>");
        let password = door
            .split(&row)
            .nth(1)
            .and_then(|rest| rest.split("</code>").next())
            .unwrap_or_else(|| panic!("{row} missing from:\n{door}"));
        assert!(password.starts_with("demo-"), "{password}");
        passwords.insert(email, password.to_owned());
    }

    // Staff see every demo session where the clock puts it: nothing past is still live.
    let admin = sign_in(
        &client,
        &server,
        "admin@powersave.local",
        &passwords["admin@powersave.local"],
    )
    .await;
    let all = get(
        &client,
        &server,
        &admin,
        "/api/v1/admin/sessions?per_page=100",
    )
    .await;
    let now = Utc::now();
    let mut states: Vec<(String, String)> = Vec::new();
    for session in all["items"].as_array().unwrap() {
        let state = session["state"].as_str().unwrap();
        if time(&session["ends_at"]) <= now {
            assert!(matches!(state, "settling" | "final"), "{session}");
        }
        states.push((
            session["title"].as_str().unwrap().to_owned(),
            state.to_owned(),
        ));
    }
    states.sort();
    let mut expected: Vec<(String, String)> = [
        ("Demo: Evening peak (tomorrow)", "scheduled"),
        ("Demo: Evening peak (two days ago)", "final"),
        ("Demo: Evening peak (yesterday)", "settling"),
        ("Demo: Grid stress (live now)", "live"),
    ]
    .map(|(title, state)| (title.to_owned(), state.to_owned()))
    .into_iter()
    .chain(EARLIER_DAYS.iter().map(|days| {
        (
            format!("Demo: Evening peak ({days} days ago)"),
            "final".to_owned(),
        )
    }))
    .collect();
    expected.sort();
    assert_eq!(states, expected);

    let consumer = sign_in(
        &client,
        &server,
        "eleni@powersave.local",
        &passwords["eleni@powersave.local"],
    )
    .await;
    let past = get(&client, &server, &consumer, "/api/v1/sessions?when=past").await;
    let newest_first: Vec<String> = [
        "Demo: Evening peak (yesterday)".to_owned(),
        "Demo: Evening peak (two days ago)".to_owned(),
    ]
    .into_iter()
    .chain(
        EARLIER_DAYS
            .iter()
            .rev()
            .map(|days| format!("Demo: Evening peak ({days} days ago)")),
    )
    .collect();
    assert_eq!(
        titles(&past),
        newest_first.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let points = get(
        &client,
        &server,
        &consumer,
        "/api/v1/me/points?per_page=100",
    )
    .await;
    let ledger = points["items"].as_array().unwrap();
    for (session, status) in past["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["provisional", "final"])
    {
        assert_eq!(session["joined"], true);
        // The consumer and every simulated household (fewer than 39 here).
        assert_eq!(session["participants"], HOUSEHOLDS + 1);
        let id = session["id"].as_str().unwrap();
        let detail = get(
            &client,
            &server,
            &consumer,
            &format!("/api/v1/sessions/{id}"),
        )
        .await;
        let result = &detail["result"];
        assert_eq!(result["status"], status, "{detail}");
        let measured: Vec<bool> = result["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| !p["actual_kwh"].is_null())
            .collect();
        // Yesterday's last hour has not arrived from the consumer's meter yet.
        let expected = if status == "provisional" {
            [true, true, false, false]
        } else {
            [true; 4]
        };
        assert_eq!(measured, expected, "{detail}");
        // 10 points for taking part and 100 per kWh saved (none for using more), as the demo
        // plans its sessions.
        let saved = result["saved_kwh"].as_f64().unwrap();
        let savings_points = (saved.max(0.0) * 100.0).round() as i64;
        let mut expected_entries = vec![("opt_in_bonus", 10)];
        if savings_points > 0 {
            expected_entries.push(("session_savings", savings_points));
        }
        let mut paid: Vec<(&str, i64)> = ledger
            .iter()
            .filter(|e| e["reference"] == id)
            .map(|e| (e["reason"].as_str().unwrap(), e["points"].as_i64().unwrap()))
            .collect();
        paid.sort();
        let earned_here = paid.iter().map(|(_, p)| p).sum::<i64>();
        // A final success may also complete a run of three: the streak bonus.
        paid.retain(|(reason, _)| *reason != "streak_bonus");
        assert_eq!(paid, expected_entries, "{points}");
        assert_eq!(session["points_earned"], earned_here);
    }
    // Every entry is on the one page, and the balance is their sum: sessions, streak bonuses
    // and the badges the progress evaluation paid.
    assert_eq!(points["total"].as_u64().unwrap() as usize, ledger.len());
    assert_eq!(
        points["balance"].as_i64().unwrap(),
        ledger
            .iter()
            .map(|e| e["points"].as_i64().unwrap())
            .sum::<i64>()
    );
    assert!(ledger.iter().any(|e| e["reason"] == "badge"), "{points}");

    // The garden has grown from those sessions: several plants, a level past the first, badges.
    let progress = get(&client, &server, &consumer, "/api/v1/me/progress").await;
    assert!(
        progress["garden"]["plants"].as_array().unwrap().len() >= 6,
        "{progress}"
    );
    assert!(
        progress["level"]["number"].as_u64().unwrap() >= 2,
        "{progress}"
    );
    let earned_badges = progress["badges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["earned_at"].is_string())
        .count();
    assert!(earned_badges >= 3, "{progress}");

    let live = get(&client, &server, &consumer, "/api/v1/sessions?when=live").await;
    assert_eq!(titles(&live), ["Demo: Grid stress (live now)"]);
    assert_eq!(live["items"][0]["joined"], true);
    assert!(
        time(&live["items"][0]["starts_at"]) <= now && now < time(&live["items"][0]["ends_at"])
    );

    let upcoming = get(
        &client,
        &server,
        &consumer,
        "/api/v1/sessions?when=upcoming",
    )
    .await;
    assert_eq!(titles(&upcoming), ["Demo: Evening peak (tomorrow)"]);
    assert_eq!(upcoming["items"][0]["joined"], false);
    assert_eq!(upcoming["items"][0]["participants"], 0);
    let id = upcoming["items"][0]["id"].as_str().unwrap();
    let joined = client
        .post(server.url(&format!("/api/v1/sessions/{id}/join")))
        .bearer_auth(&consumer)
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), 200, "{}", joined.text().await.unwrap());

    // The sessions can be shown in Greek.
    assert!(
        all["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["title_el"]
                .as_str()
                .is_some_and(|t| t.starts_with("Επίδειξη: "))),
        "{all}"
    );

    // A newcomer signs up and connects the first meter no demo household holds, with the account
    // number the banner prints; its simulated history is there, so it can join at once.
    let registered = client
        .post(server.url("/api/v1/auth/register"))
        .header("accept-language", "el-CY,el;q=0.9")
        .json(&json!({ "email": "newcomer@example.com", "password": "green garden grows", "display_name": "Newcomer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(registered.status(), 201);
    let newcomer = sign_in(
        &client,
        &server,
        "newcomer@example.com",
        "green garden grows",
    )
    .await;
    let before = get(&client, &server, &newcomer, "/api/v1/me/onboarding").await;
    assert_eq!(before["step"], "connect_meter");
    let consent = get(&client, &server, &newcomer, "/api/v1/me/consent").await;
    let meter = format!("CY-SIM-{:07}", HOUSEHOLDS + 1);
    let connected = client
        .post(server.url("/api/v1/me/meter-claims"))
        .bearer_auth(&newcomer)
        .json(&json!({
            "account_number": format!("9{:09}", HOUSEHOLDS + 1),
            "meter_id": meter,
            "consent_version": consent["version"],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        connected.status(),
        201,
        "{}",
        connected.text().await.unwrap()
    );
    // Connecting asks for the meter's last 60 days; the worker answers the request.
    let mut after = get(&client, &server, &newcomer, "/api/v1/me/onboarding").await;
    for _ in 0..300 {
        if after["step"] != "fetching_history" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        after = get(&client, &server, &newcomer, "/api/v1/me/onboarding").await;
    }
    assert_eq!(after["step"], "ready", "{after}");
    assert_eq!(after["history"]["days"], 60);
    assert!(after["history"]["completed_at"].is_string(), "{after}");
    assert!(
        after["eligibility"]["explanation"]
            .as_str()
            .unwrap()
            .starts_with("Μπορείτε να συμμετέχετε από τώρα"),
        "{after}"
    );

    drop(server);
    std::fs::remove_dir_all(work).unwrap();
}
