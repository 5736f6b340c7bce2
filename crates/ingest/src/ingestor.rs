//! Validation and storage of a batch, with a report for every row.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, Utc};
use domain::meter::MeterId;
use domain::reading::{ReadingLimits, RejectReason, SettledWindows, ValidReading, validate};
use store::{IngestCounts, MeterRef, Store, StoreError};
use tokio::sync::RwLock;

use crate::ParsedRow;

/// Where a row came from, so a rejection can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    /// A line of a CSV body or file (1-based, header included).
    Line(u64),
    /// An element of a JSON array (0-based).
    Index(u64),
}

/// One refused row.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Where it was.
    pub row: RowRef,
    /// The meter id it named, when readable.
    pub meter_id: Option<String>,
    /// Why it was refused.
    pub reason: RejectReason,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestReport {
    /// Effects of the accepted readings.
    pub counts: IngestCounts,
    /// Rows refused.
    pub rejected: u64,
    /// The first refused rows with reasons (at most [`Ingestor::MAX_REPORTED_REJECTS`]).
    pub rejects: Vec<Rejected>,
}

impl IngestReport {
    /// Adds another batch's report, keeping the reject list bounded.
    pub fn add(&mut self, other: IngestReport) {
        self.counts.add(other.counts);
        self.rejected += other.rejected;
        let room = Ingestor::MAX_REPORTED_REJECTS.saturating_sub(self.rejects.len());
        self.rejects.extend(other.rejects.into_iter().take(room));
    }
}

/// Validates and stores readings for one data source.
#[derive(Clone)]
pub struct Ingestor {
    store: Store,
    limits: ReadingLimits,
    source_id: i64,
    /// Meter ids resolved so far; a miss goes to the database once per batch.
    meters: Arc<RwLock<HashMap<String, MeterRef>>>,
    /// Where changed meters are announced, when live views listen.
    events: Option<ReadingEvents>,
}

/// Announces, after each stored batch, the meters (storage keys) whose readings changed, so that
/// live session views refresh as data arrives instead of polling.
pub type ReadingEvents = tokio::sync::broadcast::Sender<Arc<Vec<i64>>>;

impl Ingestor {
    /// Rejections listed in a report; beyond this only the count grows.
    pub const MAX_REPORTED_REJECTS: usize = 1000;

    /// An ingestor for `source_id`.
    pub fn new(store: Store, limits: ReadingLimits, source_id: i64) -> Self {
        Self {
            store,
            limits,
            source_id,
            meters: Arc::default(),
            events: None,
        }
    }

    /// The same ingestor, announcing changed meters on `events`.
    pub fn with_events(mut self, events: ReadingEvents) -> Self {
        self.events = Some(events);
        self
    }

    /// Loads every meter at once; worth it before a large import.
    pub async fn preload_meters(&self) -> Result<usize, StoreError> {
        let directory = self.store.meter_directory().await?;
        let count = directory.len();
        *self.meters.write().await = directory;
        Ok(count)
    }

    /// The data source readings are counted against.
    pub fn source_id(&self) -> i64 {
        self.source_id
    }

    /// The store this ingestor writes to.
    pub fn store(&self) -> &Store {
        &self.store
    }

    async fn resolve(&self, rows: &[ParsedRow]) -> Result<HashMap<String, MeterRef>, StoreError> {
        let mut wanted: Vec<String> = rows
            .iter()
            .filter_map(|(_, row)| row.as_ref().ok())
            .filter_map(|raw| {
                MeterId::parse(&raw.meter_id)
                    .ok()
                    .map(|id| id.as_str().to_owned())
            })
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut known: HashMap<String, MeterRef> = HashMap::with_capacity(wanted.len());
        let mut missing = Vec::new();
        {
            let cache = self.meters.read().await;
            for id in wanted {
                match cache.get(&id) {
                    Some(meter) => {
                        known.insert(id, *meter);
                    }
                    None => missing.push(id),
                }
            }
        }
        if !missing.is_empty() {
            let found = self.store.meters_by_utility_ids(&missing).await?;
            self.meters
                .write()
                .await
                .extend(found.iter().map(|(k, v)| (k.clone(), *v)));
            known.extend(found);
        }
        Ok(known)
    }

