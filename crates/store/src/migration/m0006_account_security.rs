//! Account security (docs/SECURITY.md, "Accounts and roles"):
//! - `users.token_version`: access tokens carry the version they were issued under; signing out,
//!   changing the password or being disabled moves it on, so older tokens stop working at once.
//! - `users.demo`: the accounts the demo programme created, so a server started without `--demo`
//!   can find them and keep them disabled. Accounts made by earlier demos are recognised by the
//!   demo's own addresses (`*.powersave.local` is the demo's and never a real mailbox).
//! - `refresh_tokens.family_started_at`: when the sign-in a token descends from happened, so a
//!   family has an absolute lifetime however often it is rotated. Existing tokens get the time
//!   of their family's first token.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Email,
    TokenVersion,
    Demo,
}

/// The addresses earlier demos created their accounts with.
const DEMO_ADDRESSES: [&str; 3] = [
    "eleni@powersave.local",
    "admin@powersave.local",
    "superadmin@powersave.local",
];

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    FamilyId,
    FamilyStartedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            ColumnDef::new(Users::TokenVersion)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Users::Demo)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table(Users::Table)
                    .value(Users::Demo, true)
                    .cond_where(
                        Condition::any()
                            .add(Expr::col(Users::Email).is_in(DEMO_ADDRESSES))
                            .add(Expr::col(Users::Email).like("%@demo.powersave.local")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshTokens::Table)
                    .add_column(
                        ColumnDef::new(RefreshTokens::FamilyStartedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        let first = Alias::new("first");
        let first_of_family = Query::select()
            .expr(Expr::col((first.clone(), RefreshTokens::CreatedAt)).min())
            .from_as(RefreshTokens::Table, first.clone())
            .and_where(
                Expr::col((first, RefreshTokens::FamilyId))
                    .equals((RefreshTokens::Table, RefreshTokens::FamilyId)),
            )
            .to_owned();
        manager
            .exec_stmt(
                Query::update()
                    .table(RefreshTokens::Table)
                    .value(RefreshTokens::FamilyStartedAt, first_of_family)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshTokens::Table)
                    .drop_column(RefreshTokens::FamilyStartedAt)
                    .to_owned(),
            )
            .await?;
        for column in [Users::Demo, Users::TokenVersion] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
