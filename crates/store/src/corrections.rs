//! Staff corrections of stored readings: the one way to change a reading an upload may no longer
//! change (docs/RULES.md § Meter data). Each is written in one transaction with its record:
//! who, when, the old and the new value, and why.

use chrono::{DateTime, Utc};
use domain::meter::MeterId;
use domain::paging::PageRequest;
use domain::reading::{DayReadings, Quality, ValidReading, day_number, slot_of, slots_per_day};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LockType, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::{data_source, meter, meter_correction};
use crate::page::Page;
use crate::readings::decode_row;
use crate::{SourceKind, Store, StoreError};

/// The source corrected slots are attributed to.
pub const CORRECTIONS_SOURCE: &str = "staff-corrections";

/// A correction as staff asked for it, validated like any reading.
#[derive(Debug, Clone)]
pub struct NewCorrection {
    /// The corrected reading (its meter's storage key, interval, value and quality).
    pub reading: ValidReading,
    /// Why the value changes, for whoever audits it.
    pub reason: String,
    /// The staff member correcting.
    pub corrected_by: Uuid,
}

/// One recorded correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRecord {
    /// Storage key.
    pub id: i64,
    /// The utility's meter id.
    pub meter_id: String,
    /// Start of the corrected interval.
    pub interval_start: DateTime<Utc>,
    /// The reading before, in Wh (`None`: the slot was empty).
    pub old_wh: Option<i64>,
    /// Its quality.
    pub old_quality: Option<Quality>,
    /// The source that had written it, by name, when recorded.
    pub old_source: Option<String>,
    /// The reading after, in Wh.
    pub new_wh: i64,
    /// Its quality.
    pub new_quality: Quality,
    /// Why.
    pub reason: String,
    /// Who (`None` once that account is gone).
    pub corrected_by: Option<Uuid>,
    /// When.
    pub corrected_at: DateTime<Utc>,
}

/// One stored reading with the source that wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredReading {
    /// Energy in Wh.
    pub wh: u32,
    /// Measured or estimated.
    pub quality: Quality,
    /// The data source that wrote it, when recorded.
    pub source_id: Option<i64>,
}

/// A meter's stored day, read under a row lock when `lock` (PostgreSQL).
async fn read_day(
    connection: &impl ConnectionTrait,
    meter: i64,
    day: i32,
    lock: bool,
) -> Result<Option<DayReadings>, StoreError> {
    let mut read = Query::select();
    read.columns([
        Alias::new("wh"),
        Alias::new("estimated"),
        Alias::new("sources"),
    ])
    .from(Alias::new("meter_days"))
    .and_where(Expr::col(Alias::new("meter_id")).eq(meter))
    .and_where(Expr::col(Alias::new("day")).eq(day));
    if lock {
        read.lock(LockType::Update);
    }
    let Some(row) = connection.query_one(&read).await? else {
        return Ok(None);
    };
    let wh: Vec<u8> = row.try_get_by_index(0)?;
    let estimated: Vec<u8> = row.try_get_by_index(1)?;
    let sources: Vec<u8> = row.try_get_by_index(2)?;
    decode_row(meter, day, &wh, &estimated, &sources).map(Some)
}

fn quality(raw: &str) -> Result<Quality, StoreError> {
    Quality::parse(raw).map_err(|_| StoreError::Corrupt(format!("correction quality {raw:?}")))
}

