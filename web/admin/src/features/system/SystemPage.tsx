import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { BaselineAccuracyPanel } from "./BaselineAccuracyPanel";
import { systemKeys } from "./queries";
import { SystemHealthSections } from "./SystemHealthSections";

export function SystemPage() {
  useDocumentTitle("System");
  const queryClient = useQueryClient();
  const refreshing = useIsFetching({ queryKey: systemKeys.health() }) > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">System</h1>
        <button
          type="button"
          className="btn-secondary ml-auto"
          disabled={refreshing}
          onClick={() => void queryClient.invalidateQueries({ queryKey: systemKeys.health() })}
        >
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <SystemHealthSections />
      <Section title="Baseline accuracy">
        <BaselineAccuracyPanel />
      </Section>
    </div>
  );
}
