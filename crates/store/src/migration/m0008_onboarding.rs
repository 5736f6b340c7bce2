//! Households connecting their own meters (docs/RULES.md, "Connecting a meter"):
//! - `customer_register`: the utility's register of which account each meter is billed to, with
//!   the premises' district, tariff and reading interval; `register_imports` records each import
//!   so staff see how fresh it is, and a pull's cursor in the utility's system (its watermark).
//! - `meter_claims`: every attempt of a household to connect a meter, with what it came to;
//!   claims for staff wait there with their reason until decided.
//! - `consents`: what a household agreed to before its meter was read (text version, time) and
//!   when it withdrew.
//! - `meter_links`: the history of which household held each meter and when, kept after a link
//!   ends.
//! - `history_requests`: each time a newly connected meter's recent history was asked of the
//!   meter data system, and when the answer was in.
//! - `households`: the facts a household may tell about its home (people, water heater,
//!   air-conditioning units, electric vehicle, rooftop solar), each optional.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomerRegister {
    Table,
    MeterId,
    AccountNumber,
    District,
    TariffCode,
    IntervalMinutes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RegisterImports {
    Table,
    Id,
    Source,
    Rows,
    Rejected,
    FinishedAt,
    Watermark,
}

#[derive(DeriveIden)]
enum MeterClaims {
    Table,
    Id,
    UserId,
    MeterId,
    AccountNumber,
    Status,
    Reason,
    DecidedBy,
    DecisionNote,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    UserId,
    MeterId,
    TextVersion,
    GrantedAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum MeterLinks {
    Table,
    Id,
    MeterId,
    UserId,
    How,
    LinkedAt,
    EndedAt,
    EndReason,
}

#[derive(DeriveIden)]
enum HistoryRequests {
    Table,
    Id,
    UserId,
    MeterId,
    Days,
    RequestedAt,
    CompletedAt,
    Readings,
}

#[derive(DeriveIden)]
enum Households {
    Table,
    People,
    WaterHeater,
    AirConditioners,
    ElectricVehicle,
    RooftopPv,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            small_integer_null(Households::People),
            string_len_null(Households::WaterHeater, 16),
            small_integer_null(Households::AirConditioners),
            boolean_null(Households::ElectricVehicle),
            boolean_null(Households::RooftopPv),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Households::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CustomerRegister::Table)
                    .col(string_len(CustomerRegister::MeterId, 64).primary_key())
                    .col(string_len(CustomerRegister::AccountNumber, 20))
                    .col(string_len_null(CustomerRegister::District, 64))
                    .col(string_len(CustomerRegister::TariffCode, 16))
                    .col(small_integer(CustomerRegister::IntervalMinutes))
                    .col(timestamp_with_time_zone(CustomerRegister::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RegisterImports::Table)
                    .col(big_pk_auto(RegisterImports::Id))
                    .col(string_len(RegisterImports::Source, 200))
                    .col(big_integer(RegisterImports::Rows))
                    .col(big_integer(RegisterImports::Rejected))
                    .col(timestamp_with_time_zone(RegisterImports::FinishedAt))
                    .col(timestamp_with_time_zone_null(RegisterImports::Watermark))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeterClaims::Table)
                    .col(uuid(MeterClaims::Id).primary_key())
                    .col(uuid(MeterClaims::UserId))
                    .col(string_len(MeterClaims::MeterId, 64))
                    .col(string_len(MeterClaims::AccountNumber, 20))
                    .col(string_len(MeterClaims::Status, 16))
                    .col(string_len_null(MeterClaims::Reason, 32))
                    .col(uuid_null(MeterClaims::DecidedBy))
                    .col(text_null(MeterClaims::DecisionNote))
                    .col(timestamp_with_time_zone(MeterClaims::CreatedAt))
                    .col(timestamp_with_time_zone_null(MeterClaims::DecidedAt))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_meter_claims_user_meter",
                vec![MeterClaims::UserId, MeterClaims::MeterId],
            ),
            (
                "idx_meter_claims_status",
                vec![MeterClaims::Status, MeterClaims::CreatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(MeterClaims::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .col(uuid(Consents::Id).primary_key())
                    .col(uuid(Consents::UserId))
                    .col(string_len(Consents::MeterId, 64))
                    .col(string_len(Consents::TextVersion, 32))
                    .col(timestamp_with_time_zone(Consents::GrantedAt))
                    .col(timestamp_with_time_zone_null(Consents::WithdrawnAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consents_user")
                    .table(Consents::Table)
                    .col(Consents::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeterLinks::Table)
                    .col(big_pk_auto(MeterLinks::Id))
                    .col(string_len(MeterLinks::MeterId, 64))
                    .col(uuid(MeterLinks::UserId))
                    .col(string_len(MeterLinks::How, 16))
                    .col(timestamp_with_time_zone(MeterLinks::LinkedAt))
                    .col(timestamp_with_time_zone_null(MeterLinks::EndedAt))
                    .col(string_len_null(MeterLinks::EndReason, 32))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_meter_links_user", MeterLinks::UserId),
            ("idx_meter_links_meter", MeterLinks::MeterId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(MeterLinks::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(HistoryRequests::Table)
                    .col(big_pk_auto(HistoryRequests::Id))
                    .col(uuid(HistoryRequests::UserId))
                    .col(string_len(HistoryRequests::MeterId, 64))
                    .col(small_integer(HistoryRequests::Days))
                    .col(timestamp_with_time_zone(HistoryRequests::RequestedAt))
                    .col(timestamp_with_time_zone_null(HistoryRequests::CompletedAt))
                    .col(big_integer_null(HistoryRequests::Readings))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_history_requests_user")
                    .table(HistoryRequests::Table)
                    .col(HistoryRequests::UserId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Households::People,
            Households::WaterHeater,
            Households::AirConditioners,
            Households::ElectricVehicle,
            Households::RooftopPv,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Households::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            HistoryRequests::Table.into_iden(),
            MeterLinks::Table.into_iden(),
            Consents::Table.into_iden(),
            MeterClaims::Table.into_iden(),
            RegisterImports::Table.into_iden(),
            CustomerRegister::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
