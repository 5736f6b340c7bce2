import type { DeadLetterQuery } from "../../api/types";
import { positiveInt, readPage, writePage } from "../../lib/paging";

/** The dead-letter filter and page live in the address, so reloads, links and Back keep them. */
export function readDeadLetterParams(
  params: URLSearchParams,
): Required<Pick<DeadLetterQuery, "page" | "per_page">> & Pick<DeadLetterQuery, "source_id"> {
  const source = positiveInt(params.get("source"), 0);
  return { source_id: source || undefined, ...readPage(params) };
}

export function writeDeadLetterParams(query: DeadLetterQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.source_id) params.set("source", String(query.source_id));
  writePage(params, query.page, query.per_page);
  return params;
}
