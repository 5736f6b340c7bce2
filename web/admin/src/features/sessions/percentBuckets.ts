// The buckets of the "% saved" distribution, named for people.
import type { PercentBucket } from "../../api/types";
import { formatNumber } from "../../lib/format";

/** "Below 0 %", "10 to 20 %", "50 % or more". */
export function bucketLabel({ from_percent: from, to_percent: to }: PercentBucket, locale?: string): string {
  const percent = (value: number) => formatNumber(value, locale);
  if (from == null && to == null) return "All";
  if (from == null) return `Below ${percent(to ?? 0)} %`;
  if (to == null) return `${percent(from)} % or more`;
  return `${percent(from)} to ${percent(to)} %`;
}
