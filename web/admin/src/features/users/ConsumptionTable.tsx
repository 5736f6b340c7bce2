import { formatNumber, formatQuantity } from "../../lib/format";
import type { ConsumptionRow } from "./consumptionRows";

interface Props {
  caption: string;
  periodHeading: string;
  rows: ConsumptionRow[];
  formatPeriod(iso: string): string;
}

/** The consumption chart's numbers, for screen readers. */
export function ConsumptionTable({ caption, periodHeading, rows, formatPeriod }: Props) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{periodHeading}</th>
          <th scope="col">Consumption</th>
          <th scope="col">Readings</th>
          <th scope="col">Estimated</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.start}>
            <th scope="row">{formatPeriod(row.start)}</th>
            <td>{formatQuantity(row.kwh, "kWh", 3)}</td>
            <td>
              {formatNumber(row.readings)} of {formatNumber(row.expectedReadings)}
            </td>
            <td>{row.estimated ? "Yes" : "No"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
