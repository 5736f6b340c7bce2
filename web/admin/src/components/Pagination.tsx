import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/useFormat";
import { PAGE_SIZES } from "../lib/paging";

interface Props {
  page: number;
  perPage: number;
  total: number;
  onPageChange(page: number): void;
  onPerPageChange(perPage: number): void;
  /** Names the navigation when a page has more than one list (already translated). */
  label?: string;
}

/** Previous/next and the page size of a list paginated on the server. */
export function Pagination({ page, perPage, total, onPageChange, onPerPageChange, label }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const perPageId = useId();
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(page * perPage, total);
  return (
    <nav aria-label={label ?? t("pagination.label")} className="flex flex-wrap items-center gap-4 text-sm">
      <p aria-live="polite">
        {t("pagination.status", {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
          page: format.number(page),
          pages: format.number(pages),
        })}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={perPageId}>{t("pagination.perPage")}</label>
        <select
          id={perPageId}
          value={perPage}
          onChange={(e) => onPerPageChange(Number(e.target.value))}
          className="input w-auto"
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {format.number(size)}
            </option>
          ))}
        </select>
      </div>
      <div className="ml-auto flex gap-2">
        <button type="button" className="btn-secondary" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          {t("pagination.previous")}
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={page >= pages}
          onClick={() => onPageChange(page + 1)}
        >
          {t("pagination.next")}
        </button>
      </div>
    </nav>
  );
}
