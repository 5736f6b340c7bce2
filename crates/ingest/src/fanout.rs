//! Reading events across API instances: with several instances behind a load balancer, a
//! reading stored by one must refresh the live views open on every other. Each instance
//! publishes its local events to a Redis channel and re-broadcasts what the others publish.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::Mutex;

use futures_util::StreamExt;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

use crate::ReadingEvents;

/// One event on the wire.
#[derive(Debug, Serialize, Deserialize)]
struct WireEvent {
    /// The instance that stored the readings, so it can ignore its own echo.
    origin: String,
    /// Meter storage keys whose readings changed.
    meters: Vec<i64>,
}

/// Why the bridge could not start.
#[derive(Debug, thiserror::Error)]
#[error("Redis fan-out: {0}")]
pub struct FanoutError(#[from] redis::RedisError);

/// Events this instance received from others and re-broadcast locally, remembered so the
/// publishing half does not send them back out.
type Injected = Arc<Mutex<VecDeque<Arc<Vec<i64>>>>>;

/// Bridges `events` through the Redis `channel` until `shutdown` turns true. `origin` names this
/// instance (unique per process).
pub async fn bridge(
    url: &str,
    channel: &str,
    origin: String,
    events: ReadingEvents,
    mut shutdown: watch::Receiver<bool>,
) -> Result<(), FanoutError> {
    let client = redis::Client::open(url)?;
    let mut publisher = client.get_multiplexed_async_connection().await?;
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    let mut incoming = pubsub.into_on_message();
    let mut local = events.subscribe();
    let injected: Injected = Arc::default();
    loop {
        tokio::select! {
            _ = shutdown.changed() => return Ok(()),
            message = incoming.next() => {
                let Some(message) = message else { return Ok(()) };
                let Ok(event) = serde_json::from_slice::<WireEvent>(message.get_payload_bytes()) else {
                    tracing::warn!("unreadable reading event on the fan-out channel");
                    continue;
                };
                if event.origin != origin {
                    let meters = Arc::new(event.meters);
                    remember(&injected, &meters);
                    let _ = events.send(meters);
                }
            }
            event = local.recv() => match event {
                Ok(meters) if !was_injected(&injected, &meters) => {
                    let payload = serde_json::to_vec(&WireEvent { origin: origin.clone(), meters: meters.to_vec() })
                        .unwrap_or_default();
                    if let Err(error) = publisher.publish::<_, _, ()>(channel, payload).await {
                        tracing::warn!(%error, "cannot publish a reading event");
                    }
                }
                Ok(_) => {}
                Err(RecvError::Lagged(skipped)) => tracing::warn!(skipped, "reading events skipped"),
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
}

fn remember(injected: &Injected, meters: &Arc<Vec<i64>>) {
    if let Ok(mut recent) = injected.lock() {
        recent.push_back(meters.clone());
        while recent.len() > 256 {
            recent.pop_front();
        }
    }
}

fn was_injected(injected: &Injected, meters: &Arc<Vec<i64>>) -> bool {
    injected
        .lock()
        .map(|recent| recent.iter().any(|seen| Arc::ptr_eq(seen, meters)))
        .unwrap_or(false)
}
