import type { LiveProgress } from "../../api/types";
import { Figure } from "../../components/Figure";
import { formatNumber, formatQuantity } from "../../lib/format";
import { useTimeFormat } from "../programme/useProgramme";
import { latestPeriod } from "./livePeriods";

export function LiveFigures({ progress }: { progress: LiveProgress }) {
  const formatTime = useTimeFormat();
  const latest = latestPeriod(progress.periods, Date.now());
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Figure label="Participants" value={formatNumber(progress.participants)} note="Households with a baseline" />
      <Figure
        label="Reporting"
        value={latest ? `${formatNumber(latest.reporting)} of ${formatNumber(progress.participants)}` : "None"}
        note={latest && `In the half hour from ${formatTime(latest.start)}`}
      />
      <Figure
        label="Actual power"
        value={latest && latest.reporting > 0 ? formatQuantity(latest.actual_kw, "kW") : "No readings yet"}
        note={latest && `Against a baseline of ${formatQuantity(latest.baseline_kw, "kW")}`}
      />
      <Figure label="Saved so far" value={formatQuantity(progress.saved_kwh, "kWh")} note="Baseline minus actual" />
    </div>
  );
}
