//! Meter readings: the validated upsert every ingestion path goes through, and the reads that
//! serve consumption charts and baselines.
//!
//! A batch is grouped into (meter, UTC day) rows; the existing rows are read (locked on
//! PostgreSQL), each reading is merged slot by slot with the rules of
//! [`domain::reading::DayReadings::merge`], and only rows that changed are written back — with
//! `COPY` on PostgreSQL and prepared multi-row statements on SQLite.

mod history;
mod postgres;
mod programme;
mod sqlite;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use domain::meter::IntervalLength;
use domain::reading::{
    DayReadings, MergeOutcome, SettledWindows, SlotState, ValidReading, day_number, slot_of,
    slots_per_day,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

pub use history::{DayRow, HistoryRequest};

use crate::entity::meter;
use crate::{Backend, Store, StoreError};

/// What the validator needs to know about a meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeterRef {
    /// Storage key.
    pub id: i64,
    /// Interval length.
    pub interval: IntervalLength,
}

/// What an upsert did, reading by reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// Readings for slots that were empty.
    pub inserted: u64,
    /// Readings that replaced a different value or an estimate.
    pub updated: u64,
    /// Readings already stored (or estimates offered where an actual exists).
    pub unchanged: u64,
}

impl IngestCounts {
    /// Adds another batch's counts.
    pub fn add(&mut self, other: IngestCounts) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }

    /// Readings accepted (whatever their effect).
    pub fn accepted(&self) -> u64 {
        self.inserted + self.updated + self.unchanged
    }
}

/// What an attributed upsert did: the counts, and the readings it refused because they would
/// have replaced a reading inside a settled session's window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpsertOutcome {
    /// Effects of the readings written or found unchanged.
    pub counts: IngestCounts,
    /// Positions, in the batch given, of the readings refused as settled.
    pub settled: Vec<usize>,
}

/// One reading of a pending day: its slot, value, quality, position in the batch and whether
/// its slot is settled.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub slot: usize,
    pub wh: u32,
    pub quality: domain::reading::Quality,
    pub index: usize,
    pub state: SlotState,
}

/// Readings of one batch that fall on one (meter, UTC day).
pub(crate) struct PendingDay {
    pub interval: IntervalLength,
    pub cells: Vec<Cell>,
}

/// A day row ready to write.
pub(crate) struct MergedDay {
    pub meter: i64,
    pub day: i32,
    pub readings: DayReadings,
    pub is_new: bool,
}

/// Groups a batch by (meter, day), so each stored row is read and written once, marking the
/// cells that lie in a settled window.
pub(crate) fn group(
    readings: &[ValidReading],
    settled: &SettledWindows,
) -> BTreeMap<(i64, i32), PendingDay> {
    let mut days: BTreeMap<(i64, i32), PendingDay> = BTreeMap::new();
    for (index, reading) in readings.iter().enumerate() {
        let key = (reading.meter, day_number(reading.interval_start));
        days.entry(key)
            .or_insert_with(|| PendingDay {
                interval: reading.interval,
                cells: Vec::new(),
            })
            .cells
            .push(Cell {
                slot: slot_of(reading.interval_start, reading.interval),
                wh: reading.wh,
                quality: reading.quality,
                index,
                state: settled.state(reading.meter, reading.interval_start, reading.interval),
            });
    }
    days
}

/// Merges pending readings from `source` into the stored rows; returns the rows that changed and
/// adds the positions of refused (settled) readings to `outcome`.
pub(crate) fn merge(
    pending: &BTreeMap<(i64, i32), PendingDay>,
    mut existing: HashMap<(i64, i32), DayReadings>,
    source: i64,
    outcome: &mut UpsertOutcome,
) -> Vec<MergedDay> {
    let counts = &mut outcome.counts;
    let mut changed = Vec::new();
    for (&(meter, day), pending_day) in pending {
        let stored = existing.remove(&(meter, day));
        let is_new = stored.is_none();
        let mut readings =
            stored.unwrap_or_else(|| DayReadings::empty(slots_per_day(pending_day.interval)));
        let mut dirty = false;
        for cell in &pending_day.cells {
            match readings.merge(cell.slot, cell.wh, cell.quality, source, cell.state) {
                MergeOutcome::Inserted => {
                    counts.inserted += 1;
                    dirty = true;
                }
                MergeOutcome::Updated => {
                    counts.updated += 1;
                    dirty = true;
                }
                MergeOutcome::Unchanged => counts.unchanged += 1,
                MergeOutcome::Settled => outcome.settled.push(cell.index),
            }
        }
        if dirty {
            changed.push(MergedDay {
                meter,
                day,
                readings,
                is_new,
            });
        }
    }
    changed
}

/// Decodes a stored row, refusing bytes this version cannot read.
pub(crate) fn decode_row(
    meter: i64,
    day: i32,
    wh: &[u8],
    estimated: &[u8],
    sources: &[u8],
) -> Result<DayReadings, StoreError> {
    DayReadings::decode(wh, estimated, sources).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "meter_days row ({meter}, {day}) has inconsistent lengths or sources"
        ))
    })
}

