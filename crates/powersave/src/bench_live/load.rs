//! The load generator: one Server-Sent Events stream per household, and meter readings uploaded
//! at a steady rate, each timed from just before its upload is sent until the household's own
//! stream delivers an event that includes it.
//!
//! Every upload changes the first quarter hour of the session for its households to a value
//! never sent before for that household, so an event "reflects" a reading exactly when its first
//! period's `actual_kwh` equals that value plus the fixed second quarter hour.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use super::fixture::{FIRST_QUARTER_WH, Fixture, SECOND_QUARTER_WH};

/// How long a reading may take to show before it counts as missed.
const GRACE: Duration = Duration::from_secs(10);
/// Longest wait for every stream's first event.
const OPEN_TIMEOUT: Duration = Duration::from_secs(600);
/// Streams being opened at once.
const OPENING: usize = 200;
/// Uploads in flight at once; beyond this the sender waits (and the achieved rate drops).
const UPLOADS_IN_FLIGHT: usize = 32;

/// A reading sent and not yet seen on its household's stream.
#[derive(Clone, Copy)]
struct Pending {
    expected_wh: u32,
    sent: Instant,
}

/// What the streams and the sender share.
#[derive(Default)]
struct Shared {
    /// Per household, the reading awaited.
    pending: Vec<Mutex<Option<Pending>>>,
    latencies: Mutex<Vec<Duration>>,
    events: AtomicU64,
    connected: AtomicUsize,
    stream_errors: AtomicU64,
    upload_errors: AtomicU64,
    superseded: AtomicU64,
    sent: AtomicU64,
}

/// Figures of one run.
pub struct Outcome {
    /// Reading-to-event latencies, sorted.
    pub latencies: Vec<Duration>,
    /// Progress events received over all streams (first events included).
    pub events: u64,
    /// Streams that opened and delivered their first event.
    pub connected: usize,
    /// Seconds it took to open them all.
    pub open_seconds: f64,
    /// Streams that failed to open or broke.
    pub stream_errors: u64,
    /// Uploads that failed or had readings rejected.
    pub upload_errors: u64,
    /// Readings sent.
    pub sent: u64,
    /// Readings never seen within the grace period (or overtaken by the household's next one).
    pub missed: u64,
    /// Seconds readings were sent for.
    pub send_seconds: f64,
}

#[derive(Deserialize)]
struct Progress {
    periods: Vec<Period>,
}

#[derive(Deserialize)]
struct Period {
    actual_kwh: f64,
}

/// The options of one run.
pub struct Load<'a> {
    /// Server base URL.
    pub base: String,
    /// The programme.
    pub fixture: &'a Fixture,
    /// Readings per second.
    pub rate: u32,
    /// Readings per upload.
    pub batch: usize,
    /// How long to send.
    pub duration: Duration,
}

fn energy_in(event: &str) -> Option<u32> {
    let data: String = event
        .lines()
        .filter_map(|line| line.strip_prefix("data: "))
        .collect();
    let progress: Progress = serde_json::from_str(&data).ok()?;
    let first = progress.periods.first()?;
    Some((first.actual_kwh * 1000.0).round() as u32)
}

/// Follows household `index`'s stream until `stop`, timing the readings it reflects.
async fn follow(
    client: reqwest::Client,
    url: String,
    token: String,
    index: usize,
    shared: Arc<Shared>,
    opened: tokio::sync::OwnedSemaphorePermit,
    mut stop: watch::Receiver<bool>,
) {
    let response = match client.get(&url).bearer_auth(&token).send().await {
        Ok(response) if response.status().is_success() => response,
        Ok(response) => {
            tracing::warn!(status = %response.status(), "stream refused");
            shared.stream_errors.fetch_add(1, Ordering::Relaxed);
            return;
        }
        Err(error) => {
            tracing::warn!(%error, "stream not opened");
            shared.stream_errors.fetch_add(1, Ordering::Relaxed);
            return;
        }
    };
    let mut response = response;
    let mut opened = Some(opened);
    let mut buffer = String::new();
    loop {
        let chunk = tokio::select! {
            _ = stop.changed() => return,
            chunk = response.chunk() => chunk,
        };
        match chunk {
            Ok(Some(bytes)) => buffer.push_str(&String::from_utf8_lossy(&bytes)),
            Ok(None) | Err(_) => {
                if !*stop.borrow() {
                    shared.stream_errors.fetch_add(1, Ordering::Relaxed);
                }
                return;
            }
        }
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if !event.lines().any(|line| line == "event: progress") {
                continue;
            }
            let seen = Instant::now();
            shared.events.fetch_add(1, Ordering::Relaxed);
            if opened.is_some() {
                shared.connected.fetch_add(1, Ordering::Relaxed);
                opened = None;
            }
            let Some(wh) = energy_in(&event) else {
                continue;
            };
            let matched = match shared.pending[index].lock() {
                Ok(mut slot) => match *slot {
                    Some(pending) if pending.expected_wh == wh => slot.take(),
                    _ => None,
                },
                Err(_) => None,
            };
            if let Some(pending) = matched
                && let Ok(mut latencies) = shared.latencies.lock()
            {
                latencies.push(seen - pending.sent);
            }
        }
    }
}

/// The value the `round`-th upload for a household writes into its first quarter hour.
fn first_quarter_wh(round: u64) -> u32 {
    FIRST_QUARTER_WH + 1 + (round % 5_000) as u32
}

