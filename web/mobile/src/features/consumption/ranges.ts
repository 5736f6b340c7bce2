import type { Meter, Resolution } from "../../api/types";
import { addDays, localDate, type Format } from "../../lib/format";

export type Span = "day" | "week" | "month";

/** How finely the day view is drawn: by the hour, or in the meters' own interval. */
export type DayDetail = "hourly" | "fine";

/** Bucket sizes of the day view. */
export type DayResolution = "15m" | "30m" | "1h";

export interface SpanRange {
  from: string;
  to: string;
  resolution: Resolution;
  labelEvery: number;
  /** What one bar stands for, read out with the chart (consumption.json `barLength`). */
  barLength: DayResolution | "1d";
  /** A bar's label: its time of day, or its day. */
  label(format: Format, start: string, timeZone: string | undefined): string;
}

/**
 * The finest bucket the household's meters fill: the server refuses quarter hours when a meter
 * reads only every 30 minutes.
 */
export function finestResolution(meters: readonly Meter[] | undefined): "15m" | "30m" {
  return (meters ?? []).some((meter) => meter.interval_minutes > 15) ? "30m" : "15m";
}

const DAY: Record<DayResolution, number> = { "15m": 16, "30m": 8, "1h": 4 };

const byTime = (format: Format, start: string, timeZone: string | undefined) => format.time(start, timeZone);
const byDay = (format: Format, start: string, timeZone: string | undefined) => format.day(start, timeZone);

/** Local calendar days ending today (the server reads dates at the household's local midnight). */
export function rangeFor(span: Span, now: Date, timeZone: string | undefined, dayResolution: DayResolution = "1h"): SpanRange {
  const today = localDate(now, timeZone);
  const tomorrow = addDays(today, 1);
  switch (span) {
    case "day":
      return { from: today, to: tomorrow, resolution: dayResolution, labelEvery: DAY[dayResolution], barLength: dayResolution, label: byTime };
    case "week":
      return { from: addDays(today, -6), to: tomorrow, resolution: "1d", labelEvery: 1, barLength: "1d", label: byDay };
    case "month":
      return { from: addDays(today, -29), to: tomorrow, resolution: "1d", labelEvery: 5, barLength: "1d", label: byDay };
  }
}
