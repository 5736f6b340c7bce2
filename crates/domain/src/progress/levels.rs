//! Levels from lifetime Green Points (docs/RULES.md § Levels).
//!
//! A programme configures the points at which each of the six levels starts; the names are
//! fixed so that every screen, message and export can name them in Greek and English. A level
//! once reached is kept even if a correction later lowers the points (a household is never
//! demoted for the utility's data fixes).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::names::Bilingual;
use crate::ValidationError;

/// The six levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LevelKey {
    /// Level 1: every household starts here.
    Seedling,
    /// Level 2.
    Sprout,
    /// Level 3.
    Sapling,
    /// Level 4.
    Tree,
    /// Level 5.
    Grove,
    /// Level 6, the top.
    Forest,
}

impl LevelKey {
    /// Every level, lowest first.
    pub const ALL: [Self; 6] = [
        Self::Seedling,
        Self::Sprout,
        Self::Sapling,
        Self::Tree,
        Self::Grove,
        Self::Forest,
    ];

    /// The level's number, 1 for Seedling.
    pub fn number(self) -> u8 {
        Self::ALL
            .iter()
            .position(|level| *level == self)
            .map_or(1, |index| index as u8 + 1)
    }

    /// The level of a number; numbers past the top are the top.
    pub fn of_number(number: u8) -> Self {
        let index = usize::from(number.clamp(1, 6)) - 1;
        Self::ALL[index.min(Self::ALL.len() - 1)]
    }

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Seedling => "seedling",
            Self::Sprout => "sprout",
            Self::Sapling => "sapling",
            Self::Tree => "tree",
            Self::Grove => "grove",
            Self::Forest => "forest",
        }
    }

    /// The name people read.
    pub const fn name(self) -> Bilingual {
        match self {
            Self::Seedling => Bilingual::new("Seedling", "Φυντανάκι"),
            Self::Sprout => Bilingual::new("Sprout", "Βλαστάρι"),
            Self::Sapling => Bilingual::new("Sapling", "Δενδρύλλιο"),
            Self::Tree => Bilingual::new("Tree", "Δέντρο"),
            Self::Grove => Bilingual::new("Grove", "Άλσος"),
            Self::Forest => Bilingual::new("Forest", "Δάσος"),
        }
    }
}

/// The lifetime points at which each level starts, as a programme configures them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelTable {
    starts: [i64; 6],
}

impl Default for LevelTable {
    /// Seedling 0, Sprout 100, Sapling 300, Tree 750, Grove 1,500, Forest 3,000: a household
    /// saving about 1 kWh a session at 100 points per kWh reaches Sprout in its first session or
    /// two and Forest after a year or more of regular sessions.
    fn default() -> Self {
        Self {
            starts: [0, 100, 300, 750, 1_500, 3_000],
        }
    }
}

impl LevelTable {
    /// A table from the points each level starts at; the first must be 0 and each must be
    /// higher than the one before.
    pub fn new(starts: [i64; 6]) -> Result<Self, ValidationError> {
        if starts[0] != 0 {
            return Err(ValidationError::new(
                "the first level must start at 0 points",
            ));
        }
        if starts.windows(2).any(|pair| pair[1] <= pair[0]) {
            return Err(ValidationError::new(
                "each level must start at more points than the one before",
            ));
        }
        Ok(Self { starts })
    }

    /// The points at which `level` starts.
    pub fn starts_at(&self, level: LevelKey) -> i64 {
        self.starts[usize::from(level.number()) - 1]
    }

    /// The level `lifetime_points` reach.
    pub fn level_for(&self, lifetime_points: i64) -> LevelKey {
        LevelKey::ALL
            .iter()
            .rev()
            .copied()
            .find(|level| lifetime_points >= self.starts_at(*level))
            .unwrap_or(LevelKey::Seedling)
    }
}

/// A level a household reached, and when: a fact the evaluation records once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelReached {
    /// The level.
    pub level: LevelKey,
    /// When it was first reached.
    pub at: DateTime<Utc>,
}

/// Where a household stands: its level and what the next one needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelStanding {
    /// The level held: the highest reached, or what the points reach now if higher.
    pub level: LevelKey,
    /// Lifetime points.
    pub lifetime_points: i64,
    /// When the level was first reached, once recorded.
    pub reached_at: Option<DateTime<Utc>>,
    /// The next level and the points it starts at; `None` at the top.
    pub next: Option<(LevelKey, i64)>,
}

impl LevelStanding {
    /// The standing from lifetime points and the levels recorded as reached: a level is never
    /// lost, so the higher of the two holds.
    pub fn of(table: &LevelTable, lifetime_points: i64, reached: &[LevelReached]) -> Self {
        let recorded = reached.iter().map(|r| r.level).max();
        let level = table
            .level_for(lifetime_points)
            .max(recorded.unwrap_or(LevelKey::Seedling));
        let next = LevelKey::ALL
            .iter()
            .copied()
            .find(|candidate| *candidate > level)
            .map(|next| (next, table.starts_at(next)));
        Self {
            level,
            lifetime_points,
            reached_at: reached.iter().find(|r| r.level == level).map(|r| r.at),
            next,
        }
    }

    /// The levels up to the one held that are not yet recorded: what the evaluation records,
    /// each once, as the events a level-up notification will follow.
    pub fn unrecorded(&self, reached: &[LevelReached]) -> Vec<LevelKey> {
        LevelKey::ALL
            .iter()
            .copied()
            .filter(|level| *level <= self.level && *level != LevelKey::Seedling)
            .filter(|level| !reached.iter().any(|r| r.level == *level))
            .collect()
    }
}

/// The level held at `at` by the record of levels reached: what a plant planted then may grow
/// as.
pub fn level_at(reached: &[LevelReached], at: DateTime<Utc>) -> LevelKey {
    reached
        .iter()
        .filter(|r| r.at <= at)
        .map(|r| r.level)
        .max()
        .unwrap_or(LevelKey::Seedling)
}
