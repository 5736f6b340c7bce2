import { Link, useNavigate } from "react-router";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { useProgramme } from "../programme/useProgramme";
import { NEW_PLAN } from "./planForm";
import { useCreateSession } from "./queries";
import { SessionForm } from "./SessionForm";

export function NewSessionPage() {
  useDocumentTitle("New session");
  const programme = useProgramme();
  const create = useCreateSession();
  const navigate = useNavigate();

  return (
    <div className="space-y-6">
      <Link to="/sessions" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        ← All sessions
      </Link>
      <h1 className="text-2xl font-semibold">New session</h1>
      <p className="text-sm text-slate-600">It is saved as a draft; households see it once it is announced.</p>
      {programme.isPending && <Loading label="Loading the programme…" />}
      {programme.isError && (
        <ProblemAlert error={programme.error} title="Could not load the programme" onRetry={() => void programme.refetch()} />
      )}
      {programme.data && (
        <SessionForm
          initial={NEW_PLAN}
          timeZone={programme.data.time_zone}
          districts={programme.data.districts}
          save={create}
          submitLabel="Save draft"
          cancelTo="/sessions"
          onSaved={(session) => void navigate(`/sessions/${session.id}`)}
        />
      )}
    </div>
  );
}
