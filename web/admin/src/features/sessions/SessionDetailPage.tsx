import { Link, useParams } from "react-router";
import type { Session } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { LiveProgressSection } from "./LiveProgressSection";
import { PlanFacts } from "./PlanFacts";
import { useSession } from "./queries";
import { ResultsSection } from "./ResultsSection";
import { SessionActions } from "./SessionActions";
import { hasLiveProgress } from "./states";
import { StateBadge } from "./StateBadge";

export function SessionDetailPage() {
  const { id = "" } = useParams();
  const session = useSession(id);
  useDocumentTitle(session.data?.title ?? "Session");

  return (
    <div className="space-y-6">
      <Link to="/sessions" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        ← All sessions
      </Link>
      {session.isPending && <Loading label="Loading the session…" />}
      {session.isError && (
        <ProblemAlert error={session.error} title="Could not load this session" onRetry={() => void session.refetch()} />
      )}
      {session.data && <SessionView session={session.data} />}
    </div>
  );
}

function SessionView({ session }: { session: Session }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{session.title}</h1>
        <StateBadge state={session.state} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title="Plan">
          <PlanFacts session={session} />
        </Section>
        <Section title="Actions">
          <SessionActions session={session} />
        </Section>
      </div>
      {hasLiveProgress(session.state) && <LiveProgressSection session={session} />}
      <ResultsSection session={session} />
    </>
  );
}
