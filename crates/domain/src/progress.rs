//! A household's progress — level, Green Garden, streak and badges — computed from facts
//! (docs/RULES.md § Progress).
//!
//! The facts are the household's session outcomes, the sessions that were open to it, its
//! lifetime points and the levels it has reached; [`evaluate`] is a pure function of them,
//! so recomputing from the same facts gives the same progress, and the evaluation job only
//! loads, calls this and records what is new (badges, levels).

pub mod badges;
pub mod garden;
pub mod levels;
pub mod names;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::rewards::RewardRules;
use crate::settlement::ResultStatus;
use crate::streak::Streak;
use badges::{BadgeFacts, BadgeState};
use garden::{Garden, GardenRules};
use levels::{LevelReached, LevelStanding, LevelTable};

/// A household's result in one session, as progress reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionOutcome {
    /// When the session started: outcomes are read in this order.
    pub starts_at: DateTime<Utc>,
    /// Whether it was a short-notice session.
    pub surprise: bool,
    /// Where the result stands.
    pub status: ResultStatus,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
    /// The baseline (kWh).
    pub baseline_kwh: Option<f64>,
    /// The share of the baseline (percent) a result of the session had to save to be among its
    /// top 10 %, once the session's results were ranked.
    pub top_tenth_percent: Option<f64>,
}

impl SessionOutcome {
    /// Whether the result counts at all: provisional or final (the ones points are paid on).
    pub fn counts(&self) -> bool {
        self.status.is_payable()
    }

    /// Whether it is final.
    pub fn is_final(&self) -> bool {
        self.status == ResultStatus::Final
    }

    /// Whether it planted something: it counts and saved energy.
    pub fn planted(&self) -> bool {
        self.counts() && self.saved_kwh.is_some_and(|kwh| kwh > 0.0)
    }

    /// The kWh it grows a garden with: what it saved, when it planted.
    pub fn saved(&self) -> f64 {
        if self.planted() {
            self.saved_kwh.unwrap_or(0.0)
        } else {
            0.0
        }
    }

    /// The share of the baseline saved, in percent, for a planting result with a baseline.
    pub fn percent_saved(&self) -> Option<f64> {
        if !self.planted() {
            return None;
        }
        share_saved_percent(self.saved(), self.baseline_kwh?)
    }

    /// Whether it is a success for streaks ([`crate::rewards::is_success`]).
    pub fn is_streak_success(&self) -> bool {
        crate::rewards::is_success(self.status, self.saved_kwh)
    }
}

/// A session the programme held that was open to the household (its audience included the
/// household, which had signed up by its start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldSession {
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// The household's outcome of it (index into the outcomes), when it took part.
    pub outcome: Option<usize>,
}

/// Everything progress is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ProgressFacts<'a> {
    /// The household's outcomes, oldest first.
    pub outcomes: &'a [SessionOutcome],
    /// The sessions open to it, oldest first.
    pub held: &'a [HeldSession],
    /// Lifetime Green Points.
    pub lifetime_points: i64,
    /// The levels recorded as reached.
    pub levels_reached: &'a [LevelReached],
}

/// The rules a programme configures for progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressRules {
    /// Where levels start.
    pub levels: LevelTable,
    /// How gardens grow.
    pub garden: GardenRules,
    /// The streak bonus and shields, as settlement pays them.
    pub rewards: RewardRules,
    /// The programme's time zone (calendar months).
    pub time_zone: Tz,
}

impl Default for ProgressRules {
    fn default() -> Self {
        Self {
            levels: LevelTable::default(),
            garden: GardenRules::default(),
            rewards: RewardRules::default(),
            time_zone: chrono_tz::Asia::Nicosia,
        }
    }
}

/// A household's progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Its level.
    pub level: LevelStanding,
    /// Its garden.
    pub garden: Garden,
    /// Its streak.
    pub streak: Streak,
    /// Successes still needed for the next streak bonus.
    pub to_next_bonus: u32,
    /// Every badge's standing, in catalogue order.
    pub badges: Vec<BadgeState>,
}

/// The progress `facts` give under `rules`, as of `as_of`.
pub fn evaluate(
    facts: &ProgressFacts<'_>,
    rules: &ProgressRules,
    as_of: DateTime<Utc>,
) -> Progress {
    let finals: Vec<bool> = facts
        .outcomes
        .iter()
        .filter(|o| o.is_final())
        .map(SessionOutcome::is_streak_success)
        .collect();
    let streak = Streak::of(&finals, rules.rewards.shields);
    let every = u32::try_from(rules.rewards.streak.length)
        .unwrap_or(u32::MAX)
        .max(1);
    Progress {
        level: LevelStanding::of(&rules.levels, facts.lifetime_points, facts.levels_reached),
        garden: garden::grow(
            facts.outcomes,
            facts.held,
            facts.levels_reached,
            &rules.garden,
        ),
        to_next_bonus: every - streak.current % every,
        streak,
        badges: badges::evaluate(&BadgeFacts {
            outcomes: facts.outcomes,
            held: facts.held,
            shields: rules.rewards.shields,
            time_zone: rules.time_zone,
            as_of,
        }),
    }
}

/// The share of its baseline a result saved, in percent; `None` without a positive baseline.
pub fn share_saved_percent(saved_kwh: f64, baseline_kwh: f64) -> Option<f64> {
    (baseline_kwh > 0.0 && saved_kwh.is_finite()).then(|| saved_kwh / baseline_kwh * 100.0)
}

/// The share of its baseline (percent) a result of a session must save to be among the
/// session's top 10 %: of the results with a baseline, ranked by share saved, the share of
/// the last one in the top tenth (at least one result). `None` when no result saved.
pub fn top_tenth_threshold(shares_percent: &[f64]) -> Option<f64> {
    let mut saving: Vec<f64> = shares_percent
        .iter()
        .copied()
        .filter(|share| share.is_finite())
        .collect();
    if saving.is_empty() {
        return None;
    }
    let top = saving.len().div_ceil(10);
    saving.sort_by(|a, b| b.total_cmp(a));
    saving.get(top - 1).copied().filter(|share| *share > 0.0)
}

#[cfg(test)]
mod tests;
