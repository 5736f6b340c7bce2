//! Whose readings are whose (docs/RULES.md, "Whose readings"):
//! - `meter_links.readings_from`: the move-in of a link, from which the meter's readings count
//!   for the household (the end of the meter's previous link or the register's change of
//!   account, whichever is later); null when no one held the meter before and the register
//!   never changed its account, so the readings before the link are the household's own.
//! - `customer_register.account_since`: when an import first billed the meter to its current
//!   account; null for a line whose account has not changed since it was first imported.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeterLinks {
    Table,
    ReadingsFrom,
}

#[derive(DeriveIden)]
enum CustomerRegister {
    Table,
    AccountSince,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MeterLinks::Table)
                    .add_column(timestamp_with_time_zone_null(MeterLinks::ReadingsFrom))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CustomerRegister::Table)
                    .add_column(timestamp_with_time_zone_null(
                        CustomerRegister::AccountSince,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CustomerRegister::Table)
                    .drop_column(CustomerRegister::AccountSince)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MeterLinks::Table)
                    .drop_column(MeterLinks::ReadingsFrom)
                    .to_owned(),
            )
            .await
    }
}