impl Store {
    /// Replaces one stored reading whatever it holds, settled or not, attributes the slot to
    /// the corrections source and records the correction; returns the record.
    pub async fn correct_reading(
        &self,
        correction: NewCorrection,
    ) -> Result<CorrectionRecord, StoreError> {
        let source = self
            .ensure_source(CORRECTIONS_SOURCE, SourceKind::Correction)
            .await?;
        let reading = correction.reading;
        let day = day_number(reading.interval_start);
        self.ensure_reading_partitions(day, day).await?;
        let now = Utc::now();
        let txn = self.begin_write().await?;
        // Written first so that, on SQLite, the transaction holds the write lock before it reads.
        let record = meter_correction::ActiveModel {
            meter_id: Set(reading.meter),
            interval_start: Set(reading.interval_start),
            old_wh: Set(None),
            old_quality: Set(None),
            old_source_id: Set(None),
            new_wh: Set(i64::from(reading.wh)),
            new_quality: Set(reading.quality.as_str().to_owned()),
            reason: Set(correction.reason),
            corrected_by: Set(Some(correction.corrected_by)),
            corrected_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let lock = txn.get_database_backend() == DatabaseBackend::Postgres;
        let stored = read_day(&txn, reading.meter, day, lock)
            .await?
            .unwrap_or_else(|| DayReadings::empty(slots_per_day(reading.interval)));
        let mut corrected = stored;
        let slot = slot_of(reading.interval_start, reading.interval);
        let old_source = corrected.source(slot);
        let previous = corrected
            .correct(slot, reading.wh, reading.quality, source.id)
            .ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "meter_days row ({}, {day}) has no slot {slot}",
                    reading.meter
                ))
            })?;
        let count = i16::try_from(corrected.count()).unwrap_or(i16::MAX);
        let mut write = Query::insert();
        write
            .into_table(Alias::new("meter_days"))
            .columns(
                [
                    "meter_id",
                    "day",
                    "readings",
                    "wh",
                    "estimated",
                    "sources",
                    "updated_at",
                ]
                .map(Alias::new),
            )
            .values([
                reading.meter.into(),
                day.into(),
                count.into(),
                corrected.encode_values().into(),
                corrected.estimated_bits().to_vec().into(),
                corrected.encode_sources().into(),
                now.into(),
            ])
            .map_err(|error| StoreError::Corrupt(format!("correction statement: {error}")))?
            .on_conflict(
                OnConflict::columns(["meter_id", "day"].map(Alias::new))
                    .update_columns(
                        ["readings", "wh", "estimated", "sources", "updated_at"].map(Alias::new),
                    )
                    .to_owned(),
            );
        txn.execute(&write).await?;
        let mut record: meter_correction::ActiveModel = record.into();
        record.old_wh = Set(previous.map(|(wh, _)| i64::from(wh)));
        record.old_quality = Set(previous.map(|(_, quality)| quality.as_str().to_owned()));
        record.old_source_id = Set(old_source);
        let id = record.update(&txn).await?.id;
        txn.commit().await?;
        // Read back, so the answer shows the instant as stored (and as later listed).
        let stored = meter_correction::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("correction"))?;
        let mut listed = self.records_of(vec![stored]).await?;
        listed.pop().ok_or(StoreError::NotFound("correction"))
    }

    /// The reading stored for the interval of `interval` starting at `start` on `meter`, with
    /// its writer: what a support person (or a test) checks after an upload or a correction.
    pub async fn stored_reading(
        &self,
        meter: i64,
        start: DateTime<Utc>,
        interval: domain::meter::IntervalLength,
    ) -> Result<Option<StoredReading>, StoreError> {
        let Some(day) = read_day(&self.db, meter, day_number(start), false).await? else {
            return Ok(None);
        };
        let slot = slot_of(start, interval);
        Ok(day.get(slot).map(|(wh, quality)| StoredReading {
            wh,
            quality,
            source_id: day.source(slot),
        }))
    }

    /// Corrections, newest first, optionally of one meter.
    pub async fn corrections(
        &self,
        meter_id: Option<&MeterId>,
        page: PageRequest,
    ) -> Result<Page<CorrectionRecord>, StoreError> {
        let mut query = meter_correction::Entity::find();
        if let Some(meter_id) = meter_id {
            query =
                query.filter(meter_correction::Column::MeterId.eq(self.meter_key(meter_id).await?));
        }
        let total = query.clone().count(&self.db).await?;
        let models = query
            .order_by_desc(meter_correction::Column::CorrectedAt)
            .order_by_desc(meter_correction::Column::Id)
            .offset(page.offset())
            .limit(page.per_page())
            .all(&self.db)
            .await?;
        Ok(Page {
            items: self.records_of(models).await?,
            total,
            request: page,
        })
    }

    async fn records_of(
        &self,
        models: Vec<meter_correction::Model>,
    ) -> Result<Vec<CorrectionRecord>, StoreError> {
        let meters: Vec<(i64, String)> = meter::Entity::find()
            .filter(meter::Column::Id.is_in(models.iter().map(|m| m.meter_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.meter_id))
            .collect();
        let sources: Vec<(i64, String)> = data_source::Entity::find()
            .filter(data_source::Column::Id.is_in(models.iter().filter_map(|m| m.old_source_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let name = |list: &[(i64, String)], id: i64| {
            list.iter()
                .find(|(key, _)| *key == id)
                .map(|(_, name)| name.clone())
        };
        models
            .into_iter()
            .map(|model| {
                Ok(CorrectionRecord {
                    id: model.id,
                    meter_id: name(&meters, model.meter_id).ok_or_else(|| {
                        StoreError::Corrupt(format!("correction {} has no meter", model.id))
                    })?,
                    interval_start: model.interval_start,
                    old_wh: model.old_wh,
                    old_quality: model.old_quality.as_deref().map(quality).transpose()?,
                    old_source: model.old_source_id.and_then(|id| name(&sources, id)),
                    new_wh: model.new_wh,
                    new_quality: quality(&model.new_quality)?,
                    reason: model.reason,
                    corrected_by: model.corrected_by,
                    corrected_at: model.corrected_at,
                })
            })
            .collect()
    }
}
