import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { JoinedSession } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import type { SortColumn } from "../../lib/sorting";
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
  const { t } = useTranslation("users");
  const format = useFormat();
  const kwh = (value: number | null | undefined) => (value == null ? "—" : format.kwh(value));
  const percent = (value: number | null | undefined) => (value == null ? "—" : format.percent(value / 100));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("joined.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.title}>
              {t("joined.columns.session")}
            </SortableHeader>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.when}>
              {t("sessions:list.columns.when")}
            </SortableHeader>
            <SortableHeader {...header} {...JOINED_SESSION_SORTS.state}>
              {t("sessions:list.columns.state")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("joined.columns.result")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("sessions:power.baseline")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("sessions:power.actual")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("sessions:topSavers.saved")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("sessions:topSavers.percent")}</th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">{t("sessions:detail.actions")}</span>
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
              <td className="px-4 py-2 whitespace-nowrap">{format.dateTimeRange(session.starts_at, session.ends_at)}</td>
              <td className="px-4 py-2">
                <StateBadge state={session.state} />
              </td>
              <td className="px-4 py-2">
                {resultStatusName(result, t)}
                {result?.reason && <span className="block text-xs text-slate-600">{result.reason}</span>}
              </td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{kwh(result?.baseline_kwh)}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{kwh(result?.actual_kwh)}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{kwh(result?.saved_kwh)}</td>
              <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{percent(result?.percent_saved)}</td>
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
