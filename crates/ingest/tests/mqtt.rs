//! The MQTT listener against a real Mosquitto broker: good readings land, bad messages go to the
//! dead-letter table, and a broker restart does not stop the listener.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DurationRound, Utc};
use common::{Broker, dead_letter_count, free_port, publisher, stored_wh, uuid_like, wait_until};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::ReadingLimits;
use ingest::Ingestor;
use ingest::mqtt::{ListenerHealth, ListenerState, MqttSettings, TopicRoute, run};
use rumqttc::QoS;
use store::testing::each_backend;
use store::{NewUser, PoolOptions, Store};
use tokio::sync::watch;

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
                language: domain::language::Language::English,
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
        let meter = store.meter_directory().await.unwrap()["CY-MQ"].id;

        let (stop, shutdown) = watch::channel(false);
        let settings = MqttSettings {
            url: format!("mqtt://127.0.0.1:{port}"),
            routes: vec![TopicRoute {
                filter: "powersave/readings/#".into(),
                source_name: "mqtt-test".into(),
            }],
            client_id: format!("listener-{}", uuid_like()),
            source_name: "mqtt-test".into(),
            max_message_bytes: MqttSettings::DEFAULT_MAX_MESSAGE_BYTES,
            username: None,
            password: None,
            ca_file: None,
            allow_credentials_over_plain_mqtt: false,
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
        let start = |minutes: i64| hour + chrono::Duration::minutes(minutes);
        let at = |minutes: i64| start(minutes).to_rfc3339();
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
                    stored_wh(&store, meter, hour).await.contains_key(&hour)
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
        // The batch's good reading is stored with the same flush that refuses its unknown meter.
        let batch_stored = BTreeMap::from([(start(0), 200), (start(15), 300)]);
        wait_until(
            || {
                let (store, batch_stored) = (store.clone(), batch_stored.clone());
                async move {
                    dead_letter_count(&store).await == 4
                        && stored_wh(&store, meter, hour).await == batch_stored
                }
            },
            "four dead letters and the batch's good reading",
        )
        .await;
        let letters = store
            .dead_letters(None, PageRequest::default())
            .await
            .unwrap();
        let mut found: Vec<(&str, &str)> = letters
            .items
            .iter()
            .map(|l| (l.payload.as_str(), l.reason.as_str()))
            .collect();
        found.sort_unstable();
        let batch_payload = format!(
            r#"[{{"meter_id":"CY-MQ","interval_start":"{}","kwh":0.3}},{{"meter_id":"CY-NONE","interval_start":"{}","kwh":0.3}}]"#,
            at(15),
            at(15)
        );
        let mut expected: Vec<(&str, String)> = vec![
            (
                "42",
                "expected a reading object or an array of them (topic powersave/readings/b)"
                    .to_owned(),
            ),
            (
                r#"{"meter_id":"CY-MQ","kwh":"x"}"#,
                r#"invalid type: string "x", expected f64"#.to_owned(),
            ),
            (
                "{not json",
                "not JSON: key must be a string at line 1 column 2 (topic powersave/readings/b)"
                    .to_owned(),
            ),
            (batch_payload.as_str(), "unknown meter CY-NONE".to_owned()),
        ];
        expected.sort_unstable();
        assert_eq!(
            found,
            expected
                .iter()
                .map(|(payload, reason)| (*payload, reason.as_str()))
                .collect::<Vec<_>>()
        );
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
                    stored_wh(&store, meter, hour)
                        .await
                        .contains_key(&start(30))
                }
            },
            "a reading after the broker restart",
        )
        .await;
        assert_eq!(health.get().state, ListenerState::Connected);
        // Every reading stored once with its own value, whatever was delivered twice; nothing more
        // was refused.
        assert_eq!(
            stored_wh(&store, meter, hour).await,
            BTreeMap::from([(start(0), 200), (start(15), 300), (start(30), 400)])
        );
        assert_eq!(dead_letter_count(&store).await, 4);
        stop.send(true).unwrap();
        listener.await.unwrap().unwrap();
        assert_eq!(health.get().state, ListenerState::NotRunning);
        broker.stop();
    }
}
