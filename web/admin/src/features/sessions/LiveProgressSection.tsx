import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { LiveProgress, Session } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useClockTimeFormat } from "../programme/useProgramme";
import { LiveFigures } from "./LiveFigures";
import { powerRows } from "./livePeriods";
import { PowerChart } from "./PowerChart";
import { sessionKeys } from "./queries";
import { useLiveProgress, type LiveConnection } from "./useLiveProgress";

function ConnectionNote({ connection, receivedAt }: { connection: LiveConnection; receivedAt: number | null }) {
  const formatClockTime = useClockTimeFormat();
  if (connection.status === "failed") {
    return <ProblemAlert error={connection.error} title="The live figures are not available" />;
  }
  const state = connection.status === "reconnecting" ? "Connection lost; reconnecting…" : "Updates as readings arrive.";
  const last = receivedAt === null ? "" : ` Last update at ${formatClockTime(receivedAt)}.`;
  return <p className="text-sm text-slate-600">{state + last}</p>;
}

/** The power chart, or why there is none: with no participant or no half hour, it would be bare axes. */
function LiveChart({ progress }: { progress: LiveProgress }) {
  if (progress.participants === 0) return <EmptyNote>No participants with a baseline yet.</EmptyNote>;
  if (progress.periods.length === 0) return <EmptyNote>No half hours of the session to chart yet.</EmptyNote>;
  return <PowerChart rows={powerRows(progress.periods)} />;
}

/** The programme's aggregate while the session runs and after, as the server streams it. */
export function LiveProgressSection({ session }: { session: Session }) {
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
    <Section title="Live progress">
      <ConnectionNote connection={connection} receivedAt={receivedAt} />
      {!progress && connection.status !== "failed" && <Loading label="Waiting for the live figures…" />}
      {progress && (
        <>
          <LiveFigures progress={progress} />
          <LiveChart progress={progress} />
        </>
      )}
    </Section>
  );
}
