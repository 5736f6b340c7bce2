//! The live MQTT feed: readings published as JSON on topic patterns, each pattern belonging to
//! one data source, stored in small batches.
//!
//! Payload: one reading `{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh":
//! 0.21, "quality": "actual"}` or an array of them. A message that cannot be read, one larger
//! than `max_message_bytes`, and every reading refused by validation, goes to the dead-letter
//! table with its reason; nothing a publisher sends can stop the listener. Memory is bounded:
//! messages wait in a queue limited in count and bytes, and while it is full the connection is
//! not read (back-pressure to the broker). When the broker goes away the listener keeps retrying
//! with backoff and subscribes again once connected.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use domain::reading::RejectReason;
use rumqttc::{
    AsyncClient, ConnectionError, Event, EventLoop, Packet, QoS, StateError, SubscribeFilter,
    SubscribeReasonCode,
};
use store::{SourceKind, StoreError};
use tokio::sync::watch;

use crate::json::DocumentError;
use crate::{Ingestor, RawReading};

mod connection;
mod queue;
mod routes;
mod writer;

pub use routes::{TopicRoute, topic_matches, valid_filter};
use writer::Message;

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
    /// The topic filters subscribed to, each with the data source its readings belong to; a
    /// message goes to the first whose filter its topic matches.
    pub routes: Vec<TopicRoute>,
    /// Client id; unique per listening instance.
    pub client_id: String,
    /// The listener's own data source: what no route can claim (a packet too large to read,
    /// whose topic is unknown) is kept as its dead letter.
    pub source_name: String,
    /// Largest payload read as readings; a larger message goes to the dead letters.
    pub max_message_bytes: usize,
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

impl MqttSettings {
    /// The default largest payload: 64 KiB holds several hundred readings.
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 * 1024;

    /// Messages the queue between the connection and the writer holds at most.
    const QUEUE_MESSAGES: usize = 256;
    /// Payload bytes held between the socket and the database, in messages of the largest size.
    const QUEUE_BUDGET_IN_MESSAGES: usize = 64;
    /// Packets up to this many times `max_message_bytes` are still read (and dead-lettered with
    /// their topic); larger ones cannot be, and the connection is reset.
    const PACKET_LIMIT_IN_MESSAGES: usize = 4;

    /// The queue's byte budget.
    fn queue_bytes(&self) -> usize {
        self.max_message_bytes
            .saturating_mul(Self::QUEUE_BUDGET_IN_MESSAGES)
    }

    /// The largest packet the connection reads.
    fn packet_limit(&self) -> usize {
        self.max_message_bytes
            .saturating_mul(Self::PACKET_LIMIT_IN_MESSAGES)
    }

    fn check(&self) -> Result<(), String> {
        if self.routes.is_empty() {
            return Err("no topic to subscribe to".to_owned());
        }
        if let Some(bad) = self
            .routes
            .iter()
            .find(|route| !valid_filter(&route.filter))
        {
            return Err(format!("invalid MQTT topic filter {:?}", bad.filter));
        }
        if self.max_message_bytes == 0 {
            return Err("max_message_bytes must be at least 1".to_owned());
        }
        Ok(())
    }
}

/// Reads a payload into readings, or says why it cannot be read at all.
pub fn parse_payload(payload: &[u8]) -> Result<Vec<Result<RawReading, RejectReason>>, String> {
    crate::json::parse_one_or_many(payload).map_err(|error| match error {
        DocumentError::Syntax(detail) => format!("not JSON: {detail}"),
        DocumentError::Shape { expected, .. } => format!("expected {expected}"),
    })
}

/// Runs the listener until `shutdown` turns true. Returns only for a configuration error or a
/// database failure when creating the sources.
pub async fn run(
    ingestor_for: impl Fn(i64) -> Ingestor,
    store: store::Store,
    settings: MqttSettings,
    health: ListenerHealth,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let options = match connection::options(&settings) {
        Ok(options) => options,
        Err(error) => {
            tracing::error!(%error, "MQTT listener not started");
            return Ok(());
        }
    };
    let own = store
        .ensure_source(&settings.source_name, SourceKind::Mqtt)
        .await?;
    let mut ingestors = Vec::with_capacity(settings.routes.len());
    for route in &settings.routes {
        let source = store
            .ensure_source(&route.source_name, SourceKind::Mqtt)
            .await?;
        ingestors.push(ingestor_for(source.id));
    }
    health.set(ListenerState::Connecting, None);
    let (client, eventloop) = AsyncClient::new(options, 1024);
    let (sender, receiver) = queue::bounded(MqttSettings::QUEUE_MESSAGES, settings.queue_bytes());
    let writer = writer::Writer {
        routes: settings.routes.clone(),
        ingestors,
        fallback: ingestor_for(own.id),
        flush_bytes: settings.queue_bytes() / 2,
    };
    let writer = tokio::spawn(writer.run(receiver));
    let result = listen(client, eventloop, &settings, sender, &health, &mut shutdown).await;
    health.set(ListenerState::NotRunning, None);
    let _ = writer.await;
    result
}

