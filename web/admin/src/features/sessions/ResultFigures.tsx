import type { SessionResults } from "../../api/types";
import { Figure } from "../../components/Figure";
import { formatNumber, formatQuantity } from "../../lib/format";

export function ResultFigures({ results }: { results: SessionResults }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <Figure label="Participants" value={formatNumber(results.participants)} note="Households that joined" />
      <Figure
        label="Measured"
        value={`${formatNumber(results.reporting)} of ${formatNumber(results.eligible)}`}
        note="Households with a baseline whose readings arrived"
      />
      <Figure label="Energy saved" value={formatQuantity(results.saved_kwh, "kWh")} note="Baseline minus actual" />
      <Figure
        label="Average reduction"
        value={formatQuantity(results.average_kw_reduced, "kW")}
        note="Over the whole session"
      />
      <Figure label="Green Points issued" value={formatNumber(results.points_issued)} />
    </div>
  );
}
