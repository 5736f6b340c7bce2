import type { DataSource } from "../../api/types";
import { formatDuration, formatNumber } from "../../lib/format";
import { useDateTimeFormat } from "../programme/useProgramme";
import { hasRevocableKey } from "./permissions";
import { kindName } from "./sourceKinds";
import { SourceStatusBadge } from "./SourceStatusBadge";

interface Props {
  sources: DataSource[];
  /** Offers to revoke each source's key when given (superadmins). */
  onRevoke?: (source: DataSource) => void;
  revokeDisabled?: boolean;
}

export function SourcesTable({ sources, onRevoke, revokeDisabled = false }: Props) {
  const formatDateTime = useDateTimeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Data sources</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Kind</th>
            <th scope="col" className="px-4 py-2 font-medium">Last reading</th>
            <th scope="col" className="px-4 py-2 font-medium">Lag</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Readings today</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Rejects today</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            {onRevoke && (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                {source.name}
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{kindName(source.kind)}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                {source.last_reading_at ? formatDateTime(source.last_reading_at) : "Never"}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">
                {source.lag_seconds == null ? "—" : formatDuration(source.lag_seconds)}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(source.readings_today)}</td>
              <td
                className={`px-4 py-2 text-right tabular-nums ${source.rejected_today > 0 ? "font-medium text-red-700" : ""}`}
              >
                {formatNumber(source.rejected_today)}
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
                      aria-label={`Revoke the API key of ${source.name}`}
                      disabled={revokeDisabled}
                      onClick={() => onRevoke(source)}
                    >
                      Revoke key
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
