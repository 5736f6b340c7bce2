import type { PointsEntry } from "../../api/types";
import { formatSignedNumber } from "../../lib/format";
import { useDateTimeFormat } from "../programme/useProgramme";
import { pointsReasonName } from "./pointsReasons";

export function PointsLedgerTable({ entries, busy }: { entries: PointsEntry[]; busy: boolean }) {
  const formatDateTime = useDateTimeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Green Points ledger</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Added</th>
            <th scope="col" className="px-4 py-2 font-medium">Reason</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Points</th>
            <th scope="col" className="px-4 py-2 font-medium">Note</th>
            <th scope="col" className="px-4 py-2 font-medium">Reference</th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {entries.map((entry) => (
            <tr key={`${entry.reason}:${entry.reference}:${entry.created_at}`} className="border-t border-slate-100">
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(entry.created_at)}</td>
              <th scope="row" className="px-4 py-2 font-normal">
                {pointsReasonName(entry.reason)}
              </th>
              <td
                className={`px-4 py-2 text-right font-medium tabular-nums ${entry.points < 0 ? "text-red-700" : "text-emerald-800"}`}
              >
                {formatSignedNumber(entry.points)}
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
