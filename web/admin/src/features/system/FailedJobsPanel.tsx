import { useState } from "react";
import type { FailedJob } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { FailedJobsTable } from "./FailedJobsTable";
import { useRetryJob } from "./queries";

interface Props {
  jobs: FailedJob[];
  /** Whether this server runs a job queue at all. */
  hasQueue: boolean;
}

/** Jobs that used up their attempts, newest first, each of which may be run again. */
export function FailedJobsPanel({ jobs, hasQueue }: Props) {
  const retry = useRetryJob();
  const [retrying, setRetrying] = useState<FailedJob | null>(null);

  return (
    <div className="space-y-3">
      {jobs.length === 0 ? (
        <p role="status" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
          {hasQueue ? "No failed jobs: every job ran or is still trying." : "This server runs no job queue."}
        </p>
      ) : (
        <FailedJobsTable jobs={jobs} onRetry={setRetrying} retryDisabled={retry.isPending} />
      )}
      {retry.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          The {retry.variables.kind} job is queued again as job {retry.data.id}.
        </p>
      )}
      {retry.isError && (
        <ProblemAlert error={retry.error} title={`Could not retry the ${retry.variables.kind} job ${retry.variables.id}`} />
      )}
      {retrying && (
        <ConfirmDialog
          title={`Retry the ${retrying.kind} job?`}
          confirmLabel="Retry job"
          onConfirm={() => {
            retry.mutate(retrying);
            setRetrying(null);
          }}
          onCancel={() => setRetrying(null)}
        >
          It runs again from its first attempt. Retry once the cause of its last error is fixed: “{retrying.error}”
        </ConfirmDialog>
      )}
    </div>
  );
}
