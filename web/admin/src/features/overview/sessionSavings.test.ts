import { describe, expect, it } from "vitest";
import type { SessionSavings } from "../../api/types";
import { savedInLast30Days, savingsBars } from "./sessionSavings";

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

  it("sums only the sessions that started in the 30 days before now", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const sessions = [
      session("2026-10-26T11:59:59Z", 100),
      session("2026-10-26T12:00:00Z", 1),
      session("2026-11-24T16:00:00Z", -0.5, "settling"),
    ];
    expect(savedInLast30Days(sessions, now)).toBe(0.5);
  });
});
