import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { formatPercent } from "../../lib/format";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { KpiCard } from "./KpiCard";
import { SavedLast30DaysCard } from "./SavedLast30DaysCard";
import { SessionSavingsSection } from "./SessionSavingsSection";
import { useOverview } from "./useOverview";

export function OverviewPage() {
  useDocumentTitle("Overview");
  const overview = useOverview();
  return (
    <section aria-labelledby="overview-heading" className="space-y-4">
      <h1 id="overview-heading" className="text-2xl font-semibold">
        Overview
      </h1>
      {overview.isPending && <Loading label="Loading the programme's figures…" />}
      {overview.isError && (
        <ProblemAlert error={overview.error} title="Could not load the overview" onRetry={() => void overview.refetch()} />
      )}
      {overview.data && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <KpiCard label="Households registered" value={overview.data.households_registered} />
          <KpiCard
            label="Households active (30 days)"
            value={overview.data.households_active_30d}
            note={
              overview.data.households_registered > 0
                ? `${formatPercent(overview.data.households_active_30d / overview.data.households_registered)} of registered households signed in`
                : undefined
            }
          />
          <KpiCard label="Meters linked" value={overview.data.meters_linked} />
          <KpiCard label="Accounts disabled" value={overview.data.accounts_disabled} />
          <KpiCard label="Staff accounts" value={overview.data.staff_accounts} />
          <SavedLast30DaysCard />
        </div>
      )}
      <SessionSavingsSection />
    </section>
  );
}
