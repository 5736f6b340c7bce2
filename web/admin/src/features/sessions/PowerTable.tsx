import { formatNumber, formatQuantity } from "../../lib/format";
import { useTimeFormat } from "../programme/useProgramme";
import type { PowerRow } from "./livePeriods";

/** The power chart's numbers, for screen readers. */
export function PowerTable({ caption, rows }: { caption: string; rows: PowerRow[] }) {
  const formatTime = useTimeFormat();
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Half hour starting</th>
          <th scope="col">Baseline</th>
          <th scope="col">Actual</th>
          <th scope="col">Households reporting</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.start}>
            <th scope="row">{formatTime(row.start)}</th>
            <td>{formatQuantity(row.baselineKw, "kW")}</td>
            <td>{row.actualKw === null ? "No readings yet" : formatQuantity(row.actualKw, "kW")}</td>
            <td>{formatNumber(row.reporting)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
