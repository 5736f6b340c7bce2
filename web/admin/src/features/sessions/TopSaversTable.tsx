import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TopSaver } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";

export function TopSaversTable({ savers }: { savers: TopSaver[] }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  if (savers.length === 0) return <p className="text-sm text-slate-600">{t("topSavers.none")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("results.topSavers")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("topSavers.household")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("topSavers.saved")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("topSavers.percent")}</th>
          </tr>
        </thead>
        <tbody>
          {savers.map((saver) => (
            <tr key={saver.user_id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                <Link to={`/users/${saver.user_id}`} className="text-emerald-800 underline-offset-2 hover:underline">
                  {saver.display_name}
                </Link>
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{format.kwh(saver.saved_kwh)}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {saver.percent_saved == null ? t("topSavers.unknown") : format.percent(saver.percent_saved / 100)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
