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
  return (
    <Section title="Results">
      {hasResults(session.state) ? (
        <SessionResultsView session={session} />
      ) : (
        <p className="text-sm text-slate-600">Results appear here once the session has been settled.</p>
      )}
    </Section>
  );
}

function SessionResultsView({ session }: { session: Session }) {
  const results = useSessionResults(session.id);
  if (results.isPending) return <Loading label="Loading the results…" />;
  if (results.isError) {
    return <ProblemAlert error={results.error} title="Could not load the results" onRetry={() => void results.refetch()} />;
  }
  return <ResultsView session={session} results={results.data} />;
}

function ResultsView({ session, results }: { session: Session; results: SessionResults }) {
  return (
    <div className="space-y-6">
      {session.state === "settling" && (
        <p className="text-sm text-slate-600">The session is being settled: late readings may still change these figures.</p>
      )}
      <ResultFigures results={results} />
      <div className="space-y-2">
        <h3 className="font-semibold">Distribution of % saved</h3>
        <SavingsHistogram buckets={results.percent_saved_distribution} />
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">Top savers</h3>
        <TopSaversTable savers={results.top_savers} />
      </div>
      <DownloadResultsButton sessionId={session.id} />
    </div>
  );
}
