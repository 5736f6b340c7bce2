import { describe, expect, it } from "vitest";
import { utcToZoned, zonedToUtc } from "./zonedTime";

describe("wall-clock times in the programme's time zone", () => {
  it("turns a Nicosia time into UTC in winter and in summer", () => {
    expect(zonedToUtc("2026-01-15T18:00", "Europe/Nicosia")).toBe("2026-01-15T16:00:00Z");
    expect(zonedToUtc("2026-07-15T18:30", "Europe/Nicosia")).toBe("2026-07-15T15:30:00Z");
  });

  it("uses the offset in force on the day of the clock change", () => {
    // Clocks went forward at 03:00 local on 29 March 2026.
    expect(zonedToUtc("2026-03-29T02:30", "Europe/Nicosia")).toBe("2026-03-29T00:30:00Z");
    expect(zonedToUtc("2026-03-29T04:30", "Europe/Nicosia")).toBe("2026-03-29T01:30:00Z");
  });

  it("refuses text that is not a complete date and time", () => {
    expect(zonedToUtc("", "Europe/Nicosia")).toBeNull();
    expect(zonedToUtc("2026-07-15", "Europe/Nicosia")).toBeNull();
  });

  it("shows a UTC instant as the zone's wall clock", () => {
    expect(utcToZoned("2026-07-15T15:30:00Z", "Europe/Nicosia")).toBe("2026-07-15T18:30");
    expect(utcToZoned("2026-01-15T22:00:00Z", "Europe/Nicosia")).toBe("2026-01-16T00:00");
    expect(utcToZoned("not a time", "Europe/Nicosia")).toBe("");
  });
});
