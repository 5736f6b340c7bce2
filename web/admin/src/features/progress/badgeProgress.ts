// How far a household is towards a badge, in words: "3 of 5 sessions", "42.5 of 50 kWh", "20% of 30%".
import type { TFunction } from "i18next";
import type { BadgeProgress } from "../../api/types";
import type { Formatter } from "../../lib/format";

export function badgeProgressText({ current, target, unit }: BadgeProgress, t: TFunction, format: Formatter): string {
  const amount = (value: number) => (unit === "percent" ? format.percent(value / 100) : format.number(value, 2));
  return t("progress:badges.progress", { unit, count: target, current: amount(current), target: amount(target) });
}
