import { useEffect, useState } from "react";
import type { FailedJob, PageQuery } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { DEFAULT_PAGE_SIZE } from "../../lib/paging";
import { FailedJobsTable } from "./FailedJobsTable";
import { useFailedJobs, useRetryJob } from "./queries";
import { EmptyList } from "../../components/EmptyList";

/** Jobs that used up their attempts, the most recently failed first, paged on the server; each may be run again. */
export function FailedJobsPanel({ hasQueue }: { hasQueue: boolean }) {
  const [query, setQuery] = useState<PageQuery>({ page: 1, per_page: DEFAULT_PAGE_SIZE });
  const jobs = useFailedJobs(query, hasQueue);
  const retry = useRetryJob();
  const [retrying, setRetrying] = useState<FailedJob | null>(null);
  const lastPage = jobs.data ? Math.max(1, Math.ceil(jobs.data.total / jobs.data.per_page)) : 1;

  // A retry can empty the last page: show the one before instead.
  useEffect(() => {
    if (query.page > lastPage) setQuery((current) => ({ ...current, page: lastPage }));
  }, [query.page, lastPage]);

  if (!hasQueue) return <EmptyList>This server runs no job queue.</EmptyList>;
  return (
    <div className="space-y-3">
      {jobs.isPending && <Loading label="Loading the failed jobs…" />}
      {jobs.isError && (
        <ProblemAlert error={jobs.error} title="Could not load the failed jobs" onRetry={() => void jobs.refetch()} />
      )}
      {jobs.data &&
        (jobs.data.total === 0 ? (
          <EmptyList>No failed jobs: every job ran or is still trying.</EmptyList>
        ) : (
          <>
            <FailedJobsTable
              jobs={jobs.data.items}
              busy={jobs.isPlaceholderData}
              onRetry={setRetrying}
              retryDisabled={retry.isPending}
            />
            <Pagination
              label="Failed job pages"
              page={jobs.data.page}
              perPage={jobs.data.per_page}
              total={jobs.data.total}
              onPageChange={(page) => setQuery({ ...query, page })}
              onPerPageChange={(per_page) => setQuery({ page: 1, per_page })}
            />
          </>
        ))}
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
