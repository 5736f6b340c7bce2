import { useState } from "react";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { formatQuantity } from "../../lib/format";
import { ConsumptionChart } from "../users/ConsumptionChart";
import { hasReadings } from "../users/consumptionRows";
import { programmeRangeLabels, type ProgrammeRange } from "./programmeRange";
import { ProgrammeRangeSwitch } from "./ProgrammeRangeSwitch";
import { useProgrammeConsumption } from "./useOverview";

/** Every meter's consumption together, by the day or by the hour, in the programme's time zone. */
export function ProgrammeConsumptionSection() {
  const [range, setRange] = useState<ProgrammeRange>("1d");
  const consumption = useProgrammeConsumption(range);
  const series = consumption.data;
  return (
    <Section title="Programme consumption">
      <ProgrammeRangeSwitch value={range} onChange={setRange} />
      {consumption.isPending && <Loading label="Loading the programme's consumption…" />}
      {consumption.isError && (
        <ProblemAlert
          error={consumption.error}
          title="Could not load the programme's consumption"
          onRetry={() => void consumption.refetch()}
        />
      )}
      {series &&
        (hasReadings(series.buckets) ? (
          <div
            aria-busy={consumption.isPlaceholderData}
            className={consumption.isPlaceholderData ? "space-y-4 opacity-60" : "space-y-4"}
          >
            <Figure
              label="Total"
              value={formatQuantity(series.total_kwh, "kWh")}
              note={`${programmeRangeLabels[series.resolution === "1h" ? "1h" : "1d"]}, every meter together`}
            />
            <ConsumptionChart series={series} subject="Programme consumption" />
          </div>
        ) : (
          <p className="text-sm text-slate-600">No readings arrived from any meter in this period.</p>
        ))}
    </Section>
  );
}