impl Store {
    /// The meters with these utility ids, for validating a batch.
    pub async fn meters_by_utility_ids(
        &self,
        ids: &[String],
    ) -> Result<HashMap<String, MeterRef>, StoreError> {
        let mut found = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let rows: Vec<(i64, String, i16)> = meter::Entity::find()
                .select_only()
                .columns([
                    meter::Column::Id,
                    meter::Column::MeterId,
                    meter::Column::IntervalMinutes,
                ])
                .filter(meter::Column::MeterId.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(&self.db)
                .await?;
            found.extend(rows.into_iter().filter_map(to_meter_ref));
        }
        Ok(found)
    }

    /// Every known meter, for bulk imports that would otherwise look meters up row by row.
    pub async fn meter_directory(&self) -> Result<HashMap<String, MeterRef>, StoreError> {
        let rows: Vec<(i64, String, i16)> = meter::Entity::find()
            .select_only()
            .columns([
                meter::Column::Id,
                meter::Column::MeterId,
                meter::Column::IntervalMinutes,
            ])
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().filter_map(to_meter_ref).collect())
    }

    /// Stores readings PowerSave made itself (test fixtures, benchmarks) idempotently, with no
    /// source recorded and no settled window: the same reading twice changes nothing, an actual
    /// replaces an estimate, an estimate never replaces an actual. Readings from outside go
    /// through [`Store::upsert_readings_from`] (the `ingest` pipeline does).
    pub async fn upsert_readings(
        &self,
        readings: &[ValidReading],
    ) -> Result<IngestCounts, StoreError> {
        Ok(self
            .upsert_readings_from(0, readings, &SettledWindows::default())
            .await?
            .counts)
    }

    /// Stores readings from data source `source_id` with the same rules, recording the source on
    /// every slot it writes; a reading that would replace a different one inside a `settled`
    /// window is not written and is returned as refused (docs/RULES.md § Meter data).
    pub async fn upsert_readings_from(
        &self,
        source_id: i64,
        readings: &[ValidReading],
        settled: &SettledWindows,
    ) -> Result<UpsertOutcome, StoreError> {
        if readings.is_empty() {
            return Ok(UpsertOutcome::default());
        }
        let now = Utc::now();
        let pending = group(readings, settled);
        match self.backend {
            Backend::Postgres => postgres::upsert(self, &pending, source_id, now).await,
            Backend::Sqlite => {
                sqlite::upsert(
                    self.db.get_sqlite_connection_pool(),
                    &pending,
                    source_id,
                    now,
                )
                .await
            }
        }
    }

    /// Makes sure PostgreSQL has the monthly partitions for a range of days (a backfill can call
    /// this first so no row lands in the default partition). SQLite needs nothing.
    pub async fn ensure_reading_partitions(
        &self,
        first_day: i32,
        last_day: i32,
    ) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            let days: std::collections::HashSet<i32> = (first_day..=last_day).collect();
            postgres::ensure_partitions(self, self.db.get_postgres_connection_pool(), &days)
                .await?;
        }
        Ok(())
    }

    /// Bytes the readings occupy on disk, indexes included (PostgreSQL: every partition of
    /// `meter_days`; SQLite: the table and its indexes, from the `dbstat` view when available).
    pub async fn readings_disk_bytes(&self) -> Result<u64, StoreError> {
        match self.backend {
            Backend::Postgres => {
                let bytes: Option<i64> = sqlx::query_scalar(
                    "SELECT sum(pg_total_relation_size(inhrelid))::bigint FROM pg_inherits WHERE inhparent = 'meter_days'::regclass",
                )
                .fetch_one(self.db.get_postgres_connection_pool())
                .await?;
                Ok(u64::try_from(bytes.unwrap_or(0)).unwrap_or(0))
            }
            Backend::Sqlite => {
                let bytes: Option<i64> = sqlx::query_scalar(
                    "SELECT sum(pgsize) FROM dbstat WHERE name = 'meter_days' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'meter_days')",
                )
                .fetch_one(self.db.get_sqlite_connection_pool())
                .await
                .unwrap_or(None);
                Ok(u64::try_from(bytes.unwrap_or(0)).unwrap_or(0))
            }
        }
    }

    /// How many monthly partitions `meter_days` has (PostgreSQL; always 0 on SQLite, which has
    /// none): what an operator watches, since each one is a table.
    pub async fn reading_partitions(&self) -> Result<u64, StoreError> {
        if self.backend != Backend::Postgres {
            return Ok(0);
        }
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'meter_days'::regclass AND c.relname ~ '^meter_days_[0-9]{6}$'",
        )
        .fetch_one(self.db.get_postgres_connection_pool())
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Drops PostgreSQL monthly partitions that end before `before` (retention). SQLite deletes
    /// the rows instead. Returns how many day rows or partitions went.
    pub async fn drop_readings_before(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let day = day_number(before);
        match self.backend {
            Backend::Postgres => postgres::drop_partitions_before(self, day).await,
            Backend::Sqlite => {
                let result = sqlx::query("DELETE FROM meter_days WHERE day < ?")
                    .bind(day)
                    .execute(self.db.get_sqlite_connection_pool())
                    .await?;
                Ok(result.rows_affected())
            }
        }
    }
}

pub(crate) fn to_meter_ref(
    (id, meter_id, minutes): (i64, String, i16),
) -> Option<(String, MeterRef)> {
    let interval = IntervalLength::from_minutes(i64::from(minutes)).ok()?;
    Some((meter_id, MeterRef { id, interval }))
}
