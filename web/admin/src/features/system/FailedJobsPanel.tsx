import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("system");
  const [query, setQuery] = useState<PageQuery>({ page: 1, per_page: DEFAULT_PAGE_SIZE });
  const jobs = useFailedJobs(query, hasQueue);
  const retry = useRetryJob();
  const [retrying, setRetrying] = useState<FailedJob | null>(null);
  const lastPage = jobs.data ? Math.max(1, Math.ceil(jobs.data.total / jobs.data.per_page)) : 1;

  // A retry can empty the last page: show the one before instead.
  useEffect(() => {
    if (query.page > lastPage) setQuery((current) => ({ ...current, page: lastPage }));
  }, [query.page, lastPage]);

  if (!hasQueue) return <EmptyList>{t("queue.none")}</EmptyList>;
  return (
    <div className="space-y-3">
      {jobs.isPending && <Loading label={t("jobs.loading")} />}
      {jobs.isError && (
        <ProblemAlert error={jobs.error} title={t("jobs.loadFailed")} onRetry={() => void jobs.refetch()} />
      )}
      {jobs.data &&
        (jobs.data.total === 0 ? (
          <EmptyList>{t("jobs.none")}</EmptyList>
        ) : (
          <>
            <FailedJobsTable
              jobs={jobs.data.items}
              busy={jobs.isPlaceholderData}
              onRetry={setRetrying}
              retryDisabled={retry.isPending}
            />
            <Pagination
              label={t("jobs.pages")}
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
          {t("jobs.queuedAgain", { kind: retry.variables.kind, id: retry.data.id })}
        </p>
      )}
      {retry.isError && (
        <ProblemAlert error={retry.error} title={t("jobs.retryFailed", { kind: retry.variables.kind, id: retry.variables.id })} />
      )}
      {retrying && (
        <ConfirmDialog
          title={t("jobs.retryQuestion", { kind: retrying.kind })}
          confirmLabel={t("jobs.retryConfirm")}
          onConfirm={() => {
            retry.mutate(retrying);
            setRetrying(null);
          }}
          onCancel={() => setRetrying(null)}
        >
          {t("jobs.retryExplanation", { error: retrying.error })}
        </ConfirmDialog>
      )}
    </div>
  );
}
