import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { Claim } from "../../api/types";
import { EmptyList } from "../../components/EmptyList";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { ClaimFilterSelect } from "./ClaimFilterSelect";
import { ClaimsTable } from "./ClaimsTable";
import { DecisionDialog } from "./DecisionDialog";
import { claimQuery, readClaimParams, writeClaimParams, type ClaimListParams } from "./listParams";
import { useClaimList } from "./queries";

/** The claims households made on meters; by default the ones waiting for a staff decision. */
export function ClaimsPage() {
  const { t } = useTranslation("claims");
  useDocumentTitle(t("title"));
  const [params, setParams] = useSearchParams();
  const current = readClaimParams(params);
  const claims = useClaimList(claimQuery(current));
  const [deciding, setDeciding] = useState<{ claim: Claim; approve: boolean } | null>(null);
  const [decided, setDecided] = useState<Claim | null>(null);
  const update = (change: Partial<ClaimListParams>) => setParams(writeClaimParams({ ...current, ...change }));

  return (
    <section aria-labelledby="claims-heading" className="space-y-4">
      <h1 id="claims-heading" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {decided && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("decide.done", { meter: decided.meter_id, status: decided.status })}
        </p>
      )}
      <ClaimFilterSelect filter={current.filter} onChange={(filter) => update({ filter, page: 1 })} />
      {claims.isPending && <Loading label={t("loading")} />}
      {claims.isError && (
        <ProblemAlert error={claims.error} title={t("loadFailed")} onRetry={() => void claims.refetch()} />
      )}
      {claims.data &&
        (claims.data.total === 0 ? (
          <EmptyList>{current.filter === "review" ? t("emptyReview") : t("empty")}</EmptyList>
        ) : (
          <>
            <ClaimsTable
              claims={claims.data.items}
              busy={claims.isPlaceholderData}
              onDecide={(claim, approve) => setDeciding({ claim, approve })}
            />
            <Pagination
              page={claims.data.page}
              perPage={claims.data.per_page}
              total={claims.data.total}
              onPageChange={(page) => update({ page })}
              onPerPageChange={(per_page) => update({ per_page, page: 1 })}
            />
          </>
        ))}
      {deciding && (
        <DecisionDialog
          key={deciding.claim.id}
          claim={deciding.claim}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
          onDecided={(claim) => {
            setDeciding(null);
            setDecided(claim);
          }}
        />
      )}
    </section>
  );
}
