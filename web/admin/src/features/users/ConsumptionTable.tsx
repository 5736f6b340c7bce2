import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/useFormat";
import type { ConsumptionRow } from "./consumptionRows";

interface Props {
  caption: string;
  periodHeading: string;
  rows: ConsumptionRow[];
  formatPeriod(iso: string): string;
}

/** The consumption chart's numbers, for screen readers. */
export function ConsumptionTable({ caption, periodHeading, rows, formatPeriod }: Props) {
  const { t } = useTranslation("users");
  const format = useFormat();
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{periodHeading}</th>
          <th scope="col">{t("consumption.title")}</th>
          <th scope="col">{t("consumption.readings")}</th>
          <th scope="col">{t("consumption.estimated")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.start}>
            <th scope="row">{formatPeriod(row.start)}</th>
            <td>{format.kwh(row.kwh, 3)}</td>
            <td>
              {t("sessions:live.reportingOf", {
                reporting: format.number(row.readings),
                total: format.number(row.expectedReadings),
              })}
            </td>
            <td>{row.estimated ? t("consumption.yes") : t("consumption.no")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
