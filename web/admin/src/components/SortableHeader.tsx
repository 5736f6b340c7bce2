import type { ReactNode } from "react";
import { nextSort, readSort, type SortColumn } from "../lib/sorting";

interface Props extends SortColumn {
  children: ReactNode;
  /** The list's current order (`field` or `-field`). */
  sort: string;
  onSort(sort: string): void;
  className?: string;
}

/**
 * A column header that sorts its table on the server: a button that turns the order round, and
 * `aria-sort` on the header cell that has the order, so people and tests know which it is.
 */
export function SortableHeader({ children, sort, onSort, field, firstDescending, className = "" }: Props) {
  const current = readSort(sort);
  const direction = current.field === field ? current.direction : undefined;
  const arrow = direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕";
  return (
    <th scope="col" aria-sort={direction} className={`px-4 py-2 font-medium ${className}`}>
      <button
        type="button"
        onClick={() => onSort(nextSort(sort, { field, firstDescending }))}
        className="inline-flex items-center gap-1 rounded font-medium hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-700"
      >
        {children}
        <span aria-hidden="true" className={direction ? "text-slate-900" : "text-slate-400"}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
