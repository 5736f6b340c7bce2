import type { UserListQuery } from "../../api/types";
import { readPage, writePage } from "../../lib/paging";
import { allowedSort, type SortColumn } from "../../lib/sorting";

/** The columns the server sorts the user list by. */
export const USER_SORTS = {
  name: { field: "display_name" },
  email: { field: "email" },
  role: { field: "role" },
  registered: { field: "created_at", firstDescending: true },
  lastSignIn: { field: "last_login_at", firstDescending: true },
} satisfies Record<string, SortColumn>;

/** Newest accounts first, as the server lists them unless asked otherwise. */
export const DEFAULT_USER_SORT = "-created_at";

const sortFields = Object.values(USER_SORTS).map((column) => column.field);

type UserListParams = Required<Pick<UserListQuery, "page" | "per_page">> &
  Pick<UserListQuery, "q" | "role"> & { sort: string };

/** The list's filter, order and page live in the address, so reloads, links and Back keep them. */
export function readListParams(params: URLSearchParams): UserListParams {
  return {
    q: params.get("q") || undefined,
    role: params.get("role") || undefined,
    sort: allowedSort(params.get("sort"), sortFields, DEFAULT_USER_SORT),
    ...readPage(params),
  };
}

export function writeListParams(query: UserListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.sort && query.sort !== DEFAULT_USER_SORT) params.set("sort", query.sort);
  writePage(params, query.page, query.per_page);
  return params;
}
