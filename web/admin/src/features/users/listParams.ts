import type { UserListQuery } from "../../api/types";
import { readPage, writePage } from "../../lib/paging";

/** The list's filter and page live in the address, so reloads, links and Back keep them. */
export function readListParams(params: URLSearchParams): Required<Pick<UserListQuery, "page" | "per_page">> &
  Pick<UserListQuery, "q" | "role"> {
  return {
    q: params.get("q") || undefined,
    role: params.get("role") || undefined,
    ...readPage(params),
  };
}

export function writeListParams(query: UserListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  writePage(params, query.page, query.per_page);
  return params;
}
