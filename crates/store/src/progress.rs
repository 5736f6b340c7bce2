//! What households' progress is computed from, and what its evaluation records
//! (docs/RULES.md § Progress): session outcomes, sessions held, lifetime points, levels reached
//! and badges awarded, read in batches so that a national session's 500,000 participants are
//! evaluated without a round trip per household.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::progress::badges::BadgeKey;
use domain::progress::garden::GardenHealth;
use domain::progress::levels::{LevelKey, LevelReached};
use domain::session::{Audience, SessionState};
use domain::settlement::ResultStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::{
    badge_award, household, household_progress, level_up, points_entry, session, session_result,
};
use crate::{Store, StoreError};

/// A session the programme held (settling or final), as progress reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSessionRecord {
    /// Identity.
    pub id: Uuid,
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// Who was invited.
    pub audience: Audience,
    /// Whether it was short-notice.
    pub surprise: bool,
    /// The share saved that put a result in its top 10 %, once ranked.
    pub top_tenth_percent: Option<f64>,
}

/// A household's result in one session, without the per-period figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeRecord {
    /// The session.
    pub session_id: Uuid,
    /// Where the result stands.
    pub status: ResultStatus,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
    /// Baseline (kWh).
    pub baseline_kwh: Option<f64>,
}

/// A badge a household was awarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeAwardRecord {
    /// Which badge.
    pub badge: BadgeKey,
    /// When the facts earned it.
    pub earned_at: DateTime<Utc>,
    /// Points it paid.
    pub points: i64,
}

/// Everything stored about one household that its progress is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressFactsRecord {
    /// The household's account.
    pub user_id: Uuid,
    /// Its district, for sessions' audiences.
    pub district: Option<String>,
    /// When it signed up: sessions before were not open to it.
    pub signed_up_at: DateTime<Utc>,
    /// Its results, in no particular order.
    pub outcomes: Vec<OutcomeRecord>,
    /// The sum of its ledger.
    pub lifetime_points: i64,
    /// Levels recorded as reached.
    pub levels: Vec<LevelReached>,
    /// Badges awarded.
    pub awards: Vec<BadgeAwardRecord>,
}

/// A badge to award, with the points it pays through the ledger in the same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewBadgeAward {
    /// The household's account.
    pub user_id: Uuid,
    /// Which badge.
    pub badge: BadgeKey,
    /// When the facts earned it.
    pub earned_at: DateTime<Utc>,
}

/// A level reached, to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewLevelUp {
    /// The household's account.
    pub user_id: Uuid,
    /// The level.
    pub level: LevelKey,
    /// When the evaluation saw it reached.
    pub reached_at: DateTime<Utc>,
}

/// The latest evaluation of a household, for programme-wide counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressSnapshot {
    /// The household's account.
    pub user_id: Uuid,
    /// Its level.
    pub level: LevelKey,
    /// Lifetime points.
    pub lifetime_points: i64,
    /// Plants in its garden.
    pub plants: u32,
    /// Garden health.
    pub health: GardenHealth,
    /// Current run.
    pub current_run: u32,
    /// Best run.
    pub best_run: u32,
    /// Shields held.
    pub shields: u32,
    /// kWh saved in sessions.
    pub saved_kwh: f64,
    /// Badges awarded.
    pub badges: u32,
    /// When evaluated.
    pub evaluated_at: DateTime<Utc>,
}

/// Programme-wide counts of the latest evaluations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgrammeProgressCounts {
    /// Households evaluated.
    pub households: u64,
    /// The latest evaluation.
    pub evaluated_at: Option<DateTime<Utc>>,
    /// Households per level (levels with none absent).
    pub levels: HashMap<LevelKey, u64>,
    /// Households per garden health.
    pub health: HashMap<GardenHealth, u64>,
    /// Per badge: households awarded it and the points it paid.
    pub badges: HashMap<BadgeKey, (u64, i64)>,
}

type OutcomeRow = (Uuid, Uuid, String, Option<f64>, Option<f64>);

