import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { ConsumptionChart } from "../users/ConsumptionChart";
import { hasReadings } from "../users/consumptionRows";
import type { ProgrammeRange } from "./programmeRange";
import { ProgrammeRangeSwitch } from "./ProgrammeRangeSwitch";
import { useProgrammeConsumption } from "./useOverview";

/** Every meter's consumption together, by the day or by the hour, in the programme's time zone. */
export function ProgrammeConsumptionSection() {
  const { t } = useTranslation("overview");
  const format = useFormat();
  const [range, setRange] = useState<ProgrammeRange>("1d");
  const consumption = useProgrammeConsumption(range);
  const series = consumption.data;
  return (
    <Section title={t("consumption.title")}>
      <ProgrammeRangeSwitch value={range} onChange={setRange} />
      {consumption.isPending && <Loading label={t("consumption.loading")} />}
      {consumption.isError && (
        <ProblemAlert
          error={consumption.error}
          title={t("consumption.loadFailed")}
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
              label={t("consumption.total")}
              value={format.kwh(series.total_kwh)}
              note={t("consumption.totalNote", { range: t(`range.${series.resolution === "1h" ? "1h" : "1d"}`) })}
            />
            <ConsumptionChart series={series} subject={t("consumption.title")} />
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("consumption.none")}</p>
        ))}
    </Section>
  );
}
