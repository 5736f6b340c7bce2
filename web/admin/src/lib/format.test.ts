import { describe, expect, it } from "vitest";
import {
  createFormatter,
  formatClockTime,
  formatDate,
  formatDateTime,
  formatDateTimeRange,
  formatDuration,
  formatEuros,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatShortDate,
  formatSignedNumber,
  formatTime,
} from "./format";

const zone = "Europe/Nicosia";
// The no-break space Intl puts before € and Greek %, written out so the expectations show it.
const NBSP = "\u00a0";

describe("numbers and money in Cyprus' two languages", () => {
  it("groups thousands and marks decimals as each language does", () => {
    expect(formatNumber(1234567.891, "en-CY")).toBe("1,234,567.891");
    expect(formatNumber(1234567.891, "el-CY")).toBe("1.234.567,891");
    expect(formatNumber(9_876_543_210, "en-CY")).toBe("9,876,543,210");
    expect(formatNumber(9_876_543_210, "el-CY")).toBe("9.876.543.210");
  });

  it("says kWh with at most the decimals asked for", () => {
    expect(formatQuantity(1234.5678, "kWh", 2, "en-CY")).toBe("1,234.57 kWh");
    expect(formatQuantity(1234.5678, "kWh", 2, "el-CY")).toBe("1.234,57 kWh");
    expect(createFormatter("el-CY").kwh(0.5)).toBe("0,5 kWh");
    expect(createFormatter("en-CY").kwh(0.1234, 3)).toBe("0.123 kWh");
  });

  it("shows a negative saving with its minus sign", () => {
    expect(formatQuantity(-2.5, "kWh", 2, "en-CY")).toBe("-2.5 kWh");
    expect(formatQuantity(-2.5, "kWh", 2, "el-CY")).toBe("-2,5 kWh");
    expect(formatSignedNumber(-20, "el-CY")).toBe("-20");
    expect(formatSignedNumber(1200, "el-CY")).toBe("+1.200");
    expect(formatSignedNumber(0, "en-CY")).toBe("0");
    expect(formatPercent(-0.125, "en-CY")).toBe("-12.5%");
    expect(formatPercent(-0.125, "el-CY")).toBe(`-12,5${NBSP}%`);
  });

  it("writes percentages as the glossary says: 12.5% and 12,5 %", () => {
    expect(formatPercent(0.125, "en-CY")).toBe("12.5%");
    expect(formatPercent(0.125, "el-CY")).toBe(`12,5${NBSP}%`);
    expect(formatPercent(0.5499, "en-CY")).toBe("55%");
  });

  it("writes euros as €1,234.56 in English and 1.234,56 € in Greek", () => {
    expect(formatEuros(1234.56, "en-CY")).toBe("€1,234.56");
    expect(formatEuros(1234.56, "el-CY")).toBe(`1.234,56${NBSP}€`);
    expect(formatEuros(-1234.56, "en-CY")).toBe("-€1,234.56");
    expect(formatEuros(-1234.56, "el-CY")).toBe(`-1.234,56${NBSP}€`);
    expect(formatEuros(1_000_000, "el-CY")).toBe(`1.000.000,00${NBSP}€`);
  });
});

