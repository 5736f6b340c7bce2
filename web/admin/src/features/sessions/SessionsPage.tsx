import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { SessionListQuery } from "../../api/types";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { readListParams, writeListParams } from "./listParams";
import { useSessionList } from "./queries";
import { SessionsTable } from "./SessionsTable";
import { StateFilter } from "./StateFilter";
import { EmptyList } from "../../components/EmptyList";

export function SessionsPage() {
  const { t } = useTranslation("sessions");
  useDocumentTitle(t("list.title"));
  const [params, setParams] = useSearchParams();
  const query = readListParams(params);
  const sessions = useSessionList(query);
  const update = (change: Partial<SessionListQuery>) => setParams(writeListParams({ ...query, ...change }));

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="sessions-heading" className="text-2xl font-semibold">
          {t("list.title")}
        </h1>
        <Link to="/sessions/new" className="btn-primary">
          {t("list.new")}
        </Link>
      </div>
      <StateFilter state={query.state ?? ""} onChange={(state) => update({ state, page: 1 })} />
      {sessions.isPending && <Loading label={t("list.loading")} />}
      {sessions.isError && (
        <ProblemAlert error={sessions.error} title={t("list.loadFailed")} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data &&
        (sessions.data.total === 0 ? (
          <EmptyList>{query.state ? t("list.noneInState") : t("list.none")}</EmptyList>
        ) : (
          <>
            <SessionsTable
              sessions={sessions.data.items}
              busy={sessions.isPlaceholderData}
              sort={query.sort}
              onSort={(sort) => update({ sort, page: 1 })}
            />
            <Pagination
              page={sessions.data.page}
              perPage={sessions.data.per_page}
              total={sessions.data.total}
              onPageChange={(page) => update({ page })}
              onPerPageChange={(per_page) => update({ per_page, page: 1 })}
            />
          </>
        ))}
    </section>
  );
}