async fn upload(
    client: reqwest::Client,
    url: String,
    key: String,
    body: serde_json::Value,
    shared: Arc<Shared>,
) {
    let response = client.post(&url).bearer_auth(&key).json(&body).send().await;
    let ok = match response {
        Ok(response) if response.status().is_success() => response
            .json::<serde_json::Value>()
            .await
            .ok()
            .is_some_and(|report| report["rejected"].as_u64() == Some(0)),
        Ok(response) => {
            tracing::warn!(status = %response.status(), "upload refused");
            false
        }
        Err(error) => {
            tracing::warn!(%error, "upload failed");
            false
        }
    };
    if !ok {
        shared.upload_errors.fetch_add(1, Ordering::Relaxed);
    }
}

/// Sends `batch` readings every `batch / rate` seconds, round robin over the households.
async fn send(load: &Load<'_>, shared: &Arc<Shared>) -> f64 {
    let households = &load.fixture.households;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/meter-readings", load.base);
    let period = Duration::from_secs_f64(load.batch as f64 / f64::from(load.rate.max(1)));
    let mut ticker = tokio::time::interval(period);
    let in_flight = Arc::new(Semaphore::new(UPLOADS_IN_FLIGHT));
    let mut uploads = JoinSet::new();
    let started = Instant::now();
    let mut cursor: u64 = 0;
    let at: DateTime<Utc> = load.fixture.first_quarter;
    while started.elapsed() < load.duration {
        ticker.tick().await;
        let Ok(permit) = in_flight.clone().acquire_owned().await else {
            break;
        };
        let mut readings = Vec::with_capacity(load.batch);
        let sent = Instant::now();
        for _ in 0..load.batch.min(households.len()) {
            let index = (cursor % households.len() as u64) as usize;
            let round = cursor / households.len() as u64;
            cursor += 1;
            let wh = first_quarter_wh(round);
            if let Ok(mut slot) = shared.pending[index].lock()
                && slot
                    .replace(Pending {
                        expected_wh: wh + SECOND_QUARTER_WH,
                        sent,
                    })
                    .is_some()
            {
                shared.superseded.fetch_add(1, Ordering::Relaxed);
            }
            readings.push(serde_json::json!({
                "meter_id": households[index].meter_id,
                "interval_start": at,
                "kwh": f64::from(wh) / 1000.0,
            }));
        }
        shared
            .sent
            .fetch_add(readings.len() as u64, Ordering::Relaxed);
        let body = serde_json::json!({ "readings": readings });
        let task = upload(
            client.clone(),
            url.clone(),
            load.fixture.api_key.clone(),
            body,
            shared.clone(),
        );
        uploads.spawn(async move {
            task.await;
            drop(permit);
        });
    }
    let seconds = started.elapsed().as_secs_f64();
    while uploads.join_next().await.is_some() {}
    seconds
}

fn outstanding(shared: &Shared) -> u64 {
    shared
        .pending
        .iter()
        .filter(|slot| slot.lock().map(|p| p.is_some()).unwrap_or(false))
        .count() as u64
}

/// Opens every stream, sends readings for `load.duration`, waits for the stragglers and reports.
pub async fn run(load: Load<'_>) -> anyhow::Result<Outcome> {
    let households = &load.fixture.households;
    let shared = Arc::new(Shared {
        pending: households.iter().map(|_| Mutex::new(None)).collect(),
        ..Shared::default()
    });
    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(0)
        .build()?;
    let url = format!(
        "{}/api/v1/sessions/{}/live",
        load.base, load.fixture.session
    );
    let (stop, stopped) = watch::channel(false);
    let opening = Arc::new(Semaphore::new(OPENING));
    let mut streams = JoinSet::new();
    let started = Instant::now();
    for (index, household) in households.iter().enumerate() {
        let permit = opening.clone().acquire_owned().await?;
        streams.spawn(follow(
            client.clone(),
            url.clone(),
            household.token.clone(),
            index,
            shared.clone(),
            permit,
            stopped.clone(),
        ));
    }
    // Every permit back means every stream delivered its first event or gave up.
    let all = u32::try_from(OPENING)?;
    if tokio::time::timeout(OPEN_TIMEOUT, opening.acquire_many(all))
        .await
        .is_err()
    {
        println!(
            "streams   not all open after {} s: measuring those that are",
            OPEN_TIMEOUT.as_secs()
        );
    }
    let open_seconds = started.elapsed().as_secs_f64();
    println!(
        "streams   {} of {} open with a first event in {open_seconds:.1} s",
        shared.connected.load(Ordering::Relaxed),
        households.len()
    );

    let send_seconds = send(&load, &shared).await;
    let waiting = Instant::now();
    while outstanding(&shared) > 0 && waiting.elapsed() < GRACE {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let missed = outstanding(&shared) + shared.superseded.load(Ordering::Relaxed);
    let _ = stop.send(true);
    while streams.join_next().await.is_some() {}
    let mut latencies = shared
        .latencies
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default();
    latencies.sort_unstable();
    Ok(Outcome {
        latencies,
        events: shared.events.load(Ordering::Relaxed),
        connected: shared.connected.load(Ordering::Relaxed),
        open_seconds,
        stream_errors: shared.stream_errors.load(Ordering::Relaxed),
        upload_errors: shared.upload_errors.load(Ordering::Relaxed),
        sent: shared.sent.load(Ordering::Relaxed),
        missed,
        send_seconds,
    })
}
