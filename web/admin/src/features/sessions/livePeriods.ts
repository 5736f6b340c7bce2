// The live stream's periods as the session page shows them.
import type { LivePeriod } from "../../api/types";

/** The latest period that has begun at `now` (ms since the epoch), or the first before any has. */
export function latestPeriod(periods: readonly LivePeriod[], now: number): LivePeriod | undefined {
  const begun = periods.filter((period) => Date.parse(period.start) <= now);
  return begun.at(-1) ?? periods[0];
}

export interface PowerRow {
  start: string;
  baselineKw: number;
  /** None until a participant's readings for the period arrive. */
  actualKw: number | null;
  reporting: number;
}

export function powerRows(periods: readonly LivePeriod[]): PowerRow[] {
  return periods.map((period) => ({
    start: period.start,
    baselineKw: period.baseline_kw,
    actualKw: period.reporting > 0 ? period.actual_kw : null,
    reporting: period.reporting,
  }));
}
