import { useTranslation } from "react-i18next";
import type { SessionResults } from "../../api/types";
import { Figure } from "../../components/Figure";
import { useFormat } from "../../i18n/useFormat";

export function ResultFigures({ results }: { results: SessionResults }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <Figure label={t("results.participants")} value={format.number(results.participants)} note={t("results.participantsNote")} />
      <Figure
        label={t("results.measured")}
        value={t("live.reportingOf", { reporting: format.number(results.reporting), total: format.number(results.eligible) })}
        note={t("results.measuredNote")}
      />
      <Figure label={t("results.saved")} value={format.kwh(results.saved_kwh)} note={t("live.savedNote")} />
      <Figure
        label={t("results.averageReduction")}
        value={format.quantity(results.average_kw_reduced, "kW")}
        note={t("results.averageReductionNote")}
      />
      <Figure label={t("results.pointsIssued")} value={format.number(results.points_issued)} />
    </div>
  );
}
