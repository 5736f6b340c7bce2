//! `[progress]`: the streak bonus and shields, levels, and how gardens grow and count CO2
//! (docs/RULES.md § Progress). Checked when the configuration is read, so a table that cannot
//! be right (levels out of order, a negative emission factor) stops the start with its name.

use anyhow::{Context, bail};
use domain::progress::garden::{CarbonFactors, GardenRules, StageThresholds};
use domain::progress::levels::LevelTable;
use domain::rewards::{RewardRules, StreakRule};
use domain::streak::ShieldRule;
use serde::{Deserialize, Serialize};

/// The progress settings as written in the configuration.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ProgressConfig {
    /// Lifetime points at which Seedling, Sprout, Sapling, Tree, Grove and Forest start.
    pub level_points: [i64; 6],
    /// kg CO2 per kWh of the grid (Cyprus: about 0.75).
    pub grid_kg_co2_per_kwh: f64,
    /// kg CO2 one tree absorbs in a year.
    pub tree_kg_co2_per_year: f64,
    /// kWh a plant grows with to reach sprout, young, mature and blooming.
    pub plant_stage_kwh: [f64; 4],
    /// Recent sessions the garden's health looks at.
    pub health_window: usize,
    /// Successes in a row that earn the streak bonus (0: no bonus).
    pub streak_bonus_every: usize,
    /// Points of the streak bonus.
    pub streak_bonus_points: i64,
    /// Successes in a row that earn a streak shield (0: no shields).
    pub shield_every: u32,
    /// Shields held at most.
    pub max_shields: u32,
}

impl Default for ProgressConfig {
    fn default() -> Self {
        let levels = LevelTable::default();
        let garden = GardenRules::default();
        let rewards = RewardRules::default();
        Self {
            level_points: domain::progress::levels::LevelKey::ALL.map(|l| levels.starts_at(l)),
            grid_kg_co2_per_kwh: garden.carbon.grid_kg_per_kwh,
            tree_kg_co2_per_year: garden.carbon.tree_kg_per_year,
            plant_stage_kwh: garden.stages.kwh,
            health_window: garden.health_window,
            streak_bonus_every: rewards.streak.length,
            streak_bonus_points: rewards.streak.points,
            shield_every: rewards.shields.every,
            max_shields: rewards.shields.max_held,
        }
    }
}

impl ProgressConfig {
    /// The reward rules settlement pays by.
    pub fn rewards(&self) -> RewardRules {
        RewardRules {
            streak: StreakRule {
                length: self.streak_bonus_every,
                points: self.streak_bonus_points,
            },
            shields: ShieldRule {
                every: self.shield_every,
                max_held: self.max_shields,
            },
        }
    }

    /// The levels and gardens, checked.
    pub fn settings(&self) -> anyhow::Result<engine::ProgressSettings> {
        let levels = LevelTable::new(self.level_points)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("progress.level_points")?;
        if !(self.grid_kg_co2_per_kwh >= 0.0 && self.grid_kg_co2_per_kwh <= 2.0) {
            bail!("progress.grid_kg_co2_per_kwh must be between 0 and 2 kg CO2 per kWh");
        }
        if !(self.tree_kg_co2_per_year > 0.0 && self.tree_kg_co2_per_year <= 1_000.0) {
            bail!("progress.tree_kg_co2_per_year must be above 0 and at most 1000");
        }
        let stages = self.plant_stage_kwh;
        let increasing = stages.windows(2).all(|pair| pair[1] > pair[0]);
        if !(stages[0] > 0.0 && increasing) {
            bail!("progress.plant_stage_kwh must be positive and increasing");
        }
        if !(1..=50).contains(&self.health_window) {
            bail!("progress.health_window must be between 1 and 50 sessions");
        }
        if self.streak_bonus_points < 0 || self.max_shields > 10 {
            bail!(
                "progress.streak_bonus_points must not be negative and progress.max_shields at most 10"
            );
        }
        Ok(engine::ProgressSettings {
            levels,
            garden: GardenRules {
                stages: StageThresholds { kwh: stages },
                health_window: self.health_window,
                carbon: CarbonFactors {
                    grid_kg_per_kwh: self.grid_kg_co2_per_kwh,
                    tree_kg_per_year: self.tree_kg_co2_per_year,
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_wrong_tables_are_named() {
        let defaults = ProgressConfig::default();
        assert!(defaults.settings().is_ok());
        assert_eq!(defaults.rewards(), RewardRules::default());
        let unordered = ProgressConfig {
            level_points: [0, 300, 100, 750, 1_500, 3_000],
            ..ProgressConfig::default()
        };
        let error = format!("{:#}", unordered.settings().unwrap_err());
        assert!(error.contains("progress.level_points"), "{error}");
        let negative = ProgressConfig {
            grid_kg_co2_per_kwh: -0.1,
            ..ProgressConfig::default()
        };
        assert!(negative.settings().is_err());
        let stages = ProgressConfig {
            plant_stage_kwh: [1.0, 1.0, 2.0, 3.0],
            ..ProgressConfig::default()
        };
        assert!(stages.settings().is_err());
    }
}
