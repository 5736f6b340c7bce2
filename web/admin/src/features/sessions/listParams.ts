import type { SessionListQuery } from "../../api/types";
import { readPage, writePage } from "../../lib/paging";

/** The list's state filter and page live in the address, so reloads, links and Back keep them. */
export function readListParams(params: URLSearchParams): Required<Pick<SessionListQuery, "page" | "per_page">> &
  Pick<SessionListQuery, "state"> {
  return { state: params.get("state") || undefined, ...readPage(params) };
}

export function writeListParams(query: SessionListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  writePage(params, query.page, query.per_page);
  return params;
}
