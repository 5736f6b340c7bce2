// The two ranges of a household's consumption chart, as the query the server understands:
// the last 24 hours by the hour (instants), and the last 30 local days by the day (local dates);
// their labels are `users:consumption.range.<range>`.
import type { ConsumptionQuery } from "../../api/types";
import { utcToZoned } from "../../lib/zonedTime";

export const CONSUMPTION_RANGES = ["day", "month"] as const;
export type ConsumptionRange = (typeof CONSUMPTION_RANGES)[number];

const HOUR = 3_600_000;

/** The household's calendar date `days` after the one `now` falls on in `timeZone`, as YYYY-MM-DD. */
function localDate(now: Date, timeZone: string, days: number): string {
  const [year = 0, month = 1, day = 1] = utcToZoned(now.toISOString(), timeZone).slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

/** What to ask for: whole hours up to and including the current one, or whole days up to and including today. */
export function consumptionQuery(range: ConsumptionRange, now: Date, timeZone: string): ConsumptionQuery {
  if (range === "day") {
    const thisHour = Math.floor(now.getTime() / HOUR) * HOUR;
    return { from: instant(thisHour - 23 * HOUR), to: instant(thisHour + HOUR), resolution: "1h" };
  }
  return { from: localDate(now, timeZone, -29), to: localDate(now, timeZone, 1), resolution: "1d" };
}
