import type { BadgeStatus, Garden, Plant, Progress } from "../../api/types";

export function plant(overrides: Partial<Plant> = {}): Plant {
  return {
    session_id: "0c1d2e3f-0000-4000-8000-000000000101",
    planted_on: "2026-12-03",
    species: "lavender",
    species_name: "Lavender",
    stage: "young",
    grown_kwh: 2.5,
    next_stage_kwh: 4,
    just_grew: false,
    ...overrides,
  };
}

/** Three plants: an old blooming thyme, a young lavender and a sunflower the latest session planted. */
export const threePlants: Plant[] = [
  plant({ session_id: "s-1", planted_on: "2026-11-03", species: "thyme", species_name: "Thyme", stage: "blooming", grown_kwh: 12, next_stage_kwh: null }),
  plant({ session_id: "s-2" }),
  plant({ session_id: "s-3", planted_on: "2026-12-10", species: "sunflower", species_name: "Sunflower", stage: "sprout", grown_kwh: 0.4, next_stage_kwh: 1, just_grew: true }),
];

export function garden(overrides: Partial<Garden> = {}): Garden {
  return {
    plants: threePlants,
    health: "thriving",
    recent_sessions: 3,
    recent_saved: 2,
    health_window: 3,
    saved_kwh: 16.4,
    co2_kg: 12.3,
    tree_years: 0.56,
    emission_factor_kg_per_kwh: 0.75,
    tree_kg_co2_per_year: 22,
    species: [
      { species: "thyme", name: "Thyme", unlock_level: 1, unlocked: true },
      { species: "lavender", name: "Lavender", unlock_level: 1, unlocked: true },
      { species: "sunflower", name: "Sunflower", unlock_level: 2, unlocked: true },
      { species: "lemon", name: "Lemon tree", unlock_level: 3, unlocked: true },
      { species: "olive", name: "Olive tree", unlock_level: 4, unlocked: false },
      { species: "cedar", name: "Cyprus cedar", unlock_level: 5, unlocked: false },
    ],
    ...overrides,
  };
}

export const badges: BadgeStatus[] = [
  {
    key: "first_session",
    name: "First session",
    description: "Save energy in your first Saving Session.",
    icon: "seedling",
    points: 50,
    earned_at: "2026-11-03T17:30:00Z",
    progress: { current: 1, target: 1, unit: "sessions" },
  },
  {
    key: "ten_sessions",
    name: "Ten sessions",
    description: "Save energy in ten Saving Sessions.",
    icon: "calendar",
    points: 100,
    earned_at: null,
    progress: { current: 7, target: 10, unit: "sessions" },
  },
  {
    key: "saved_10_kwh",
    name: "10 kWh saved",
    description: "Save 10 kWh in Saving Sessions.",
    icon: "bolt",
    points: 75,
    earned_at: "2026-12-10T18:00:00Z",
    progress: { current: 10, target: 10, unit: "kwh" },
  },
  {
    key: "saved_50_kwh",
    name: "50 kWh saved",
    description: "Save 50 kWh in Saving Sessions.",
    icon: "leaf",
    points: 150,
    earned_at: null,
    progress: { current: 16.4, target: 50, unit: "kwh" },
  },
  {
    key: "deep_cut",
    name: "Deep cut",
    description: "Use half of your usual in one session.",
    icon: "scissors",
    points: 100,
    earned_at: null,
    progress: { current: 32.5, target: 50, unit: "percent" },
  },
];

/** A household at level 3 with a thriving garden of three plants, a streak and some badges. */
export function progress(overrides: { garden?: Partial<Garden> } & Partial<Omit<Progress, "garden">> = {}): Progress {
  const { garden: gardenOverrides, ...rest } = overrides;
  return {
    level: {
      number: 3,
      key: "sapling",
      name: "Sapling",
      lifetime_points: 1240,
      level_points: 1000,
      reached_at: "2026-12-01T17:30:00Z",
      next: { number: 4, key: "tree", name: "Tree", points: 2000, points_to_go: 760 },
    },
    garden: garden(gardenOverrides),
    streak: { current: 2, best: 5, shields: 1, shield_every: 5, max_shields: 2, bonus_every: 3, bonus_points: 50, to_next_bonus: 1 },
    badges,
    evaluated_at: "2026-12-10T18:05:00Z",
    ...rest,
  };
}

/** A household that has never saved in a session: level 1, no plants, no streak. */
export const newHousehold: Progress = progress({
  level: {
    number: 1,
    key: "seedling",
    name: "Seedling",
    lifetime_points: 0,
    level_points: 0,
    reached_at: null,
    next: { number: 2, key: "sprout", name: "Sprout", points: 250, points_to_go: 250 },
  },
  garden: { plants: [], recent_sessions: 0, recent_saved: 0, saved_kwh: 0, co2_kg: 0, tree_years: 0 },
  streak: { current: 0, best: 0, shields: 0, shield_every: 5, max_shields: 2, bonus_every: 3, bonus_points: 50, to_next_bonus: 3 },
  badges: badges.map((badge) => ({ ...badge, earned_at: null, progress: { ...badge.progress, current: 0 } })),
  evaluated_at: null,
});
