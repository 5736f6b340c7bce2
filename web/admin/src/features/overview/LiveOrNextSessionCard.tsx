import { useId } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Session } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { StateBadge } from "../sessions/StateBadge";

/** The session running now, or else the next one households can join; a way to plan one when there is none. */
export function LiveOrNextSessionCard({ session }: { session: Session | null | undefined }) {
  const labelId = useId();
  const { t } = useTranslation("overview");
  const format = useFormat();
  const live = session?.state === "live";
  return (
    <div role="group" aria-labelledby={labelId} className="card">
      <p id={labelId} className="text-sm font-medium text-slate-600">
        {live ? t("liveSession") : t("nextSession")}
      </p>
      {session ? (
        <div className="mt-2 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <Link to={`/sessions/${session.id}`} className="text-lg font-semibold text-emerald-800 underline-offset-2 hover:underline">
              {session.title}
            </Link>
            <StateBadge state={session.state} />
          </p>
          <p className="text-sm text-slate-700">{format.dateTimeRange(session.starts_at, session.ends_at)}</p>
          <p className="text-sm text-slate-600">
            {t("householdsJoined", { count: session.participants, formatted: format.number(session.participants) })}
          </p>
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          <Trans
            t={t}
            i18nKey="noSession"
            components={{ plan: <Link to="/sessions/new" className="text-emerald-800 underline" /> }}
          />
        </p>
      )}
    </div>
  );
}
