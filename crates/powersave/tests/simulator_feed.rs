//! The simulator writes readings only when asked (docs/RULES.md § Meter data): `powersave serve`
//! on SQLite without `--demo` or `meter_data.simulator.enabled` starts no simulator, so a real
//! meter linked in an embedded deployment never gets made-up readings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::Value;
use support::{Server, fixtures, is_message, work_dir};

const SIMULATOR_STARTED: &str = "the meters created as simulated are reporting (meter_data.simulator.enabled = false turns them off)";

fn simulator_started(lines: &[Value]) -> bool {
    lines.iter().any(|line| is_message(line, SIMULATOR_STARTED))
}

#[tokio::test]
async fn an_embedded_server_starts_no_simulator_unless_asked() {
    let work = work_dir("simulator-off");
    fixtures(&work).await.close().await.unwrap();
    let server = Server::start_with(&work, &[], &[]);
    // The feeds start before the server listens, so by this line the simulator would have said
    // it was starting.
    server
        .wait_for_log("saying the server listens", |line| {
            is_message(line, "PowerSave is listening")
        })
        .await;
    assert!(
        !simulator_started(&server.log_lines()),
        "the simulator started without being asked"
    );
    drop(server);

    let asked = Server::start_with(
        &work,
        &[],
        &[("POWERSAVE_METER_DATA__SIMULATOR__ENABLED", "true")],
    );
    asked
        .wait_for_log("saying the simulator starts", |line| {
            is_message(line, SIMULATOR_STARTED)
        })
        .await;
}
