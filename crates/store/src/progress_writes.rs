//! What an evaluation of households' progress records: badges with their points, levels
//! reached and the latest snapshot per household. Each write is idempotent (a badge and a level
//! are unique per household, a snapshot is replaced), so an evaluation that runs twice, or
//! twice at once, records each once.

use chrono::Utc;
use domain::rewards::LedgerReason;
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};

use crate::entity::{badge_award, household_progress, level_up};
use crate::progress::{NewBadgeAward, NewLevelUp, ProgressSnapshot};
use crate::{Backend, NewPointsEntry, Store, StoreError};

/// Rows per multi-row insert on SQLite.
const ROWS_PER_INSERT: usize = 500;

impl NewBadgeAward {
    /// The ledger entry that pays it: reason `badge`, reference `badge:<key>`.
    pub fn ledger_entry(&self) -> NewPointsEntry {
        NewPointsEntry {
            user_id: self.user_id,
            reason: LedgerReason::Badge,
            reference: self.badge.ledger_reference(),
            points: self.badge.points(),
            note: None,
        }
    }
}

impl Store {
    /// Awards badges and pays their points in one transaction, so that a crash leaves either
    /// both or neither; a badge already awarded is skipped, and its points are never paid
    /// twice. Returns how many badges were new.
    pub async fn award_badges(&self, awards: &[NewBadgeAward]) -> Result<u64, StoreError> {
        if awards.is_empty() {
            return Ok(0);
        }
        let now = Utc::now();
        let entries: Vec<NewPointsEntry> = awards.iter().map(NewBadgeAward::ledger_entry).collect();
        if self.backend == Backend::Postgres {
            let mut tx = self.db.get_postgres_connection_pool().begin().await?;
            let awarded = crate::progress_copy::insert_awards(&mut tx, awards, now).await?;
            crate::ledger_copy::append_points(&mut tx, &entries, now).await?;
            tx.commit().await?;
            return Ok(awarded);
        }
        let txn = self.begin_write().await?;
        let mut awarded = 0;
        for chunk in awards.chunks(ROWS_PER_INSERT) {
            awarded += badge_award::Entity::insert_many(chunk.iter().map(|award| {
                badge_award::ActiveModel {
                    user_id: Set(award.user_id),
                    badge: Set(award.badge.as_str().to_owned()),
                    earned_at: Set(award.earned_at),
                    points: Set(i32::try_from(award.badge.points()).unwrap_or(i32::MAX)),
                    awarded_at: Set(now),
                }
            }))
            .on_conflict(
                OnConflict::columns([badge_award::Column::UserId, badge_award::Column::Badge])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
        crate::ledger::insert_entries(&txn, &entries, now).await?;
        txn.commit().await?;
        Ok(awarded)
    }

    /// Records levels reached; one already recorded keeps its first time. Returns how many
    /// were new.
    pub async fn record_level_ups(&self, levels: &[NewLevelUp]) -> Result<u64, StoreError> {
        if levels.is_empty() {
            return Ok(0);
        }
        if self.backend == Backend::Postgres {
            let mut tx = self.db.get_postgres_connection_pool().begin().await?;
            let recorded = crate::progress_copy::insert_level_ups(&mut tx, levels).await?;
            tx.commit().await?;
            return Ok(recorded);
        }
        let txn = self.begin_write().await?;
        let mut recorded = 0;
        for chunk in levels.chunks(ROWS_PER_INSERT) {
            recorded +=
                level_up::Entity::insert_many(chunk.iter().map(|up| level_up::ActiveModel {
                    user_id: Set(up.user_id),
                    level: Set(i16::from(up.level.number())),
                    reached_at: Set(up.reached_at),
                }))
                .on_conflict(
                    OnConflict::columns([level_up::Column::UserId, level_up::Column::Level])
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(recorded)
    }

    /// Replaces the snapshots of the households in `snapshots`.
    pub async fn save_progress(&self, snapshots: &[ProgressSnapshot]) -> Result<(), StoreError> {
        if snapshots.is_empty() {
            return Ok(());
        }
        if self.backend == Backend::Postgres {
            let mut tx = self.db.get_postgres_connection_pool().begin().await?;
            crate::progress_copy::upsert_snapshots(&mut tx, snapshots).await?;
            tx.commit().await?;
            return Ok(());
        }
        let txn = self.begin_write().await?;
        for chunk in snapshots.chunks(ROWS_PER_INSERT) {
            household_progress::Entity::insert_many(chunk.iter().map(snapshot_model))
                .on_conflict(
                    OnConflict::column(household_progress::Column::UserId)
                        .update_columns([
                            household_progress::Column::Level,
                            household_progress::Column::LifetimePoints,
                            household_progress::Column::Plants,
                            household_progress::Column::Health,
                            household_progress::Column::CurrentRun,
                            household_progress::Column::BestRun,
                            household_progress::Column::Shields,
                            household_progress::Column::SavedKwh,
                            household_progress::Column::Badges,
                            household_progress::Column::EvaluatedAt,
                        ])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}

fn count(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

fn snapshot_model(snapshot: &ProgressSnapshot) -> household_progress::ActiveModel {
    household_progress::ActiveModel {
        user_id: Set(snapshot.user_id),
        level: Set(i16::from(snapshot.level.number())),
        lifetime_points: Set(snapshot.lifetime_points),
        plants: Set(count(snapshot.plants)),
        health: Set(snapshot.health.as_str().to_owned()),
        current_run: Set(count(snapshot.current_run)),
        best_run: Set(count(snapshot.best_run)),
        shields: Set(count(snapshot.shields)),
        saved_kwh: Set(snapshot.saved_kwh),
        badges: Set(count(snapshot.badges)),
        evaluated_at: Set(snapshot.evaluated_at),
    }
}
