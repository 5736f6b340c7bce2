import type { DeadLetterQuery } from "../../api/types";
import { positiveInt, readPage, writePage } from "../../lib/paging";
import { allowedSort, type SortColumn } from "../../lib/sorting";

/** The columns the server sorts the dead letters by. */
export const DEAD_LETTER_SORTS = {
  received: { field: "received_at", firstDescending: true },
  source: { field: "source_name" },
  reason: { field: "reason" },
} satisfies Record<string, SortColumn>;

/** Newest first, as the server lists them unless asked otherwise. */
export const DEFAULT_DEAD_LETTER_SORT = "-received_at";

const sortFields = Object.values(DEAD_LETTER_SORTS).map((column) => column.field);

/** The dead-letter filter, order and page live in the address, so reloads, links and Back keep them. */
export function readDeadLetterParams(
  params: URLSearchParams,
): Required<Pick<DeadLetterQuery, "page" | "per_page">> & Pick<DeadLetterQuery, "source_id"> & { sort: string } {
  const source = positiveInt(params.get("source"), 0);
  return {
    source_id: source || undefined,
    sort: allowedSort(params.get("sort"), sortFields, DEFAULT_DEAD_LETTER_SORT),
    ...readPage(params),
  };
}

export function writeDeadLetterParams(query: DeadLetterQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.source_id) params.set("source", String(query.source_id));
  if (query.sort && query.sort !== DEFAULT_DEAD_LETTER_SORT) params.set("sort", query.sort);
  writePage(params, query.page, query.per_page);
  return params;
}