    /// Validates every row, refuses rows for meters this source may not report (docs/RULES.md
    /// § Meter data), stores the rest, refuses readings that would change a settled session's
    /// data, counts the batch against the source and reports each rejection in row order.
    /// Storage failures fail the whole batch (nothing half-reported).
    pub async fn ingest(&self, rows: Vec<ParsedRow>) -> Result<IngestReport, StoreError> {
        let meters = self.resolve(&rows).await?;
        let now = Utc::now();
        let mut checked: Vec<(RowRef, String, ValidReading)> = Vec::with_capacity(rows.len());
        let mut rejects: Vec<Rejected> = Vec::new();
        for (row, parsed) in rows {
            let result = parsed.map_err(|reason| (reason, None)).and_then(|raw| {
                let named = |reason| (reason, Some(raw.meter_id.clone()));
                let id = MeterId::parse(&raw.meter_id)
                    .map_err(|_| named(RejectReason::BadMeterId(raw.meter_id.clone())))?;
                let meter = meters
                    .get(id.as_str())
                    .ok_or_else(|| named(RejectReason::UnknownMeter(id.to_string())))?;
                validate(
                    meter.id,
                    meter.interval,
                    raw.interval_start,
                    raw.kwh,
                    raw.quality,
                    now,
                    &self.limits,
                )
                .map(|reading| (id.to_string(), reading))
                .map_err(named)
            });
            match result {
                Ok((meter_id, reading)) => checked.push((row, meter_id, reading)),
                Err((reason, meter_id)) => rejects.push(Rejected {
                    row,
                    meter_id,
                    reason,
                }),
            }
        }
        let mut keys: Vec<i64> = checked
            .iter()
            .map(|(_, _, reading)| reading.meter)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if !keys.is_empty() {
            let permitted = self.store.permitted_meters(self.source_id, &keys).await?;
            checked.retain(|(row, meter_id, reading)| {
                let allowed = permitted.contains(&reading.meter);
                if !allowed {
                    rejects.push(Rejected {
                        row: *row,
                        meter_id: Some(meter_id.clone()),
                        reason: RejectReason::NotPermitted(meter_id.clone()),
                    });
                }
                allowed
            });
            keys.retain(|key| permitted.contains(key));
        }
        let span = checked.iter().fold(None, |span, (_, _, reading)| {
            let start = reading.interval_start;
            let end = start + Duration::minutes(i64::from(reading.interval.minutes()));
            Some(match span {
                None => (start, end),
                Some((from, to)) => (Ord::min(from, start), Ord::max(to, end)),
            })
        });
        let settled = match span {
            Some((from, to)) => self.store.settled_windows(&keys, from, to).await?,
            None => SettledWindows::default(),
        };
        let valid: Vec<ValidReading> = checked.iter().map(|(_, _, reading)| *reading).collect();
        let outcome = self
            .store
            .upsert_readings_from(self.source_id, &valid, &settled)
            .await?;
        let mut written = vec![true; valid.len()];
        for index in outcome.settled {
            if let Some((row, meter_id, reading)) = checked.get(index) {
                written[index] = false;
                rejects.push(Rejected {
                    row: *row,
                    meter_id: Some(meter_id.clone()),
                    reason: RejectReason::Settled(reading.interval_start),
                });
            }
        }
        let stored = || {
            valid
                .iter()
                .zip(&written)
                .filter(|(_, written)| **written)
                .map(|(reading, _)| reading)
        };
        let newest = stored()
            .map(|reading| {
                reading.interval_start + Duration::minutes(i64::from(reading.interval.minutes()))
            })
            .max();
        rejects.sort_by_key(|rejected| match rejected.row {
            RowRef::Line(n) | RowRef::Index(n) => n,
        });
        let mut report = IngestReport {
            counts: outcome.counts,
            rejected: rejects.len() as u64,
            rejects,
        };
        report.rejects.truncate(Self::MAX_REPORTED_REJECTS);
        self.store
            .record_ingest(self.source_id, report.counts, report.rejected, newest)
            .await?;
        if let Some(events) = &self.events
            && report.counts.inserted + report.counts.updated > 0
        {
            let mut meters: Vec<i64> = stored().map(|reading| reading.meter).collect();
            meters.sort_unstable();
            meters.dedup();
            // Nobody listening is fine: live views subscribe only while open.
            let _ = events.send(Arc::new(meters));
        }
        Ok(report)
    }
}
