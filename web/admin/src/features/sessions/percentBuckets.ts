// The buckets of the "% saved" distribution, named for people.
import type { TFunction } from "i18next";
import type { PercentBucket } from "../../api/types";
import type { Formatter } from "../../lib/format";

/** "Below 0%", "10 to 20%", "50% or more" (in Greek «Κάτω από 0 %», «10 έως 20 %», …). */
export function bucketLabel(
  { from_percent: from, to_percent: to }: PercentBucket,
  t: TFunction,
  format: Formatter,
): string {
  const percent = (value: number) => format.percent(value / 100);
  if (from == null && to == null) return t("sessions:bucket.all");
  if (from == null) return t("sessions:bucket.below", { to: percent(to ?? 0) });
  if (to == null) return t("sessions:bucket.orMore", { from: percent(from) });
  return t("sessions:bucket.between", { from: format.number(from), to: percent(to) });
}
