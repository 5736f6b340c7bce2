import type { ConsumptionBucket } from "../../api/types";

/** One bucket as the chart draws it: complete buckets in one series, those still missing readings in another. */
export interface ConsumptionRow {
  start: string;
  kwh: number;
  completeKwh: number | null;
  partialKwh: number | null;
  readings: number;
  expectedReadings: number;
  estimated: boolean;
}

export function consumptionRows(buckets: ConsumptionBucket[]): ConsumptionRow[] {
  return buckets.map((bucket) => ({
    start: bucket.start,
    kwh: bucket.kwh,
    completeKwh: bucket.complete ? bucket.kwh : null,
    partialKwh: bucket.complete ? null : bucket.kwh,
    readings: bucket.readings,
    expectedReadings: bucket.expected_readings,
    estimated: bucket.estimated,
  }));
}

/** Whether any reading arrived at all. */
export function hasReadings(buckets: ConsumptionBucket[]): boolean {
  return buckets.some((bucket) => bucket.readings > 0);
}
