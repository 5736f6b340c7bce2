import { plant } from "./fixtures";
import { MOST_PLANTS_SHOWN, placePlants, SKY_SHARE } from "./layout";
import { PLANT_BOX, PLANT_FOOT } from "./plantShapes";

const plants = (count: number) => Array.from({ length: count }, (_, i) => plant({ session_id: `s-${i}` }));

test("the latest plants are shown, the oldest of them at the back and drawn smaller there", () => {
  const placed = placePlants(plants(30), 320, 240);
  expect(placed).toHaveLength(MOST_PLANTS_SHOWN);
  expect(placed[0]?.plant.session_id).toBe("s-6");
  expect(placed.at(-1)?.plant.session_id).toBe("s-29");
  const [back, front] = [placed[0], placed.at(-1)];
  if (!back || !front) throw new Error("plants placed");
  expect(back.top + back.height).toBeLessThan(front.top + front.height);
  expect(back.width).toBeLessThan(front.width);
});

test("every plant's foot is on the ground inside the picture, however many rows there are", () => {
  for (const count of [1, 6, 7, 14, 15, 24]) {
    for (const { left, width, top, height } of placePlants(plants(count), 320, 240)) {
      const footX = left + (width * PLANT_FOOT.x) / PLANT_BOX.width;
      const footY = top + (height * PLANT_FOOT.y) / PLANT_BOX.height;
      expect(footX).toBeGreaterThan(0);
      expect(footX).toBeLessThan(320);
      expect(footY).toBeGreaterThan(240 * SKY_SHARE);
      expect(footY).toBeLessThanOrEqual(240);
    }
  }
});

test("an empty garden has nothing to place", () => {
  expect(placePlants([], 320, 240)).toEqual([]);
});
