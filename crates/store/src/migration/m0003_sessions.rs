//! Saving Sessions, who joined them, their results, and the Green Points ledger.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Title,
    Description,
    State,
    StartsAt,
    EndsAt,
    JoinDeadline,
    PointsPerKwh,
    OptInBonus,
    Audience,
    BaselineMethod,
    Surprise,
    CreatedBy,
    AnnouncedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SessionParticipants {
    Table,
    SessionId,
    UserId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum SessionResults {
    Table,
    SessionId,
    UserId,
    Status,
    Reason,
    BaselineKwh,
    ActualKwh,
    SavedKwh,
    Periods,
    DataComplete,
    ComputedAt,
}

#[derive(DeriveIden)]
enum PointsLedger {
    Table,
    Id,
    UserId,
    Reason,
    Reference,
    Points,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn user_fk(
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(pk_uuid(Sessions::Id))
                    .col(string_len(Sessions::Title, 120))
                    .col(text(Sessions::Description))
                    .col(string_len(Sessions::State, 16))
                    .col(timestamp_with_time_zone(Sessions::StartsAt))
                    .col(timestamp_with_time_zone(Sessions::EndsAt))
                    .col(timestamp_with_time_zone(Sessions::JoinDeadline))
                    .col(integer(Sessions::PointsPerKwh))
                    .col(integer(Sessions::OptInBonus))
                    .col(text(Sessions::Audience))
                    .col(string_len(Sessions::BaselineMethod, 32))
                    .col(boolean(Sessions::Surprise))
                    .col(uuid_null(Sessions::CreatedBy))
                    .col(timestamp_with_time_zone_null(Sessions::AnnouncedAt))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_starts_at")
                    .table(Sessions::Table)
                    .col(Sessions::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionParticipants::Table)
                    .col(uuid(SessionParticipants::SessionId))
                    .col(uuid(SessionParticipants::UserId))
                    .col(timestamp_with_time_zone(SessionParticipants::JoinedAt))
                    .primary_key(
                        Index::create()
                            .col(SessionParticipants::SessionId)
                            .col(SessionParticipants::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionParticipants::Table, SessionParticipants::SessionId)
                            .to(Sessions::Table, Sessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(
                        SessionParticipants::Table,
                        SessionParticipants::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_participants_user")
                    .table(SessionParticipants::Table)
                    .col(SessionParticipants::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionResults::Table)
                    .col(uuid(SessionResults::SessionId))
                    .col(uuid(SessionResults::UserId))
                    .col(string_len(SessionResults::Status, 24))
                    .col(text_null(SessionResults::Reason))
                    .col(double_null(SessionResults::BaselineKwh))
                    .col(double_null(SessionResults::ActualKwh))
                    .col(double_null(SessionResults::SavedKwh))
                    .col(text(SessionResults::Periods))
                    .col(boolean(SessionResults::DataComplete))
                    .col(timestamp_with_time_zone(SessionResults::ComputedAt))
                    .primary_key(
                        Index::create()
                            .col(SessionResults::SessionId)
                            .col(SessionResults::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionResults::Table, SessionResults::SessionId)
                            .to(Sessions::Table, Sessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(SessionResults::Table, SessionResults::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PointsLedger::Table)
                    .col(big_pk_auto(PointsLedger::Id))
                    .col(uuid(PointsLedger::UserId))
                    .col(string_len(PointsLedger::Reason, 32))
                    .col(string_len(PointsLedger::Reference, 120))
                    .col(big_integer(PointsLedger::Points))
                    .col(text_null(PointsLedger::Note))
                    .col(timestamp_with_time_zone(PointsLedger::CreatedAt))
                    .foreign_key(&mut user_fk(PointsLedger::Table, PointsLedger::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_points_ledger_entry")
                    .table(PointsLedger::Table)
                    .col(PointsLedger::UserId)
                    .col(PointsLedger::Reason)
                    .col(PointsLedger::Reference)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PointsLedger::Table.into_iden(),
            SessionResults::Table.into_iden(),
            SessionParticipants::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
