import { useState } from "react";
import type { DataSource } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useRevokeSource, useSources } from "./queries";
import { SourcesTable } from "./SourcesTable";

/** Every data source with its lag and today's counts; superadmins may revoke API keys here. */
export function SourcesPanel({ canRevoke }: { canRevoke: boolean }) {
  const sources = useSources();
  const revoke = useRevokeSource();
  const [revoking, setRevoking] = useState<DataSource | null>(null);

  if (sources.isPending) return <Loading label="Loading data sources…" />;
  if (sources.isError) {
    return (
      <ProblemAlert error={sources.error} title="Could not load the data sources" onRetry={() => void sources.refetch()} />
    );
  }
  return (
    <div className="space-y-3">
      {sources.data.length === 0 ? (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          There are no data sources yet.
        </p>
      ) : (
        <>
          <SourcesTable
            sources={sources.data}
            onRevoke={canRevoke ? setRevoking : undefined}
            revokeDisabled={revoke.isPending}
          />
          <p className="text-sm text-slate-600">Today's counts start at midnight UTC.</p>
        </>
      )}
      {revoke.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          The API key of {revoke.variables.name} is revoked.
        </p>
      )}
      {revoke.isError && <ProblemAlert error={revoke.error} title="Could not revoke the key" />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the API key of ${revoking.name}?`}
          confirmLabel="Revoke key"
          tone="danger"
          onConfirm={() => {
            revoke.mutate(revoking);
            setRevoking(null);
          }}
          onCancel={() => setRevoking(null)}
        >
          Its next upload is refused. A revoked key cannot be restored: to connect the system again, create a
          new data source.
        </ConfirmDialog>
      )}
    </div>
  );
}
