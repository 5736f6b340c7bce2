// A list's order as the server's `sort` parameter spells it: a field name, with a leading "-"
// for descending. Each table says which of its columns the server can sort by.

/** One sortable column: the server's field name and the way a first click orders it. */
export interface SortColumn {
  field: string;
  /** Dates and amounts read best largest first; names A to Z. */
  firstDescending?: boolean;
}

export type SortDirection = "ascending" | "descending";

/** The field and direction of a `sort` value. */
export function readSort(sort: string): { field: string; direction: SortDirection } {
  return sort.startsWith("-")
    ? { field: sort.slice(1), direction: "descending" }
    : { field: sort, direction: "ascending" };
}

/** The order after choosing `column`: the other way round when it is the order already, else its first direction. */
export function nextSort(current: string, column: SortColumn): string {
  const { field, direction } = readSort(current);
  if (field === column.field) return direction === "ascending" ? `-${field}` : field;
  return column.firstDescending ? `-${column.field}` : column.field;
}

/** A `sort` value from the address when the list allows it, else the list's default. */
export function allowedSort(raw: string | null, allowed: readonly string[], fallback: string): string {
  if (!raw) return fallback;
  return allowed.includes(readSort(raw).field) ? raw : fallback;
}
