import { useTranslation } from "react-i18next";
import type { HealthCount } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";

/** How many households' gardens are thriving, thirsty or wilting, and what share of all that is. */
export function GardenHealthTable({ health, households }: { health: HealthCount[]; households: number }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white sm:max-w-lg">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("programme.health.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("programme.health.columns.health")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("programme.health.columns.households")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("programme.health.columns.share")}</th>
          </tr>
        </thead>
        <tbody>
          {health.map((row) => (
            <tr key={row.health} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-normal">{t("garden.healthName", { health: row.health })}</th>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(row.households)}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {households > 0 ? format.percent(row.households / households) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
