//! The writer side of the feed: parses queued messages, stores their readings in batches under
//! the source their topic belongs to, and keeps what cannot be stored as dead letters.

use std::time::Duration;

use tokio::sync::OwnedSemaphorePermit;

use super::queue::{Held, Receiver};
use super::routes::{TopicRoute, route_of};
use crate::{Ingestor, ParsedRow, RowRef};

/// Readings stored together at most this often, so a busy feed costs few transactions.
const FLUSH_EVERY: Duration = Duration::from_millis(500);
/// Or as soon as this many are waiting.
const FLUSH_AT: usize = 5_000;
/// Bytes of an oversize message kept with its dead letter, so staff can see what it was.
pub(super) const OVERSIZE_PREFIX: usize = 1024;

/// What the connection hands over.
pub(super) enum Message {
    /// A message within `max_message_bytes`.
    Publish {
        /// Its topic.
        topic: String,
        /// Its payload.
        payload: Vec<u8>,
    },
    /// A message over `max_message_bytes`: only its start is kept.
    Oversize {
        /// Its topic.
        topic: String,
        /// Its full size in bytes.
        size: usize,
        /// Its first bytes.
        prefix: Vec<u8>,
        /// The limit it broke.
        limit: usize,
    },
    /// A packet too large for the connection to read at all: the broker connection was reset
    /// and its topic is unknown.
    Unreadable {
        /// Its announced size in bytes.
        size: usize,
        /// The connection's limit.
        limit: usize,
    },
}

/// One source's readings waiting to be stored, with the payloads they came from (for dead
/// letters) and the queue permits of those payloads.
#[derive(Default)]
struct Pending {
    rows: Vec<ParsedRow>,
    payloads: Vec<String>,
    permits: Vec<OwnedSemaphorePermit>,
}

/// The writer: one ingestor per route, plus the listener's own source for what no route claims.
pub(super) struct Writer {
    /// The topic filters, in configuration order.
    pub(super) routes: Vec<TopicRoute>,
    /// The ingestor of each route's source, by the route's index.
    pub(super) ingestors: Vec<Ingestor>,
    /// The listener's own source.
    pub(super) fallback: Ingestor,
    /// Flush once this many payload bytes are held (half the queue's budget), so the connection
    /// never waits for the timer while the writer could make room.
    pub(super) flush_bytes: usize,
}

impl Writer {
    pub(super) async fn run(self, mut receiver: Receiver<Message>) {
        let mut pending: Vec<Pending> = self.routes.iter().map(|_| Pending::default()).collect();
        let mut held_bytes = 0usize;
        let mut ticker = tokio::time::interval(FLUSH_EVERY);
        loop {
            tokio::select! {
                message = receiver.recv() => {
                    let Some(Held { item, permit }) = message else { break };
                    let bytes = permit.num_permits();
                    if let Some(route) = self.take(item, permit, &mut pending).await {
                        held_bytes += bytes;
                        if pending[route].rows.len() >= FLUSH_AT || held_bytes >= self.flush_bytes {
                            self.flush_all(&mut pending).await;
                            held_bytes = 0;
                        }
                    }
                }
                _ = ticker.tick() => {
                    self.flush_all(&mut pending).await;
                    held_bytes = 0;
                }
            }
        }
        self.flush_all(&mut pending).await;
    }

    /// Parses a message into its route's pending batch (returning the route) or dead-letters it.
    async fn take(
        &self,
        message: Message,
        permit: OwnedSemaphorePermit,
        pending: &mut [Pending],
    ) -> Option<usize> {
        let (topic, payload) = match message {
            Message::Publish { topic, payload } => (topic, payload),
            Message::Oversize {
                topic,
                size,
                prefix,
                limit,
            } => {
                let reason = format!(
                    "message of {size} bytes exceeds max_message_bytes = {limit} (topic {topic})"
                );
                let ingestor = self.ingestor_for(&topic);
                dead_letter(ingestor, &String::from_utf8_lossy(&prefix), &reason).await;
                return None;
            }
            Message::Unreadable { size, limit } => {
                let reason = format!(
                    "packet of {size} bytes exceeds the connection's limit of {limit} bytes; \
                     the broker connection was reset and the topic is unknown"
                );
                dead_letter(&self.fallback, "", &reason).await;
                return None;
            }
        };
        // Valid JSON is UTF-8, so the payload usually becomes its own text without a copy;
        // other bytes are read as they are and kept as lossy text.
        let (text, parsed) = match String::from_utf8(payload) {
            Ok(text) => {
                let parsed = super::parse_payload(text.as_bytes());
                (text, parsed)
            }
            Err(error) => {
                let parsed = super::parse_payload(error.as_bytes());
                (
                    String::from_utf8_lossy(error.as_bytes()).into_owned(),
                    parsed,
                )
            }
        };
        let Some(route) = route_of(&self.routes, &topic) else {
            let reason = format!("topic {topic} belongs to no configured source");
            dead_letter(&self.fallback, &text, &reason).await;
            return None;
        };
        match parsed {
            Ok(readings) => {
                let batch = &mut pending[route];
                let index = batch.payloads.len() as u64;
                batch
                    .rows
                    .extend(readings.into_iter().map(|r| (RowRef::Index(index), r)));
                batch.payloads.push(text);
                batch.permits.push(permit);
                Some(route)
            }
            Err(reason) => {
                let reason = format!("{reason} (topic {topic})");
                dead_letter(&self.ingestors[route], &text, &reason).await;
                None
            }
        }
    }

    fn ingestor_for(&self, topic: &str) -> &Ingestor {
        route_of(&self.routes, topic).map_or(&self.fallback, |route| &self.ingestors[route])
    }

    async fn flush_all(&self, pending: &mut [Pending]) {
        for (batch, ingestor) in pending.iter_mut().zip(&self.ingestors) {
            flush(ingestor, std::mem::take(batch)).await;
        }
    }
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

/// Stores one source's batch; its permits are given back when it is done, stored or not.
async fn flush(ingestor: &Ingestor, batch: Pending) {
    if batch.rows.is_empty() {
        return;
    }
    let Pending {
        rows,
        payloads,
        permits,
    } = batch;
    match ingestor.ingest(rows).await {
        Ok(report) => {
            for rejected in report.rejects {
                let RowRef::Index(index) = rejected.row else {
                    continue;
                };
                let payload = usize::try_from(index)
                    .ok()
                    .and_then(|index| payloads.get(index))
                    .map_or("", String::as_str);
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
            tracing::error!(%error, messages = payloads.len(), "storing MQTT readings failed");
        }
    }
    drop(permits);
}
