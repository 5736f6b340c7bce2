import { addDays, formatCountdown, localDate } from "./format";

test("a calendar date moves across month and year ends", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
});

test("the local date follows the household's time zone, not the device's", () => {
  const lateEvening = new Date("2026-07-01T22:30:00Z");
  expect(localDate(lateEvening, "Europe/Nicosia")).toBe("2026-07-02");
  expect(localDate(lateEvening, "UTC")).toBe("2026-07-01");
});

test("a countdown shows the two largest units", () => {
  expect(formatCountdown(2 * 3600_000 + 5 * 60_000)).toBe("2 h 05 min");
  expect(formatCountdown(4 * 60_000 + 9_000)).toBe("4 min 09 s");
  expect(formatCountdown(-5)).toBe("0 min 00 s");
});
