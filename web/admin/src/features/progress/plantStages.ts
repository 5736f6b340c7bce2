// A garden's plants counted by their stage of growth.
import type { Plant, PlantStage } from "../../api/types";

/** Every stage in growth order (a stage missing here fails the type check of the counts below). */
const PLANT_STAGES = ["seed", "sprout", "young", "mature", "blooming"] as const satisfies readonly PlantStage[];

export interface StageCount {
  stage: PlantStage;
  plants: number;
}

/** How many plants are at each stage, every stage in growth order, zero counts included. */
export function plantsByStage(plants: readonly Plant[]): StageCount[] {
  const counts: Record<PlantStage, number> = { seed: 0, sprout: 0, young: 0, mature: 0, blooming: 0 };
  for (const plant of plants) counts[plant.stage] += 1;
  return PLANT_STAGES.map((stage) => ({ stage, plants: counts[stage] }));
}
