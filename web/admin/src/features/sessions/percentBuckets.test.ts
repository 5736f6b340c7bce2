import { describe, expect, it } from "vitest";
import { bucketLabel } from "./percentBuckets";

describe("the buckets of % saved", () => {
  it("are named by their bounds, open at either end", () => {
    expect(bucketLabel({ from_percent: null, to_percent: 0, households: 3 }, "en-GB")).toBe("Below 0 %");
    expect(bucketLabel({ from_percent: 10, to_percent: 20, households: 3 }, "en-GB")).toBe("10 to 20 %");
    expect(bucketLabel({ from_percent: 50, households: 3 }, "en-GB")).toBe("50 % or more");
    expect(bucketLabel({ households: 3 }, "en-GB")).toBe("All");
    expect(bucketLabel({ from_percent: -12.5, to_percent: 2.5, households: 1 }, "de-DE")).toBe("-12,5 to 2,5 %");
  });
});
