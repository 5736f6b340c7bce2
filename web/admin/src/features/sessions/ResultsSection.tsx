import { useTranslation } from "react-i18next";
import type { Session, SessionResults } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { DownloadResultsButton } from "./DownloadResultsButton";
import { useSessionResults } from "./queries";
import { ResultFigures } from "./ResultFigures";
import { SavingsHistogram } from "./SavingsHistogram";
import { hasResults } from "./states";
import { TopSaversTable } from "./TopSaversTable";

export function ResultsSection({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  return (
    <Section title={t("results.title")}>
      {hasResults(session.state) ? (
        <SessionResultsView session={session} />
      ) : (
        <p className="text-sm text-slate-600">{t("results.notYet")}</p>
      )}
    </Section>
  );
}

function SessionResultsView({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const results = useSessionResults(session.id);
  if (results.isPending) return <Loading label={t("results.loading")} />;
  if (results.isError) {
    return <ProblemAlert error={results.error} title={t("results.loadFailed")} onRetry={() => void results.refetch()} />;
  }
  return <ResultsView session={session} results={results.data} />;
}

function ResultsView({ session, results }: { session: Session; results: SessionResults }) {
  const { t } = useTranslation("sessions");
  return (
    <div className="space-y-6">
      {session.state === "settling" && (
        <p className="text-sm text-slate-600">{t("results.settling")}</p>
      )}
      <ResultFigures results={results} />
      <div className="space-y-2">
        <h3 className="font-semibold">{t("results.distribution")}</h3>
        <SavingsHistogram buckets={results.percent_saved_distribution} />
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">{t("results.topSavers")}</h3>
        <TopSaversTable savers={results.top_savers} />
      </div>
      <DownloadResultsButton sessionId={session.id} />
    </div>
  );
}
