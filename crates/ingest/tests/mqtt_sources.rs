//! The MQTT listener against a real Mosquitto broker: each topic filter's readings are counted
//! against its own data source, topics outside every filter are never read, a message over
//! `max_message_bytes` is a dead letter of its topic's source, a packet too large to read is a
//! dead letter of the listener's own source and costs a reconnection only, and a burst larger
//! than the bounded queue arrives whole (the connection waits instead of dropping).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, DurationRound, Utc};
use common::{Broker, free_port, publisher, stored_wh, uuid_like, wait_until};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::ReadingLimits;
use ingest::Ingestor;
use ingest::mqtt::{ListenerHealth, ListenerState, MqttSettings, TopicRoute, run};
use rumqttc::{AsyncClient, QoS};
use store::testing::TestDatabase;
use store::{NewUser, PoolOptions, SourceKind, SourceRecord, Store};
use tokio::sync::watch;

/// The largest payload in this test; packets up to four times this are still read.
const MAX_MESSAGE: usize = 1024;

async fn store_with_meter() -> (TestDatabase, Store, i64) {
    let database = TestDatabase::sqlite();
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse("topics@example.com").unwrap(),
            display_name: DisplayName::parse("Topics").unwrap(),
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
            &MeterId::parse("CY-TOPIC").unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let meter = store.meter_directory().await.unwrap()["CY-TOPIC"].id;
    (database, store, meter)
}

fn route(filter: &str, source_name: &str) -> TopicRoute {
    TopicRoute {
        filter: filter.to_owned(),
        source_name: source_name.to_owned(),
    }
}

/// Starts the listener and waits until the broker has confirmed its subscriptions.
async fn listen(
    store: &Store,
    port: u16,
    routes: Vec<TopicRoute>,
) -> (
    ListenerHealth,
    watch::Sender<bool>,
    tokio::task::JoinHandle<Result<(), store::StoreError>>,
) {
    let settings = MqttSettings {
        url: format!("mqtt://127.0.0.1:{port}"),
        routes,
        client_id: format!("listener-{}", uuid_like()),
        source_name: "mqtt-own".into(),
        max_message_bytes: MAX_MESSAGE,
        username: None,
        password: None,
        ca_file: None,
        allow_credentials_over_plain_mqtt: false,
    };
    let (stop, shutdown) = watch::channel(false);
    let health = ListenerHealth::default();
    let listener_store = store.clone();
    let listener = tokio::spawn(run(
        move |id| Ingestor::new(listener_store.clone(), ReadingLimits::default(), id),
        store.clone(),
        settings,
        health.clone(),
        shutdown,
    ));
    wait_for_connected(&health).await;
    (health, stop, listener)
}

async fn wait_for_connected(health: &ListenerHealth) {
    wait_until(
        || {
            let health = health.clone();
            async move { health.get().state == ListenerState::Connected }
        },
        "the listener to be subscribed",
    )
    .await;
}

fn reading(start: DateTime<Utc>, kwh: f64) -> Vec<u8> {
    format!(
        r#"{{"meter_id":"CY-TOPIC","interval_start":"{}","kwh":{kwh}}}"#,
        start.to_rfc3339()
    )
    .into_bytes()
}

async fn publish(client: &AsyncClient, topic: &str, payload: Vec<u8>) {
    client
        .publish(topic, QoS::AtLeastOnce, false, payload)
        .await
        .unwrap();
}

async fn source(store: &Store, name: &str) -> SourceRecord {
    store
        .list_sources()
        .await
        .unwrap()
        .into_iter()
        .find(|source| source.name == name)
        .unwrap_or_else(|| panic!("no source {name}"))
}

/// Readings and rejections counted today for the source `name`.
async fn counts(store: &Store, name: &str) -> (i64, i64) {
    let source = source(store, name).await;
    (source.readings_today, source.rejected_today)
}

async fn letters_of(store: &Store, source_id: i64) -> Vec<(String, String)> {
    store
        .dead_letters(Some(source_id), PageRequest::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|letter| (letter.payload, letter.reason))
        .collect()
}

