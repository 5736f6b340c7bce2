import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { DeadLetterQuery } from "../../api/types";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { readDeadLetterParams, writeDeadLetterParams } from "./deadLetterParams";
import { DeadLetterTable } from "./DeadLetterTable";
import { useDeadLetters, useSourceOptions } from "./queries";
import { EmptyList } from "../../components/EmptyList";

/** Messages that could not be read, optionally of one source, paged and sorted on the server. */
export function DeadLettersPanel() {
  const { t } = useTranslation("meterData");
  const filterId = useId();
  const sources = useSourceOptions().data ?? [];
  const [params, setParams] = useSearchParams();
  const query = readDeadLetterParams(params);
  const letters = useDeadLetters(query);
  const update = (change: Partial<DeadLetterQuery>) => setParams(writeDeadLetterParams({ ...query, ...change }));

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("deadLetters.intro")}</p>
      <div className="max-w-xs">
        <label htmlFor={filterId} className="mb-1 block text-sm font-medium">
          {t("deadLetters.columns.source")}
        </label>
        <select
          id={filterId}
          value={query.source_id ?? ""}
          onChange={(e) => update({ source_id: Number(e.target.value) || undefined, page: 1 })}
          className="input"
        >
          <option value="">{t("deadLetters.allSources")}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
      </div>
      {letters.isPending && <Loading label={t("deadLetters.loading")} />}
      {letters.isError && (
        <ProblemAlert error={letters.error} title={t("deadLetters.loadFailed")} onRetry={() => void letters.refetch()} />
      )}
      {letters.data &&
        (letters.data.total === 0 ? (
          <EmptyList>{query.source_id ? t("deadLetters.noneFromSource") : t("deadLetters.none")}</EmptyList>
        ) : (
          <>
            <DeadLetterTable
              letters={letters.data.items}
              busy={letters.isPlaceholderData}
              sort={query.sort}
              onSort={(sort) => update({ sort, page: 1 })}
            />
            <Pagination
              page={letters.data.page}
              perPage={letters.data.per_page}
              total={letters.data.total}
              onPageChange={(page) => update({ page })}
              onPerPageChange={(per_page) => update({ per_page, page: 1 })}
            />
          </>
        ))}
    </div>
  );
}
