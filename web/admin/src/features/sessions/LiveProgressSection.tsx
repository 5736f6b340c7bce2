import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { LiveProgress, Session } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { LiveFigures } from "./LiveFigures";
import { powerRows } from "./livePeriods";
import { PowerChart } from "./PowerChart";
import { sessionKeys } from "./queries";
import { useLiveProgress, type LiveConnection } from "./useLiveProgress";

function ConnectionNote({ connection, receivedAt }: { connection: LiveConnection; receivedAt: number | null }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  if (connection.status === "failed") {
    return <ProblemAlert error={connection.error} title={t("live.unavailable")} />;
  }
  const state = connection.status === "reconnecting" ? t("live.reconnecting") : t("live.updates");
  return (
    <p className="text-sm text-slate-600">
      {state}
      {receivedAt !== null && ` ${t("live.lastUpdate", { time: format.clockTime(receivedAt) })}`}
    </p>
  );
}

/** The power chart, or why there is none: with no participant or no half hour, it would be bare axes. */
function LiveChart({ progress }: { progress: LiveProgress }) {
  const { t } = useTranslation("sessions");
  if (progress.participants === 0) return <EmptyNote>{t("live.noParticipants")}</EmptyNote>;
  if (progress.periods.length === 0) return <EmptyNote>{t("live.noPeriods")}</EmptyNote>;
  return <PowerChart rows={powerRows(progress.periods)} />;
}

/** The programme's aggregate while the session runs and after, as the server streams it. */
export function LiveProgressSection({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const { progress, receivedAt, connection } = useLiveProgress(session.id);
  const queryClient = useQueryClient();
  const streamedState = progress?.state;

  useEffect(() => {
    // The session moved on (live → settling → final): its page shows the new state and results.
    if (streamedState && streamedState !== session.state) {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) });
    }
  }, [streamedState, session.state, session.id, queryClient]);

  return (
    <Section title={t("live.title")}>
      <ConnectionNote connection={connection} receivedAt={receivedAt} />
      {!progress && connection.status !== "failed" && <Loading label={t("live.waiting")} />}
      {progress && (
        <>
          <LiveFigures progress={progress} />
          <LiveChart progress={progress} />
        </>
      )}
    </Section>
  );
}
