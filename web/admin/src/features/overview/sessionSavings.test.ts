import { describe, expect, it } from "vitest";
import type { SessionSavings } from "../../api/types";
import { savingsBars } from "./sessionSavings";

function session(starts_at: string, saved_kwh: number, state = "final"): SessionSavings {
  return { id: starts_at, title: "Peak", starts_at, state, participants: 1, saved_kwh, points_issued: 1 };
}

describe("session savings", () => {
  it("puts a settling session's kWh apart from the final ones", () => {
    const bars = savingsBars([session("2026-11-01T16:00:00Z", 3), session("2026-11-02T16:00:00Z", 2, "settling")]);
    expect(bars.map(({ finalKwh, settlingKwh }) => [finalKwh, settlingKwh])).toEqual([
      [3, null],
      [null, 2],
    ]);
  });
});
