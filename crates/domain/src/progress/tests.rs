use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::badges::{BadgeKey, ProgressUnit};
use super::garden::{GardenHealth, PlantStage, Species, StageThresholds};
use super::levels::{LevelKey, LevelReached, LevelStanding, LevelTable};
use super::*;
use crate::rewards::{RewardRules, StreakRule};
use crate::streak::{ShieldRule, Streak};

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 16, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(n)
}

fn outcome(n: i64, saved: f64) -> SessionOutcome {
    SessionOutcome {
        starts_at: day(n),
        surprise: false,
        status: ResultStatus::Final,
        saved_kwh: Some(saved),
        baseline_kwh: Some(4.0),
        top_tenth_percent: None,
    }
}

/// Every outcome held and taken part in.
fn all_held(outcomes: &[SessionOutcome]) -> Vec<HeldSession> {
    outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| HeldSession {
            starts_at: o.starts_at,
            outcome: Some(i),
        })
        .collect()
}

fn progress_of(outcomes: &[SessionOutcome], points: i64) -> Progress {
    let held = all_held(outcomes);
    evaluate(
        &ProgressFacts {
            outcomes,
            held: &held,
            lifetime_points: points,
            levels_reached: &[],
        },
        &ProgressRules::default(),
        day(400),
    )
}

fn badge(progress: &Progress, key: BadgeKey) -> super::badges::BadgeState {
    progress.badges[BadgeKey::ALL.iter().position(|k| *k == key).unwrap_or(0)]
}

#[test]
fn levels_start_at_their_thresholds_exactly() {
    let table = LevelTable::default();
    assert_eq!(table.level_for(0), LevelKey::Seedling);
    assert_eq!(table.level_for(99), LevelKey::Seedling);
    assert_eq!(table.level_for(100), LevelKey::Sprout);
    assert_eq!(table.level_for(2_999), LevelKey::Grove);
    assert_eq!(table.level_for(3_000), LevelKey::Forest);
    assert_eq!(table.level_for(-40), LevelKey::Seedling);
    assert!(LevelTable::new([1, 2, 3, 4, 5, 6]).is_err());
    assert!(LevelTable::new([0, 100, 100, 200, 300, 400]).is_err());
    assert!(LevelTable::new([0, 1, 2, 3, 4, 5]).is_ok());
    for level in LevelKey::ALL {
        assert_eq!(LevelKey::of_number(level.number()), level);
    }
}

#[test]
fn a_level_once_reached_is_kept_and_each_is_recorded_once() {
    let table = LevelTable::default();
    let reached = [LevelReached {
        level: LevelKey::Sapling,
        at: day(3),
    }];
    let standing = LevelStanding::of(&table, 120, &reached);
    assert_eq!(standing.level, LevelKey::Sapling);
    assert_eq!(standing.reached_at, Some(day(3)));
    assert_eq!(standing.next, Some((LevelKey::Tree, 750)));
    assert_eq!(standing.unrecorded(&reached), vec![LevelKey::Sprout]);
    let top = LevelStanding::of(&table, 10_000, &[]);
    assert_eq!(top.next, None);
    assert_eq!(top.unrecorded(&[]).len(), 5);
}

#[test]
fn each_successful_session_plants_one_plant_that_grows_with_later_savings() {
    let outcomes = [outcome(0, 1.5), outcome(7, -0.4), outcome(14, 2.0)];
    let garden = progress_of(&outcomes, 0).garden;
    assert_eq!(garden.plants.len(), 2);
    let (first, second) = (garden.plants[0], garden.plants[1]);
    assert_eq!(first.outcome, 0);
    assert!((first.grown_kwh - 3.5).abs() < 1e-9);
    assert_eq!(first.stage, PlantStage::Mature);
    assert_eq!(first.next_stage_kwh, Some(6.0));
    assert_eq!(second.stage, PlantStage::Young);
    assert!(second.just_grew, "the latest success planted it");
    assert!(
        first.just_grew,
        "the latest success moved it from young to mature"
    );
    assert!((garden.saved_kwh - 3.5).abs() < 1e-9);
    assert!((garden.co2_kg - 3.5 * 0.75).abs() < 1e-9);
    assert!((garden.tree_years - 3.5 * 0.75 / 22.0).abs() < 1e-9);
}

