import { useState } from "react";
import type { ConsumptionQuery, ConsumptionSeries, Household } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { formatQuantity } from "../../lib/format";
import { ConsumptionChart } from "./ConsumptionChart";
import { consumptionQuery, rangeLabels, type ConsumptionRange } from "./consumptionRange";
import { ConsumptionRangeSwitch } from "./ConsumptionRangeSwitch";
import { hasReadings } from "./consumptionRows";
import { useUserConsumption } from "./queries";

export function ConsumptionSection({ userId, household }: { userId: string; household: Household }) {
  const hasMeters = household.meters.length > 0;
  const [shown, setShown] = useState<{ range: ConsumptionRange; query: ConsumptionQuery }>(() => ({
    range: "day",
    query: consumptionQuery("day", new Date(), household.time_zone),
  }));
  const consumption = useUserConsumption(userId, shown.query, hasMeters);
  const choose = (range: ConsumptionRange) =>
    setShown({ range, query: consumptionQuery(range, new Date(), household.time_zone) });

  return (
    <Section title="Consumption">
      {!hasMeters ? (
        <EmptyNote>No meters are linked to this household, so there is no consumption to show.</EmptyNote>
      ) : (
        <>
          <ConsumptionRangeSwitch value={shown.range} onChange={choose} />
          {consumption.isPending && <Loading label="Loading the consumption…" />}
          {consumption.isError && (
            <ProblemAlert
              error={consumption.error}
              title="Could not load the consumption"
              onRetry={() => void consumption.refetch()}
            />
          )}
          {consumption.data && (
            <ConsumptionView series={consumption.data} busy={consumption.isPlaceholderData} />
          )}
        </>
      )}
    </Section>
  );
}

function ConsumptionView({ series, busy }: { series: ConsumptionSeries; busy: boolean }) {
  if (!hasReadings(series.buckets)) return <EmptyNote>No readings arrived from this household's meters in this period.</EmptyNote>;
  return (
    <div aria-busy={busy} className={busy ? "space-y-4 opacity-60" : "space-y-4"}>
      <Figure label="Total" value={formatQuantity(series.total_kwh, "kWh")} note={rangeLabels[series.resolution === "1d" ? "month" : "day"]} />
      <ConsumptionChart series={series} />
    </div>
  );
}
