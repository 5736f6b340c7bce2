import { useTranslation } from "react-i18next";
import type { Progress } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { BadgeTable } from "./BadgeTable";
import { GardenSummary } from "./GardenSummary";
import { LevelFigures } from "./LevelFigures";
import { useHouseholdProgress } from "./queries";
import { RebuildProgressButton } from "./RebuildProgressButton";
import { StreakFigures } from "./StreakFigures";

/** A household's level, Green Garden, streak and badges, as the household sees them in the app. */
export function HouseholdProgressSection({ userId, displayName }: { userId: string; displayName: string }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const progress = useHouseholdProgress(userId);
  const evaluatedAt = progress.data?.evaluated_at;
  return (
    <Section title={t("household.title")}>
      <div className="flex flex-wrap items-start gap-4">
        {progress.data && (
          <p className="text-sm text-slate-600">
            {evaluatedAt ? t("household.evaluatedAt", { when: format.dateTime(evaluatedAt) }) : t("household.neverEvaluated")}
          </p>
        )}
        <div className="ml-auto">
          <RebuildProgressButton userId={userId} displayName={displayName} />
        </div>
      </div>
      {progress.isPending && <Loading label={t("household.loading")} />}
      {progress.isError && (
        <ProblemAlert error={progress.error} title={t("household.loadFailed")} onRetry={() => void progress.refetch()} />
      )}
      {progress.data && <ProgressView progress={progress.data} />}
    </Section>
  );
}

function ProgressView({ progress }: { progress: Progress }) {
  const { t } = useTranslation("progress");
  const nothingYet = progress.garden.plants.length === 0 && progress.badges.every((badge) => badge.earned_at == null);
  return (
    <div className="space-y-6">
      <LevelFigures level={progress.level} />
      {nothingYet ? (
        <EmptyNote>{t("household.empty")}</EmptyNote>
      ) : (
        <>
          <GardenSummary garden={progress.garden} />
          <StreakFigures streak={progress.streak} />
          <BadgeTable badges={progress.badges} />
        </>
      )}
    </div>
  );
}
