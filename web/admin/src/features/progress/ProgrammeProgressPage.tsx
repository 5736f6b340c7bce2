import { useTranslation } from "react-i18next";
import type { ProgrammeProgress } from "../../api/types";
import { EmptyList } from "../../components/EmptyList";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { BadgeAwardsTable } from "./BadgeAwardsTable";
import { GardenHealthTable } from "./GardenHealthTable";
import { LevelDistributionChart } from "./LevelDistributionChart";
import { useProgrammeProgress } from "./queries";

/** Levels, garden health and badges across every household, as last evaluated. */
export function ProgrammeProgressPage() {
  const { t } = useTranslation("progress");
  useDocumentTitle(t("programme.title"));
  const progress = useProgrammeProgress();
  return (
    <section aria-labelledby="progress-heading" className="space-y-4">
      <h1 id="progress-heading" className="text-2xl font-semibold">
        {t("programme.title")}
      </h1>
      {progress.isPending && <Loading label={t("programme.loading")} />}
      {progress.isError && (
        <ProblemAlert error={progress.error} title={t("programme.loadFailed")} onRetry={() => void progress.refetch()} />
      )}
      {progress.data &&
        (progress.data.evaluated_at == null || progress.data.households === 0 ? (
          <EmptyList>{t("programme.none")}</EmptyList>
        ) : (
          <ProgrammeProgressView progress={progress.data} evaluatedAt={progress.data.evaluated_at} />
        ))}
    </section>
  );
}

function ProgrammeProgressView({ progress, evaluatedAt }: { progress: ProgrammeProgress; evaluatedAt: string }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const sinceSeconds = (Date.now() - new Date(evaluatedAt).getTime()) / 1000;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Figure label={t("programme.households")} value={format.number(progress.households)} />
        <Figure
          label={t("programme.evaluatedAt")}
          value={format.dateTime(evaluatedAt)}
          note={t("programme.evaluatedAgo", { ago: format.duration(sinceSeconds) })}
        />
      </div>
      <Section title={t("programme.levels.title")}>
        <LevelDistributionChart levels={progress.levels} />
      </Section>
      <Section title={t("programme.health.title")}>
        <GardenHealthTable health={progress.health} households={progress.households} />
      </Section>
      <Section title={t("programme.badges.title")}>
        <BadgeAwardsTable badges={progress.badges} />
      </Section>
    </>
  );
}
