//! Results looked up by household: streak bonuses and a household's own history read every
//! result of one household, which the (session, user) primary key cannot find without a scan of
//! every session's results.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SessionResults {
    Table,
    UserId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_session_results_user")
                    .table(SessionResults::Table)
                    .col(SessionResults::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_session_results_user")
                    .table(SessionResults::Table)
                    .to_owned(),
            )
            .await
    }
}
