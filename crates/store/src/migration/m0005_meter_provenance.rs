//! Meter-data provenance (docs/SECURITY.md § Meter-data integrity): which data sources may report
//! each meter, which source wrote each reading, which meters the simulator may feed, and the
//! record of every staff correction of a stored reading.

use sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Meters {
    Table,
    Id,
    MeterId,
    Simulated,
}

/// The meters earlier versions' demo created (the consumer's and the simulated households'):
/// a data folder made before this migration keeps its simulated history flowing.
const EARLIER_DEMO_METERS: (&str, &str) = ("CY-DEMO-0001", "CY-SIM-%");

#[derive(DeriveIden)]
enum DataSources {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MeterSources {
    Table,
    MeterId,
    SourceId,
    Claimed,
    BoundAt,
}

#[derive(DeriveIden)]
enum MeterCorrections {
    Table,
    Id,
    MeterId,
    IntervalStart,
    OldWh,
    OldQuality,
    OldSourceId,
    NewWh,
    NewQuality,
    Reason,
    CorrectedBy,
    CorrectedAt,
}

/// The writing source of each slot, as runs of (first slot, source id); empty for rows written
/// before sources were recorded. A column default keeps every existing row readable.
const POSTGRES_SOURCES: &str =
    "ALTER TABLE meter_days ADD COLUMN sources BYTEA NOT NULL DEFAULT ''::bytea";
const SQLITE_SOURCES: &str = "ALTER TABLE meter_days ADD COLUMN sources BLOB NOT NULL DEFAULT x''";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_SOURCES,
            _ => SQLITE_SOURCES,
        };
        manager.get_connection().execute_unprepared(sql).await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Meters::Table)
                    .add_column(boolean(Meters::Simulated).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(Meters::Table)
                    .value(Meters::Simulated, true)
                    .cond_where(
                        Condition::any()
                            .add(Expr::col(Meters::MeterId).eq(EARLIER_DEMO_METERS.0))
                            .add(Expr::col(Meters::MeterId).like(EARLIER_DEMO_METERS.1)),
                    )
                    .to_owned(),
            )
            .await?;

        // `claimed` is TRUE for the binding made by the first source that reported the meter
        // and NULL for one staff made; the unique index allows one claim per meter, so two
        // sources racing for an unbound meter cannot both win.
        manager
            .create_table(
                Table::create()
                    .table(MeterSources::Table)
                    .col(big_integer(MeterSources::MeterId))
                    .col(big_integer(MeterSources::SourceId))
                    .col(boolean_null(MeterSources::Claimed))
                    .col(timestamp_with_time_zone(MeterSources::BoundAt))
                    .primary_key(
                        Index::create()
                            .col(MeterSources::MeterId)
                            .col(MeterSources::SourceId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_meter_sources_meter")
                            .from(MeterSources::Table, MeterSources::MeterId)
                            .to(Meters::Table, Meters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_meter_sources_source")
                            .from(MeterSources::Table, MeterSources::SourceId)
                            .to(DataSources::Table, DataSources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_meter_sources_one_claim")
                    .table(MeterSources::Table)
                    .col(MeterSources::MeterId)
                    .col(MeterSources::Claimed)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_meter_sources_source")
                    .table(MeterSources::Table)
                    .col(MeterSources::SourceId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeterCorrections::Table)
                    .col(big_pk_auto(MeterCorrections::Id))
                    .col(big_integer(MeterCorrections::MeterId))
                    .col(timestamp_with_time_zone(MeterCorrections::IntervalStart))
                    .col(big_integer_null(MeterCorrections::OldWh))
                    .col(string_len_null(MeterCorrections::OldQuality, 16))
                    .col(big_integer_null(MeterCorrections::OldSourceId))
                    .col(big_integer(MeterCorrections::NewWh))
                    .col(string_len(MeterCorrections::NewQuality, 16))
                    .col(text(MeterCorrections::Reason))
                    .col(uuid_null(MeterCorrections::CorrectedBy))
                    .col(timestamp_with_time_zone(MeterCorrections::CorrectedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_meter_corrections_meter")
                            .from(MeterCorrections::Table, MeterCorrections::MeterId)
                            .to(Meters::Table, Meters::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_meter_corrections_user")
                            .from(MeterCorrections::Table, MeterCorrections::CorrectedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_meter_corrections_meter")
                    .table(MeterCorrections::Table)
                    .col(MeterCorrections::MeterId)
                    .col(MeterCorrections::CorrectedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["meter_corrections", "meter_sources"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Meters::Table)
                    .drop_column(Meters::Simulated)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE meter_days DROP COLUMN sources")
            .await?;
        Ok(())
    }
}
