import { useTranslation } from "react-i18next";
import type { MethodAccuracy } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { baselineMethodName } from "../sessions/baselineMethods";

function hasMissingFigures(methods: MethodAccuracy[]): boolean {
  return methods.some(
    (m) => m.median_cv_rmse_percent == null || m.aggregate_cv_rmse_percent == null || m.aggregate_bias_percent == null,
  );
}

export function AccuracyTable({ methods, busy }: { methods: MethodAccuracy[]; busy: boolean }) {
  const { t } = useTranslation("system");
  const format = useFormat();
  // A percentage figure, or a dash where the method could not be scored.
  const percentCell = (value: number | null | undefined) => (value == null ? "—" : format.number(value));
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-busy={busy} className="w-full text-left text-sm">
          <caption className="sr-only">{t("accuracy.title")}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">{t("accuracy.columns.method")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("accuracy.columns.households")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("accuracy.columns.events")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("accuracy.columns.medianCvRmse")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("accuracy.columns.aggregateCvRmse")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("accuracy.columns.bias")}</th>
            </tr>
          </thead>
          <tbody className={busy ? "opacity-60" : undefined}>
            {methods.map((method) => (
              <tr key={method.method} className="border-t border-slate-100">
                <th scope="row" className="px-4 py-2 font-medium">
                  {baselineMethodName(method.method, t)}{" "}
                  <span className="block font-mono text-xs font-normal text-slate-600">{method.method}</span>
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{format.number(method.households)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{format.number(method.events)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{percentCell(method.median_cv_rmse_percent)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{percentCell(method.aggregate_cv_rmse_percent)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{percentCell(method.aggregate_bias_percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasMissingFigures(methods) && (
        <p className="text-sm text-slate-600">{t("accuracy.missing")}</p>
      )}
    </div>
  );
}
