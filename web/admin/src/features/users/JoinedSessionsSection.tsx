import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { JoinedSessionQuery } from "../../api/types";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { DEFAULT_PAGE_SIZE } from "../../lib/paging";
import { DEFAULT_JOINED_SESSION_SORT, JoinedSessionsTable } from "./JoinedSessionsTable";
import { useUserSessions } from "./queries";

export function JoinedSessionsSection({ userId }: { userId: string }) {
  const [query, setQuery] = useState<Required<JoinedSessionQuery>>({
    sort: DEFAULT_JOINED_SESSION_SORT,
    page: 1,
    per_page: DEFAULT_PAGE_SIZE,
  });
  const { t } = useTranslation("users");
  const sessions = useUserSessions(userId, query);
  return (
    <Section title={t("joined.title")}>
      {sessions.isPending && <Loading label={t("joined.loading")} />}
      {sessions.isError && (
        <ProblemAlert error={sessions.error} title={t("joined.loadFailed")} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data &&
        (sessions.data.total === 0 ? (
          <p className="text-sm text-slate-600">{t("joined.none")}</p>
        ) : (
          <>
            <JoinedSessionsTable
              userId={userId}
              items={sessions.data.items}
              busy={sessions.isPlaceholderData}
              sort={query.sort}
              onSort={(sort) => setQuery({ ...query, sort, page: 1 })}
            />
            <Pagination
              label={t("joined.pages")}
              page={sessions.data.page}
              perPage={sessions.data.per_page}
              total={sessions.data.total}
              onPageChange={(page) => setQuery({ ...query, page })}
              onPerPageChange={(per_page) => setQuery({ ...query, page: 1, per_page })}
            />
          </>
        ))}
    </Section>
  );
}
