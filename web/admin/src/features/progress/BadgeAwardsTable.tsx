import { useTranslation } from "react-i18next";
import type { BadgeCount } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";

/** Each badge of the catalogue, with how many households earned it and the Green Points it paid them. */
export function BadgeAwardsTable({ badges }: { badges: BadgeCount[] }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("programme.badges.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("programme.badges.columns.badge")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("programme.badges.columns.awarded")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("programme.badges.columns.pointsPaid")}</th>
          </tr>
        </thead>
        <tbody>
          {badges.map((badge) => (
            <tr key={badge.key} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-normal">{badge.name}</th>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(badge.awarded)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(badge.points_paid)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
