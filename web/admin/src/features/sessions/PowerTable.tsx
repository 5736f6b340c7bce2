import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/useFormat";
import type { PowerRow } from "./livePeriods";

/** The power chart's numbers, for screen readers. */
export function PowerTable({ caption, rows }: { caption: string; rows: PowerRow[] }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("power.halfHour")}</th>
          <th scope="col">{t("power.baseline")}</th>
          <th scope="col">{t("power.actual")}</th>
          <th scope="col">{t("power.reporting")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.start}>
            <th scope="row">{format.time(row.start)}</th>
            <td>{format.quantity(row.baselineKw, "kW")}</td>
            <td>{row.actualKw === null ? t("live.noReadings") : format.quantity(row.actualKw, "kW")}</td>
            <td>{format.number(row.reporting)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
