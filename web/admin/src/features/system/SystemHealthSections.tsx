import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useClockTimeFormat } from "../programme/useProgramme";
import { FailedJobsPanel } from "./FailedJobsPanel";
import { HealthCards } from "./HealthCards";
import { useSystemHealth } from "./queries";

/** The health cards, from one answer that reloads every 15 seconds, and the failed jobs, if there is a queue. */
export function SystemHealthSections() {
  const health = useSystemHealth();
  const formatClockTime = useClockTimeFormat();

  if (health.isPending) {
    return (
      <Section title="Health">
        <Loading label="Checking the system's health…" />
      </Section>
    );
  }
  const alert = health.isError && (
    <ProblemAlert
      error={health.error}
      title={health.data ? "Could not refresh the system's health" : "Could not check the system's health"}
      onRetry={() => void health.refetch()}
    />
  );
  if (!health.data) {
    return <Section title="Health">{alert}</Section>;
  }
  return (
    <>
      <Section title="Health">
        {alert}
        <HealthCards health={health.data} />
        <p className="text-sm text-slate-600">
          Checked at {formatClockTime(health.dataUpdatedAt)}; checked again every 15 seconds.
        </p>
      </Section>
      <Section title="Failed jobs">
        <FailedJobsPanel hasQueue={health.data.queue != null} />
      </Section>
    </>
  );
}
