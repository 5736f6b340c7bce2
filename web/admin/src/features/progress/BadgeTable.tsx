import { useTranslation } from "react-i18next";
import type { BadgeStatus } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { badgeProgressText } from "./badgeProgress";
import { SubSection } from "./SubSection";

/** The whole badge catalogue for one household: when each earned badge was earned, how far it is towards the rest. */
export function BadgeTable({ badges }: { badges: BadgeStatus[] }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const earned = badges.filter((badge) => badge.earned_at != null).length;
  return (
    <SubSection title={t("badges.title")}>
      <p className="text-sm text-slate-700">
        {t("badges.earnedCount", { earned: format.number(earned), total: format.number(badges.length) })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("badges.title")}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">{t("badges.columns.badge")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("badges.columns.earned")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("badges.columns.progress")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("badges.columns.points")}</th>
            </tr>
          </thead>
          <tbody>
            {badges.map((badge) => (
              <tr key={badge.key} className="border-t border-slate-100">
                <th scope="row" className="px-4 py-2 font-normal">
                  <span className="font-medium">{badge.name}</span>
                  <span className="block text-xs text-slate-600">{badge.description}</span>
                </th>
                <td
                  className={`px-4 py-2 whitespace-nowrap ${badge.earned_at ? "font-medium text-emerald-800" : "text-slate-600"}`}
                >
                  {badge.earned_at ? format.date(badge.earned_at) : t("badges.notEarned")}
                </td>
                <td className="px-4 py-2 whitespace-nowrap">{badgeProgressText(badge.progress, t, format)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{format.number(badge.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SubSection>
  );
}
