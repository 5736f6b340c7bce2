import { bucket, hourlyDays } from "../../test/fixtures";
import { changePercent, usualSoFar } from "./usualDay";

test("today up to its last reading is compared with the same part of the last seven days", () => {
  const figures = usualSoFar(hourlyDays("2026-06-24", "2026-07-02").buckets, "2026-07-01");
  // Ten full hours and half of the 10:00 hour: 10 × 0.2 + 0.1 today, 10.5 × 0.3 usually.
  expect(figures?.today).toBeCloseTo(2.1);
  expect(figures?.usual).toBeCloseTo(3.15);
  expect(figures?.days).toBe(7);
  expect(figures?.until).toBe("2026-07-01T07:30:00.000Z");
  expect(changePercent(2.1, 3.15)).toBeCloseTo(-33.33, 1);
});

test("a past day with missing readings in those hours is left out of the usual day", () => {
  const series = hourlyDays("2026-06-29", "2026-07-02").buckets.map((b) =>
    b.start.startsWith("2026-06-30T03") ? bucket("2026-06-30", 3, 0, 60, 0.1, 1, 4) : b,
  );
  const figures = usualSoFar(series, "2026-07-01");
  expect(figures?.days).toBe(1);
  expect(figures?.usual).toBeCloseTo(3.15);
  // Missing readings after 10:30 today do not matter.
  const late = hourlyDays("2026-06-29", "2026-07-02").buckets.map((b) =>
    b.start.startsWith("2026-06-30T20") ? bucket("2026-06-30", 20, 0, 60, 0, 0, 4) : b,
  );
  expect(usualSoFar(late, "2026-07-01")?.days).toBe(2);
});

test("nothing to compare before today's first reading or without complete past days", () => {
  const noToday = hourlyDays("2026-06-29", "2026-07-02").buckets.filter((b) => !b.start.startsWith("2026-07-01"));
  expect(usualSoFar(noToday, "2026-07-01")).toBeNull();
  const onlyToday = hourlyDays("2026-07-01", "2026-07-02").buckets;
  expect(usualSoFar(onlyToday, "2026-07-01")).toMatchObject({ usual: null, days: 0 });
  expect(changePercent(2, null)).toBeNull();
  expect(changePercent(2, 0)).toBeNull();
});

test("an hour that occurs twice on the day clocks go back counts both times", () => {
  // 25 October 2026 in Nicosia: 03:00 happens at +03:00 and again at +02:00.
  const today = [
    { ...bucket("2026-10-25", 3, 0, 60, 0.2, 4, 4), start: "2026-10-25T03:00:00+03:00", end: "2026-10-25T01:00:00.000Z" },
    { ...bucket("2026-10-25", 3, 0, 60, 0.2, 2, 4), start: "2026-10-25T03:00:00+02:00", end: "2026-10-25T02:00:00.000Z" },
  ];
  const before = [bucket("2026-10-24", 3, 0, 60, 0.4, 4, 4)];
  const figures = usualSoFar([...before, ...today], "2026-10-25");
  // Six of eight readings of the 03:00 hours today; three quarters of a usual 03:00 hour.
  expect(figures?.today).toBeCloseTo(0.4);
  expect(figures?.usual).toBeCloseTo(0.3);
});
