import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n";
import { createFormatter } from "../../lib/format";
import { bucketLabel } from "./percentBuckets";

describe("the buckets of % saved", () => {
  it("are named by their bounds, open at either end", () => {
    const t = i18n.getFixedT("en");
    const format = createFormatter("en-CY");
    expect(bucketLabel({ from_percent: null, to_percent: 0, households: 3 }, t, format)).toBe("Below 0%");
    expect(bucketLabel({ from_percent: 10, to_percent: 20, households: 3 }, t, format)).toBe("10 to 20%");
    expect(bucketLabel({ from_percent: 50, households: 3 }, t, format)).toBe("50% or more");
    expect(bucketLabel({ households: 3 }, t, format)).toBe("All");
  });

  it("are named in Greek with Greek numbers", () => {
    const t = i18n.getFixedT("el");
    const format = createFormatter("el-CY");
    expect(bucketLabel({ from_percent: -12.5, to_percent: 2.5, households: 1 }, t, format)).toBe("-12,5 έως 2,5\u00a0%");
    expect(bucketLabel({ from_percent: null, to_percent: 0, households: 3 }, t, format)).toBe("Κάτω από 0\u00a0%");
    expect(bucketLabel({ from_percent: 50, households: 3 }, t, format)).toBe("50\u00a0% ή περισσότερο");
    expect(bucketLabel({ households: 3 }, t, format)).toBe("Όλα");
  });
});
