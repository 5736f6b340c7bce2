//! The Green Garden: computed from a household's session outcomes, never edited by hand
//! (docs/RULES.md § Green Garden).
//!
//! Each successful session (a payable result that saved energy) plants one plant. A plant grows
//! through five stages with the kWh the household saves from its own session on, so a garden
//! grows while the household keeps at it, and more savings never shrink a plant. Species
//! unlock with levels: a plant is of a species unlocked when it was planted. The garden's
//! health follows participation only — how many of the last sessions open to the household it
//! joined and saved in — and recovers as soon as the household takes part again; it never dies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::levels::{LevelKey, LevelReached, level_at};
use super::names::Bilingual;
use super::{HeldSession, SessionOutcome};

/// The species a garden can grow, in the order levels unlock them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Species {
    /// Wild thyme, Seedling.
    Thyme,
    /// Lavender, Sprout.
    Lavender,
    /// Sunflower, Sapling.
    Sunflower,
    /// Lemon tree, Tree.
    Lemon,
    /// Olive tree, Grove.
    Olive,
    /// Cyprus cedar, Forest.
    Cedar,
}

impl Species {
    /// Every species, in unlock order.
    pub const ALL: [Self; 6] = [
        Self::Thyme,
        Self::Lavender,
        Self::Sunflower,
        Self::Lemon,
        Self::Olive,
        Self::Cedar,
    ];

    /// The level that unlocks it.
    pub fn unlock_level(self) -> LevelKey {
        let index = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        LevelKey::ALL[index]
    }

    /// The species a level has unlocked, in unlock order (never empty).
    pub fn unlocked_at(level: LevelKey) -> Vec<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|species| species.unlock_level() <= level)
            .collect()
    }

    /// The name people read.
    pub const fn name(self) -> Bilingual {
        match self {
            Self::Thyme => Bilingual::new("Wild thyme", "Θυμάρι"),
            Self::Lavender => Bilingual::new("Lavender", "Λεβάντα"),
            Self::Sunflower => Bilingual::new("Sunflower", "Ηλιοτρόπιο"),
            Self::Lemon => Bilingual::new("Lemon tree", "Λεμονιά"),
            Self::Olive => Bilingual::new("Olive tree", "Ελιά"),
            Self::Cedar => Bilingual::new("Cyprus cedar", "Κυπριακός κέδρος"),
        }
    }
}

/// How far a plant has grown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlantStage {
    /// Just planted.
    Seed,
    /// The first leaves.
    Sprout,
    /// Growing.
    Young,
    /// Full size.
    Mature,
    /// In flower or fruit: the last stage.
    Blooming,
}

impl PlantStage {
    /// Every stage, in growth order.
    pub const ALL: [Self; 5] = [
        Self::Seed,
        Self::Sprout,
        Self::Young,
        Self::Mature,
        Self::Blooming,
    ];
}

/// The kWh a plant must have grown with to reach each stage after the seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageThresholds {
    /// kWh for sprout, young, mature and blooming, increasing.
    pub kwh: [f64; 4],
}

impl Default for StageThresholds {
    /// 0.5, 1.5, 3.5 and 6 kWh: a household saving about half a kWh in a two-hour evening
    /// session (a typical cut) sees its first plant sprout at once and bloom after about
    /// twelve sessions.
    fn default() -> Self {
        Self {
            kwh: [0.5, 1.5, 3.5, 6.0],
        }
    }
}

impl StageThresholds {
    /// The stage a plant that has grown with `grown_kwh` is at.
    pub fn stage_of(&self, grown_kwh: f64) -> PlantStage {
        let reached = self.kwh.iter().filter(|t| grown_kwh >= **t).count();
        PlantStage::ALL[reached.min(PlantStage::ALL.len() - 1)]
    }

    /// The kWh the next stage needs after `stage`; `None` when blooming.
    pub fn next_after(&self, stage: PlantStage) -> Option<f64> {
        let index = PlantStage::ALL.iter().position(|s| *s == stage)?;
        self.kwh.get(index).copied()
    }
}

/// One plant of a garden.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plant {
    /// The outcome (index into the facts' outcomes) of the session that planted it.
    pub outcome: usize,
    /// When that session started.
    pub planted_at: DateTime<Utc>,
    /// Its species.
    pub species: Species,
    /// Its stage.
    pub stage: PlantStage,
    /// kWh saved from its session on.
    pub grown_kwh: f64,
    /// kWh its next stage needs; `None` when blooming.
    pub next_stage_kwh: Option<f64>,
    /// Whether the household's latest successful session planted it or moved it up a stage.
    pub just_grew: bool,
}

/// How the garden looks after the household's recent participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum GardenHealth {
    /// Saved in at least two thirds of the recent sessions (or none has been held yet).
    Thriving,
    /// Saved in some of them, or has not missed a whole window yet.
    Thirsty,
    /// Saved in none of the last window's sessions: the garden waits for the household.
    Wilting,
}

