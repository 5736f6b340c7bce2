// Where each plant stands in the picture: in up to three rows, the oldest at the back, drawn
// smaller there as if further away, so the newest plants are in front.
import type { Plant } from "../../api/types";
import { PLANT_BOX, PLANT_FOOT } from "./plantShapes";

/** The most plants the picture shows: the latest ones, with "+N more" for the rest. */
export const MOST_PLANTS_SHOWN = 24;

/** The share of the picture's height above the ground. */
export const SKY_SHARE = 0.42;

export interface PlacedPlant {
  plant: Plant;
  /** The box the plant is drawn in (PLANT_BOX, scaled), from the picture's top left. */
  left: number;
  top: number;
  width: number;
  height: number;
}

function rowsFor(count: number): number {
  if (count <= 6) return 1;
  if (count <= 14) return 2;
  return 3;
}

/** The plants shown (the latest MOST_PLANTS_SHOWN), placed in a picture of this size. */
export function placePlants(plants: readonly Plant[], width: number, height: number): PlacedPlant[] {
  const shown = plants.slice(-MOST_PLANTS_SHOWN);
  if (shown.length === 0) return [];
  const rows = rowsFor(shown.length);
  const perRow = Math.ceil(shown.length / rows);
  const groundTop = height * SKY_SHARE;
  const ground = height - groundTop;
  // With more than one row, each row leaves half a place spare, so that every other row is set
  // off by it: the plants of a row behind show between those in front.
  const spare = rows === 1 ? 0 : 0.5;
  const slot = width / (perRow + spare);
  return shown.map((plant, index) => {
    const row = Math.floor(index / perRow);
    const inRow = index % perRow;
    const depth = rows === 1 ? 1 : row / (rows - 1);
    const nearness = 0.7 + 0.3 * depth;
    const footY = groundTop + ground * (rows === 1 ? 0.7 : 0.25 + 0.6 * depth);
    const boxWidth = Math.min(slot * 1.9, height * 0.6) * nearness;
    const boxHeight = (boxWidth * PLANT_BOX.height) / PLANT_BOX.width;
    const centre = slot * (inRow + 0.5 + ((rows - 1 - row) % 2) * spare);
    return {
      plant,
      left: centre - boxWidth / 2,
      top: footY - (boxHeight * PLANT_FOOT.y) / PLANT_BOX.height,
      width: boxWidth,
      height: boxHeight,
    };
  });
}
