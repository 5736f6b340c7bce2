import { describe, expect, it } from "vitest";
import { consumptionQuery } from "./consumptionRange";

describe("the consumption chart's ranges", () => {
  // 23:40 UTC on 30 June 2026 is already 02:40 on 1 July in Nicosia (UTC+3).
  const now = new Date("2026-06-30T23:40:12Z");

  it("asks for the last 24 whole hours by the hour, the current one included", () => {
    expect(consumptionQuery("day", now, "Europe/Nicosia")).toEqual({
      from: "2026-06-30T00:00:00Z",
      to: "2026-07-01T00:00:00Z",
      resolution: "1h",
    });
  });

  it("asks for the last 30 local days by the day, today included", () => {
    expect(consumptionQuery("month", now, "Europe/Nicosia")).toEqual({
      from: "2026-06-02",
      to: "2026-07-02",
      resolution: "1d",
    });
    expect(consumptionQuery("month", now, "UTC")).toEqual({ from: "2026-06-01", to: "2026-07-01", resolution: "1d" });
  });
});
