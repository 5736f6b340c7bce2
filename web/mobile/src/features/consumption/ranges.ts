import type { Resolution } from "../../api/types";
import { addDays, formatDay, formatTime, localDate } from "../../lib/format";

export type Span = "day" | "week" | "month";

export interface SpanRange {
  from: string;
  to: string;
  resolution: Resolution;
  labelEvery: number;
  label(start: string, timeZone: string | undefined): string;
}

/** Local calendar days ending today (the server reads dates at the household's local midnight). */
export function rangeFor(span: Span, now: Date, timeZone: string | undefined): SpanRange {
  const today = localDate(now, timeZone);
  const tomorrow = addDays(today, 1);
  switch (span) {
    case "day":
      return { from: today, to: tomorrow, resolution: "1h", labelEvery: 4, label: formatTime };
    case "week":
      return { from: addDays(today, -6), to: tomorrow, resolution: "1d", labelEvery: 1, label: formatDay };
    case "month":
      return { from: addDays(today, -29), to: tomorrow, resolution: "1d", labelEvery: 5, label: formatDay };
  }
}
