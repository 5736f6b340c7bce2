//! The live MQTT feed: readings published as JSON on a topic pattern, stored in small batches.
//!
//! Payload: one reading `{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh":
//! 0.21, "quality": "actual"}` or an array of them. A message that cannot be read, and every
//! reading refused by validation, goes to the dead-letter table with its reason; nothing a
//! publisher sends can stop the listener. When the broker goes away the listener keeps retrying
//! with backoff and subscribes again once connected.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use domain::reading::RejectReason;
use rumqttc::{AsyncClient, Event, EventLoop, Packet, QoS, SubscribeReasonCode};
use store::{SourceKind, StoreError};
use tokio::sync::{mpsc, watch};

use crate::{Ingestor, ParsedRow, RawReading, RowRef};

mod connection;

/// The listener's connection as staff see it on the System screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListenerState {
    /// No feed is configured on this instance.
    NotRunning,
    /// Started, not yet connected to the broker.
    Connecting,
    /// Connected and subscribed.
    Connected,
    /// The broker went away; retrying with backoff.
    Reconnecting,
}

impl ListenerState {
    /// Stable name for the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotRunning => "not_running",
            Self::Connecting => "connecting",
            Self::Connected => "connected",
            Self::Reconnecting => "reconnecting",
        }
    }
}

/// The listener's state, since when, and the last connection error while reconnecting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerStatus {
    /// The state.
    pub state: ListenerState,
    /// When it entered it.
    pub since: DateTime<Utc>,
    /// Why the last connection attempt failed, while reconnecting.
    pub error: Option<String>,
}

/// A shared view of the listener's connection: the listener writes it, the API reads it, so the
/// System screen shows the real state rather than guessing from the last message.
#[derive(Debug, Clone)]
pub struct ListenerHealth(Arc<Mutex<ListenerStatus>>);

impl Default for ListenerHealth {
    fn default() -> Self {
        Self(Arc::new(Mutex::new(ListenerStatus {
            state: ListenerState::NotRunning,
            since: Utc::now(),
            error: None,
        })))
    }
}

impl ListenerHealth {
    /// The current status.
    pub fn get(&self) -> ListenerStatus {
        // A status is a plain value: one left by a panicking writer is still a status.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn set(&self, state: ListenerState, error: Option<String>) {
        let mut status = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if status.state != state {
            status.since = Utc::now();
        }
        status.state = state;
        status.error = error;
    }
}

/// Where and what to listen to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MqttSettings {
    /// `mqtts://host[:port]` (TLS, port 8883 by default) or `mqtt://host[:port]` (1883).
    pub url: String,
    /// Topic filter, e.g. `powersave/readings/#`.
    pub topic: String,
    /// Client id; unique per listening instance.
    pub client_id: String,
    /// Data source the readings are counted against.
    pub source_name: String,
    /// User name presented to the broker.
    pub username: Option<String>,
    /// Password presented with the user name; never logged.
    pub password: Option<domain::secret::Secret>,
    /// PEM file of the CA that signed the broker's certificate (`mqtts://`), trusted instead of
    /// the system's roots.
    pub ca_file: Option<std::path::PathBuf>,
    /// Send the password over plain `mqtt://` all the same (a broker on a trusted network).
    pub allow_credentials_over_plain_mqtt: bool,
}

/// Readings stored together at most this often, so a busy feed costs few transactions.
const FLUSH_EVERY: Duration = Duration::from_millis(500);
/// Or as soon as this many are waiting.
const FLUSH_AT: usize = 5_000;

/// Reads a payload into readings, or says why it cannot be read at all.
pub fn parse_payload(payload: &[u8]) -> Result<Vec<Result<RawReading, RejectReason>>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(payload).map_err(|error| format!("not JSON: {error}"))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        single @ serde_json::Value::Object(_) => vec![single],
        _ => return Err("expected a reading object or an array of them".to_owned()),
    };
    Ok(items.into_iter().map(crate::json::parse_reading).collect())
}

/// Runs the listener until `shutdown` turns true. Returns only for a configuration error or a
/// database failure when creating the source.
pub async fn run(
    ingestor_for: impl FnOnce(i64) -> Ingestor,
    store: store::Store,
    settings: MqttSettings,
    health: ListenerHealth,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let source = store
        .ensure_source(&settings.source_name, SourceKind::Mqtt)
        .await?;
    let ingestor = ingestor_for(source.id);
    let options = match connection::options(&settings) {
        Ok(options) => options,
        Err(error) => {
            tracing::error!(%error, "MQTT listener not started");
            return Ok(());
        }
    };
    health.set(ListenerState::Connecting, None);
    let (client, eventloop) = AsyncClient::new(options, 1024);
    let (sender, receiver) = mpsc::channel::<(Vec<u8>, String)>(10_000);
    let writer = tokio::spawn(write_batches(ingestor, receiver));
    let result = listen(
        client,
        eventloop,
        &settings.topic,
        sender,
        &health,
        &mut shutdown,
    )
    .await;
    health.set(ListenerState::NotRunning, None);
    let _ = writer.await;
    result
}

