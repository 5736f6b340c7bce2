//! How a household's progress is shown: the level, garden, streak and badges with names in the
//! reader's language and figures rounded as screens print them (docs/RULES.md § Progress).

use chrono::{DateTime, NaiveDate, Utc};
use domain::language::Language;
use domain::progress::badges::{BadgeIcon, BadgeKey, ProgressUnit};
use domain::progress::garden::{GardenHealth, PlantStage, Species};
use domain::progress::levels::LevelKey;
use engine::HouseholdProgress;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A household's level, garden, streak and badges: one payload for Home, the garden and the
/// badges screens, computed from the same facts at once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Progress {
    /// Level and points.
    pub level: LevelStatus,
    /// The Green Garden.
    pub garden: Garden,
    /// The run of successful sessions.
    pub streak: StreakStatus,
    /// The whole catalogue in its order, earned or not.
    pub badges: Vec<BadgeStatus>,
    /// When badges and levels were last evaluated; `null` when never.
    pub evaluated_at: Option<DateTime<Utc>>,
}

/// A level and where the household stands in it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LevelStatus {
    /// 1-based: 1 is Seedling.
    pub number: u8,
    /// Which level.
    pub key: LevelKey,
    /// Its name in the reader's language.
    pub name: String,
    /// Lifetime Green Points.
    pub lifetime_points: i64,
    /// Lifetime points at which this level starts.
    pub level_points: i64,
    /// When first reached; `null` until recorded.
    pub reached_at: Option<DateTime<Utc>>,
    /// The next level; `null` at the top.
    pub next: Option<NextLevel>,
}

/// The level after the current one.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NextLevel {
    /// 1-based.
    pub number: u8,
    /// Which level.
    pub key: LevelKey,
    /// Its name.
    pub name: String,
    /// Lifetime points at which it starts.
    pub points: i64,
    /// Points still needed (> 0).
    pub points_to_go: i64,
}

/// The Green Garden.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Garden {
    /// Oldest first: one per successful session; empty for a new household.
    pub plants: Vec<Plant>,
    /// How the garden looks after recent participation.
    pub health: GardenHealth,
    /// Sessions open to the household among the last `health_window` held.
    pub recent_sessions: u32,
    /// Of those, how many it joined and saved in.
    pub recent_saved: u32,
    /// How many recent sessions health looks at.
    pub health_window: u32,
    /// kWh saved in sessions in all (2 decimals).
    pub saved_kwh: f64,
    /// kg CO2 avoided: kWh saved × the grid's emission factor (1 decimal).
    pub co2_kg: f64,
    /// The CO2 as what one tree absorbs in this many years (2 decimals).
    pub tree_years: f64,
    /// kg CO2 per kWh of the grid.
    pub emission_factor_kg_per_kwh: f64,
    /// kg CO2 a tree absorbs in a year.
    pub tree_kg_co2_per_year: f64,
    /// Every species, in unlock order.
    pub species: Vec<SpeciesStatus>,
}

/// One plant.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Plant {
    /// The session that planted it.
    pub session_id: Uuid,
    /// That session's day in the programme's time zone.
    pub planted_on: NaiveDate,
    /// Its species.
    pub species: Species,
    /// The species' name.
    pub species_name: String,
    /// How far it has grown.
    pub stage: PlantStage,
    /// kWh saved since it was planted, its own session included (2 decimals).
    pub grown_kwh: f64,
    /// `grown_kwh` the next stage needs; `null` when blooming.
    pub next_stage_kwh: Option<f64>,
    /// Whether the latest successful session planted it or moved it up a stage.
    pub just_grew: bool,
}

/// A species and whether the household's level has unlocked it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SpeciesStatus {
    /// Which species.
    pub species: Species,
    /// Its name.
    pub name: String,
    /// The level number that unlocks it.
    pub unlock_level: u8,
    /// Whether unlocked.
    pub unlocked: bool,
}

/// The run of successful sessions and the streak bonus.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StreakStatus {
    /// Successful sessions in a row now (a shield may have covered a miss).
    pub current: u32,
    /// The longest run.
    pub best: u32,
    /// Shields held.
    pub shields: u32,
    /// One shield per this many successes in a row; 0 when shields are off.
    pub shield_every: u32,
    /// Shields a household can hold.
    pub max_shields: u32,
    /// The streak bonus comes every this many successes in a row.
    pub bonus_every: u32,
    /// Its points.
    pub bonus_points: i64,
    /// Successes still needed for the next bonus.
    pub to_next_bonus: u32,
}

/// A badge and how far the household is towards it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BadgeStatus {
    /// Which badge.
    pub key: BadgeKey,
    /// Its name.
    pub name: String,
    /// What earns it.
    pub description: String,
    /// Its picture.
    pub icon: BadgeIcon,
    /// Points it pays once.
    pub points: i64,
    /// When the facts earned it; `null` when not awarded.
    pub earned_at: Option<DateTime<Utc>>,
    /// Progress towards it.
    pub progress: BadgeProgress,
}

