import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { formatNumber, formatPercent } from "../../lib/format";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { KpiCard } from "./KpiCard";
import { LiveOrNextSessionCard } from "./LiveOrNextSessionCard";
import { ProgrammeConsumptionSection } from "./ProgrammeConsumptionSection";
import { SessionSavingsSection } from "./SessionSavingsSection";
import { useOverview } from "./useOverview";

export function OverviewPage() {
  useDocumentTitle("Overview");
  const overview = useOverview();
  const data = overview.data;
  return (
    <section aria-labelledby="overview-heading" className="space-y-4">
      <h1 id="overview-heading" className="text-2xl font-semibold">
        Overview
      </h1>
      {overview.isPending && <Loading label="Loading the programme's figures…" />}
      {overview.isError && (
        <ProblemAlert error={overview.error} title="Could not load the overview" onRetry={() => void overview.refetch()} />
      )}
      {data && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <LiveOrNextSessionCard session={data.live_or_next_session} />
          <KpiCard label="Households registered" value={data.households_registered} />
          <KpiCard
            label="Households active (30 days)"
            value={data.households_active_30d}
            note={
              data.households_registered > 0
                ? `${formatPercent(data.households_active_30d / data.households_registered)} of registered households signed in`
                : undefined
            }
          />
          <KpiCard
            label="Meters reporting (24 hours)"
            value={data.meters_reporting_24h}
            note={`${formatNumber(data.meters_linked)} meters linked to households`}
          />
          <KpiCard label="kWh saved (last 30 days)" value={data.saved_kwh_30d} note="By the sessions that started in them" />
          <KpiCard
            label="Green Points issued"
            value={data.points_issued}
            note={`${formatNumber(data.points_issued_30d)} in the last 30 days`}
          />
          <KpiCard label="Accounts disabled" value={data.accounts_disabled} />
          <KpiCard label="Staff accounts" value={data.staff_accounts} />
        </div>
      )}
      <ProgrammeConsumptionSection />
      <SessionSavingsSection />
    </section>
  );
}
