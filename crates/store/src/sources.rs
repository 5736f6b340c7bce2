//! Data sources: who delivers readings (API clients with hashed keys, the MQTT feed, file imports,
//! the scheduled pull), what each delivered today, and the messages that could not be read.

use chrono::{DateTime, Utc};
use domain::paging::PageRequest;
use domain::sorting::Sort;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::{data_source, dead_letter, source_daily_stats};
use crate::page::Page;
use crate::readings::IngestCounts;
use crate::sort_fields::DeadLetterSortField;
use crate::{Store, StoreError};

/// How a source delivers readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Pushes batches to `POST /api/v1/meter-readings` with an API key.
    Api,
    /// Publishes to the MQTT broker.
    Mqtt,
    /// Is pulled on a schedule from the utility's meter data system.
    Pull,
    /// CSV files imported from the command line.
    File,
    /// The built-in simulator.
    Simulator,
    /// Staff corrections of stored readings (docs/RULES.md § Meter data).
    Correction,
}

impl SourceKind {
    /// Stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Mqtt => "mqtt",
            Self::Pull => "pull",
            Self::File => "file",
            Self::Simulator => "simulator",
            Self::Correction => "correction",
        }
    }

    /// Whether sources of this kind may report only the meters bound to them (docs/RULES.md
    /// § Meter data). Sources outside PowerSave are; an operator's command-line import (who has
    /// the database already), the simulator (which feeds only meters created as simulated) and
    /// staff corrections are not, and claim nothing.
    pub const fn is_bound(self) -> bool {
        matches!(self, Self::Api | Self::Mqtt | Self::Pull)
    }

    pub(crate) fn parse(raw: &str) -> Result<Self, StoreError> {
        Ok(match raw {
            "api" => Self::Api,
            "mqtt" => Self::Mqtt,
            "pull" => Self::Pull,
            "file" => Self::File,
            "simulator" => Self::Simulator,
            "correction" => Self::Correction,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "unknown source kind {other:?}"
                )));
            }
        })
    }
}

/// A data source with today's counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    /// Storage key.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// How it delivers.
    pub kind: SourceKind,
    /// End of the newest interval it delivered.
    pub last_reading_at: Option<DateTime<Utc>>,
    /// When it last delivered anything.
    pub last_ingest_at: Option<DateTime<Utc>>,
    /// How far a pulled source has been read.
    pub watermark: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its key was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Readings accepted today (UTC), whatever their effect.
    pub readings_today: i64,
    /// Readings rejected today (UTC).
    pub rejected_today: i64,
}

/// A message kept because it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Storage key.
    pub id: i64,
    /// The source it came from.
    pub source_id: i64,
    /// That source's name, so a list can show it without looking every source up.
    pub source_name: String,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// The message as received (truncated to 4 KiB).
    pub payload: String,
    /// Why it was refused.
    pub reason: String,
}

/// Largest payload kept in the dead-letter table.
const DEAD_LETTER_MAX_BYTES: usize = 4096;

pub(crate) fn to_record(
    model: data_source::Model,
    stats: Option<source_daily_stats::Model>,
) -> Result<SourceRecord, StoreError> {
    let (readings_today, rejected_today) = stats.map_or((0, 0), |s| {
        (s.inserted + s.updated + s.unchanged, s.rejected)
    });
    Ok(SourceRecord {
        id: model.id,
        name: model.name,
        kind: SourceKind::parse(&model.kind)?,
        last_reading_at: model.last_reading_at,
        last_ingest_at: model.last_ingest_at,
        watermark: model.watermark,
        created_at: model.created_at,
        revoked_at: model.revoked_at,
        readings_today,
        rejected_today,
    })
}