#[test]
fn a_new_household_has_an_empty_thriving_garden() {
    let progress = progress_of(&[], 0);
    assert!(progress.garden.plants.is_empty());
    assert_eq!(progress.garden.health, GardenHealth::Thriving);
    assert_eq!(progress.level.level, LevelKey::Seedling);
    assert!(progress.badges.iter().all(|b| b.earned_at.is_none()));
}

#[test]
fn species_follow_the_level_held_when_each_plant_was_planted() {
    let outcomes = [outcome(0, 1.0), outcome(7, 1.0), outcome(14, 1.0)];
    let held = all_held(&outcomes);
    let reached = [LevelReached {
        level: LevelKey::Sprout,
        at: day(5),
    }];
    let garden = garden::grow(&outcomes, &held, &reached, &garden::GardenRules::default());
    let species: Vec<Species> = garden.plants.iter().map(|p| p.species).collect();
    assert_eq!(
        species,
        vec![Species::Thyme, Species::Lavender, Species::Thyme],
        "before Sprout only thyme; after it thyme and lavender in turn"
    );
}

#[test]
fn a_lapsed_garden_wilts_and_recovers_when_the_household_takes_part_again() {
    let mut outcomes = vec![outcome(0, 1.0), outcome(7, 1.0)];
    let mut held = all_held(&outcomes);
    for n in [14, 21, 28] {
        held.push(HeldSession {
            starts_at: day(n),
            outcome: None,
        });
    }
    let rules = garden::GardenRules::default();
    let wilting = garden::grow(&outcomes, &held, &[], &rules);
    assert_eq!(wilting.health, GardenHealth::Wilting);
    assert_eq!(wilting.plants.len(), 2, "nothing is lost while wilting");
    outcomes.push(outcome(35, 0.8));
    held.push(HeldSession {
        starts_at: day(35),
        outcome: Some(2),
    });
    assert_eq!(
        garden::grow(&outcomes, &held, &[], &rules).health,
        GardenHealth::Thirsty
    );
    outcomes.push(outcome(42, 0.8));
    held.push(HeldSession {
        starts_at: day(42),
        outcome: Some(3),
    });
    assert_eq!(
        garden::grow(&outcomes, &held, &[], &rules).health,
        GardenHealth::Thriving
    );
}

#[test]
fn health_thresholds() {
    assert_eq!(GardenHealth::of(0, 0, 3), GardenHealth::Thriving);
    assert_eq!(GardenHealth::of(2, 3, 3), GardenHealth::Thriving);
    assert_eq!(GardenHealth::of(1, 3, 3), GardenHealth::Thirsty);
    assert_eq!(GardenHealth::of(0, 2, 3), GardenHealth::Thirsty);
    assert_eq!(GardenHealth::of(0, 3, 3), GardenHealth::Wilting);
    assert_eq!(GardenHealth::parse("wilting"), Ok(GardenHealth::Wilting));
    assert!(GardenHealth::parse("dead").is_err());
}

#[test]
fn a_shield_carries_a_run_over_one_miss() {
    let mut outcomes = vec![true; 5];
    outcomes.push(false);
    outcomes.push(true);
    let shielded = Streak::of(&outcomes, ShieldRule::default());
    assert_eq!(
        shielded,
        Streak {
            current: 6,
            best: 6,
            shields: 0
        }
    );
    let unshielded = Streak::of(&outcomes, ShieldRule::OFF);
    assert_eq!(unshielded.current, 1);
    assert_eq!(unshielded.best, 5);
    let two_misses = [true, true, true, true, true, false, false, true];
    assert_eq!(Streak::of(&two_misses, ShieldRule::default()).current, 1);
}

