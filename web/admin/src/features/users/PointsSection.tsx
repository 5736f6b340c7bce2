import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerQuery } from "../../api/types";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { DEFAULT_PAGE_SIZE } from "../../lib/paging";
import { DEFAULT_LEDGER_SORT, PointsLedgerTable } from "./PointsLedgerTable";
import { useUserPoints } from "./queries";

export function PointsSection({ userId }: { userId: string }) {
  const [query, setQuery] = useState<Required<LedgerQuery>>({
    sort: DEFAULT_LEDGER_SORT,
    page: 1,
    per_page: DEFAULT_PAGE_SIZE,
  });
  const { t } = useTranslation("users");
  const format = useFormat();
  const points = useUserPoints(userId, query);
  return (
    <Section title={t("points.title")}>
      {points.isPending && <Loading label={t("points.loading")} />}
      {points.isError && (
        <ProblemAlert error={points.error} title={t("points.loadFailed")} onRetry={() => void points.refetch()} />
      )}
      {points.data && (
        <>
          <Figure
            label={t("points.balance")}
            value={t("common:points", { count: points.data.balance, formatted: format.number(points.data.balance) })}
            note={t("points.balanceNote")}
          />
          {points.data.total === 0 ? (
            <p className="text-sm text-slate-600">{t("points.none")}</p>
          ) : (
            <>
              <PointsLedgerTable
                entries={points.data.items}
                busy={points.isPlaceholderData}
                sort={query.sort}
                onSort={(sort) => setQuery({ ...query, sort, page: 1 })}
              />
              <Pagination
                label={t("points.pages")}
                page={points.data.page}
                perPage={points.data.per_page}
                total={points.data.total}
                onPageChange={(page) => setQuery({ ...query, page })}
                onPerPageChange={(per_page) => setQuery({ ...query, page: 1, per_page })}
              />
            </>
          )}
        </>
      )}
    </Section>
  );
}
