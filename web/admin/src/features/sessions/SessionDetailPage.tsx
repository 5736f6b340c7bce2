import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("sessions");
  const session = useSession(id);
  useDocumentTitle(session.data?.title ?? t("detail.title"));

  return (
    <div className="space-y-6">
      <Link to="/sessions" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        {t("detail.allSessions")}
      </Link>
      {session.isPending && <Loading label={t("detail.loading")} />}
      {session.isError && (
        <ProblemAlert error={session.error} title={t("detail.loadFailed")} onRetry={() => void session.refetch()} />
      )}
      {session.data && <SessionView session={session.data} />}
    </div>
  );
}

function SessionView({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{session.title}</h1>
        <StateBadge state={session.state} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={t("detail.plan")}>
          <PlanFacts session={session} />
        </Section>
        <Section title={t("detail.actions")}>
          <SessionActions session={session} />
        </Section>
      </div>
      {hasLiveProgress(session.state) && <LiveProgressSection session={session} />}
      <ResultsSection session={session} />
    </>
  );
}