#[test]
fn badges_are_earned_at_the_session_that_completed_them() {
    let outcomes: Vec<SessionOutcome> = (0..6).map(|n| outcome(n * 7, 2.0)).collect();
    let progress = progress_of(&outcomes, 0);
    assert_eq!(
        badge(&progress, BadgeKey::FirstSession).earned_at,
        Some(day(0))
    );
    assert_eq!(badge(&progress, BadgeKey::RunOf3).earned_at, Some(day(14)));
    assert_eq!(badge(&progress, BadgeKey::RunOf5).earned_at, Some(day(28)));
    let ten_kwh = badge(&progress, BadgeKey::Saved10Kwh);
    assert_eq!(ten_kwh.earned_at, Some(day(28)));
    let fifty = badge(&progress, BadgeKey::Saved50Kwh);
    assert_eq!(fifty.earned_at, None);
    assert!((fifty.current - 12.0).abs() < 1e-9);
    assert_eq!(fifty.unit, ProgressUnit::Kwh);
    assert_eq!(
        badge(&progress, BadgeKey::DeepCut).earned_at,
        Some(day(0)),
        "2 of 4 kWh is 50 %"
    );
    assert_eq!(badge(&progress, BadgeKey::RunOf10).current, 6.0);
}

#[test]
fn a_full_month_counts_once_it_is_over() {
    // 5 and 12 January 2026, both saved; January is over by 400 days later.
    let outcomes = [outcome(0, 1.0), outcome(7, 1.0)];
    let progress = progress_of(&outcomes, 0);
    let earned = badge(&progress, BadgeKey::FullMonth).earned_at;
    assert_eq!(
        earned,
        Utc.with_ymd_and_hms(2026, 1, 31, 22, 0, 0).single(),
        "midnight of 1 February in Nicosia"
    );
    let held = all_held(&outcomes);
    let during = evaluate(
        &ProgressFacts {
            outcomes: &outcomes,
            held: &held,
            lifetime_points: 0,
            levels_reached: &[],
        },
        &ProgressRules::default(),
        day(10),
    );
    assert_eq!(badge(&during, BadgeKey::FullMonth).earned_at, None);
}

#[test]
fn surprise_top_tenth_and_comeback_badges() {
    let mut first = outcome(0, 1.0);
    first.surprise = true;
    first.top_tenth_percent = Some(20.0);
    let late = outcome(45, 0.5);
    let progress = progress_of(&[first, late], 0);
    assert_eq!(
        badge(&progress, BadgeKey::SurpriseSaver).earned_at,
        Some(day(0))
    );
    assert_eq!(
        badge(&progress, BadgeKey::TopTenPercent).earned_at,
        Some(day(0)),
        "25 % ≥ 20 %"
    );
    assert_eq!(
        badge(&progress, BadgeKey::Comeback).earned_at,
        Some(day(45))
    );
}

#[test]
fn unpaid_results_count_for_nothing() {
    let mut pending = outcome(0, 3.0);
    pending.status = ResultStatus::Pending;
    let mut insufficient = outcome(7, 3.0);
    insufficient.status = ResultStatus::InsufficientData;
    let progress = progress_of(&[pending, insufficient], 0);
    assert!(progress.garden.plants.is_empty());
    assert_eq!(badge(&progress, BadgeKey::TenSessions).current, 0.0);
}

#[test]
fn the_top_tenth_threshold() {
    assert_eq!(top_tenth_threshold(&[]), None);
    assert_eq!(top_tenth_threshold(&[-5.0, 0.0]), None);
    assert_eq!(top_tenth_threshold(&[12.0]), Some(12.0));
    let shares: Vec<f64> = (1..=20).map(f64::from).collect();
    assert_eq!(top_tenth_threshold(&shares), Some(19.0), "the top 2 of 20");
    let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
    assert_eq!(top_tenth_threshold(&eleven), Some(10.0), "the top 2 of 11");
}

#[test]
fn stage_thresholds() {
    let stages = StageThresholds::default();
    assert_eq!(stages.stage_of(0.49), PlantStage::Seed);
    assert_eq!(stages.stage_of(0.5), PlantStage::Sprout);
    assert_eq!(stages.stage_of(6.0), PlantStage::Blooming);
    assert_eq!(stages.next_after(PlantStage::Blooming), None);
    assert_eq!(stages.next_after(PlantStage::Seed), Some(0.5));
}

#[test]
fn the_badge_catalogue_reads_back_and_names_itself_in_both_languages() {
    use crate::language::Language;
    for key in BadgeKey::ALL {
        assert_eq!(BadgeKey::parse(key.as_str()), Ok(key));
        for language in Language::ALL {
            assert!(!key.name().in_language(language).is_empty());
            assert!(!key.description().in_language(language).is_empty());
        }
        assert!(key.points() > 0);
        assert_eq!(key.ledger_reference(), format!("badge:{}", key.as_str()));
    }
    assert!(BadgeKey::parse("best_ever").is_err());
}

