import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConsumptionQuery, ConsumptionSeries, Household } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { ConsumptionChart } from "./ConsumptionChart";
import { consumptionQuery, type ConsumptionRange } from "./consumptionRange";
import { ConsumptionRangeSwitch } from "./ConsumptionRangeSwitch";
import { hasReadings } from "./consumptionRows";
import { useUserConsumption } from "./queries";

export function ConsumptionSection({ userId, household }: { userId: string; household: Household }) {
  const { t } = useTranslation("users");
  const hasMeters = household.meters.length > 0;
  const [shown, setShown] = useState<{ range: ConsumptionRange; query: ConsumptionQuery }>(() => ({
    range: "day",
    query: consumptionQuery("day", new Date(), household.time_zone),
  }));
  const consumption = useUserConsumption(userId, shown.query, hasMeters);
  const choose = (range: ConsumptionRange) =>
    setShown({ range, query: consumptionQuery(range, new Date(), household.time_zone) });

  return (
    <Section title={t("consumption.title")}>
      {!hasMeters ? (
        <EmptyNote>{t("consumption.noMeters")}</EmptyNote>
      ) : (
        <>
          <ConsumptionRangeSwitch value={shown.range} onChange={choose} />
          {consumption.isPending && <Loading label={t("consumption.loading")} />}
          {consumption.isError && (
            <ProblemAlert
              error={consumption.error}
              title={t("consumption.loadFailed")}
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
  const { t } = useTranslation("users");
  const format = useFormat();
  if (!hasReadings(series.buckets)) return <EmptyNote>{t("consumption.noReadings")}</EmptyNote>;
  return (
    <div aria-busy={busy} className={busy ? "space-y-4 opacity-60" : "space-y-4"}>
      <Figure
        label={t("overview:consumption.total")}
        value={format.kwh(series.total_kwh)}
        note={t(`consumption.range.${series.resolution === "1d" ? "month" : "day"}`)}
      />
      <ConsumptionChart series={series} />
    </div>
  );
}
