// "Today so far against a usual day", like with like: today's use over the part of the day its
// readings cover, against the mean of recent days over the same part of their day.
import type { Bucket } from "../../api/types";

/** Past days the usual day is the mean of. */
export const USUAL_DAYS = 7;

export interface UsualSoFar {
  /** kWh of today's readings so far. */
  today: number;
  /** Mean kWh of the past days over the same part of the day; null when no day has the data. */
  usual: number | null;
  /** How many past days the mean is over. */
  days: number;
  /** The instant today's readings reach (an ISO time): "a usual day by 14:15". */
  until: string;
}

/** The local date and hour of a bucket, read from its start in the household's offset. */
function localHour(bucket: Bucket): { date: string; hour: number } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):/.exec(bucket.start);
  if (!match?.[1] || !match[2]) return null;
  return { date: match[1], hour: Number(match[2]) };
}

/** Totals of one local day by hour of the day (an hour that occurs twice on a DST day adds up). */
interface Hours {
  kwh: Map<number, number>;
  readings: Map<number, number>;
  expected: Map<number, number>;
}

function byDay(buckets: Bucket[]): Map<string, Hours> {
  const days = new Map<string, Hours>();
  for (const bucket of buckets) {
    const at = localHour(bucket);
    if (!at) continue;
    let day = days.get(at.date);
    if (!day) {
      day = { kwh: new Map(), readings: new Map(), expected: new Map() };
      days.set(at.date, day);
    }
    const add = (map: Map<number, number>, value: number) => map.set(at.hour, (map.get(at.hour) ?? 0) + value);
    add(day.kwh, bucket.kwh);
    add(day.readings, bucket.readings);
    add(day.expected, bucket.expected_readings);
  }
  return days;
}

/** Where today's readings reach: the end of the covered part of the last hour that has any. */
function reach(buckets: Bucket[], today: string): string | null {
  let until: string | null = null;
  for (const bucket of buckets) {
    if (localHour(bucket)?.date !== today || bucket.readings === 0) continue;
    const start = Date.parse(bucket.start);
    const covered = Math.min(1, bucket.readings / Math.max(1, bucket.expected_readings));
    until = new Date(start + (Date.parse(bucket.end) - start) * covered).toISOString();
  }
  return until;
}

/**
 * Compares today with the usual day from hourly buckets of today and the days before it.
 *
 * Each hour of the day counts in the share of its readings that have arrived today, so a late
 * reading or the hour still running is compared with the same share of that hour on other days —
 * never a whole past day with part of today. A past day counts only if all its readings for those
 * hours arrived (a gap would make the usual look low). Null until today has a reading.
 */
export function usualSoFar(buckets: Bucket[], today: string, days = USUAL_DAYS): UsualSoFar | null {
  const until = reach(buckets, today);
  const all = byDay(buckets);
  const current = all.get(today);
  if (!until || !current) return null;
  const weights = [...current.expected].map(([hour, expected]) => {
    const readings = current.readings.get(hour) ?? 0;
    return [hour, expected > 0 ? Math.min(1, readings / expected) : 0] as const;
  });
  const counted = weights.filter(([, weight]) => weight > 0);
  const todayKwh = counted.reduce((sum, [hour]) => sum + (current.kwh.get(hour) ?? 0), 0);
  const past = [...all.keys()]
    .filter((date) => date < today)
    .sort()
    .reverse()
    .map((date) => all.get(date))
    .filter((day): day is Hours => day !== undefined)
    .filter((day) => counted.every(([hour]) => (day.readings.get(hour) ?? 0) >= (day.expected.get(hour) ?? 1)))
    .slice(0, days);
  const usual =
    past.length === 0
      ? null
      : past.reduce((sum, day) => sum + counted.reduce((part, [hour, weight]) => part + weight * (day.kwh.get(hour) ?? 0), 0), 0) /
        past.length;
  return { today: todayKwh, usual, days: past.length, until };
}

/** Today against the usual day in percent (negative: less used); null with nothing to compare. */
export function changePercent(today: number, usual: number | null): number | null {
  if (usual === null || usual <= 0) return null;
  return ((today - usual) / usual) * 100;
}
