import { describe, expect, it } from "vitest";
import type { LivePeriod } from "../../api/types";
import { latestPeriod, powerRows } from "./livePeriods";

function period(start: string, reporting: number): LivePeriod {
  return { start, baseline_kwh: 10, actual_kwh: 4, baseline_kw: 20, actual_kw: 8, reporting };
}

const periods = [period("2026-06-12T15:00:00Z", 40), period("2026-06-12T15:30:00Z", 12), period("2026-06-12T16:00:00Z", 0)];

describe("the live periods", () => {
  it("take the latest period that has begun as the current one", () => {
    expect(latestPeriod(periods, Date.parse("2026-06-12T15:45:00Z"))?.start).toBe("2026-06-12T15:30:00Z");
    expect(latestPeriod(periods, Date.parse("2026-06-12T18:00:00Z"))?.start).toBe("2026-06-12T16:00:00Z");
    expect(latestPeriod(periods, Date.parse("2026-06-12T14:00:00Z"))?.start).toBe("2026-06-12T15:00:00Z");
    expect(latestPeriod([], Date.parse("2026-06-12T14:00:00Z"))).toBeUndefined();
  });

  it("leave out the actual power of a period nobody has reported for yet", () => {
    expect(powerRows(periods).map((row) => row.actualKw)).toEqual([8, 8, null]);
  });
});
