import type { UserListQuery } from "../../api/types";

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The list's filter and page live in the address, so reloads, links and Back keep them. */
export function readListParams(params: URLSearchParams): Required<Pick<UserListQuery, "page" | "per_page">> &
  Pick<UserListQuery, "q" | "role"> {
  const perPage = positive(params.get("per_page"), DEFAULT_PAGE_SIZE);
  return {
    q: params.get("q") || undefined,
    role: params.get("role") || undefined,
    page: positive(params.get("page"), 1),
    per_page: Math.min(perPage, 100),
  };
}

export function writeListParams(query: UserListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.per_page && query.per_page !== DEFAULT_PAGE_SIZE) params.set("per_page", String(query.per_page));
  return params;
}
