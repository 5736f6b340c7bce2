//! Households' progress (docs/RULES.md § Progress): loads the facts of many households at a
//! time, asks `domain::progress` what they add up to, and records what is new — badges with
//! their points, levels reached — and each household's latest snapshot.
//!
//! The evaluation runs after every settlement and reward (a session's participants) and as a
//! rebuild of one household or all; each is idempotent, and two at once record each badge and
//! level once, so a job may be retried or delivered twice.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::progress::badges::BadgeKey;
use domain::progress::garden::GardenRules;
use domain::progress::levels::{LevelStanding, LevelTable};
use domain::progress::{
    HeldSession, Progress, ProgressFacts, ProgressRules, SessionOutcome, share_saved_percent,
    top_tenth_threshold,
};
use store::{
    HeldSessionRecord, NewBadgeAward, NewLevelUp, ProgressFactsRecord, ProgressSnapshot,
    SessionRecord,
};
use uuid::Uuid;

use crate::{Engine, EngineError, in_pairs};

/// Households evaluated per batch of reads and writes.
const PROGRESS_CHUNK: usize = 5_000;

/// How a programme's levels and gardens are configured.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProgressSettings {
    /// Where levels start.
    pub levels: LevelTable,
    /// How gardens grow and what CO2 is counted with.
    pub garden: GardenRules,
}

/// What an evaluation did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressSummary {
    /// Households evaluated.
    pub households: u64,
    /// Badges newly awarded (their points paid with them).
    pub badges_awarded: u64,
    /// Levels newly reached.
    pub levels_reached: u64,
}

impl std::ops::Add for ProgressSummary {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            households: self.households + other.households,
            badges_awarded: self.badges_awarded + other.badges_awarded,
            levels_reached: self.levels_reached + other.levels_reached,
        }
    }
}

/// One household's progress as its screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdProgress {
    /// What the facts add up to.
    pub progress: Progress,
    /// The session that planted each plant, in the garden's order.
    pub plant_sessions: Vec<Uuid>,
    /// Badges awarded and when they were earned: a badge shows as earned once awarded.
    pub awarded: HashMap<BadgeKey, DateTime<Utc>>,
    /// When the household was last evaluated.
    pub evaluated_at: Option<DateTime<Utc>>,
}

/// The sessions held, with an index by id.
struct Held {
    sessions: Vec<HeldSessionRecord>,
    by_id: HashMap<Uuid, usize>,
}

impl Held {
    fn new(sessions: Vec<HeldSessionRecord>) -> Self {
        let by_id = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        Self { sessions, by_id }
    }
}

/// One household's facts in the domain's shape.
struct Prepared {
    outcomes: Vec<SessionOutcome>,
    sessions: Vec<Uuid>,
    held: Vec<HeldSession>,
}

impl Prepared {
    /// Orders the household's outcomes of held sessions by start, and lists the sessions open to
    /// it: those it took part in, and those it was invited to after signing up.
    fn of(record: &ProgressFactsRecord, held: &Held) -> Self {
        let mut rows: Vec<(&HeldSessionRecord, &store::OutcomeRecord)> = record
            .outcomes
            .iter()
            .filter_map(|o| {
                held.by_id
                    .get(&o.session_id)
                    .map(|&i| (&held.sessions[i], o))
            })
            .collect();
        rows.sort_by_key(|(session, _)| (session.starts_at, session.id));
        let index: HashMap<Uuid, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, (session, _))| (session.id, i))
            .collect();
        let open = held.sessions.iter().filter(|session| {
            index.contains_key(&session.id)
                || (session.starts_at >= record.signed_up_at
                    && session.audience.includes(record.district.as_deref()))
        });
        Self {
            held: open
                .map(|session| HeldSession {
                    starts_at: session.starts_at,
                    outcome: index.get(&session.id).copied(),
                })
                .collect(),
            sessions: rows.iter().map(|(session, _)| session.id).collect(),
            outcomes: rows
                .iter()
                .map(|(session, outcome)| SessionOutcome {
                    starts_at: session.starts_at,
                    surprise: session.surprise,
                    status: outcome.status,
                    saved_kwh: outcome.saved_kwh,
                    baseline_kwh: outcome.baseline_kwh,
                    top_tenth_percent: session.top_tenth_percent,
                })
                .collect(),
        }
    }

    fn evaluate(
        &self,
        record: &ProgressFactsRecord,
        rules: &ProgressRules,
        now: DateTime<Utc>,
    ) -> Progress {
        domain::progress::evaluate(
            &ProgressFacts {
                outcomes: &self.outcomes,
                held: &self.held,
                lifetime_points: record.lifetime_points,
                levels_reached: &record.levels,
            },
            rules,
            now,
        )
    }
}

impl Engine {
    /// The progress rules: the configured levels and garden with the streak rules settlement
    /// pays by and the programme's time zone.
    pub fn progress_rules(&self) -> ProgressRules {
        ProgressRules {
            levels: self.settings.progress.levels,
            garden: self.settings.progress.garden,
            rewards: self.settings.rewards,
            time_zone: self.settings.calendar.time_zone(),
        }
    }

    /// After a session's settlement and reward: ranks its results for the top-10 % badge and
    /// evaluates every participant.
    pub async fn evaluate_session_progress(
        &self,
        session: &SessionRecord,
        now: DateTime<Utc>,
    ) -> Result<ProgressSummary, EngineError> {
        let shares: Vec<f64> = self
            .store
            .session_saving_pairs(session.id)
            .await?
            .into_iter()
            .filter_map(|(saved, baseline)| share_saved_percent(saved, baseline))
            .collect();
        self.store
            .set_top_tenth_percent(session.id, top_tenth_threshold(&shares))
            .await?;
        let users: Vec<Uuid> = self
            .store
            .session_savings(session.id)
            .await?
            .into_iter()
            .map(|saving| saving.user_id)
            .collect();
        self.evaluate_households(&users, now).await
    }