impl Store {
    /// Creates a source; API sources carry the SHA-256 of their key. Names are unique.
    pub async fn create_source(
        &self,
        name: &str,
        kind: SourceKind,
        key_hash: Option<Vec<u8>>,
    ) -> Result<SourceRecord, StoreError> {
        let model = data_source::ActiveModel {
            name: Set(name.to_owned()),
            kind: Set(kind.as_str().to_owned()),
            key_hash: Set(key_hash),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .map_err(|error| match StoreError::from(error) {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("a data source named {name:?} already exists"))
            }
            other => other,
        })?;
        to_record(model, None)
    }

    /// The source with this name, created if missing (MQTT, file, pull and simulator sources);
    /// a source of another kind under the same name is a conflict, so counts never mix.
    pub async fn ensure_source(
        &self,
        name: &str,
        kind: SourceKind,
    ) -> Result<SourceRecord, StoreError> {
        let found = data_source::Entity::find()
            .filter(data_source::Column::Name.eq(name))
            .one(&self.db)
            .await?;
        match found {
            Some(model) if model.kind != kind.as_str() => Err(StoreError::Conflict(format!(
                "data source {name:?} already exists with kind {}, not {}: choose another name",
                model.kind,
                kind.as_str()
            ))),
            Some(model) => to_record(model, None),
            None => match self.create_source(name, kind, None).await {
                Err(StoreError::Conflict(_)) => Box::pin(self.ensure_source(name, kind)).await,
                other => other,
            },
        }
    }

    /// The unrevoked source whose key hashes to `key_hash`.
    pub async fn source_by_key_hash(
        &self,
        key_hash: &[u8],
    ) -> Result<Option<SourceRecord>, StoreError> {
        data_source::Entity::find()
            .filter(data_source::Column::KeyHash.eq(key_hash.to_vec()))
            .filter(data_source::Column::RevokedAt.is_null())
            .one(&self.db)
            .await?
            .map(|model| to_record(model, None))
            .transpose()
    }

    /// Revokes a source's key: its next request is refused.
    pub async fn revoke_source(&self, id: i64) -> Result<SourceRecord, StoreError> {
        let model = data_source::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("data source"))?;
        if model.kind != SourceKind::Api.as_str() {
            return Err(StoreError::Conflict(format!(
                "{} is a {} source: only API sources have a key to revoke",
                model.name, model.kind
            )));
        }
        let mut active: data_source::ActiveModel = model.clone().into();
        if model.revoked_at.is_none() {
            active.revoked_at = Set(Some(Utc::now()));
        }
        active.update(&self.db).await?;
        self.list_sources()
            .await?
            .into_iter()
            .find(|source| source.id == id)
            .ok_or(StoreError::NotFound("data source"))
    }

    /// Every source with today's counters, by name.
    pub async fn list_sources(&self) -> Result<Vec<SourceRecord>, StoreError> {
        let today = self.counter_day(Utc::now());
        let sources = data_source::Entity::find()
            .order_by_asc(data_source::Column::Name)
            .all(&self.db)
            .await?;
        let stats = source_daily_stats::Entity::find()
            .filter(source_daily_stats::Column::Day.eq(today))
            .all(&self.db)
            .await?;
        sources
            .into_iter()
            .map(|source| {
                let today = stats.iter().find(|s| s.source_id == source.id).cloned();
                to_record(source, today)
            })
            .collect()
    }

    /// Counts a delivery against its source, and moves its last-reading time forward.
    pub async fn record_ingest(
        &self,
        source_id: i64,
        counts: IngestCounts,
        rejected: u64,
        newest_interval_end: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let now = Utc::now();
        let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let txn = self.begin_write().await?;
        source_daily_stats::Entity::insert(source_daily_stats::ActiveModel {
            source_id: Set(source_id),
            day: Set(self.counter_day(now)),
            inserted: Set(as_i64(counts.inserted)),
            updated: Set(as_i64(counts.updated)),
            unchanged: Set(as_i64(counts.unchanged)),
            rejected: Set(as_i64(rejected)),
        })
        .on_conflict(
            OnConflict::columns([
                source_daily_stats::Column::SourceId,
                source_daily_stats::Column::Day,
            ])
            .value(
                source_daily_stats::Column::Inserted,
                Expr::col((
                    source_daily_stats::Entity,
                    source_daily_stats::Column::Inserted,
                ))
                .add(as_i64(counts.inserted)),
            )
            .value(
                source_daily_stats::Column::Updated,
                Expr::col((
                    source_daily_stats::Entity,
                    source_daily_stats::Column::Updated,
                ))
                .add(as_i64(counts.updated)),
            )
            .value(
                source_daily_stats::Column::Unchanged,
                Expr::col((
                    source_daily_stats::Entity,
                    source_daily_stats::Column::Unchanged,
                ))
                .add(as_i64(counts.unchanged)),
            )
            .value(
                source_daily_stats::Column::Rejected,
                Expr::col((
                    source_daily_stats::Entity,
                    source_daily_stats::Column::Rejected,
                ))
                .add(as_i64(rejected)),
            )
            .to_owned(),
        )
        .exec(&txn)
        .await?;
        let model = data_source::Entity::find_by_id(source_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("data source"))?;
        let newest = match (model.last_reading_at, newest_interval_end) {
            (Some(old), Some(new)) => Some(Ord::max(old, new)),
            (old, new) => old.or(new),
        };
        let mut active: data_source::ActiveModel = model.into();
        active.last_ingest_at = Set(Some(now));
        active.last_reading_at = Set(newest);
        active.update(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Moves a pulled source's watermark.
    pub async fn set_watermark(
        &self,
        source_id: i64,
        watermark: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        data_source::Entity::update_many()
            .col_expr(data_source::Column::Watermark, Expr::value(watermark))
            .filter(data_source::Column::Id.eq(source_id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Keeps a message that could not be read, with the reason.
    pub async fn add_dead_letter(
        &self,
        source_id: i64,
        payload: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let mut end = payload.len().min(DEAD_LETTER_MAX_BYTES);
        while !payload.is_char_boundary(end) {
            end -= 1;
        }
        dead_letter::ActiveModel {
            source_id: Set(source_id),
            received_at: Set(Utc::now()),
            payload: Set(payload[..end].to_owned()),
            reason: Set(reason.to_owned()),
            ..Default::default()
        }
        .insert(&self.db)
        .await?;
        Ok(())
    }

    /// Dead letters, newest first, optionally of one source.
    pub async fn dead_letters(
        &self,
        source_id: Option<i64>,
        page: PageRequest,
    ) -> Result<Page<DeadLetter>, StoreError> {
        self.dead_letters_sorted(
            source_id,
            Sort::descending(DeadLetterSortField::ReceivedAt),
            page,
        )
        .await
    }
}