impl GardenHealth {
    /// Every state.
    pub const ALL: [Self; 3] = [Self::Thriving, Self::Thirsty, Self::Wilting];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Thriving => "thriving",
            Self::Thirsty => "thirsty",
            Self::Wilting => "wilting",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Result<Self, crate::ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "garden health")
    }

    /// The health after saving in `saved` of the `recent` last sessions open to the household,
    /// `window` being how many sessions are looked at.
    pub fn of(saved: usize, recent: usize, window: usize) -> Self {
        if recent == 0 || saved * 3 >= recent * 2 {
            Self::Thriving
        } else if saved > 0 || recent < window {
            Self::Thirsty
        } else {
            Self::Wilting
        }
    }
}

/// What CO2 avoided is counted with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CarbonFactors {
    /// kg CO2 per kWh of the grid (Cyprus: about 0.75).
    pub grid_kg_per_kwh: f64,
    /// kg CO2 one tree absorbs in a year (about 22).
    pub tree_kg_per_year: f64,
}

impl Default for CarbonFactors {
    /// Cyprus' grid at about 0.75 kg CO2 per kWh (docs/RULES.md cites the source) and about
    /// 22 kg CO2 a year absorbed by a mature tree.
    fn default() -> Self {
        Self {
            grid_kg_per_kwh: 0.75,
            tree_kg_per_year: 22.0,
        }
    }
}

/// A household's garden.
#[derive(Debug, Clone, PartialEq)]
pub struct Garden {
    /// Its plants, oldest first.
    pub plants: Vec<Plant>,
    /// Its health.
    pub health: GardenHealth,
    /// Sessions open to the household among the last window the programme held.
    pub recent_sessions: usize,
    /// Of those, how many it saved in.
    pub recent_saved: usize,
    /// kWh saved in sessions in all.
    pub saved_kwh: f64,
    /// kg CO2 avoided.
    pub co2_kg: f64,
    /// Tree-years: the CO2 as what one tree absorbs in that many years.
    pub tree_years: f64,
}

/// What a garden grows with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GardenRules {
    /// Stage thresholds.
    pub stages: StageThresholds,
    /// Sessions looked at for health.
    pub health_window: usize,
    /// CO2 factors.
    pub carbon: CarbonFactors,
}

impl Default for GardenRules {
    /// The default stages and factors, health over the last 3 sessions.
    fn default() -> Self {
        Self {
            stages: StageThresholds::default(),
            health_window: 3,
            carbon: CarbonFactors::default(),
        }
    }
}

/// Grows the garden of `outcomes` (oldest first), with the sessions `held` that were open to
/// the household (oldest first) and the levels it reached.
pub fn grow(
    outcomes: &[SessionOutcome],
    held: &[HeldSession],
    levels: &[LevelReached],
    rules: &GardenRules,
) -> Garden {
    let planting: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].planted())
        .collect();
    let latest = planting.last().copied();
    let mut plants = Vec::with_capacity(planting.len());
    for (ordinal, &i) in planting.iter().enumerate() {
        let grown: f64 = planting
            .iter()
            .filter(|&&j| j >= i)
            .map(|&j| outcomes[j].saved())
            .sum();
        let stage = rules.stages.stage_of(grown);
        let before_latest = match latest {
            Some(last) if last != i => grown - outcomes[last].saved(),
            _ => f64::NEG_INFINITY,
        };
        let planted_at = outcomes[i].starts_at;
        let unlocked = Species::unlocked_at(level_at(levels, planted_at));
        plants.push(Plant {
            outcome: i,
            planted_at,
            species: unlocked[ordinal % unlocked.len()],
            stage,
            grown_kwh: grown,
            next_stage_kwh: rules.stages.next_after(stage),
            just_grew: latest == Some(i)
                || (latest.is_some() && rules.stages.stage_of(before_latest) != stage),
        });
    }
    let window = rules.health_window.max(1);
    let recent = &held[held.len().saturating_sub(window)..];
    let recent_saved = recent
        .iter()
        .filter(|session| {
            session
                .outcome
                .and_then(|i| outcomes.get(i))
                .is_some_and(SessionOutcome::planted)
        })
        .count();
    let saved_kwh: f64 = planting.iter().map(|&i| outcomes[i].saved()).sum();
    let co2_kg = saved_kwh * rules.carbon.grid_kg_per_kwh;
    Garden {
        plants,
        health: GardenHealth::of(recent_saved, recent.len(), window),
        recent_sessions: recent.len(),
        recent_saved,
        saved_kwh,
        co2_kg,
        tree_years: if rules.carbon.tree_kg_per_year > 0.0 {
            co2_kg / rules.carbon.tree_kg_per_year
        } else {
            0.0
        },
    }
}
