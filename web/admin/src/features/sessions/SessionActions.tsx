import { useState } from "react";
import { Link } from "react-router";
import type { Session } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useAnnounceSession, useCancelSession } from "./queries";
import { canAnnounce, canCancel, canEdit } from "./states";

type Asking = "announce" | "cancel" | null;

/** Edit, announce and cancel, each offered only in the states that allow it; the last outcome shows. */
export function SessionActions({ session }: { session: Session }) {
  const [asking, setAsking] = useState<Asking>(null);
  const announce = useAnnounceSession(session.id);
  const cancel = useCancelSession(session.id);
  const busy = announce.isPending || cancel.isPending;
  const offered = canEdit(session.state) || canAnnounce(session.state) || canCancel(session.state);

  return (
    <div className="space-y-3">
      {!offered && <p className="text-sm text-slate-600">Nothing more can be done with this session.</p>}
      <div className="flex flex-wrap gap-2 empty:hidden">
        {canEdit(session.state) && (
          <Link to={`/sessions/${session.id}/edit`} className="btn-secondary">
            Edit
          </Link>
        )}
        {canAnnounce(session.state) && (
          <button type="button" className="btn-primary" disabled={busy} onClick={() => setAsking("announce")}>
            {announce.isPending ? "Announcing…" : "Announce"}
          </button>
        )}
        {canCancel(session.state) && (
          <button type="button" className="btn-danger" disabled={busy} onClick={() => setAsking("cancel")}>
            {cancel.isPending ? "Cancelling…" : "Cancel session"}
          </button>
        )}
      </div>
      {announce.isSuccess && <p role="status" className="text-sm text-slate-700">The session is announced.</p>}
      {cancel.isSuccess && <p role="status" className="text-sm text-slate-700">The session is cancelled.</p>}
      {announce.isError && <ProblemAlert error={announce.error} title="Could not announce the session" />}
      {cancel.isError && <ProblemAlert error={cancel.error} title="Could not cancel the session" />}
      {asking === "announce" && (
        <ConfirmDialog
          title={`Announce ${session.title}?`}
          confirmLabel="Announce"
          onConfirm={() => {
            setAsking(null);
            cancel.reset();
            announce.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          Households in its audience see it and can join until the deadline.
        </ConfirmDialog>
      )}
      {asking === "cancel" && (
        <ConfirmDialog
          title={`Cancel ${session.title}?`}
          confirmLabel="Cancel session"
          tone="danger"
          onConfirm={() => {
            setAsking(null);
            announce.reset();
            cancel.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          Nobody is rewarded for a cancelled session, and it cannot be brought back.
        </ConfirmDialog>
      )}
    </div>
  );
}