describe("dates and times in the programme's time zone", () => {
  it("says the time of day on a 24-hour clock in both languages", () => {
    expect(formatTime("2026-06-12T15:30:00Z", zone, "en-CY")).toBe("18:30");
    expect(formatTime("2026-06-12T15:30:00Z", zone, "el-CY")).toBe("18:30");
    expect(formatTime("2026-01-12T15:30:00Z", zone, "el-CY")).toBe("17:30");
    expect(formatClockTime(Date.parse("2026-06-12T15:30:05Z"), zone, "en-CY")).toBe("18:30:05");
  });

  it("names months in the reader's language", () => {
    expect(formatDateTime("2026-12-03T15:00:00Z", zone, "en-CY")).toBe("3 Dec 2026, 17:00 GMT+2");
    expect(formatDateTime("2026-12-03T15:00:00Z", zone, "el-CY")).toBe("3 Δεκ 2026, 17:00 EET");
    expect(formatDate("2026-05-20T09:00:00Z", zone, "el-CY")).toBe("20 Μαΐ 2026");
    expect(formatShortDate("2026-08-14T09:00:00Z", zone, "el-CY")).toBe("14 Αυγ");
    expect(formatShortDate("2026-08-14T09:00:00Z", zone, "en-CY")).toBe("14 Aug");
  });

  it("follows the clock forward on the last Sunday of March", () => {
    // Cyprus moves to summer time (UTC+3) at 03:00 local on 29 March 2026: 02:59 is followed by 04:00.
    expect(formatDateTime("2026-03-29T00:30:00Z", zone, "en-CY")).toBe("29 Mar 2026, 02:30 GMT+2");
    expect(formatDateTime("2026-03-29T01:30:00Z", zone, "en-CY")).toBe("29 Mar 2026, 04:30 GMT+3");
    expect(formatDateTime("2026-03-29T00:30:00Z", zone, "el-CY")).toBe("29 Μαρ 2026, 02:30 EET");
    expect(formatDateTime("2026-03-29T01:30:00Z", zone, "el-CY")).toBe("29 Μαρ 2026, 04:30 EEST");
  });

  it("follows the clock back on the last Sunday of October, when 03:30 happens twice", () => {
    // At 04:00 summer time on 25 October 2026 the clock goes back to 03:00 (UTC+2).
    expect(formatDateTime("2026-10-25T00:30:00Z", zone, "el-CY")).toBe("25 Οκτ 2026, 03:30 EEST");
    expect(formatDateTime("2026-10-25T01:30:00Z", zone, "el-CY")).toBe("25 Οκτ 2026, 03:30 EET");
    expect(formatDateTime("2026-10-25T01:30:00Z", zone, "en-CY")).toBe("25 Oct 2026, 03:30 GMT+2");
  });

  it("says a span of time with its day once", () => {
    expect(formatDateTimeRange("2026-06-12T15:00:00Z", "2026-06-12T16:30:00Z", zone, "en-CY")).toBe(
      "12 Jun 2026, 18:00–19:30 GMT+3",
    );
    expect(formatDateTimeRange("2026-06-12T15:00:00Z", "2026-06-12T16:30:00Z", zone, "el-CY")).toBe(
      "12 Ιουν 2026, 18:00–19:30 EEST",
    );
    expect(formatDateTimeRange("2026-06-12T20:30:00Z", "2026-06-12T21:30:00Z", zone, "en-CY")).toBe(
      "12 Jun 2026, 23:30\u2009–\u200913 Jun 2026, 00:30 GMT+3",
    );
  });

  it("leaves text that is not a date alone", () => {
    expect(formatDateTime("soon", zone, "el-CY")).toBe("soon");
  });
});

describe("lengths of time", () => {
  it("says a length of time in its two largest units, in either language", () => {
    expect(formatDuration(0, "en-CY")).toBe("0 seconds");
    expect(formatDuration(119, "en-CY")).toBe("1 minute");
    expect(formatDuration(2 * 3600 + 5 * 60 + 9, "en-CY")).toBe("2 hours, 5 minutes");
    expect(formatDuration(38 * 86_400 + 3 * 3600 + 59, "en-CY")).toBe("38 days, 3 hours");
    expect(formatDuration(2 * 3600 + 5 * 60, "el-CY")).toBe("2 ώρες, 5 λεπτά");
    expect(formatDuration(42, "el-CY")).toBe("42 δευτερόλεπτα");
  });

  it("joins names as each language does", () => {
    expect(createFormatter("en-CY").list(["Nicosia", "Limassol", "Paphos"])).toBe("Nicosia, Limassol and Paphos");
    expect(createFormatter("el-CY").list(["Λευκωσία", "Λεμεσός", "Πάφος"])).toBe("Λευκωσία, Λεμεσός και Πάφος");
    expect(createFormatter("el-CY").listOr(["Πρόχειρη", "Οριστική"])).toBe("Πρόχειρη ή Οριστική");
  });
});
