import { Link, useNavigate, useParams } from "react-router";
import type { Programme, Session } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { useProgramme } from "../programme/useProgramme";
import { planFromSession } from "./planForm";
import { useSession, useUpdateSession } from "./queries";
import { SessionForm } from "./SessionForm";
import { canEdit, stateName } from "./states";

export function EditSessionPage() {
  const { id = "" } = useParams();
  const session = useSession(id);
  const programme = useProgramme();
  useDocumentTitle(session.data ? `Edit ${session.data.title}` : "Edit session");

  return (
    <div className="space-y-6">
      <Link to={`/sessions/${id}`} className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        ← Back to the session
      </Link>
      {(session.isPending || programme.isPending) && <Loading label="Loading the session…" />}
      {session.isError && (
        <ProblemAlert error={session.error} title="Could not load this session" onRetry={() => void session.refetch()} />
      )}
      {programme.isError && (
        <ProblemAlert error={programme.error} title="Could not load the programme" onRetry={() => void programme.refetch()} />
      )}
      {session.data && programme.data && <EditView session={session.data} programme={programme.data} />}
    </div>
  );
}

function EditView({ session, programme }: { session: Session; programme: Programme }) {
  const update = useUpdateSession(session.id);
  const navigate = useNavigate();
  return (
    <>
      <h1 className="text-2xl font-semibold">Edit {session.title}</h1>
      {canEdit(session.state) ? (
        <SessionForm
          initial={planFromSession(session, programme.time_zone)}
          timeZone={programme.time_zone}
          districts={programme.districts}
          save={update}
          submitLabel="Save changes"
          cancelTo={`/sessions/${session.id}`}
          onSaved={() => void navigate(`/sessions/${session.id}`)}
        />
      ) : (
        <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          A {stateName(session.state).toLowerCase()} session can no longer be edited.
        </p>
      )}
    </>
  );
}