#[tokio::test]
async fn each_topic_is_counted_against_its_source_and_oversize_messages_are_dead_letters() {
    let port = free_port();
    let Some(mut broker) = Broker::start(port) else {
        return;
    };
    let (_database, store, meter) = store_with_meter().await;
    // Staff bound the meter to both systems: otherwise the first to report it claims it and the
    // other's readings of it are refused (docs/RULES.md § Meter data).
    let names = ["eac".to_owned(), "coop".to_owned()];
    for name in &names {
        store.ensure_source(name, SourceKind::Mqtt).await.unwrap();
    }
    store
        .bind_meter_sources(&MeterId::parse("CY-TOPIC").unwrap(), &names)
        .await
        .unwrap();
    let routes = vec![
        route("powersave/readings/eac/#", "eac"),
        route("powersave/readings/coop/+", "coop"),
    ];
    let (health, stop, listener) = listen(&store, port, routes).await;
    let hour = (Utc::now() - Duration::hours(2))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let start = |minutes: i64| hour + Duration::minutes(minutes);
    let client = publisher(port);

    publish(&client, "powersave/readings/eac/1", reading(start(0), 0.2)).await;
    publish(
        &client,
        "powersave/readings/coop/7",
        reading(start(15), 0.3),
    )
    .await;
    // Outside every filter: never subscribed to, never stored.
    publish(&client, "powersave/readings/other", reading(start(30), 0.9)).await;
    // Over max_message_bytes but within what the connection reads: a dead letter of `coop`.
    let oversize = vec![b'x'; MAX_MESSAGE + 1];
    publish(&client, "powersave/readings/coop/7", oversize.clone()).await;
    // Published after the others on the same connection: once it is stored, they were read.
    publish(&client, "powersave/readings/eac/1", reading(start(45), 0.5)).await;
    let expected = BTreeMap::from([(start(0), 200), (start(15), 300), (start(45), 500)]);
    // Readings and rejections, as counted for each source: eac 2 and 0, coop 1 and 1.
    wait_until(
        || {
            let (store, expected) = (store.clone(), expected.clone());
            async move {
                stored_wh(&store, meter, hour).await == expected
                    && counts(&store, "eac").await == (2, 0)
                    && counts(&store, "coop").await == (1, 1)
            }
        },
        "the readings of both sources and the oversize message, each counted",
    )
    .await;
    let (eac, coop) = (source(&store, "eac").await, source(&store, "coop").await);
    let prefix = String::from_utf8(oversize[..1024].to_vec()).unwrap();
    assert_eq!(
        letters_of(&store, coop.id).await,
        [(
            prefix,
            format!(
                "message of {} bytes exceeds max_message_bytes = {MAX_MESSAGE} \
                 (topic powersave/readings/coop/7)",
                MAX_MESSAGE + 1
            )
        )]
    );
    assert!(letters_of(&store, eac.id).await.is_empty());

    // A packet beyond four times the limit cannot be read at all: the connection is reset, the
    // listener's own source keeps a dead letter saying so, and the feed carries on.
    let topic = "powersave/readings/eac/1";
    let huge = vec![b'y'; 4 * MAX_MESSAGE + 1];
    // A QoS 1 PUBLISH's remaining length: topic (with its 2-byte length) + packet id + payload.
    let packet = 2 + topic.len() + 2 + huge.len();
    publish(&client, topic, huge).await;
    let own = source(&store, "mqtt-own").await;
    wait_until(
        || {
            let store = store.clone();
            async move { !letters_of(&store, own.id).await.is_empty() }
        },
        "the dead letter of the unreadable packet",
    )
    .await;
    assert_eq!(
        letters_of(&store, own.id).await,
        [(
            String::new(),
            format!(
                "packet of {packet} bytes exceeds the connection's limit of {} bytes; the broker \
                 connection was reset and the topic is unknown",
                4 * MAX_MESSAGE
            )
        )]
    );
    wait_for_connected(&health).await;
    publish(&client, "powersave/readings/eac/2", reading(start(60), 0.6)).await;
    wait_until(
        || {
            let store = store.clone();
            async move { counts(&store, "eac").await == (3, 0) }
        },
        "a reading after the reset",
    )
    .await;
    assert_eq!(stored_wh(&store, meter, start(60)).await[&start(60)], 600);
    stop.send(true).unwrap();
    listener.await.unwrap().unwrap();
    broker.stop();
}

/// A burst of more messages than the queue holds (256) and more bytes than its budget (64
/// messages of the largest size): the connection waits for the writer, and every reading
/// arrives exactly once.
#[tokio::test]
async fn a_burst_larger_than_the_queue_arrives_whole() {
    let port = free_port();
    let Some(mut broker) = Broker::start(port) else {
        return;
    };
    let (_database, store, meter) = store_with_meter().await;
    let routes = vec![route("powersave/readings/#", "burst")];
    let (_health, stop, listener) = listen(&store, port, routes).await;
    let client = publisher(port);
    // 900 quarter hours (below the broker's default queue of 1,000 per client), each padded to
    // close to the largest payload, ending two hours ago.
    let count = 900i64;
    let last = (Utc::now() - Duration::hours(2))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    let first = last - Duration::minutes(15 * (count - 1));
    for index in 0..count {
        let mut payload = reading(first + Duration::minutes(15 * index), 0.1);
        payload.resize(MAX_MESSAGE - 8, b' ');
        publish(&client, "powersave/readings/burst", payload).await;
    }
    wait_until(
        || {
            let store = store.clone();
            async move { source(&store, "burst").await.readings_today == count }
        },
        "every reading of the burst",
    )
    .await;
    let mut stored = 0usize;
    let mut day = first;
    while day <= last + Duration::days(1) {
        stored += stored_wh(&store, meter, day)
            .await
            .values()
            .filter(|wh| **wh == 100)
            .count();
        day += Duration::days(1);
    }
    assert_eq!(stored, count as usize);
    assert_eq!(source(&store, "burst").await.rejected_today, 0);
    stop.send(true).unwrap();
    listener.await.unwrap().unwrap();
    broker.stop();
}
