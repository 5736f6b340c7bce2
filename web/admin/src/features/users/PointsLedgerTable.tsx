import { useTranslation } from "react-i18next";
import type { PointsEntry } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import type { SortColumn } from "../../lib/sorting";
import { pointsReasonName } from "./pointsReasons";

/** The columns the server sorts a ledger by. */
const LEDGER_SORTS = {
  added: { field: "created_at", firstDescending: true },
  reason: { field: "reason" },
  points: { field: "points", firstDescending: true },
} satisfies Record<string, SortColumn>;

/** Newest first, as the server lists a ledger unless asked otherwise. */
export const DEFAULT_LEDGER_SORT = "-created_at";

interface Props {
  entries: PointsEntry[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
}

export function PointsLedgerTable({ entries, busy, sort, onSort }: Props) {
  const header = { sort, onSort };
  const { t } = useTranslation("users");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("points.ledger")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...LEDGER_SORTS.added}>
              {t("points.columns.added")}
            </SortableHeader>
            <SortableHeader {...header} {...LEDGER_SORTS.reason}>
              {t("points.columns.reason")}
            </SortableHeader>
            <SortableHeader {...header} {...LEDGER_SORTS.points} className="text-right">
              {t("points.columns.points")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("points.columns.note")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("points.columns.reference")}</th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {entries.map((entry) => (
            <tr key={`${entry.reason}:${entry.reference}:${entry.created_at}`} className="border-t border-slate-100">
              <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(entry.created_at)}</td>
              <th scope="row" className="px-4 py-2 font-normal">
                {pointsReasonName(entry.reason, t)}
              </th>
              <td
                className={`px-4 py-2 text-right font-medium tabular-nums ${entry.points < 0 ? "text-red-700" : "text-emerald-800"}`}
              >
                {format.signedNumber(entry.points)}
              </td>
              <td className="px-4 py-2">{entry.note ?? "—"}</td>
              <td className="px-4 py-2 font-mono text-xs break-all">{entry.reference}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
