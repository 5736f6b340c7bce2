import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Session } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useAnnounceSession, useCancelSession } from "./queries";
import { canAnnounce, canCancel, canEdit } from "./states";

type Asking = "announce" | "cancel" | null;

/** Edit, announce and cancel, each offered only in the states that allow it; the last outcome shows. */
export function SessionActions({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const [asking, setAsking] = useState<Asking>(null);
  const announce = useAnnounceSession(session.id);
  const cancel = useCancelSession(session.id);
  const busy = announce.isPending || cancel.isPending;
  const offered = canEdit(session.state) || canAnnounce(session.state) || canCancel(session.state);

  return (
    <div className="space-y-3">
      {!offered && <p className="text-sm text-slate-600">{t("actions.nothing")}</p>}
      <div className="flex flex-wrap gap-2 empty:hidden">
        {canEdit(session.state) && (
          <Link to={`/sessions/${session.id}/edit`} className="btn-secondary">
            {t("actions.edit")}
          </Link>
        )}
        {canAnnounce(session.state) && (
          <button type="button" className="btn-primary" disabled={busy} onClick={() => setAsking("announce")}>
            {announce.isPending ? t("actions.announcing") : t("actions.announce")}
          </button>
        )}
        {canCancel(session.state) && (
          <button type="button" className="btn-danger" disabled={busy} onClick={() => setAsking("cancel")}>
            {cancel.isPending ? t("actions.cancelling") : t("actions.cancel")}
          </button>
        )}
      </div>
      {announce.isSuccess && <p role="status" className="text-sm text-slate-700">{t("actions.announced")}</p>}
      {cancel.isSuccess && <p role="status" className="text-sm text-slate-700">{t("actions.cancelled")}</p>}
      {announce.isError && <ProblemAlert error={announce.error} title={t("actions.announceFailed")} />}
      {cancel.isError && <ProblemAlert error={cancel.error} title={t("actions.cancelFailed")} />}
      {asking === "announce" && (
        <ConfirmDialog
          title={t("actions.announceQuestion", { title: session.title })}
          confirmLabel={t("actions.announce")}
          onConfirm={() => {
            setAsking(null);
            cancel.reset();
            announce.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          {t("actions.announceExplanation")}
        </ConfirmDialog>
      )}
      {asking === "cancel" && (
        <ConfirmDialog
          title={t("actions.cancelQuestion", { title: session.title })}
          confirmLabel={t("actions.cancel")}
          tone="danger"
          onConfirm={() => {
            setAsking(null);
            announce.reset();
            cancel.mutate();
          }}
          onCancel={() => setAsking(null)}
        >
          {t("actions.cancelExplanation")}
        </ConfirmDialog>
      )}
    </div>
  );
}
