// Page sizes and page numbers shared by the paginated lists; the server serves at most 100 a page.

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** A positive whole number from the address, or `fallback`. */
export function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The page and page size from the address, within the server's limits. */
export function readPage(params: URLSearchParams): { page: number; per_page: number } {
  return {
    page: positiveInt(params.get("page"), 1),
    per_page: Math.min(positiveInt(params.get("per_page"), DEFAULT_PAGE_SIZE), 100),
  };
}

/** Writes the page and page size into `params`, leaving out the defaults. */
export function writePage(params: URLSearchParams, page: number | undefined, perPage: number | undefined) {
  if (page && page > 1) params.set("page", String(page));
  if (perPage && perPage !== DEFAULT_PAGE_SIZE) params.set("per_page", String(perPage));
}