/// What arrived, as the writer takes it: an oversize payload keeps only its start.
fn message(topic: String, payload: &[u8], limit: usize) -> (Message, usize) {
    if payload.len() > limit {
        let prefix = payload[..writer::OVERSIZE_PREFIX.min(payload.len())].to_vec();
        let held = prefix.len() + topic.len();
        let message = Message::Oversize {
            topic,
            size: payload.len(),
            prefix,
            limit,
        };
        (message, held)
    } else {
        let held = payload.len() + topic.len();
        let message = Message::Publish {
            topic,
            payload: payload.to_vec(),
        };
        (message, held)
    }
}

async fn listen(
    client: AsyncClient,
    mut eventloop: EventLoop,
    settings: &MqttSettings,
    sender: queue::Sender<Message>,
    health: &ListenerHealth,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<(), StoreError> {
    let mut backoff = Duration::from_millis(200);
    let filters: Vec<&str> = settings.routes.iter().map(|r| r.filter.as_str()).collect();
    let topics = filters.join(", ");
    loop {
        let event = tokio::select! {
            event = eventloop.poll() => event,
            _ = shutdown.changed() => {
                let _ = client.disconnect().await;
                return Ok(());
            }
        };
        let handed_over = match event {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                backoff = Duration::from_millis(200);
                tracing::info!(%topics, "MQTT connected; subscribing");
                let subscriptions = filters
                    .iter()
                    .map(|filter| SubscribeFilter::new((*filter).to_owned(), QoS::AtLeastOnce));
                if let Err(error) = client.subscribe_many(subscriptions).await {
                    tracing::warn!(%error, "MQTT subscribe failed");
                }
                None
            }
            // Connected means messages published now arrive: only once the broker confirms the
            // subscriptions (the session is clean, so every connection subscribes anew).
            // A refused subscription leaves the listener connecting, with the reason shown.
            Ok(Event::Incoming(Packet::SubAck(ack))) => {
                let refused: Vec<&str> = ack
                    .return_codes
                    .iter()
                    .zip(&filters)
                    .filter(|(code, _)| **code == SubscribeReasonCode::Failure)
                    .map(|(_, filter)| *filter)
                    .collect();
                if refused.is_empty() {
                    health.set(ListenerState::Connected, None);
                } else {
                    let refused = format!(
                        "the broker refused the subscription to {}",
                        refused.join(", ")
                    );
                    tracing::warn!(%refused, "MQTT subscription refused");
                    health.set(ListenerState::Connecting, Some(refused));
                }
                None
            }
            Ok(Event::Incoming(Packet::Publish(publish))) => {
                metrics_received();
                Some(message(
                    publish.topic,
                    &publish.payload,
                    settings.max_message_bytes,
                ))
            }
            Ok(_) => None,
            Err(error) => {
                let described = connection::describe(&error);
                health.set(ListenerState::Reconnecting, Some(described.clone()));
                tracing::warn!(error = %described, retry_in_ms = backoff.as_millis() as u64, "MQTT connection lost; reconnecting");
                let unreadable = match error {
                    ConnectionError::MqttState(StateError::Deserialization(
                        rumqttc::Error::PayloadSizeLimitExceeded(size),
                    )) => Some(Message::Unreadable {
                        size,
                        limit: settings.packet_limit(),
                    }),
                    _ => None,
                };
                if let Some(unreadable) = unreadable
                    && sender.send(unreadable, 1).await.is_err()
                {
                    return Ok(());
                }
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = shutdown.changed() => return Ok(()),
                }
                backoff = (backoff * 2).min(Duration::from_secs(10));
                None
            }
        };
        if let Some((message, size)) = handed_over {
            // Waiting here is the back-pressure: the broker connection is not read while the
            // writer catches up.
            let sent = tokio::select! {
                sent = sender.send(message, size) => sent,
                _ = shutdown.changed() => {
                    let _ = client.disconnect().await;
                    return Ok(());
                }
            };
            if sent.is_err() {
                return Ok(());
            }
        }
    }
}

fn metrics_received() {
    tracing::trace!("MQTT message received");
}
