//! Meter data: readings in one row per meter per UTC day, the data sources that deliver them,
//! per-source daily counters, and the dead-letter table for messages that could not be read.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DataSources {
    Table,
    Id,
    Name,
    Kind,
    KeyHash,
    Watermark,
    LastReadingAt,
    LastIngestAt,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SourceDailyStats {
    Table,
    SourceId,
    Day,
    Inserted,
    Updated,
    Unchanged,
    Rejected,
}

#[derive(DeriveIden)]
enum DeadLetters {
    Table,
    Id,
    SourceId,
    ReceivedAt,
    Payload,
    Reason,
}

/// PostgreSQL: range-partitioned by day (monthly partitions are created on demand by the store,
/// the default partition only catches what arrives before its month exists). No foreign key to
/// `meters`: every reading is validated against the meter list before it is written, and the check
/// would cost an index probe per row on the hottest table.
const POSTGRES_METER_DAYS: &str = "
CREATE TABLE meter_days (
    meter_id   BIGINT      NOT NULL,
    day        INTEGER     NOT NULL,
    readings   SMALLINT    NOT NULL,
    wh         BYTEA       NOT NULL,
    estimated  BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (meter_id, day)
) PARTITION BY RANGE (day);
CREATE TABLE meter_days_default PARTITION OF meter_days DEFAULT;
CREATE INDEX idx_meter_days_updated ON meter_days (updated_at);
";

/// SQLite: a clustered (WITHOUT ROWID) table, so a meter's days sit together on disk.
const SQLITE_METER_DAYS: &str = "
CREATE TABLE meter_days (
    meter_id   INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    readings   INTEGER NOT NULL,
    wh         BLOB    NOT NULL,
    estimated  BLOB    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (meter_id, day)
) WITHOUT ROWID;
CREATE INDEX idx_meter_days_updated ON meter_days (updated_at);
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_METER_DAYS,
            _ => SQLITE_METER_DAYS,
        };
        manager.get_connection().execute_unprepared(sql).await?;

        manager
            .create_table(
                Table::create()
                    .table(DataSources::Table)
                    .col(big_pk_auto(DataSources::Id))
                    .col(string_len_uniq(DataSources::Name, 100))
                    .col(string_len(DataSources::Kind, 16))
                    .col(blob_null(DataSources::KeyHash).unique_key())
                    .col(timestamp_with_time_zone_null(DataSources::Watermark))
                    .col(timestamp_with_time_zone_null(DataSources::LastReadingAt))
                    .col(timestamp_with_time_zone_null(DataSources::LastIngestAt))
                    .col(timestamp_with_time_zone(DataSources::CreatedAt))
                    .col(timestamp_with_time_zone_null(DataSources::RevokedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SourceDailyStats::Table)
                    .col(big_integer(SourceDailyStats::SourceId))
                    .col(integer(SourceDailyStats::Day))
                    .col(big_integer(SourceDailyStats::Inserted).default(0))
                    .col(big_integer(SourceDailyStats::Updated).default(0))
                    .col(big_integer(SourceDailyStats::Unchanged).default(0))
                    .col(big_integer(SourceDailyStats::Rejected).default(0))
                    .primary_key(
                        Index::create()
                            .col(SourceDailyStats::SourceId)
                            .col(SourceDailyStats::Day),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_source_daily_stats_source")
                            .from(SourceDailyStats::Table, SourceDailyStats::SourceId)
                            .to(DataSources::Table, DataSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DeadLetters::Table)
                    .col(big_pk_auto(DeadLetters::Id))
                    .col(big_integer(DeadLetters::SourceId))
                    .col(timestamp_with_time_zone(DeadLetters::ReceivedAt))
                    .col(text(DeadLetters::Payload))
                    .col(text(DeadLetters::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_dead_letters_source")
                            .from(DeadLetters::Table, DeadLetters::SourceId)
                            .to(DataSources::Table, DataSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_dead_letters_source_received")
                    .table(DeadLetters::Table)
                    .col(DeadLetters::SourceId)
                    .col(DeadLetters::ReceivedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "dead_letters",
            "source_daily_stats",
            "data_sources",
            "meter_days",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
