import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PageQuery } from "../../api/types";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { SessionSavingsChart } from "./SessionSavingsChart";
import { useOverviewSessions } from "./useOverview";

export function SessionSavingsSection() {
  const { t } = useTranslation("overview");
  const [query, setQuery] = useState<PageQuery>({ page: 1, per_page: 10 });
  const sessions = useOverviewSessions(query);
  return (
    <Section title={t("savings.title")}>
      {sessions.isPending && <Loading label={t("savings.loading")} />}
      {sessions.isError && (
        <ProblemAlert error={sessions.error} title={t("savings.loadFailed")} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data &&
        (sessions.data.total === 0 ? (
          <p className="text-sm text-slate-600">{t("savings.none")}</p>
        ) : (
          <div aria-busy={sessions.isPlaceholderData} className={sessions.isPlaceholderData ? "opacity-60" : undefined}>
            {/* The server pages latest first; the chart reads left to right, oldest first. */}
            <SessionSavingsChart sessions={[...sessions.data.items].reverse()} />
            <Pagination
              label={t("savings.pages")}
              page={sessions.data.page}
              perPage={sessions.data.per_page}
              total={sessions.data.total}
              onPageChange={(page) => setQuery({ ...query, page })}
              onPerPageChange={(per_page) => setQuery({ page: 1, per_page })}
            />
          </div>
        ))}
    </Section>
  );
}
