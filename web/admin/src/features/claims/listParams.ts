import type { ClaimListQuery } from "../../api/types";
import { readPage, writePage } from "../../lib/paging";

/** The statuses a claim can have, as the filter offers them after the review queue and "all". */
export const CLAIM_STATUSES = ["review", "approved", "rejected", "linked", "refused"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The filter's choices: one status, or every claim whatever its status. */
export type ClaimFilter = ClaimStatus | "all";

/** The page opens on the claims waiting for staff. */
export const DEFAULT_CLAIM_FILTER: ClaimFilter = "review";

export interface ClaimListParams {
  filter: ClaimFilter;
  page: number;
  per_page: number;
}

function readFilter(raw: string | null): ClaimFilter {
  if (raw === "all") return "all";
  return (CLAIM_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as ClaimStatus) : DEFAULT_CLAIM_FILTER;
}

/** The filter and page live in the address, so reloads, links and Back keep them. */
export function readClaimParams(params: URLSearchParams): ClaimListParams {
  return { filter: readFilter(params.get("status")), ...readPage(params) };
}

export function writeClaimParams({ filter, page, per_page }: ClaimListParams): URLSearchParams {
  const params = new URLSearchParams();
  if (filter !== DEFAULT_CLAIM_FILTER) params.set("status", filter);
  writePage(params, page, per_page);
  return params;
}

/** What the server is asked: no status at all for "all". */
export function claimQuery({ filter, page, per_page }: ClaimListParams): ClaimListQuery {
  return filter === "all" ? { page, per_page } : { status: filter, page, per_page };
}
