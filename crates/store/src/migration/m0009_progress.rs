//! Households' progress (docs/RULES.md § Progress):
//! - `badge_awards`: each badge a household earned, once (primary key household + badge), with
//!   the time of the fact that earned it and the points it paid; never deleted.
//! - `level_ups`: each level a household reached, once, with when: the events a level-up
//!   notification follows, and what a plant's species depends on.
//! - `household_progress`: the latest evaluation of each household (level, plants, health,
//!   streak, kWh saved), so programme-wide views count households without recomputing 500,000
//!   gardens; rebuilt from facts by the recomputation job.
//! - `sessions.top_tenth_percent`: the share of its baseline a result had to save to be among
//!   the session's top 10 %, ranked when the session's progress was evaluated.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BadgeAwards {
    Table,
    UserId,
    Badge,
    EarnedAt,
    Points,
    AwardedAt,
}

#[derive(DeriveIden)]
enum LevelUps {
    Table,
    UserId,
    Level,
    ReachedAt,
}

#[derive(DeriveIden)]
enum HouseholdProgress {
    Table,
    UserId,
    Level,
    LifetimePoints,
    Plants,
    Health,
    CurrentRun,
    BestRun,
    Shields,
    SavedKwh,
    Badges,
    EvaluatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    TopTenthPercent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BadgeAwards::Table)
                    .col(uuid(BadgeAwards::UserId))
                    .col(string_len(BadgeAwards::Badge, 32))
                    .col(timestamp_with_time_zone(BadgeAwards::EarnedAt))
                    .col(integer(BadgeAwards::Points))
                    .col(timestamp_with_time_zone(BadgeAwards::AwardedAt))
                    .primary_key(
                        Index::create()
                            .col(BadgeAwards::UserId)
                            .col(BadgeAwards::Badge),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_badge_awards_badge")
                    .table(BadgeAwards::Table)
                    .col(BadgeAwards::Badge)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LevelUps::Table)
                    .col(uuid(LevelUps::UserId))
                    .col(small_integer(LevelUps::Level))
                    .col(timestamp_with_time_zone(LevelUps::ReachedAt))
                    .primary_key(Index::create().col(LevelUps::UserId).col(LevelUps::Level))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HouseholdProgress::Table)
                    .col(uuid(HouseholdProgress::UserId).primary_key())
                    .col(small_integer(HouseholdProgress::Level))
                    .col(big_integer(HouseholdProgress::LifetimePoints))
                    .col(integer(HouseholdProgress::Plants))
                    .col(string_len(HouseholdProgress::Health, 16))
                    .col(integer(HouseholdProgress::CurrentRun))
                    .col(integer(HouseholdProgress::BestRun))
                    .col(integer(HouseholdProgress::Shields))
                    .col(double(HouseholdProgress::SavedKwh))
                    .col(integer(HouseholdProgress::Badges))
                    .col(timestamp_with_time_zone(HouseholdProgress::EvaluatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(double_null(Sessions::TopTenthPercent))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::TopTenthPercent)
                    .to_owned(),
            )
            .await?;
        for table in [
            HouseholdProgress::Table.into_iden(),
            LevelUps::Table.into_iden(),
            BadgeAwards::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