async fn listen(
    client: AsyncClient,
    mut eventloop: EventLoop,
    topic: &str,
    sender: mpsc::Sender<(Vec<u8>, String)>,
    health: &ListenerHealth,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let mut backoff = Duration::from_millis(200);
    loop {
        let event = tokio::select! {
            event = eventloop.poll() => event,
            _ = shutdown.changed() => {
                let _ = client.disconnect().await;
                return Ok(());
            }
        };
        match event {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                backoff = Duration::from_millis(200);
                tracing::info!(%topic, "MQTT connected; subscribing");
                if let Err(error) = client.subscribe(topic, QoS::AtLeastOnce).await {
                    tracing::warn!(%error, "MQTT subscribe failed");
                }
            }
            // Connected means messages published now arrive: only once the broker confirms the
            // subscription (the session is clean, so every connection subscribes anew).
            // A refused subscription leaves the listener connecting, with the reason shown.
            Ok(Event::Incoming(Packet::SubAck(ack))) => {
                if ack.return_codes.contains(&SubscribeReasonCode::Failure) {
                    tracing::warn!(%topic, "MQTT broker refused the subscription");
                    let refused = format!("the broker refused the subscription to {topic}");
                    health.set(ListenerState::Connecting, Some(refused));
                } else {
                    health.set(ListenerState::Connected, None);
                }
            }
            Ok(Event::Incoming(Packet::Publish(publish))) => {
                metrics_received();
                if sender
                    .send((publish.payload.to_vec(), publish.topic))
                    .await
                    .is_err()
                {
                    return Ok(());
                }
            }
            Ok(_) => {}
            Err(error) => {
                let error = connection::describe(&error);
                health.set(ListenerState::Reconnecting, Some(error.clone()));
                tracing::warn!(%error, retry_in_ms = backoff.as_millis() as u64, "MQTT connection lost; reconnecting");
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = shutdown.changed() => return Ok(()),
                }
                backoff = (backoff * 2).min(Duration::from_secs(10));
            }
        }
    }
}

fn metrics_received() {
    tracing::trace!("MQTT message received");
}

async fn write_batches(ingestor: Ingestor, mut receiver: mpsc::Receiver<(Vec<u8>, String)>) {
    let mut rows: Vec<ParsedRow> = Vec::new();
    let mut payloads: Vec<String> = Vec::new();
    let mut ticker = tokio::time::interval(FLUSH_EVERY);
    loop {
        tokio::select! {
            message = receiver.recv() => {
                let Some((payload, topic)) = message else { break };
                let text = String::from_utf8_lossy(&payload).into_owned();
                match parse_payload(&payload) {
                    Ok(readings) => {
                        for reading in readings {
                            rows.push((RowRef::Index(payloads.len() as u64), reading));
                        }
                        payloads.push(text);
                    }
                    Err(reason) => dead_letter(&ingestor, &text, &format!("{reason} (topic {topic})")).await,
                }
                if rows.len() >= FLUSH_AT {
                    flush(&ingestor, &mut rows, &mut payloads).await;
                }
            }
            _ = ticker.tick() => flush(&ingestor, &mut rows, &mut payloads).await,
        }
    }
    flush(&ingestor, &mut rows, &mut payloads).await;
}

async fn dead_letter(ingestor: &Ingestor, payload: &str, reason: &str) {
    if let Err(error) = ingestor
        .store()
        .add_dead_letter(ingestor.source_id(), payload, reason)
        .await
    {
        tracing::error!(%error, "cannot store dead letter");
    }
    if let Err(error) = ingestor
        .store()
        .record_ingest(
            ingestor.source_id(),
            store::IngestCounts::default(),
            1,
            None,
        )
        .await
    {
        tracing::error!(%error, "cannot count rejected message");
    }
}

async fn flush(ingestor: &Ingestor, rows: &mut Vec<ParsedRow>, payloads: &mut Vec<String>) {
    if rows.is_empty() {
        payloads.clear();
        return;
    }
    let batch = std::mem::take(rows);
    let messages = std::mem::take(payloads);
    match ingestor.ingest(batch).await {
        Ok(report) => {
            for rejected in report.rejects {
                let RowRef::Index(index) = rejected.row else {
                    continue;
                };
                let payload = messages.get(index as usize).map_or("", String::as_str);
                if let Err(error) = ingestor
                    .store()
                    .add_dead_letter(ingestor.source_id(), payload, &rejected.reason.to_string())
                    .await
                {
                    tracing::error!(%error, "cannot store dead letter");
                }
            }
        }
        Err(error) => {
            tracing::error!(%error, readings = messages.len(), "storing MQTT readings failed; they will arrive again")
        }
    }
}
