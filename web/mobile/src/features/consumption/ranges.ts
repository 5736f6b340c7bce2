import type { Meter, Resolution } from "../../api/types";
import { addDays, formatDay, formatTime, localDate } from "../../lib/format";

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
  /** What one bar stands for, read out with the chart: "15 minutes". */
  barLength: string;
  label(start: string, timeZone: string | undefined): string;
}

/**
 * The finest bucket the household's meters fill: the server refuses quarter hours when a meter
 * reads only every 30 minutes.
 */
export function finestResolution(meters: readonly Meter[] | undefined): "15m" | "30m" {
  return (meters ?? []).some((meter) => meter.interval_minutes > 15) ? "30m" : "15m";
}

const DAY: Record<DayResolution, { labelEvery: number; barLength: string }> = {
  "15m": { labelEvery: 16, barLength: "15 minutes" },
  "30m": { labelEvery: 8, barLength: "30 minutes" },
  "1h": { labelEvery: 4, barLength: "an hour" },
};

/** Local calendar days ending today (the server reads dates at the household's local midnight). */
export function rangeFor(span: Span, now: Date, timeZone: string | undefined, dayResolution: DayResolution = "1h"): SpanRange {
  const today = localDate(now, timeZone);
  const tomorrow = addDays(today, 1);
  switch (span) {
    case "day":
      return { from: today, to: tomorrow, resolution: dayResolution, ...DAY[dayResolution], label: formatTime };
    case "week":
      return { from: addDays(today, -6), to: tomorrow, resolution: "1d", labelEvery: 1, barLength: "a day", label: formatDay };
    case "month":
      return { from: addDays(today, -29), to: tomorrow, resolution: "1d", labelEvery: 5, barLength: "a day", label: formatDay };
  }
}
