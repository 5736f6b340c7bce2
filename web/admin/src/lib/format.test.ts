import { describe, expect, it } from "vitest";
import {
  formatClockTime,
  formatDateTime,
  formatDateTimeRange,
  formatDuration,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatTime,
} from "./format";

describe("formatting for people", () => {
  it("formats numbers in the given locale", () => {
    expect(formatNumber(1234567, "en-GB")).toBe("1,234,567");
    expect(formatNumber(1234567, "de-DE")).toBe("1.234.567");
    expect(formatPercent(0.5499, "en-GB")).toBe("55%");
    expect(formatQuantity(1234.5678, "kW", 2, "en-GB")).toBe("1,234.57 kW");
    expect(formatQuantity(0.5, "kWh", 2, "de-DE")).toBe("0,5 kWh");
  });

  it("says the time of day in the programme's time zone", () => {
    expect(formatTime("2026-06-12T15:30:00Z", "Europe/Nicosia", "en-GB")).toBe("18:30");
    expect(formatTime("2026-01-12T15:30:00Z", "Europe/Nicosia", "en-GB")).toBe("17:30");
    expect(formatClockTime(Date.parse("2026-06-12T15:30:05Z"), "Europe/Nicosia", "en-GB")).toBe("18:30:05");
  });

  it("shows instants in the programme's time zone, across the DST change", () => {
    // Cyprus moved to summer time (EEST, UTC+3) at 03:00 local on 29 March 2026.
    expect(formatDateTime("2026-03-29T00:30:00Z", "Europe/Nicosia", "en-GB")).toBe("29 Mar 2026, 02:30 EET");
    expect(formatDateTime("2026-03-29T01:30:00Z", "Europe/Nicosia", "en-GB")).toBe("29 Mar 2026, 04:30 EEST");
  });

  it("says a span of time with its day once", () => {
    expect(formatDateTimeRange("2026-06-12T15:00:00Z", "2026-06-12T16:30:00Z", "Europe/Nicosia", "en-GB")).toBe(
      "12 Jun 2026, 18:00–19:30 EEST",
    );
    expect(formatDateTimeRange("2026-06-12T20:30:00Z", "2026-06-12T21:30:00Z", "Europe/Nicosia", "en-GB")).toBe(
      "12 Jun 2026, 23:30\u2009–\u200913 Jun 2026, 00:30 EEST",
    );
  });

  it("leaves text that is not a date alone", () => {
    expect(formatDateTime("soon", "Europe/Nicosia")).toBe("soon");
  });

  it("says a length of time in its two largest units", () => {
    expect(formatDuration(0, "en-GB")).toBe("0 seconds");
    expect(formatDuration(42, "en-GB")).toBe("42 seconds");
    expect(formatDuration(119, "en-GB")).toBe("1 minute");
    expect(formatDuration(2 * 3600 + 5 * 60 + 9, "en-GB")).toBe("2 hours, 5 minutes");
    expect(formatDuration(3600, "en-GB")).toBe("1 hour");
    expect(formatDuration(38 * 86_400 + 3 * 3600 + 59, "en-GB")).toBe("38 days, 3 hours");
    expect(formatDuration(2 * 3600, "de-DE")).toBe("2 Stunden");
  });
});
