import type { i18n as I18n } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { PointsEntry } from "../../api/types";
import { translateDynamic } from "../../i18n/dynamic";
import { isLanguage } from "../../i18n/languages";
import { formatFor } from "../../lib/format";

/** Green Points in words, in one language. */
export interface PointsWords {
  /** "120 points", "1 point", "−20 points"; `signed` adds "+" to a gain: "+120 points". */
  amount(points: number, signed?: boolean): string;
  /** "Session savings"; a reason the app does not know yet is still shown in words. */
  reason(reason: string): string;
  /** What an entry is for: a negative entry is a correction downwards. */
  entryTitle(entry: PointsEntry): string;
}

/** Green Points in words in the translator's current language. */
export function pointsWords(i18n: I18n): PointsWords {
  const format = formatFor(isLanguage(i18n.language) ? i18n.language : "en");
  const reason = (slug: string) => {
    const known = translateDynamic(i18n, `points:reason.${slug}`);
    if (known !== null) return known;
    const words = slug.replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  };
  return {
    amount(points, signed = false) {
      const written = signed || points < 0 ? format.signedCount(points) : format.count(points);
      return i18n.t("common:points.amount", { count: Math.abs(points), points: written });
    },
    reason,
    entryTitle(entry) {
      const words = reason(entry.reason);
      // After "Correction:" the reason goes on in lower case: "Correction: session savings".
      return entry.points < 0 ? i18n.t("points:correction", { reason: words.charAt(0).toLowerCase() + words.slice(1) }) : words;
    },
  };
}

/** `pointsWords` for the language the app speaks now. */
export function usePointsWords(): PointsWords {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => pointsWords(i18n), [i18n, language]);
}