    /// Rebuilds every household's progress from its facts (after a change of rules, or to
    /// mend a snapshot).
    pub async fn evaluate_everyone(
        &self,
        now: DateTime<Utc>,
    ) -> Result<ProgressSummary, EngineError> {
        let users = self.store.households_to_evaluate().await?;
        self.evaluate_households(&users, now).await
    }

    /// Evaluates `users`' progress and records what is new.
    pub async fn evaluate_households(
        &self,
        users: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<ProgressSummary, EngineError> {
        let held = Held::new(self.store.held_sessions().await?);
        let rules = self.progress_rules();
        let summaries = in_pairs(users, PROGRESS_CHUNK, |chunk| {
            self.evaluate_chunk(chunk, &held, &rules, now)
        })
        .await?;
        Ok(summaries
            .into_iter()
            .fold(ProgressSummary::default(), |a, b| a + b))
    }

    async fn evaluate_chunk(
        &self,
        users: &[Uuid],
        held: &Held,
        rules: &ProgressRules,
        now: DateTime<Utc>,
    ) -> Result<ProgressSummary, EngineError> {
        let started = std::time::Instant::now();
        let facts = self.store.progress_facts(users).await?;
        let loaded = started.elapsed();
        let mut awards = Vec::new();
        let mut evaluated = Vec::with_capacity(facts.len());
        for record in &facts {
            let prepared = Prepared::of(record, held);
            let progress = prepared.evaluate(record, rules, now);
            let new: Vec<NewBadgeAward> = progress
                .badges
                .iter()
                .filter(|state| !record.awards.iter().any(|a| a.badge == state.key))
                .filter_map(|state| {
                    state.earned_at.map(|earned_at| NewBadgeAward {
                        user_id: record.user_id,
                        badge: state.key,
                        earned_at,
                    })
                })
                .collect();
            let new_points: i64 = new.iter().map(|award| award.badge.points()).sum();
            let badges = record.awards.len() + new.len();
            awards.extend(new);
            evaluated.push((record, prepared, progress, new_points, badges));
        }
        let computed = started.elapsed();
        let badges_awarded = self.store.award_badges(&awards).await?;
        let awarded = started.elapsed();
        let mut level_ups = Vec::new();
        let mut snapshots = Vec::with_capacity(evaluated.len());
        for (record, prepared, progress, new_points, badges) in evaluated {
            let lifetime = record.lifetime_points + new_points;
            let standing = LevelStanding::of(&rules.levels, lifetime, &record.levels);
            // A level is reached by the points of the latest session counted (or, without one,
            // by an adjustment now): the plant of that session is the first of its species.
            let reached_at = prepared
                .outcomes
                .iter()
                .filter(|o| o.counts())
                .map(|o| o.starts_at)
                .max()
                .unwrap_or(now);
            level_ups.extend(
                standing
                    .unrecorded(&record.levels)
                    .into_iter()
                    .map(|level| NewLevelUp {
                        user_id: record.user_id,
                        level,
                        reached_at,
                    }),
            );
            snapshots.push(ProgressSnapshot {
                user_id: record.user_id,
                level: standing.level,
                lifetime_points: lifetime,
                plants: u32::try_from(progress.garden.plants.len()).unwrap_or(u32::MAX),
                health: progress.garden.health,
                current_run: progress.streak.current,
                best_run: progress.streak.best,
                shields: progress.streak.shields,
                saved_kwh: progress.garden.saved_kwh,
                badges: u32::try_from(badges).unwrap_or(u32::MAX),
                evaluated_at: now,
            });
        }
        let levels_reached = self.store.record_level_ups(&level_ups).await?;
        let recorded = started.elapsed();
        self.store.save_progress(&snapshots).await?;
        tracing::debug!(
            households = facts.len(),
            load_ms = loaded.as_millis(),
            compute_ms = (computed - loaded).as_millis(),
            awards_ms = (awarded - computed).as_millis(),
            levels_ms = (recorded - awarded).as_millis(),
            snapshots_ms = (started.elapsed() - recorded).as_millis(),
            "progress batch evaluated"
        );
        Ok(ProgressSummary {
            households: facts.len() as u64,
            badges_awarded,
            levels_reached,
        })
    }

    /// One household's progress for its screens (or a staff member's view of it), computed
    /// from its facts now; `None` when the account has no household.
    pub async fn household_progress(
        &self,
        user: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<HouseholdProgress>, EngineError> {
        let Some(record) = self.store.progress_facts(&[user]).await?.into_iter().next() else {
            return Ok(None);
        };
        let held = Held::new(self.store.held_sessions().await?);
        let prepared = Prepared::of(&record, &held);
        let progress = prepared.evaluate(&record, &self.progress_rules(), now);
        let plant_sessions = progress
            .garden
            .plants
            .iter()
            .filter_map(|plant| prepared.sessions.get(plant.outcome).copied())
            .collect();
        Ok(Some(HouseholdProgress {
            plant_sessions,
            awarded: record
                .awards
                .iter()
                .map(|award| (award.badge, award.earned_at))
                .collect(),
            evaluated_at: self.store.progress_evaluated_at(user).await?,
            progress,
        }))
    }
}
