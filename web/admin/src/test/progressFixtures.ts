// Progress answers for component tests: a household well on its way, a new one, and the programme.
import type { BadgeStatus, Plant, ProgrammeProgress, Progress } from "../api/types";

export function plant(overrides: Partial<Plant> = {}): Plant {
  return {
    session_id: "00000000-0000-7000-8000-00000000005e",
    planted_on: "2026-06-12",
    species: "thyme",
    species_name: "Wild thyme",
    stage: "sprout",
    grown_kwh: 1.4,
    next_stage_kwh: 3,
    just_grew: false,
    ...overrides,
  };
}

export function badgeStatus(overrides: Partial<BadgeStatus> = {}): BadgeStatus {
  return {
    key: "first_session",
    name: "First saving",
    description: "Save in a session for the first time.",
    icon: "seedling",
    points: 20,
    earned_at: "2026-06-12T16:30:00Z",
    progress: { current: 1, target: 1, unit: "sessions" },
    ...overrides,
  };
}

/** Level 3 (Sapling) with four plants, a streak of four and two of three badges earned. */
export function householdProgress(overrides: Partial<Progress> = {}): Progress {
  return {
    level: {
      number: 3,
      key: "sapling",
      name: "Sapling",
      lifetime_points: 1250,
      level_points: 1000,
      reached_at: "2026-06-20T16:30:00Z",
      next: { number: 4, key: "tree", name: "Tree", points: 2500, points_to_go: 1250 },
    },
    garden: {
      plants: [
        plant({ stage: "blooming", grown_kwh: 10.5, next_stage_kwh: null }),
        plant({ stage: "mature", grown_kwh: 6.2, next_stage_kwh: 10 }),
        plant({ stage: "sprout" }),
        plant({ stage: "seed", grown_kwh: 0.4, next_stage_kwh: 1, just_grew: true }),
      ],
      health: "thriving",
      recent_sessions: 3,
      recent_saved: 2,
      health_window: 3,
      saved_kwh: 18.5,
      co2_kg: 13.9,
      tree_years: 0.63,
      emission_factor_kg_per_kwh: 0.75,
      tree_kg_co2_per_year: 22,
      species: [
        { species: "thyme", name: "Wild thyme", unlock_level: 1, unlocked: true },
        { species: "cedar", name: "Cyprus cedar", unlock_level: 6, unlocked: false },
      ],
    },
    streak: {
      current: 4,
      best: 6,
      shields: 1,
      shield_every: 5,
      max_shields: 2,
      bonus_every: 3,
      bonus_points: 50,
      to_next_bonus: 2,
    },
    badges: [
      badgeStatus(),
      badgeStatus({
        key: "run_of_3",
        name: "Three in a row",
        description: "Save in three sessions in a row.",
        icon: "flame",
        points: 50,
        earned_at: "2026-06-20T16:30:00Z",
        progress: { current: 3, target: 3, unit: "sessions" },
      }),
      badgeStatus({
        key: "saved_50_kwh",
        name: "50 kWh saved",
        description: "Save 50 kWh in sessions, all together.",
        icon: "leaf",
        points: 100,
        earned_at: null,
        progress: { current: 18.5, target: 50, unit: "kwh" },
      }),
    ],
    evaluated_at: "2026-06-20T16:35:00Z",
    ...overrides,
  };
}

/** A household that has not saved in any session yet: level 1, no plants, no badge earned. */
export function newHouseholdProgress(): Progress {
  const progress = householdProgress();
  return {
    ...progress,
    level: {
      number: 1,
      key: "seedling",
      name: "Seedling",
      lifetime_points: 0,
      level_points: 0,
      reached_at: null,
      next: { number: 2, key: "sprout", name: "Sprout", points: 250, points_to_go: 250 },
    },
    garden: { ...progress.garden, plants: [], recent_saved: 0, recent_sessions: 0, saved_kwh: 0, co2_kg: 0, tree_years: 0 },
    streak: { ...progress.streak, current: 0, best: 0, shields: 0, to_next_bonus: 3 },
    badges: progress.badges.map((badge) => ({ ...badge, earned_at: null, progress: { ...badge.progress, current: 0 } })),
    evaluated_at: null,
  };
}

export function programmeProgress(overrides: Partial<ProgrammeProgress> = {}): ProgrammeProgress {
  return {
    households: 60,
    evaluated_at: "2026-06-20T16:35:00Z",
    levels: [
      { number: 1, key: "seedling", name: "Seedling", households: 12 },
      { number: 2, key: "sprout", name: "Sprout", households: 30 },
      { number: 3, key: "sapling", name: "Sapling", households: 15 },
      { number: 4, key: "tree", name: "Tree", households: 3 },
      { number: 5, key: "grove", name: "Grove", households: 0 },
      { number: 6, key: "forest", name: "Forest", households: 0 },
    ],
    health: [
      { health: "thriving", households: 36 },
      { health: "thirsty", households: 15 },
      { health: "wilting", households: 9 },
    ],
    badges: [
      { key: "first_session", name: "First saving", awarded: 48, points_paid: 960 },
      { key: "run_of_3", name: "Three in a row", awarded: 20, points_paid: 1000 },
      { key: "comeback", name: "Comeback", awarded: 0, points_paid: 0 },
    ],
    ...overrides,
  };
}
