import { useTranslation } from "react-i18next";
import type { DataSource } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import type { SortColumn } from "../../lib/sorting";
import { hasRevocableKey } from "./permissions";
import { kindName } from "./sourceKinds";
import { SourceStatusBadge } from "./SourceStatusBadge";

/** The columns the server sorts the sources by. */
const SOURCE_SORTS = {
  name: { field: "name" },
  kind: { field: "kind" },
  lastReading: { field: "last_reading_at", firstDescending: true },
  readingsToday: { field: "readings_today", firstDescending: true },
  rejectedToday: { field: "rejected_today", firstDescending: true },
} satisfies Record<string, SortColumn>;

/** By name, as the server lists them unless asked otherwise. */
export const DEFAULT_SOURCE_SORT = "name";

interface Props {
  sources: DataSource[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
  /** Offers to revoke each source's key when given (superadmins). */
  onRevoke?: (source: DataSource) => void;
  revokeDisabled?: boolean;
}

export function SourcesTable({ sources, busy, sort, onSort, onRevoke, revokeDisabled = false }: Props) {
  const { t } = useTranslation("meterData");
  const format = useFormat();
  const header = { sort, onSort };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("sources.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...SOURCE_SORTS.name}>
              {t("create.name")}
            </SortableHeader>
            <SortableHeader {...header} {...SOURCE_SORTS.kind}>
              {t("sources.columns.kind")}
            </SortableHeader>
            <SortableHeader {...header} {...SOURCE_SORTS.lastReading}>
              {t("sources.columns.lastReading")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("sources.columns.lag")}</th>
            <SortableHeader {...header} {...SOURCE_SORTS.readingsToday} className="text-right">
              {t("sources.columns.readingsToday")}
            </SortableHeader>
            <SortableHeader {...header} {...SOURCE_SORTS.rejectedToday} className="text-right">
              {t("sources.columns.rejectedToday")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("sources.columns.status")}</th>
            {onRevoke && (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">{t("sessions:detail.actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {sources.map((source) => (
            <tr key={source.id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                {source.name}
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{kindName(source.kind, t)}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                {source.last_reading_at ? format.dateTime(source.last_reading_at) : t("users:account.never")}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                {source.lag_seconds == null ? "—" : format.duration(source.lag_seconds)}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(source.readings_today)}</td>
              <td
                className={`px-4 py-2 text-right tabular-nums ${source.rejected_today > 0 ? "font-medium text-red-700" : ""}`}
              >
                {format.number(source.rejected_today)}
              </td>
              <td className="px-4 py-2">
                <SourceStatusBadge revoked={source.revoked} />
              </td>
              {onRevoke && (
                <td className="px-4 py-2 text-right">
                  {hasRevocableKey(source) && (
                    <button
                      type="button"
                      className="btn-secondary whitespace-nowrap"
                      aria-label={t("sources.revokeLabel", { name: source.name })}
                      disabled={revokeDisabled}
                      onClick={() => onRevoke(source)}
                    >
                      {t("sources.revoke")}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