/// Progress towards a badge.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BadgeProgress {
    /// How far (never above the target).
    pub current: f64,
    /// What it needs.
    pub target: f64,
    /// The unit of both.
    pub unit: ProgressUnit,
}

/// The badge catalogue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BadgeCatalogue {
    /// Every badge, in the order screens list them.
    pub badges: Vec<Badge>,
}

/// A badge of the catalogue.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Badge {
    /// Which badge.
    pub key: BadgeKey,
    /// Its name.
    pub name: String,
    /// What earns it.
    pub description: String,
    /// Its picture.
    pub icon: BadgeIcon,
    /// Points it pays once.
    pub points: i64,
}

impl Badge {
    /// A badge in the reader's language.
    pub fn of(key: BadgeKey, language: Language) -> Self {
        Self {
            key,
            name: key.name().in_language(language).to_owned(),
            description: key.description().in_language(language).to_owned(),
            icon: key.icon(),
            points: key.points(),
        }
    }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// What the view needs besides the progress.
pub struct ViewContext<'a> {
    /// The reader's language.
    pub language: Language,
    /// The programme's time zone, for plants' days.
    pub time_zone: chrono_tz::Tz,
    /// The rules the progress was computed with.
    pub rules: &'a domain::progress::ProgressRules,
}

impl Progress {
    /// The view of `household` for a reader.
    pub fn of(household: HouseholdProgress, context: &ViewContext<'_>) -> Self {
        let HouseholdProgress {
            progress,
            plant_sessions,
            awarded,
            evaluated_at,
        } = household;
        let language = context.language;
        let rules = context.rules;
        let standing = progress.level;
        let level = standing.level;
        let garden = progress.garden;
        let carbon = rules.garden.carbon;
        Self {
            level: LevelStatus {
                number: level.number(),
                key: level,
                name: level.name().in_language(language).to_owned(),
                lifetime_points: standing.lifetime_points,
                level_points: rules.levels.starts_at(level),
                reached_at: standing.reached_at,
                next: standing.next.map(|(key, points)| NextLevel {
                    number: key.number(),
                    key,
                    name: key.name().in_language(language).to_owned(),
                    points,
                    points_to_go: (points - standing.lifetime_points).max(1),
                }),
            },
            garden: Garden {
                plants: garden
                    .plants
                    .iter()
                    .zip(plant_sessions)
                    .map(|(plant, session_id)| Plant {
                        session_id,
                        planted_on: plant
                            .planted_at
                            .with_timezone(&context.time_zone)
                            .date_naive(),
                        species: plant.species,
                        species_name: plant.species.name().in_language(language).to_owned(),
                        stage: plant.stage,
                        grown_kwh: round(plant.grown_kwh, 2),
                        next_stage_kwh: plant.next_stage_kwh,
                        just_grew: plant.just_grew,
                    })
                    .collect(),
                health: garden.health,
                recent_sessions: count(garden.recent_sessions),
                recent_saved: count(garden.recent_saved),
                health_window: count(rules.garden.health_window),
                saved_kwh: round(garden.saved_kwh, 2),
                co2_kg: round(garden.co2_kg, 1),
                tree_years: round(garden.tree_years, 2),
                emission_factor_kg_per_kwh: carbon.grid_kg_per_kwh,
                tree_kg_co2_per_year: carbon.tree_kg_per_year,
                species: Species::ALL
                    .iter()
                    .map(|&species| SpeciesStatus {
                        species,
                        name: species.name().in_language(language).to_owned(),
                        unlock_level: species.unlock_level().number(),
                        unlocked: species.unlock_level() <= level,
                    })
                    .collect(),
            },
            streak: StreakStatus {
                current: progress.streak.current,
                best: progress.streak.best,
                shields: progress.streak.shields,
                shield_every: rules.rewards.shields.every,
                max_shields: rules.rewards.shields.max_held,
                bonus_every: count(rules.rewards.streak.length),
                bonus_points: rules.rewards.streak.points,
                to_next_bonus: progress.to_next_bonus,
            },
            badges: progress
                .badges
                .iter()
                .map(|state| {
                    let badge = Badge::of(state.key, language);
                    let earned_at = awarded.get(&state.key).copied();
                    BadgeStatus {
                        key: badge.key,
                        name: badge.name,
                        description: badge.description,
                        icon: badge.icon,
                        points: badge.points,
                        earned_at,
                        // An awarded badge stays complete even if late data lowered a figure.
                        progress: BadgeProgress {
                            current: if earned_at.is_some() {
                                state.target
                            } else {
                                round(state.current, 2)
                            },
                            target: state.target,
                            unit: state.unit,
                        },
                    }
                })
                .collect(),
            evaluated_at,
        }
    }
}
