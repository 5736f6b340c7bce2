import type { SessionListQuery } from "../../api/types";
import { readPage, writePage } from "../../lib/paging";
import { allowedSort, type SortColumn } from "../../lib/sorting";

/** The columns the server sorts the session list by. */
export const SESSION_SORTS = {
  title: { field: "title" },
  when: { field: "starts_at", firstDescending: true },
  state: { field: "state" },
  participants: { field: "participants", firstDescending: true },
} satisfies Record<string, SortColumn>;

/** Latest start first, as the server lists them unless asked otherwise. */
export const DEFAULT_SESSION_SORT = "-starts_at";

const sortFields = Object.values(SESSION_SORTS).map((column) => column.field);

/** The list's state filter, order and page live in the address, so reloads, links and Back keep them. */
export function readListParams(params: URLSearchParams): Required<Pick<SessionListQuery, "page" | "per_page">> &
  Pick<SessionListQuery, "state"> & { sort: string } {
  return {
    state: params.get("state") || undefined,
    sort: allowedSort(params.get("sort"), sortFields, DEFAULT_SESSION_SORT),
    ...readPage(params),
  };
}

export function writeListParams(query: SessionListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (query.sort && query.sort !== DEFAULT_SESSION_SORT) params.set("sort", query.sort);
  writePage(params, query.page, query.per_page);
  return params;
}
