import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useStaff } from "../../auth/StaffContext";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { CreateSourceForm } from "./CreateSourceForm";
import { DeadLettersPanel } from "./DeadLettersPanel";
import { canManageSources } from "./permissions";
import { meterDataKeys } from "./queries";
import { SourcesPanel } from "./SourcesPanel";

export function MeterDataPage() {
  useDocumentTitle("Meter data");
  const staff = useStaff();
  const manage = canManageSources(staff);
  const queryClient = useQueryClient();
  const refreshing = useIsFetching({ queryKey: meterDataKeys.all }) > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Meter data</h1>
        <button
          type="button"
          className="btn-secondary ml-auto"
          disabled={refreshing}
          onClick={() => void queryClient.invalidateQueries({ queryKey: meterDataKeys.all })}
        >
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <Section title="Data sources">
        <SourcesPanel canRevoke={manage} />
        {!manage && (
          <p className="text-sm text-slate-600">A superadmin creates data sources and revokes their API keys.</p>
        )}
      </Section>
      {manage && (
        <Section title="New data source">
          <CreateSourceForm />
        </Section>
      )}
      <Section title="Dead letters">
        <DeadLettersPanel />
      </Section>
    </div>
  );
}
