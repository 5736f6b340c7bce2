//! The server's live feeds end to end: `powersave simulate` publishes to a real Mosquitto broker
//! that `powersave serve` listens to, and uploads to the server with a data-source API key.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use store::testing::running_in_ci;

struct Server {
    child: Child,
    base: String,
    work: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// The demo accounts' password on this test's server (every demo start picks new ones unless
/// told).
const DEMO_PASSWORD: &str = "live-feeds-demo-passphrase";

fn start_server(mqtt: &str) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let work = std::env::temp_dir().join(format!("powersave-feeds-{nanos}"));
    std::fs::create_dir_all(&work).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args([
            "serve",
            "--demo",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(&work)
        .current_dir(&work)
        .env("POWERSAVE_METER_DATA__MQTT__URL", mqtt)
        .env(
            "POWERSAVE_METER_DATA__MQTT__TOPIC",
            format!("powersave-test-{nanos}/#"),
        )
        .env("POWERSAVE_METER_DATA__SIMULATOR__ENABLED", "false")
        .env("POWERSAVE_METER_DATA__SIMULATOR__DEMO_HOUSEHOLDS", "20")
        .env("POWERSAVE_LOG_LEVEL", "warn")
        .env("POWERSAVE_DEMO_PASSWORD", DEMO_PASSWORD)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        work,
    }
}

async fn sign_in(client: &reqwest::Client, base: &str, email: &str, password: &str) -> String {
    for _ in 0..200 {
        let response = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await;
        if let Ok(response) = response
            && response.status().is_success()
        {
            let body: Value = response.json().await.unwrap();
            return body["access_token"].as_str().unwrap().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up at {base}");
}

async fn source(client: &reqwest::Client, base: &str, token: &str, name: &str) -> Option<Value> {
    let sources: Value = client
        .get(format!("{base}/api/v1/admin/meter-data/sources"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    sources["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .cloned()
}

/// 20 households × one UTC day of quarter hours.
const EXPECTED_READINGS: i64 = 20 * 96;

/// Waits until `done` holds, polling; fails with `what` after `timeout`.
async fn wait_for<F, Fut>(timeout: Duration, what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let waited = tokio::time::timeout(timeout, async {
        while !done().await {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    assert!(
        waited.is_ok(),
        "timed out after {timeout:?} waiting for {what}"
    );
}

async fn mqtt_state(client: &reqwest::Client, base: &str, token: &str) -> String {
    let system: Value = client
        .get(format!("{base}/api/v1/admin/system"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    system["mqtt_state"].as_str().unwrap_or_default().to_owned()
}

/// Runs `powersave simulate` for the 20 households over one whole past UTC day (two days ago),
/// so the count does not depend on the time of day.
fn simulate(server: &Server, args: &[&str]) -> String {
    let day = (chrono::Utc::now() - chrono::Duration::days(2))
        .date_naive()
        .to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_powersave"))
        .args([
            "simulate",
            "--households",
            "20",
            "--days",
            "1",
            "--from",
            &day,
        ])
        .args(args)
        .current_dir(&server.work)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn readings_sent(report: &str) -> i64 {
    report
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {report:?}"))
}

#[tokio::test]
async fn simulated_readings_arrive_over_mqtt_and_the_ingest_api() {
    let Ok(mqtt) = std::env::var("POWERSAVE_TEST_MQTT_URL") else {
        assert!(
            !running_in_ci(),
            "POWERSAVE_TEST_MQTT_URL is required under CI=true"
        );
        eprintln!("skipping: POWERSAVE_TEST_MQTT_URL is not set (scripts/services.sh prints it)");
        return;
    };
    let server = start_server(&mqtt);
    // rustls' ring provider, which reqwest's TLS needs before any client is built.
    ingest::tls::install_crypto_provider();
    let client = reqwest::Client::new();
    let admin = sign_in(
        &client,
        &server.base,
        "superadmin@powersave.local",
        DEMO_PASSWORD,
    )
    .await;

    // The listener subscribes shortly after start-up; until the broker has confirmed the
    // subscription, what is published is lost.
    wait_for(
        Duration::from_secs(60),
        "the MQTT listener to subscribe",
        || {
            let (client, base, admin) = (client.clone(), server.base.clone(), admin.clone());
            async move { mqtt_state(&client, &base, &admin).await == "connected" }
        },
    )
    .await;
    let sent = readings_sent(&simulate(
        &server,
        &[
            "--mqtt",
            &mqtt,
            "--topic",
            &format!("{}/sim", topic_prefix(&server)),
        ],
    ));
    assert_eq!(
        sent, EXPECTED_READINGS,
        "one whole UTC day for every household"
    );
    wait_for(
        Duration::from_secs(60),
        "every published reading to be stored",
        || {
            let (client, base, admin) = (client.clone(), server.base.clone(), admin.clone());
            async move {
                source(&client, &base, &admin, "mqtt")
                    .await
                    .and_then(|s| s["readings_today"].as_i64())
                    == Some(EXPECTED_READINGS)
            }
        },
    )
    .await;
    let stored = source(&client, &server.base, &admin, "mqtt").await.unwrap();
    assert_eq!(stored["rejected_today"].as_i64(), Some(0));

    let created: Value = client
        .post(format!("{}/api/v1/admin/data-sources", server.base))
        .bearer_auth(&admin)
        .json(&json!({"name": "simulated-upload"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = created["api_key"].as_str().unwrap();
    // The meters are the MQTT feed's, which reported them first: the new source may report
    // them only once a superadmin binds it to them as well.
    for household in 1..=20 {
        let bound = client
            .put(format!(
                "{}/api/v1/admin/meters/CY-SIM-{household:07}/sources",
                server.base
            ))
            .bearer_auth(&admin)
            .json(&json!({"sources": ["mqtt", "simulated-upload"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(bound.status(), reqwest::StatusCode::OK);
    }
    let sent = readings_sent(&simulate(
        &server,
        &["--server", &server.base, "--api-key", key],
    ));
    assert_eq!(sent, EXPECTED_READINGS);
    let uploaded = source(&client, &server.base, &admin, "simulated-upload")
        .await
        .unwrap();
    assert_eq!(uploaded["readings_today"].as_i64(), Some(EXPECTED_READINGS));
    assert_eq!(uploaded["rejected_today"].as_i64(), Some(0));
}

fn topic_prefix(server: &Server) -> String {
    let name = server.work.file_name().unwrap().to_string_lossy();
    format!(
        "powersave-test-{}",
        name.trim_start_matches("powersave-feeds-")
    )
}
