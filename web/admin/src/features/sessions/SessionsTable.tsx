import { Link } from "react-router";
import type { Session } from "../../api/types";
import { formatNumber } from "../../lib/format";
import { useDateTimeRangeFormat } from "../programme/useProgramme";
import { StateBadge } from "./StateBadge";

export function SessionsTable({ sessions, busy }: { sessions: Session[]; busy: boolean }) {
  const formatRange = useDateTimeRangeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Sessions</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Title</th>
            <th scope="col" className="px-4 py-2 font-medium">When</th>
            <th scope="col" className="px-4 py-2 font-medium">State</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Participants</th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {sessions.map((session) => (
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
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(session.participants)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
