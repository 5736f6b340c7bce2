import { Link } from "react-router";
import type { JoinedSession } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { formatQuantity } from "../../lib/format";
import type { SortColumn } from "../../lib/sorting";
import { useDateTimeRangeFormat } from "../programme/useProgramme";
import { hasResults } from "../sessions/states";
import { StateBadge } from "../sessions/StateBadge";
import { RecomputeButton } from "./RecomputeButton";
import { resultStatusName } from "./resultStatus";

/** The columns the server sorts a household's joined sessions by. */
const JOINED_SESSION_SORTS = {
  title: { field: "title" },
  when: { field: "starts_at", firstDescending: true },
  state: { field: "state" },
} satisfies Record<string, SortColumn>;

/** Latest start first, as the server lists joined sessions unless asked otherwise. */
export const DEFAULT_JOINED_SESSION_SORT = "-starts_at";

function quantity(value: number | null | undefined, unit: string, fractionDigits?: number): string {
  return value == null ? "—" : formatQuantity(value, unit, fractionDigits);
}

interface Props {
  /** The household's account, whose results the rows show. */
  userId: string;
  items: JoinedSession[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
}

export function JoinedSessionsTable({ userId, items, busy, sort, onSort }: Props) {
  const header = { sort, onSort };
  const formatRange = useDateTimeRangeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Sessions joined</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.title}>
              Session
            </SortableHeader>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.when}>
              When
            </SortableHeader>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.state}>
              State
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">Result</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Baseline</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Actual</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Saved</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">% of baseline</th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {items.map(({ session, result }) => (
            <tr key={session.id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                <Link to={`/sessions/${session.id}`} className="text-emerald-800 underline-offset-2 hover:underline">
                  {session.title}
                </Link>
              </th>
              <td className="px-4 py-2 whitespace-nowrap">{formatRange(session.starts_at, session.ends_at)}</td>
              <td className="px-4 py-2">
                <StateBadge state={session.state} />
              </td>
              <td className="px-4 py-2">
                {resultStatusName(result)}
                {result?.reason && <span className="block text-xs text-slate-600">{result.reason}</span>}
              </td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{quantity(result?.baseline_kwh, "kWh")}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{quantity(result?.actual_kwh, "kWh")}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{quantity(result?.saved_kwh, "kWh")}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{quantity(result?.percent_saved, "%", 1)}</td>
              <td className="px-4 py-2">
                {result && hasResults(session.state) && (
                  <RecomputeButton userId={userId} sessionId={session.id} sessionTitle={session.title} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
