//! What the MQTT tests share: a Mosquitto broker of their own on a free port, a publisher, a
//! poll that fails with what never happened, and the readings stored per interval.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::paging::PageRequest;
use domain::reading::day_number;
use rumqttc::{AsyncClient, MqttOptions};
use store::testing::running_in_ci;
use store::{HistoryRequest, Store};

pub struct Broker {
    child: Option<Child>,
}

impl Broker {
    pub fn start(port: u16) -> Option<Self> {
        let child = Command::new("mosquitto")
            .args(["-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match child {
            Ok(child) => Some(Self { child: Some(child) }),
            Err(error) => {
                assert!(
                    !running_in_ci(),
                    "mosquitto is required under CI=true: {error}"
                );
                eprintln!("skipping MQTT test: cannot start mosquitto: {error}");
                None
            }
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn wait_until<F: std::future::Future<Output = bool>>(
    mut check: impl FnMut() -> F,
    what: &str,
) {
    for _ in 0..300 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn publisher(port: u16) -> AsyncClient {
    let mut options =
        MqttOptions::new(format!("test-publisher-{}", uuid_like()), "127.0.0.1", port);
    options.set_keep_alive(Duration::from_secs(5));
    let (client, mut eventloop) = AsyncClient::new(options, 100);
    tokio::spawn(async move {
        loop {
            if eventloop.poll().await.is_err() {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    });
    client
}

pub fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// The watt-hours stored for `meter` per interval start on the UTC day of `at`.
pub async fn stored_wh(
    store: &Store,
    meter: i64,
    at: DateTime<Utc>,
) -> BTreeMap<DateTime<Utc>, u32> {
    let day = day_number(at);
    store
        .reading_history(&HistoryRequest {
            meters: vec![meter],
            first_day: day,
            last_day: day,
            from_minute: 0,
            to_minute: 1440,
        })
        .await
        .unwrap()
        .iter()
        .flat_map(|row| row.intervals().collect::<Vec<_>>())
        .map(|reading| (reading.start, reading.wh))
        .collect()
}

pub async fn dead_letter_count(store: &Store) -> u64 {
    store
        .dead_letters(None, PageRequest::default())
        .await
        .unwrap()
        .total
}
