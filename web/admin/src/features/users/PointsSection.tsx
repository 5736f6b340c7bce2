import { useState } from "react";
import type { LedgerQuery } from "../../api/types";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { formatNumber } from "../../lib/format";
import { DEFAULT_PAGE_SIZE } from "../../lib/paging";
import { DEFAULT_LEDGER_SORT, PointsLedgerTable } from "./PointsLedgerTable";
import { useUserPoints } from "./queries";

export function PointsSection({ userId }: { userId: string }) {
  const [query, setQuery] = useState<Required<LedgerQuery>>({
    sort: DEFAULT_LEDGER_SORT,
    page: 1,
    per_page: DEFAULT_PAGE_SIZE,
  });
  const points = useUserPoints(userId, query);
  return (
    <Section title="Green Points">
      {points.isPending && <Loading label="Loading the Green Points…" />}
      {points.isError && (
        <ProblemAlert error={points.error} title="Could not load the Green Points" onRetry={() => void points.refetch()} />
      )}
      {points.data && (
        <>
          <Figure label="Balance" value={`${formatNumber(points.data.balance)} points`} note="Sum of the whole ledger" />
          {points.data.total === 0 ? (
            <p className="text-sm text-slate-600">No Green Points have been added to this household yet.</p>
          ) : (
            <>
              <PointsLedgerTable
                entries={points.data.items}
                busy={points.isPlaceholderData}
                sort={query.sort}
                onSort={(sort) => setQuery({ ...query, sort, page: 1 })}
              />
              <Pagination
                label="Green Points ledger pages"
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
