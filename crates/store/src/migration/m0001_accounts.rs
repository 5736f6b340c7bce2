//! Accounts, refresh tokens, households and meters.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    DisabledAt,
    LastLoginAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    RotatedAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Households {
    Table,
    UserId,
    Name,
    District,
    TariffCode,
    TimeZone,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Meters {
    Table,
    Id,
    MeterId,
    HouseholdId,
    IntervalMinutes,
    LinkedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::DisplayName, 100))
                    .col(string(Users::PasswordHash))
                    .col(string_len(Users::Role, 16))
                    .col(timestamp_with_time_zone_null(Users::DisabledAt))
                    .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_created_at")
                    .table(Users::Table)
                    .col(Users::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(blob(RefreshTokens::TokenHash).unique_key())
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RotatedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refresh_tokens_user")
                            .from(RefreshTokens::Table, RefreshTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_refresh_tokens_family", RefreshTokens::FamilyId),
            ("idx_refresh_tokens_user", RefreshTokens::UserId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(RefreshTokens::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Households::Table)
                    .col(pk_uuid(Households::UserId))
                    .col(string_len(Households::Name, 120))
                    .col(string_len_null(Households::District, 64))
                    .col(string_len(Households::TariffCode, 16))
                    .col(string_len(Households::TimeZone, 64))
                    .col(timestamp_with_time_zone(Households::CreatedAt))
                    .col(timestamp_with_time_zone(Households::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_households_user")
                            .from(Households::Table, Households::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Meters::Table)
                    .col(big_pk_auto(Meters::Id))
                    .col(string_len_uniq(Meters::MeterId, 64))
                    .col(uuid_null(Meters::HouseholdId))
                    .col(small_integer(Meters::IntervalMinutes))
                    .col(timestamp_with_time_zone_null(Meters::LinkedAt))
                    .col(timestamp_with_time_zone(Meters::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_meters_household")
                            .from(Meters::Table, Meters::HouseholdId)
                            .to(Households::Table, Households::UserId)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_meters_household")
                    .table(Meters::Table)
                    .col(Meters::HouseholdId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Meters::Table.into_iden(),
            Households::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
