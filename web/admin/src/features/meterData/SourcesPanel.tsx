import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DataSource, SourceListQuery } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { DEFAULT_PAGE_SIZE } from "../../lib/paging";
import { useRevokeSource, useSources } from "./queries";
import { DEFAULT_SOURCE_SORT, SourcesTable } from "./SourcesTable";
import { EmptyList } from "../../components/EmptyList";

/** The data sources with their lag and today's counts, paged and sorted on the server; superadmins may revoke API keys here. */
export function SourcesPanel({ canRevoke }: { canRevoke: boolean }) {
  const [query, setQuery] = useState<Required<SourceListQuery>>({
    sort: DEFAULT_SOURCE_SORT,
    page: 1,
    per_page: DEFAULT_PAGE_SIZE,
  });
  const { t } = useTranslation("meterData");
  const sources = useSources(query);
  const revoke = useRevokeSource();
  const [revoking, setRevoking] = useState<DataSource | null>(null);

  if (sources.isPending) return <Loading label={t("sources.loading")} />;
  if (sources.isError) {
    return (
      <ProblemAlert error={sources.error} title={t("sources.loadFailed")} onRetry={() => void sources.refetch()} />
    );
  }
  return (
    <div className="space-y-3">
      {sources.data.total === 0 ? (
        <EmptyList>{t("sources.none")}</EmptyList>
      ) : (
        <>
          <SourcesTable
            sources={sources.data.items}
            busy={sources.isPlaceholderData}
            sort={query.sort}
            onSort={(sort) => setQuery({ ...query, sort, page: 1 })}
            onRevoke={canRevoke ? setRevoking : undefined}
            revokeDisabled={revoke.isPending}
          />
          <p className="text-sm text-slate-600">{t("sources.todayNote")}</p>
          <Pagination
            label={t("sources.pages")}
            page={sources.data.page}
            perPage={sources.data.per_page}
            total={sources.data.total}
            onPageChange={(page) => setQuery({ ...query, page })}
            onPerPageChange={(per_page) => setQuery({ ...query, page: 1, per_page })}
          />
        </>
      )}
      {revoke.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {t("sources.keyRevoked", { name: revoke.variables.name })}
        </p>
      )}
      {revoke.isError && <ProblemAlert error={revoke.error} title={t("sources.revokeFailed")} />}
      {revoking && (
        <ConfirmDialog
          title={t("sources.revokeQuestion", { name: revoking.name })}
          confirmLabel={t("sources.revoke")}
          tone="danger"
          onConfirm={() => {
            revoke.mutate(revoking);
            setRevoking(null);
          }}
          onCancel={() => setRevoking(null)}
        >
          {t("sources.revokeExplanation")}
        </ConfirmDialog>
      )}
    </div>
  );
}