fn outcomes_strategy() -> impl Strategy<Value = Vec<(f64, bool, bool)>> {
    proptest::collection::vec((-2.0f64..4.0, any::<bool>(), any::<bool>()), 0..25)
}

fn build(raw: &[(f64, bool, bool)]) -> Vec<SessionOutcome> {
    raw.iter()
        .enumerate()
        .map(|(i, &(saved, is_final, surprise))| SessionOutcome {
            starts_at: day(i as i64 * 5),
            surprise,
            status: if is_final {
                ResultStatus::Final
            } else {
                ResultStatus::Provisional
            },
            saved_kwh: Some(saved),
            baseline_kwh: Some(5.0),
            top_tenth_percent: Some(30.0),
        })
        .collect()
}

proptest! {
    /// More kWh saved in any one session never makes a plant smaller, nor the garden's total.
    #[test]
    fn growth_is_monotone_in_savings(raw in outcomes_strategy(), which in 0usize..25, extra in 0.0f64..5.0) {
        let before = build(&raw);
        let mut after = before.clone();
        if let Some(o) = after.get_mut(which) {
            o.saved_kwh = o.saved_kwh.map(|kwh| kwh + extra);
        }
        let (g1, g2) = (progress_of(&before, 0).garden, progress_of(&after, 0).garden);
        prop_assert!(g2.saved_kwh + 1e-9 >= g1.saved_kwh);
        for plant in &g1.plants {
            let grown = g2.plants.iter().find(|p| p.outcome == plant.outcome);
            prop_assert!(grown.is_some_and(|p| p.stage >= plant.stage && p.grown_kwh + 1e-9 >= plant.grown_kwh));
        }
    }

    /// Health depends only on participation: how much a success saved does not matter.
    #[test]
    fn health_depends_only_on_participation(raw in outcomes_strategy(), factor in 0.1f64..10.0) {
        let before = build(&raw);
        let scaled: Vec<SessionOutcome> = before
            .iter()
            .map(|o| SessionOutcome {
                saved_kwh: o.saved_kwh.map(|kwh| if kwh > 0.0 { kwh * factor } else { kwh }),
                ..*o
            })
            .collect();
        prop_assert_eq!(progress_of(&before, 0).garden.health, progress_of(&scaled, 0).garden.health);
    }

    /// The same facts give the same progress.
    #[test]
    fn recomputing_gives_the_same_progress(raw in outcomes_strategy(), points in 0i64..5_000) {
        let outcomes = build(&raw);
        prop_assert_eq!(progress_of(&outcomes, points), progress_of(&outcomes, points));
    }

    /// With shields off the bonus follows the rule it had before shields.
    #[test]
    fn shields_off_is_the_old_streak_rule(earlier in proptest::collection::vec(any::<bool>(), 0..30), length in 0usize..6) {
        let streak = StreakRule { length, points: 50 };
        let rules = RewardRules { streak, shields: ShieldRule::OFF };
        prop_assert_eq!(rules.streak_bonus_due(&earlier), streak.success_after(&earlier));
    }

    /// Shields never shorten a run, and the best run is never below the current one.
    #[test]
    fn shields_only_help(outcomes in proptest::collection::vec(any::<bool>(), 0..40)) {
        let with = Streak::of(&outcomes, ShieldRule::default());
        let without = Streak::of(&outcomes, ShieldRule::OFF);
        prop_assert!(with.current >= without.current);
        prop_assert!(with.best >= without.best);
        prop_assert!(with.best >= with.current);
    }

    /// A badge's progress never passes its target, and an earned badge has met it.
    #[test]
    fn badge_progress_is_clamped(raw in outcomes_strategy()) {
        let progress = progress_of(&build(&raw), 0);
        for state in progress.badges {
            prop_assert!(state.current <= state.target);
            if state.earned_at.is_some() {
                prop_assert!((state.current - state.target).abs() < 1e-9);
            }
        }
    }
}
