import { describe, expect, it } from "vitest";
import { plant } from "../../test/progressFixtures";
import { plantsByStage } from "./plantStages";

describe("plants by stage", () => {
  it("counts every stage in growth order, those without plants too", () => {
    const plants = [plant({ stage: "blooming" }), plant({ stage: "seed" }), plant({ stage: "blooming" })];
    expect(plantsByStage(plants)).toEqual([
      { stage: "seed", plants: 1 },
      { stage: "sprout", plants: 0 },
      { stage: "young", plants: 0 },
      { stage: "mature", plants: 0 },
      { stage: "blooming", plants: 2 },
    ]);
  });
});
