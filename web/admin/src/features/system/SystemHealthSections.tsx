import { useTranslation } from "react-i18next";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { FailedJobsPanel } from "./FailedJobsPanel";
import { HealthCards } from "./HealthCards";
import { useSystemHealth } from "./queries";

/** The health cards, from one answer that reloads every 15 seconds, and the failed jobs, if there is a queue. */
export function SystemHealthSections() {
  const health = useSystemHealth();
  const { t } = useTranslation("system");
  const format = useFormat();

  if (health.isPending) {
    return (
      <Section title={t("health.title")}>
        <Loading label={t("health.checking")} />
      </Section>
    );
  }
  const alert = health.isError && (
    <ProblemAlert
      error={health.error}
      title={health.data ? t("health.refreshFailed") : t("health.checkFailed")}
      onRetry={() => void health.refetch()}
    />
  );
  if (!health.data) {
    return <Section title={t("health.title")}>{alert}</Section>;
  }
  return (
    <>
      <Section title={t("health.title")}>
        {alert}
        <HealthCards health={health.data} />
        <p className="text-sm text-slate-600">
          {t("health.checkedAt", { time: format.clockTime(health.dataUpdatedAt) })}
        </p>
      </Section>
      <Section title={t("jobs.title")}>
        <FailedJobsPanel hasQueue={health.data.queue != null} />
      </Section>
    </>
  );
}
