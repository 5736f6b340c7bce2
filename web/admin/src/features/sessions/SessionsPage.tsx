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
  useDocumentTitle("Sessions");
  const [params, setParams] = useSearchParams();
  const query = readListParams(params);
  const sessions = useSessionList(query);
  const update = (change: Partial<SessionListQuery>) => setParams(writeListParams({ ...query, ...change }));

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="sessions-heading" className="text-2xl font-semibold">
          Sessions
        </h1>
        <Link to="/sessions/new" className="btn-primary">
          New session
        </Link>
      </div>
      <StateFilter state={query.state ?? ""} onChange={(state) => update({ state, page: 1 })} />
      {sessions.isPending && <Loading label="Loading sessions…" />}
      {sessions.isError && (
        <ProblemAlert error={sessions.error} title="Could not load sessions" onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data &&
        (sessions.data.total === 0 ? (
          <EmptyList>{query.state ? "No sessions are in this state." : "No sessions have been planned yet."}</EmptyList>
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
