import { useTranslation } from "react-i18next";
import type { LiveProgress } from "../../api/types";
import { Figure } from "../../components/Figure";
import { useFormat } from "../../i18n/useFormat";
import { latestPeriod } from "./livePeriods";

export function LiveFigures({ progress }: { progress: LiveProgress }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  const latest = latestPeriod(progress.periods, Date.now());
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Figure label={t("live.participants")} value={format.number(progress.participants)} note={t("live.participantsNote")} />
      <Figure
        label={t("live.reporting")}
        value={
          latest
            ? t("live.reportingOf", { reporting: format.number(latest.reporting), total: format.number(progress.participants) })
            : t("live.none")
        }
        note={latest && t("live.reportingNote", { time: format.time(latest.start) })}
      />
      <Figure
        label={t("live.actualPower")}
        value={latest && latest.reporting > 0 ? format.quantity(latest.actual_kw, "kW") : t("live.noReadings")}
        note={latest && t("live.againstBaseline", { baseline: format.quantity(latest.baseline_kw, "kW") })}
      />
      <Figure label={t("live.savedSoFar")} value={format.kwh(progress.saved_kwh)} note={t("live.savedNote")} />
    </div>
  );
}
