import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Session } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import { SESSION_SORTS } from "./listParams";
import { StateBadge } from "./StateBadge";

interface Props {
  sessions: Session[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
}

export function SessionsTable({ sessions, busy, sort, onSort }: Props) {
  const header = { sort, onSort };
  const { t } = useTranslation("sessions");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("list.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...SESSION_SORTS.title}>
              {t("list.columns.title")}
            </SortableHeader>
            <SortableHeader {...header} {...SESSION_SORTS.when}>
              {t("list.columns.when")}
            </SortableHeader>
            <SortableHeader {...header} {...SESSION_SORTS.state}>
              {t("list.columns.state")}
            </SortableHeader>
            <SortableHeader {...header} {...SESSION_SORTS.participants} className="text-right">
              {t("list.columns.participants")}
            </SortableHeader>
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
              <td className="px-4 py-2 whitespace-nowrap">{format.dateTimeRange(session.starts_at, session.ends_at)}</td>
              <td className="px-4 py-2">
                <StateBadge state={session.state} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{format.number(session.participants)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
