//! The MQTT listener against a real Mosquitto broker: good readings land, bad messages go to the
//! dead-letter table, and a broker restart does not stop the listener.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::ReadingLimits;
use ingest::Ingestor;
use ingest::mqtt::{ListenerHealth, ListenerState, MqttSettings, run};
use rumqttc::{AsyncClient, MqttOptions, QoS};
use store::testing::{each_backend, running_in_ci};
use store::{NewUser, PoolOptions, Store};
use tokio::sync::watch;

struct Broker {
    child: Option<Child>,
}

impl Broker {
    fn start(port: u16) -> Option<Self> {
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

    fn stop(&mut self) {
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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_until<F: std::future::Future<Output = bool>>(
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

fn publisher(port: u16) -> AsyncClient {
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

fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

async fn readings_today(store: &Store) -> i64 {
    store
        .list_sources()
        .await
        .unwrap()
        .iter()
        .find(|s| s.name == "mqtt-test")
        .map_or(0, |s| s.readings_today)
}

#[tokio::test]
async fn listener_stores_readings_keeps_dead_letters_and_survives_a_broker_restart() {
    for database in each_backend().await {
        let port = free_port();
        let Some(mut broker) = Broker::start(port) else {
            return;
        };
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let user = store
            .create_user(NewUser {
                email: Email::parse("mqtt@example.com").unwrap(),
                display_name: DisplayName::parse("Mqtt").unwrap(),
                password_hash: "x".into(),
                role: Role::Consumer,
                tariff_code: TariffCode::parse("01").unwrap(),
                time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            })
            .await
            .unwrap();
        store
            .link_meter(
                user.id,
                &MeterId::parse("CY-MQ").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();

        let (stop, shutdown) = watch::channel(false);
        let settings = MqttSettings {
            url: format!("mqtt://127.0.0.1:{port}"),
            topic: "powersave/readings/#".into(),
            client_id: format!("listener-{}", uuid_like()),
            source_name: "mqtt-test".into(),
        };
        let listener_store = store.clone();
        let health = ListenerHealth::default();
        let listener = tokio::spawn(run(
            move |id| Ingestor::new(listener_store.clone(), ReadingLimits::default(), id),
            store.clone(),
            settings,
            health.clone(),
            shutdown,
        ));

        let hour = (Utc::now() - chrono::Duration::hours(2))
            .duration_trunc(chrono::Duration::hours(1))
            .unwrap();
        let at = |minutes: i64| (hour + chrono::Duration::minutes(minutes)).to_rfc3339();
        let client = publisher(port);
        // The listener subscribes once connected; keep publishing the first message until it lands.
        let first = format!(
            r#"{{"meter_id":"CY-MQ","interval_start":"{}","kwh":0.2}}"#,
            at(0)
        );
        wait_until(
            || {
                let (client, first, store) = (client.clone(), first.clone(), store.clone());
                async move {
                    let _ = client
                        .publish(
                            "powersave/readings/a",
                            QoS::AtLeastOnce,
                            false,
                            first.into_bytes(),
                        )
                        .await;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    readings_today(&store).await >= 1
                }
            },
            "the first reading",
        )
        .await;

        let batch = format!(
            r#"[{{"meter_id":"CY-MQ","interval_start":"{}","kwh":0.3}},{{"meter_id":"CY-NONE","interval_start":"{}","kwh":0.3}}]"#,
            at(15),
            at(15)
        );
        for payload in [
            batch,
            "{not json".to_owned(),
            r#"{"meter_id":"CY-MQ","kwh":"x"}"#.to_owned(),
            "42".to_owned(),
        ] {
            client
                .publish(
                    "powersave/readings/b",
                    QoS::AtLeastOnce,
                    false,
                    payload.into_bytes(),
                )
                .await
                .unwrap();
        }
        wait_until(
            || {
                let store = store.clone();
                async move {
                    store
                        .dead_letters(None, PageRequest::default())
                        .await
                        .unwrap()
                        .total
                        >= 4
                }
            },
            "four dead letters",
        )
        .await;
        let letters = store
            .dead_letters(None, PageRequest::default())
            .await
            .unwrap();
        let reasons: Vec<&str> = letters.items.iter().map(|l| l.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.contains("unknown meter CY-NONE")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("not JSON")),
            "{reasons:?}"
        );
        assert!(readings_today(&store).await >= 2);

        assert_eq!(health.get().state, ListenerState::Connected);

        // The broker restarts; the listener says it is reconnecting, then reconnects and
        // resubscribes on its own.
        broker.stop();
        wait_until(
            || {
                let health = health.clone();
                async move {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    health.get().state == ListenerState::Reconnecting
                }
            },
            "the listener to notice the broker is gone",
        )
        .await;
        assert!(health.get().error.is_some(), "the connection error is kept");
        let mut broker = Broker::start(port).unwrap();
        let late = format!(
            r#"{{"meter_id":"CY-MQ","interval_start":"{}","kwh":0.4}}"#,
            at(30)
        );
        wait_until(
            || {
                let (client, late, store) = (client.clone(), late.clone(), store.clone());
                async move {
                    let _ = client
                        .publish(
                            "powersave/readings/c",
                            QoS::AtLeastOnce,
                            false,
                            late.into_bytes(),
                        )
                        .await;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    readings_today(&store).await >= 3
                }
            },
            "a reading after the broker restart",
        )
        .await;
        assert_eq!(health.get().state, ListenerState::Connected);
        stop.send(true).unwrap();
        listener.await.unwrap().unwrap();
        assert_eq!(health.get().state, ListenerState::NotRunning);
        broker.stop();
    }
}
