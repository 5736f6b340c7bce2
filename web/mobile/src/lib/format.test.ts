import { addDays, formatFor, localDate, weekStart } from "./format";

// Expected strings are written out by hand from docs/GLOSSARY.md ("Numbers, dates and money"):
// el-CY "1.234,56 €", "12,5 %", "3 Δεκ 2026, 17:00"; en-CY "€1,234.56", "12.5%", "3 Dec 2026, 17:00".
// A no-break space keeps a number and its unit on one line.
const NBSP = "\u00a0";
const el = formatFor("el");
const en = formatFor("en");

test("a calendar date moves across month and year ends", () => {
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
});

test("the local date follows the household's time zone, not the device's", () => {
  const lateEvening = new Date("2026-07-01T22:30:00Z");
  expect(localDate(lateEvening, "Europe/Nicosia")).toBe("2026-07-02");
  expect(localDate(lateEvening, "UTC")).toBe("2026-07-01");
});

test("weeks start on Monday", () => {
  expect(weekStart("2026-12-03")).toBe("2026-11-30"); // a Thursday
  expect(weekStart("2026-11-30")).toBe("2026-11-30"); // the Monday itself
  expect(weekStart("2026-12-06")).toBe("2026-11-30"); // the Sunday ends the week
  expect(weekStart("2027-01-01")).toBe("2026-12-28"); // across the year's end
});

test("money in euros: the sign after the amount in Greek, before it in English", () => {
  expect(el.euros(1234.56)).toBe(`1.234,56${NBSP}€`);
  expect(en.euros(1234.56)).toBe("€1,234.56");
  expect(el.euros(-1234.56)).toBe(`-1.234,56${NBSP}€`);
  expect(en.euros(-1234.56)).toBe("-€1,234.56");
  expect(el.euros(0.5)).toBe(`0,50${NBSP}€`);
});

test("large numbers are grouped by the language's separator", () => {
  expect(el.count(1_234_567)).toBe("1.234.567");
  expect(en.count(1_234_567)).toBe("1,234,567");
  expect(el.count(1234)).toBe("1.234");
  expect(el.kwh(1_234_567.891)).toBe(`1.234.567,89${NBSP}kWh`);
  expect(en.kwh(1_234_567.891)).toBe(`1,234,567.89${NBSP}kWh`);
  expect(en.number(1234.5678)).toBe("1,234.57");
  expect(el.number(1234.5678)).toBe("1.234,57");
});

test("percentages: «12,5 %» in Greek, «12.5%» in English", () => {
  expect(el.percent(12.5)).toBe(`12,5${NBSP}%`);
  expect(en.percent(12.5)).toBe("12.5%");
  expect(en.percent(33.333)).toBe("33.3%");
  expect(el.percent(100)).toBe(`100${NBSP}%`);
});

test("negative savings keep their sign; signed counts use a true minus", () => {
  expect(en.kwh(-0.42)).toBe(`-0.42${NBSP}kWh`);
  expect(el.kwh(-0.42)).toBe(`-0,42${NBSP}kWh`);
  expect(en.percent(-12.5)).toBe("-12.5%");
  expect(el.percent(-12.5)).toBe(`-12,5${NBSP}%`);
  expect(en.signedCount(-20)).toBe("\u221220");
  expect(el.signedCount(1500)).toBe("+1.500");
  expect(en.signedCount(0)).toBe("0");
});

test("dates and times in the programme's zone with the language's month names, on the 24-hour clock", () => {
  const evening = "2026-12-03T15:00:00Z"; // 17:00 in Nicosia (UTC+2 in winter)
  expect(el.fullDateTime(evening)).toBe("3 Δεκ 2026, 17:00");
  expect(en.fullDateTime(evening)).toBe("3 Dec 2026, 17:00");
  expect(el.dateTime(evening, "Europe/Nicosia")).toBe("Πέμ 3 Δεκ, 17:00");
  expect(en.dateTime(evening, "Europe/Nicosia")).toBe("Thu, 3 Dec, 17:00");
  expect(el.date(evening)).toBe("3 Δεκεμβρίου 2026");
  expect(en.date(evening)).toBe("3 December 2026");
  expect(el.day(evening)).toBe("Πέμ 3");
  expect(en.time("2026-07-01T21:05:00Z")).toBe("00:05");
});

test("a calendar date names the same day in either language, wherever the device is", () => {
  expect(el.calendarDate("2026-12-20")).toBe("20 Δεκεμβρίου 2026");
  expect(en.calendarDate("2026-12-20")).toBe("20 December 2026");
  expect(en.calendarDate("2027-01-01")).toBe("1 January 2027");
});

test("the spring change (last Sunday of March, 03:00 → 04:00) skips an hour of the clock", () => {
  // 29 March 2026: 00:30 UTC is 02:30 EET (UTC+2); 01:30 UTC is already 04:30 EEST (UTC+3).
  expect(en.time("2026-03-29T00:30:00Z")).toBe("02:30");
  expect(en.time("2026-03-29T01:30:00Z")).toBe("04:30");
  expect(el.fullDateTime("2026-03-29T01:30:00Z")).toBe("29 Μαρ 2026, 04:30");
  expect(en.fullDateTime("2026-03-28T23:30:00Z")).toBe("29 Mar 2026, 01:30");
  expect(localDate(new Date("2026-03-28T22:30:00Z"), "Europe/Nicosia")).toBe("2026-03-29");
});

test("the autumn change (last Sunday of October, 04:00 → 03:00) shows an hour of the clock twice", () => {
  // 25 October 2026: 00:30 UTC is 03:30 EEST (UTC+3); 01:30 UTC is 03:30 EET (UTC+2) again.
  expect(el.time("2026-10-25T00:30:00Z")).toBe("03:30");
  expect(el.time("2026-10-25T01:30:00Z")).toBe("03:30");
  expect(en.fullDateTime("2026-10-25T02:30:00Z")).toBe("25 Oct 2026, 04:30");
  expect(el.date("2026-10-24T21:30:00Z")).toBe("25 Οκτωβρίου 2026");
  expect(localDate(new Date("2026-10-24T21:30:00Z"), "Europe/Nicosia")).toBe("2026-10-25");
  expect(localDate(new Date("2026-10-25T21:30:00Z"), "Europe/Nicosia")).toBe("2026-10-25");
});

test("a countdown gives its two largest units, the smaller one in two digits", () => {
  expect(en.countdown(2 * 3600_000 + 5 * 60_000)).toEqual({ unit: "hours", first: "2", second: "05" });
  expect(el.countdown(4 * 60_000 + 9_000)).toEqual({ unit: "minutes", first: "4", second: "09" });
  expect(en.countdown(3 * 86_400_000 + 7 * 3600_000)).toEqual({ unit: "days", first: "3", second: "7" });
  expect(en.countdown(-5)).toEqual({ unit: "minutes", first: "0", second: "00" });
});
