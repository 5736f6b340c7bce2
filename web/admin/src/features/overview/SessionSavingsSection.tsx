import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { SessionSavingsChart } from "./SessionSavingsChart";
import { useOverviewSessions } from "./useOverview";

export function SessionSavingsSection() {
  const sessions = useOverviewSessions();
  return (
    <Section title="kWh saved per session">
      {sessions.isPending && <Loading label="Loading the sessions' savings…" />}
      {sessions.isError && (
        <ProblemAlert
          error={sessions.error}
          title="Could not load the sessions' savings"
          onRetry={() => void sessions.refetch()}
        />
      )}
      {sessions.data &&
        (sessions.data.length === 0 ? (
          <p className="text-sm text-slate-600">No session has been settled yet.</p>
        ) : (
          <SessionSavingsChart sessions={sessions.data} />
        ))}
    </Section>
  );
}
