import { useTranslation } from "react-i18next";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormat } from "../../i18n/useFormat";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { KpiCard } from "./KpiCard";
import { LiveOrNextSessionCard } from "./LiveOrNextSessionCard";
import { ProgrammeConsumptionSection } from "./ProgrammeConsumptionSection";
import { SessionSavingsSection } from "./SessionSavingsSection";
import { useOverview } from "./useOverview";

export function OverviewPage() {
  const { t } = useTranslation("overview");
  const format = useFormat();
  useDocumentTitle(t("title"));
  const overview = useOverview();
  const data = overview.data;
  return (
    <section aria-labelledby="overview-heading" className="space-y-4">
      <h1 id="overview-heading" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      {overview.isPending && <Loading label={t("loading")} />}
      {overview.isError && (
        <ProblemAlert error={overview.error} title={t("loadFailed")} onRetry={() => void overview.refetch()} />
      )}
      {data && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <LiveOrNextSessionCard session={data.live_or_next_session} />
          <KpiCard label={t("kpi.householdsRegistered")} value={data.households_registered} />
          <KpiCard
            label={t("kpi.householdsActive")}
            value={data.households_active_30d}
            note={
              data.households_registered > 0
                ? t("kpi.householdsActiveNote", {
                    share: format.percent(data.households_active_30d / data.households_registered),
                  })
                : undefined
            }
          />
          <KpiCard
            label={t("kpi.metersReporting")}
            value={data.meters_reporting_24h}
            note={t("kpi.metersLinkedNote", { count: data.meters_linked, formatted: format.number(data.meters_linked) })}
          />
          <KpiCard label={t("kpi.savedKwh")} value={data.saved_kwh_30d} note={t("kpi.savedKwhNote")} />
          <KpiCard
            label={t("kpi.pointsIssued")}
            value={data.points_issued}
            note={t("kpi.pointsIssuedNote", { formatted: format.number(data.points_issued_30d) })}
          />
          <KpiCard label={t("kpi.accountsDisabled")} value={data.accounts_disabled} />
          <KpiCard label={t("kpi.staffAccounts")} value={data.staff_accounts} />
        </div>
      )}
      <ProgrammeConsumptionSection />
      <SessionSavingsSection />
    </section>
  );
}