impl Store {
    /// Sessions held so far (settling or final), oldest first.
    pub async fn held_sessions(&self) -> Result<Vec<HeldSessionRecord>, StoreError> {
        let rows = session::Entity::find()
            .filter(session::Column::State.is_in([
                SessionState::Settling.as_str(),
                SessionState::Final.as_str(),
            ]))
            .order_by_asc(session::Column::StartsAt)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|model| {
                Ok(HeldSessionRecord {
                    audience: serde_json::from_str(&model.audience).map_err(|_| {
                        StoreError::Corrupt(format!("session {}: audience", model.id))
                    })?,
                    id: model.id,
                    starts_at: model.starts_at,
                    surprise: model.surprise,
                    top_tenth_percent: model.top_tenth_percent,
                })
            })
            .collect()
    }

    /// The (kWh saved, baseline kWh) of a session's payable results with both figures: what
    /// its top 10 % is ranked on.
    pub async fn session_saving_pairs(
        &self,
        session_id: Uuid,
    ) -> Result<Vec<(f64, f64)>, StoreError> {
        let rows: Vec<(Option<f64>, Option<f64>)> = session_result::Entity::find()
            .select_only()
            .columns([
                session_result::Column::SavedKwh,
                session_result::Column::BaselineKwh,
            ])
            .filter(session_result::Column::SessionId.eq(session_id))
            .filter(session_result::Column::Status.is_in([
                ResultStatus::Provisional.as_str(),
                ResultStatus::Final.as_str(),
            ]))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(saved, baseline)| Some((saved?, baseline?)))
            .collect())
    }

    /// Records the share a session's top 10 % had to save.
    pub async fn set_top_tenth_percent(
        &self,
        session_id: Uuid,
        share: Option<f64>,
    ) -> Result<(), StoreError> {
        session::Entity::update_many()
            .col_expr(session::Column::TopTenthPercent, Expr::value(share))
            .filter(session::Column::Id.eq(session_id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// The facts of each of `users` that has a household, in batches.
    pub async fn progress_facts(
        &self,
        users: &[Uuid],
    ) -> Result<Vec<ProgressFactsRecord>, StoreError> {
        let mut facts = Vec::with_capacity(users.len());
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            facts.extend(self.progress_facts_chunk(chunk).await?);
        }
        Ok(facts)
    }

    async fn progress_facts_chunk(
        &self,
        users: &[Uuid],
    ) -> Result<Vec<ProgressFactsRecord>, StoreError> {
        let ids = || users.iter().copied();
        let started = std::time::Instant::now();
        let households: Vec<(Uuid, Option<String>, DateTime<Utc>)> = household::Entity::find()
            .select_only()
            .columns([
                household::Column::UserId,
                household::Column::District,
                household::Column::CreatedAt,
            ])
            .filter(household::Column::UserId.is_in(ids()))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut by_user: HashMap<Uuid, ProgressFactsRecord> = households
            .into_iter()
            .map(|(user_id, district, signed_up_at)| {
                (
                    user_id,
                    ProgressFactsRecord {
                        user_id,
                        district,
                        signed_up_at,
                        outcomes: Vec::new(),
                        lifetime_points: 0,
                        levels: Vec::new(),
                        awards: Vec::new(),
                    },
                )
            })
            .collect();
        let households_read = started.elapsed();
        let outcomes: Vec<OutcomeRow> = session_result::Entity::find()
            .select_only()
            .columns([
                session_result::Column::UserId,
                session_result::Column::SessionId,
                session_result::Column::Status,
                session_result::Column::SavedKwh,
                session_result::Column::BaselineKwh,
            ])
            .filter(session_result::Column::UserId.is_in(ids()))
            .into_tuple()
            .all(&self.db)
            .await?;
        for (user, session_id, status, saved_kwh, baseline_kwh) in outcomes {
            let status = ResultStatus::parse(&status).map_err(|e| {
                StoreError::Corrupt(format!("result of {user} in session {session_id}: {e}"))
            })?;
            if let Some(facts) = by_user.get_mut(&user) {
                facts.outcomes.push(OutcomeRecord {
                    session_id,
                    status,
                    saved_kwh,
                    baseline_kwh,
                });
            }
        }
        let outcomes_read = started.elapsed();
        let sums: Vec<(Uuid, Option<i64>)> = points_entry::Entity::find()
            .select_only()
            .column(points_entry::Column::UserId)
            .column_as(Expr::cust("CAST(SUM(points) AS BIGINT)"), "lifetime_points")
            .filter(points_entry::Column::UserId.is_in(ids()))
            .group_by(points_entry::Column::UserId)
            .into_tuple()
            .all(&self.db)
            .await?;
        for (user, points) in sums {
            if let Some(facts) = by_user.get_mut(&user) {
                facts.lifetime_points = points.unwrap_or(0);
            }
        }
        let points_read = started.elapsed();
        let levels = level_up::Entity::find()
            .filter(level_up::Column::UserId.is_in(ids()))
            .all(&self.db)
            .await?;
        for row in levels {
            if let Some(facts) = by_user.get_mut(&row.user_id) {
                facts.levels.push(LevelReached {
                    level: LevelKey::of_number(u8::try_from(row.level).unwrap_or(1)),
                    at: row.reached_at,
                });
            }
        }
        let awards = badge_award::Entity::find()
            .filter(badge_award::Column::UserId.is_in(ids()))
            .all(&self.db)
            .await?;
        for row in awards {
            let badge = BadgeKey::parse(&row.badge)
                .map_err(|e| StoreError::Corrupt(format!("badge of {}: {e}", row.user_id)))?;
            if let Some(facts) = by_user.get_mut(&row.user_id) {
                facts.awards.push(BadgeAwardRecord {
                    badge,
                    earned_at: row.earned_at,
                    points: i64::from(row.points),
                });
            }
        }
        tracing::debug!(
            households_ms = households_read.as_millis(),
            outcomes_ms = (outcomes_read - households_read).as_millis(),
            points_ms = (points_read - outcomes_read).as_millis(),
            levels_and_awards_ms = (started.elapsed() - points_read).as_millis(),
            "progress facts read"
        );
        Ok(users.iter().filter_map(|u| by_user.remove(u)).collect())
    }

    /// When a household's progress was last evaluated.
    pub async fn progress_evaluated_at(
        &self,
        user_id: Uuid,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(household_progress::Entity::find_by_id(user_id)
            .select_only()
            .column(household_progress::Column::EvaluatedAt)
            .into_tuple::<DateTime<Utc>>()
            .one(&self.db)
            .await?)
    }

    /// Every household, for evaluating them all.
    pub async fn households_to_evaluate(&self) -> Result<Vec<Uuid>, StoreError> {
        Ok(household::Entity::find()
            .select_only()
            .column(household::Column::UserId)
            .order_by_asc(household::Column::UserId)
            .into_tuple()
            .all(&self.db)
            .await?)
    }

    /// Counts of the latest evaluations across the programme.
    pub async fn programme_progress(&self) -> Result<ProgrammeProgressCounts, StoreError> {
        let mut counts = ProgrammeProgressCounts::default();
        let levels: Vec<(i16, i64)> = household_progress::Entity::find()
            .select_only()
            .column(household_progress::Column::Level)
            .column_as(Expr::cust("COUNT(*)"), "households")
            .group_by(household_progress::Column::Level)
            .into_tuple()
            .all(&self.db)
            .await?;
        for (level, households) in levels {
            let households = u64::try_from(households).unwrap_or(0);
            counts.households += households;
            *counts
                .levels
                .entry(LevelKey::of_number(u8::try_from(level).unwrap_or(1)))
                .or_default() += households;
        }
        let health: Vec<(String, i64)> = household_progress::Entity::find()
            .select_only()
            .column(household_progress::Column::Health)
            .column_as(Expr::cust("COUNT(*)"), "households")
            .group_by(household_progress::Column::Health)
            .into_tuple()
            .all(&self.db)
            .await?;
        for (raw, households) in health {
            let state = GardenHealth::parse(&raw)
                .map_err(|e| StoreError::Corrupt(format!("household progress: {e}")))?;
            counts
                .health
                .insert(state, u64::try_from(households).unwrap_or(0));
        }
        let badges: Vec<(String, i64, Option<i64>)> = badge_award::Entity::find()
            .select_only()
            .column(badge_award::Column::Badge)
            .column_as(Expr::cust("COUNT(*)"), "awarded")
            .column_as(Expr::cust("CAST(SUM(points) AS BIGINT)"), "points")
            .group_by(badge_award::Column::Badge)
            .into_tuple()
            .all(&self.db)
            .await?;
        for (raw, awarded, points) in badges {
            let badge = BadgeKey::parse(&raw)
                .map_err(|e| StoreError::Corrupt(format!("badge awards: {e}")))?;
            counts.badges.insert(
                badge,
                (u64::try_from(awarded).unwrap_or(0), points.unwrap_or(0)),
            );
        }
        counts.evaluated_at = household_progress::Entity::find()
            .select_only()
            .column(household_progress::Column::EvaluatedAt)
            .order_by_desc(household_progress::Column::EvaluatedAt)
            .into_tuple::<DateTime<Utc>>()
            .one(&self.db)
            .await?;
        Ok(counts)
    }
}
